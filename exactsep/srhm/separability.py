"""Separability certificate: can a cyclic CNN separate the classes of an SRHM instance?

The architecture: the group ``Z_n`` (``n = d``, the input length) rotating the input positions, the
one-hot input with ``v`` channels (the blank is the zero vector), ``depth`` hidden layers on the natural
``Z_n``-set with the convolutional layer space ``conv:k`` (filter size ``k``), a non-polynomial activation
and an invariant output, widths unbounded. Its indistinguishability relation on inputs is exact: two
inputs are indistinguishable iff **every** such network gives them the same output. If two inputs of
different classes are indistinguishable, the task is unlearnable by that architecture whatever the
amount of data. Otherwise every pair of classes is separated (and, by separation-constrained
universality of cyclic CNNs, [UC] Thm 18 [secondary], the labels can be approximated on the support).

Two exact methods. The separation engine (:func:`exactsep.separation.partition`, colour refinement on
the one-hot inputs) is used by default on instances up to ``ENGINE_MAX_ENTRIES``. The decision rule
of test vector E3 (docs/theory/separation.md, "Test vectors"; [derived ✓]; held against the engine in the tests, and at the boundary of
every :func:`smallest_separating_cyclic_cnn` answer on small instances) scales further: two inputs are
indistinguishable iff the
multisets of their cyclic windows of length ``w = depth (k - 1) + 1`` agree (for ``w >= n``: iff they are
rotations of each other). Windows are compared exactly (integer relabelling by doubling, no hashing).
Since longer windows refine shorter ones, the smallest separating window ``w*`` gives every answer:
depth ``L`` with filter ``k`` separates iff ``L (k-1) + 1 >= w*``.

Supports too large to enumerate (above ``max_entries``) are settled by a *rotation witness* when one
exists: an input whose cyclic shift is in the support with another label (found by exact parsing of
the shifts of sampled inputs). Invariant cyclic CNNs are rotation-invariant, so such a pair is an exact
certificate that no depth and no filter size separates; this is the case for the paper's Fig. 1
instance (spec Instance III). Without a witness a large instance is reported undecided
(:class:`ComputationLimitError`).

>>> from exactsep.srhm import grammar_from_rules, random_grammar
>>> g = grammar_from_rules([[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]], v=3)
>>> r = cyclic_cnn_separability(g, depth=1, filter_size=2)
>>> r.separates, r.witness, r.witness_labels            # 2001 is a rotation of 0120: no cyclic CNN separates
(False, ('0120', '2001'), (0, 1))
>>> smallest_separating_cyclic_cnn(g).separable
False
>>> smallest_separating_cyclic_cnn(random_grammar(2, 2, 4, 2, 3, s0=1, sparsity="B", seed=1)).min_window
4
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

import numpy as np

from ..errors import ComputationLimitError, InvalidInputError
from .data import enumerate_dataset, labels as _labels
from .grammar import Grammar

__all__ = ["RotationWitness", "rotation_witness", "cyclic_window_ids", "indistinguishability_classes", "CyclicCNNSeparability", "cyclic_cnn_separability",
           "SmallestSeparatingCNN", "smallest_separating_cyclic_cnn", "cyclic_cnn_architecture_spec",
           "window_length"]

DEFAULT_MAX_ENTRIES = 20_000_000      # inputs x input length handled in one go


def window_length(depth: int, filter_size: int) -> int:
    """``w = depth (k - 1) + 1``: the receptive field of ``depth`` stacked ``conv:k`` layers.

    >>> window_length(3, 2)
    4
    """
    for name, x in (("depth", depth), ("filter_size", filter_size)):
        if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 1:
            raise InvalidInputError(f"{name} must be a positive integer, got {x!r}")
    return int(depth) * (int(filter_size) - 1) + 1


def _relabel_pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    mb = int(b.max()) + 1 if b.size else 1
    ma = int(a.max()) + 1 if a.size else 1
    if ma * mb >= 2 ** 63:
        raise ComputationLimitError("too many distinct windows for int64 relabelling")
    _, inv = np.unique(a.astype(np.int64) * mb + b, return_inverse=True)
    return inv.reshape(a.shape).astype(np.int64)


def cyclic_window_ids(X: np.ndarray, w: int) -> np.ndarray:
    """Integer ids of the cyclic windows ``(x_i, ..., x_{i+w-1})`` (indices mod n), shape (P, n); equal
    ids iff equal windows (across the whole batch). ``w`` is capped at ``n``.

    >>> cyclic_window_ids(np.array([[0, 1, 0, 1], [1, 1, 0, 0]]), 2).tolist()
    [[1, 2, 1, 2], [3, 2, 0, 1]]
    """
    X = np.asarray(X)
    if X.ndim != 2:
        raise InvalidInputError("windows need a (P, n) array of symbols")
    P, n = X.shape
    w = min(int(w), n)
    if w < 1:
        raise InvalidInputError("the window length must be >= 1")
    _, cur = np.unique(X.astype(np.int64), return_inverse=True)
    cur = cur.reshape(P, n).astype(np.int64)
    cur_len, result, result_len, rem = 1, None, 0, w
    while rem:
        if rem & 1:
            if result is None:
                result, result_len = cur, cur_len
            else:
                result = _relabel_pairs(result, np.roll(cur, -result_len, axis=1))
                result_len += cur_len
        rem >>= 1
        if rem:
            cur = _relabel_pairs(cur, np.roll(cur, -cur_len, axis=1))
            cur_len *= 2
    return result


def indistinguishability_classes(X: np.ndarray, depth: int, filter_size: int) -> np.ndarray:
    """Class id of every input (row of symbols) under the cyclic CNN relation of ``depth`` layers of
    ``conv:filter_size``: equal ids iff the multisets of cyclic windows of length ``w`` agree."""
    X = np.asarray(X)
    w = window_length(depth, filter_size)
    return _classes_for_window(X, w)


def _classes_for_window(X: np.ndarray, w: int) -> np.ndarray:
    ids = np.sort(cyclic_window_ids(X, w), axis=1)
    _, inv = np.unique(ids, axis=0, return_inverse=True)
    return np.asarray(inv).ravel().astype(np.int64)


def _conflict(classes: np.ndarray, y: np.ndarray) -> Optional[Tuple[int, int]]:
    """Two inputs in one indistinguishability class with different labels, or None."""
    order = np.lexsort((y, classes))
    c, yy = classes[order], y[order]
    bad = np.nonzero((c[1:] == c[:-1]) & (yy[1:] != yy[:-1]))[0]
    if len(bad) == 0:
        return None
    return int(order[bad[0]]), int(order[bad[0] + 1])


@dataclass(frozen=True)
class CyclicCNNSeparability:
    """Whether the cyclic CNN (``depth`` layers of ``conv:filter_size`` on ``Z_n``) separates the classes.

    ``witness``: two inputs of different classes (``witness_labels``) that no network of the
    architecture tells apart (None when it separates); ``num_inputs`` inputs were compared (the whole
    support unless a dataset was given), falling into ``num_indistinguishability_classes`` classes
    (None when a large instance was decided by a rotation witness). ``whole_support``: the answer is
    about the whole support (exhaustive comparison, or a witness, which settles inseparability)."""
    depth: int
    filter_size: int
    window_length: int
    input_length: int
    separates: bool
    num_inputs: int
    num_indistinguishability_classes: Optional[int]
    witness: Optional[Tuple[str, str]]
    witness_labels: Optional[Tuple[int, int]]
    whole_support: bool
    method: str

    @property
    def certified_for_support(self) -> bool:
        """Whether the answer holds for the whole support: exhaustive, or a witness of inseparability."""
        return self.whole_support or not self.separates

    def to_json(self) -> Dict[str, Any]:
        return {"depth": self.depth, "filter_size": self.filter_size, "window_length": self.window_length,
                "input_length": self.input_length, "separates": self.separates, "num_inputs": self.num_inputs,
                "num_indistinguishability_classes": self.num_indistinguishability_classes,
                "witness": list(self.witness) if self.witness else None,
                "witness_labels": list(self.witness_labels) if self.witness_labels else None,
                "whole_support": self.whole_support, "method": self.method}


def _fmt(g: Grammar, x: np.ndarray) -> str:
    if g.v <= 10:
        return g.format_input(x)
    return ",".join("_" if a == g.blank else str(int(a)) for a in x)


@dataclass(frozen=True)
class RotationWitness:
    """``rotated`` is ``input`` cyclically shifted by ``shift`` positions; both are in the support, with
    different ``labels``. Every cyclic CNN with an invariant output is invariant under rotations, so this
    pair is an exact certificate that no cyclic CNN (any depth, any filter size) separates the classes."""
    input: str
    rotated: str
    shift: int
    labels: Tuple[int, int]

    def to_json(self) -> Dict[str, Any]:
        return {"input": self.input, "rotated": self.rotated, "shift": self.shift, "labels": list(self.labels)}


def rotation_witness(g: Grammar, n_samples: int = 2000, seed: Optional[int] = 0,
                     inputs: Optional[np.ndarray] = None) -> Optional[RotationWitness]:
    """Search ``n_samples`` inputs drawn without replacement (or the given ``inputs``) and all their cyclic
    shifts for a shifted input that parses to another class (exact parsing); None if there is none among
    them (which proves nothing for the rest of the support).

    >>> from exactsep.srhm import random_grammar
    >>> w = rotation_witness(random_grammar(L=2, s=2, v=10, m=10, n_c=10, s0=2, seed=0), n_samples=200)
    >>> w is not None and w.labels[0] != w.labels[1]                 # the paper's Fig. 1 instance (spec III)
    True
    """
    if inputs is None:
        from .data import sample
        ds = sample(g, min(int(n_samples), g.total_inputs), seed=seed)
        X, y = ds.inputs, ds.labels
    else:
        X, y, _ = _inputs_and_labels(g, inputs, 0)
    for r in range(1, X.shape[1]):
        Y = np.roll(X, r, axis=1)
        z = _labels(g, Y)
        hit = np.nonzero((z >= 0) & (z != y))[0]
        if len(hit):
            i = int(hit[0])
            return RotationWitness(_fmt(g, X[i]), _fmt(g, Y[i]), r, (int(y[i]), int(z[i])))
    return None


def _inputs_and_labels(g: Grammar, inputs: Optional[np.ndarray], max_entries: int):
    if inputs is None:
        if g.total_inputs * g.input_length > max_entries:
            raise ComputationLimitError(
                f"deciding separability exactly compares all {g.total_inputs} inputs of length {g.input_length}; "
                f"this exceeds max_entries = {max_entries} (raise it, or pass a dataset as inputs)")
        ds = enumerate_dataset(g, max_inputs=g.total_inputs)
        return ds.inputs, ds.labels, True
    X = np.asarray(inputs)
    y = _labels(g, X)
    if (y < 0).any():
        raise InvalidInputError("some inputs are not in the support of the grammar")
    return X, y, False


def _engine_classes(g: Grammar, X: np.ndarray, depth: int, k: int) -> np.ndarray:
    """Indistinguishability classes through the separation engine (colour refinement)."""
    from ..separation import Architecture, partition            # noqa: WPS433 (lazy: optional engine)
    from .data import one_hot
    arch = Architecture.from_spec(cyclic_cnn_architecture_spec(g, depth, min(k, g.input_length)))
    enc = one_hot(g, X).transpose(0, 2, 1).reshape(len(X), -1).astype(np.int64)   # point (x, j) at x*c + j
    res = partition(arch, enc if len(enc) > 50 else enc.tolist())
    cls = np.empty(len(X), dtype=np.int64)
    for c, members in enumerate(res.classes):
        cls[list(members)] = c
    return cls


def cyclic_cnn_architecture_spec(g: Grammar, depth: int, filter_size: int, activation: str = "relu") -> Dict[str, Any]:
    """The architecture as a separation-engine spec: ``C_n`` on the input positions, ``v`` channels,
    ``depth`` natural layers with ``conv:k``, invariant output.

    >>> from exactsep.srhm import random_grammar
    >>> cyclic_cnn_architecture_spec(random_grammar(1, 2, 2, 1, 2), 2, 2)["layers"]
    [{'gset': 'natural', 'space': {'conv': 2}, 'repeat': 2}]
    """
    window_length(depth, filter_size)
    n = g.input_length
    return {"group": {"generators": [[(i + 1) % n for i in range(n)]], "degree": n, "name": f"C{n}"},
            "input": "natural", "channels": g.v,
            "layers": [{"gset": "natural", "space": {"conv": int(filter_size)}, "repeat": int(depth)}],
            "activation": activation, "output": "invariant"}


_ONE_CLASS_HOW = "a single class: nothing to separate"
_ROTATION_HOW = ("rotation witness: an input and a cyclic shift of it in the support with different labels "
                 "(exact certificate for every depth and filter size; found by sampling the support)")


def _large_instance_witness(g: Grammar, max_entries: int) -> "RotationWitness":
    rw = rotation_witness(g, n_samples=2000, seed=0)
    if rw is None:
        raise ComputationLimitError(
            f"deciding separability exactly compares all {g.total_inputs} inputs of length {g.input_length}, above "
            f"max_entries = {max_entries}, and no rotation witness was found among 2000 sampled inputs: undecided "
            "(raise max_entries, or pass a dataset as inputs)")
    return rw


ENGINE_MAX_ENTRIES = 1_000_000      # inputs x input length for which "auto" runs the separation engine
_WINDOW_HOW = "cyclic-window rule (test vector E3): multisets of cyclic windows of length depth*(k-1)+1"
_ENGINE_HOW = "separation engine: colour refinement (exactsep.separation.partition)"


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    return len(set(zip(a.tolist(), b.tolist()))) == len(set(a.tolist())) == len(set(b.tolist()))


def cyclic_cnn_separability(g: Grammar, depth: int, filter_size: int, inputs: Optional[np.ndarray] = None,
                            method: str = "auto", max_entries: int = DEFAULT_MAX_ENTRIES) -> CyclicCNNSeparability:
    """Decide exactly whether ``depth`` layers of ``conv:filter_size`` separate the classes of ``g``'s
    support (or of the given ``inputs``, symbol rows).

    ``method``: ``"window"`` the cyclic-window rule; ``"engine"`` colour refinement by
    :mod:`exactsep.separation`; ``"both"`` runs the two and raises :class:`CertificateError` if their
    partitions differ; ``"auto"`` (default) uses the engine up to ``ENGINE_MAX_ENTRIES`` (inputs x length)
    and the window rule beyond."""
    from ..errors import CertificateError
    w = window_length(depth, filter_size)
    if inputs is None and g.n_c == 1:
        return CyclicCNNSeparability(int(depth), int(filter_size), w, g.input_length, True, g.total_inputs, None,
                                     None, None, True, _ONE_CLASS_HOW)
    if inputs is None and g.total_inputs * g.input_length > max_entries:
        rw = _large_instance_witness(g, max_entries)
        return CyclicCNNSeparability(int(depth), int(filter_size), w, g.input_length, False, 2, None,
                                     (rw.input, rw.rotated), rw.labels, True, _ROTATION_HOW)
    X, y, whole = _inputs_and_labels(g, inputs, max_entries)
    if method == "auto":
        method = "engine" if X.size <= ENGINE_MAX_ENTRIES else "window"
    if method == "window":
        cls, how = _classes_for_window(X, w), _WINDOW_HOW
    elif method == "engine":
        cls, how = _engine_classes(g, X, int(depth), int(filter_size)), _ENGINE_HOW
    elif method == "both":
        cls = _classes_for_window(X, w)
        if not _same_partition(cls, _engine_classes(g, X, int(depth), int(filter_size))):
            raise CertificateError("the cyclic-window rule and the separation engine disagree on this instance")
        how = _WINDOW_HOW + "; agrees with " + _ENGINE_HOW
    else:
        raise InvalidInputError(f"unknown method {method!r} (use 'auto', 'window', 'engine' or 'both')")
    bad = _conflict(cls, y)
    wit = None if bad is None else (_fmt(g, X[bad[0]]), _fmt(g, X[bad[1]]))
    wl = None if bad is None else (int(y[bad[0]]), int(y[bad[1]]))
    return CyclicCNNSeparability(int(depth), int(filter_size), w, g.input_length, bad is None, len(X),
                                 int(cls.max()) + 1 if len(cls) else 0, wit, wl, whole, how)


@dataclass(frozen=True)
class SmallestSeparatingCNN:
    """The smallest receptive field ``min_window`` that separates (None: no cyclic CNN separates, two
    inputs of different classes are rotations of each other), with the smallest depth per filter size
    and the smallest filter size per depth; ``witness``: an inseparable pair at window ``min_window - 1``
    (or at ``n`` when nothing separates)."""
    input_length: int
    min_window: Optional[int]
    num_inputs: int
    whole_support: bool
    witness: Optional[Tuple[str, str]]
    witness_window: Optional[int]
    method: str

    @property
    def separable(self) -> bool:
        return self.min_window is not None

    def min_depth(self, filter_size: int) -> Optional[int]:
        """Smallest depth separating with filter size ``k`` (None if no depth does)."""
        if self.min_window is None:
            return None
        if self.min_window == 1:
            return 1
        if filter_size <= 1:
            return None
        return -(-(self.min_window - 1) // (filter_size - 1))

    def min_filter_size(self, depth: int) -> Optional[int]:
        """Smallest filter size separating at ``depth`` layers (None if none does)."""
        if self.min_window is None:
            return None
        return 1 + -(-(self.min_window - 1) // depth)

    def to_json(self) -> Dict[str, Any]:
        w = self.min_window
        out: Dict[str, Any] = {"input_length": self.input_length, "separable": self.separable, "min_window": w,
                               "num_inputs": self.num_inputs, "whole_support": self.whole_support,
                               "witness": list(self.witness) if self.witness else None,
                               "witness_window": self.witness_window, "method": self.method}
        if w is not None:
            kmax = max(2, w)
            out["min_depth_by_filter_size"] = {str(k): self.min_depth(k) for k in range(1, kmax + 1)}
            out["min_filter_size_by_depth"] = {str(L): self.min_filter_size(L) for L in range(1, max(1, w - 1) + 1)}
        return out


def smallest_separating_cyclic_cnn(g: Grammar, inputs: Optional[np.ndarray] = None,
                                   max_entries: int = DEFAULT_MAX_ENTRIES, progress=None,
                                   confirm: str = "auto") -> SmallestSeparatingCNN:
    """The smallest window ``w* = depth (k-1) + 1`` at which cyclic CNNs separate the classes (binary search
    over ``1..n``: separation is monotone in ``w``), hence the smallest depth for every filter size and the
    smallest filter size for every depth. ``progress(w, separates)`` is called after each test.
    ``confirm``: ``"auto"`` re-decides the boundary (``w*`` separates, ``w* - 1`` does not) with the separation
    engine when the instance is small enough (``"always"`` / ``"never"``); a disagreement raises
    :class:`CertificateError`."""
    if confirm not in ("auto", "always", "never"):
        raise InvalidInputError(f"confirm must be 'auto', 'always' or 'never', got {confirm!r}")
    if inputs is None and g.n_c == 1:
        return SmallestSeparatingCNN(g.input_length, 1, g.total_inputs, True, None, None, _ONE_CLASS_HOW)
    if inputs is None and g.total_inputs * g.input_length > max_entries:
        rw = _large_instance_witness(g, max_entries)
        return SmallestSeparatingCNN(g.input_length, None, 2, True, (rw.input, rw.rotated), g.input_length,
                                     _ROTATION_HOW)
    X, y, whole = _inputs_and_labels(g, inputs, max_entries)
    n = X.shape[1]
    how = "cyclic-window rule (test vector E3), binary search over the window length"

    def test(w):
        bad = _conflict(_classes_for_window(X, w), y)
        if progress is not None:
            progress(w, bad is None)
        return bad

    bad = test(n)
    if bad is not None:
        return SmallestSeparatingCNN(n, None, len(X), whole, (_fmt(g, X[bad[0]]), _fmt(g, X[bad[1]])), n,
                                     how + _confirm(g, X, y, [(n, False)], confirm))
    lo, hi, last_bad = 0, n, None                      # lo: known not separating (0 = none), hi: separating
    while hi - lo > 1:
        mid = (lo + hi) // 2
        b = test(mid)
        if b is None:
            hi = mid
        else:
            lo, last_bad = mid, b
    wit = None if last_bad is None else (_fmt(g, X[last_bad[0]]), _fmt(g, X[last_bad[1]]))
    checks = [(hi, True)] + ([(lo, False)] if lo >= 1 else [])
    return SmallestSeparatingCNN(n, hi, len(X), whole, wit, lo if wit else None, how + _confirm(g, X, y, checks, confirm))


def _confirm(g: Grammar, X: np.ndarray, y: np.ndarray, checks, confirm: str) -> str:
    """Re-decide the boundary windows with the separation engine (depth 1, filter size w)."""
    from ..errors import CertificateError
    if confirm == "never" or (confirm == "auto" and X.size > ENGINE_MAX_ENTRIES):
        return ""
    for w, expected in checks:
        sep = _conflict(_engine_classes(g, X, 1, w), y) is None
        if sep != expected:
            raise CertificateError(f"the separation engine {'does not separate' if expected else 'separates'} at "
                                   f"window {w}, against the cyclic-window rule")
    return "; boundary confirmed by the separation engine (colour refinement, depth 1, conv:w)"
