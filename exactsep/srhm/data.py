"""Exact data of an RHM/SRHM grammar: the mixed-radix index, decoding, parsing, enumeration,
sampling without replacement, one-hot encodings and blank deletion.

A *derivation* is given by digits: the class, and for each of the ``N`` informative nodes (top-down,
left to right) a rule digit in ``[m]`` and a placement digit in ``[A]``. The index of a derivation is

    ``index = class * (mA)**N + sum_j (rule_j * A + placement_j) * (mA)**(N-1-j)``,

a bijection from ``[0, n_c (mA)**N)`` onto the derivations; derivations map injectively onto inputs
(docs/theory/srhm.md, "Sizes"), so the index is a bijection onto the support ``X`` and the data law (class uniform, then
rules and placements uniform) is uniform on ``X``. Sampling distinct indices is therefore exact
sampling without replacement.

>>> from exactsep.srhm import grammar_from_rules
>>> g = grammar_from_rules([[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]], v=3)
>>> X = inputs_of(g, enumerate_derivations(g))
>>> sorted(g.format_input(x) for x, y in zip(X, labels(g, X)) if y == 0)
['0000', '0022', '0111', '0120', '1211', '1220', '2200', '2222']
>>> gs = g.with_sparsity(1, "A")
>>> x = gs.read_input("0_1_____2_0_____")
>>> int(labels(gs, x[None])[0])
0
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence, Tuple, Union

import numpy as np

from ..errors import ComputationLimitError, InvalidInputError, ShapeError
from .grammar import Grammar

__all__ = ["Derivations", "ParseResult", "Dataset", "indices_to_derivations", "derivations_to_indices",
           "decode_leaves", "inputs_of", "parse", "labels", "enumerate_derivations", "sample_derivations",
           "sample", "enumerate_dataset", "one_hot", "float_whitened_one_hot", "delete_blanks",
           "INT64_LIMIT"]

INT64_LIMIT = 2 ** 62      # indices below this are handled as numpy int64


@dataclass(frozen=True, eq=False)
class Derivations:
    """A batch of derivations as digit arrays: ``classes`` (P,), ``rules`` (P, N) in ``[m]``,
    ``placements`` (P, N) in ``[A]``; node columns are top-down, left to right."""
    classes: np.ndarray
    rules: np.ndarray
    placements: np.ndarray

    def __len__(self) -> int:
        return len(self.classes)

    def __getitem__(self, item) -> "Derivations":
        if isinstance(item, (int, np.integer)):
            item = [item]
        return Derivations(self.classes[item], self.rules[item], self.placements[item])

    def copy(self) -> "Derivations":
        return Derivations(self.classes.copy(), self.rules.copy(), self.placements.copy())

    @staticmethod
    def concatenate(parts: Sequence["Derivations"]) -> "Derivations":
        return Derivations(np.concatenate([p.classes for p in parts]), np.concatenate([p.rules for p in parts]),
                           np.concatenate([p.placements for p in parts]))


def _check_derivations(g: Grammar, der: Derivations) -> None:
    N = g.num_nodes
    if der.rules.ndim != 2 or der.rules.shape[1] != N or der.placements.shape != der.rules.shape \
            or der.classes.shape != (der.rules.shape[0],):
        raise ShapeError(f"derivations need classes (P,), rules and placements (P, {N})")


# ---------------------------------------------------------------------------------------------- index
def _as_index_array(g: Grammar, indices: Any) -> np.ndarray:
    total = g.total_inputs
    if total < INT64_LIMIT:
        try:
            arr = np.asarray(indices)
            if arr.size == 0:
                arr = arr.astype(np.int64)
            if arr.dtype == object:
                arr = np.array([int(i) for i in arr.ravel()], dtype=np.int64).reshape(arr.shape)
        except OverflowError:
            raise InvalidInputError(f"indices must be in 0..{total - 1}") from None
        if arr.dtype.kind not in "iu":
            raise InvalidInputError(f"indices must be integers, got dtype {arr.dtype}")
        arr = arr.astype(np.int64).ravel()
        if arr.size and (arr.min() < 0 or arr.max() >= total):
            raise InvalidInputError(f"indices must be in 0..{total - 1}")
        return arr
    arr = np.array([int(i) for i in np.asarray(indices, dtype=object).ravel()], dtype=object)
    if any(i < 0 or i >= total for i in arr):
        raise InvalidInputError(f"indices must be in 0..{total - 1}")
    return arr


def indices_to_derivations(g: Grammar, indices: Any) -> Derivations:
    """Decode indices (ints, any size: numpy int64 below 2**62, Python ints beyond) into digits.

    >>> from exactsep.srhm import random_grammar
    >>> g = random_grammar(2, 2, 3, 2, 2, s0=1, seed=0)
    >>> d = indices_to_derivations(g, [0, 1, g.total_inputs - 1])
    >>> d.classes.tolist(), d.rules[2].tolist(), d.placements[2].tolist()
    ([0, 0, 1], [1, 1, 1], [3, 3, 3])
    """
    arr = _as_index_array(g, indices)
    N, A, base = g.num_nodes, g.placements_per_node, g.m * g.placements_per_node
    P = len(arr)
    node = np.empty((P, N), dtype=np.int64)
    if arr.dtype == object:
        for j in range(N - 1, -1, -1):
            node[:, j] = [int(a % base) for a in arr]
            arr = np.array([a // base for a in arr], dtype=object)
        classes = arr.astype(np.int64)
    else:
        for j in range(N - 1, -1, -1):
            arr, node[:, j] = np.divmod(arr, base)
        classes = arr
    rules, placements = np.divmod(node, A)
    return Derivations(classes.astype(np.int64), rules, placements)


def derivations_to_indices(g: Grammar, der: Derivations) -> np.ndarray:
    """The indices of derivations: an int64 array if ``total_inputs < 2**62``, else an object array of ints."""
    _check_derivations(g, der)
    A, base = g.placements_per_node, g.m * g.placements_per_node
    node = der.rules.astype(np.int64) * A + der.placements
    if g.total_inputs < INT64_LIMIT:
        idx = der.classes.astype(np.int64)
        for j in range(g.num_nodes):
            idx = idx * base + node[:, j]
        return idx
    out = []
    for c, row in zip(der.classes.tolist(), node.tolist()):
        i = c
        for a in row:
            i = i * base + a
        out.append(i)
    return np.array(out, dtype=object)


# ---------------------------------------------------------------------------------------------- decoding
def decode_leaves(g: Grammar, der: Derivations) -> Tuple[np.ndarray, np.ndarray]:
    """The ``s**L`` informative symbols of each input (left to right) and their positions in the input,
    both int64 arrays of shape (P, s**L). Vectorised over the batch, one numpy step per level."""
    _check_derivations(g, der)
    P, S, s = len(der), g.patch_size, g.s
    sym = der.classes.astype(np.int64)[:, None]
    pos = np.zeros((P, 1), dtype=np.int64)
    slots_of = g.slot_table
    for l, R in enumerate(g.rule_arrays):
        a, b = g.layer_offset(l), g.layer_offset(l + 1)
        children = R[sym, der.rules[:, a:b]]                   # (P, s^l, s)
        slots = slots_of[der.placements[:, a:b]]               # (P, s^l, s)
        sym = children.reshape(P, s ** (l + 1))
        pos = (pos[:, :, None] * S + slots).reshape(P, s ** (l + 1))
    return sym, pos


def _symbol_dtype(g: Grammar):
    return np.uint8 if g.v < 255 else np.int64


def inputs_of(g: Grammar, der: Derivations) -> np.ndarray:
    """The inputs (P, d) as symbol arrays, blank = ``v`` (uint8 when ``v < 255``)."""
    sym, pos = decode_leaves(g, der)
    dt = _symbol_dtype(g)
    X = np.full((len(der), g.input_length), g.blank, dtype=dt)
    np.put_along_axis(X, pos, sym.astype(dt), axis=1)
    return X


def one_hot(g: Grammar, der_or_inputs: Union[Derivations, np.ndarray], dtype=np.uint8) -> np.ndarray:
    """One-hot encoding, channels first, shape (P, v, d); the blank is the zero vector.

    >>> from exactsep.srhm import grammar_from_rules
    >>> g = grammar_from_rules([[["01"], ["10"]]], v=2, s0=1)
    >>> one_hot(g, g.read_input("0__1")[None]).tolist()
    [[[1, 0, 0, 0], [0, 0, 0, 1]]]
    """
    if isinstance(der_or_inputs, Derivations):
        sym, pos = decode_leaves(g, der_or_inputs)
        P = len(sym)
        d = g.input_length
        out = np.zeros((P, g.v, d), dtype=dtype)
        flat = (np.arange(P, dtype=np.int64)[:, None] * g.v + sym) * d + pos
        out.reshape(-1)[flat.ravel()] = 1
        return out
    X = _check_inputs(g, der_or_inputs)
    P, d = X.shape
    out = np.zeros((P, g.v, d), dtype=dtype)
    p, i = np.nonzero(X != g.blank)
    out[p, X[p, i].astype(np.int64), i] = 1
    return out


def float_whitened_one_hot(g: Grammar, der_or_inputs, style: str = "srhm", dtype=np.float32) -> np.ndarray:
    """Floating-point whitened one-hot encodings (for training; not exact).

    ``style="srhm"``: the SRHM authors' ``x (1 + beta) - beta`` with ``beta = (v-1)**-0.5`` (a blank becomes
    the constant column ``-beta``); ``style="centered"``: Cagnetta's ``(x - 1/v) / sqrt(1 - 1/v)``. Both are
    affine in the zero-blank one-hot, so input-level sensitivity ratios are unchanged.
    """
    x = one_hot(g, der_or_inputs, dtype=dtype)
    v = g.v
    if style == "srhm":
        if v < 2:
            raise InvalidInputError("whitening needs v >= 2")
        beta = (v - 1) ** -0.5
        return x * (1 + beta) - beta
    if style == "centered":
        if v < 2:
            raise InvalidInputError("whitening needs v >= 2")
        return (x - 1.0 / v) / np.sqrt(1 - 1.0 / v)
    raise InvalidInputError(f"unknown whitening style {style!r} (use 'srhm' or 'centered')")


# ---------------------------------------------------------------------------------------------- parsing
def _check_inputs(g: Grammar, X: Any) -> np.ndarray:
    X = np.asarray(X)
    if X.ndim == 1:
        X = X[None]
    if X.ndim != 2 or X.shape[1] != g.input_length:
        raise ShapeError(f"inputs must have shape (P, {g.input_length}), got {X.shape}")
    if X.dtype.kind not in "iu":
        raise InvalidInputError(f"inputs must be integer symbol arrays (blank = {g.blank}), got dtype {X.dtype}")
    if X.size and (X.min() < 0 or X.max() > g.blank):
        raise InvalidInputError(f"symbols must be in 0..{g.blank} (blank = {g.blank})")
    return X


@dataclass(frozen=True, eq=False)
class ParseResult:
    """``valid[i]``: input ``i`` is in the support; ``derivations``: its digits (garbage where invalid)."""
    valid: np.ndarray
    derivations: Derivations

    def labels(self) -> np.ndarray:
        return np.where(self.valid, self.derivations.classes, -1)


def parse(g: Grammar, X: Any) -> ParseResult:
    """Bottom-up parse of a batch of inputs: read each node's placement from its non-blank slots, its
    tuple's unique parent and rule digit, and go up. Inputs outside the support are flagged invalid.

    >>> from exactsep.srhm import random_grammar
    >>> g = random_grammar(2, 2, 3, 2, 2, s0=1, sparsity="B", seed=3)
    >>> der = sample_derivations(g, 50, seed=0)
    >>> r = parse(g, inputs_of(g, der))
    >>> bool(r.valid.all()), bool((derivations_to_indices(g, r.derivations) == derivations_to_indices(g, der)).all())
    (True, True)
    """
    X = _check_inputs(g, X).astype(np.int64)
    P, S, s, L, blank = X.shape[0], g.patch_size, g.s, g.L, g.blank
    bits_sorted, bits_order = g._placement_lookup
    pow2 = np.int64(1) << np.arange(S, dtype=np.int64)
    weights = g.v ** np.arange(s - 1, -1, -1, dtype=np.int64)
    valid = np.ones(P, dtype=bool)
    rules = np.zeros((P, g.num_nodes), dtype=np.int64)
    places = np.zeros((P, g.num_nodes), dtype=np.int64)
    cur = X
    for l in range(L - 1, -1, -1):
        patches = cur.reshape(P, S ** l, S)
        mask = patches != blank
        bits = (mask * pow2).sum(-1)                              # (P, S^l)
        empty = bits == 0
        k = np.minimum(np.searchsorted(bits_sorted, bits), len(bits_sorted) - 1)
        ok_place = bits_sorted[k] == bits
        place = bits_order[k]
        tup = np.take_along_axis(patches, g.slot_table[place], axis=2)
        code = (np.minimum(tup, g.v - 1) * weights).sum(-1)
        codes, parents, digits = g._rule_lookup[l]
        j = np.minimum(np.searchsorted(codes, code), len(codes) - 1)
        ok_rule = codes[j] == code
        valid &= (empty | (ok_place & ok_rule & (tup < blank).all(-1))).all(axis=1)
        n_inf = s ** l
        valid &= (~empty).sum(axis=1) == n_inf
        # the informative nodes of this layer, in order
        order = np.argsort(empty, axis=1, kind="stable")[:, :n_inf]
        a = g.layer_offset(l)
        rules[:, a:a + n_inf] = np.take_along_axis(digits[j], order, axis=1)
        places[:, a:a + n_inf] = np.take_along_axis(place, order, axis=1)
        cur = np.where(empty, blank, parents[j])
    classes = np.where(valid, cur[:, 0], 0)
    return ParseResult(valid, Derivations(classes.astype(np.int64), rules, places))


def labels(g: Grammar, X: Any) -> np.ndarray:
    """The class of each input by unique bottom-up parsing; ``-1`` for inputs outside the support."""
    return parse(g, X).labels()


# ---------------------------------------------------------------------------------------------- enumeration, sampling
def enumerate_derivations(g: Grammar, max_inputs: int = 2_000_000) -> Derivations:
    """All derivations, in index order (raises :class:`ComputationLimitError` above ``max_inputs``)."""
    if g.total_inputs > max_inputs:
        raise ComputationLimitError(f"the support has {g.total_inputs} inputs, more than max_inputs = {max_inputs}")
    return indices_to_derivations(g, np.arange(g.total_inputs, dtype=np.int64))


def _rng(seed=None, rng: Optional[np.random.Generator] = None) -> np.random.Generator:
    if rng is not None:
        return rng
    return np.random.default_rng(seed)


def sample_derivations(g: Grammar, P: int, seed: Optional[int] = None, rng: Optional[np.random.Generator] = None,
                       replace: bool = False) -> Derivations:
    """``P`` derivations drawn uniformly, **without replacement** by default (distinct inputs; a uniformly
    random ``P``-subset of the support, in random order). Exact for any support size: the digits are drawn
    directly and duplicates (compared exactly) are discarded and re-drawn."""
    if isinstance(P, bool) or not isinstance(P, (int, np.integer)) or P < 0:
        raise InvalidInputError(f"the sample size must be a non-negative integer, got {P!r}")
    P = int(P)
    total = g.total_inputs
    if not replace and P > total:
        raise InvalidInputError(f"cannot draw {P} distinct inputs: the support has only {total}")
    r = _rng(seed, rng)
    N, m, A = g.num_nodes, g.m, g.placements_per_node
    if not replace and total < INT64_LIMIT and 4 * P >= total:
        return indices_to_derivations(g, r.choice(total, size=P, replace=False))

    def draw(k):
        return Derivations(r.integers(0, g.n_c, size=k), r.integers(0, m, size=(k, N)),
                           r.integers(0, A, size=(k, N)))

    if replace:
        return draw(P)
    got = draw(P)
    while True:
        if total < INT64_LIMIT:
            keys = derivations_to_indices(g, got)
            _, first = np.unique(keys, return_index=True)
        else:
            rows = np.concatenate([got.classes[:, None], got.rules * A + got.placements], axis=1)
            rows = np.ascontiguousarray(rows)
            _, first = np.unique(rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel(),
                                 return_index=True)
        first.sort()                      # keep first occurrences in draw order
        got = got[first]
        if len(got) >= P:
            return got[np.arange(P)]
        got = Derivations.concatenate([got, draw(P - len(got) + 16)])


NPZ_ARRAYS = ("x", "symbols", "labels", "indices")
"""The arrays of a saved sample (:meth:`Dataset.save_npz`, ``exactsep srhm --sample P --out FILE.npz``)."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Sampled or enumerated data: ``inputs`` (P, d) symbols (blank = v), ``labels`` (P,), the derivations."""
    grammar: Grammar
    derivations: Derivations
    inputs: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def one_hot(self, dtype=np.uint8) -> np.ndarray:
        return one_hot(self.grammar, self.derivations, dtype=dtype)

    def indices(self) -> np.ndarray:
        return derivations_to_indices(self.grammar, self.derivations)

    def rhm_inputs(self) -> np.ndarray:
        return delete_blanks(self.grammar, self.inputs)

    def save_npz(self, path: str) -> None:
        """Save the sample to a compressed ``.npz`` file with exactly four arrays (:data:`NPZ_ARRAYS`):

        * ``x``: the one-hot encoding, uint8, shape (P, v, d) (the blank is the zero column);
        * ``symbols``: the inputs as symbol indices, shape (P, d) (the blank is ``v``);
        * ``labels``: the classes, int64, shape (P,);
        * ``indices``: the mixed-radix index of each input's derivation (int64, or decimal strings when an
          index does not fit in int64), a bijection onto the support (docs/theory/srhm.md, "Exact indexing").
        """
        idx = self.indices()
        if idx.dtype == object:
            idx = np.array([str(i) for i in idx])
        np.savez_compressed(path, x=self.one_hot(), symbols=self.inputs, labels=self.labels, indices=idx)


