"""Rank: default (Monte Carlo) mode, proof mode, upper bounds, error probabilities.

Every value is held against an independent computation: sympy's ``Matrix.rref`` (not
``Matrix.rank``, which is exponentially slow), matrices built with a known rank, or brute force.
"""
import random
from fractions import Fraction

import pytest
import flint
import sympy
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidInputError
from exactsep.linalg import rank, rank_mod_p, det
from exactsep.linalg import core, _primes
from exactsep.strategies import rational_matrices


def sympy_rank(M):
    if not M or not M[0]:
        return 0
    return len(sympy.Matrix([[sympy.Rational(str(x)) for x in r] for r in M]).rref()[1])


def low_rank_int(rng, m, n, r, lo=-4, hi=4):
    """An m x n integer matrix of rank exactly <= r (product of random factors)."""
    B = [[rng.randint(lo, hi) for _ in range(r)] for _ in range(m)]
    C = [[rng.randint(lo, hi) for _ in range(n)] for _ in range(r)]
    return [[sum(B[i][k] * C[k][j] for k in range(r)) for j in range(n)] for i in range(m)]


@settings(max_examples=60, deadline=None)
@given(rational_matrices())
def test_rank_matches_sympy_rref(M):
    r = rank(M)
    assert r.value == sympy_rank(M)
    assert r.lower_bound <= r.value <= r.upper_bound


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_rank_of_constructed_rank(data):
    m = data.draw(st.integers(1, 6))
    n = data.draw(st.integers(1, 6))
    r = data.draw(st.integers(0, min(m, n)))
    M = data.draw(rational_matrices(rows=m, cols=n, rank=r))
    assert rank(M).value == r
    assert rank(M, proof=True) == rank(M)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32), st.integers(45, 75), st.integers(45, 75), st.integers(1, 40))
def test_multimodular_rank_default_and_proof(seed, m, n, r):
    """Matrices large enough (> 2500 entries) for the multimodular path."""
    rng = random.Random(seed)
    M = low_rank_int(rng, m, n, r)
    true = sympy_rank(M)
    res = rank(M, seed=seed)
    assert res.value == true
    assert res.lower_bound == true
    assert res.error_probability <= Fraction(1, 2**100)
    if not res.proven:
        assert len(res.primes) >= 2 and res.upper_bound == min(m, n)
    pr = rank(M, proof=True, seed=seed)
    assert pr.proven and pr.value == true and pr.error_probability == 0


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 30))
def test_proof_fallback_without_certificate(seed, r):
    """With the kernel certificate disabled, the Hadamard-bound prime count must still prove it."""
    rng = random.Random(seed)
    M = low_rank_int(rng, 60, 55, r, -9, 9)
    saved = core._TRY_CERTIFICATE
    core._TRY_CERTIFICATE = False
    try:
        calls = []
        res = rank(M, proof=True, seed=seed, progress=lambda d, t: calls.append((d, t)))
    finally:
        core._TRY_CERTIFICATE = saved
    assert res.proven and res.value == sympy_rank(M)
    if res.value < 55:
        assert "Hadamard" in res.method
        # the primes used really exceed the Hadamard bound of the (r+1)-minors bordering an
        # invertible pivot block (pivots read off independently, modulo a prime of our own)
        prod = 1
        for p in set(res.primes):
            prod *= p
        A = core.to_int_matrix(M)
        q = 1_000_000_007
        F = flint.fmpz_mat(M)
        _, J = sympy.Matrix(M).rref()
        _, I = sympy.Matrix(M).T.rref()
        assert flint.nmod_mat(flint.fmpz_mat([[M[i][j] for j in J] for i in I]), q).rank() == len(I)
        T = [list(c) for c in zip(*M)]
        bound = min(_primes.hadamard_square(A.row_sqnorms(), res.value + 1),
                    _bordered_sq(M, I, J), _bordered_sq(T, J, I))
        assert prod ** 2 > bound
        assert all(d <= t for d, t in calls)


def _bordered_sq(M, I, J):
    """Hadamard bound (squared) of the minors bordering M[I, J], by rows, written out plainly."""
    Jset = set(J)
    others = [j for j in range(len(M[0])) if j not in Jset]
    t = [sum(M[k][j] ** 2 for j in J) + max((M[k][j] ** 2 for j in others), default=0)
         for k in range(len(M))]
    out = 1
    for k in I:
        out *= max(t[k], 1)
    return out * max(t[i] for i in range(len(M)) if i not in set(I))


