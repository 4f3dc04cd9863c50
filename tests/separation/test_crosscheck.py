"""THE theorem-vs-witness cross-check (property-based) and the independent-method cross-checks.

For random small groups, G-sets, architectures and inputs:
* every pair the theory (CR / ES) calls separated gets a witness network whose exact outputs differ;
* every pair it calls identified gets identical exact outputs from several random exact networks;
* vectorised CR == plain-Python reference CR == ES with the stable algebra.
A failure here means the reconstructed theory or the code is wrong.
"""
import itertools

from hypothesis import HealthCheck, given, settings, strategies as st

from exactsep.separation import colour_refinement_reference, partition, random_network, witness
from exactsep.separation.strategies import architectures, input_lists

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check_pairs(arch, inputs, p, max_pairs=3, seeds=(0, 1, 2), width=2):
    # identified pairs: identical outputs of random exact networks
    nets = [random_network(arch, width=width, seed=s) for s in seeds]
    for c in p.classes:
        if len(c) > 1:
            for net in nets:
                outs = {repr(net(inputs[i])) for i in c}
                assert len(outs) == 1, (c, outs)
    # separated pairs: a verified witness
    pairs = [(a[0], b[0]) for a, b in itertools.combinations(p.classes, 2)][:max_pairs]
    for i, j in pairs:
        w = witness(arch, inputs[i], inputs[j])
        assert w.verify()
        assert w.network.evaluate(inputs[i]) != w.network.evaluate(inputs[j])


@settings(max_examples=50, **SETTINGS)
@given(data=st.data())
def test_relu_theory_vs_witnesses(data):
    arch = data.draw(architectures(activations=("relu", "leaky_relu:1/3", "hardtanh"), max_depth=3))
    inputs = data.draw(input_lists(arch))
    p = partition(arch, inputs)
    assert p.classes == colour_refinement_reference(arch, inputs)
    _check_pairs(arch, inputs, p)


@settings(max_examples=25, **SETTINGS)
@given(data=st.data())
def test_polynomial_theory_vs_witnesses(data):
    d = data.draw(st.integers(1, 3))
    arch = data.draw(architectures(activations=(f"poly:{d}",), max_gset=6, max_input=6))
    inputs = data.draw(input_lists(arch, max_size=4))
    p = partition(arch, inputs)
    _check_pairs(arch, inputs, p, max_pairs=2, width=3)


@settings(max_examples=20, **SETTINGS)
@given(data=st.data())
def test_cr_equals_es_stable_algebra(data):
    arch = data.draw(architectures(max_gset=6, max_input=6))
    inputs = data.draw(input_lists(arch, max_size=4))
    assert partition(arch, inputs, method="cr").classes == partition(arch, inputs, method="es").classes


@settings(max_examples=6, **SETTINGS)
@given(data=st.data())
def test_smooth_activation_witnesses_are_certified(data):
    act = data.draw(st.sampled_from(["sigmoid", "tanh", "gelu"]))
    arch = data.draw(architectures(activations=(act,), max_gset=6, max_input=6, max_depth=1))
    inputs = data.draw(input_lists(arch, max_size=3))
    p = partition(arch, inputs)
    for a, b in list(itertools.combinations(p.classes, 2))[:1]:
        w = witness(arch, inputs[a[0]], inputs[b[0]])
        assert w.evaluation == "arb" and w.verify()
