"""Depth threshold, invariant features, multiplicity, block decomposition, compare and the hierarchy."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from exactsep.groups import GSet, PermGroup, cyclic, dihedral, subgroup_classes, symmetric, alternating
from exactsep.separation import (Architecture, compare, depth_threshold, gmap, invariant_feature_check, is_refinement,
                                 multiplicity_check, partition, transitive_hierarchy, hierarchy_to_dot,
                                 uniform_depth_bound)
from exactsep.separation.cr import classes_from_signatures
from exactsep.separation.strategies import input_lists, small_groups
from exactsep.strategies import gsets

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
E3 = [(1, 1, 2, 1, 2, 2), (1, 1, 2, 2, 1, 2), (2, 1, 1, 2, 1, 2), (1, 2, 1, 2, 1, 2), (1, 1, 1, 2, 2, 2)]


def test_depth_threshold_E3_input_partition_can_pause_then_split():
    G = cyclic(6)
    X = GSet.natural(G)
    arch = Architecture(G, X, [(X, "conv:2")])
    d = depth_threshold(arch, E3)
    assert d.partitions[0] == d.partitions[1] == ((0, 1, 2), (3,), (4,))     # depths 1 and 2 equal ...
    assert d.partitions[2] == ((0, 2), (1,), (3,), (4,))                   # ... and depth 3 splits
    assert d.identity_in_span and d.monotone
    assert d.threshold is not None and d.threshold <= d.uniform_bound == 1 + 2 * 6 - 1
    # beyond the threshold nothing changes (checked directly, far beyond)
    far = partition(arch.with_depth(d.threshold + 4), E3).classes
    assert far == d.partitions[d.threshold - 1]


@settings(max_examples=12, **SETTINGS)
@given(data=st.data())
def test_depth_refines_monotonically_with_identity_in_span(data):
    G = data.draw(small_groups(4))
    X0 = data.draw(gsets(G, max_size=5))
    Y = data.draw(gsets(G, max_size=5))
    arch = Architecture(G, X0, [Y])
    inputs = data.draw(input_lists(arch, max_size=4))
    d = depth_threshold(arch, inputs)
    assert d.identity_in_span and d.monotone and d.threshold is not None
    assert d.threshold <= uniform_depth_bound(arch)
    assert partition(arch.with_depth(d.threshold + 2), inputs).classes == d.partitions[-1]


@settings(max_examples=12, **SETTINGS)
@given(data=st.data())
def test_depth_threshold_partitions_are_labelled_with_their_depths(data):
    """Each listed partition is the partition of the architecture cut or extended to that depth, however
    many copies of the repeated layer the architecture starts with."""
    G = data.draw(small_groups(4))
    X0 = data.draw(gsets(G, max_size=4))
    Y = data.draw(gsets(G, max_size=4))
    copies = data.draw(st.integers(1, 3))
    arch = Architecture(G, X0, [Y] * copies)
    inputs = data.draw(input_lists(arch, max_size=4))
    d = depth_threshold(arch, inputs)
    assert d.first_depth == 1 and d.depths[0] == 1
    assert d.threshold is None or d.depths[-1] == d.threshold
    for L, classes in d.by_depth():
        assert partition(arch.with_depth(L), inputs).classes == classes
    js = d.to_json()
    assert [p["depth"] for p in js["partitions"]] == list(d.depths)


@settings(max_examples=15, **SETTINGS)
@given(data=st.data())
def test_invariant_point_and_multiplicity_change_nothing(data):
    G = data.draw(small_groups(4))
    X0 = data.draw(gsets(G, max_size=5))
    Y = data.draw(gsets(G, max_size=5))
    L = data.draw(st.integers(1, 2))
    arch = Architecture(G, X0, [Y] * L)
    inputs = data.draw(input_lists(arch, max_size=5))
    layer = data.draw(st.integers(1, L))
    assert invariant_feature_check(arch, inputs, layer).invariant_point_changes_nothing
    assert multiplicity_check(arch, inputs, layer).changes_nothing


def test_all_invariant_layer_is_a_bottleneck():
    G = symmetric(3)
    X = GSet.natural(G)
    inputs = [(1, 2, 3), (0, 0, 6), (2, 2, 2)]
    chk = invariant_feature_check(Architecture(G, X, [GSet.regular(G)]), inputs)
    assert chk.invariant_point_changes_nothing and chk.all_invariant_layer_changes
    assert chk.all_invariant == ((0, 1, 2),)


@settings(max_examples=15, **SETTINGS)
@given(data=st.data())
def test_shallow_block_decomposition_is_the_intersection(data):
    """Block sums [derived ✓]: rho(X1 + X2) = rho(X1) cap rho(X2) for one hidden layer."""
    G = data.draw(small_groups(4))
    X0 = data.draw(gsets(G, max_size=5))
    Y1 = data.draw(gsets(G, max_size=5))
    Y2 = data.draw(gsets(G, max_size=5))
    arch = Architecture(G, X0, [Y1 + Y2])
    inputs = data.draw(input_lists(arch, max_size=5))
    p1 = partition(Architecture(G, X0, [Y1]), inputs)
    p2 = partition(Architecture(G, X0, [Y2]), inputs)
    meet = classes_from_signatures([(p1.class_of(i), p2.class_of(i)) for i in range(len(inputs))])
    assert partition(arch, inputs).classes == meet


@pytest.mark.parametrize("G", [symmetric(4), dihedral(4), cyclic(6), alternating(4), symmetric(3)])
def test_gmap_exists_iff_subconjugate(G):
    """The combinatorial G-map test vs the group helper's subconjugacy (two independent methods)."""
    S = subgroup_classes(G)
    reps = [c.representative() for c in S.classes]
    sets = [GSet.cosets(G, H) for H in reps]
    for u in range(len(reps)):
        for v in range(len(reps)):
            m = gmap(sets[u], sets[v])
            assert (m is not None) == S.is_subconjugate(u, v)
            if m is not None:  # it is a G-map
                for gu, gv in zip(sets[u].images, sets[v].images):
                    assert all(m[gu[x]] == gv[y] for x, y in m.items())


