"""Small helpers shared by the CLI modules: reading JSON specs, printing results."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any, Iterator

from .errors import InvalidSpecError


def load_json(path: str, what: str = "spec") -> Any:
    """Read a JSON file (``-`` for standard input); bad JSON or a missing file is an InvalidSpecError."""
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
    except OSError as e:
        raise InvalidSpecError(f"cannot read {what} file {path!r}: {e.strerror}") from None
    try:
        return json.loads(text, parse_float=_refuse_float)
    except json.JSONDecodeError as e:
        raise InvalidSpecError(f"{what} file {path!r} is not valid JSON: {e.msg} at line {e.lineno}") from None


@contextmanager
def writing(path: str, what: str) -> Iterator[None]:
    """Around code that writes the output file ``path``: an OS error (missing directory, no
    permission) becomes an InvalidSpecError naming the file, so the CLI prints one line, exit 2."""
    try:
        yield
    except OSError as e:
        raise InvalidSpecError(f"cannot write the {what} file {path!r}: {e.strerror}") from None


def _refuse_float(s: str):
    from .errors import NonExactInputError
    raise NonExactInputError(
        f"the JSON number {s} is a float; write exact numbers as integers or strings such as \"1/2\" or \"0.5\"")


def emit(obj: Any, as_json: bool, text: str = "") -> None:
    if as_json:
        print(json.dumps(obj, indent=2, sort_keys=False))
    else:
        print(text)
