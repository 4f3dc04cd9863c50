"""The forked per-prime eliminations give exactly the sequential answers."""
import random

import flint
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


def test_parallel_map_reports_progress_and_keeps_order():
    seen = []
    out = _parallel.parallel_map(lambda x: [x, x * x], list(range(7)), work=1, min_entries=0,
                                 on_item=lambda done, shares: seen.append((done, shares)))
    assert out == [[x, x * x] for x in range(7)]
    # the parent reports each of its own items, in order, with the number of processes at work
    assert seen and [d for d, _ in seen] == list(range(1, len(seen) + 1))
    assert {s for _, s in seen} <= {1, 2} and len(seen) * seen[-1][1] >= 7 - 3


def test_proof_progress_is_monotone(monkeypatch):
    """Progress of the Hadamard-bound loop never goes backwards and ends at its total."""
    monkeypatch.setattr(_parallel, "PARALLEL_MIN_ENTRIES", 0)
    from exactsep.linalg import core
    monkeypatch.setattr(core, "_TRY_CERTIFICATE", False)
    g = random.Random(11)
    B = [[g.randint(-9, 9) for _ in range(30)] for _ in range(60)]
    C = [[g.randint(-9, 9) for _ in range(60)] for _ in range(30)]
    M = [[sum(B[i][t] * C[t][j] for t in range(30)) for j in range(60)] for i in range(60)]
    calls = []
    res = rank(M, proof=True, seed=2, progress=lambda d, t: calls.append((d, t)))
    assert res.proven and res.value == 30 and "Hadamard" in res.method
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(set(done)) == len(done)
    assert calls[-1][0] == calls[-1][1] and all(d <= t for d, t in calls)


@settings(max_examples=12, deadline=None)
@given(st.integers(51, 64), st.integers(51, 64), st.integers(0, 2**32), st.booleans(),
       st.sampled_from(["product", "dependent rows", "dependent columns"]))
def test_forked_proof_matches_sequential_and_sympy(m, n, seed, certificate, kind):
    """proof=True with the fork forced on (every batch split between two processes) gives the same
    value, method and primes as the sequential run, and the value sympy's rref gives."""
    import sympy
    from exactsep.linalg import core
    g = random.Random(seed)
    r = g.randint(1, min(m, n) - 1)
    if kind == "product":
        B = [[g.randint(-9, 9) for _ in range(r)] for _ in range(m)]
        C = [[g.randint(-9, 9) for _ in range(n)] for _ in range(r)]
        M = [[sum(B[i][t] * C[t][j] for t in range(r)) for j in range(n)] for i in range(m)]
    else:
        k, l = (m, n) if kind == "dependent rows" else (n, m)
        base = [[g.randint(-9, 9) for _ in range(l)] for _ in range(r)]
        rows = base + [[x + g.choice([-1, 1]) * y for x, y in zip(base[g.randrange(r)], base[g.randrange(r)])]
                       for _ in range(k - r)]
        M = rows if kind == "dependent rows" else [list(c) for c in zip(*rows)]
    saved = (_parallel.PARALLEL_MIN_ENTRIES, core._TRY_CERTIFICATE)
    try:
        core._TRY_CERTIFICATE = certificate
        _parallel.PARALLEL_MIN_ENTRIES = 0
        forked = rank(M, proof=True, seed=seed)
        _parallel.PARALLEL_MIN_ENTRIES = 10**12
        plain = rank(M, proof=True, seed=seed)
    finally:
        _parallel.PARALLEL_MIN_ENTRIES, core._TRY_CERTIFICATE = saved
    assert forked.proven and plain.proven
    assert (forked.value, forked.method, forked.primes) == (plain.value, plain.method, plain.primes)
    assert forked.value == len(sympy.Matrix(M).rref()[1])
    if not certificate and forked.value < min(m, n):
        assert "Hadamard" in forked.method
