"""Benchmark: rank of a dense n x n integer matrix of rank n/2 (default n = 1000).

Times, in ONE run on the same matrix:
  * numpy.linalg.matrix_rank (float64 SVD; the float peer, not exact),
  * exactsep.linalg.rank (default Monte-Carlo mode, error probability <= 2^-100),
  * exactsep.linalg.rank(proof=True) (deterministic),
  * flint.fmpz_mat.rank (exact over Z; the exact peer) -- only with --with-fmpz, since it takes
    about 100 s at n = 1000; otherwise the reference time measured in the ecosystem study
    (98.8 s for the "product" matrix at n = 1000, same kind of 2-vCPU machine) is printed instead
    and labelled as such.

Matrix kinds (--kind, default all three):
  * ``pm``: entries in [-9, 9], rank exactly n/2. n/4 pairs (u, v): u uniform in [-9, 9]^n and
    v_j uniform in [-9 + |u_j|, 9 - |u_j|], so that u, v, u + v, u - v all stay in [-9, 9]; the n
    rows are these four per pair, shuffled. The rank is <= n/2 by construction (every row lies in
    the span of the u's and v's) and >= n/2 is checked by a rank modulo a prime (a certified lower
    bound), so it is exactly n/2 -- the script asserts both methods return it.
  * ``comb3``: entries in [-9, 9], rank exactly n/2, dense dependencies. C is n/2 x n with entries
    uniform in [-3, 3]; each of the n rows is a random signed sum of 3 distinct rows of C (so its
    entries lie in [-9, 9]). No row of C appears on its own, so neither kernel has small entries:
    proof=True cannot use a small kernel certificate and falls back to the Hadamard-bound prime
    count. Rank <= n/2 by construction, >= n/2 checked modulo a prime.
  * ``product``: B C with B n x n/2 and C n/2 x n, entries of B, C uniform in [-9, 9] (entries of
    the product up to about 4 * 10^4): the matrix of the ecosystem study's table (b). Its
    dependencies are dense, so no small kernel certificate exists and proof=True has to use the
    Hadamard-bound prime count.

Usage: python benchmarks/bench_rank.py [--n 1000] [--kind pm|comb3|product|all] [--with-fmpz] [--repeat 1]

numpy uses OpenBLAS threads; on a shared machine they contend with other processes and numpy's
time swings widely. ``OPENBLAS_NUM_THREADS=1 python benchmarks/bench_rank.py`` gives the steady
single-threaded comparison. exactsep's FLINT calls are single-threaded, but independent
eliminations modulo different primes run in two processes when the machine has two cores (a
forked child; the CPU column counts it).
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from exactsep.linalg import rank, rank_mod_p  # noqa: E402

REFERENCE_FMPZ_SECONDS = {1000: 98.8, 500: 6.76, 200: 0.213}   # fmpz_mat.rank on the product
# matrix, measured once on the reference machine (python-flint 0.9.0, best of 3; 2 of them at n = 1000): too slow to rerun


def make_pm(n: int, rng: np.random.Generator) -> np.ndarray:
    q = n // 4
    u = rng.integers(-9, 10, (q, n))
    width = 9 - np.abs(u)                              # v_j in [-width, width]
    v = rng.integers(-width, width + 1)
    M = np.vstack([u, v, u + v, u - v])
    extra = n - M.shape[0]                             # n not divisible by 4: pad with copies of u rows
    if extra:
        M = np.vstack([M, u[:extra]])
    M = M[rng.permutation(M.shape[0])]
    assert M.min() >= -9 and M.max() <= 9
    return M


def make_comb3(n: int, rng: np.random.Generator) -> np.ndarray:
    h = n // 2
    C = rng.integers(-3, 4, (h, n))
    B = np.zeros((n, h), dtype=np.int64)
    for i in range(n):
        first = i % h                                  # every row of C is used at least twice
        others = rng.choice([k for k in range(h) if k != first], size=2, replace=False)
        B[i, [first, *others]] = rng.choice([-1, 1], size=3)
    M = B @ C
    assert M.min() >= -9 and M.max() <= 9
    return M


def make_product(n: int, rng: np.random.Generator) -> np.ndarray:
    B = rng.integers(-9, 10, (n, n // 2))
    C = rng.integers(-9, 10, (n // 2, n))
    return B @ C


def cpu_seconds() -> float:
    """CPU time of this process (all threads) plus its finished children (exactsep's rank forks a
    child for independent eliminations modulo primes, whose CPU time must count too)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(f, repeat: int):
    """(result, best wall seconds, CPU seconds of that run). CPU time (all threads of the process
    and its children) is printed too: on a shared machine it is the steadier measure of the work."""
    best, out = None, None
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu_seconds()
        out = f()
        dt, dc = time.perf_counter() - t, cpu_seconds() - c
        if best is None or dt < best[0]:
            best = (dt, dc)
    return out, best


