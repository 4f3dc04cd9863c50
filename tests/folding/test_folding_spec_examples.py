"""The worked examples of docs/theory/folding.md (Ex. 1, Ex. 2, CantorNet rows of Ex. 3), reproduced exactly,
plus the properties docs/theory/folding.md states about them."""
from fractions import Fraction as F

import pytest

from exactsep.folding import fold, layer_subsets, sampled_chi
from exactsep.nets import Network


def ex1():
    return Network.from_layers([{"W": [[1, 0], [0, 1], [1, 1], [-1, 0]], "b": [0, 0, -1, 2], "activation": "relu"},
                                {"W": [[1, -1, 2, 3]], "b": [5]}])


def ex2():
    return Network.from_layers([
        {"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
        {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"}])


def cantornet(k, top=True):
    layers = []
    for _ in range(k):
        layers.append({"W": [[3, 0], [-3, 0], [0, 1]], "b": [-2, 1, 0], "activation": "relu"})
        layers.append({"W": [[1, 1, 0], [0, 0, 1]], "b": [0, 0], "activation": "relu"})
    layers.append({"W": [["-1/2", 1]], "b": ["-1/2"], "activation": "relu"})
    return Network.from_layers(layers)


def test_ex1_one_hidden_layer():
    r = fold(ex1(), [-1, -2], [3, 1])
    assert r.breakpoints == (F(1, 4), F(4, 7), F(2, 3), F(3, 4))
    assert r.walk == ((0, 0, 0, 1), (1, 0, 0, 1), (1, 0, 1, 1), (1, 1, 1, 1), (1, 1, 1, 0))
    assert (r.r1, r.r2, r.chi, r.chi_reverse) == (4, 4, 0, 0)
    for n in range(2, 30):
        assert sampled_chi(ex1(), [-1, -2], [3, 1], n=n).chi == 0
    s6 = sampled_chi(ex1(), [-1, -2], [3, 1], n=6)       # skips (2/3, 3/4) but still 0
    assert (1, 1, 1, 1) not in s6.walk and s6.chi == 0


def test_ex2_exact_forward_reverse_bounds():
    r = fold(ex2(), [0], [40])
    assert r.walk == ((1, 0, 0, 0, 0, 0), (1, 0, 0, 0, 0, 1), (1, 0, 1, 0, 0, 1), (1, 0, 1, 0, 0, 0),
                      (1, 0, 1, 1, 0, 0), (1, 0, 1, 1, 1, 0), (1, 1, 1, 1, 1, 0), (1, 1, 1, 1, 0, 0),
                      (1, 1, 1, 0, 0, 0))
    assert r.breakpoints == (F(1, 8), F(3, 20), F(7, 40), F(9, 40), F(41, 80), F(21, 40), F(43, 80), F(33, 40))
    assert r.pieces == 9
    assert (r.r1, r.r2, r.chi) == (4, 8, F(1, 2))
    assert (r.r1_reverse, r.chi_reverse) == (3, F(5, 8))
    assert r.symmetric_chi == F(9, 16)
    assert r.endpoint_distance == 2
    assert r.bounds == (F(3, 8), F(3, 4))
    assert abs(r.chi - r.chi_reverse) <= F(r.endpoint_distance, r.r2)
    # the reverse chi is the forward chi of the reversed segment
    back = fold(ex2(), [40], [0])
    assert (back.chi, back.chi_reverse) == (r.chi_reverse, r.chi)


def test_ex2_layer_subsets():
    subs = layer_subsets(ex2(), [0], [40])
    assert subs[(0,)].chi == 0 and subs[(0,)].walk == ((1, 0, 0), (1, 0, 1), (1, 1, 1))
    l2 = subs[(1,)]
    assert l2.walk == ((0, 0, 0), (0, 0, 1), (0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 0, 0), (0, 0, 0))
    assert (l2.r1, l2.r2, l2.chi) == (2, 6, F(2, 3))
    assert subs[(0, 1)].chi == F(1, 2)
    assert fold(ex2(), [0], [40], layers=[1]).chi == F(2, 3)


@pytest.mark.parametrize("N, r1, r2, chi", [(1, 2, 2, 0), (5, 3, 4, F(1, 4)), (10, 3, 4, F(1, 4)),
                                            (17, 4, 6, F(1, 3)), (20, 3, 6, F(1, 2)), (40, 3, 8, F(5, 8)),
                                            (80, 3, 8, F(5, 8)), (81, 4, 8, F(1, 2)), (97, 4, 8, F(1, 2)),
                                            (160, 4, 8, F(1, 2))])
def test_ex2_sampled_grid_table(N, r1, r2, chi):
    s = sampled_chi(ex2(), [0], [40], n=N + 1)
    assert (s.r1, s.r2, s.chi) == (r1, r2, chi)


def test_ex2_float_sampling_matches_exact_sampling_here():
    from exactsep.folding import float_sampled_chi
    for N in range(1, 101):
        f = float_sampled_chi(ex2(), [0], [40], n=N + 1)
        e = sampled_chi(ex2(), [0], [40], n=N + 1)
        assert (f.r1, f.r2, f.walk) == (e.r1, e.r2, e.walk)


@pytest.mark.parametrize("k, pieces, r1, r2, chi, chi11, chi_no_top",
                         [(1, 5, 3, 6, F(1, 2), F(1, 2), F(1, 2)), (2, 11, 5, 16, F(11, 16), F(11, 16), F(2, 3))])
def test_cantornet_rows(k, pieces, r1, r2, chi, chi11, chi_no_top):
    net = cantornet(k)
    x1, x2 = [0, F(3, 4)], [1, F(3, 4)]
    r = fold(net, x1, x2)
    assert (r.pieces, r.r1, r.r2, r.chi) == (pieces, r1, r2, chi)
    assert sum(len(L.b) for L in net.layers) == 5 * k + 1 == len(r.walk[0])
    assert sampled_chi(net, x1, x2, n=11).chi == chi11
    no_top = fold(net, x1, x2, layers=range(len(net.layers) - 1))
    assert no_top.chi == chi_no_top
