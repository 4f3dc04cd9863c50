"""rref, nullspace, solve, det, matmul and friends, against sympy and against their definitions."""
import random
from fractions import Fraction
from math import gcd

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidInputError, ShapeError
from exactsep.linalg import (rank, rref, nullspace, left_nullspace, solve, det, matmul,
                             row_space_basis, in_row_space)
from exactsep.linalg import core
from exactsep.strategies import rational_matrices, rational_vectors


def to_sympy(M):
    return sympy.Matrix([[sympy.Rational(str(x)) for x in r] for r in M])


def from_sympy(x):
    q = Fraction(int(x.p), int(x.q))
    return q.numerator if q.denominator == 1 else q


def mat_vec(M, v):
    return [sum((Fraction(a) * b for a, b in zip(r, v)), Fraction(0)) for r in M]


def exact_types(obj):
    if isinstance(obj, (list, tuple)):
        return all(exact_types(x) for x in obj)
    return type(obj) is int or (type(obj) is Fraction and obj.denominator != 1)


class force_multimodular:
    """Route every rref through the multimodular path (rref mod p + reconstruction + check)."""

    def __enter__(self):
        self.saved = core._RREF_DIRECT_ENTRIES, core._uses_direct_path
        core._RREF_DIRECT_ENTRIES = -1
        core._uses_direct_path = lambda A, limit: limit >= 0 and A.m * A.n <= limit

    def __exit__(self, *exc):
        core._RREF_DIRECT_ENTRIES, core._uses_direct_path = self.saved


def check_rref_against_sympy(M):
    R, piv = rref(M)
    assert exact_types(R)
    if not M or not M[0]:
        assert R == [] and piv == ()
        return
    S, spiv = to_sympy(M).rref()
    assert piv == tuple(spiv)
    expected = [[from_sympy(S[i, j]) for j in range(S.cols)] for i in range(len(spiv))]
    assert R == expected


@settings(max_examples=60, deadline=None)
@given(rational_matrices())
def test_rref_matches_sympy(M):
    check_rref_against_sympy(M)


@settings(max_examples=40, deadline=None)
@given(rational_matrices(max_size=7))
def test_rref_matches_sympy_multimodular(M):
    with force_multimodular():
        check_rref_against_sympy(M)


@settings(max_examples=40, deadline=None)
@given(rational_matrices())
def test_rref_idempotent_and_row_space(M):
    R, piv = rref(M)
    assert rref(R) == (R, piv)
    assert row_space_basis(M) == R
    for r in M:
        assert in_row_space(R, r) if R else all(x == 0 for x in r)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 12))
def test_large_rref_multimodular_matches_fmpz(seed, r):
    """A 210 x 200 matrix (above the direct threshold): multimodular result == FLINT over Z result."""
    rng = random.Random(seed)
    B = [[rng.randint(-2, 2) for _ in range(r)] for _ in range(210)]
    C = [[rng.randint(-2, 2) for _ in range(200)] for _ in range(r)]
    M = [[sum(B[i][k] * C[k][j] for k in range(r)) for j in range(200)] for i in range(210)]
    A = core.to_int_matrix(M)
    got = core._rref_int(A, seed=seed)
    R, den, rk = A.fmpz().rref()
    D, N, piv = got
    assert len(piv) == rk == rank(M).value
    ent = R.entries()
    for i in range(rk):
        for j in range(200):
            assert Fraction(N[i][j], D) == Fraction(int(ent[i * 200 + j]), int(den))


@settings(max_examples=60, deadline=None)
@given(rational_matrices())
def test_nullspace_properties(M):
    n = len(M[0]) if M else 0
    K = nullspace(M, ncols=n)
    r = rank(M).value
    assert len(K) == n - r                                    # rank + nullity = columns
    for v in K:
        assert all(type(x) is int for x in v)
        assert all(x == 0 for x in mat_vec(M, v))               # exact kernel vectors
        g = 0
        for x in v:
            g = gcd(g, x)
        assert g == 1                                           # primitive
    if K:
        assert rank(K).value == len(K)                          # independent
    # free-column structure: positive at its own free column, 0 at the other free columns
    _, piv = rref(M) if M else ([], ())
    free = [j for j in range(n) if j not in piv]
    for t, v in enumerate(K):
        assert v[free[t]] > 0
        assert all(v[f] == 0 for s, f in enumerate(free) if s != t)


