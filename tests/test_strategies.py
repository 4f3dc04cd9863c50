"""The hypothesis strategies produce what they say, and the entry-point hook registers the types."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

import exactsep.strategies as xs
from exactsep.groups import GSet, PermGroup
from exactsep.linalg import rank

SET = settings(max_examples=25, deadline=None)


@SET
@given(xs.rationals(max_numerator=7, max_denominator=5))
def test_rationals_are_exact_and_bounded(q):
    assert type(q) in (int, Fraction)
    if isinstance(q, Fraction):
        assert q.denominator > 1                     # normalised: integral values come back as int
    assert abs(Fraction(q).numerator) <= 7 and Fraction(q).denominator <= 5


@SET
@given(st.integers(0, 6).flatmap(lambda n: st.tuples(st.just(n), xs.rational_vectors(n))))
def test_rational_vectors_length(nv):
    n, v = nv
    assert len(v) == n


@SET
@given(st.data())
def test_rational_matrices_shape_and_rank(data):
    m = data.draw(st.integers(0, 5))
    n = data.draw(st.integers(0, 5))
    r = data.draw(st.integers(0, min(m, n)))
    M = data.draw(xs.rational_matrices(rows=m, cols=n, rank=r))
    assert len(M) == m and all(len(row) == n for row in M)
    assert int(rank(M)) == r


@SET
@given(xs.rational_matrices(max_size=4))
def test_rational_matrices_free_shape(M):
    assert len(M) <= 4 and len({len(r) for r in M}) <= 1


def test_rational_matrices_impossible_rank():
    @settings(max_examples=1, deadline=None)
    @given(xs.rational_matrices(rows=2, cols=3, rank=3))
    def draw(M):
        pass

    with pytest.raises(ValueError, match="rank 3 impossible"):
        draw()


@SET
@given(st.integers(0, 6).flatmap(lambda n: st.tuples(st.just(n), xs.permutations(n))))
def test_permutations(np_):
    n, p = np_
    assert sorted(p) == list(range(n)) and isinstance(p, tuple)


@SET
@given(xs.perm_groups(min_degree=2, max_degree=5, max_generators=2))
def test_perm_groups_are_valid(G):
    assert isinstance(G, PermGroup)
    assert 2 <= G.degree <= 5 and 1 <= len(G.generators) <= 2
    for g in G.generators:
        assert sorted(g) == list(range(G.degree))
    assert math.factorial(G.degree) % G.order == 0
    assert len(G.elements()) == G.order


@SET
@given(xs.small_named_groups(max_degree=5))
def test_small_named_groups(G):
    kind, n = G.name[0], int(G.name[1:])
    expected = {"S": math.factorial(n), "A": max(1, math.factorial(n) // 2), "C": n, "D": 2 * n}[kind]
    assert G.order == expected and G.degree == n <= 5


@SET
@given(st.data())
def test_gsets_are_actions_of_the_group(data):
    G = data.draw(xs.perm_groups(max_degree=4))
    X = data.draw(xs.gsets(G, max_size=12))
    assert isinstance(X, GSet) and X.group is G
    assert 0 < X.size <= 12 and len(X.labels) == X.size
    GSet.from_images(G, X.images)                    # raises if the images violate a relation of G


@SET
@given(xs.gsets())
def test_gsets_default_group(X):
    assert 0 < X.size <= 30 and X.group.degree <= 4


def test_hypothesis_hook_registers_types():
    xs._hypothesis_setup_hook()

    @settings(max_examples=10, deadline=None)
    @given(st.from_type(PermGroup), st.from_type(GSet))
    def check(G, X):
        assert isinstance(G, PermGroup) and G.order >= 1
        assert isinstance(X, GSet) and X.size >= 1

    check()
