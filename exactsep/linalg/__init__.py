"""THE exact kernel of exactsep: linear algebra over Q backed by python-flint.

This is the only package that builds python-flint matrices. Inputs are nested lists of ints,
``Fraction``s or fraction strings, or numpy integer arrays; floats are refused. Outputs are Python
ints and ``Fraction``s.

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
