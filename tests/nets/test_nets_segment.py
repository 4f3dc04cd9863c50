"""The exact line partition, held against exact evaluation of the network (Network.pattern,
Network.preactivations, Network.__call__) at rational points: interiors, random points, dense grids."""
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidInputError, NonExactInputError, ShapeError
from exactsep.folding.strategies import points, pwl_networks
from exactsep.nets import Network
from exactsep.nets.segment import line_partition, segment_partition

RELU_FAMILY = ("relu", "leaky_relu:1/10", "leaky_relu:-1/2")


def _pattern(net, x, bits):
    out = []
    for L, zs in zip(net.layers, net.preactivations(x)):
        if L.activation is None:
            continue
        out.append(tuple(((z > 0) - (z < 0)) if bits == "sign" else L.activation.piece_index(z) for z in zs))
    return tuple(out)


def _switch_values(act, bits):
    vals = set(Fraction(c) for c in act.breakpoints)
    if bits == "sign":
        vals.add(Fraction(0))
    return vals


def _at(p, d, t):
    return [a + t * b for a, b in zip(p, d)]


def _random_inside(piece, rng):
    lo, hi = piece.t_lo, piece.t_hi
    if lo is None and hi is None:
        return Fraction(rng.randint(-50, 50), rng.randint(1, 7))
    if lo is None:
        return hi - Fraction(rng.randint(1, 100), rng.randint(1, 7))
    if hi is None:
        return lo + Fraction(rng.randint(1, 100), rng.randint(1, 7))
    return lo + Fraction(rng.randint(1, 999), 1000) * (hi - lo)


@st.composite
def net_and_segment(draw, **kw):
    net = draw(pwl_networks(**kw))
    n0 = net.widths[0]
    return net, draw(points(n0)), draw(points(n0)), draw(st.sampled_from(["sign", "piece"]))


@settings(max_examples=30, deadline=None)
@given(net_and_segment(), st.randoms(use_true_random=False))
def test_pieces_have_the_exact_pattern_and_output_form(case, rng):
    net, x1, x2, bits = case
    part = segment_partition(net, x1, x2, bits=bits)
    d = [b - a for a, b in zip(x1, x2)]
    assert len(part.pieces) == len(part.breakpoints) + 1
    assert list(part.breakpoints) == sorted(set(part.breakpoints))
    assert all(0 < t < 1 for t in part.breakpoints)
    for i, piece in enumerate(part.pieces):
        assert piece.contains(piece.interior)
        assert piece.pattern == _pattern(net, _at(x1, d, piece.interior), bits)
        if bits == "sign":
            assert piece.pattern == net.pattern(_at(x1, d, piece.interior))
        c, s = part.output_form(i)
        for _ in range(3):
            t = _random_inside(piece, rng)
            x = _at(x1, d, t)
            assert _pattern(net, x, bits) == piece.pattern
            assert list(net(x)) == [ci + si * t for ci, si in zip(c, s)]
        other = _random_inside(piece, rng)
        zero = {(l, j) for l, (zs, ws) in enumerate(zip(net.preactivations(_at(x1, d, piece.interior)),
                                                        net.preactivations(_at(x1, d, other))))
                if net.layers[l].activation is not None for j, (z, w) in enumerate(zip(zs, ws)) if z == w == 0}
        assert set(piece.zero_neurons) == zero
    assert part.endpoint_patterns == (_pattern(net, x1, bits), _pattern(net, x2, bits))