def run(kind: str, n: int, with_fmpz: bool, repeat: int) -> None:
    rng = np.random.default_rng(20261123)
    M = {"pm": make_pm, "comb3": make_comb3, "product": make_product}[kind](n, rng)
    expected = n // 2 if kind in ("pm", "comb3") else None
    lb = rank_mod_p(M, 2**61 - 1)                      # certified lower bound
    if expected is not None:
        assert lb == expected, f"construction gave rank mod p {lb}, expected {expected}"
    print(f"\n== {kind}: {n} x {n}, entries in [{M.min()}, {M.max()}], rank mod (2^61-1) = {lb}; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")

    np.linalg.matrix_rank(M[:50, :50])                 # warm-up (BLAS threads)
    r_np, (t_np, c_np) = timed(lambda: np.linalg.matrix_rank(M), repeat)
    r_def, (t_def, c_def) = timed(lambda: rank(M, seed=1), repeat)
    r_prf, (t_prf, c_prf) = timed(lambda: rank(M, proof=True, seed=1), 1)
    assert r_def.value == r_prf.value == lb and r_prf.proven
    if expected is not None:
        assert r_def.value == expected
    ep = r_def.error_probability
    ep_s = "0" if ep == 0 else f"2^{(ep.numerator.bit_length() - ep.denominator.bit_length())}"
    print("                              wall (s)  CPU (s)")
    print(f"numpy.linalg.matrix_rank      {t_np:8.3f} {c_np:8.3f}   rank {r_np} (float, not certified)")
    print(f"exactsep rank (default)       {t_def:8.3f} {c_def:8.3f}   rank {r_def.value}, proven={r_def.proven}, "
          f"error probability <= ~{ep_s}, {len(r_def.primes)} primes")
    print(f"exactsep rank (proof=True)    {t_prf:8.3f} {c_prf:8.3f}   rank {r_prf.value}, proven, "
          f"{len(r_prf.primes)} primes; method: {r_prf.method}")
    c_fz = None
    if with_fmpz:
        import flint
        t, c = time.perf_counter(), cpu_seconds()
        F = flint.fmpz_mat(M.tolist())
        r_fz = F.rank()
        t_fz, c_fz = time.perf_counter() - t, cpu_seconds() - c
        assert r_fz == r_prf.value
        fz_label = "measured now (build + rank)"
        print(f"flint.fmpz_mat.rank           {t_fz:8.3f} {c_fz:8.3f}   {fz_label}")
    else:
        t_fz = REFERENCE_FMPZ_SECONDS.get(n) if kind == "product" else None
        fz_label = "REFERENCE (measured once earlier, not now; product matrix)"
        if t_fz is not None:
            print(f"flint.fmpz_mat.rank           {t_fz:8.3f}      n/a   {fz_label}")
    print(f"ratio default / numpy         wall {t_def / t_np:6.2f} x, CPU {c_def / c_np:6.2f} x   (target <= 3)")
    if t_fz is not None:
        cpu = f", CPU {c_fz / c_prf:6.2f} x" if c_fz is not None else ""
        print(f"ratio fmpz_mat.rank / proof   wall {t_fz / t_prf:6.2f} x{cpu}   (target >= 5; fmpz: {fz_label})")
    else:
        print("ratio fmpz_mat.rank / proof        n/a (pass --with-fmpz to measure fmpz_mat.rank on this matrix)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--kind", choices=["pm", "comb3", "product", "all"], default="all")
    ap.add_argument("--with-fmpz", action="store_true", help="also time flint.fmpz_mat.rank (~100 s at n=1000)")
    ap.add_argument("--skip-fmpz", action="store_true", help="do not time fmpz_mat.rank (the default)")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs for the fast methods")
    a = ap.parse_args(argv)
    with_fmpz = a.with_fmpz and not a.skip_fmpz
    kinds = ["pm", "comb3", "product"] if a.kind == "all" else [a.kind]
    for k in kinds:
        run(k, a.n, with_fmpz, a.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