def test_hierarchy_S3_is_only_a_preorder():
    G = PermGroup([(1, 0, 2), (1, 2, 0)])
    inputs = [(1, 2, 3), (3, 1, 2), (2, 1, 3), (0, 0, 6), (2, 2, 2), (0, 2, 4), (0, 0, 3), (-1, 2, 2)]
    D = transitive_hierarchy(G, inputs)
    orders = {u: a["order"] for u, a in D.nodes(data=True)}
    by_order = {o: u for u, o in orders.items()}
    assert sorted(orders.values()) == [1, 2, 3, 6]
    # A3 < S3 strictly as subgroups, equal power on Q^3; S2 (incomparable to A3) strictly stronger
    assert D.nodes[by_order[3]]["classes"] == D.nodes[by_order[6]]["classes"]
    assert len(D.nodes[by_order[2]]["classes"]) > len(D.nodes[by_order[3]]["classes"])
    assert (by_order[3], by_order[6]) in D.edges and D.edges[by_order[3], by_order[6]]["observed"] == "equal"
    assert not D.has_edge(by_order[2], by_order[3]) and not D.has_edge(by_order[3], by_order[2])
    assert [by_order[3], by_order[6]] in D.graph["equal_power"]
    assert "digraph" in hierarchy_to_dot(D)


@settings(max_examples=15, **SETTINGS)
@given(data=st.data())
def test_certificate_never_contradicts_partitions(data):
    """If compare certifies A >= B by G-maps, A's partition refines B's on random inputs."""
    G = data.draw(small_groups(4))
    X0 = data.draw(gsets(G, max_size=5))
    Ya = data.draw(gsets(G, max_size=6))
    Yb = data.draw(gsets(G, max_size=6))
    A = Architecture(G, X0, [Ya])
    B = Architecture(G, X0, [Yb])
    inputs = data.draw(input_lists(A, max_size=5))
    c = compare(A, B, inputs)        # raises CertificateError on a contradiction
    if c.a_at_least_b:
        assert is_refinement(c.partition_a, c.partition_b)
    assert c.relation in ("finer", "coarser", "equal", "incomparable")


def test_compare_regular_vs_trivial():
    G = symmetric(3)
    X = GSet.natural(G)
    c = compare(Architecture(G, X, [GSet.regular(G)]), Architecture(G, X, [GSet.trivial(G)]))
    assert c.relation == "finer" and c.proven
    assert c.certificate_a_b[0]["gmaps"][0]["map"] == {str(i): 0 for i in range(6)}


