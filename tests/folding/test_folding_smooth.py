"""Smooth activations: certified root isolation, held against (a) the exact piecewise-linear algorithm on
piecewise-linear networks pushed through the smooth path, (b) certified point sampling, (c) float64."""
from fractions import Fraction

from hypothesis import given, settings, strategies as st

from exactsep.folding import fold, sampled_chi
from exactsep.folding.smooth import fold_smooth
from exactsep.folding.strategies import points, pwl_networks
from exactsep.nets import Network

SMOOTH = ("tanh", "gelu", "silu", "elu", "sigmoid", "softplus", "relu")


def _is_subsequence(small, big):
    it = iter(big)
    return all(any(p == q for q in it) for p in small)


@st.composite
def case(draw, activations):
    net = draw(pwl_networks(activations=activations, max_width=3, max_depth=2, output_activation=False))
    n0 = net.widths[0]
    return net, draw(points(n0)), draw(points(n0))


@settings(max_examples=25, deadline=None)
@given(case(("relu", "leaky_relu:1/10", "hardtanh", "identity")))
def test_isolation_agrees_with_exact_partition_on_pwl_networks(c):
    net, x1, x2 = c
    exact = fold(net, x1, x2)
    iso = fold_smooth(net, x1, x2, min_width=Fraction(1, 2 ** 24), max_intervals=3000)
    if iso.exact:
        assert iso.walk == exact.walk
        assert (iso.chi, iso.r1, iso.r2, iso.chi_reverse) == (exact.chi, exact.r1, exact.r2, exact.chi_reverse)
    else:
        assert iso.note


@settings(max_examples=25, deadline=None)
@given(case(SMOOTH), st.lists(st.integers(1, 9999), max_size=30))
def test_certified_walk_contains_every_sampled_walk(c, raw):
    net, x1, x2 = c
    res = fold(net, x1, x2, max_intervals=3000, min_width=Fraction(1, 2 ** 24))
    ts = [0] + sorted({Fraction(k, 10000) for k in raw}) + [1]
    s = sampled_chi(net, x1, x2, ts=ts)
    if res.exact and s.exact:
        assert _is_subsequence(list(s.walk), list(res.walk))
        assert s.r1 <= res.r1 and s.r2 <= res.r2
    if res.exact:
        assert 0 <= res.chi < 1


def test_float_dense_sampling_agrees_on_a_tanh_net():
    net = Network.from_layers([{"W": [[2, -1], [1, 1], [-1, 3]], "b": [0, "-1/2", 1], "activation": "tanh"},
                               {"W": [[1, -2, 1], [2, 1, -1]], "b": ["1/3", "-1/4"], "activation": "gelu"},
                               {"W": [[1, 1]], "b": [0]}])
    x1, x2 = [-2, 1], [2, -1]
    res = fold(net, x1, x2)
    assert res.exact
    from exactsep.folding import float_sampled_chi
    f = float_sampled_chi(net, x1, x2, n=20001)
    assert f.walk == res.walk and (f.r1, f.r2) == (res.r1, res.r2)


def test_sigmoid_output_bits_never_fold():
    net = Network.from_layers([{"W": [[1], [-1]], "b": [0, 1], "activation": "sigmoid"},
                               {"W": [[1, 1]], "b": [-1], "activation": "sigmoid"}])
    r = fold(net, [-3], [3], bits="output")
    assert r.chi == 0 and r.r2 == 0 and r.walk == ((1, 1, 1),)


def test_uncertifiable_identically_zero_neuron_is_reported():
    # tanh(x) + tanh(-x) is identically 0, which ball arithmetic cannot certify: exact=False, with a note
    net = Network.from_layers([{"W": [[1], [-1]], "b": [0, 0], "activation": "tanh"},
                               {"W": [[1, 1]], "b": [0], "activation": "tanh"}])
    r = fold(net, [-1], ["3/2"], min_width=Fraction(1, 2 ** 12), max_intervals=300)
    assert not r.exact and "could not be settled" in r.note
