"""T1-T5 of docs/theory/fundim.md ("Test vectors"), reproduced exactly (values and fiber facts)."""
from fractions import Fraction

import pytest

from exactsep.nets import Network
from exactsep.relu.fibers import hidden_directions, same_function
from exactsep.relu.fundim import functional_dimension, upper_bound
from exactsep.relu.regions import enumerate_regions
from exactsep.relu.search import verify_certificate


def net(widths, theta):
    return Network.from_flat(widths, theta)


def fd(widths, theta):
    r = functional_dimension(net(widths, theta))
    assert r.certified
    return r.value


# ---------------------------------------------------------------- T1
T1A = [1, 0, -1, 1, -1, 1]
T1B = [-1, 1, -1, 1, 1, 0]


def test_T1_values_and_target():
    w = [1, 1, 1, 1]
    assert upper_bound(w) == 4
    assert fd(w, T1A) == 4 and fd(w, T1B) == 4
    clamp = lambda x: min(max(x, 0), 1)
    for k in range(-12, 13):
        x = Fraction(k, 4)
        assert net(w, T1A)([x]) == [clamp(x)] and net(w, T1B)([x]) == [clamp(x)]
    assert same_function(net(w, T1A), net(w, T1B)).equal


def test_T1_two_orbits():
    v = verify_certificate({"kind": "non_transitive_action", "widths": [1, 1, 1, 1], "theta_a": T1A, "theta_b": T1B})
    assert v.valid and "first-layer" in v.checks[-1]


# ---------------------------------------------------------------- T2
T2 = {"A": ([2, -2, 0, 5, "1/2", 0, 0], 4), "B": ([2, 0, 0, 3, "1/2", 5, -15], 4),
      "B'": ([2, 0, 0, -3, "1/2", 5, 0], 3), "C": ([2, 3, 0, 0, "1/4", "1/6", 0], 3)}
RELU = [1, 0, 1, 0]   # (1,1,1): relu(x)


@pytest.mark.parametrize("name", list(T2))
def test_T2_values(name):
    theta, value = T2[name]
    assert fd([1, 2, 1], theta) == value < upper_bound([1, 2, 1]) == 5
    assert same_function(net([1, 2, 1], theta), net([1, 1, 1], RELU)).equal


@pytest.mark.parametrize("target,path", [
    ("B'", [("silent_incoming", [2, 0, 0, -3, "1/2", 0, 0]), ("output_layer", [2, 0, 0, -3, "1/2", 5, 0])]),
    ("B", [("silent_incoming", [2, 0, 0, 3, "1/2", 0, 0]), ("output_layer", [2, 0, 0, 3, "1/2", 5, -15])]),
    ("C", [("silent_incoming", [2, 3, 0, 0, "1/2", 0, 0]), ("output_layer", [2, 3, 0, 0, "1/4", "1/6", 0])]),
])
def test_T2_connecting_paths(target, path):
    cert = {"kind": "non_constant_dimension_on_fiber", "widths": [1, 2, 1], "theta_a": T2["A"][0],
            "theta_b": T2[target][0], "path": [{"kind": k, "theta": t} for k, t in path]}
    v = verify_certificate(cert)
    if T2[target][1] == 4:
        assert not v.valid and "equal" in v.reason          # A and B both have 4: not a non-constancy witness
    else:
        assert v.valid and "one path-component" in v.proves


