"""Algorithm CR: exact colour refinement for non-polynomial activations (docs/theory/separation.md,
"Colour refinement (Theorem A)" and "Algorithm CR (non-polynomial activations)").

Colours of the nodes of layer ``l`` for every input, interned through one table shared by all inputs
(the twin trick): at layer 1 the colour of ``x`` is (bias block of ``x``, the exact linear features
``(B_{1,i} a)(x)``); at layer ``l >= 2`` it is (bias block, for every basis matrix the signed measure
``sum_x' B_{l,i}(x, x') [c_{l-1}(x')]``), which for 0/1 bases is the multiset of neighbour colours.
The output layer (the readout) is the same recursion on the output G-set; two inputs are identified
iff their output colours agree at every output point.

Rationals appear only at layer 1: all inputs are scaled by one global common denominator to integers
(numpy int64 when it provably cannot overflow, Python ints otherwise). Afterwards everything is integer
colour ids, processed per bias block as rectangular numpy arrays (per basis matrix and block the rows
have equal support sizes, padded otherwise): rows are grouped by an order-free 64-bit hash of their
measures and every group is then verified exactly on canonical sorted forms (a collision only costs a
fallback to exact lexicographic interning), so the result never depends on the hash. Gathers are
chunked over inputs to bound memory.

:func:`colour_refinement_reference` is an independent, plain-Python implementation of the same
recursion (dictionaries of Fractions), used by the tests as a cross-check.

>>> from exactsep.groups import symmetric, GSet
>>> from exactsep.separation.architecture import Architecture
>>> G = symmetric(3); X = GSet.natural(G)
>>> arch = Architecture(G, X, [X])
>>> run = colour_refinement(arch, [[1, 2, 3], [3, 1, 2], [0, 0, 6]])
>>> run.input_classes()
((0, 1), (2,))
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import ShapeError
from ..numbers import exact_vector, Rational, common_denominator

__all__ = ["CRRun", "prepare", "colour_refinement", "refine_layers", "colour_refinement_reference", "exact_inputs", "classes_from_signatures"]

_INT64_SAFE = 2 ** 62


def _int_array(inputs: Any, n: int) -> Optional[np.ndarray]:
    """The inputs as an int64 array (k, n) when they are plainly machine integers, else None."""
    try:
        A = np.asarray(inputs)
    except (ValueError, TypeError):
        return None
    if A.dtype.kind in "iu" and A.ndim == 2 and A.shape[1] == n and A.dtype.itemsize <= 8:
        if A.dtype.kind == "u" and A.size and A.max() >= 2 ** 63:
            return None
        return A.astype(np.int64)
    return None


def exact_inputs(arch, inputs: Sequence[Any]) -> List[List[Rational]]:
    """Inputs as lists of exact rationals of length ``arch.input_size`` (ShapeError / NonExactInputError)."""
    if isinstance(inputs, (str, bytes)) or not hasattr(inputs, "__len__"):
        raise ShapeError("inputs must be a list of vectors")
    n = arch.input_size
    A = _int_array(inputs, n) if len(inputs) > 50 else None
    if A is not None:
        return A.tolist()
    return [exact_vector(v, length=n, what=f"input {k}") for k, v in enumerate(inputs)]


def _scaled_integers(vecs: List[List[Rational]]) -> Tuple[List[List[int]], int]:
    den = common_denominator(x for v in vecs for x in v)
    return [[int(x * den) for x in v] for v in vecs], den


def classes_from_signatures(sigs: Sequence[Any]) -> Tuple[Tuple[int, ...], ...]:
    """Group indices by equal signature: classes sorted internally and by first index."""
    groups: Dict[Any, List[int]] = {}
    for i, s in enumerate(sigs):
        groups.setdefault(s, []).append(i)
    return tuple(sorted(tuple(g) for g in groups.values()))


# ----------------------------------------------------------------------------- per-layer structure
@dataclass
class _BlockOp:
    rows: np.ndarray                      # points of the block
    nbrs: List[np.ndarray]                # per basis matrix: (rows, w) indices, pad = sentinel column
    coefs: List[Optional[np.ndarray]]     # per basis matrix: (rows, w) integer coefficients or None (all 1)


def _layer_ops(arch, l: int) -> Tuple[List[_BlockOp], bool]:
    """Per bias block of layer ``l`` (1-based) the padded neighbour arrays of every basis matrix.
    Returns (ops, int64_safe_coefficients)."""
    key = ("crops", id(arch.bases[l - 1]), id(arch.blocks[l - 1]))     # a repeated layer: computed once
    if key in arch._cache:
        return arch._cache[key]
    B = arch.bases[l - 1]
    blocks = np.asarray(arch.blocks[l - 1], dtype=np.int64)
    nb = int(blocks.max()) + 1 if blocks.size else 0
    sentinel = B.cols
    per_matrix = []
    safe = True
    for i in range(B.size):
        r, c, iv = B.integer_entries(i)
        order = np.lexsort((c, r))
        r, c = r[order], c[order]
        v = [iv[k] for k in order.tolist()]
        unit = all(x == 1 for x in v)
        counts = np.bincount(r, minlength=B.rows) if len(r) else np.zeros(B.rows, dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(counts)])
        pos = np.arange(len(r)) - starts[r] if len(r) else np.zeros(0, dtype=np.int64)
        if not unit:
            absrow = np.zeros(B.rows, dtype=object)
            for a, x in zip(r.tolist(), v):
                absrow[a] += abs(x)
            if absrow.size and max(absrow) >= _INT64_SAFE:
                safe = False
        per_matrix.append((r, c, v, unit, counts, pos))
    ops = []
    for b in range(nb):
        rows = np.flatnonzero(blocks == b)
        loc = np.full(B.rows, -1, dtype=np.int64)
        loc[rows] = np.arange(len(rows))
        nbrs, coefs = [], []
        for (r, c, v, unit, counts, pos) in per_matrix:
            w = int(counts[rows].max()) if len(rows) else 0
            if w == 0:
                continue
            N = np.full((len(rows), w), sentinel, dtype=np.int64)
            sel = loc[r] >= 0
            N[loc[r[sel]], pos[sel]] = c[sel]
            nbrs.append(N)
            if unit:
                coefs.append(None)
            else:
                C = np.zeros((len(rows), w), dtype=np.int64 if safe else object)
                vv = np.asarray(v, dtype=object)[sel]
                C[loc[r[sel]], pos[sel]] = vv if not safe else vv.astype(np.int64)
                coefs.append(C)
        ops.append(_BlockOp(rows, nbrs, coefs))
    arch._cache[key] = (ops, safe)
    return ops, safe


def prepare(arch) -> None:
    """Precompute CR's per-layer neighbour arrays for ``arch`` (done automatically on first use)."""
    for l in range(1, len(arch.bases) + 1):
        _layer_ops(arch, l)


