"""Hypothesis strategies for piecewise-linear networks and segments (requires hypothesis).

Small rational weights drawn from a set rich in zeros and repeated values, so that degenerate
situations (dead neurons, coincident breakpoints, segments through region boundaries) are common.

>>> from hypothesis import given, settings
>>> from exactsep.folding.strategies import pwl_networks
>>> @settings(max_examples=5, database=None)
... @given(pwl_networks(max_depth=2))
... def check(net):
...     assert 2 <= len(net.layers) <= 3
>>> check()
"""
from __future__ import annotations

from fractions import Fraction

import hypothesis.strategies as st

__all__ = ["small_weights", "pwl_networks", "relu_networks", "points"]

_PWL = ("relu", "relu", "leaky_relu:1/10", "leaky_relu:-1/2", "hardtanh", "relu6", "identity")


def small_weights(max_abs: int = 3, denominators=(1, 1, 1, 2, 3)) -> st.SearchStrategy:
    """Small rationals ``p/q`` (0 and +-1 frequent)."""
    return st.one_of(st.sampled_from([0, 0, 1, -1]),
                     st.builds(lambda p, q: Fraction(p, q) if q != 1 else p,
                               st.integers(-max_abs, max_abs), st.sampled_from(list(denominators))))


@st.composite
def pwl_networks(draw, n0=None, max_n0: int = 2, max_width: int = 4, max_depth: int = 3,
                 activations=_PWL, output_activation: bool = None, weights=None):
    """A network ``n0 -> hidden... -> n_out`` with piecewise-linear activations (hidden layers draw from
    ``activations``; the last layer is affine unless ``output_activation``; None = either)."""
    from ..nets import Network
    w = weights if weights is not None else small_weights()
    n_in = n0 if n0 is not None else draw(st.integers(1, max_n0))
    depth = draw(st.integers(1, max_depth))
    widths = [n_in] + [draw(st.integers(1, max_width)) for _ in range(depth)] + [draw(st.integers(1, 2))]
    last_act = draw(st.booleans()) if output_activation is None else output_activation
    layers = []
    for l in range(1, len(widths)):
        W = [[draw(w) for _ in range(widths[l - 1])] for _ in range(widths[l])]
        b = [draw(w) for _ in range(widths[l])]
        if l < len(widths) - 1:
            act = draw(st.sampled_from(list(activations)))
        else:
            act = draw(st.sampled_from(list(activations))) if last_act else None
        layers.append({"W": W, "b": b, "activation": act})
    return Network.from_layers(layers)


def relu_networks(**kw) -> st.SearchStrategy:
    """:func:`pwl_networks` with ReLU hidden layers and an affine output layer."""
    kw.setdefault("activations", ("relu",))
    kw.setdefault("output_activation", False)
    return pwl_networks(**kw)


def points(n: int, max_abs: int = 4) -> st.SearchStrategy:
    """Rational points of length ``n``."""
    return st.lists(small_weights(max_abs=max_abs), min_size=n, max_size=n)
