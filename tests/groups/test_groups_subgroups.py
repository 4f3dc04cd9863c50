"""Subgroup classes, table of marks, lattice and conjugacy classes, held against brute force."""
from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import ComputationLimitError, InvalidGroupError, InvalidInputError
from exactsep.groups import (GSet, PermGroup, conjugacy_classes, cycle_type, direct_product, element_order,
                             group_from_name, is_subconjugate, lattice_to_dot, subgroup_classes,
                             subgroup_lattice, symmetric, table_of_marks, cyclic, dihedral)
from exactsep.strategies import gsets, perm_groups

from _groups_brute import closure, element_action, euler_phi, subgroup_classes_brute

SET = settings(max_examples=20, deadline=None)

# counts of conjugacy classes of subgroups (GAP's ConjugacyClassesSubgroups / TomLib)
KNOWN = {"S3": 4, "S4": 11, "A4": 5, "D4": 8, "S5": 19, "A5": 9, "S6": 56, "C6": 4, "C12": 6}


@pytest.mark.parametrize("name, count", sorted(KNOWN.items()))
def test_known_numbers_of_subgroup_classes(name, count):
    assert len(subgroup_classes(group_from_name(name))) == count


def test_a5_subgroup_orders():
    # TomLib's table of marks of A5 (GAP) has subgroup orders [1,2,3,4,5,6,10,12,60]
    assert [c.order for c in subgroup_classes(group_from_name("A5"))] == [1, 2, 3, 4, 5, 6, 10, 12, 60]


def _check_against_brute(G):
    S = subgroup_classes(G)
    B = subgroup_classes_brute(G)
    assert len(S) == len(B)
    assert S.num_subgroups == sum(len(c) for c in B)
    assert Counter((c.order, c.length) for c in S) == Counter((len(next(iter(c))), len(c)) for c in B)
    # each brute-force class maps to exactly one computed class, and members to that class
    seen = set()
    for cls in B:
        idx = {S.class_of(PermGroup(sorted(H), degree=G.degree)) for H in cls}
        assert len(idx) == 1
        seen |= idx
    assert seen == set(range(len(S)))
    # the representative really generates a subgroup of that order lying in its class
    for c in S:
        H = closure(c.generators, G.degree)
        assert len(H) == c.order
        assert any(H in cls for cls in B if len(cls) == c.length)
    # subconjugacy by brute force: H_i <= some conjugate of H_j
    reps = [closure(c.generators, G.degree) for c in S]
    by_class = {}
    for cls in B:
        by_class[S.class_of(PermGroup(sorted(next(iter(cls))), degree=G.degree))] = cls
    for i, Hi in enumerate(reps):
        for j in range(len(S)):
            count = sum(1 for K in by_class[j] if Hi <= K)
            assert S.contained[i][j] == count
            assert S.is_subconjugate(i, j) == (count > 0)


@pytest.mark.parametrize("name", ["S3", "S4", "A4", "D4", "C12", "D6", "C6", "Q8", "A5", "D4xC2xC2"])
def test_subgroups_against_brute_force(name):
    if name == "D4xC2xC2":     # a 2-group with many classes (every element has 2-power order)
        G = direct_product(dihedral(4), cyclic(2), cyclic(2))
    elif name == "Q8":   # quaternion group, regular representation on 8 points
        i = (2, 3, 1, 0, 6, 7, 5, 4)
        j = (4, 5, 7, 6, 1, 0, 2, 3)
        G = PermGroup([i, j])
        assert G.order == 8
        S = subgroup_classes(G)
        assert [c.order for c in S] == [1, 2, 4, 4, 4, 8]
        assert all(c.is_normal for c in S)
    if name not in ("Q8", "D4xC2xC2"):
        G = group_from_name(name)
    _check_against_brute(G)


@SET
@given(perm_groups(max_degree=4, max_generators=3))
def test_random_groups_against_brute_force(G):
    _check_against_brute(G)                    # degree <= 4: order <= 24


