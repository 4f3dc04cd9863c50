"""Symmetries, canonical forms, same_function, hidden directions, minimal width."""
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidInputError, ShapeError
from exactsep.nets import Network
from exactsep.nets.jacobian import parameter_jacobian
from exactsep.relu.fibers import (certified_moves, classify_fiber_point, difference_network, hidden_directions,
                                  minimal_width_one_hidden_layer, move, same_function)
from exactsep.relu.regions import enumerate_regions
from exactsep.relu.symmetry import act, canonical_form, first_layer_invariant, orbit_dimension

from _relu_helpers import relu_nets, small_rationals


@st.composite
def group_elements(draw, widths):
    perms = [draw(st.permutations(list(range(n)))) for n in widths[1:-1]]
    scal = [draw(st.lists(st.builds(Fraction, st.integers(1, 6), st.integers(1, 6)), min_size=n, max_size=n))
            for n in widths[1:-1]]
    return perms, scal


def grid(n0):
    vals = [Fraction(k, 3) for k in range(-12, 13)]
    if n0 == 1:
        return [[v] for v in vals]
    return [[a, b] for a in vals[::2] for b in vals[::3]]


@settings(max_examples=60, deadline=None)
@given(net=relu_nets(max_n0=2, max_hidden_layers=3, max_width=3), data=st.data())
def test_group_action_preserves_function_and_canonical_form(net, data):
    w = net.widths
    perms, scal = data.draw(group_elements(w))
    th2 = act(w, net.flat(), perms, scal)
    net2 = Network.from_flat(w, th2)
    for x in grid(w[0]):
        assert net(x) == net2(x)
    assert first_layer_invariant(w, net.flat()) == first_layer_invariant(w, th2)
    c1, c2 = canonical_form(w, net.flat()), canonical_form(w, th2)
    assert c1.normal_form == c2.normal_form
    if c1.normal_form:
        assert c1.theta == c2.theta
    # the canonical form is in the orbit: same function
    cn = Network.from_flat(w, c1.theta)
    for x in grid(w[0]):
        assert cn(x) == net(x)
    assert orbit_dimension(w, net.flat()) == orbit_dimension(w, th2)


@settings(max_examples=40, deadline=None)
@given(a=relu_nets(n0=1, max_hidden_layers=2, max_width=3), b=relu_nets(n0=1, max_hidden_layers=2, max_width=3))
def test_same_function_1d_against_exact_evaluation(a, b):
    r = same_function(a, b)
    if r.equal:
        # all breakpoints of both, plus points beyond them, agree
        bps = set(enumerate_regions(a).breakpoints) | set(enumerate_regions(b).breakpoints)
        pts = sorted(bps) or [Fraction(0)]
        for t in pts + [pts[0] - 1, pts[-1] + 1]:
            assert a([t]) == b([t])
    else:
        assert a(list(r.witness)) != b(list(r.witness))
    assert same_function(a, a).equal


@settings(max_examples=25, deadline=None)
@given(a=relu_nets(n0=2, max_hidden_layers=2, max_width=2), data=st.data())
def test_same_function_2d_canonical_and_differences(a, data):
    w = a.widths
    perms, scal = data.draw(group_elements(w))
    b = Network.from_flat(w, act(w, a.flat(), perms, scal))
    assert same_function(a, b).equal                      # equal canonical forms => equal functions
    # perturb the output bias: always different, witness differs exactly
    th = a.flat()
    th[-1] += Fraction(1, 7)
    c = Network.from_flat(w, th)
    r = same_function(a, c)
    assert not r.equal and a(list(r.witness)) != c(list(r.witness))
    # perturb one weight: decide, and check the witness or sampled agreement
    k = data.draw(st.integers(0, len(th) - 2))
    th2 = a.flat()
    th2[k] += data.draw(small_rationals(3, 2).filter(lambda v: v != 0))
    d = Network.from_flat(w, th2)
    r = same_function(a, d)
    if r.equal:
        for x in grid(2):
            assert a(x) == d(x)
    else:
        assert a(list(r.witness)) != d(list(r.witness))


def test_difference_network_of_different_depths():
    a = Network.from_flat([1, 1], [2, 1])                          # affine 2x + 1, no hidden layer
    b = Network.from_flat([1, 2, 2, 1], [1, -1, 0, 0, 1, 0, 0, 1, 0, 0, 2, -2, 1])
    D = difference_network(a, b)
    for k in range(-9, 10):
        x = [Fraction(k, 2)]
        assert D(x)[0] == a(x)[0] - b(x)[0]
    assert same_function(a, b).equal


@settings(max_examples=30, deadline=None)
@given(relu_nets(n0=1, max_hidden_layers=1, max_width=4))
def test_minimal_width_witness_realises_F(net):
    m, wit = minimal_width_one_hidden_layer(net)
    assert m <= net.widths[1]
    assert same_function(net, wit).equal


@settings(max_examples=20, deadline=None)
@given(relu_nets(max_n0=2, max_hidden_layers=2, max_width=2))
def test_hidden_directions_are_kernel_vectors(net):
    H = hidden_directions(net)
    R = enumerate_regions(net)
    pts = [list(p) for r in R.regions if not r.has_zero_neuron for p in r.points]
    if pts:
        J = parameter_jacobian(net, pts)
        for v in H.kernel:
            assert all(sum(a * b for a, b in zip(row, v)) == 0 for row in J)
    assert len(H.kernel) == net.num_params - H.functional_dimension
    assert len(H.hidden) == len(H.kernel) - H.orbit_tangent_dim or not H.certified


def test_classification_of_spec_points():
    t3 = Network.from_flat([1, 2, 1], [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"])
    c = classify_fiber_point(t3)
    assert c.classification == "linear_hidden_symmetry" and c.first_order_hidden_dimension == 1
    assert "coincident_hyperplanes" in c.mechanisms
    t1 = Network.from_flat([1, 1, 1, 1], [1, 0, -1, 1, -1, 1])
    assert classify_fiber_point(t1).classification == "orbit_locally"
    moves = certified_moves(t3, [0, 0, -2, 3, 0, 0, 1], [Fraction(1, 3), -5])
    assert all(ok for _, ok in moves)
    assert not same_function(t3, move(t3, [1, 0, 0, 0, 0, 0, 0], 1)).equal


def test_bad_group_elements_are_refused():
    with pytest.raises(InvalidInputError):
        act([1, 2, 1], [1, 2, 3, 4, 5, 6, 7], [[0, 0]], [[1, 1]])
    with pytest.raises(InvalidInputError):
        act([1, 2, 1], [1, 2, 3, 4, 5, 6, 7], [[0, 1]], [[1, -1]])
    with pytest.raises(ShapeError):
        act([1, 2, 1], [1, 2, 3], None, None)


@settings(max_examples=15, deadline=None)
@given(st.lists(small_rationals(5, 3).filter(lambda v: v != 0), min_size=8, max_size=8))
def test_width_one_chains_always_have_hidden_symmetries(theta):
    """Spec 1.4 caution: a chain of three width-1 ReLU layers computes at most a ramp (2 breakpoints, 2
    plateau values), so dim_fun <= 4 < U = 5 and a hidden direction exists at every parameter."""
    from exactsep.relu.fundim import functional_dimension
    net = Network.from_flat([1, 1, 1, 1, 1], theta)
    fd = functional_dimension(net)
    assert fd.value <= 4 < fd.upper_bound == 5
    H = hidden_directions(net)
    assert H.first_order_hidden_dimension >= 1