@settings(max_examples=30, deadline=None)
@given(net_and_segment())
def test_breakpoints_are_exact_switchings(case):
    """At every breakpoint some neuron's pre-activation is exactly at a switching value (0 / the
    activation's breakpoints), and the reported neurons are exactly those (minus neurons sitting on
    the value on both neighbouring pieces)."""
    net, x1, x2, bits = case
    part = segment_partition(net, x1, x2, bits=bits)
    d = [b - a for a, b in zip(x1, x2)]
    for k, cr in enumerate(part.crossings):
        t = part.breakpoints[k]
        assert cr.t == t
        pres = net.preactivations(_at(x1, d, t))
        left = net.preactivations(_at(x1, d, part.pieces[k].interior))
        right = net.preactivations(_at(x1, d, part.pieces[k + 1].interior))
        expected = set()
        for l, L in enumerate(net.layers):
            if L.activation is None:
                continue
            for j, z in enumerate(pres[l]):
                if z in _switch_values(L.activation, bits) and not (left[l][j] == z == right[l][j]):
                    expected.add((l, j))
        assert expected, f"breakpoint {t} with no neuron at a switching value"
        assert set(cr.neurons) == expected
        assert cr.coincident == (len(expected) >= 2)
        assert (t in part.coincident) == (len(expected) >= 2)
        lp, rp = part.pieces[k].pattern, part.pieces[k + 1].pattern
        flat = lambda p: [v for layer in p for v in layer]
        changed = {n for n, (a, b) in zip([(l, j) for l, w in zip(part.pattern_layers, part.widths) for j in range(w)],
                                          zip(flat(lp), flat(rp))) if a != b}
        assert set(cr.switched) == changed & expected


@settings(max_examples=40, deadline=None)
@given(net_and_segment())
def test_dense_exact_sampling_agrees(case):
    """Brute force: on the grid t = k/240, every grid point that is not a breakpoint has the pattern of
    its piece; two consecutive grid points with different patterns have a breakpoint between them."""
    net, x1, x2, bits = case
    part = segment_partition(net, x1, x2, bits=bits)
    d = [b - a for a, b in zip(x1, x2)]
    N = 240
    prev = None
    for k in range(N + 1):
        t = Fraction(k, N)
        pat = _pattern(net, _at(x1, d, t), bits)
        i = part.piece_of(t)
        if i is not None:
            assert pat == part.pieces[i].pattern
        if prev is not None and pat != prev[1]:
            assert any(prev[0] <= b <= t for b in part.breakpoints) or k in (1, N)
        prev = (t, pat)


@settings(max_examples=50, deadline=None)
@given(net_and_segment())
def test_pieces_are_maximal(case):
    net, x1, x2, bits = case
    part = segment_partition(net, x1, x2, bits=bits)
    relu_family = all(L.activation is None or L.activation.spec in RELU_FAMILY for L in net.layers)
    if bits == "piece" or relu_family:
        for a, b in zip(part.pieces, part.pieces[1:]):
            assert a.pattern != b.pattern


@settings(max_examples=40, deadline=None)
@given(net_and_segment(), st.integers(1, 5))
def test_line_restricts_to_segment_and_reparametrises(case, c):
    net, x1, x2, bits = case
    d = [b - a for a, b in zip(x1, x2)]
    whole = line_partition(net, x1, d, bits=bits)
    seg = segment_partition(net, x1, x2, bits=bits)
    assert [t for t in whole.breakpoints if 0 < t < 1] == list(seg.breakpoints)
    assert whole.pieces[0].t_lo is None and whole.pieces[-1].t_hi is None
    assert whole.endpoint_patterns == (None, None)
    for p in whole.pieces:
        assert p.pattern == _pattern(net, _at(x1, d, p.interior), bits)
    # t -> t / c for direction c * d
    scaled = line_partition(net, x1, [c * v for v in d], 0, Fraction(1, c), bits=bits)
    assert [t * c for t in scaled.breakpoints] == list(seg.breakpoints)
    assert [p.pattern for p in scaled.pieces] == [p.pattern for p in seg.pieces]


@settings(max_examples=30, deadline=None)
@given(net_and_segment(activations=("relu", "leaky_relu:1/10", "identity")))
def test_huge_positive_rescaling_changes_nothing(case):
    """Scaling layer l by c_l (and its bias by c_1...c_l) keeps every pattern (positively homogeneous
    activations): with c = 10**18 this also drives the sweep onto its Python-int path."""
    net, x1, x2, bits = case
    c = 10 ** 18
    layers, cum = [], 1
    for L in net.layers:
        cum *= c
        layers.append({"W": [[c * w for w in row] for row in L.W], "b": [cum * v for v in L.b],
                       "activation": L.activation})
    big = Network.from_layers(layers)
    a = segment_partition(net, x1, x2, bits=bits)
    b = segment_partition(big, x1, x2, bits=bits)
    assert a.breakpoints == b.breakpoints
    assert [p.pattern for p in a.pieces] == [p.pattern for p in b.pieces]
    assert a.endpoint_patterns == b.endpoint_patterns
    assert a.coincident == b.coincident


