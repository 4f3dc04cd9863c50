"""The enumeration of transitive groups of prime-power degree (exactsep.proofs.transitive), held against the
catalogue's enumeration of all subgroup classes of S_n (degrees 2..5), published facts (degrees 7 and 8),
brute-force conjugacy, and GAP's library of transitive groups when GAP is installed."""
import shutil
import subprocess
from itertools import permutations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidSpecError
from exactsep.groups import PermGroup, symmetric
from exactsep.proofs.catalogue import product_groups, subgroup_classes, transitive_groups
from exactsep.proofs.transitive import (SymmetricTable, prime_power, sylow_generators, transitive_classes)


def _conjugacy_keys(n, gens_list):
    """For each group, the frozenset of all its conjugates in S_n (each a frozenset of elements): two groups are
    conjugate iff their keys are equal. Brute force over S_n (small n only)."""
    out = []
    for gens in gens_list:
        H = PermGroup(gens, degree=n)
        E = H.elements()
        conj = set()
        for x in permutations(range(n)):
            xi = [0] * n
            for a, b in enumerate(x):
                xi[b] = a
            conj.add(frozenset(tuple(x[h[xi[i]]] for i in range(n)) for h in E))
        out.append(frozenset(conj))
    return out


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_sylow_method_agrees_with_all_subgroup_classes(n):
    """Two independent enumerations: upward closure from a Sylow subgroup vs every subgroup class of S_n."""
    new = transitive_classes(n)
    old = [c for c in subgroup_classes(symmetric(n))
           if c["generators"] and PermGroup(c["generators"], degree=n).is_transitive()]
    assert sorted((c["order"], c["length"]) for c in new) == sorted((c["order"], c["length"]) for c in old)
    assert set(_conjugacy_keys(n, [c["generators"] for c in new])) == \
        set(_conjugacy_keys(n, [c["generators"] for c in old]))


def test_degree_7_is_the_published_list():
    # the transitive groups of degree 7 are C7, D7, 7:3, 7:6 = AGL(1,7), PSL(3,2), A7, S7 (a prime degree: all
    # are primitive; e.g. Dixon & Mortimer, Permutation Groups, Table B.4)
    assert [c["order"] for c in transitive_classes(7)] == [7, 14, 21, 42, 168, 2520, 5040]


def test_degree_8_count_orders_and_class_lengths():
    cl = transitive_classes(8)
    assert len(cl) == 50                                           # OEIS A002106
    for c in cl:
        G = PermGroup(c["generators"], degree=8)
        assert G.is_transitive() and G.order == c["order"]
        assert 40320 % c["order"] == 0 and c["order"] % 8 == 0
        # the class length |S8 : N(H)| divides |S8 : H|
        assert (40320 // c["order"]) % c["length"] == 0
    # the five regular groups C8, C4 x C2, C2^3, D4, Q8 are the transitive groups of order 8
    assert sum(1 for c in cl if c["order"] == 8) == 5
    # A8 and S8 are normal (class length 1); AGL(3,2) of order 1344 is the largest other one
    assert [c["length"] for c in cl if c["order"] in (20160, 40320)] == [1, 1]
    assert sorted(c["order"] for c in cl)[-3] == 1344


def test_same_cycle_types_but_not_conjugate_pairs_are_distinguished():
    """The listed degree-8 groups are pairwise non-conjugate (the claim's independent verification)."""
    from exactsep.proofs import get_claim, make_certificate, verify_certificate
    c = get_claim("catalogue.transitive-counts")
    cert = make_certificate(c, {"degree": 8}, c.check({"degree": 8}))
    assert cert["holds"] and cert["computed"]["count"] == 50
    res = verify_certificate(cert)
    assert any("pairwise non-conjugate" in m for m in res.checks)


def test_conjugacy_search_finds_a_conjugate():
    from exactsep.proofs.claims.groups import _conjugate_in_sn
    H = PermGroup([[1, 2, 3, 0, 4, 5], [1, 0, 2, 3, 4, 5]], degree=6)          # S4 on 0..3
    x = [3, 5, 0, 1, 4, 2]
    xi = [x.index(i) for i in range(6)]
    K = [tuple(x[h[xi[i]]] for i in range(6)) for h in H.elements()]        # x H x^-1
    assert _conjugate_in_sn([list(g) for g in H.generators], K, 6)
    # a transitive group of degree 6 and order 24 is not conjugate to the intransitive S4
    T = next(g for g in transitive_groups(6) if g["order"] == 24)
    L = PermGroup(T["generators"], degree=6).elements()
    assert not _conjugate_in_sn([list(g) for g in H.generators], L, 6)
    assert not _conjugate_in_sn(T["generators"], H.elements(), 6)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([3, 4, 5, 7]), st.data())
