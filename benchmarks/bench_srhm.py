"""Benchmark: sampling distinct SRHM inputs with their one-hot encoding.

exactsep (``exactsep.srhm.sample_derivations`` + ``one_hot``: digits drawn as arrays, duplicates removed
exactly, decoded level by level with numpy) against the peer a user would otherwise write: a per-sample
Python generator in the style of the authors' dataset scripts (loops over the nodes of every level,
random rule and slot per node, a set to drop duplicates), followed by a vectorised one-hot.

Default: L=3, s=2, v=m=n_c=8, s0=1, sparsity A, P=100,000 (the issue's target: exactsep under 2 s and
>= 10x faster than the peer).

    python benchmarks/bench_srhm.py [--P 100000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from exactsep.srhm import labels, one_hot, random_grammar, sample_derivations


def peer_sample(g, P: int, seed: int = 0):
    """Per-sample generation, node by node (the authors' way), with replacement then de-duplication."""
    rng = random.Random(seed)
    L, s, m, n_c, b, blank = g.L, g.s, g.m, g.n_c, g.s0 + 1, g.blank
    S = g.patch_size
    rules = g.rules
    seen = set()
    xs, ys = [], []
    while len(xs) < P:
        c = rng.randrange(n_c)
        rhs = rules[0][c][rng.randrange(m)]
        string = [blank] * S
        for k, a in enumerate(rhs):
            string[k * b + rng.randrange(b)] = a
        for l in range(1, L):
            new = []
            for sym in string:
                if sym == blank:
                    new.extend([blank] * S)
                    continue
                rhs = rules[l][sym][rng.randrange(m)]
                patch = [blank] * S
                for k, a in enumerate(rhs):
                    patch[k * b + rng.randrange(b)] = a
                new.extend(patch)
            string = new
        key = tuple(string)
        if key in seen:
            continue
        seen.add(key)
        xs.append(string)
        ys.append(c)
    x = np.array(xs, dtype=np.int64)
    eye = np.eye(g.v + 1, dtype=np.uint8)[:, :g.v]          # blank -> zero vector
    return eye[x].transpose(0, 2, 1).copy(), np.array(ys)


def exactsep_sample(g, P: int, seed: int = 0):
    der = sample_derivations(g, P, seed=seed)
    return one_hot(g, der), der.classes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--P", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--L", type=int, default=3)
    ap.add_argument("--s", type=int, default=2)
    ap.add_argument("--v", type=int, default=8)
    ap.add_argument("--s0", type=int, default=1)
    a = ap.parse_args(argv)
    g = random_grammar(L=a.L, s=a.s, v=a.v, m=a.v, n_c=a.v, s0=a.s0, sparsity="A", seed=0)
    print(f"SRHM-A L={g.L} s={g.s} v=m=n_c={g.v} s0={g.s0}: d={g.input_length}, support {g.total_inputs} inputs; "
          f"P={a.P}")
    t_ex = []
    for r in range(a.repeat):
        t = time.perf_counter()
        x, y = exactsep_sample(g, a.P, seed=r)
        t_ex.append(time.perf_counter() - t)
    # sanity: distinct, in the support, right labels
    X = np.where(x.any(axis=1), x.argmax(axis=1), g.blank)
    assert len(np.unique(X, axis=0)) == a.P and (labels(g, X) == y).all()
    t = time.perf_counter()
    xp, yp = peer_sample(g, a.P, seed=0)
    t_peer = time.perf_counter() - t
    assert xp.shape == x.shape and xp.dtype == x.dtype
    best = min(t_ex)
    print(f"exactsep  sample + one-hot (uint8 {x.shape}): best {best:.3f} s of {a.repeat} "
          f"({', '.join(f'{u:.3f}' for u in t_ex)})")
    print(f"peer      per-sample Python generator + one-hot:  {t_peer:.3f} s")
    med = float(np.median(t_ex))
    print(f"ratio     peer / exactsep = {t_peer / best:.1f}x vs best, {t_peer / med:.1f}x vs median   "
          f"(target >= 10x; exactsep target < 2 s: {'met' if max(t_ex) < 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