def test_kernel_certificate_on_dependent_rows():
    rng = random.Random(3)
    B = [[rng.randint(-9, 9) for _ in range(70)] for _ in range(30)]
    M = B + [[x - y for x, y in zip(B[i], B[(i + 1) % 30])] for i in range(30)]   # 60 x 70, rank 30
    res = rank(M, proof=True, seed=1)
    assert res.proven and res.value == 30 == sympy_rank(M)
    assert "certificate" in res.method


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 20))
def test_upper_bound_short_circuit(seed, r):
    rng = random.Random(seed)
    M = low_rank_int(rng, 50, 60, r)
    true = sympy_rank(M)
    res = rank(M, upper_bound=true, seed=seed)
    assert res.proven and res.value == true
    assert len(res.primes) <= 1            # no extra prime needed once the bound is reached
    if true < 50:
        assert "upper_bound" in res.method
    loose = rank(M, upper_bound=true + 1, seed=seed)
    assert loose.value == true and (loose.proven or loose.upper_bound == true + 1)
    if true > 0:
        with pytest.raises(InvalidInputError, match="upper_bound"):
            rank(M, upper_bound=true - 1, seed=seed)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 300))
def test_error_probability_respects_bound(seed, k):
    rng = random.Random(seed)
    M = low_rank_int(rng, 55, 55, 20)
    bound = Fraction(1, 2**k)
    res = rank(M, error_bound=bound, seed=seed)
    assert res.value == 20
    assert res.error_probability <= bound
    if not res.proven:
        # the stated probability is (bad / #primes)^k for the number of primes actually used
        A = core.to_int_matrix(M)
        bad = _primes.bad_prime_count(A.row_sqnorms(), 55)
        assert res.error_probability == Fraction(bad, _primes.NUM_PRIMES_LOWER) ** len(res.primes)


def test_error_bound_validation():
    with pytest.raises(InvalidInputError, match="error_bound"):
        rank([[1]], error_bound=0)
    with pytest.raises(InvalidInputError, match="error_bound"):
        rank([[1]], error_bound=2)
    with pytest.raises(InvalidInputError, match="upper_bound"):
        rank([[1]], upper_bound=-1)


def test_seed_reproducible():
    M = low_rank_int(random.Random(0), 60, 60, 30)
    assert rank(M, seed=7).primes == rank(M, seed=7).primes
    assert rank(M, seed=7).to_json()["seed"] == 7


def test_rank_result_json_and_int():
    res = rank([[1, 2], [2, 4]])
    js = res.to_json()
    assert js["rank"] == 1 == int(res) and js["proven"] is True and js["error_probability"] == "0"
    assert [0, 1, 2][res] == 1


def test_zero_and_empty():
    assert rank([]).value == 0 and rank([]).proven
    assert rank([[0, 0], [0, 0]]).value == 0
    assert rank([[], []]).value == 0


def test_sparse_incidence_matrix_direct_and_correct():
    # incidence-like constraint matrix of a cycle graph on 400 vertices: rank 399
    n = 400
    M = [[0] * n for _ in range(n)]
    for i in range(n):
        M[i][i], M[i][(i + 1) % n] = 1, -1
    res = rank(M)
    assert res.proven and res.value == n - 1


@settings(max_examples=30, deadline=None)
@given(rational_matrices(max_size=5), st.sampled_from([2, 3, 5, 7, 101, 2**61 - 1, 2**89 - 1]))
def test_rank_mod_p_is_lower_bound(M, p):
    A = core.to_int_matrix(M)
    if A.row_den is not None and any(d % p == 0 for d in A.row_den):
        with pytest.raises(InvalidInputError, match="divisible"):
            rank_mod_p(M, p)
        return
    rp = rank_mod_p(M, p)
    assert rp <= rank(M).value
    # brute-force cross-check against sympy over GF(p) for small p
    if p < 200 and M and M[0]:
        rows = [[(Fraction(x).numerator * pow(Fraction(x).denominator, -1, p)) % p for x in r] for r in M]
        from sympy.polys.matrices import DomainMatrix
        from sympy import GF
        dm = DomainMatrix([[GF(p)(x) for x in r] for r in rows], (len(rows), len(rows[0])), GF(p))
        assert rp == dm.rank()


