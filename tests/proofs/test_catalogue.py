"""The catalogue of small groups: transitive groups by degree, subgroup classes, descriptors."""
from collections import Counter

import pytest
from hypothesis import given, settings

from exactsep.errors import InvalidSpecError
from exactsep.groups import PermGroup, symmetric
from exactsep.proofs.catalogue import (catalogue_groups, group_from_descriptor, gset_catalogue,
                                       gset_from_descriptor, named_groups, subgroup_classes, transitive_groups)
from exactsep.strategies import perm_groups


def test_transitive_group_counts_degree_1_to_8():
    # OEIS A002106: 1, 1, 2, 5, 5, 16, 7, 50 conjugacy classes of transitive groups of degree n
    assert [len(transitive_groups(n)) for n in range(1, 9)] == [1, 1, 2, 5, 5, 16, 7, 50]


def test_transitive_groups_are_transitive_with_the_stated_order():
    for n in range(2, 9):
        orders = []
        for d in transitive_groups(n):
            G = group_from_descriptor(d)
            assert G.is_transitive()
            assert G.order == d["order"]
            assert G.order % n == 0            # orbit-stabilizer on a transitive action
            orders.append(G.order)
        assert max(orders) == symmetric(n).order


def test_transitive_degree_6_orders_match_the_known_list():
    # the 16 transitive groups of degree 6 have orders 6,6,12,12,18,24,24,24,36,36,48,60,72,120,360,720
    assert sorted(d["order"] for d in transitive_groups(6)) == \
        [6, 6, 12, 12, 18, 24, 24, 24, 36, 36, 48, 60, 72, 120, 360, 720]


def test_subgroup_classes_of_s4_and_s5():
    cl = subgroup_classes(symmetric(4))
    assert len(cl) == 11 and sum(c["length"] for c in cl) == 30
    cl5 = subgroup_classes(symmetric(5))
    assert len(cl5) == 19 and sum(c["length"] for c in cl5) == 156


@settings(max_examples=15, deadline=None)
@given(perm_groups(max_degree=5, max_generators=2))
def test_subgroup_classes_agree_with_the_groups_package(G):
    """Two independent enumerations (this catalogue's and exactsep.groups') give the same classes."""
    from exactsep.groups import subgroup_classes as groups_subgroup_classes
    mine = Counter((c["order"], c["length"]) for c in subgroup_classes(G))
    theirs = Counter((c.order, c.length) for c in groups_subgroup_classes(G).classes)
    assert mine == theirs
    # the class lengths times ... : every representative generates a group of the stated order
    for c in subgroup_classes(G):
        assert PermGroup(c["generators"], degree=G.degree).order == c["order"]
        assert G.order % c["order"] == 0


def test_named_groups_up_to_degree_8():
    names = {g["name"] for g in named_groups(8)}
    for n in range(3, 9):
        assert {f"S{n}", f"A{n}", f"C{n}", f"D{n}"} <= names
    orders = {g["name"]: g["order"] for g in named_groups(8)}
    assert orders["S8"] == 40320 and orders["A8"] == 20160 and orders["D8"] == 16 and orders["C8"] == 8


def test_catalogue_families_and_gsets():
    groups = catalogue_groups(max_degree=4, max_transitive_degree=4)
    assert {g["family"] for g in groups} == {"symmetric", "alternating", "cyclic", "dihedral", "transitive"}
    S3 = next(g for g in groups if g["name"] == "S3")
    descs = gset_catalogue(S3, max_size=10)
    G = group_from_descriptor(S3)
    cosets = [d for d in descs if d["kind"] == "cosets"]
    assert sorted(d["size"] for d in cosets) == [1, 2, 3, 6]           # G/S3, G/A3, G/S2, G/1
    for d in descs:
        X = gset_from_descriptor(G, d)
        assert X.size == d["size"]
        if d["kind"] == "cosets":
            assert X.is_transitive()


def test_bad_descriptors_are_clear_errors():
    with pytest.raises(InvalidSpecError, match="degree"):
        transitive_groups(9)
    with pytest.raises(InvalidSpecError, match="degree"):
        transitive_groups(True)
    with pytest.raises(InvalidSpecError, match="unknown G-set kind"):
        gset_from_descriptor(symmetric(3), {"kind": "bogus"})
    with pytest.raises(InvalidSpecError):
        group_from_descriptor(42)
