"""dim Hom_G(Q^X, Q^Y) two ways: orbit counting (orbitals) vs the exact kernel of the equivariance constraints.

The orbital count is exactsep's method (``Y.num_orbitals(X)``, union-find over X x Y along the
generators). The peer is the linear-algebra route a user would otherwise take: stack the constraints
``P^Y_g W - W P^X_g = 0`` over the generators g into a (#gens |Y||X|) x (|Y||X|) integer matrix and
take its exact rank with ``exactsep.linalg.rank`` (python-flint); the dimension is the nullity.
Both results are compared (they must agree) and the time ratio printed.

    python benchmarks/bench_hom.py            # default cases (about a minute: S4 on V^3 x V^3 is 8192 x 4096)
    python benchmarks/bench_hom.py --quick    # skips the constraint rank for S4 on V^3 x V^3
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _timing import best_time  # noqa: E402

from exactsep.groups import GSet, group_from_name  # noqa: E402
from exactsep.linalg import rank  # noqa: E402


def constraint_matrix(Y: GSet, X: GSet) -> np.ndarray:
    """Rows (g, y, x): W[g^-1 y, x] - W[y, g x] = 0, i.e. (P_g W - W P_g)[y, x] = 0; W row-major."""
    m, n = Y.size, X.size
    r = np.arange(m * n)
    y, x = r // n, r % n
    blocks = []
    for gy, gx in zip(Y.images, X.images):
        ginv = np.argsort(np.asarray(gy))
        A = np.zeros((m * n, m * n), dtype=np.int64)
        A[r, ginv[y] * n + x] += 1                  # one entry per row in each of the two updates
        A[r, y * n + np.asarray(gx)[x]] -= 1
        blocks.append(A)
    return np.vstack(blocks)


def cases(quick: bool):
    S4, S5, S6, A5, D6 = (group_from_name(n) for n in ("S4", "S5", "S6", "A5", "D6"))
    out = [
        ("S4  V -> V", GSet.natural(S4), GSet.natural(S4), True),
        ("S4  V^2 -> V^2", GSet.power(S4, 2), GSet.power(S4, 2), True),
        ("D6  regular -> regular", GSet.regular(D6), GSet.regular(D6), True),
        ("A5  2-subsets -> 2-subsets", GSet.subsets(A5, 2), GSet.subsets(A5, 2), True),
        ("S5  V^2 -> V^2", GSet.power(S5, 2), GSet.power(S5, 2), True),
        ("S5  V^2 -> V", GSet.natural(S5), GSet.power(S5, 2), True),
        ("S6  V^2 -> V^2", GSet.power(S6, 2), GSet.power(S6, 2), True),
        ("S4  V^3 -> V^3", GSet.power(S4, 3), GSet.power(S4, 3), not quick),
        ("S6  V^3 -> V^3", GSet.power(S6, 3), GSet.power(S6, 3), False),
    ]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the constraint rank for S4 on V^3 (the slow case)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions of the orbit count (best time)")
    args = ap.parse_args(argv)
    print(f"{'case':<28} {'unknowns':>9} {'dim':>5} {'orbitals s':>11} {'build s':>9} "
          f"{'rank s':>9} {'dim(rank)':>9} {'ratio':>9}")
    for name, Y, X, with_rank in cases(args.quick):
        t_orb, d_orb = best_time(lambda: Y.num_orbitals(X), args.repeat)
        unknowns = Y.size * X.size
        if not with_rank:
            print(f"{name:<28} {unknowns:>9} {d_orb:>5} {t_orb:>11.5f} {'-':>9} {'-':>9} {'-':>9} {'-':>9}"
                  + ("   (constraint rank skipped: --quick)" if unknowns <= 5000 else "   (constraint side too large)"))
            continue
        t_build, A = best_time(lambda: constraint_matrix(Y, X), 1)
        t_rank, r = best_time(lambda: rank(A), 1)
        d_rank = unknowns - int(r)
        status = "" if d_rank == d_orb else "   MISMATCH"
        ratio = (t_build + t_rank) / t_orb if t_orb > 0 else float("inf")
        print(f"{name:<28} {unknowns:>9} {d_orb:>5} {t_orb:>11.5f} {t_build:>9.3f} {t_rank:>9.3f} "
              f"{d_rank:>9} {ratio:>8.0f}x{status}", flush=True)
        if status:
            return 1
    print("\nratio = (constraint build + exact rank) / orbital count; both dims are exact and must agree.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