def test_rank_mod_p_rejects_composite():
    with pytest.raises(InvalidInputError, match="not a prime"):
        rank_mod_p([[1]], 4)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 7))
def test_hadamard_bound_bounds_minors(seed, k):
    """Hadamard's inequality, used for the error probability, holds against exact determinants."""
    rng = random.Random(seed)
    M = [[rng.randint(-20, 20) for _ in range(k)] for _ in range(k)]
    A = core.to_int_matrix(M)
    d = det(M)
    assert d * d <= _primes.hadamard_square(A.row_sqnorms(), k)
    assert d * d <= _primes.hadamard_square(A.col_sqnorms(), k)


def test_prime_count_lower_bound():
    """NUM_PRIMES_LOWER <= pi(2^64) - pi(2^63) via Rosser-Schoenfeld (evaluated with margin), and
    the sampler returns primes of the right size."""
    import math
    lo = 2**64 / (64 * math.log(2)) - 1.25506 * 2**63 / (63 * math.log(2))
    assert lo > 1.01 * _primes.NUM_PRIMES_LOWER
    rng = random.Random(5)
    import flint
    for _ in range(20):
        p = _primes.random_prime(rng)
        assert 2**63 <= p < 2**64 and flint.fmpz(p).is_prime()
    # a density sanity check of the sampler range: odd numbers near 2^63.5 are prime with density ~ 2/44
    hits = sum(bool(flint.fmpz(x).is_prime()) for x in range(2**63 + 2**62 + 1, 2**63 + 2**62 + 20001, 2))
    assert 350 < hits < 560


def test_primes_needed_minimal():
    for bad in [1, 5, 117, 10**6]:
        for eb in [Fraction(1, 2**40), Fraction(1, 2**100), Fraction(1, 3)]:
            k = _primes.primes_needed(bad, eb)
            assert _primes.error_probability(bad, k) <= eb
            if k > 1:
                assert _primes.error_probability(bad, k - 1) > eb


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32), st.integers(2, 7), st.integers(2, 7), st.integers(1, 5))
def test_bordered_hadamard_bounds_bordered_minors(seed, m, n, r):
    """The bound used by proof=True when pivots are known dominates every bordering minor."""

    rng = random.Random(seed)
    M = low_rank_int(rng, m, n, min(r, m, n), -30, 30)
    S = sympy.Matrix(M)
    J = list(S.rref()[1])
    I = list(S.T.rref()[1])
    if len(I) == min(m, n) or not I:
        return
    A = core.to_int_matrix(M)
    bound = core._bordered_hadamard_sq(A, I, J)
    for i in range(m):
        for j in range(n):
            if i in I or j in J:
                continue
            sub = S.extract(sorted(I + [i]), sorted(J + [j]))
            assert sub.det() ** 2 <= bound


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 2**32))
def test_proof_on_dense_product_uses_prime_count(seed):
    """Dense dependencies (product of random factors): no small kernel, the prime count proves it."""
    rng = random.Random(seed)
    M = low_rank_int(rng, 64, 64, 32, -9, 9)
    res = rank(M, proof=True, seed=seed)
    assert res.proven and res.value == sympy_rank(M) == 32
    assert rank(M, seed=seed).value == 32


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**32))
def test_kernel_certificate_with_several_primes(seed):
    """Dependencies with ~40-bit coefficients: one 62-bit prime cannot reconstruct them, two can.
    The rows have 30-bit entries, so the Hadamard-bound route would need many more primes."""
    rng = random.Random(seed)
    B = [[rng.randint(-2**30, 2**30) for _ in range(60)] for _ in range(40)]
    dep = []
    for i in range(40):
        a, b = rng.randint(2**39, 2**40), rng.randint(2**39, 2**40)
        dep.append([a * x + b * y for x, y in zip(B[i], B[(i + 1) % 40])])
    M = B + dep                                       # 80 x 60, rank 40
    res = rank(M, proof=True, seed=seed)
    assert res.proven and res.value == 40 == sympy_rank(M)
    assert "certificate" in res.method and 2 <= len(res.primes) <= 6
