"""The independent evaluator of equivariant networks held against the separation engine (theorem vs witness)."""
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings

pytest.importorskip("exactsep.separation")

from exactsep.errors import CertificateError
from exactsep.groups import symmetric
from exactsep.proofs.claims.separation import _inst_strategy
from exactsep.proofs.eqnets import SpecArchitecture, independent_partition_check, meet, orbit_partition
from exactsep.proofs.eqnets import gset_from_spec
from exactsep.separation import Architecture, partition

E1_INPUTS = [[1, 2, 3], [3, 1, 2], [2, 1, 3], [0, 0, 6], [2, 2, 2], [0, 2, 4], [0, 0, 3], [-1, 2, 2],
             ["1/2", "1/3", "1/6"], ["1/6", "1/2", "1/3"]]


@pytest.mark.parametrize("layer,expected", [
    ("regular", [[0, 1, 2], [3], [4], [5], [6], [7], [8, 9]]),
    ("natural", [[0, 1, 2], [3], [4], [5], [6], [7], [8, 9]]),
    ({"images": [[1, 0], [0, 1]]}, [[0, 1, 2, 3, 4, 5], [6, 7], [8, 9]]),
    ("trivial", [[0, 1, 2, 3, 4, 5], [6, 7], [8, 9]]),
])
def test_spec_E1_partitions_hold_against_independent_networks(layer, expected):
    spec = {"group": {"generators": [[1, 0, 2], [1, 2, 0]]}, "input": "natural", "layers": [{"gset": layer}] * 2}
    got = [list(c) for c in partition(Architecture.from_spec(spec), E1_INPUTS).classes]
    assert got == expected
    msgs = independent_partition_check(spec, E1_INPUTS, got)
    assert "agree on every class" in msgs[0]


def test_a_wrong_partition_is_refuted_by_the_independent_check():
    spec = {"group": "S3", "input": "natural", "layers": [{"gset": "natural"}]}
    with pytest.raises(CertificateError, match="separates inputs"):
        independent_partition_check(spec, [[1, 2, 3], [0, 0, 6]], [[0, 1]])


@settings(max_examples=20, deadline=None)
@given(_inst_strategy(depth=(1, 2)))
def test_random_architectures_engine_vs_independent_evaluator(inst):
    """Pairs the engine identifies agree in random exact networks of this evaluator; separated pairs have
    exact witnesses (property-based over random groups, G-sets and inputs)."""
    spec, inputs = inst["spec"], inst["inputs"]
    classes = [list(c) for c in partition(Architecture.from_spec(spec), inputs).classes]
    independent_partition_check(spec, inputs, classes, random_networks=2, witness_pairs=4)


def test_orbit_partition_and_meet():
    G = symmetric(3)
    X = gset_from_spec(G, "natural")
    assert orbit_partition(G, X, [[1, 2, 3], [0, 0, 6], [3, 2, 1], ["1/2", 0, 0], [0, "1/2", 0]]) == \
        ((0, 2), (1,), (3, 4))
    assert meet([[0, 1, 2], [3]], [[0, 1], [2, 3]]) == ((0, 1), (2,), (3,))


def test_evaluator_is_exact_and_invariant():
    arch = SpecArchitecture({"group": "C4", "input": "natural", "layers": [{"gset": "natural", "space": {"conv": 2}}],
                             "activation": {"poly": 2}})
    rng = random.Random(1)
    for _ in range(3):
        net = arch.random_network(rng)
        v = arch.evaluate(net, [1, "1/2", 0, 3])
        assert isinstance(v, Fraction)
        assert v == arch.evaluate(net, ["1/2", 0, 3, 1])       # a rotation: same output