def test_symmetric_table_products_conjugation_and_ranks(n, data):
    T = SymmetricTable(n)
    a = data.draw(st.integers(0, T.size - 1))
    b = data.draw(st.integers(0, T.size - 1))
    pa, pb = list(T.perms[a]), list(T.perms[b])
    ab = [pa[pb[i]] for i in range(n)]
    assert list(T.perms[T.products([a], [b])[0, 0]]) == ab
    assert int(T.rank(np.array([ab]))[0]) == T.products([a], [b])[0, 0]
    inv_a = [pa.index(i) for i in range(n)]
    conj = [pa[pb[inv_a[i]]] for i in range(n)]
    assert list(T.perms[T.conjugate_by([a], b)[0]]) == conj
    # element order and parity against direct computation
    k, cur = 1, pa
    while cur != list(range(n)):
        cur = [pa[cur[i]] for i in range(n)]
        k += 1
    assert T.orders[a] == k
    inversions = sum(1 for i in range(n) for j in range(i + 1, n) if pa[i] > pa[j])
    assert T.parity[a] == inversions % 2


def test_sylow_subgroup_has_the_p_part_of_n_factorial():
    for n, order in ((2, 2), (3, 3), (4, 8), (5, 5), (7, 7), (8, 128)):
        assert PermGroup(sylow_generators(n), degree=n).order == order
    assert prime_power(1) is None and prime_power(12) is None and prime_power(9) == (3, 2)
    with pytest.raises(InvalidSpecError):
        sylow_generators(6)
    with pytest.raises(InvalidSpecError, match="prime power"):
        transitive_classes(6)


def test_product_groups_are_intransitive_pairwise_distinct_and_counted():
    t = {n: len(transitive_groups(n)) for n in range(1, 8)}
    # unordered pairs of classes of degrees d1 <= d2 with d1 + d2 <= 8
    expected = sum(t[d1] * t[d2] if d1 < d2 else t[d1] * (t[d1] + 1) // 2
                   for d1 in range(1, 8) for d2 in range(d1, 9 - d1))
    P = product_groups(8)
    assert len(P) == expected == 104
    seen = set()
    for g in P:
        G = PermGroup(g["generators"], degree=g["degree"])
        assert not G.is_transitive() and G.order == g["order"] and g["family"] == "product"
        # the orbits and the groups induced on them determine the class: (degree, class) pairs, unordered
        a, b = g["name"].split("x")
        key = tuple(sorted((a, b)))
        assert key not in seen
        seen.add(key)


@pytest.mark.skipif(shutil.which("gap") is None, reason="GAP is not installed")
def test_orders_agree_with_gaps_transitive_groups_library():
    script = ("for n in [7, 8] do Print(n, \":\", List([1..NrTransitiveGroups(n)], "
              "i -> Size(TransitiveGroup(n, i))), \"\\n\"); od;\nQUIT;\n")
    r = subprocess.run(["gap", "-q"], input=script, capture_output=True, text=True, timeout=300)
    got = {}
    for line in r.stdout.replace("\n ", " ").splitlines():
        if ":" in line:
            n, orders = line.split(":", 1)
            got[int(n)] = sorted(int(x) for x in orders.strip(" []").replace(" ", "").split(",") if x)
    for n in (7, 8):
        assert got[n] == sorted(c["order"] for c in transitive_classes(n))


@pytest.mark.skipif(shutil.which("gap") is None, reason="GAP is not installed")
def test_every_class_is_a_distinct_group_of_gaps_library():
    """GAP identifies each enumerated group with a number of its transitive groups library: all numbers occur,
    each once (so the enumeration is complete and has no two conjugate groups)."""
    lines = []
    for n in (7, 8):
        for c in transitive_classes(n):
            gens = ", ".join("PermList([" + ", ".join(str(x + 1) for x in g) + "])" for g in c["generators"])
            lines.append(f"Print({n}, \":\", TransitiveIdentification(Group({gens})), \"\\n\");")
    r = subprocess.run(["gap", "-q"], input="\n".join(lines) + "\nQUIT;\n", capture_output=True, text=True,
                       timeout=600)
    ids = {7: [], 8: []}
    for line in r.stdout.splitlines():
        if ":" in line:
            n, i = line.split(":")
            ids[int(n)].append(int(i))
    assert sorted(ids[7]) == list(range(1, 8))
    assert sorted(ids[8]) == list(range(1, 51))