# ----------------------------------------------------------------------------- interning
_HASH_RNG = np.random.default_rng(20240608)
_HASH_MULT = _HASH_RNG.integers(1, 2 ** 62, size=4096, dtype=np.int64) | 1


def _intern(F: np.ndarray) -> Tuple[np.ndarray, int]:
    """Ids 0..k-1 of the rows of the 2-d array ``F`` (equal rows, equal ids) and k.

    Integer rows are first grouped by a random linear hash (one 1-d sort); the grouping is then
    verified exactly (every row equal to its group's first row), falling back to an exact
    lexicographic ``np.unique`` if the hash ever collided. Object rows (big integers) use a dict."""
    n, w = F.shape
    if n == 0:
        return np.zeros(0, dtype=np.int64), 0
    if w == 0:
        return np.zeros(n, dtype=np.int64), 1
    if F.dtype != object:
        if w == 1:
            u, inv = np.unique(F[:, 0], return_inverse=True)
            return inv.reshape(-1).astype(np.int64), len(u)
        if w <= len(_HASH_MULT):
            with np.errstate(over="ignore"):
                h = (F * _HASH_MULT[:w]).sum(axis=1)  # wraps modulo 2^64: only a grouping key
            u, first, inv = np.unique(h, return_index=True, return_inverse=True)
            inv = inv.reshape(-1)
            if np.array_equal(F, F[first[inv]]):
                return inv.astype(np.int64), len(u)
        u, inv = np.unique(np.ascontiguousarray(F), axis=0, return_inverse=True)
        return inv.reshape(-1).astype(np.int64), len(u)
    table: Dict[tuple, int] = {}
    ids = np.empty(n, dtype=np.int64)
    for k, row in enumerate(F.tolist()):
        ids[k] = table.setdefault(tuple(row), len(table))
    return ids, len(table)


