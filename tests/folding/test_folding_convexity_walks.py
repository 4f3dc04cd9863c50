"""Hamming convexity vs convexity of unions of regions, and walk refinement: exact checks held against
independent characterisations (property-based)."""
from fractions import Fraction
from itertools import combinations, permutations

import pytest
from hypothesis import given, settings, assume
import hypothesis.strategies as st

from exactsep.errors import InvalidInputError
from exactsep.folding import walk_stats
from exactsep.folding.convexity import (LineArrangement, hamming_interval, interval_union_is_convex,
                                        is_hamming_convex, line_cells)
from exactsep.folding.walks import refine_walk

line = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3)).filter(lambda l: l[:2] != (0, 0))


def _arrangement(lines):
    try:
        return LineArrangement(lines)
    except InvalidInputError:
        return None


def _halfplane_closure(B, omega):
    """The cells of the intersection of the closed half-planes (of arrangement lines) containing all of B:
    the realizable patterns agreeing with B wherever all members of B agree (a third characterisation)."""
    B = list(B)
    fixed = {i: B[0][i] for i in range(len(B[0])) if all(b[i] == B[0][i] for b in B)}
    return {p for p in omega if all(p[i] == v for i, v in fixed.items())}


@settings(max_examples=40, deadline=None)
@given(st.lists(line, min_size=1, max_size=4))
def test_union_convexity_equals_the_half_plane_characterisation(lines):
    A = _arrangement(lines)
    assume(A is not None)
    om = sorted(A.cells())
    for r in range(1, len(om) + 1):
        for B in combinations(om, r):
            assert A.union_is_convex(B) == (set(B) == _halfplane_closure(B, om))


@settings(max_examples=40, deadline=None)
@given(st.lists(line, min_size=1, max_size=4))
def test_cells_match_the_relu_region_enumeration_and_their_points(lines):
    from exactsep.nets import Network
    from exactsep.relu.regions import enumerate_regions
    A = _arrangement(lines)
    assume(A is not None)
    k = len(lines)
    net = Network.from_flat([2, k, 1], [v for l in lines for v in l[:2]] + [l[2] for l in lines] + [1] * k + [0])
    pats = {tuple(1 if s > 0 else 0 for s in r.pattern[0]) for r in enumerate_regions(net).regions}
    assert pats == set(A.cells())
    for p, pt in A.cells().items():
        assert A.pattern(pt) == p and all(A.value(i, pt) != 0 for i in range(k))


def test_lemma_1_on_the_talks_picture():
    # three lines, seven cells, the pattern 011 is not realizable (PDF page 7 of the talk)
    A = LineArrangement([(1, 0, 0), (0, -1, 0), (1, 1, -1)])     # x > 0, y < 0, x + y > 1
    om = sorted(A.cells())
    assert len(om) == 7 and (0, 1, 1) not in om
    for r in range(len(om) + 1):
        for B in combinations(om, r):
            assert A.union_is_convex(B) == is_hamming_convex(B, om)


def test_hamming_interval_is_the_slides_example():
    # the talk's PDF page 6: pi1 = 0101, pi2 = 1100: every pattern of I(pi1, pi2) has the form x10y
    cube = [tuple(int(c) for c in f"{i:04b}") for i in range(16)]
    I = hamming_interval((0, 1, 0, 1), (1, 1, 0, 0), cube)
    assert sorted(I) == sorted([(0, 1, 0, 1), (0, 1, 0, 0), (1, 1, 0, 1), (1, 1, 0, 0)])


def test_parallel_lines_and_refusals():
    A = LineArrangement([(1, 0, 0), (2, 0, -2), (1, 0, 3)])          # x = 0, x = 1, x = -3
    assert len(A.cells()) == 4 and not A.vertices()
    assert A.union_is_convex([(0, 0, 1), (1, 0, 1)]) and not A.union_is_convex([(0, 0, 1), (1, 1, 1)])
    with pytest.raises(InvalidInputError):
        LineArrangement([(1, 1, 1), (2, 2, 2)])
    with pytest.raises(InvalidInputError):
        LineArrangement([(0, 0, 1)])
    with pytest.raises(InvalidInputError):
        A.union_is_convex([(1, 1, 1, 1)])


def test_two_hidden_layers_break_lemma_1_on_the_line():
    from exactsep.nets import Network
    # u1 = relu(x), u2 = relu(x - 1), v = relu(u1 - 2 u2 - 1/2): regions 000, 100, 101, 111, 110 along the line
    net = Network.from_flat([1, 2, 1, 1], [1, 1, 0, -1, 1, -2, "-1/2", 1, 0])
    order = line_cells(net)
    assert order == [(0, 0, 0), (1, 0, 0), (1, 0, 1), (1, 1, 1), (1, 1, 0)]
    B = [(1, 0, 1), (1, 1, 1), (1, 1, 0)]                         # the interval [1/2, oo): convex
    assert interval_union_is_convex(order, B) and not is_hamming_convex(B, order)


walks = st.integers(1, 5).flatmap(lambda m: st.lists(st.tuples(*[st.integers(0, 1)] * m), min_size=1, max_size=7))


@settings(max_examples=150, deadline=None)
@given(walks)
def test_refinement_toward_start_first_keeps_r1_r2_and_is_optimal(W):
    R = refine_walk(W)
    s, t = walk_stats(W), walk_stats(R)
    assert (s.r1, s.r2) == (t.r1, t.r2)
    assert all(sum(a != b for a, b in zip(p, q)) == 1 for p, q in zip(R, R[1:]))
    # the original (de-duplicated) patterns appear in order
    it = iter(R)
    dedup = [p for i, p in enumerate(W) if i == 0 or W[i - 1] != p]
    assert all(any(p == q for q in it) for p in dedup)
    # brute force: no order of the flips of a step peaks lower than the larger end distance
    d = lambda a, b: sum(x != y for x, y in zip(a, b))
    start = dedup[0]
    for a, b in zip(dedup, dedup[1:]):
        diff = [j for j in range(len(a)) if a[j] != b[j]]
        best = min(max(d(start, [b[j] if j in perm[:k] else a[j] for j in range(len(a))])
                       for k in range(len(perm) + 1)) for perm in permutations(diff))
        assert best == max(d(start, a), d(start, b))


def test_refinement_of_the_talks_example():
    G = [(0, 0, 0, 0), (1, 1, 0, 0), (0, 0, 1, 1)]          # PDF page 17: r1 = 2, r2 = 6
    assert (walk_stats(G).r1, walk_stats(G).r2) == (2, 6)
    assert walk_stats(refine_walk(G)).r1 == 2
    assert walk_stats(refine_walk(G, "away-first")).r1 == 4   # the talk's overshooting refinement
    with pytest.raises(InvalidInputError):
        refine_walk(G, order="random")
