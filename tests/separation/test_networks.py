"""Exact equivariant networks: outputs are exactly invariant / equivariant under every generator
(an independent check of the layer spaces and of the evaluation), and arb enclosures contain the
exact values."""
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from exactsep.equivariant import EquivariantLayer, EquivariantNetwork, layer_basis, bias_blocks
from exactsep.errors import NonExactInputError, ShapeError
from exactsep.groups import GSet, symmetric
from exactsep.separation import random_network
from exactsep.separation.strategies import act_on_input, architectures, input_lists

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=30, **SETTINGS)
@given(data=st.data())
def test_random_networks_are_exactly_equivariant(data):
    arch = data.draw(architectures(activations=("relu", "poly:2", "leaky_relu:1/2")))
    v = data.draw(input_lists(arch, min_size=1, max_size=1))[0]
    net = random_network(arch, width=2, seed=data.draw(st.integers(0, 100)))
    out = net(v)
    for k in range(len(arch.group.generators)):
        moved = net(act_on_input(arch, [k], v))
        if arch.output == "invariant":
            assert moved == out
        else:
            Y = arch.output_gset
            expect = [None] * Y.size
            for y in range(Y.size):
                expect[Y.images[k][y]] = out[y]
            assert moved == expect


@settings(max_examples=10, **SETTINGS)
@given(data=st.data())
def test_arb_enclosures_contain_exact_values(data):
    arch = data.draw(architectures(activations=("relu", "poly:3"), max_gset=6, max_input=6))
    v = data.draw(input_lists(arch, min_size=1, max_size=1))[0]
    net = random_network(arch, width=2, seed=3)
    exact = net.evaluate(v)
    balls = net.evaluate_arb(v)
    import flint
    for e, b in zip(exact, balls):
        q = Fraction(e)
        old = flint.ctx.prec
        flint.ctx.prec = 2048        # the exact value as a (nearly) exact ball: at 53 bits its own rounding
        try:                         # radius can exceed the enclosure's, and contains() would then fail
            x = flint.arb(flint.fmpq(q.numerator, q.denominator))
        finally:
            flint.ctx.prec = old
        assert b.contains(x)


def test_smooth_activation_is_not_evaluated_exactly():
    G = symmetric(3)
    X = GSet.natural(G)
    T = GSet.trivial(G)
    hid = EquivariantLayer.make(layer_basis("full", X, X), bias_blocks(X), [[[1]], [[0]]], [[0]], "sigmoid")
    out = EquivariantLayer.make(layer_basis("full", T, X), bias_blocks(T), [[[1]]], [[0]])
    net = EquivariantNetwork((hid, out))
    with pytest.raises(NonExactInputError, match="arb"):
        net([1, 2, 3])
    ball = net.evaluate_arb([0, 0, 0])[0]          # 3 * sigmoid(0) = 3/2
    import flint
    assert ball.contains(flint.arb(flint.fmpq(3, 2)))
    with pytest.raises(ShapeError):
        net([1, 2])