def _intern_segments(segs: List[np.ndarray], n: int) -> Tuple[np.ndarray, int]:
    """Like :func:`_intern` on the column-concatenation of the 2-d arrays ``segs`` (all with ``n`` rows),
    without building it: hash per segment, then verify every segment exactly."""
    if not segs:
        return np.zeros(n, dtype=np.int64), (1 if n else 0)
    total = sum(s.shape[1] for s in segs)
    if any(s.dtype == object for s in segs) or total > len(_HASH_MULT):
        return _intern(np.concatenate([s.astype(object) if any(t.dtype == object for t in segs) else s
                                       for s in segs], axis=1))
    if len(segs) == 1:
        return _intern(segs[0])
    h = np.zeros(n, dtype=np.int64)
    off = 0
    with np.errstate(over="ignore"):
        for sg in segs:
            w = sg.shape[1]
            h += (sg * _HASH_MULT[off:off + w]).sum(axis=1)  # wraps modulo 2^64: only a grouping key
            off += w
    u, first, inv = np.unique(h, return_index=True, return_inverse=True)
    inv = inv.reshape(-1)
    rep = first[inv]
    if all(np.array_equal(sg, sg[rep]) for sg in segs):
        return inv.astype(np.int64), len(u)
    return _intern(np.concatenate(segs, axis=1))


_CHUNK = 1 << 22