@settings(max_examples=10, **SETTINGS)
@given(data=st.data())
def test_entrywise_partitions_refine_to_the_whole_output_partition(data):
    from exactsep.separation import entrywise_partitions
    G = data.draw(small_groups(4))
    X0 = data.draw(gsets(G, max_size=5))
    Y = data.draw(gsets(G, max_size=5))
    arch = Architecture(G, X0, [Y], output="equivariant")
    inputs = data.draw(input_lists(arch, max_size=5))
    parts = entrywise_partitions(arch, inputs)
    whole = partition(arch, inputs)
    assert len(parts) == X0.size
    for p in parts:
        assert is_refinement(whole.classes, p)
    meet = classes_from_signatures([tuple(next(k for k, c in enumerate(p) if i in c) for p in parts)
                                    for i in range(len(inputs))])
    assert meet == whole.classes


def test_depth_can_coarsen_when_identity_is_not_in_the_span():
    """Counterexample to monotone depth without the identity-in-span hypothesis ("Depth"): on X = [3] + {*} with the single
    basis matrix 'sum of [3] into *', layer 1 keeps the sum, and repeating the layer forgets it."""
    G = symmetric(3)
    X = GSet.natural(G) + GSet.trivial(G)
    B = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 0]]
    arch = Architecture(G, X, [(X, [B])])
    inputs = [[0, 0, 1, 2], [2, 0, 0, 0], [1, 0, 0, 1]]
    d = depth_threshold(arch, inputs, max_depth=4)
    assert not d.identity_in_span and not d.monotone
    assert d.partitions[0] == ((0, 2), (1,)) and d.partitions[1] == ((0, 1, 2),)


@pytest.mark.parametrize("G", [symmetric(4), dihedral(4), alternating(4)])
def test_hierarchy_edges_carry_verified_gmaps_and_form_the_covering_relation(G):
    D = transitive_hierarchy(G)
    S = subgroup_classes(G)
    sets = [GSet.cosets(G, c.representative()) for c in S.classes]
    for u, v, a in D.edges(data=True):
        m = {int(x): y for x, y in a["gmap"].items()}
        assert len(m) == sets[u].size
        for gu, gv in zip(sets[u].images, sets[v].images):
            assert all(m[gu[x]] == gv[y] for x, y in m.items())
    import networkx as nx
    # the transitive closure of the Hasse diagram is the subconjugacy order (minus reflexivity)
    closure = nx.transitive_closure_dag(D)
    n = len(S)
    for u in range(n):
        for v in range(n):
            if u != v:
                assert closure.has_edge(u, v) == S.is_subconjugate(u, v)


def test_with_depth_explains_an_unrepeatable_explicit_basis():
    from exactsep.errors import InvalidSpecError
    from exactsep.separation import Architecture
    a = Architecture.from_spec({"group": "S3", "input": "natural",
                                "layers": [{"gset": "trivial", "space": {"basis": [[[1, 1, 1]]]}}]})
    assert a.with_depth(1).layers == a.layers
    with pytest.raises(InvalidSpecError, match="cannot repeat the last hidden layer"):
        a.with_depth(2)


def _segment_distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


@pytest.mark.parametrize("G", [symmetric(4), dihedral(4), alternating(4), symmetric(5), cyclic(12), dihedral(6)])
def test_hierarchy_layout_edges_never_pass_through_unrelated_nodes(G):
    """The layered drawing of `exactsep hierarchy --png`: every edge goes downwards (to a larger subgroup order)
    and keeps more than a node radius away from every node except its two ends."""
    from exactsep.separation.hierarchy import NODE_RADIUS, layered_layout
    D = transitive_hierarchy(G)
    lay = layered_layout(D)
    assert set(lay.positions) == set(D.nodes) and set(lay.edges) == set(D.edges)
    for (u, v), pl in lay.edges.items():
        assert pl[0] == lay.positions[u] and pl[-1] == lay.positions[v]
        assert all(a[1] > b[1] for a, b in zip(pl, pl[1:]))            # strictly downwards
        for w, p in lay.positions.items():
            if w in (u, v):
                continue
            assert min(_segment_distance(p, a, b) for a, b in zip(pl, pl[1:])) > NODE_RADIUS, (u, v, w)
    for k in {y for _, y in lay.positions.values()}:                   # nodes of a layer do not overlap
        xs = sorted(x for x, y in lay.positions.values() if y == k)
        assert all(b - a >= 1 - 1e-9 for a, b in zip(xs, xs[1:]))
