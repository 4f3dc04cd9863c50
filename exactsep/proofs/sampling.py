"""Reproducible instance drawing shared by the claim modules.

``level`` is ``"quick"`` (small groups, a few instances per claim: the whole quick run stays under a
minute on two cores) or ``"full"`` (the whole catalogue). ``rng`` is a ``random.Random`` seeded from
the run seed and the claim id, so the same seed gives the same instances on every machine.

>>> import random
>>> groups = catalogue_for("quick")
>>> all(g["degree"] <= 4 for g in groups)
True
>>> random_rational_vector(random.Random(0), 3, max_abs=5) == random_rational_vector(random.Random(0), 3, max_abs=5)
True
"""
from __future__ import annotations

from fractions import Fraction
from typing import List, Sequence

from .catalogue import catalogue_groups

__all__ = ["LEVELS", "catalogue_for", "pick", "random_rational_vector", "random_int_vector", "check_level"]

LEVELS = {
    "quick": {"max_degree": 4, "max_transitive_degree": 4, "max_product_degree": 4, "max_order": 24,
              "gset_size": 16, "per_group": 2},
    "full": {"max_degree": 8, "max_transitive_degree": 8, "max_product_degree": 8, "max_order": 720,
             "gset_size": 60, "per_group": 6},
}


def check_level(level: str) -> dict:
    from ..errors import InvalidSpecError
    if level not in LEVELS:
        raise InvalidSpecError(f"unknown level {level!r}; use 'quick' or 'full'")
    return LEVELS[level]


def catalogue_for(level: str, max_order: int = None, min_degree: int = 1, allow_large: bool = False) -> List[dict]:
    """The catalogue groups used at this level (optionally with a tighter order bound; ``allow_large`` lets
    ``max_order`` exceed the level's default, e.g. to include S7, S8, A7, A8 in cheap group-level claims)."""
    p = check_level(level)
    mo = p["max_order"] if max_order is None else (max_order if allow_large else min(max_order, p["max_order"]))
    return [g for g in catalogue_groups(p["max_degree"], p["max_transitive_degree"], mo,
                                        max_product_degree=p["max_product_degree"]) if g["degree"] >= min_degree]


def pick(rng, seq: Sequence, k: int) -> list:
    """``k`` items of ``seq`` (all of them if fewer), chosen reproducibly, in their original order."""
    seq = list(seq)
    if len(seq) <= k:
        return seq
    idx = sorted(rng.sample(range(len(seq)), k))
    return [seq[i] for i in idx]


def random_int_vector(rng, n: int, max_abs: int = 3) -> List[int]:
    return [rng.randint(-max_abs, max_abs) for _ in range(n)]


def random_rational_vector(rng, n: int, max_abs: int = 3, max_den: int = 3, nonzero: bool = False) -> list:
    """``n`` rationals p/q with |p/q| <= max_abs and q <= max_den (no zero entries when ``nonzero``)."""
    out = []
    for _ in range(n):
        q = Fraction(0)
        while True:
            q = Fraction(rng.randint(-max_abs * max_den, max_abs * max_den), rng.randint(1, max_den))
            if q != 0 or not nonzero:
                break
        out.append(q.numerator if q.denominator == 1 else q)
    return out
