"""Precomposition ([GLMW] Theorem 8.7's setting): dim_fun+ against dim_fun, the input Jacobian against exact
difference quotients, and the Lemma 8.5 points re-checked."""
from fractions import Fraction

from hypothesis import given, settings
import hypothesis.strategies as st

from exactsep.nets import Network
from exactsep.relu import functional_dimension
from exactsep.relu.precompose import (compose_first_layer, input_jacobian, lemma_8_5_points,
                                      positive_orthant_dimension)
from exactsep.strategies import rationals

w = rationals(max_numerator=3, max_denominator=2).filter(lambda v: v != 0)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([[1, 2, 1], [2, 2, 1], [1, 2, 2, 1]]).flatmap(
    lambda ws: st.tuples(st.just(ws), st.lists(w, min_size=sum(ws[i + 1] * (ws[i] + 1) for i in range(len(ws) - 1)),
                                               max_size=sum(ws[i + 1] * (ws[i] + 1) for i in range(len(ws) - 1))))))
def test_positive_orthant_dimension_is_at_most_the_functional_dimension(p):
    widths, theta = p
    net = Network.from_flat(widths, theta)
    plus, used = positive_orthant_dimension(net)
    fd = functional_dimension(net, cheap_points=0)
    assert plus <= fd.value and used <= fd.regions


@settings(max_examples=40, deadline=None)
@given(st.lists(w, min_size=9, max_size=9), st.lists(rationals(max_numerator=5, max_denominator=3), min_size=2,
                                                      max_size=2))
def test_input_jacobian_is_the_difference_quotient(theta, u):
    net = Network.from_flat([2, 2, 1], theta)
    if any(s == 0 for layer in net.pattern(u) for s in layer):
        return
    J = input_jacobian(net, u)
    for k in range(2):
        h = Fraction(1, 2 ** 20)
        up = list(u)
        up[k] += h
        if net.pattern(up) != net.pattern(u):
            continue
        assert Fraction(J[0][k]) == (Fraction(net(up)[0]) - Fraction(net(u)[0])) / h


def test_lemma_8_5_points_satisfy_the_conditions():
    theta = [-1, "-3/2", 2, 1, 1, "1/2", 0]                       # (1, 2, 1)
    net = Network.from_flat([1, 2, 1], theta)
    ys = lemma_8_5_points([[-3]], [1], net)
    assert ys == [[Fraction(1, 3)]]
    comp = compose_first_layer([[-3]], [1], [1, 2, 1], theta)
    # the composite's first neuron vanishes at y_1, every other neuron does not
    pat = comp.pattern(ys[0])
    assert pat[0] == (0,) and all(s != 0 for layer in pat[1:] for s in layer)
    assert lemma_8_5_points([[3]], [1], net) == [None]             # 3 y + 1 = 0 has no positive root
