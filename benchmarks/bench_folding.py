"""Exact chi vs the 1,001-point float sampled estimate (numpy), on (16, 64, 64, 64, 10) ReLU networks.

The peer is what a researcher writes by hand: sample t = k/1000, push the 1001 points through the
network in float64 numpy, threshold at 0, compute r1/r2 of the de-duplicated walk. exactsep computes the
exact breakpoints, the exact walk and chi (forward and reverse) in rational arithmetic.

Run: python benchmarks/bench_folding.py [--seeds 5] [--widths 16,64,64,64,10] [--den 16]
Prints per seed: pieces, times, the ratio exact/float, and the exact vs sampled chi.
"""
from __future__ import annotations

import os

# One BLAS thread for both contenders: on a shared, loaded machine multi-threaded BLAS spins and makes small
# matrix products 10-20x slower and the timings meaningless (both sides use numpy matmul).
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import random
import sys
import statistics
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _timing import best_time  # noqa: E402
from exactsep.folding import fold
from exactsep.nets import Network


def make_network(widths, rng, den):
    """Small rational weights k/den with |k| <= den/2 (scaled like a fan-in init), rational biases."""
    layers = []
    for l in range(1, len(widths)):
        n_in = widths[l - 1]
        kmax = max(1, round(2 * den / n_in ** 0.5))
        W = [[Fraction(rng.randint(-kmax, kmax), den) for _ in range(n_in)] for _ in range(widths[l])]
        b = [Fraction(rng.randint(-den // 4, den // 4), den) for _ in range(widths[l])]
        layers.append({"W": W, "b": b, "activation": "relu" if l < len(widths) - 1 else None})
    return Network.from_layers(layers)


def float_sampled_chi_numpy(Ws, bs, a, b, n=1001):
    """The hand-written numpy estimate (the peer)."""
    t = (np.arange(n) / (n - 1))[:, None]
    X = a + t * (b - a)
    codes = []
    for i, (W, c) in enumerate(zip(Ws, bs)):
        Z = X @ W.T + c
        if i == len(Ws) - 1:
            break
        codes.append(Z > 0)
        X = np.maximum(Z, 0.0)
    P = np.concatenate(codes, axis=1)
    keep = np.ones(len(P), dtype=bool)
    keep[1:] = (P[1:] != P[:-1]).any(axis=1)
    P = P[keep]
    r1 = int((P != P[0]).sum(axis=1).max())
    r2 = int((P[1:] != P[:-1]).sum())
    return (1 - r1 / r2 if r2 else 0.0), r1, r2


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--widths", default="16,64,64,64,10")
    ap.add_argument("--den", type=int, default=16, help="weight denominator")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    print(f"network {tuple(widths)}, ReLU, weights k/{args.den}; segment between two random rational inputs")
    print(f"{'seed':>4} {'pieces':>6} {'exact ms':>9} {'float1001 ms':>12} {'ratio':>6}  {'exact chi':>10} "
          f"{'r1/r2':>8}  {'float chi':>9} {'r1/r2':>8}")
    ratios = []
    for seed in range(args.seeds):
        rng = random.Random(seed)
        net = make_network(widths, rng, args.den)
        x1 = [Fraction(rng.randint(-200, 200), 100) for _ in range(widths[0])]
        x2 = [Fraction(rng.randint(-200, 200), 100) for _ in range(widths[0])]
        Ws = [np.array([[float(v) for v in row] for row in L.W]) for L in net.layers]
        bs = [np.array([float(v) for v in L.b]) for L in net.layers]
        a = np.array([float(v) for v in x1])
        b = np.array([float(v) for v in x2])
        fold(net, x1, x2)                                   # warm-up (first call compiles the integer weights)
        float_sampled_chi_numpy(Ws, bs, a, b)
        te, res = best_time(lambda: fold(net, x1, x2), args.repeat)
        tf, (fchi, fr1, fr2) = best_time(lambda: float_sampled_chi_numpy(Ws, bs, a, b), args.repeat)
        ratios.append(te / tf)
        print(f"{seed:>4} {res.pieces:>6} {te * 1e3:>9.2f} {tf * 1e3:>12.2f} {te / tf:>6.2f}  {str(res.chi):>10} "
              f"{f'{res.r1}/{res.r2}':>8}  {fchi:>9.4f} {f'{fr1}/{fr2}':>8}")
    print(f"median ratio exact / float-1001 = {statistics.median(ratios):.2f} (target <= 5), "
          f"max = {max(ratios):.2f}")


if __name__ == "__main__":
    main()
