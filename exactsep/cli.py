"""The ``exactsep`` command line.

Each mission part contributes its subcommands through a module with a ``register(subparsers)``
function (see ``_COMMAND_MODULES``). Bad input prints one line on stderr and exits 2; no traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import List, Optional

from . import __version__
from .errors import ExactsepError

_COMMAND_MODULES = [
    "exactsep.demo",
    "exactsep.groups.cli",
    "exactsep.separation.cli",
    "exactsep.relu.cli",
    "exactsep.folding.cli",
    "exactsep.srhm.cli",
    "exactsep.proofs.cli",
]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="exactsep",
        description="Exact computational algebra for neural-network expressivity: separation power of "
                    "equivariant networks, ReLU functional dimension, space folding, the SRHM.")
    p.add_argument("--version", action="version", version=f"exactsep {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        rc = args.func(args)
    except ExactsepError as e:
        print(f"exactsep: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        print("exactsep: interrupted", file=sys.stderr)
        return 130
    return int(rc or 0)


def entry() -> None:  # pragma: no cover
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