@settings(max_examples=30, deadline=None)
@given(rational_matrices(max_size=7))
def test_nullspace_multimodular_equals_direct(M):
    n = len(M[0]) if M else 0
    with force_multimodular():
        K = nullspace(M, ncols=n)
    assert K == nullspace(M, ncols=n)
    sym = to_sympy(M).nullspace() if M and n else [sympy.eye(n).col(j) for j in range(n)]
    assert len(K) == len(sym)
    for v in K:
        assert all(x == 0 for x in mat_vec(M, v))


@settings(max_examples=40, deadline=None)
@given(rational_matrices())
def test_left_nullspace(M):
    Y = left_nullspace(M)
    m = len(M)
    assert len(Y) == m - rank(M).value
    for y in Y:
        n = len(M[0]) if M else 0
        assert all(sum(Fraction(y[i]) * M[i][j] for i in range(m)) == 0 for j in range(n))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_solve_consistent(data):
    M = data.draw(rational_matrices())
    n = len(M[0]) if M else 0
    x0 = data.draw(rational_vectors(n))
    b = mat_vec(M, x0)
    x = solve(M, b)
    assert exact_types(x)
    assert mat_vec(M, x) == b


@settings(max_examples=40, deadline=None)
@given(rational_matrices(), st.data())
def test_solve_inconsistent_raises(M, data):
    m = len(M)
    b = data.draw(rational_vectors(m))
    consistent = rank(M).value == rank([list(r) + [b[i]] for i, r in enumerate(M)]).value if m else True
    if consistent:
        assert mat_vec(M, solve(M, b)) == b
    else:
        with pytest.raises(InvalidInputError, match="no solution"):
            solve(M, b)


def test_solve_shape_errors():
    with pytest.raises(ShapeError):
        solve([[1, 2]], [1, 2])


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 6).flatmap(lambda n: rational_matrices(rows=n, cols=n)))
def test_det_matches_sympy(M):
    d = det(M)
    assert exact_types(d)
    expected = from_sympy(to_sympy(M).det()) if M else 1
    assert d == expected


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(rational_matrices(rows=n, cols=n),
                                                     rational_matrices(rows=n, cols=n))))
def test_det_multiplicative_and_matmul(AB):
    A, B = AB
    P = matmul(A, B)
    assert exact_types(P)
    expected = [[sum((Fraction(A[i][k]) * B[k][j] for k in range(len(B))), Fraction(0))
                 for j in range(len(B[0]))] for i in range(len(A))]
    assert P == expected
    assert det(P) == det(A) * det(B)


def test_det_shape_error():
    with pytest.raises(ShapeError, match="square"):
        det([[1, 2]])


def test_large_det_against_integer_elimination():
    rng = random.Random(1)
    M = [[rng.randint(-9, 9) for _ in range(22)] for _ in range(22)]
    assert det(M) == from_sympy(to_sympy(M).det(method="bareiss"))


def test_wide_dense_rref_falls_back_exactly():
    """Wide dense rank-deficient input: the multimodular probe gives up, FLINT over Z answers; the
    result is still the exact rref (checked by its defining properties and against sympy's rank)."""
    rng = random.Random(11)
    B = [[rng.randint(-9, 9) for _ in range(20)] for _ in range(50)]
    C = [[rng.randint(-9, 9) for _ in range(420)] for _ in range(20)]
    M = [[sum(B[i][k] * C[k][j] for k in range(20)) for j in range(420)] for i in range(50)]
    R, piv = rref(M)
    assert len(piv) == 20
    for i, pc in enumerate(piv):
        assert all(R[k][pc] == (1 if k == i else 0) for k in range(20))
        assert all(x == 0 for x in R[i][:pc])
    # every row of M is the combination of R's rows given by its pivot entries
    for row in M[:3]:
        comb = [sum(Fraction(row[pc]) * R[i][j] for i, pc in enumerate(piv)) for j in range(420)]
        assert comb == row


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**32))
def test_rational_rows_multimodular_rank_and_nullspace(seed):
    rng = random.Random(seed)
    r = rng.randint(1, 20)
    B = [[rng.randint(-3, 3) for _ in range(r)] for _ in range(52)]
    C = [[rng.randint(-3, 3) for _ in range(52)] for _ in range(r)]
    Z = [[sum(B[i][k] * C[k][j] for k in range(r)) for j in range(52)] for i in range(52)]
    M = [[Fraction(x, i + 1) for x in row] for i, row in enumerate(Z)]       # row scaling keeps the rank
    true = len(sympy.Matrix(Z).rref()[1])
    assert rank(M, seed=seed).value == true == rank(M, proof=True, seed=seed).value
    K = nullspace(M)
    assert len(K) == 52 - true
    for v in K[:5]:
        assert all(x == 0 for x in mat_vec(M, v))
