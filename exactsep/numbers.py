"""Parsing and normalising exact numbers.

Accepted: ``int`` (and numpy integer scalars), ``fractions.Fraction``, ``decimal.Decimal``,
python-flint ``fmpz``/``fmpq``, and strings such as ``"3"``, ``"-3/4"``, ``"0.125"``, ``"1e-3"``.
Refused with :class:`~exactsep.errors.NonExactInputError`: floats (Python or numpy), complex
numbers, booleans, anything else.

Results are normalised: a value with denominator 1 comes back as ``int``, otherwise as ``Fraction``.

>>> from exactsep.numbers import exact, exact_vector, fraction_str
>>> exact("3/4"), exact("0.5"), exact(6), exact("4/2")
(Fraction(3, 4), Fraction(1, 2), 6, 2)
>>> exact(0.5)
Traceback (most recent call last):
...
exactsep.errors.NonExactInputError: 0.5 is a float; exactsep needs an exact number (an int, a Fraction or a string such as '1/2')
>>> fraction_str(Fraction(-1, 2)), fraction_str(3)
('-1/2', '3')
"""
from __future__ import annotations

import decimal
import re
import numbers as _pynumbers
from fractions import Fraction
from math import gcd, lcm
from typing import Any, Iterable, List, Optional, Union

from .errors import NonExactInputError, ShapeError

Rational = Union[int, Fraction]

__all__ = ["Rational", "exact", "exact_vector", "exact_matrix", "normalize", "fraction_str",
           "to_json_number", "common_denominator", "primitive_integer_vector", "Fraction"]


def normalize(q: Union[int, Fraction]) -> Rational:
    """Return ``q`` as an ``int`` when its denominator is 1, else as a ``Fraction``."""
    if isinstance(q, Fraction):
        return q.numerator if q.denominator == 1 else q
    return int(q)


_EXACT_STRING = re.compile(r"[+-]?(?:(?P<num>[0-9]+)(?:\s*/\s*[+-]?(?P<den>[0-9]+))?"
                           r"|(?P<frac>[0-9]*\.?[0-9]*)(?:[eE](?P<exp>[+-]?[0-9]+))?)", re.ASCII)


def exact(x: Any, what: str = "value") -> Rational:
    """Convert ``x`` to an exact rational (``int`` or ``Fraction``) or raise ``NonExactInputError``."""
    if isinstance(x, bool):
        raise NonExactInputError(f"{what} {x!r} is a boolean; exactsep needs a number")
    if isinstance(x, int):
        return x
    if isinstance(x, Fraction):
        return normalize(x)
    if isinstance(x, float):
        raise NonExactInputError(
            f"{x!r} is a float; exactsep needs an exact number (an int, a Fraction or a string such as '1/2')")
    if isinstance(x, decimal.Decimal):
        if not x.is_finite():
            raise NonExactInputError(f"{what} {x!r} is not finite")
        return normalize(Fraction(x))
    if isinstance(x, str):
        s = x.strip()
        m = _EXACT_STRING.fullmatch(s)
        if not m:
            raise NonExactInputError(f"cannot read {what} {x[:60]!r} as an exact rational number (ASCII digits: an "
                                     f"integer, p/q or a decimal such as '0.5' or '1e-3')")
        from .limits import max_int_digits
        limit = max_int_digits()
        digits = len(m.group("num") or "") + len(m.group("den") or "") + len(m.group("frac") or "")
        expo = abs(int(m.group("exp"))) if m.group("exp") and len(m.group("exp")) <= 12 else (
            10 ** 12 if m.group("exp") else 0)
        if max(digits, expo) > limit:
            raise NonExactInputError(f"{what} {x[:40]!r}... has more than {limit} digits (the digit limit; raise it "
                                     f"with --max-digits or EXACTSEP_MAX_DIGITS)")
        try:
            if "/" in s:
                num, den = s.split("/", 1)
                q = Fraction(int(num.strip()), int(den.strip()))
            else:
                d = decimal.Decimal(s)
                if not d.is_finite():
                    raise ValueError
                q = Fraction(d)
        except (ValueError, ZeroDivisionError, decimal.InvalidOperation):
            raise NonExactInputError(f"cannot read {what} {x!r} as an exact rational number") from None
        return normalize(q)
    # numpy scalars and python-flint scalars, without importing either eagerly
    mod = type(x).__module__
    if mod == "numpy":
        import numpy as np
        if isinstance(x, np.integer):
            return int(x)
        if isinstance(x, np.bool_):
            raise NonExactInputError(f"{what} {x!r} is a boolean; exactsep needs a number")
        raise NonExactInputError(
            f"{x!r} is a numpy {type(x).__name__}; exactsep needs an exact number (an integer dtype, a Fraction or a string)")
    if mod.startswith("flint"):
        name = type(x).__name__
        if name == "fmpz":
            return int(x)
        if name == "fmpq":
            return normalize(Fraction(int(x.p), int(x.q)))
    if isinstance(x, _pynumbers.Integral):
        return int(x)
    if isinstance(x, _pynumbers.Rational):
        return normalize(Fraction(int(x.numerator), int(x.denominator)))
    raise NonExactInputError(f"{what} {x!r} of type {type(x).__name__} is not an exact rational number")


