"""Functional dimension: invariance, bounds, cheap start vs enumeration, batch ranks below the exact value."""
from fractions import Fraction

from hypothesis import given, settings, strategies as st

from exactsep.linalg import rank
from exactsep.nets import Network
from exactsep.nets.jacobian import parameter_jacobian
from exactsep.relu.fundim import batch_functional_dimension, functional_dimension, random_points, upper_bound
from exactsep.relu.symmetry import act, orbit_tangent

from _relu_helpers import relu_nets, small_rationals


@st.composite
def group_elements(draw, widths):
    perms = [draw(st.permutations(list(range(n)))) for n in widths[1:-1]]
    scal = [draw(st.lists(st.builds(Fraction, st.integers(1, 5), st.integers(1, 5)), min_size=n, max_size=n))
            for n in widths[1:-1]]
    return perms, scal


@settings(max_examples=25, deadline=None)
@given(net=relu_nets(max_n0=2, max_hidden_layers=2, max_width=3), data=st.data())
def test_invariant_under_symmetry_group_and_bounded(net, data):
    w = net.widths
    perms, scal = data.draw(group_elements(w))
    net2 = Network.from_flat(w, act(w, net.flat(), perms, scal))
    a = functional_dimension(net, enumerate_all=True)
    b = functional_dimension(net2, enumerate_all=True)
    assert a.value == b.value and a.regions == b.regions
    assert a.value <= a.upper_bound == upper_bound(w)
    assert a.value <= a.region_bound
    assert a.value <= w[-1] * (w[0] + 1) * a.regions


@settings(max_examples=25, deadline=None)
@given(net=relu_nets(max_n0=2, max_hidden_layers=2, max_width=3), seed=st.integers(0, 100))
def test_cheap_start_agrees_with_complete_enumeration_and_bounds_batches(net, seed):
    full = functional_dimension(net, enumerate_all=True)
    quick = functional_dimension(net, seed=seed)
    if full.certified and quick.certified:
        assert full.value == quick.value
    pts = random_points(net.widths[0], 12, seed=seed)
    b = batch_functional_dimension(net, pts, on_boundary="skip", proof=True)
    if full.certified:
        assert b.value <= full.value


@settings(max_examples=30, deadline=None)
@given(net=relu_nets(max_n0=2, max_hidden_layers=2, max_width=3), data=st.data())
def test_scaling_generators_are_in_the_jacobian_kernel(net, data):
    n0 = net.widths[0]
    pts = data.draw(st.lists(st.lists(small_rationals(5, 3), min_size=n0, max_size=n0), min_size=1, max_size=4))
    pts = [p for p in pts if all(0 not in l for l in net.pattern(p))]
    if not pts:
        return
    J = parameter_jacobian(net, pts)
    for v in orbit_tangent(net.widths, net.flat()):
        assert all(sum(a * b for a, b in zip(row, v)) == 0 for row in J)


def test_narrowing_architecture_reaches_U_by_cheap_start():
    import random
    rng = random.Random(2)
    w = [3, 3, 2, 1]
    th = [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) or 1 for _ in range(sum(w[i] * w[i - 1] + w[i] for i in range(1, 4)))]
    fd = functional_dimension(Network.from_flat(w, th))
    assert fd.certified and fd.value == upper_bound(w)          # narrowing widths: U attained (spec 1.4)
    w = [4, 3, 1]
    th = [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) or 1 for _ in range(sum(w[i] * w[i - 1] + w[i] for i in range(1, 3)))]
    fd = functional_dimension(Network.from_flat(w, th))
    assert fd.certified and fd.value == upper_bound(w) and fd.method == "cheap_start"
    assert fd.value <= fd.region_bound == w[-1] * (w[0] + 1) * fd.regions


def test_1_8_8_1_complete_enumeration_is_certified():
    import random
    rng = random.Random(0)
    w = [1, 8, 8, 1]
    th = [Fraction(rng.randint(-5, 5), rng.randint(1, 4)) for _ in range(sum(w[i] * w[i - 1] + w[i] for i in range(1, 4)))]
    fd = functional_dimension(Network.from_flat(w, th), enumerate_all=True)
    assert fd.certified and fd.value <= min(fd.upper_bound, fd.region_bound)
    assert fd.genericity is not None


@settings(max_examples=25, deadline=None)
@given(net=relu_nets(max_n0=3, max_hidden_layers=2, max_width=4), seed=st.integers(0, 50))
def test_structural_kernel_certificate_agrees_with_the_kernel_proof(net, seed):
    from exactsep.nets.jacobian import integer_jacobian
    from exactsep.relu.fundim import kernel_vectors_vanish, structural_kernel
    pts = random_points(net.widths[0], 10, seed=seed)
    a = batch_functional_dimension(net, pts, on_boundary="skip")
    b = batch_functional_dimension(net, pts, on_boundary="skip", proof=True, structural=False)
    assert b.certified
    if a.certified:
        assert a.value == b.value
    J = integer_jacobian(net, pts, on_boundary="skip")
    if J.matrix.shape[0]:
        K = structural_kernel(J, net.widths, net.flat())
        assert kernel_vectors_vanish(J.matrix, K)
        assert int(rank(K)) <= net.num_params - b.value if K else True
        # a vector outside the kernel is caught
        rows = J.matrix.tolist()
        j = next((j for j in range(len(rows[0])) if any(r[j] for r in rows)), None)
        if j is not None:
            e = [0] * len(rows[0])
            e[j] = 1
            assert not kernel_vectors_vanish(J.matrix, K + [e])


def test_identically_zero_neurons_follow_the_smoothness_definition():
    # layer-1 neuron identically 0, cut off by a dead layer-2 neuron: F = d near theta, smooth; dim 1
    net = Network.from_flat([1, 1, 1, 1], [0, 0, 5, -1, 3, 2])
    fd = functional_dimension(net)
    assert fd.certified and fd.value == 1
    th = net.flat()
    for p in range(len(th)):
        for h in (Fraction(1, 10 ** 6), Fraction(-1, 10 ** 6)):
            t2 = list(th)
            t2[p] += h
            for x in (Fraction(-3), Fraction(1, 2), Fraction(7)):
                diff = Network.from_flat([1, 1, 1, 1], t2)([x])[0] - net([x])[0]
                assert diff / h == (1 if p == len(th) - 1 else 0)
    # a visible identically-0 neuron: relu(b2') has a kink at theta for every x, so no point is
    # parametrically smooth and the supremum over the (empty) set of smooth points is 0
    net = Network.from_flat([1, 2, 1], [1, 0, 0, 0, 1, 1, 0])
    fd = functional_dimension(net)
    assert fd.certified and fd.value == 0 and fd.notes
    x = [Fraction(2)]
    h = Fraction(1, 10 ** 6)
    up = Network.from_flat([1, 2, 1], [1, 0, 0, h, 1, 1, 0])([x[0]])[0] - net(x)[0]
    down = Network.from_flat([1, 2, 1], [1, 0, 0, -h, 1, 1, 0])([x[0]])[0] - net(x)[0]
    assert up / h != down / (-h)            # one-sided derivatives in b2 differ: not differentiable
