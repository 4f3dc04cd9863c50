"""Witnesses for every non-polynomial activation (regression for the smooth-activation bug).

Theorem A ([derived]) says every non-polynomial activation separates exactly the pairs that colour
refinement separates. So for random small architectures and every activation in ACTIVATIONS, every pair
CR separates must get a witness network of the architecture whose outputs differ: exactly over Q for
relu / leaky relu, on disjoint certified arb balls for the smooth ones (never a float comparison).
The identified direction is checked too (no witness may exist, and random exact networks agree).
"""
import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from exactsep.errors import InvalidInputError
from exactsep.separation import Architecture, partition, random_network, witness
from exactsep.separation.strategies import architectures, input_lists

ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "gelu", "silu", "softplus", "elu")
EXACT = ("relu", "leaky_relu")
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MODEST_SECONDS = 30  # a hang guard per witness (typical: well under 0.2 s)


def _check_witness(arch, a, b):
    t0 = time.perf_counter()
    w = witness(arch, a, b)
    elapsed = time.perf_counter() - t0
    assert elapsed < MODEST_SECONDS, f"witness took {elapsed:.1f} s"
    name = arch.activation.split(":")[0]
    assert w.evaluation == ("exact" if name in EXACT else "arb")
    assert w.verify()
    if w.evaluation == "exact":
        assert w.network.evaluate(list(a)) != w.network.evaluate(list(b))
    else:
        oa = w.network.evaluate_arb(list(a), w.prec)
        ob = w.network.evaluate_arb(list(b), w.prec)
        assert any(not x.overlaps(y) for x, y in zip(oa, ob))
    # the network really belongs to the architecture: one layer per affine layer, with its bases
    assert len(w.network.layers) == len(arch.bases)
    for L, B, blocks in zip(w.network.layers, arch.bases, arch.blocks):
        assert L.basis is B and L.blocks == tuple(blocks)
    return w


@pytest.mark.parametrize("act", ACTIVATIONS)
def test_reported_pair_on_s2_power3_has_a_witness(act):
    """The registry's reproducer: S2 on Q^2, hidden power(3), inputs [1,0] vs [1,2] (separated)."""
    spec = {"group": {"generators": [[1, 0]], "degree": 2}, "input": "natural",
            "layers": [{"gset": {"power": 3}}], "activation": act}
    arch = Architecture.from_spec(spec)
    assert not partition(arch, [[1, 0], [1, 2]]).classes == ((0, 1),)
    _check_witness(arch, [1, 0], [1, 2])


@settings(max_examples=250, **SETTINGS)
@given(data=st.data())
def test_every_separated_pair_gets_a_certified_witness(data):
    act = data.draw(st.sampled_from(ACTIVATIONS))
    arch = data.draw(architectures(activations=(act,), max_gset=8, max_input=6, max_depth=2))
    inputs = data.draw(input_lists(arch, max_size=4))
    p = partition(arch, inputs)
    for ca, cb in list(itertools.combinations(p.classes, 2))[:2]:
        _check_witness(arch, inputs[ca[0]], inputs[cb[0]])


@settings(max_examples=25, **SETTINGS)
@given(data=st.data())
def test_deep_smooth_witnesses(data):
    """Depth 3 (channel matrices solved on certified midpoints at every layer)."""
    act = data.draw(st.sampled_from(ACTIVATIONS[2:]))
    arch = data.draw(architectures(activations=(act,), max_gset=6, max_input=4, max_depth=3)
                     .filter(lambda a: a.depth == 3))
    inputs = data.draw(input_lists(arch, max_size=3))
    p = partition(arch, inputs)
    for ca, cb in list(itertools.combinations(p.classes, 2))[:1]:
        _check_witness(arch, inputs[ca[0]], inputs[cb[0]])


@settings(max_examples=15, **SETTINGS)
@given(data=st.data())
def test_identified_pairs_have_no_witness_and_equal_outputs(data):
    act = data.draw(st.sampled_from(EXACT))
    arch = data.draw(architectures(activations=(act,), max_gset=6, max_input=6, max_depth=2))
    inputs = data.draw(input_lists(arch, max_size=4))
    p = partition(arch, inputs)
    nets = [random_network(arch, width=2, seed=s) for s in range(2)]
    for c in p.classes:
        for i, j in list(itertools.combinations(c, 2))[:1]:
            with pytest.raises(InvalidInputError):
                witness(arch, inputs[i], inputs[j])
            for net in nets:
                assert net(inputs[i]) == net(inputs[j])


def test_large_values_and_fractions_stay_certified():
    """Inputs with big numerators / denominators: distinct colours whose values are close or far apart."""
    from exactsep.groups import GSet, symmetric
    G = symmetric(3)
    X = GSet.natural(G)
    a = ["1/1000", "1000", "-7/3"]
    b = ["1000", "1/1000", "-7/2"]
    for act in ACTIVATIONS:
        arch = Architecture(G, X, [GSet.power(G, 2), X], activation=act)
        _check_witness(arch, a, b)


@pytest.mark.parametrize("act", ACTIVATIONS)
def test_deep_explicit_layer_regression(act):
    """Found by a stress run: a non-finite arb ball at depth 3 (now a retry at a higher precision)."""
    from exactsep.groups import GSet, symmetric
    G = symmetric(3)
    X, R = GSet.natural(G), GSet.regular(G)
    space = [[[0, 0, -1], [0, 0, -1], [-1, 0, 0], [-1, 0, 0], [0, -1, 0], [0, -1, 0]]]
    arch = Architecture(G, X, [X, (R, space), X], activation=act)
    _check_witness(arch, [0, 0, 0], [0, 0, 1])
