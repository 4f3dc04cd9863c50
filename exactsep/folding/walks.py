"""Refining a walk on the Hamming cube into single-bit flips.

The Motzkin–Straus view of space folding (the first author's 2026 talk, docs/theory/folding.md,
"Properties", item 7) refines a walk ``Gamma = (pi_1, ..., pi_n)`` so that consecutive patterns differ in
one bit: between ``pi_i`` and ``pi_{i+1}`` the coordinates that move back toward ``pi_1``
(``D_i = {j : pi_i[j] != pi_1[j], pi_{i+1}[j] == pi_1[j]}``) flip before those that move away
(``I_i = {j : pi_i[j] == pi_1[j], pi_{i+1}[j] != pi_1[j]}``). Then ``r1`` and ``r2`` are preserved; flipping
the ``I_i`` coordinates first is also a refinement but can raise ``r1``.

>>> from exactsep.folding.walks import refine_walk
>>> from exactsep.folding import walk_stats
>>> G = [(0, 0, 0, 0), (1, 1, 0, 0), (0, 0, 1, 1)]          # the talk's example
>>> (walk_stats(G).r1, walk_stats(G).r2)
(2, 6)
>>> R = refine_walk(G)
>>> [''.join(map(str, p)) for p in R]
['0000', '1000', '1100', '0100', '0000', '0010', '0011']
>>> (walk_stats(R).r1, walk_stats(R).r2)
(2, 6)
>>> walk_stats(refine_walk(G, order="away-first")).r1     # flipping away first overshoots
4
"""
from __future__ import annotations

from typing import Any, List, Tuple

from ..errors import InvalidInputError

__all__ = ["refine_walk", "REFINEMENT_ORDERS"]

REFINEMENT_ORDERS = ("toward-start-first", "away-first", "index")


def _patterns(walk: Any) -> List[Tuple[int, ...]]:
    from .core import dedupe_walk
    return [tuple(int(v) for v in row) for row in dedupe_walk(walk).tolist()]


def refine_walk(walk: Any, order: str = "toward-start-first") -> List[Tuple[int, ...]]:
    """The refinement of ``walk`` (consecutive duplicates removed first) into single-coordinate flips.

    ``order``: ``"toward-start-first"`` (the talk's lemma: coordinates returning to ``pi_1`` flip first, each
    group in increasing index), ``"away-first"`` (the opposite), ``"index"`` (increasing coordinate index).
    Coordinates are compared as labels (the walk may hold piece labels, not only bits); a coordinate that
    changes between two labels both different from ``pi_1``'s counts as moving away.
    """
    if order not in REFINEMENT_ORDERS:
        raise InvalidInputError(f"order must be one of {', '.join(REFINEMENT_ORDERS)}; got {order!r}")
    W = _patterns(walk)
    out = [W[0]]
    start = W[0]
    for a, b in zip(W, W[1:]):
        diff = [j for j in range(len(a)) if a[j] != b[j]]
        back = [j for j in diff if b[j] == start[j]]
        away = [j for j in diff if b[j] != start[j]]
        if order == "toward-start-first":
            seq = back + away
        elif order == "away-first":
            seq = away + back
        else:
            seq = diff
        cur = list(a)
        for j in seq:
            cur[j] = b[j]
            out.append(tuple(cur))
    return out

