"""PermGroup and GSet: constructors, orbit counting identities, orbitals vs the kernel, bad input."""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from exactsep.errors import ExactsepError, InvalidGroupError, InvalidGSetError, ShapeError
from exactsep.groups import (GSet, PermGroup, alternating, cyclic, dihedral, direct_product, group_from_name,
                             inverse, symmetric)
from exactsep.linalg import rank
from exactsep.strategies import gsets, perm_groups, small_named_groups

from _groups_brute import closure, element_action

SET = settings(max_examples=25, deadline=None)


def constraint_matrix(Y, X):
    """Rows of P^Y_g W - W P^X_g = 0 over the generators, W vectorised row-major (index y*|X| + x)."""
    m, n = Y.size, X.size
    blocks = []
    r = np.arange(m * n)
    y, x = r // n, r % n
    for gy, gx in zip(Y.images, X.images):
        ginv = np.argsort(np.asarray(gy))
        A = np.zeros((m * n, m * n), dtype=np.int64)
        A[r, ginv[y] * n + x] += 1                  # one entry per row in each of the two updates
        A[r, y * n + np.asarray(gx)[x]] -= 1
        blocks.append(A)
    return np.vstack(blocks) if blocks else np.zeros((0, m * n), dtype=np.int64)


# ----------------------------------------------------------------------------- named groups
@pytest.mark.parametrize("n", range(1, 7))
def test_named_orders(n):
    assert symmetric(n).order == math.factorial(n)
    assert cyclic(n).order == n
    assert alternating(n).order == max(1, math.factorial(n) // 2)
    if n >= 3:
        assert dihedral(n).order == 2 * n
        assert dihedral(n).degree == n


def test_element_enumeration_matches_order_and_closure():
    for name in ["S4", "A5", "D6", "C7"]:
        G = group_from_name(name)
        els = G.elements()
        assert els[0] == G.identity()
        assert len(els) == len(set(els)) == G.order
        assert set(els) == closure(G.generators, G.degree)
        for g in els[:10]:
            assert g in G and inverse(g) in G


def test_membership():
    G = alternating(4)
    assert (1, 2, 0, 3) in G
    assert (1, 0, 2, 3) not in G
    assert (0, 1, 2) not in G                       # wrong degree
    assert [0, 0, 1, 2] not in G                    # not a permutation


def test_direct_product():
    G = direct_product(symmetric(3), cyclic(4))
    assert G.order == 24 and G.degree == 7
    assert G.orbits() == [[0, 1, 2], [3, 4, 5, 6]]


def test_group_from_name():
    assert group_from_name("D5").order == 10 and group_from_name("A4").order == 12


# ----------------------------------------------------------------------------- G-set identities
@SET
@given(st.data())
def test_burnside_and_orbit_stabilizer(data):
    G = data.draw(perm_groups(max_degree=5))
    X = data.draw(gsets(G, max_size=24))
    phi = element_action(G, X)
    assert phi is not None and len(phi) == G.order
    fixed = sum(sum(1 for x in range(X.size) if im[x] == x) for im in phi.values())
    assert Fraction(fixed, G.order) == len(X.orbits())                         # Burnside
    # orbits from the full action agree with the union-find orbits
    for orbit in X.orbits():
        x = orbit[0]
        assert sorted({im[x] for im in phi.values()}) == orbit
        stab = X.stabilizer(x)
        assert G.order == len(orbit) * stab.order                              # orbit-stabiliser
        assert all(phi[s][x] == x for s in stab.generators)
        assert stab.order == sum(1 for im in phi.values() if im[x] == x)


@SET
@given(st.data())
def test_orbitals_equal_kernel_dimension(data):
    """dim Hom_G(Q^X, Q^Y) two ways: number of orbitals vs nullity of the equivariance constraints."""
    G = data.draw(perm_groups(max_degree=4))
    X = data.draw(gsets(G, max_size=9))
    Y = data.draw(gsets(G, max_size=9))
    k = Y.num_orbitals(X)
    A = constraint_matrix(Y, X)
    nullity = Y.size * X.size - (int(rank(A)) if A.shape[0] else 0)
    assert k == nullity
    basis = Y.orbitals(X)
    assert len(basis) == k
    total = np.sum(np.asarray(basis), axis=0) if basis else np.zeros((Y.size, X.size))
    assert (total == 1).all()                                                  # disjoint supports covering
    for W in basis:                                                            # each one is equivariant
        W = np.asarray(W)
        for i in range(len(G.generators)):
            assert (np.asarray(Y.permutation_matrix(i)) @ W == W @ np.asarray(X.permutation_matrix(i))).all()


@SET
@given(st.data())
def test_orbitals_of_x_by_x_is_sum_of_squared_fixed_points(data):
    G = data.draw(perm_groups(max_degree=5))
    X = data.draw(gsets(G, max_size=20))
    phi = element_action(G, X)
    fix2 = sum(sum(1 for x in range(X.size) if im[x] == x) ** 2 for im in phi.values())
    assert Fraction(fix2, G.order) == X.num_orbitals(X)


@SET
@given(st.data())
def test_fixed_point_basis_spans_invariants(data):
    G = data.draw(perm_groups(max_degree=4))
    X = data.draw(gsets(G, max_size=16))
    B = X.fixed_point_basis()
    assert len(B) == len(X.orbits())
    T = GSet.trivial(G)
    assert len(B) == T.num_orbitals(X)                     # dim Hom_G(Q^X, Q) = dim (Q^X)^G
    for v in B:
        for im in X.images:
            assert [v[im[x]] for x in range(X.size)] == v
    assert int(rank(B)) == len(B) if B else True


def test_power_indexing_convention():
    G = symmetric(3)
    X = GSet.power(G, 3)
    assert X.size == 27
    for i, lab in enumerate(X.labels):
        assert i == lab[0] * 9 + lab[1] * 3 + lab[2]                 # first coordinate most significant
    for g, im in zip(G.generators, X.images):
        for i, lab in enumerate(X.labels):
            assert X.labels[im[i]] == tuple(g[a] for a in lab)


def test_power_of_gset_and_subsets():
    G = dihedral(4)
    Y = GSet.subsets(G, 2)
    assert Y.size == 6 and Y.labels[0] == (0, 1)
    for g, im in zip(G.generators, Y.images):
        for i, s in enumerate(Y.labels):
            assert Y.labels[im[i]] == tuple(sorted(g[a] for a in s))
    Z = GSet.power(Y, 2)
    assert Z.size == 36
    assert len(Z.orbits()) == Y.num_orbitals(Y)


def test_orbits_on_tuples_are_set_partition_counts():
    # S_n on ordered k-tuples, n >= k: number of set partitions of k labels (Bell numbers)
    for n in range(3, 6):
        assert [len(GSet.power(symmetric(n), k).orbits()) for k in (1, 2, 3)] == [1, 2, 5]
    assert len(GSet.power(symmetric(4), 4).orbits()) == 15


def test_regular_and_trivial():
    G = dihedral(5)
    R = GSet.regular(G)
    assert R.size == 10 and len(R.orbits()) == 1 and R.stabilizer(3).order == 1
    assert R.num_orbitals(R) == G.order                     # End_G(Q[G]) has dimension |G|
    T = GSet.trivial(G)
    assert T.size == 1 and T.num_orbitals(T) == 1


@pytest.mark.parametrize("name", ["S4", "D5", "A4", "C6"])
def test_cosets_size_and_stabilizers(name):
    G = group_from_name(name)
    for c in G.subgroup_classes():
        H = c.representative()
        X = GSet.cosets(G, H)
        assert X.size * H.order == G.order
        assert X.is_transitive()
        S0 = X.stabilizer(0)                                   # the coset H itself
        assert S0.order == H.order and all(h in S0 for h in H.generators)
        for x in range(X.size):                                 # every stabiliser is conjugate to H
            assert G.subgroup_classes().class_of(X.stabilizer(x)) == c.index


def test_disjoint_union_and_channels():
    G = symmetric(3)
    X = GSet.natural(G) + GSet.trivial(G) + GSet.subsets(G, 2)
    assert X.size == 7 and len(X.orbits()) == 3
    Y = GSet.natural(G).with_channels(2)
    assert Y.size == 6 and len(Y.orbits()) == 2
    assert Y.num_orbitals(GSet.natural(G)) == 2 * GSet.natural(G).num_orbitals(GSet.natural(G))


def test_trivial_group_without_generators():
    G = PermGroup([], degree=3)
    assert G.order == 1 and G.elements() == ((0, 1, 2),)
    X = GSet.natural(G)
    assert X.size == 3 and len(X.orbits()) == 3
    assert GSet.power(G, 2).size == 9 and GSet.power(G, 2).num_orbitals(GSet.trivial(G)) == 9


# ----------------------------------------------------------------------------- action check
@SET
@given(st.data())
def test_from_images_accepts_exactly_actions(data):
    G = data.draw(small_named_groups(max_degree=4))
    assume(G.generators)
    m = data.draw(st.integers(1, 4))
    ims = [tuple(data.draw(st.permutations(list(range(m))))) for _ in G.generators]
    X = GSet(G, ims, check=False)
    is_action = element_action(G, X) is not None                    # brute force over the Cayley graph
    if is_action:
        assert GSet.from_images(G, ims).size == m
    else:
        with pytest.raises(InvalidGSetError, match="relation"):
            GSet.from_images(G, ims)


def test_from_images_rejects_relation_violation():
    G = cyclic(4)
    with pytest.raises(InvalidGSetError, match="do not define an action"):
        GSet.from_images(G, [(1, 2, 0)])                    # a 3-cycle cannot be the image of an element of order 4
    assert GSet.from_images(G, [(1, 0)]).size == 2            # C4 -> C2 is fine


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("gens, degree, match", [
    ([[0, 0, 1]], None, "not a permutation"),
    ([[1, 0], [0, 1, 2]], None, "different degrees"),
    ([[1.0, 0.0]], None, "non-integer"),
    ([["1", "0"]], None, "non-integer"),
    ([5], None, "not a list"),
    ([], None, "explicit degree"),
    ([[1, 0]], -1, "degree"),
    ([[1, 0, 2]], 2, "different degrees"),
])
def test_bad_generators(gens, degree, match):
    with pytest.raises(InvalidGroupError, match=match):
        PermGroup(gens, degree=degree)


@pytest.mark.parametrize("name", ["X3", "S", "S13", "C0", "D2", "D1", ""])
def test_bad_names(name):
    with pytest.raises(InvalidGroupError):
        group_from_name(name)


def test_bad_gsets():
    G = symmetric(3)
    with pytest.raises(InvalidGSetError, match="one image list per group generator"):
        GSet(G, [(0, 1)])
    with pytest.raises(InvalidGSetError, match="not a permutation"):
        GSet(G, [(0, 0), (0, 1)])
    with pytest.raises(InvalidGSetError, match="k >= 0"):
        GSet.subsets(G, -1)
    with pytest.raises(InvalidGSetError, match="k >= 0"):
        GSet.power(G, -2)
    with pytest.raises(InvalidGSetError, match="different groups"):
        GSet.natural(G).orbitals(GSet.natural(symmetric(4)))
    with pytest.raises(InvalidGSetError, match="different groups"):
        GSet.natural(G) + GSet.natural(cyclic(3))
    with pytest.raises(ShapeError, match="out of range"):
        GSet.natural(G).stabilizer(3)
    with pytest.raises(ShapeError, match="out of range"):
        G.stabilizer(5)
    with pytest.raises(InvalidGroupError, match="not an element"):
        GSet.cosets(cyclic(3), [(1, 0, 2)])                   # a transposition is not in C3
    with pytest.raises(InvalidGroupError):
        GSet.cosets(G, [(1, 0, 2, 3)])                        # wrong degree
    with pytest.raises(InvalidGSetError, match="channels"):
        GSet.natural(G).with_channels(-1)
    for exc in (InvalidGroupError, InvalidGSetError, ShapeError):
        assert issubclass(exc, ExactsepError)


# ----------------------------------------------------------------------------- proven order lower bound
@settings(max_examples=60, deadline=None)
@given(perm_groups(min_degree=1, max_degree=7, max_generators=3), st.integers(1, 6000), st.integers(0, 3))
def test_order_lower_bound_is_a_lower_bound(G, stop, seed):
    """Never above the order (Schreier-Sims, sympy); at least min(order, ...) of a generator; and when it
    does not stop early it is often the order itself (not asserted: the chain is random)."""
    lb = G.order_lower_bound(stop, seed=seed)
    assert 1 <= lb <= G.order
    assert lb >= max((len(G.subgroup([g]).elements()) for g in G.generators), default=1) or lb > stop


@pytest.mark.parametrize("n", [9, 12, 50, 200])
def test_order_lower_bound_refuses_big_symmetric_groups_fast(n):
    import time
    G = PermGroup([list(range(1, n)) + [0], [1, 0] + list(range(2, n))])      # S_n, no name, no cached order
    t = time.perf_counter()
    lb = G.order_lower_bound(50000)
    assert lb > 50000 and time.perf_counter() - t < 2.0
    assert math.factorial(n) % lb == 0 or lb <= math.factorial(n)


def test_subgroup_classes_refused_on_a_huge_cycle_before_schreier_sims():
    import time
    from exactsep.errors import ComputationLimitError
    from exactsep.groups.subgroups import subgroup_classes
    n = 200000
    G = PermGroup([list(range(1, n)) + [0]])
    t = time.perf_counter()
    with pytest.raises(ComputationLimitError, match="at least 200000"):
        subgroup_classes(G, max_order=50000)
    assert time.perf_counter() - t < 5.0 and "order" not in G.__dict__
