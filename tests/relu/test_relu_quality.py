"""Witness quality: the genericity conditions, two region enumerations agreeing, and shrinking that keeps the
function and never raises heights."""
from fractions import Fraction

import pytest
from hypothesis import given, settings, assume
import hypothesis.strategies as st

from exactsep.nets import Network
from exactsep.relu.fibers import same_function
from exactsep.relu.quality import (height, max_height, scaling_shrink, shrink_parameters, smaller_height_values,
                                   witness_quality, CONDITIONS)
from exactsep.strategies import rationals

archs = st.sampled_from([[1, 1, 1], [1, 2, 1], [1, 2, 1, 1], [1, 3, 1], [1, 2, 2, 1], [2, 2, 1]])


@st.composite
def params(draw, n0_max=1):
    widths = draw(archs.filter(lambda w: w[0] <= n0_max))
    D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
    return widths, draw(st.lists(rationals(max_numerator=3, max_denominator=2), min_size=D, max_size=D))


@settings(max_examples=60, deadline=None)
@given(params())
def test_line_partition_and_lp_enumeration_agree_on_the_conditions(p):
    widths, theta = p
    a = witness_quality(widths, theta)
    b = witness_quality(widths, theta, method="lp")
    assert (a.dead_neurons, a.always_active_neurons, a.zero_neurons) == \
        (b.dead_neurons, b.always_active_neurons, b.zero_neurons)
    assert a.zero_rows == b.zero_rows and a.zero_output_weights == b.zero_output_weights
    assert set(a.conditions) == set(CONDITIONS)
    assert a.generic == all(a.conditions.values()) and a.generic == (not a.failed())


@settings(max_examples=60, deadline=None)
@given(params(n0_max=1))
def test_every_switching_neuron_is_seen_switching_by_exact_evaluation(p):
    widths, theta = p
    net = Network.from_flat(widths, theta)
    q = witness_quality(net)
    from exactsep.relu.regions import enumerate_regions
    pts = [pt for r in enumerate_regions(net).regions for pt in r.points]
    for l in range(len(widths) - 2):
        for i in range(widths[l + 1]):
            signs = {net.pattern(pt)[l][i] for pt in pts}
            assert ((l + 1, i + 1) in q.dead_neurons) == (1 not in signs)
            assert ((l + 1, i + 1) in q.always_active_neurons) == (-1 not in signs)


def test_the_issues_degenerate_witness_is_flagged():
    # issue 13: widths (1, 1, 1, 1), theta_a = (-2, 2, -1, -1, 0, -3/2): output weight 0, a constant network
    q = witness_quality([1, 1, 1, 1], [-2, 2, -1, -1, 0, "-3/2"])
    assert not q.generic and q.zero_output_weights and not q.conditions["no_zero_output_weights"]


@settings(max_examples=40, deadline=None)
@given(params(n0_max=2))
def test_scaling_shrink_keeps_the_function_and_never_raises_the_height(p):
    widths, theta = p
    new = scaling_shrink(widths, theta)
    assert max_height(new) <= max_height(theta)
    assert same_function(Network.from_flat(widths, theta), Network.from_flat(widths, new)).equal


@settings(max_examples=40, deadline=None)
@given(rationals(max_numerator=20, max_denominator=9))
def test_smaller_height_values_are_smaller(v):
    out = smaller_height_values(v)
    for u in out:
        assert height(u) < height(v) or (u == 0 != v)      # 0 (height 1) is always the simplest value
    assert (v == 0) == (out == [])


def test_shrink_parameters_keeps_the_predicate():
    widths = [1, 2, 1]
    theta = [7, Fraction(5, 3), -11, 4, 9, Fraction(-7, 2), 3]
    keep = lambda th: witness_quality(widths, th).generic and Fraction(th[0]) > 0
    assert keep(theta)
    new, checks = shrink_parameters(widths, theta, keep, max_checks=100)
    assert keep(new) and max_height(new) < max_height(theta) and checks <= 100


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([[1, 2, 1], [1, 2, 2, 1], [1, 3, 2, 1]]), st.data())
def test_coincidence_line_method_and_lp_method_agree_for_one_input(widths, data):
    """n0 = 1: the line partition (breakpoints where two neurons switch) and the LP enumeration (a bend
    proportional to an earlier one that bounds the cell along a facet) must flag coincident bent hyperplanes
    on the same parameters. Regression: the LP method flagged two second-layer neurons that are equal on a
    region where neither bends (widths (1, 2, 2, 1))."""
    from fractions import Fraction
    from exactsep.nets.network import num_params
    D = num_params(widths)
    theta = data.draw(st.lists(st.builds(Fraction, st.integers(-3, 3), st.sampled_from([1, 2])),
                               min_size=D, max_size=D))
    assert witness_quality(widths, theta, method="line").coincident == \
        witness_quality(widths, theta, method="lp").coincident


def test_equal_neurons_away_from_their_bends_are_not_coincident():
    theta = [1, "-1/2", "3/2", -1, -3, "1/2", "-3/2", "1/2", 1, 1, "-1/4", "1/4", "-3/2"]
    assert not witness_quality([1, 2, 2, 1], theta, method="lp").coincident
    assert not witness_quality([1, 2, 2, 1], theta, method="line").coincident
