"""Polynomial activations (docs/theory/separation.md, "Polynomial activations (Theorem B)"): poly:d partitions are coarser than or equal to the non-polynomial
one, refine as d grows, and reach it at the sufficient degree 2 max_l |X_l| - 1; all non-polynomial
activations give the same partition (and each has a certified witness)."""
from hypothesis import HealthCheck, given, settings, strategies as st

from exactsep.groups import GSet, symmetric
from exactsep.separation import Architecture, is_refinement, partition, witness
from exactsep.separation.strategies import architectures, input_lists

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=15, **SETTINGS)
@given(data=st.data())
def test_poly_partitions_refine_with_degree_and_reach_nonpoly(data):
    arch = data.draw(architectures(max_gset=4, max_input=4, max_depth=2))
    inputs = data.draw(input_lists(arch, max_size=4))
    nonpoly = partition(arch, inputs).classes
    bound = 2 * max(L.gset.size for L in arch.layers) - 1
    prev = None
    for d in range(1, bound + 1):
        p = partition(arch.replace(activation=f"poly:{d}"), inputs).classes
        assert is_refinement(nonpoly, p)           # poly:d never separates more
        if prev is not None:
            assert is_refinement(p, prev)          # refining as d grows
        prev = p
    assert prev == nonpoly                         # the sufficient degree (Theorem B)


def test_deepsets_poly_degree_3_is_already_maximal_and_d2_depth_helps():
    """Theorem B: DeepSets n=3 is maximal at d=3 (bound 2*3-1 = 5 is sufficient, not sharp)."""
    G = symmetric(3)
    X = GSet.natural(G)
    A = [(1, 5, 6), (2, 3, 7), (6, 1, 5), (0, 0, 3), (-1, 2, 2), (1, 2, 3)]
    relu = partition(Architecture(G, X, [X]), A).classes
    assert partition(Architecture(G, X, [X], activation="poly:3"), A).classes == relu
    assert partition(Architecture(G, X, [X], activation="poly:2"), A).classes != relu
    assert partition(Architecture(G, X, [X, X], activation="poly:2"), A).classes == relu


def test_every_nonpolynomial_activation_gives_the_same_partition_and_a_witness():
    G = symmetric(3)
    X = GSet.natural(G)
    A = [(1, 5, 6), (2, 3, 7), (6, 1, 5), (0, 0, 3), (-1, 2, 2)]
    acts = ["relu", "leaky_relu:1/10", "hardtanh", "relu6", "sigmoid", "tanh", "gelu", "silu", "softplus", "elu"]
    parts = {a: partition(Architecture(G, X, [X], activation=a), A).classes for a in acts}
    assert len(set(parts.values())) == 1
    for a in acts:
        arch = Architecture(G, X, [X], activation=a)
        w = witness(arch, A[0], A[1])          # (1,5,6) vs (2,3,7): equal p1, p2
        assert w.verify()