def _check_marks(G):
    S = subgroup_classes(G)
    tom = S.table_of_marks()
    c = len(S)
    assert tom.is_lower_triangular()
    for i, k in enumerate(S):
        assert tom.mark(i, i) == k.normalizer_order // k.order                 # |N_G(H):H|
        assert tom.mark(i, 0) == G.order // k.order                            # |G:H|
        assert tom.mark(c - 1, i) == 1
        assert k.length * k.normalizer_order == G.order
    # every row by brute force: fixed cosets of H_j on G/H_i, with the cosets G-set
    for i, k in enumerate(S):
        X = GSet.cosets(G, k.representative())
        phi = element_action(G, X)
        for j, kj in enumerate(S):
            Hj = closure(kj.generators, G.degree)
            fixed = sum(1 for x in range(X.size) if all(phi[h][x] == x for h in Hj))
            assert tom.mark(i, j) == fixed
        assert S.marks_of(X) == tom.marks[i]
        assert S.decompose(X) == tuple(int(t == i) for t in range(c))


@pytest.mark.parametrize("name", ["S3", "S4", "D4", "A4", "C12", "A5"])
def test_table_of_marks_brute_force(name):
    _check_marks(group_from_name(name))


@SET
@given(perm_groups(max_degree=4, max_generators=3))
def test_table_of_marks_random_groups(G):
    _check_marks(G)


