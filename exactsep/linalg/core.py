"""Implementation of the exact kernel (see :mod:`exactsep.linalg`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd
from typing import Any, List, Optional, Sequence, Tuple

import flint

from ..errors import ShapeError, InvalidInputError
from ..numbers import exact_matrix, exact_vector, normalize, Rational


# ----------------------------------------------------------------------------- conversions
def _as_rows(M: Any, what: str = "matrix") -> List[List[Rational]]:
    return exact_matrix(M, what=what)


def _shape(rows: List[List[Rational]]) -> Tuple[int, int]:
    return len(rows), (len(rows[0]) if rows else 0)


def _integer_rows(rows: List[List[Rational]]) -> List[List[int]]:
    """Scale each row by the lcm of its denominators (row scaling keeps rank and kernel)."""
    out = []
    for r in rows:
        den = 1
        for x in r:
            if isinstance(x, Fraction):
                den = den * x.denominator // gcd(den, x.denominator)
        out.append([int(x * den) if den != 1 else int(x) for x in r])
    return out


def _to_fmpz_mat(int_rows: List[List[int]], ncols: int):
    return flint.fmpz_mat(len(int_rows), ncols, [x for r in int_rows for x in r])


def _to_fmpq_mat(rows: List[List[Rational]], ncols: int):
    flat = []
    for r in rows:
        for x in r:
            if isinstance(x, Fraction):
                flat.append(flint.fmpq(x.numerator, x.denominator))
            else:
                flat.append(flint.fmpq(x))
    return flint.fmpq_mat(len(rows), ncols, flat)


def _fmpq_to_py(q) -> Rational:
    return normalize(Fraction(int(q.p), int(q.q)))


# ----------------------------------------------------------------------------- rank
@dataclass(frozen=True)
class RankResult:
    """A rank together with how it was established.

    ``value`` is the rank reported; ``lower_bound`` <= rank over Q <= ``upper_bound`` hold with
    certainty; ``proven`` is True exactly when ``lower_bound == upper_bound == value``.
    ``error_probability`` bounds the probability that ``value`` is wrong when not proven
    (0 when proven). ``method`` names the path taken.
    """

    value: int
    lower_bound: int
    upper_bound: int
    proven: bool
    method: str
    error_probability: Fraction = Fraction(0)
    primes: Tuple[int, ...] = ()

    def __int__(self) -> int:
        return self.value

    __index__ = __int__

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, RankResult):
            return (self.value, self.proven) == (other.value, other.proven)
        if isinstance(other, int):
            return self.value == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.value)

    def to_json(self) -> dict:
        return {"rank": self.value, "lower_bound": self.lower_bound, "upper_bound": self.upper_bound,
                "proven": self.proven, "method": self.method,
                "error_probability": str(self.error_probability), "primes": list(self.primes)}


def rank(M: Any, *, proof: bool = False, upper_bound: Optional[int] = None) -> RankResult:
    """Rank of a rational matrix, with a statement of what was proven.

    This first implementation computes the rank exactly with FLINT over Z (always proven).
    """
    rows = _as_rows(M)
    m, n = _shape(rows)
    if m == 0 or n == 0:
        return RankResult(0, 0, 0, True, "empty")
    A = _to_fmpz_mat(_integer_rows(rows), n)
    r = A.rank()
    return RankResult(r, r, r, True, "fmpz_mat.rank")


def rank_mod_p(M: Any, p: int) -> int:
    """Rank of the matrix reduced modulo the word-size prime ``p`` (a lower bound on the rank over Q
    when no denominator is divisible by ``p``)."""
    rows = _as_rows(M)
    m, n = _shape(rows)
    if m == 0 or n == 0:
        return 0
    flat = []
    for r in rows:
        for x in r:
            if isinstance(x, Fraction):
                if x.denominator % p == 0:
                    raise InvalidInputError(f"denominator {x.denominator} is divisible by p = {p}")
                flat.append(x.numerator * pow(x.denominator, -1, p) % p)
            else:
                flat.append(x % p)
    return flint.nmod_mat(m, n, flat, p).rank()


# ----------------------------------------------------------------------------- rref & co
def rref(M: Any) -> Tuple[List[List[Rational]], Tuple[int, ...]]:
    """Reduced row echelon form over Q: ``(nonzero rows of the rref, pivot columns)``."""
    rows = _as_rows(M)
    m, n = _shape(rows)
    if m == 0 or n == 0:
        return [], ()
    R, r = _to_fmpq_mat(rows, n).rref()
    out, pivots = [], []
    for i in range(r):
        row = [_fmpq_to_py(R[i, j]) for j in range(n)]
        out.append(row)
        pivots.append(next(j for j, x in enumerate(row) if x != 0))
    return out, tuple(pivots)


def _primitive(v: List[Rational]) -> List[int]:
    den = 1
    for x in v:
        if isinstance(x, Fraction):
            den = den * x.denominator // gcd(den, x.denominator)
    w = [int(x * den) for x in v]
    g = 0
    for x in w:
        g = gcd(g, x)
    if g > 1:
        w = [x // g for x in w]
    return w


def nullspace(M: Any, ncols: Optional[int] = None) -> List[List[int]]:
    """A basis of the right kernel {v : M v = 0} over Q, as primitive integer vectors.

    The basis is the one read off the rref (one vector per free column, in column order),
    scaled to integers.
    """
    rows = _as_rows(M)
    m, n = _shape(rows)
    if ncols is not None:
        if m and n != ncols:
            raise ShapeError(f"matrix has {n} columns, expected {ncols}")
        n = ncols
    R, pivots = rref(rows) if m else ([], ())
    free = [j for j in range(n) if j not in set(pivots)]
    basis = []
    for f in free:
        v: List[Rational] = [0] * n
        v[f] = 1
        for i, p in enumerate(pivots):
            v[p] = -R[i][f]
        basis.append(_primitive(v))
    return basis


def left_nullspace(M: Any) -> List[List[int]]:
    """A basis of {y : y^T M = 0}, as primitive integer vectors."""
    rows = _as_rows(M)
    m, n = _shape(rows)
    cols = [[rows[i][j] for i in range(m)] for j in range(n)]
    return nullspace(cols, ncols=m)


def row_space_basis(M: Any) -> List[List[Rational]]:
    """The nonzero rows of the rref: a canonical basis of the row space."""
    return rref(M)[0]


def in_row_space(M: Any, v: Any) -> bool:
    """Whether the vector ``v`` lies in the row space of ``M`` (exactly)."""
    rows = _as_rows(M)
    v = exact_vector(v)
    if rows and len(rows[0]) != len(v):
        raise ShapeError(f"vector has length {len(v)}, matrix has {len(rows[0])} columns")
    if not rows:
        return all(x == 0 for x in v)
    return rank(rows + [v]).value == rank(rows).value


def solve(A: Any, b: Any) -> List[Rational]:
    """One solution x of A x = b over Q (A any shape); raises InvalidInputError if none exists.

    For a square invertible A this is the unique solution.
    """
    rows = _as_rows(A)
    m, n = _shape(rows)
    bb = exact_vector(b, what="right-hand side")
    if len(bb) != m:
        raise ShapeError(f"right-hand side has length {len(bb)}, the matrix has {m} rows")
    aug = [list(r) + [bb[i]] for i, r in enumerate(rows)]
    R, pivots = rref(aug)
    if pivots and pivots[-1] == n:
        raise InvalidInputError("the linear system has no solution")
    x: List[Rational] = [0] * n
    for i, p in enumerate(pivots):
        x[p] = R[i][n]
    return x


def det(M: Any) -> Rational:
    """Determinant of a square rational matrix."""
    rows = _as_rows(M)
    m, n = _shape(rows)
    if m != n:
        raise ShapeError(f"determinant needs a square matrix, got {m} x {n}")
    if m == 0:
        return 1
    return _fmpq_to_py(_to_fmpq_mat(rows, n).det())


def matmul(A: Any, B: Any) -> List[List[Rational]]:
    """Exact matrix product."""
    a, b = _as_rows(A), _as_rows(B, "second matrix")
    (m, k), (k2, n) = _shape(a), _shape(b)
    if k != k2:
        raise ShapeError(f"cannot multiply {m} x {k} by {k2} x {n}")
    P = _to_fmpq_mat(a, k) * _to_fmpq_mat(b, n)
    return [[_fmpq_to_py(P[i, j]) for j in range(n)] for i in range(m)]
