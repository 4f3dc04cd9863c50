"""Limits and budgets: what exactsep refuses before it starts, and how to lift it.

Two kinds of limit live here, so that every command and library function states them the same way:

* **Input limits** (read by :mod:`exactsep.cliutil`'s one input reader): the size of a file, the
  nesting depth of JSON, the number of digits of an integer. Defaults below; each can be raised by
  an environment variable (and by the CLI's global flags, which set the same variables).
* **Budgets** for work that can explode: a memory budget (a fraction of the machine's memory by
  default) that estimates are held against *before* an allocation, and named count limits. A
  refusal is a :class:`~exactsep.errors.ComputationLimitError` whose message gives the estimate,
  the limit and the flag or variable that lifts it.

>>> from exactsep.limits import human_bytes, check_memory, memory_budget
>>> human_bytes(3 * 2 ** 30)
'3.0 GiB'
>>> check_memory(1024, "a small array")          # fits: returns the estimate
1024
>>> check_memory(10 * memory_budget(), "a huge array")
Traceback (most recent call last):
...
exactsep.errors.ComputationLimitError: a huge array needs about ... (estimate), above the memory budget of ...; raise it with --memory-budget or EXACTSEP_MEMORY_BUDGET (e.g. 16G)
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, Optional

from .errors import ComputationLimitError, InvalidInputError

__all__ = ["MAX_JSON_DEPTH", "MAX_INT_DIGITS", "MAX_FILE_BYTES", "max_json_depth", "max_int_digits",
           "max_file_bytes", "memory_budget", "check_memory", "check_count", "human_bytes", "parse_bytes",
           "budget_override", "total_memory", "MAX_TABLE_ENTRIES", "max_table_entries", "check_table", "cert_slack"]

#: Default deepest nesting of JSON arrays/objects accepted (env ``EXACTSEP_MAX_JSON_DEPTH``).
MAX_JSON_DEPTH = 100
#: Default largest number of decimal digits of an integer in any input (env ``EXACTSEP_MAX_DIGITS``).
MAX_INT_DIGITS = 1000
#: Default largest input file, in bytes (env ``EXACTSEP_MAX_FILE_BYTES``, suffixes K/M/G allowed).
MAX_FILE_BYTES = 256 * 2 ** 20
#: Default memory budget as a fraction of the machine's memory (env ``EXACTSEP_MEMORY_BUDGET``).
MEMORY_FRACTION = 0.5
#: Default largest element table: group elements listed times the points each acts on
#: (env ``EXACTSEP_MAX_TABLE_ENTRIES``). About 60-330 ns per entry: 5*10^7 entries is seconds, not hours.
MAX_TABLE_ENTRIES = 50_000_000

_UNITS = {"": 1, "B": 1, "K": 2 ** 10, "KB": 2 ** 10, "KIB": 2 ** 10, "M": 2 ** 20, "MB": 2 ** 20, "MIB": 2 ** 20,
          "G": 2 ** 30, "GB": 2 ** 30, "GIB": 2 ** 30, "T": 2 ** 40, "TB": 2 ** 40, "TIB": 2 ** 40}


def parse_bytes(text: str, what: str = "size") -> int:
    """``"4G"``, ``"512M"``, ``"1000000"`` -> bytes (binary units).

    >>> parse_bytes("4G"), parse_bytes("512 MiB"), parse_bytes("100")
    (4294967296, 536870912, 100)
    """
    s = str(text).strip().upper().replace(" ", "")
    num = s.rstrip("KMGTIB")
    unit = s[len(num):]
    if not num.isdigit() or not num.isascii() or unit not in _UNITS or len(num) > 20:
        raise InvalidInputError(f"cannot read {what} {text!r}: use a whole number of bytes or a suffix K, M, G, T (e.g. 4G)")
    return int(num) * _UNITS[unit]


def human_bytes(n: float) -> str:
    """A byte count for people: ``'1.5 GiB'``."""
    n = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(n) < 1024 or unit == "PiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} EiB"  # pragma: no cover


def total_memory() -> int:
    """The machine's physical memory in bytes (8 GiB when it cannot be read)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        return 8 * 2 ** 30


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    v = parse_bytes(raw, what=name) if name.endswith(("BYTES", "BUDGET")) else None
    if v is None:
        s = raw.strip()
        if not (s.isascii() and s.isdigit()) or len(s) > 18:
            raise InvalidInputError(f"environment variable {name}={raw!r} is not a positive whole number")
        v = int(s)
    if v < minimum:
        raise InvalidInputError(f"environment variable {name}={raw!r} must be at least {minimum}")
    return v