def _dataset(g: Grammar, der: Derivations) -> Dataset:
    return Dataset(g, der, inputs_of(g, der), der.classes.astype(np.int64))


def sample(g: Grammar, P: int, seed: Optional[int] = None, rng: Optional[np.random.Generator] = None) -> Dataset:
    """``P`` distinct inputs drawn uniformly from the support, with their labels.

    >>> from exactsep.srhm import random_grammar
    >>> g = random_grammar(L=3, s=2, v=8, m=8, n_c=8, s0=1, seed=0)
    >>> ds = sample(g, 1000, seed=0)
    >>> ds.inputs.shape, len({x.tobytes() for x in ds.inputs}), ds.one_hot().shape
    ((1000, 64), 1000, (1000, 8, 64))
    """
    return _dataset(g, sample_derivations(g, P, seed=seed, rng=rng))


def enumerate_dataset(g: Grammar, max_inputs: int = 2_000_000) -> Dataset:
    """The whole support, in index order."""
    return _dataset(g, enumerate_derivations(g, max_inputs))


def delete_blanks(g: Grammar, X: Any) -> np.ndarray:
    """Delete the blanks of each input, keeping the order: the RHM input (P, s**L) of the same derivation
    tree. Raises if an input does not have exactly ``s**L`` non-blank symbols.

    >>> from exactsep.srhm import grammar_from_rules
    >>> g = grammar_from_rules([[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]],
    ...                        v=3, s0=1)
    >>> g.format_input(delete_blanks(g, g.read_input("0_1_____2_0_____"))[0][:4])
    '0120'
    """
    X = _check_inputs(g, X)
    mask = X != g.blank
    n = g.informative_positions
    if not (mask.sum(axis=1) == n).all():
        raise InvalidInputError(f"every input of the support has exactly s**L = {n} non-blank symbols")
    return X[mask].reshape(X.shape[0], n)
