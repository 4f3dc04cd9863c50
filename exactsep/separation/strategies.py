"""Hypothesis strategies for separation objects: small architectures and input lists.

>>> from hypothesis import given, settings
>>> from exactsep.separation.strategies import architectures
>>> @settings(max_examples=3, deadline=None)
... @given(architectures())
... def check(arch):
...     assert arch.depth >= 1 and len(arch.bases) == arch.depth + 1
>>> check()
"""
from __future__ import annotations

from typing import Sequence

import hypothesis.strategies as st

__all__ = ["small_groups", "architectures", "input_lists", "act_on_input"]


def small_groups(max_degree: int = 4, max_order: int = 24) -> st.SearchStrategy:
    """Named or random permutation groups of small order."""
    from ..strategies import perm_groups, small_named_groups
    return st.one_of(small_named_groups(max_degree), perm_groups(min_degree=2, max_degree=max_degree,
                                                                  max_generators=2)).filter(
        lambda G: G.order <= max_order)


@st.composite
def _random_explicit_basis(draw, Y, X):
    """1-3 random integer combinations of the orbital matrices of Y x X (equivariant by construction)."""
    L = Y.orbital_labels(X)
    k = int(L.max()) + 1
    mats = []
    for _ in range(draw(st.integers(1, 3))):
        coef = draw(st.lists(st.integers(-2, 2), min_size=k, max_size=k))
        if not any(coef):
            coef[0] = 1
        mats.append([[coef[L[y, x]] for x in range(X.size)] for y in range(Y.size)])
    return mats


@st.composite
def _bias(draw, Y):
    orbits = Y.orbits()
    if len(orbits) == 1 or draw(st.booleans()):
        return "complete"
    labels = draw(st.lists(st.integers(0, len(orbits) - 1), min_size=len(orbits), max_size=len(orbits)))
    blocks = {}
    for o, lab in zip(orbits, labels):
        blocks.setdefault(lab, []).extend(o)
    return [sorted(b) for b in blocks.values()]


def _is_cyclic(G) -> bool:
    from ..equivariant.spaces import cyclic_generator
    from ..errors import InvalidSpecError
    try:
        cyclic_generator(G)
        return True
    except InvalidSpecError:
        return False


@st.composite
def architectures(draw, max_degree: int = 4, max_gset: int = 8, max_depth: int = 2,
                  activations: Sequence[str] = ("relu",), allow_explicit: bool = True, allow_bias_partitions: bool = True,
                  max_input: int = 8):
    """A small random architecture: group, input G-set (+ channels), 1..max_depth hidden layers with
    full / pointnet / random explicit layer spaces and complete or coarser bias, an activation from
    ``activations``, invariant or equivariant output."""
    from ..strategies import gsets
    from .architecture import Architecture, HiddenLayer
    G = draw(small_groups(max_degree))
    X0 = draw(gsets(G, max_size=max_input))
    ch = draw(st.integers(1, 2)) if 2 * X0.size <= max_input else 1
    L = draw(st.integers(1, max_depth))
    layers = []
    prev = X0
    for l in range(L):
        Y = draw(gsets(G, max_size=max_gset))
        kind = draw(st.sampled_from(["full", "full", "pointnet", "explicit", "conv"]))
        if kind == "conv":
            conv_ok = (_is_cyclic(G) and Y.size == G.order and Y.is_transitive() and prev.size == G.order
                       and prev.is_transitive() and not (l == 0 and ch > 1))
            kind = f"conv:{draw(st.integers(1, G.order))}" if conv_ok else "full"
        if kind == "pointnet" and ((l == 0 and ch > 1) or Y.images != prev.images or Y.size != prev.size):
            kind = "full"
        if kind == "explicit" and not allow_explicit:
            kind = "full"
        if kind == "explicit":
            space = draw(_random_explicit_basis(Y, prev.with_channels(ch) if l == 0 and ch > 1 else prev))
        else:
            space = kind
        bias = draw(_bias(Y)) if allow_bias_partitions else "complete"
        layers.append(HiddenLayer(Y, space, bias))
        prev = Y
    act = draw(st.sampled_from(list(activations)))
    out = draw(st.sampled_from(["invariant", "equivariant"]))
    return Architecture(G, X0, layers, activation=act, output=out, channels=ch)


def act_on_input(arch, word: Sequence[int], v: Sequence) -> list:
    """The input vector ``v`` moved by the group element given as a word in the generators (indices)."""
    c = arch.channels
    out = list(v)
    for k in word:
        im = arch.input.images[k]
        new = [0] * len(out)
        for x in range(arch.input.size):
            for j in range(c):
                new[im[x] * c + j] = out[x * c + j]
        out = new
    return out


@st.composite
def input_lists(draw, arch, min_size: int = 2, max_size: int = 6, max_abs: int = 2):
    """Small integer inputs (entries in [-max_abs, max_abs]) plus group images of some of them, so that
    identified pairs occur."""
    n = arch.input_size
    base = draw(st.lists(st.lists(st.integers(-max_abs, max_abs), min_size=n, max_size=n),
                         min_size=min_size, max_size=max_size))
    out = list(base)
    ngen = len(arch.group.generators)
    if ngen:
        for v in base[: draw(st.integers(0, len(base)))]:
            word = draw(st.lists(st.integers(0, ngen - 1), min_size=1, max_size=4))
            out.append(act_on_input(arch, word, v))
    return out
