"""Properties of exact chi (docs/theory/folding.md, "Properties" and "Sampled and exact chi"), held against independent computations: exact sampling of
Network.pattern on grids, permuted / rescaled networks, the walk's own definition."""
import math
from fractions import Fraction

from hypothesis import assume, given, settings, strategies as st

from exactsep.folding import chi_of_walk, fold, interaction_of_walks, sampled_chi, walk_stats
from exactsep.folding.strategies import points, pwl_networks, relu_networks
from exactsep.nets import Network


@st.composite
def relu_case(draw, **kw):
    net = draw(relu_networks(**kw))
    n0 = net.widths[0]
    return net, draw(points(n0)), draw(points(n0))


@st.composite
def pwl_case(draw, **kw):
    net = draw(pwl_networks(**kw))
    n0 = net.widths[0]
    return net, draw(points(n0)), draw(points(n0))


def _bits(net, x):
    return tuple(int(s > 0) for layer in net.pattern(x) for s in layer)


def _walk_by_network(net, x1, x2, ts):
    return [_bits(net, [a + t * (b - a) for a, b in zip(x1, x2)]) for t in ts]


def _is_subsequence(small, big):
    it = iter(big)
    return all(any(p == q for q in it) for p in small)


@settings(max_examples=60, deadline=None)
@given(pwl_case())
def test_range_bounds_and_reverse(case):
    net, x1, x2 = case
    r = fold(net, x1, x2)
    if r.r2 == 0:
        assert r.chi == 0 and r.chi_reverse == 0 and len(r.walk) == 1
        return
    assert 0 <= r.chi <= 1 - Fraction(1, r.r2)
    assert r.chi == 1 - Fraction(r.r1, r.r2)
    D, L = r.endpoint_distance, r.r2
    assert Fraction(L - D, 2 * L) <= r.chi <= 1 - Fraction(D, L)           # [secondary: web] bounds
    assert abs(r.chi - r.chi_reverse) <= Fraction(D, L)
    assert (r.chi == 0) == (r.chi_reverse == 0)                              # flatness invariance
    if r.walk[0] == r.walk[-1]:
        assert r.chi >= Fraction(1, 2)
    # flatness characterisation: chi = 0 iff no bit flips twice along the walk
    flips = [sum(1 for a, b in zip(r.walk, r.walk[1:]) if a[j] != b[j]) for j in range(len(r.walk[0]))]
    assert (r.chi == 0) == (max(flips) <= 1)
    assert r.profile[-1] == r.chi
    back = fold(net, x2, x1)
    assert (back.chi, back.r1, back.r2) == (r.chi_reverse, r.r1_reverse, r.r2)


@settings(max_examples=50, deadline=None)
@given(relu_case(max_depth=1), st.integers(2, 40))
def test_one_hidden_layer_never_folds(case, n):
    net, x1, x2 = case
    assert fold(net, x1, x2).chi == 0
    assert fold(net, x2, x1).chi == 0
    assert sampled_chi(net, x1, x2, n=n).chi == 0


@settings(max_examples=50, deadline=None)
@given(relu_case())
def test_full_walk_never_revisits_a_region(case):
    net, x1, x2 = case
    """Full-network pattern regions are convex (the pattern fixes every pre-activation as an affine map),
    so the exact walk of a segment, endpoints included, never repeats a pattern."""
    r = fold(net, x1, x2)
    assert len(set(r.walk)) == len(r.walk)


@settings(max_examples=50, deadline=None)
@given(relu_case(), st.randoms(use_true_random=False), st.data())
def test_invariant_under_neuron_permutation_and_positive_rescaling(case, rng, data):
    net, x1, x2 = case
    layers = [{"W": [list(r) for r in L.W], "b": list(L.b), "activation": L.activation} for L in net.layers]
    perms = []
    for l in range(len(layers) - 1):                  # hidden layers: permute and rescale neurons
        n = len(layers[l]["b"])
        perm = list(range(n))
        rng.shuffle(perm)
        perms.append(perm)
        scale = [Fraction(data.draw(st.integers(1, 6)), data.draw(st.integers(1, 6))) for _ in range(n)]
        W, b = layers[l]["W"], layers[l]["b"]
        layers[l]["W"] = [[scale[i] * w for w in W[i]] for i in perm]
        layers[l]["b"] = [scale[i] * b[i] for i in perm]
        nxt = layers[l + 1]["W"]
        layers[l + 1]["W"] = [[row[i] / scale[i] for i in perm] for row in nxt]
    net2 = Network.from_layers(layers)
    a, b = fold(net, x1, x2), fold(net2, x1, x2)
    assert (a.chi, a.r1, a.r2, a.chi_reverse) == (b.chi, b.r1, b.r2, b.chi_reverse)
    assert a.breakpoints == b.breakpoints
    # same function
    for t in (0, Fraction(1, 3), 1):
        x = [p + t * (q - p) for p, q in zip(x1, x2)]
        assert net(x) == net2(x)