@SET
@given(st.data())
def test_burnside_ring_decomposition(data):
    G = data.draw(perm_groups(max_degree=4))
    X = data.draw(gsets(G, max_size=24))
    S = subgroup_classes(G)
    a = S.decompose(X)
    assert all(x >= 0 for x in a)
    assert sum(x * (G.order // k.order) for x, k in zip(a, S)) == X.size
    assert sum(a) == len(X.orbits())
    assert S.marks_of(X)[0] == X.size
    # marks are multiplicative on products of G-sets
    Y = data.draw(gsets(G, max_size=12))
    P = GSet(G, [tuple(ix[x] * Y.size + iy[y] for x in range(X.size) for y in range(Y.size))
                 for ix, iy in zip(X.images, Y.images)], check=False)
    mX, mY, mP = S.marks_of(X), S.marks_of(Y), S.marks_of(P)
    assert mP == tuple(u * v for u, v in zip(mX, mY))
    assert all(x >= 0 for x in S.decompose(P))


def test_cyclic_subgroup_classes_count_elements():
    for name in ["S5", "A6", "D6", "C12", "S4"]:
        G = group_from_name(name)
        S = subgroup_classes(G)
        by_order = Counter(element_order(g) for g in G.elements())
        from_classes = Counter()
        for c in S:
            if c.is_cyclic:
                from_classes[c.order] += c.length * euler_phi(c.order)
        assert by_order == from_classes
        # conjugacy classes of elements give the same counts
        cc = conjugacy_classes(G)
        assert sum(len(x) for x in cc) == G.order
        assert Counter({o: n for o, n in by_order.items()}) == sum(
            (Counter({x.element_order: x.size}) for x in cc), Counter())


def test_s6_totals():
    S = symmetric(6).subgroup_classes()
    assert len(S) == 56
    assert sum(c.length for c in S) == S.num_subgroups
    tom = S.table_of_marks()
    assert tom.is_lower_triangular()
    assert [r[0] for r in tom.marks] == [720 // c.order for c in S]


@SET
@given(perm_groups(max_degree=5, max_generators=2), st.randoms(use_true_random=False))
def test_class_order_independent_of_generators(G, rnd):
    els = G.elements()
    gens = []
    while closure(gens, G.degree).__len__() < G.order:
        gens.append(rnd.choice(els))
    G2 = PermGroup(gens, degree=G.degree)
    S1, S2 = subgroup_classes(G), subgroup_classes(G2)
    assert S1.marks == S2.marks
    assert [(c.order, c.length, c.normalizer_order) for c in S1] == [(c.order, c.length, c.normalizer_order) for c in S2]
    assert [closure(c.generators, G.degree) for c in S1] == [closure(c.generators, G.degree) for c in S2]


def test_conjugacy_classes_against_sympy():
    from sympy.combinatorics import Permutation, PermutationGroup
    for name in ["S4", "A5", "D5", "C6", "S5"]:
        G = group_from_name(name)
        ours = conjugacy_classes(G)
        P = PermutationGroup([Permutation(list(g)) for g in G.generators])
        theirs = sorted(sorted(tuple(p.array_form) for p in cls) for cls in P.conjugacy_classes())
        assert sorted(len(c) for c in ours) == sorted(len(c) for c in theirs)
        reps = {c.representative for c in ours}
        assert reps == {cls[0] for cls in theirs}                    # lexicographically smallest members
        for c in ours:
            assert c.cycle_type == cycle_type(c.representative)
            assert G.order % c.size == 0


def test_lattice():
    G = symmetric(4)
    S = subgroup_classes(G)
    L = subgroup_lattice(G)
    assert isinstance(L, nx.DiGraph) and nx.is_directed_acyclic_graph(L)
    assert L.number_of_nodes() == 11
    assert [v for v in L if L.in_degree(v) == 0] == [0]
    assert [v for v in L if L.out_degree(v) == 0] == [10]
    for a, b in L.edges:
        assert S[a].order < S[b].order and S[b].order % S[a].order == 0
    # its transitive closure is exactly strict subconjugacy
    C = nx.transitive_closure_dag(L)
    for i in range(len(S)):
        for j in range(len(S)):
            assert C.has_edge(i, j) == (i != j and S.is_subconjugate(i, j))
    # S4: the maximal subgroups classes are A4, D4 (x3), S3 (x4)
    assert sorted(S[a].order for a in L.predecessors(10)) == [6, 8, 12]
    dot = lattice_to_dot(L, name="S4")
    assert dot.startswith("digraph S4 {") and dot.count("->") == L.number_of_edges()


def test_is_subconjugate_functions():
    G = symmetric(4)
    assert is_subconjugate(G, [(1, 0, 3, 2)], [(1, 2, 3, 0)])          # double transposition in C4
    assert not is_subconjugate(G, [(1, 0, 2, 3)], [(1, 2, 3, 0)])      # transposition not in C4
    assert G.is_subconjugate([(1, 0, 2, 3)], [(1, 0, 2, 3), (1, 2, 0, 3)])
    assert table_of_marks(G) == G.table_of_marks()


def test_errors():
    G = symmetric(4)
    S = G.subgroup_classes()
    with pytest.raises(InvalidGroupError, match="not an element"):
        subgroup_classes(cyclic(4)).class_of([(1, 0, 2, 3)])
    with pytest.raises(InvalidGroupError, match="points"):
        S.class_of(PermGroup([(1, 0, 2)]))
    with pytest.raises(InvalidInputError, match="out of range"):
        S.is_subconjugate(0, 11)
    with pytest.raises(ComputationLimitError, match="max_order"):
        subgroup_classes(symmetric(5), max_order=100)
    with pytest.raises(ComputationLimitError, match="max_order"):
        conjugacy_classes(symmetric(5), max_order=100)
    with pytest.raises(InvalidInputError, match="another group"):
        S.marks_of(GSet.natural(cyclic(4)))
    tom = S.table_of_marks()
    with pytest.raises(InvalidInputError, match="11 entries"):
        tom.decompose([1, 2])
    with pytest.raises(InvalidInputError, match="not the mark vector"):
        tom.decompose([1] + [0] * 10)


def test_json_round_trip():
    import json
    S = subgroup_classes(dihedral(4))
    d = json.loads(json.dumps(S.to_json()))
    assert d["nr_subgroup_classes"] == 8 and d["nr_subgroups"] == 10
    assert d["table_of_marks"] == [list(r) for r in S.marks]
    assert json.loads(json.dumps([c.to_json() for c in conjugacy_classes(dihedral(4))]))[0]["size"] == 1


def test_direct_products():
    G = direct_product(symmetric(5), symmetric(3))                       # order 720 on 8 points
    S = subgroup_classes(G)
    assert S.table_of_marks().is_lower_triangular()
    assert [c.order for c in S][-1] == 720 and S.num_subgroups >= len(S)
    # subgroups of an elementary abelian 2^5 are all normal: as many classes as F_2-subspaces of F_2^5
    E = subgroup_classes(direct_product(*[cyclic(2)] * 5))
    gaussian = [1, 31, 155, 155, 31, 1]                                   # [5 choose k]_2
    assert Counter(c.order for c in E) == Counter({2 ** k: gaussian[k] for k in range(6)})
    assert all(c.is_normal and c.is_abelian for c in E)


def test_progress_callback():
    calls = []
    S = subgroup_classes(group_from_name("A4"), progress=lambda done, found: calls.append((done, found)))
    assert calls[-1] == (len(S), len(S))
    assert [d for d, _ in calls] == list(range(1, len(S) + 1))
    assert all(d <= f for d, f in calls)
