"""THE exact kernel of exactsep: linear algebra over Q backed by python-flint.

This is the only package that builds python-flint matrices. Inputs are nested lists of ints,
Fractions or fraction strings, or numpy integer arrays; floats are refused
(:class:`~exactsep.errors.NonExactInputError`), ragged rows too (:class:`~exactsep.errors.ShapeError`).
Outputs are Python ints and Fractions.

* :func:`rank` returns a :class:`RankResult` saying what is proven. By default it is a Monte-Carlo
  rank modulo random 64-bit primes with a stated error probability (at most ``2**-100``), proven
  outright whenever the certified lower bound reaches ``min(rows, cols)`` or a caller's
  ``upper_bound``; ``proof=True`` makes it deterministic (kernel certificate checked over Z, or a
  Hadamard-bound count of primes).
* :func:`rref`, :func:`nullspace`, :func:`solve` are exact over Q; large dense inputs try a
  multimodular rref (rref mod p, rational reconstruction, exact verification) first.
* :func:`det` is exact (FLINT's multimodular integer determinant); :func:`rank_mod_p` works for any
  prime.

>>> from exactsep.linalg import rank, rref, nullspace, solve, det
>>> r = rank([[1, 2], [2, 4]])
>>> r.value, r.proven
(1, True)
>>> rref([[2, 4], [1, 3]])
([[1, 0], [0, 1]], (0, 1))
>>> nullspace([[1, 1, 1]])
[[-1, 1, 0], [-1, 0, 1]]
>>> solve([[2, 0], [0, 4]], [1, 1])
[Fraction(1, 2), Fraction(1, 4)]
>>> det([["1/2", 0], [0, 4]])
2
"""
from .core import (RankResult, rank, rank_mod_p, rref, nullspace, solve, det, row_space_basis,
                   in_row_space, left_nullspace, matmul)

__all__ = ["RankResult", "rank", "rank_mod_p", "rref", "nullspace", "solve", "det",
           "row_space_basis", "in_row_space", "left_nullspace", "matmul"]