@settings(max_examples=50, deadline=None)
@given(relu_case(), st.lists(st.integers(1, 999), min_size=0, max_size=25))
def test_generic_sampling_underestimates_r1_r2(case, raw):
    """A sampling that includes both endpoints and hits no breakpoint reads a subsequence of the exact
    walk: sampled r1, r2 never exceed the exact ones (patterns read by Network.pattern)."""
    net, x1, x2 = case
    r = fold(net, x1, x2)
    ts = sorted({Fraction(k, 1000) for k in raw} - set(r.breakpoints))
    ts = [0] + ts + [1]
    s = sampled_chi(net, x1, x2, ts=ts)
    walk = _walk_by_network(net, x1, x2, ts)
    st_ = walk_stats(walk)
    assert (s.r1, s.r2, s.chi) == (st_.r1, st_.r2, st_.chi)
    assert s.r1 <= r.r1 and s.r2 <= r.r2
    assert _is_subsequence(list(s.walk), list(r.walk))


@settings(max_examples=40, deadline=None)
@given(relu_case(max_width=3))
def test_fine_grids_reach_the_exact_value(case):
    """Once the grid spacing is below the shortest piece (and no grid point is a breakpoint), the sampled
    walk is the exact walk."""
    net, x1, x2 = case
    r = fold(net, x1, x2)
    cuts = [Fraction(0)] + list(r.breakpoints) + [Fraction(1)]
    shortest = min(b - a for a, b in zip(cuts, cuts[1:]))
    N = math.floor(1 / shortest) + 1
    for _ in range(60):
        if all((t * N).denominator != 1 for t in r.breakpoints):
            break
        N += 1
    assume(N <= 3000)
    grid = [Fraction(k, N) for k in range(N + 1)]
    walk = _walk_by_network(net, x1, x2, grid)
    st_ = walk_stats(walk)
    assert (st_.r1, st_.r2, st_.chi) == (r.r1, r.r2, r.chi)
    s = sampled_chi(net, x1, x2, n=N + 1)
    assert (s.r1, s.r2, s.chi) == (r.r1, r.r2, r.chi)
    assert s.walk == r.walk


@settings(max_examples=40, deadline=None)
@given(relu_case(), st.lists(st.integers(-3, 3), min_size=1, max_size=2))
def test_interaction_of_concatenated_segments(case, extra):
    net, x1, x2 = case
    x3 = [v + extra[i % len(extra)] for i, v in enumerate(x2)]
    a, b = fold(net, x1, x2), fold(net, x2, x3)
    I = interaction_of_walks(a.walk, b.walk)
    joint = list(a.walk) + list(b.walk[1:])
    assert I == chi_of_walk(joint) - a.chi - b.chi
    assert -2 < I < 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 1), min_size=3, max_size=3), min_size=1, max_size=12))
def test_walk_stats_by_definition(walk):
    dedup = [walk[0]] + [q for p, q in zip(walk, walk[1:]) if p != q]
    d = lambda p, q: sum(a != b for a, b in zip(p, q))
    r1 = max(d(dedup[0], p) for p in dedup)
    r2 = sum(d(p, q) for p, q in zip(dedup, dedup[1:]))
    s = walk_stats([tuple(p) for p in walk])
    assert (s.r1, s.r2) == (r1, r2)
    assert s.chi == (Fraction(r2 - r1, r2) if r2 else 0)
    prof = []
    for k in range(1, len(dedup) + 1):
        a = max(d(dedup[0], p) for p in dedup[:k])
        b = sum(d(p, q) for p, q in zip(dedup[:k], dedup[1:k]))
        prof.append(1 - Fraction(a, b) if b else 0)
    from exactsep.folding import chi_profile
    assert list(chi_profile([tuple(p) for p in walk])) == prof


def _bits_direct(net, x, bits):
    from exactsep.folding.core import output_bit
    out = []
    for L, zs in zip(net.layers, net.preactivations(x)):
        if L.activation is None:
            continue
        for z in zs:
            s = (z > 0) - (z < 0)
            out.append(L.activation.piece_index(z) if bits == "piece" else
                       (output_bit(L.activation, s) if bits == "output" else int(s > 0)))
    return tuple(out)


@settings(max_examples=40, deadline=None)
@given(pwl_case(max_width=3), st.sampled_from(["sign", "output", "piece"]))
def test_every_bit_rule_matches_a_fine_exact_grid(case, bits):
    """For every piecewise-linear activation and bit rule: on a grid finer than the shortest piece (no
    grid point on a breakpoint), the walk read by direct exact evaluation is the exact walk."""
    net, x1, x2 = case
    r = fold(net, x1, x2, bits=bits)
    from exactsep.nets import segment_partition
    cuts = [Fraction(0)] + list(segment_partition(net, x1, x2, bits="piece" if bits == "piece" else "sign").breakpoints) \
        + [Fraction(1)]
    shortest = min(b - a for a, b in zip(cuts, cuts[1:]))
    N = math.floor(1 / shortest) + 1
    for _ in range(60):
        if all((t * N).denominator != 1 for t in cuts[1:-1]):
            break
        N += 1
    assume(N <= 2000)
    walk = [_bits_direct(net, [a + Fraction(k, N) * (b - a) for a, b in zip(x1, x2)], bits) for k in range(N + 1)]
    dedup = [walk[0]] + [q for p, q in zip(walk, walk[1:]) if p != q]
    assert tuple(dedup) == r.walk
    s = walk_stats(walk)
    assert (s.r1, s.r2, s.chi) == (r.r1, r.r2, r.chi)
