"""Aggregates over many paths and the pair-selection helpers, against statistics / direct computation."""
import itertools
import statistics
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidInputError, NonExactInputError
from exactsep.folding import (aggregate_values, centroid_pairs, class_centroids, cross_class_pairs, fold, fold_pairs,
                              interaction, interaction_profile, median_exact, same_class_pairs)
from exactsep.folding.strategies import points, relu_networks
from exactsep.nets import Network

fractions = st.builds(Fraction, st.integers(-20, 20), st.integers(1, 9))


@settings(max_examples=100, deadline=None)
@given(st.lists(fractions, max_size=15))
def test_median_and_aggregate_match_statistics(vals):
    if vals:
        assert median_exact(vals) == statistics.median(vals)
    else:
        assert median_exact(vals) is None
    nonneg = [abs(v) for v in vals]
    agg = aggregate_values(nonneg)
    nz = [v for v in nonneg if v != 0]
    assert agg.count == len(nonneg) and agg.nonzero == len(nz)
    assert agg.median_nonzero == (statistics.median(nz) if nz else None)
    assert agg.mean == (statistics.mean(nonneg) if nonneg else None)
    assert agg.mean_nonzero == (statistics.mean(nz) if nz else None)


@st.composite
def labelled(draw):
    n0 = draw(st.integers(1, 2))
    X = draw(st.lists(points(n0), min_size=2, max_size=7))
    y = draw(st.lists(st.sampled_from("abc"), min_size=len(X), max_size=len(X)))
    return X, y


@settings(max_examples=50, deadline=None)
@given(labelled())
def test_pair_helpers_count_and_labels(data):
    X, y = data
    same = same_class_pairs(X, y)
    counts = {c: y.count(c) for c in set(y)}
    assert len(same) == sum(n * (n - 1) // 2 for n in counts.values())
    cross = cross_class_pairs(X, y)
    assert len(cross) == sum(counts[a] * counts[b] for a, b in itertools.combinations(counts, 2))
    labels = {tuple(x): set() for x in X}
    for x, c in zip(X, y):
        labels[tuple(x)].add(c)
    for a, b in cross:
        assert labels[tuple(a)] and labels[tuple(b)]
    cents = class_centroids(X, y)
    for c, [m] in cents.items():
        pts = [x for x, l in zip(X, y) if l == c]
        assert m == [sum(Fraction(p[i]) for p in pts) / len(pts) for i in range(len(X[0]))]
    assert len(same_class_pairs(X, y, max_pairs=1)) == min(1, len(same))


def test_kmeans_centroids_find_separated_clusters():
    X = [[0, 0], [1, 0], [0, 1], [10, 10], [11, 10], [10, 11], [50, 50]]
    y = ["a"] * 6 + ["b"]
    cents = class_centroids(X, y, clusters=2)
    assert sorted(cents["a"]) == [[Fraction(1, 3), Fraction(1, 3)], [Fraction(31, 3), Fraction(31, 3)]]
    assert cents["b"] == [[50, 50]]
    assert len(centroid_pairs(X, y, clusters=2, within="same")) == 1
    assert len(centroid_pairs(X, y, clusters=2, within="cross", class_a="a", class_b="b")) == 2
    with pytest.raises(InvalidInputError):
        centroid_pairs(X, y, within="both")
    with pytest.raises(InvalidInputError):
        cross_class_pairs(X, y, class_a="a", class_b="z")
    with pytest.raises(NonExactInputError):
        same_class_pairs([[0.5]], ["a"])
    import numpy as np
    assert same_class_pairs(np.array([[0.5], [0.25]]), ["a", "a"], floats="exact") == [([Fraction(1, 2)], [Fraction(1, 4)])]


@settings(max_examples=20, deadline=None)
@given(relu_networks(n0=1), st.lists(points(1), min_size=2, max_size=5))
def test_fold_pairs_is_fold_per_pair(net, pts):
    pairs = list(zip(pts, pts[1:]))
    seen = []
    agg = fold_pairs(net, pairs, progress=lambda i, n: seen.append((i, n)))
    assert agg.values == tuple(fold(net, a, b).chi for a, b in pairs)
    assert agg.values_reverse == tuple(fold(net, b, a).chi for a, b in pairs)
    assert seen[-1] == (len(pairs), len(pairs))


def test_interaction_helpers():
    net = Network.from_layers([{"W": [[1]], "b": [0], "activation": "relu"}])
    assert interaction(net, [-1], [1], [-1]) == Fraction(1, 2)
    prof = interaction_profile([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
    assert prof == (0, Fraction(1, 6), Fraction(1, 2), Fraction(1, 6), 0)
