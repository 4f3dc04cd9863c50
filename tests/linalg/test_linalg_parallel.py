"""The forked per-prime eliminations give exactly the sequential answers."""
import random

import flint
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.linalg import _parallel, rank
from exactsep.linalg._primes import random_prime


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32), st.integers(2, 6))
def test_forked_ranks_equal_sequential(m, n, seed, k):
    g = random.Random(seed)
    r = g.randint(0, min(m, n))
    B = [[g.randint(-3, 3) for _ in range(r)] for _ in range(m)]
    C = [[g.randint(-3, 3) for _ in range(n)] for _ in range(r)]
    A = [[sum(B[i][t] * C[t][j] for t in range(r)) for j in range(n)] for i in range(m)]
    F = flint.fmpz_mat(A)
    primes = [random_prime(g, 20) for _ in range(k)]
    forked = _parallel.ranks_mod_primes(F, primes, min_entries=0)
    assert forked == [flint.nmod_mat(F, p).rank() for p in primes]


def test_rank_same_with_and_without_fork(monkeypatch):
    g = random.Random(7)
    base = [[g.randint(-9, 9) for _ in range(120)] for _ in range(60)]
    M = base + [[x - y for x, y in zip(base[i], base[i + 1])] for i in range(59)]   # rank 60
    monkeypatch.setattr(_parallel, "PARALLEL_MIN_ENTRIES", 0)
    forked = rank(M, seed=3), rank(M, seed=3, proof=True)
    monkeypatch.setenv("EXACTSEP_NO_FORK", "1")
    plain = rank(M, seed=3), rank(M, seed=3, proof=True)
    for a, b in zip(forked, plain):
        assert (a.value, a.proven, a.primes, a.error_probability) == (b.value, b.proven, b.primes, b.error_probability)
    assert forked[0].value == 60 and forked[1].proven
