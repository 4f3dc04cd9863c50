"""chi over many paths: the global folding Phi (median of the non-zero values) and the mean, with the
pair-selection protocols of the papers: same-class pairs, cross-class pairs (ESANN'23: digit 1 vs
digit 4), and class centroids (2025-26: cluster each class, use the centroids as path endpoints).

Everything is exact: points are rationals, centroids are exact means, medians and means are Fractions.

>>> from exactsep.nets import Network
>>> net = Network.from_layers([{"W": [[1], [1]], "b": [0, -2], "activation": "relu"},
...                            {"W": [[1, -2]], "b": [-1], "activation": "relu"}])
>>> X = [[0], [1], [3], [4]]; y = ["a", "a", "b", "b"]
>>> agg = fold_pairs(net, cross_class_pairs(X, y))
>>> agg.values, agg.median_nonzero, agg.mean
((Fraction(1, 4), Fraction(1, 4), Fraction(1, 3), Fraction(1, 3)), Fraction(7, 24), Fraction(7, 24))
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Dict, Hashable, Iterable, List, Optional, Sequence, Tuple

from ..errors import InvalidInputError, NonExactInputError
from ..numbers import exact, exact_matrix, fraction_str, normalize, Rational

__all__ = ["FoldingAggregate", "fold_pairs", "aggregate_values", "median_exact", "same_class_pairs",
           "cross_class_pairs", "class_centroids", "centroid_pairs", "exact_points"]


@dataclass(frozen=True)
class FoldingAggregate:
    """chi over a set of paths. ``median_nonzero`` is the papers' global folding Phi_N (median of the
    non-zero values; ``None`` when every path is flat); ``mean`` is over all paths, ``mean_nonzero`` over
    the non-zero ones. ``values_reverse`` holds the reverse chi of each path."""

    values: Tuple[Rational, ...]
    values_reverse: Tuple[Rational, ...]
    count: int
    nonzero: int
    median_nonzero: Optional[Rational]
    mean: Optional[Rational]
    mean_nonzero: Optional[Rational]
    exact: bool = True

    def to_json(self) -> dict:
        f = lambda v: None if v is None else fraction_str(v)
        return {"count": self.count, "nonzero": self.nonzero, "median_nonzero": f(self.median_nonzero),
                "mean": f(self.mean), "mean_nonzero": f(self.mean_nonzero),
                "values": [fraction_str(v) for v in self.values],
                "values_reverse": [fraction_str(v) for v in self.values_reverse], "exact": self.exact}


def median_exact(values: Sequence[Any]) -> Optional[Rational]:
    """Exact median (mean of the two middle values for an even count); ``None`` for no values.

    >>> median_exact([Fraction(1, 2), 0, 1, Fraction(1, 3)])
    Fraction(5, 12)
    """
    v = sorted(exact(x) for x in values)
    if not v:
        return None
    m = len(v) // 2
    return normalize(Fraction(v[m])) if len(v) % 2 else normalize((Fraction(v[m - 1]) + v[m]) / 2)


def aggregate_values(values: Sequence[Any], values_reverse: Sequence[Any] = (), exact_flag: bool = True) -> FoldingAggregate:
    """:class:`FoldingAggregate` of given chi values."""
    vals = tuple(exact(v) for v in values)
    nz = [v for v in vals if v != 0]
    mean = normalize(sum((Fraction(v) for v in vals), Fraction(0)) / len(vals)) if vals else None
    mean_nz = normalize(sum((Fraction(v) for v in nz), Fraction(0)) / len(nz)) if nz else None
    return FoldingAggregate(vals, tuple(exact(v) for v in values_reverse), len(vals), len(nz), median_exact(nz),
                            mean, mean_nz, exact_flag)


def fold_pairs(net, pairs: Iterable[Tuple[Any, Any]], *, layers=None, bits: str = "sign",
               progress: Optional[Callable[[int, int], None]] = None) -> FoldingAggregate:
    """Exact chi for every path ``x1 -> x2`` in ``pairs``; ``progress(done, total)`` after each path."""
    from .core import fold
    pairs = list(pairs)
    vals, revs, ok = [], [], True
    for i, (a, b) in enumerate(pairs):
        r = fold(net, a, b, layers=layers, bits=bits)
        vals.append(r.chi)
        revs.append(r.chi_reverse)
        ok = ok and r.exact
        if progress is not None:
            progress(i + 1, len(pairs))
    return aggregate_values(vals, revs, ok)


# ----------------------------------------------------------------------------------------------
def exact_points(X: Any, floats: str = "refuse") -> List[List[Rational]]:
    """Rows of ``X`` as exact rational points. Float data is refused unless ``floats="exact"`` (each float
    becomes the exact rational it stores)."""
    if floats not in ("refuse", "exact"):
        raise InvalidInputError(f"floats must be 'refuse' or 'exact', got {floats!r}")
    if floats == "exact":
        import numpy as np
        A = np.asarray(X)
        if A.dtype.kind == "f":
            if A.ndim != 2:
                raise InvalidInputError(f"data must be 2-dimensional (points x features), got shape {A.shape}")
            if not np.all(np.isfinite(A)):
                raise NonExactInputError("data has non-finite entries")
            return [[normalize(Fraction(float(v))) for v in row] for row in A.tolist()]
    return exact_matrix(X, what="data")


def _labels(y: Sequence[Hashable], n: int) -> List[Hashable]:
    y = list(y.tolist() if hasattr(y, "tolist") else y)
    if len(y) != n:
        raise InvalidInputError(f"{len(y)} labels for {n} points")
    return y


def _by_class(X, y, floats) -> Dict[Hashable, List[List[Rational]]]:
    P = exact_points(X, floats)
    lab = _labels(y, len(P))
    out: Dict[Hashable, List[List[Rational]]] = {}
    for p, c in zip(P, lab):
        out.setdefault(c, []).append(p)
    return out


def _limit(pairs, max_pairs, seed):
    if max_pairs is not None and len(pairs) > max_pairs:
        rng = random.Random(seed)
        idx = sorted(rng.sample(range(len(pairs)), max_pairs))
        pairs = [pairs[i] for i in idx]
    return pairs


def same_class_pairs(X: Any, y: Sequence[Hashable], *, classes=None, max_pairs: Optional[int] = None, seed: int = 0,
                     floats: str = "refuse") -> List[Tuple[List[Rational], List[Rational]]]:
    """All pairs ``(x_i, x_j)``, i < j, of points with the same label (optionally only ``classes``);
    ``max_pairs`` keeps a reproducible random subset.

    >>> same_class_pairs([[0], [1], [5]], [0, 0, 1])
    [([0], [1])]
    """
    groups = _by_class(X, y, floats)
    pairs = []
    for c, pts in groups.items():
        if classes is not None and c not in classes:
            continue
        pairs.extend(itertools.combinations(pts, 2))
    return _limit([(list(a), list(b)) for a, b in pairs], max_pairs, seed)


def cross_class_pairs(X: Any, y: Sequence[Hashable], class_a=None, class_b=None, *, max_pairs: Optional[int] = None,
                      seed: int = 0, floats: str = "refuse") -> List[Tuple[List[Rational], List[Rational]]]:
    """Pairs ``(x_i, x_j)`` with different labels: between ``class_a`` and ``class_b`` when given (e.g. digit
    1 -> digit 4, the ESANN'23 protocol), otherwise between every two classes (first class -> second).

    >>> cross_class_pairs([[0], [1], [5]], ["a", "a", "b"])
    [([0], [5]), ([1], [5])]
    """
    groups = _by_class(X, y, floats)
    if (class_a is None) != (class_b is None):
        raise InvalidInputError("give both class_a and class_b, or neither")
    if class_a is not None:
        for c in (class_a, class_b):
            if c not in groups:
                raise InvalidInputError(f"no point has label {c!r}")
        combos = [(class_a, class_b)]
    else:
        combos = list(itertools.combinations(list(groups), 2))
    pairs = [(list(a), list(b)) for ca, cb in combos for a in groups[ca] for b in groups[cb]]
    return _limit(pairs, max_pairs, seed)


def _sqdist(a, b):
    return sum((Fraction(p) - q) ** 2 for p, q in zip(a, b))


def _mean(pts):
    n = len(pts)
    return [normalize(sum((Fraction(p[i]) for p in pts), Fraction(0)) / n) for i in range(len(pts[0]))]


def _kmeans(pts, k, max_iter):
    """Deterministic exact k-means: farthest-point initialisation from the first point, Lloyd iterations
    until the assignment is stable (ties go to the lower centroid index)."""
    k = min(k, len({tuple(p) for p in pts}))
    cents = [list(pts[0])]
    while len(cents) < k:
        far = max(range(len(pts)), key=lambda i: (min(_sqdist(pts[i], c) for c in cents), -i))
        cents.append(list(pts[far]))
    assign = None
    for _ in range(max_iter):
        new = [min(range(len(cents)), key=lambda j: (_sqdist(p, cents[j]), j)) for p in pts]
        if new == assign:
            break
        assign = new
        cents = [_mean([p for p, a in zip(pts, assign) if a == j]) if j in assign else cents[j]
                 for j in range(len(cents))]
    return cents


def class_centroids(X: Any, y: Sequence[Hashable], clusters: int = 1, *, max_iter: int = 50,
                    floats: str = "refuse") -> Dict[Hashable, List[List[Rational]]]:
    """Exact centroids per class: the class mean (``clusters=1``) or the centres of a deterministic exact
    k-means with ``clusters`` clusters in each class.

    >>> class_centroids([[0, 0], [2, 1], [5, 5]], ["a", "a", "b"])
    {'a': [[1, Fraction(1, 2)]], 'b': [[5, 5]]}
    """
    if isinstance(clusters, bool) or not isinstance(clusters, int) or clusters < 1:
        raise InvalidInputError(f"clusters must be a positive integer, got {clusters!r}")
    groups = _by_class(X, y, floats)
    return {c: ([_mean(pts)] if clusters == 1 else _kmeans(pts, clusters, max_iter)) for c, pts in groups.items()}


def centroid_pairs(X: Any, y: Sequence[Hashable], *, clusters: int = 1, within: str = "cross", class_a=None,
                   class_b=None, max_iter: int = 50, floats: str = "refuse"):
    """Path endpoints from class centroids: ``within="same"`` pairs the centroids of one class,
    ``within="cross"`` pairs centroids of different classes (only ``class_a`` -> ``class_b`` when given).

    >>> centroid_pairs([[0], [2], [4], [8]], [0, 0, 1, 1])
    [([1], [6])]
    """
    cents = class_centroids(X, y, clusters, max_iter=max_iter, floats=floats)
    if within == "same":
        return [(a, b) for c, cs in cents.items() for a, b in itertools.combinations(cs, 2)]
    if within != "cross":
        raise InvalidInputError(f"within must be 'same' or 'cross', got {within!r}")
    if (class_a is None) != (class_b is None):
        raise InvalidInputError("give both class_a and class_b, or neither")
    combos = [(class_a, class_b)] if class_a is not None else list(itertools.combinations(list(cents), 2))
    out = []
    for ca, cb in combos:
        if ca not in cents or cb not in cents:
            raise InvalidInputError(f"no point has label {ca if ca not in cents else cb!r}")
        out.extend((a, b) for a in cents[ca] for b in cents[cb])
    return out
