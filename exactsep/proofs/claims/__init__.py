"""Implementations of the registered claims, one module per part of exactsep.

The readable statement modules in the repository's top-level ``proofs/`` directory import these.
"""
from __future__ import annotations

from typing import Optional


def net_scope(inst, hidden_min: int = 1, hidden_max: Optional[int] = None,
              n0: Optional[int] = None) -> Optional[str]:
    """The structural hypotheses of the network claims (folding, fundim) as a scope predicate: ``widths`` an
    architecture (n0, n1, ..., n_out) of positive integers with ``hidden_min`` to ``hidden_max`` hidden layers
    (and input width ``n0`` when given), and ``layers``, when present, a non-empty increasing list of hidden-layer
    indices. ``None`` when the instance is inside, else the reason.

    >>> net_scope({"widths": [2, 3, 1]}) is None
    True
    >>> net_scope({"widths": [2, 3, 3, 1]}, hidden_max=1)
    'widths [2, 3, 3, 1] has 2 hidden layers; the claim is stated for at most 1'
    """
    w = inst.get("widths")
    if not (isinstance(w, list) and len(w) >= 2 and all(type(v) is int and v >= 1 for v in w)):
        return f"widths {str(w)[:60]} is not a list of positive integer widths"
    h = len(w) - 2
    if h < hidden_min:
        return f"widths {w} has {h} hidden layer(s); the claim needs at least {hidden_min}"
    if hidden_max is not None and h > hidden_max:
        return f"widths {w} has {h} hidden layers; the claim is stated for at most {hidden_max}"
    if n0 is not None and w[0] != n0:
        return f"widths {w} has input width {w[0]}; the claim is stated for n0 = {n0}"
    S = inst.get("layers")
    if S is not None and not (isinstance(S, list) and S and all(type(l) is int for l in S)
                              and S == sorted(set(S)) and 0 <= S[0] and S[-1] < h):
        return f"layers {str(S)[:60]} is not a non-empty increasing list of hidden-layer indices 0..{h - 1}"
    return None