# ---------------------------------------------------------------- T3
T3 = [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"]


def t3_point(a1, a2, t):
    return [a1, a2, -a1 * t, -a2 * t, 1 / a1, 1 / a2, t]


def test_T3_fiber_and_dimension():
    ident = net([1, 2, 1], [1, -1, 0, 0, 1, -1, 0])
    assert same_function(net([1, 2, 1], T3), ident).equal
    for a1, a2, t in [(Fraction(2), Fraction(-3), Fraction(1, 2)), (Fraction(1, 3), Fraction(-5), Fraction(-7)),
                      (Fraction(4), Fraction(-1, 2), Fraction(0))]:
        th = t3_point(a1, a2, t)
        assert same_function(net([1, 2, 1], th), ident).equal
        assert fd([1, 2, 1], th) == 4
    assert t3_point(Fraction(2), Fraction(-3), Fraction(1, 2)) == [Fraction(v) for v in T3]


def test_T3_translation_is_the_hidden_direction_and_fiber_disconnected():
    H = hidden_directions(net([1, 2, 1], T3))
    assert H.orbit_tangent_dim == 2 and H.first_order_hidden_dimension == 1
    # d/dt of (a1, a2, -a1 t, -a2 t, 1/a1, 1/a2, t) = (0, 0, -a1, -a2, 0, 0, 1) = (0,0,-2,3,0,0,1)
    assert list(H.hidden[0]) in ([0, 0, -2, 3, 0, 0, 1], [0, 0, 2, -3, 0, 0, -1])
    swapped = [-3, 2, "3/2", -1, "-1/3", "1/2", "1/2"]
    v = verify_certificate({"kind": "disconnected_fiber", "widths": [1, 2, 1], "theta_a": T3, "theta_b": swapped})
    assert v.valid
    v = verify_certificate({"kind": "non_transitive_action", "widths": [1, 2, 1], "theta_a": T3,
                            "theta_b": t3_point(Fraction(2), Fraction(-3), Fraction(0))})
    assert v.valid


# ---------------------------------------------------------------- T4
def test_T4():
    assert fd([1, 1, 1], [1, -1, 0, 0]) == 2
    assert fd([1, 1, 1], [0, -1, 1, 0]) == 1
    cert = {"kind": "non_constant_dimension_on_fiber", "widths": [1, 1, 1], "theta_a": [1, -1, 0, 0],
            "theta_b": [0, -1, 1, 0], "path": [{"kind": "silent_incoming", "theta": [0, -1, 0, 0]},
                                              {"kind": "output_layer", "theta": [0, -1, 1, 0]}]}
    assert verify_certificate(cert).valid


# ---------------------------------------------------------------- T5
T5 = [(9, "-1,2|1,3|-1,2,3,-2|3/2,1|1,-3|-3/2", "-3/2,-13/10,-2/7,1"),
      (8, "1/2,1|-1,3|-3/2,-1,-3,1|1,2|2,-3|-2", "-3,-2,2,16"),
      (7, "2,1|-1/2,-3|3,-2,-3/2,1/2|1,2|3/2,-1|-1/2", "1/4,11/12,3"),
      (6, "1,-2|-2,-2|-2,-1/2,-3/2,1|-1,3|-3,1|-1", "-1,2,4"),
      (5, "2,1/2|1,2|3/2,1,3,1/2|1,3/2|-1,1|-3", "-4,-1/2"),
      (4, "-1,-1|-3,-3/2|-2,1/2,1/2,-1/2|-1,1/2|2,3|1/2", "-3,-5/2,-3/2"),
      (3, "2,3/2|-2,-2|3,3,-3/2,-1/2|-3,-3|1,-3|3", "1,4/3,10/7"),
      (1, "-3,1/2|3,3|-1/2,-3/2,-3/2,-3/2|2,1|1,2|-3", "-6,1")]


@pytest.mark.parametrize("value,theta,bps", T5)
def test_T5(value, theta, bps):
    th = theta.replace("|", ",").split(",")
    n = net([1, 2, 2, 1], th)
    assert upper_bound([1, 2, 2, 1]) == 9
    r = functional_dimension(n)
    assert r.certified and r.value == value
    assert [str(b) for b in enumerate_regions(n).breakpoints] == bps.split(",")
    # the LP search gives the same regions
    assert sorted(x.pattern for x in enumerate_regions(n, method="lp").regions) == \
        sorted(x.pattern for x in enumerate_regions(n).regions)


def test_T5_dense_grid_pitfall_is_avoided():
    """The sampling pitfall's grid (step 7/13 over [-100, 100]) gives 3, 6, 7 on three rows; exact gives 4, 7, 8."""
    from exactsep.relu.fundim import batch_functional_dimension
    grid = [[Fraction(-100) + Fraction(7 * k, 13)] for k in range(0, 372)]   # -100 .. 1297/13
    missed = {}
    for value, theta, _ in T5:
        n = net([1, 2, 2, 1], theta.replace("|", ",").split(","))
        b = batch_functional_dimension(n, grid, on_boundary="skip", proof=True)
        assert b.value <= value
        if b.value < value:
            missed[value] = b.value
    assert missed == {8: 7, 7: 6, 4: 3}
