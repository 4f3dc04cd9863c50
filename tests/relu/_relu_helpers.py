"""Shared strategies for the ReLU tests."""
from fractions import Fraction

import hypothesis.strategies as st

from exactsep.nets import Network
from exactsep.nets.network import num_params


def small_rationals(max_num=3, max_den=2):
    return st.builds(lambda p, q: Fraction(p, q), st.integers(-max_num, max_num), st.integers(1, max_den))


@st.composite
def relu_nets(draw, n0=None, max_n0=2, max_hidden_layers=2, max_width=3, nd=1, max_num=3, max_den=2, max_nd=None):
    n0 = n0 if n0 is not None else draw(st.integers(1, max_n0))
    if max_nd is not None:
        nd = draw(st.integers(1, max_nd))
    hidden = draw(st.lists(st.integers(1, max_width), min_size=1, max_size=max_hidden_layers))
    widths = [n0] + hidden + [nd]
    theta = draw(st.lists(small_rationals(max_num, max_den), min_size=num_params(widths), max_size=num_params(widths)))
    return Network.from_flat(widths, theta)
