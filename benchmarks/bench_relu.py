"""Benchmarks of the ReLU part (exactsep.relu), timed against the float practice in one run.

1. (4, 32, 32, 1), random small rational parameters, 2,000 random rational points: certified batch
   functional dimension (exact integer Jacobian + certified rank) vs numpy (float Jacobian +
   numpy.linalg.matrix_rank). Ratios are printed for rank only and for Jacobian + rank.
2. Exact functional_dimension (complete region enumeration) of (1, 8, 8, 1): target under 1 s.
3. The exact region LP: exactsep's integer-pivoting simplex vs sympy.solvers.simplex.linprog.

numpy runs with its default BLAS threads; python-flint is single-threaded. On a busy shared machine
multi-threaded BLAS can be much slower than single-threaded: for a like-for-like single-core comparison
run with OPENBLAS_NUM_THREADS=1 (measured on the 2-core dev machine: certified rank 2.3-3.0 s vs
matrix_rank 0.85-1.2 s single-threaded, about 2.4-2.9x; 1.1x-0.2x against threaded numpy under load).

Run: python benchmarks/bench_relu.py [--points 2000] [--seed 0] [--repeats 1]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from fractions import Fraction

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _timing import best_time  # noqa: E402

import numpy as np

from exactsep.nets import Network
from exactsep.nets.jacobian import integer_jacobian
from exactsep.nets.network import num_params
from exactsep.relu.fundim import batch_functional_dimension, functional_dimension, upper_bound


def rand_theta(rng, widths, max_num=9, max_den=6):
    return [Fraction(rng.randint(-max_num, max_num), rng.randint(1, max_den)) for _ in range(num_params(widths))]


def float_jacobian(net, X):
    """The parameter Jacobian in float64 with numpy (the float practice), same layout as exactsep's."""
    Ws = [np.array([[float(v) for v in r] for r in L.W]) for L in net.layers]
    bs = [np.array([float(v) for v in L.b]) for L in net.layers]
    A = X
    acts, masks = [A], []
    for W, b in zip(Ws[:-1], bs[:-1]):
        Z = A @ W.T + b
        m = Z > 0
        A = np.where(m, Z, 0.0)
        masks.append(m)
        acts.append(A)
    k = X.shape[0]
    blocks = []
    Delta = np.broadcast_to(Ws[-1][0], (k, Ws[-1].shape[1])) * masks[-1]     # scalar output
    blocks.append(np.ones((k, 1)))                                          # b^d
    blocks.append(acts[-1])                                                 # W^d
    for l in range(len(Ws) - 2, -1, -1):
        blocks.append(Delta)                                                # b^l
        blocks.append((Delta[:, :, None] * acts[l][:, None, :]).reshape(k, -1))
        if l >= 1:
            Delta = (Delta @ Ws[l]) * masks[l - 1]
    return np.concatenate(blocks[::-1], axis=1)


def bench_batch(points, seed, repeats):
    rng = random.Random(seed)
    w = [4, 32, 32, 1]
    net = Network.from_flat(w, rand_theta(rng, w))
    pts = [[Fraction(rng.randint(-30, 30), rng.randint(1, 7)) for _ in range(4)] for _ in range(points)]
    keep = [p for p in pts if all(0 not in l for l in net.pattern(p))]     # admissible points only
    X = np.array([[float(v) for v in p] for p in keep])
    print(f"[1] batch functional dimension, widths {w}, D = {num_params(w)}, U = {upper_bound(w)}, "
          f"{len(keep)} admissible points of {points}")
    t_fj, Jf = best_time(lambda: float_jacobian(net, X), repeats)
    t_fr, rf = best_time(lambda: np.linalg.matrix_rank(Jf), repeats)
    t_ej, Ji = best_time(lambda: integer_jacobian(net, keep), repeats)
    t_all, b = best_time(lambda: batch_functional_dimension(net, keep), repeats)
    t_cr = max(t_all - t_ej, 1e-9)
    print(f"    numpy   : float Jacobian {t_fj:.3f} s + matrix_rank {t_fr:.3f} s = {t_fj + t_fr:.3f} s -> rank {rf} "
          f"(tolerance-based, no guarantee)")
    print(f"    exactsep: integer Jacobian ({Ji.dtype}) {t_ej:.3f} s + certified rank {t_cr:.3f} s = {t_all:.3f} s "
          f"-> rank {b.value} (certified={b.certified}; {b.certificate}; {b.rank.method})")
    print(f"    ratio certified rank / numpy matrix_rank          = {t_cr / t_fr:.2f}x  (target <= 3x)")
    print(f"    ratio (Jacobian + certified rank) / (Jacobian + rank) = {t_all / (t_fj + t_fr):.2f}x")
    if rf != b.value:
        print(f"    NOTE: numpy's float rank {rf} differs from the certified rank {b.value}")


def bench_fundim(seed, repeats):
    rng = random.Random(seed)
    w = [1, 8, 8, 1]
    times, vals = [], []
    for trial in range(5):
        net = Network.from_flat(w, rand_theta(rng, w, 5, 4))
        t, fd = best_time(lambda: functional_dimension(net, enumerate_all=True), repeats)
        t2, fd2 = best_time(lambda: functional_dimension(net), repeats)
        assert fd.value == fd2.value
        times.append((t, t2))
        vals.append((fd.value, fd.upper_bound, fd.regions, fd.certified))
    print(f"[2] exact functional_dimension of {w} (complete enumeration), 5 random parameters:")
    for (t, t2), (v, U, R, c) in zip(times, vals):
        print(f"    dim_fun = {v} / U = {U}, {R} regions, certified={c}: complete enumeration {t * 1000:.1f} ms, "
              f"default (cheap start first) {t2 * 1000:.1f} ms")
    print(f"    worst complete-enumeration time {max(t for t, _ in times):.3f} s (target < 1 s)")


def bench_lp(seed):
    from exactsep.relu.lp import max_slack_point, sympy_max_slack_point
    rng = random.Random(seed)
    probs = []
    for _ in range(60):
        n = rng.randint(2, 4)
        probs.append((n, [([Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(n)],
                           Fraction(rng.randint(-9, 9), rng.randint(1, 4)), rng.choice([1, -1]))
                          for _ in range(rng.randint(4, 16))]))
    t = time.perf_counter()
    ours = [max_slack_point(c, n, optimal=True) for n, c in probs]
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    ours_quick = [max_slack_point(c, n) for n, c in probs]
    t_quick = time.perf_counter() - t
    fails = disagree = 0
    t = time.perf_counter()
    for (n, c), o in zip(probs, ours):
        try:
            s = sympy_max_slack_point(c, n)
        except Exception:
            fails += 1
            continue
        if (s is None) != (o is None) or (s is not None and s[0] != o[0]):
            disagree += 1
    t_sym = time.perf_counter() - t
    print(f"[3] region LP, 60 random problems (2-4 variables, 4-16 strict constraints):")
    print(f"    exactsep simplex (optimal) {t_ours * 1000:.1f} ms, (first strictly feasible) {t_quick * 1000:.1f} ms; "
          f"sympy linprog {t_sym * 1000:.1f} ms ({t_sym / t_ours:.0f}x slower), sympy raised on {fails}, "
          f"disagreed on {disagree}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args()
    bench_batch(args.points, args.seed, args.repeats)
    bench_fundim(args.seed, args.repeats)
    bench_lp(args.seed)


if __name__ == "__main__":
    main()