def exact_vector(v: Any, length: Optional[int] = None, what: str = "vector") -> List[Rational]:
    """Convert a 1-d sequence (list, tuple, numpy integer array) to a list of exact rationals."""
    if isinstance(v, (str, bytes)) or not _is_sequence(v):
        raise ShapeError(f"{what} must be a sequence of numbers, got {type(v).__name__}")
    out = []
    for i, x in enumerate(_iter(v)):
        if _is_sequence(x) and not isinstance(x, str):
            raise ShapeError(f"{what} must be one-dimensional (entry {i} is a sequence)")
        out.append(exact(x, what=f"{what} entry {i}"))
    if length is not None and len(out) != length:
        raise ShapeError(f"{what} has length {len(out)}, expected {length}")
    return out


def exact_matrix(m: Any, shape: Optional[tuple] = None, what: str = "matrix") -> List[List[Rational]]:
    """Convert a 2-d nested sequence or numpy integer array to a list of rows of exact rationals.

    Ragged rows raise :class:`~exactsep.errors.ShapeError`. An empty matrix needs an explicit
    ``shape`` to know its column count; ``[]`` alone is taken as 0 x 0.
    """
    if isinstance(m, (str, bytes)) or not _is_sequence(m):
        raise ShapeError(f"{what} must be a 2-d sequence of numbers, got {type(m).__name__}")
    rows = [exact_vector(r, what=f"{what} row {i}") for i, r in enumerate(_iter(m))]
    ncols = len(rows[0]) if rows else (shape[1] if shape else 0)
    for i, r in enumerate(rows):
        if len(r) != ncols:
            raise ShapeError(f"{what} is ragged: row {i} has {len(r)} entries, row 0 has {ncols}")
    if shape is not None and (len(rows), ncols) != tuple(shape):
        raise ShapeError(f"{what} has shape {(len(rows), ncols)}, expected {tuple(shape)}")
    return rows


def common_denominator(values: Iterable[Any]) -> int:
    """The least common multiple of the denominators of exact rationals (1 for integers).

    >>> common_denominator([Fraction(1, 4), 3, Fraction(5, 6)])
    12
    """
    return lcm(*(x.denominator for x in values if isinstance(x, Fraction)))


def primitive_integer_vector(v: Iterable[Any]) -> List[int]:
    """The positive multiple of a rational vector with coprime integer entries (same direction);
    the zero vector stays zero.

    >>> primitive_integer_vector([Fraction(1, 2), Fraction(-3, 4), 0])
    [2, -3, 0]
    """
    v = [x if isinstance(x, (int, Fraction)) else exact(x) for x in v]
    den = common_denominator(v)
    w = [int(x * den) for x in v] if den != 1 else [int(x) for x in v]
    g = gcd(*w)
    return [x // g for x in w] if g > 1 else w


def fraction_str(q: Any) -> str:
    """Exact rational as a string: ``'3'``, ``'-1/2'``."""
    q = exact(q)
    return str(q)


def to_json_number(q: Any) -> Union[int, str]:
    """Integers stay JSON integers; non-integral rationals become fraction strings."""
    q = exact(q)
    return q if isinstance(q, int) else str(q)


def _is_sequence(v: Any) -> bool:
    if isinstance(v, (list, tuple)):
        return True
    if type(v).__module__ == "numpy" and hasattr(v, "ndim"):
        return v.ndim >= 1
    return hasattr(v, "__len__") and hasattr(v, "__getitem__") and not isinstance(v, (str, bytes, dict))


def _iter(v: Any) -> Iterable:
    if type(v).__module__ == "numpy" and hasattr(v, "ndim"):
        if v.dtype.kind == "f" or v.dtype.kind == "c":
            raise NonExactInputError(
                f"numpy array of dtype {v.dtype} holds floats; exactsep needs an integer dtype, Fractions or strings")
        return list(v)
    return v
