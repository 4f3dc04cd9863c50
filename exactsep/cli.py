"""The ``exactsep`` command line.

Each mission part contributes its subcommands through a module with a ``register(subparsers)``
function (see ``_COMMAND_MODULES``). Bad input prints one line on stderr and exits 2; no traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
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


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line (the rule of the CLI: one line on stderr, exit 2); the usage
    itself is one ``--help`` away. Subcommand parsers inherit the class."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="exactsep", allow_abbrev=False,    # a subcommand's --m must not read as an abbreviated global flag
        description="Exact computational algebra for neural-network expressivity: separation power of "
                    "equivariant networks, ReLU functional dimension, space folding, the SRHM.")
    p.add_argument("--version", action="version", version=f"exactsep {__version__}")
    _add_limit_flags(p, argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    for sp in _all_subparsers(p):
        _add_limit_flags(sp, argparse.SUPPRESS)
    return p


def _add_limit_flags(p: argparse.ArgumentParser, default) -> None:
    """The limits of exactsep.limits as flags, accepted before or after the subcommand."""
    g = p.add_argument_group("limits (see exactsep.limits; each also an environment variable)")
    g.add_argument("--memory-budget", metavar="SIZE", default=default,
                   help="memory budget for estimated allocations, e.g. 16G (default: half the machine's memory; "
                        "EXACTSEP_MEMORY_BUDGET)")
    g.add_argument("--max-json-depth", metavar="N", type=int, default=default,
                   help="deepest JSON nesting accepted in any input (default 100; EXACTSEP_MAX_JSON_DEPTH)")
    g.add_argument("--max-digits", metavar="N", type=int, default=default,
                   help="most digits of an integer in any input (default 1000; EXACTSEP_MAX_DIGITS)")
    g.add_argument("--max-file-size", metavar="SIZE", default=default,
                   help="largest input file, e.g. 512M (default 256M; EXACTSEP_MAX_FILE_BYTES)")
    g.add_argument("--max-table-entries", metavar="N", type=int, default=default,
                   help="largest list of group elements, counted as elements x points acted on (default 5e7; "
                        "EXACTSEP_MAX_TABLE_ENTRIES)")


def _all_subparsers(p: argparse.ArgumentParser):
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sp in dict.fromkeys(action.choices.values()):
                yield sp
                yield from _all_subparsers(sp)


_NONASCII_NUMBER = re.compile(r"[+-]?[\d_]+(?:[./,][\d_]+)*")


def main(argv: Optional[List[str]] = None) -> int:
    if hasattr(sys, "set_int_max_str_digits"):
        # exactsep bounds integer inputs itself (exactsep.limits); exact answers such as counts with
        # thousands of digits must print
        sys.set_int_max_str_digits(0)
    parser = build_parser()
    for tok in (sys.argv[1:] if argv is None else argv):
        # Python's int() reads any Unicode decimal digits ('٣' is 3): numbers on the command line must be ASCII
        if isinstance(tok, str) and not tok.isascii() and _NONASCII_NUMBER.fullmatch(tok.strip().split("=")[-1]):
            print(f"exactsep: error: the argument {tok!r} is a number written with non-ASCII digits; use 0-9",
                  file=sys.stderr)
            return 2
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from .limits import budget_override
    try:
        with budget_override(memory=getattr(args, "memory_budget", None),
                             json_depth=getattr(args, "max_json_depth", None),
                             int_digits=getattr(args, "max_digits", None),
                             file_bytes=getattr(args, "max_file_size", None),
                             table_entries=getattr(args, "max_table_entries", None)):
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
