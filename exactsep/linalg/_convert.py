"""Input conversion for the kernel: any accepted matrix -> row-scaled integer matrix.

A rational matrix ``M`` is stored as an integer matrix ``A`` (row-major flat list of Python ints)
and positive row denominators ``d`` with ``M[i] = A[i] / d[i]``. Row scaling by nonzero numbers
keeps the rank, the row space, the rref and the right kernel, so most of the kernel works on ``A``
alone. Integer input (numpy integer arrays, lists of Python ints) takes a fast path that never
builds a ``Fraction``.
"""
from __future__ import annotations

from fractions import Fraction
from operator import mul as _mul
from typing import Any, List, Optional, Sequence

import flint

from ..errors import NonExactInputError, ShapeError
from ..numbers import common_denominator, exact, exact_vector


class IntMatrix:
    """Row-scaled integer form of a rational matrix (internal)."""

    __slots__ = ("m", "n", "flat", "row_den", "_fmpz", "_sqnorms", "_colsq", "_nnz", "_np")

    def __init__(self, m: int, n: int, flat: List[int], row_den: Optional[List[int]] = None,
                 np_array: Any = None):
        self.m, self.n, self.flat, self.row_den = m, n, flat, row_den
        self._fmpz = None
        self._sqnorms = None
        self._colsq = None
        self._nnz = None
        self._np = np_array

    # -- views
    def row(self, i: int) -> List[int]:
        n = self.n
        return self.flat[i * n:(i + 1) * n]

    def rows(self) -> List[List[int]]:
        n = self.n
        f = self.flat
        return [f[i * n:(i + 1) * n] for i in range(self.m)]

    def fmpz(self):
        """The integer matrix as a ``flint.fmpz_mat`` (built once)."""
        if self._fmpz is None:
            self._fmpz = flint.fmpz_mat(self.m, self.n, self.flat)
        return self._fmpz

    def is_integral(self) -> bool:
        return self.row_den is None

    def nonzero_count(self) -> int:
        if self._nnz is None:
            if self._np is not None:
                import numpy as np
                self._nnz = int(np.count_nonzero(self._np))
            else:
                self._nnz = len(self.flat) - self.flat.count(0)
        return self._nnz

    def _small_numpy(self):
        """The matrix as an int64 numpy array when squared norms cannot overflow int64, else None."""
        import numpy as np
        arr = self._np
        if arr is None:
            try:
                arr = np.array(self.flat, dtype=np.int64).reshape(self.m, self.n)
            except (OverflowError, ValueError, TypeError):
                return None
        elif arr.dtype != np.int64:
            if arr.dtype.kind == "u" and arr.dtype.itemsize >= 8:
                return None
            arr = arr.astype(np.int64)
        if arr.size and (int(np.abs(arr).max()) > (1 << 20) or max(self.m, self.n) > (1 << 20)):
            return None
        return arr

    def row_sqnorms(self) -> List[int]:
        """Exact squared Euclidean norms of the rows."""
        if self._sqnorms is None:
            arr = self._small_numpy() if self.m * self.n >= 10000 else None
            if arr is not None:
                self._sqnorms = (arr * arr).sum(axis=1).tolist()
            else:
                n, f = self.n, self.flat
                self._sqnorms = [sum(map(_mul, f[i * n:(i + 1) * n], f[i * n:(i + 1) * n]))
                                 for i in range(self.m)]
        return self._sqnorms

    def col_sqnorms(self) -> List[int]:
        """Exact squared Euclidean norms of the columns."""
        if self._colsq is None:
            arr = self._small_numpy() if self.m * self.n >= 10000 else None
            if arr is not None:
                self._colsq = (arr * arr).sum(axis=0).tolist()
            else:
                n, f = self.n, self.flat
                self._colsq = [sum(map(_mul, f[j::n], f[j::n])) for j in range(n)]
        return self._colsq

    def transpose(self) -> "IntMatrix":
        """Transpose of the integer matrix (row denominators dropped: use for rank / kernels only)."""
        m, n, f = self.m, self.n, self.flat
        flat = [f[i * n + j] for j in range(n) for i in range(m)]
        T = IntMatrix(n, m, flat, np_array=None if self._np is None else self._np.T)
        if self._fmpz is not None:
            T._fmpz = self._fmpz.transpose()
        T._sqnorms, T._colsq = self._colsq, self._sqnorms
        return T

    def to_rational_rows(self) -> List[List[Any]]:
        rows = self.rows()
        if self.row_den is None:
            return rows
        out = []
        for r, d in zip(rows, self.row_den):
            out.append(r if d == 1 else [_norm(Fraction(x, d)) for x in r])
        return out