def max_json_depth() -> int:
    """The JSON nesting limit in force (``EXACTSEP_MAX_JSON_DEPTH`` or :data:`MAX_JSON_DEPTH`)."""
    return _env_int("EXACTSEP_MAX_JSON_DEPTH", MAX_JSON_DEPTH)


def max_int_digits() -> int:
    """The integer digit limit in force (``EXACTSEP_MAX_DIGITS`` or :data:`MAX_INT_DIGITS`)."""
    return _env_int("EXACTSEP_MAX_DIGITS", MAX_INT_DIGITS)


def max_file_bytes() -> int:
    """The input file size limit in force (``EXACTSEP_MAX_FILE_BYTES`` or :data:`MAX_FILE_BYTES`)."""
    return _env_int("EXACTSEP_MAX_FILE_BYTES", MAX_FILE_BYTES)


def max_table_entries() -> int:
    """The element-table limit in force (``EXACTSEP_MAX_TABLE_ENTRIES`` or :data:`MAX_TABLE_ENTRIES`)."""
    return _env_int("EXACTSEP_MAX_TABLE_ENTRIES", MAX_TABLE_ENTRIES)


def check_table(elements: int, points: int, what: str) -> int:
    """Refuse a list of ``elements`` permutations of ``points`` points each above :func:`max_table_entries`
    (an estimate of work, checked before the list is built); otherwise return the number of entries.

    >>> check_table(120, 5, "the elements of S5")
    600
    """
    return check_count(int(elements) * int(points), max_table_entries(),
                       f"{what}: an element table of {int(elements):,} elements x {int(points):,} points",
                       "--max-table-entries or EXACTSEP_MAX_TABLE_ENTRIES")


def cert_slack() -> float:
    """The factor over the largest catalogue value up to which ``exactsep verify`` admits an instance field
    (``EXACTSEP_CERT_SLACK``, set by ``verify --size-slack``; default 2): a finite number >= 1."""
    raw = os.environ.get("EXACTSEP_CERT_SLACK", "2")
    try:
        v = float(raw)
    except ValueError:
        v = float("nan")
    if not (1.0 <= v < float("inf")):
        raise InvalidInputError(f"the size slack (--size-slack / EXACTSEP_CERT_SLACK) is {raw!r}; it must be a "
                                f"finite number >= 1")
    return v


def memory_budget() -> int:
    """The memory budget in bytes: ``EXACTSEP_MEMORY_BUDGET`` (e.g. ``16G``) or half the machine's memory."""
    return _env_int("EXACTSEP_MEMORY_BUDGET", int(MEMORY_FRACTION * total_memory()))


def check_memory(nbytes: float, what: str, flag: str = "--memory-budget") -> int:
    """Refuse (:class:`ComputationLimitError`) when the estimate ``nbytes`` exceeds the memory budget;
    otherwise return the estimate. ``what`` names the object about to be built."""
    budget = memory_budget()
    if nbytes > budget:
        raise ComputationLimitError(
            f"{what} needs about {human_bytes(nbytes)} (estimate), above the memory budget of {human_bytes(budget)}; "
            f"raise it with {flag} or EXACTSEP_MEMORY_BUDGET (e.g. 16G)")
    return int(nbytes)


def check_count(count: int, limit: int, what: str, flag: str) -> int:
    """Refuse when ``count`` (an estimate of work: elements, regions, samples) exceeds ``limit``."""
    if count > limit:
        c = f"{count:.3e}" if count >= 10 ** 12 else f"{count:,}"
        raise ComputationLimitError(f"{what} is about {c}, above the limit {limit:,}; raise it with {flag}")
    return count


@contextmanager
def budget_override(memory: Optional[str] = None, json_depth: Optional[int] = None,
                    int_digits: Optional[int] = None, file_bytes: Optional[str] = None,
                    table_entries: Optional[int] = None, size_slack: Optional[str] = None) -> Iterator[None]:
    """Temporarily set limits (the CLI's global flags use this); ``None`` leaves a limit as it is."""
    values = {"EXACTSEP_MEMORY_BUDGET": memory, "EXACTSEP_MAX_JSON_DEPTH": json_depth,
              "EXACTSEP_MAX_DIGITS": int_digits, "EXACTSEP_MAX_FILE_BYTES": file_bytes,
              "EXACTSEP_MAX_TABLE_ENTRIES": table_entries, "EXACTSEP_CERT_SLACK": size_slack}
    old = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is not None:
                os.environ[k] = str(v)
        # validate now, so a bad flag is one clear line before any work
        memory_budget(), max_json_depth(), max_int_digits(), max_file_bytes(), max_table_entries(), cert_slack()
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