def test_syrenn_readme_line():
    """The README example of SyReNN: a bare ReLU on (-0.5, 1) -> (1, -0.5) has ratios 1/3, 2/3."""
    net = Network.from_layers([{"W": [[1, 0], [0, 1]], "b": [0, 0], "activation": "relu"}])
    part = segment_partition(net, ["-1/2", 1], [1, "-1/2"])
    assert part.breakpoints == (Fraction(1, 3), Fraction(2, 3))


def test_roots_closer_than_float_resolution_are_separated():
    eps = Fraction(1, 10 ** 30)
    net = Network.from_layers([{"W": [[1], [1], [1]], "b": [Fraction(-1, 3), -Fraction(1, 3) - eps, Fraction(-1, 3)],
                                "activation": "relu"}])
    part = segment_partition(net, [0], [1])
    assert part.breakpoints == (Fraction(1, 3), Fraction(1, 3) + eps)
    assert part.coincident == (Fraction(1, 3),)
    assert set(part.crossings[0].neurons) == {(0, 0), (0, 2)}
    assert [p.pattern for p in part.pieces] == [((-1, -1, -1),), ((1, -1, 1),), ((1, 1, 1),)]


def test_dead_neuron_downstream_and_zero_neurons():
    # v = relu(u) with u = relu(x): v's pre-activation is identically 0 for x < 0
    net = Network.from_layers([{"W": [[1]], "b": [0], "activation": "relu"},
                               {"W": [[1]], "b": [0], "activation": "relu"}])
    part = line_partition(net, [-1], [1], 0, 2)
    assert part.breakpoints == (1,)
    assert [p.pattern for p in part.pieces] == [((-1,), (0,)), ((1,), (1,))]
    assert part.pieces[0].zero_neurons == ((1, 0),)
    assert part.crossings[0].neurons == ((0, 0), (1, 0))
    assert part.endpoint_patterns == (((-1,), (0,)), ((1,), (1,)))


def test_multi_piece_activations_piece_bits():
    net = Network.from_layers([{"W": [[1]], "b": [0], "activation": "hardtanh"},
                               {"W": [[2]], "b": [-1], "activation": "relu6"}])
    p = segment_partition(net, [-3], [3], bits="piece")
    # u = hardtanh(x), x = -3 + 6t: kinks at x = -1, 1; v = relu6(2u - 1) switches at x = 1/2
    assert [str(t) for t in p.breakpoints] == ["1/3", "7/12", "2/3"]
    assert [q.pattern for q in p.pieces] == [((0,), (0,)), ((1,), (0,)), ((1,), (1,)), ((2,), (1,))]
    s = segment_partition(net, [-3], [3], bits="sign")
    assert [str(t) for t in s.breakpoints] == ["1/3", "1/2", "7/12", "2/3"]     # + the sign change x = 0
    assert [q.pattern for q in s.pieces] == [((-1,), (-1,)), ((-1,), (-1,)), ((1,), (-1,)), ((1,), (1,)),
                                             ((1,), (1,))]


def test_bad_input():
    net = Network.from_layers([{"W": [[1]], "b": [0], "activation": "tanh"}])
    with pytest.raises(NonExactInputError):
        segment_partition(net, [0], [1])
    net = Network.from_layers([{"W": [[1]], "b": [0], "activation": "relu"}])
    with pytest.raises(InvalidInputError):
        line_partition(net, [0], [1], 1, 1)
    with pytest.raises(ShapeError):
        segment_partition(net, [0, 1], [1, 1])
    with pytest.raises(InvalidInputError):
        segment_partition(net, [0], [1], bits="bit")
    with pytest.raises(NonExactInputError):
        segment_partition(net, [0.5], [1])


def test_to_json_is_exact_strings():
    import json
    net = Network.from_layers([{"W": [[3]], "b": [-1], "activation": "relu"}])
    js = segment_partition(net, [0], [1]).to_json()
    json.dumps(js)
    assert js["breakpoints"] == ["1/3"] and js["num_pieces"] == 2