def _chunks(n: int, per_item: int):
    """Ranges covering 0..n with about ``_CHUNK`` gathered elements each (memory bound)."""
    step = max(1, _CHUNK // max(per_item, 1))
    return [(a, min(a + step, n)) for a in range(0, n, step)] or [(0, 0)]


def _mix(c: np.ndarray, s: int) -> np.ndarray:
    """A fixed pseudo-random 64-bit value for every colour id (per segment ``s``); only a grouping key."""
    x = c.astype(np.uint64) * np.uint64(int(_HASH_MULT[2 * s % len(_HASH_MULT)]) | 1) + np.uint64(int(_HASH_MULT[(2 * s + 1) % len(_HASH_MULT)]))
    x ^= x >> np.uint64(31)
    x *= np.uint64(0x9E3779B97F4A7C15)
    x ^= x >> np.uint64(29)
    return x.view(np.int64)


def _refine_block(prev: np.ndarray, op: "_BlockOp", safe: bool, n: int,
                  vals: np.ndarray) -> Tuple[np.ndarray, int]:
    """New colour ids (0..k-1, flattened input-major) of the rows of one bias block at a layer >= 2.

    Each row's measures are hashed by an order-free sum of per-colour random values (a function of
    the measures, so different hashes mean different measures); rows sharing a hash are then
    verified exactly against their group's first row on canonical (sorted) forms. Only a collision
    makes it fall back to interning the full canonical rows."""
    m = len(op.rows)
    nm = n * m
    if not op.nbrs:
        return np.zeros(nm, dtype=np.int64), (1 if nm else 0)
    h = np.zeros((n, m), dtype=np.int64)
    with np.errstate(over="ignore"):
        for s, (N, W) in enumerate(zip(op.nbrs, op.coefs)):
            K = _HASH_MULT[(7 * s + 3) % len(_HASH_MULT)]
            Wh = None if W is None else (W if safe else (W.astype(object) % 2 ** 64).astype(np.uint64).view(np.int64))
            for a0, a1 in _chunks(n, N.size):
                g = vals[a0:a1][:, N]
                h[a0:a1] += (g.sum(axis=-1) if Wh is None else (g * Wh).sum(axis=-1)) * K
    u, first, inv, counts = np.unique(h.ravel(), return_index=True, return_inverse=True, return_counts=True)
    inv = inv.reshape(-1)
    sel = np.flatnonzero(counts[inv] > 1)
    if sel.size:
        grp = inv[sel]
        ug, gpos = np.unique(grp, return_inverse=True)    # the groups that need checking
        reps = first[ug]
        gpos = gpos.reshape(-1)
        for N, W in zip(op.nbrs, op.coefs):
            w = N.shape[1]
            R = prev[(reps // m)[:, None], N[reps % m]]
            Rc = _sorted_rows(R) if W is None else _canonical_measure(R.astype(np.int64), W[reps % m])
            for s0, s1 in _chunks(len(sel), w):
                ss = sel[s0:s1]
                A = prev[(ss // m)[:, None], N[ss % m]]
                Ac = _sorted_rows(A) if W is None else _canonical_measure(A.astype(np.int64), W[ss % m])
                if not np.array_equal(Ac, Rc[gpos[s0:s1]]):
                    return _intern_block_exact(prev, op, safe, n)
    return inv.astype(np.int64), len(u)


def _intern_block_exact(prev: np.ndarray, op: "_BlockOp", safe: bool, n: int) -> Tuple[np.ndarray, int]:
    m = len(op.rows)
    segs = []
    for N, W in zip(op.nbrs, op.coefs):
        g = prev[:, N]
        if W is None:
            segs.append(_sorted_rows(g).reshape(n * m, -1))
        else:
            segs.append(_canonical_measure(g.astype(np.int64), W if safe else W.astype(object)).reshape(n * m, -1))
    return _intern_segments(segs, n * m)


def _sorted_rows(g: np.ndarray) -> np.ndarray:
    w = g.shape[-1]
    if w == 1:
        return g
    if w == 2:
        a, b = g[..., 0], g[..., 1]
        return np.stack([np.minimum(a, b), np.maximum(a, b)], axis=-1)
    return np.sort(g, axis=-1)


def _canonical_measure(G: np.ndarray, C: np.ndarray) -> np.ndarray:
    """Rows of (colours G, coefficients C), shape (..., w): a canonical form of the signed measure
    ``sum_k C[k] [G[k]]``; equal measures give equal rows. Returns (..., 2w)."""
    shp = G.shape
    w = shp[-1]
    G2 = G.reshape(-1, w)
    C2 = np.broadcast_to(C, shp).reshape(-1, w)
    o = np.argsort(G2, axis=1, kind="stable")
    Gs = np.take_along_axis(G2, o, axis=1)
    Cs = np.take_along_axis(C2, o, axis=1)
    start = np.ones(Gs.shape, dtype=bool)
    start[:, 1:] = Gs[:, 1:] != Gs[:, :-1]
    seg = np.cumsum(start, axis=1) - 1
    flat = (np.arange(Gs.shape[0])[:, None] * w + seg).ravel()
    sums = np.zeros(Gs.size, dtype=Cs.dtype)
    np.add.at(sums, flat, Cs.ravel())
    tot = sums[flat].reshape(Gs.shape)
    keep = start & (tot != 0) & (Gs >= 0)
    Gk = np.where(keep, Gs, -1)
    Ck = np.where(keep, tot, 0)
    o2 = np.argsort(Gk, axis=1, kind="stable")
    Gk = np.take_along_axis(Gk, o2, axis=1)
    Ck = np.take_along_axis(Ck, o2, axis=1)
    out = np.concatenate([Gk, Ck.astype(Gk.dtype) if Ck.dtype != object else Ck], axis=1)
    return out.reshape(shp[:-1] + (2 * w,))


# ----------------------------------------------------------------------------- the run
@dataclass(frozen=True, eq=False)
class CRRun:
    """Colours of every layer for every input: ``colours[l-1]`` is an int64 array (inputs x ``|X_l|``),
    ``l = 1..L+1`` (the last one is the output layer); ``num_colours[l-1]`` the number of colours."""

    colours: Tuple[np.ndarray, ...]
    num_colours: Tuple[int, ...]
    scale: int

    def input_classes(self, layer: Optional[int] = None) -> Tuple[Tuple[int, ...], ...]:
        """Classes of inputs with equal colours at every point of ``layer`` (default: the output layer)."""
        C = self.colours[-1 if layer is None else layer - 1]
        if C.shape[0] == 0:
            return ()
        ids, _ = _intern(C)
        return classes_from_signatures(ids.tolist())

    def to_json(self) -> dict:
        return {"num_colours": list(self.num_colours), "scale": self.scale,
                "classes": [list(c) for c in self.input_classes()] if self.colours and self.colours[-1].shape[0] else []}

    def node_partition(self, layer: int) -> Tuple[Tuple[int, ...], ...]:
        """The partition of (input, point) pairs (flattened index ``input * |X_l| + point``) by colour."""
        return classes_from_signatures(self.colours[layer - 1].ravel().tolist())


def refine_layers(first: Callable[[], Tuple[np.ndarray, int]],
                  later: Iterable[Callable[[np.ndarray], Tuple[np.ndarray, int]]]) -> Iterator[Tuple[np.ndarray, int]]:
    """The refinement loop of algorithm CR, independent of how a layer is represented.

    ``first()`` gives the colours of layer 1 (an int array, inputs x points, ids shared by all
    inputs) and their number; each ``step`` of ``later`` maps the colours of one layer to those of the
    next. Yields ``(colours, number of colours)`` layer by layer, so a caller may stop early (the depth
    threshold) or run a fixed depth. :mod:`exactsep.separation.graphs` runs it on implicit equality-pattern
    orbitals of S_n on k-tuples; :func:`colour_refinement` runs the same recursion with its own loop, which
    also stops at the fixed point of a repeated layer.
    """
    C, k = first()
    yield C, k
    for step in later:
        C, k = step(C)
        yield C, k


def colour_refinement(arch, inputs: Sequence[Any], *, progress: Optional[Callable[[int, int], None]] = None) -> CRRun:
    """Run algorithm CR on ``inputs`` (rational vectors of length ``arch.input_size``)."""
    ncols = arch.input_size
    fast = _int_array(inputs, ncols) if not isinstance(inputs, (str, bytes)) and hasattr(inputs, "__len__") and len(inputs) else None
    if fast is not None:
        ints, den = fast, 1
        maxabs = int(np.abs(fast).max()) if fast.size else 0
    else:
        vecs = exact_inputs(arch, inputs)
        ints, den = _scaled_integers(vecs)
        maxabs = max((abs(x) for v in ints for x in v), default=0)
    n = len(ints)
    nlayers = len(arch.bases)
    if n == 0:
        return CRRun(tuple(np.zeros((0, B.rows), dtype=np.int64) for B in arch.bases), (0,) * nlayers, 1)
    # ---------------- layer 1: exact linear features
    def first_layer():
        ops, safe = _layer_ops(arch, 1)
        B1 = arch.bases[0]
        max_row = 0
        for i in range(B1.size):
            r, c, iv = B1.integer_entries(i)
            acc = np.zeros(B1.rows, dtype=object)
            for a, x in zip(r.tolist(), iv):
                acc[a] += abs(x)
            if acc.size:
                max_row = max(max_row, int(max(acc)))
        use64 = safe and maxabs * max(max_row, 1) < _INT64_SAFE
        A = np.zeros((n, ncols + 1), dtype=np.int64 if use64 else object)
        if use64 and isinstance(ints, np.ndarray):               # (n >= 1 here)
            A[:, :ncols] = ints
        else:
            A[:, :ncols] = np.asarray(ints if not isinstance(ints, np.ndarray) else ints.tolist(),
                                      dtype=np.int64 if use64 else object).reshape(n, ncols)
        C = np.zeros((n, B1.rows), dtype=np.int64)
        offset = 0
        for op in ops:
            F = np.zeros((n, len(op.rows), len(op.nbrs)), dtype=A.dtype)
            for j, (N, W) in enumerate(zip(op.nbrs, op.coefs)):
                for a0, a1 in _chunks(n, N.size):
                    g = A[a0:a1][:, N]
                    F[a0:a1, :, j] = g.sum(axis=-1) if W is None else (g * W).sum(axis=-1)
            ids, k = _intern(F.reshape(n * len(op.rows), -1))
            C[:, op.rows] = ids.reshape(n, len(op.rows)) + offset
            offset += k
        return C, offset

    # ---------------- layers >= 2: measures of colours
    def later_layer(l):
        def step(C):
            ops, safe = _layer_ops(arch, l)
            Bl = arch.bases[l - 1]
            prev = np.concatenate([C, np.full((n, 1), -1, dtype=np.int64)], axis=1)
            small = int(C.max(initial=0)) < 2 ** 31 - 1
            if small:
                prev = prev.astype(np.int32)
            Cn = np.zeros((n, Bl.rows), dtype=np.int64)
            offset = 0
            vals = _mix(prev, 0)
            vals[:, -1] = 0
            for op in ops:
                ids, k = _refine_block(prev, op, safe, n, vals)
                Cn[:, op.rows] = ids.reshape(n, len(op.rows)) + offset
                offset += k
            return Cn, offset
        return step

    bases, blocks = arch.bases, arch.blocks

    def repeats(l):            # layer l+1 is the same layer as layer l ("repeat"): same basis, same bias blocks
        return bases[l] is bases[l - 1] and blocks[l] is blocks[l - 1]

    colours, counts = [], []
    C, k = first_layer()
    colours.append(C)
    counts.append(k)
    l = 1
    if progress:
        progress(l, nlayers)
    while l < nlayers:
        l += 1
        Cn, kn = later_layer(l)(C)
        colours.append(Cn)
        counts.append(kn)
        if repeats(l - 1) and kn == k and _same_partition(C, Cn):
            # a fixed point of a repeated layer: each further copy maps this partition to itself
            while l < nlayers and repeats(l):
                l += 1
                colours.append(Cn)
                counts.append(kn)
        C, k = Cn, kn
        if progress:
            progress(l, nlayers)
    return CRRun(tuple(colours), tuple(counts), den)


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Do the colour arrays ``a`` and ``b`` (same shape) partition their entries the same way?"""
    if a.shape != b.shape:
        return False
    pairs = np.unique(np.stack([a.ravel(), b.ravel()]), axis=1).shape[1]
    return pairs == len(np.unique(a)) == len(np.unique(b))


# ----------------------------------------------------------------------------- reference
def colour_refinement_reference(arch, inputs: Sequence[Any]) -> Tuple[Tuple[int, ...], ...]:
    """Plain-Python CR straight from the recursion of docs/theory/separation.md (dicts and Fractions, no numpy): the input classes."""
    vecs = exact_inputs(arch, inputs)
    n = len(vecs)
    nl = len(arch.bases)
    dense = [[arch.bases[l].dense(i) for i in range(arch.bases[l].size)] for l in range(nl)]
    table: Dict[Any, int] = {}
    col = []
    for a in range(n):
        row = []
        for x in range(arch.bases[0].rows):
            feat = tuple(sum((M[x][y] * vecs[a][y] for y in range(arch.bases[0].cols)), Fraction(0)) for M in dense[0])
            row.append(table.setdefault((1, arch.blocks[0][x], feat), len(table)))
        col.append(row)
    for l in range(1, nl):
        new = []
        for a in range(n):
            row = []
            for x in range(arch.bases[l].rows):
                meas = []
                for M in dense[l]:
                    mu: Dict[int, Fraction] = {}
                    for y, coef in enumerate(M[x]):
                        if coef != 0:
                            mu[col[a][y]] = mu.get(col[a][y], 0) + coef
                    meas.append(tuple(sorted((k, v) for k, v in mu.items() if v != 0)))
                row.append(table.setdefault((l + 1, arch.blocks[l][x], tuple(meas)), len(table)))
            new.append(row)
        col = new
    return classes_from_signatures([tuple(r) for r in col])