def _norm(q: Fraction):
    return q.numerator if q.denominator == 1 else q


def _numpy_to_int(M: Any, what: str) -> IntMatrix:
    kind = M.dtype.kind
    if kind in "fc":
        raise NonExactInputError(
            f"{what} is a numpy array of dtype {M.dtype} (floats); exactsep needs exact numbers: "
            f"an integer dtype, or Fractions / strings such as '1/2'")
    if kind == "b":
        raise NonExactInputError(f"{what} is a numpy array of booleans; exactsep needs numbers")
    if M.ndim != 2:
        raise ShapeError(f"{what} must be 2-dimensional, got a numpy array of shape {M.shape}")
    m, n = M.shape
    if kind in "iu":
        return IntMatrix(m, n, M.ravel().tolist(), np_array=M)
    return _rows_to_int([list(r) for r in M], what, n if m == 0 else None)


def _rows_to_int(rows: Sequence[Any], what: str, ncols: Optional[int]) -> IntMatrix:
    m = len(rows)
    flat: List[int] = []
    dens: List[int] = []
    any_den = False
    n = ncols
    for i, r in enumerate(rows):
        if isinstance(r, (str, bytes)):
            raise ShapeError(f"{what} row {i} is a string, not a sequence of numbers")
        if type(r) is list or type(r) is tuple:
            row = r
        elif hasattr(r, "ndim") and type(r).__module__ == "numpy":
            if r.ndim != 1:
                raise ShapeError(f"{what} row {i} must be one-dimensional")
            row = r.tolist() if r.dtype.kind in "iu" else list(exact_vector(r, what=f"{what} row {i}"))
        else:
            try:
                row = list(r)
            except TypeError:
                raise ShapeError(f"{what} must be a 2-d sequence of numbers; row {i} is "
                                 f"{type(r).__name__}") from None
        if n is None:
            n = len(row)
        elif len(row) != n:
            raise ShapeError(f"{what} is ragged: row {i} has {len(row)} entries, "
                             f"{'row 0 has' if ncols is None else 'expected'} {n}")
        if all(type(x) is int for x in row):
            flat.extend(row)
            dens.append(1)
            continue
        vals = []
        for j, x in enumerate(row):
            if isinstance(x, (list, tuple)) or (hasattr(x, "ndim") and getattr(x, "ndim", 0) >= 1):
                raise ShapeError(f"{what} must be 2-dimensional: entry ({i}, {j}) is a sequence")
            vals.append(exact(x, what=f"{what} entry ({i}, {j})"))
        den = common_denominator(vals)
        if den == 1:
            flat.extend(int(v) for v in vals)
            dens.append(1)
        else:
            any_den = True
            flat.extend(int(v * den) for v in vals)
            dens.append(den)
    return IntMatrix(m, n if n is not None else 0, flat, dens if any_den else None)


def to_int_matrix(M: Any, what: str = "matrix", ncols: Optional[int] = None) -> IntMatrix:
    """Convert an accepted matrix to :class:`IntMatrix`; floats refused, ragged rows refused."""
    if isinstance(M, IntMatrix):
        return M
    if type(M).__module__ == "numpy" and hasattr(M, "ndim"):
        out = _numpy_to_int(M, what)
    else:
        mod = type(M).__module__
        if mod.startswith("flint") and hasattr(M, "tolist"):
            M = M.tolist()
        if isinstance(M, (str, bytes, dict)) or not hasattr(M, "__len__"):
            raise ShapeError(f"{what} must be a 2-d sequence of numbers, got {type(M).__name__}")
        out = _rows_to_int(list(M), what, ncols if len(M) == 0 else None)
    if ncols is not None and out.m and out.n != ncols:
        raise ShapeError(f"{what} has {out.n} columns, expected {ncols}")
    if ncols is not None and out.m == 0:
        out.n = ncols
    return out


def fmpz_mat_from_rows(rows: List[List[int]], ncols: int):
    """A ``flint.fmpz_mat`` from integer rows (internal helper)."""
    return flint.fmpz_mat(len(rows), ncols, [x for r in rows for x in r])
