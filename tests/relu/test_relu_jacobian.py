"""The exact parameter Jacobian: exact difference quotients, integer vs object paths, boundary errors."""
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings, strategies as st

from exactsep.errors import PointOnBoundaryError
from exactsep.nets import Network
from exactsep.nets.jacobian import integer_jacobian, parameter_jacobian

from _relu_helpers import relu_nets, small_rationals


def _admissible(net, pts):
    return all(all(0 not in layer for layer in net.pattern(p)) for p in pts)


@settings(max_examples=40, deadline=None)
@given(net=relu_nets(max_n0=2, max_hidden_layers=3, max_nd=2),
       data=st.data())
def test_exact_difference_quotients_equal_jacobian(net, data):
    """F is affine in each single parameter on a linear piece, so (F(theta + h e_p) - F(theta)) / h is the
    partial derivative exactly for h small enough that no pattern changes."""
    n0 = net.widths[0]
    pts = data.draw(st.lists(st.lists(small_rationals(6, 3), min_size=n0, max_size=n0), min_size=1, max_size=3))
    assume(_admissible(net, pts))
    J = parameter_jacobian(net, pts)
    th = net.flat()
    h = Fraction(1, 10 ** 12)
    nd = net.widths[-1]
    for p in range(len(th)):
        th2 = list(th)
        th2[p] += h
        n2 = Network.from_flat(net.widths, th2)
        for i, x in enumerate(pts):
            assert n2.pattern(x) == net.pattern(x)
            for o, (a, b) in enumerate(zip(net(x), n2(x))):
                assert (b - a) / h == J[i * nd + o][p]


@settings(max_examples=60, deadline=None)
@given(net=relu_nets(max_n0=3, max_hidden_layers=3, max_num=9, max_den=6), data=st.data())
def test_int64_and_object_paths_agree(net, data):
    n0 = net.widths[0]
    pts = data.draw(st.lists(st.lists(small_rationals(20, 7), min_size=n0, max_size=n0), min_size=1, max_size=6))
    J1 = integer_jacobian(net, pts, on_boundary="skip")
    J2 = integer_jacobian(net, pts, on_boundary="skip", force_object=True)
    assert J1.points_used == J2.points_used
    assert J1.matrix.tolist() == J2.matrix.tolist()
    assert J1.row_factors == J2.row_factors and J1.col_factors == J2.col_factors
    kept = [pts[i] for i in J1.points_used]
    assert len(kept) == sum(_admissible(net, [p]) for p in pts)
    if kept:
        assert J1.exact_rows() == parameter_jacobian(net, kept)


def test_boundary_point_raises_with_neuron_named():
    net = Network.from_flat([2, 2, 1], [1, 1, 1, -1, 0, 0, 1, 1, 0])
    with pytest.raises(PointOnBoundaryError, match="neuron 2 of layer 1"):
        parameter_jacobian(net, [[1, 1]])
    J = integer_jacobian(net, [[1, 1], [1, 2]], on_boundary="skip")
    assert J.points_used == (1,)


def test_large_values_fall_back_to_object_exactly():
    big = 10 ** 15
    net = Network.from_flat([1, 2, 2, 1], [big, -big, 1, 1, big, 1, 1, big, 1, 1, big, big, 0])
    J = integer_jacobian(net, [[3], [-5]])
    assert J.dtype == "object"
    assert J.exact_rows() == parameter_jacobian(net, [[3], [-5]])
    # spot-check one entry by hand: dF/db^3 = 1
    assert J.exact_rows()[0][-1] == 1


def test_leaky_relu_jacobian_by_difference_quotients():
    net = Network.from_layers([{"W": [[1], [-2]], "b": [1, 3], "activation": "leaky_relu:1/10"},
                               {"W": [[2, -1]], "b": [0], "activation": None}])
    x = [Fraction(5, 3)]
    J = parameter_jacobian(net, [x])
    th = net.flat()
    h = Fraction(1, 10 ** 9)
    for p in range(len(th)):
        th2 = list(th)
        th2[p] += h
        n2 = Network.from_layers([{"W": [[th2[0]], [th2[1]]], "b": th2[2:4], "activation": "leaky_relu:1/10"},
                                  {"W": [th2[4:6]], "b": [th2[6]], "activation": None}])
        assert (n2(x)[0] - net(x)[0]) / h == J[0][p]
