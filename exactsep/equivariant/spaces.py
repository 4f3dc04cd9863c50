"""Layer spaces of equivariant networks: bases of subspaces of Hom_G(Q^X, Q^Y) and bias partitions.

A layer from the G-set ``X`` (input side, with ``channels`` trivial channels) to the G-set ``Y`` has a
linear part in the span of basis matrices ``B_1..B_k`` (each ``|Y| x |X|channels``, G-equivariant:
``B[g y, g x] = B[y, x]``) and a bias that is constant on the blocks of a G-stable partition of ``Y``
coarser than or equal to its orbit partition (``complete`` bias = one free bias per orbit).

Layer spaces:

* ``"full"``: the orbital basis (one 0/1 matrix per G-orbit on ``Y x X``), i.e. all of Hom_G.
* ``"pointnet"``: identity and all-ones (``Y`` must be the same G-set as ``X``).
* ``"conv:k"``: cyclic convolution with filter size ``k``: the shifts ``S^0..S^(k-1)``,
  ``S^j[y, x] = [y = s^j x]``. Applies only when G is cyclic and both ``X`` and ``Y`` are *regular*
  G-sets (transitive with ``|X| = |G|``, i.e. copies of Z_n with G acting by rotation); ``s`` is the
  first group generator that generates G (else the first element of ``G.elements()`` that does).
  When ``Y`` is not the same G-set as ``X``, it is identified with ``X`` through base points
  ``g x_0 -> g y_0`` (``x_0 = y_0 = 0``).
* explicit matrices: a list of rational matrices, each checked exactly to be equivariant
  (:class:`~exactsep.errors.NotEquivariantError` otherwise).

With ``channels = c > 1`` on the input side (the G-set ``X x [c]``, point ``(x, j)`` at index
``x*c + j``), each base matrix ``B`` becomes the ``c`` matrices ``B (x) e_j``; an explicit matrix may
also be given directly with ``|X| c`` columns.

>>> from exactsep.groups import symmetric, cyclic, GSet
>>> G = symmetric(3); X = GSet.natural(G)
>>> B = layer_basis("full", X, X)
>>> B.size, B.shape
(2, (3, 3))
>>> layer_basis("pointnet", X, X).dense(1)
[[1, 1, 1], [1, 1, 1], [1, 1, 1]]
>>> C = cyclic(4); Z = GSet.natural(C)
>>> layer_basis("conv:2", Z, Z).dense(1)   # the shift y = s x
[[0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
>>> layer_basis([[[1, 2, 0], [0, 1, 2], [2, 0, 1]]], X, X)   # a circulant: C3- but not S3-equivariant
Traceback (most recent call last):
...
exactsep.errors.NotEquivariantError: basis matrix 0 is not G-equivariant: B[1, 0] = 0 but B[0, 1] = 2 for generator 0 ((0, 1) -> (1, 0))
>>> bias_blocks(X, "complete")
(0, 0, 0)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Sequence, Tuple

import numpy as np

from ..errors import InvalidSpecError, NotEquivariantError, ShapeError
from ..numbers import Rational, exact_matrix, primitive_integer_vector

__all__ = ["EquivariantBasis", "layer_basis", "check_equivariant", "bias_blocks", "parse_space",
           "cyclic_generator"]


@dataclass(frozen=True, eq=False)
class EquivariantBasis:
    """A list of G-equivariant matrices of shape ``(rows, cols)`` stored sparsely.

    ``entries[i] = (r, c, v)``: numpy int64 row and column indices and a tuple of exact rational
    values of the nonzero entries of matrix ``i``. ``kind`` records where it came from.
    """

    rows: int
    cols: int
    entries: Tuple[Tuple[np.ndarray, np.ndarray, Tuple[Rational, ...]], ...]
    kind: str = "explicit"

    @property
    def size(self) -> int:
        return len(self.entries)

    @property
    def shape(self) -> Tuple[int, int]:
        return (self.rows, self.cols)

    @property
    def unit(self) -> bool:
        """True when every nonzero entry of every matrix is 1 (0/1 matrices)."""
        return all(all(x == 1 for x in v) for _, _, v in self.entries)

    def dense(self, i: int) -> List[List[Rational]]:
        """Matrix ``i`` as a list of rows of exact rationals."""
        M: List[List[Rational]] = [[0] * self.cols for _ in range(self.rows)]
        r, c, v = self.entries[i]
        for a, b, x in zip(r.tolist(), c.tolist(), v):
            M[a][b] = x
        return M

    def integer_entries(self, i: int) -> Tuple[np.ndarray, np.ndarray, List[int]]:
        """Matrix ``i`` scaled by a positive constant to coprime integers (same span direction)."""
        r, c, v = self.entries[i]
        return r, c, primitive_integer_vector(v)

    def to_json(self) -> dict:
        return {"kind": self.kind, "shape": [self.rows, self.cols], "size": self.size}


# ----------------------------------------------------------------------------- construction
def _from_dense(mats: Sequence[Sequence[Sequence[Rational]]], rows: int, cols: int, kind: str) -> EquivariantBasis:
    ents = []
    for M in mats:
        r, c, v = [], [], []
        for a, row in enumerate(M):
            for b, x in enumerate(row):
                if x != 0:
                    r.append(a); c.append(b); v.append(x)
        ents.append((np.asarray(r, dtype=np.int64), np.asarray(c, dtype=np.int64), tuple(v)))
    return EquivariantBasis(rows, cols, tuple(ents), kind)


def _orbital_entries(Y, X) -> List[Tuple[np.ndarray, np.ndarray, Tuple[int, ...]]]:
    L = Y.orbital_labels(X)
    if L.size == 0:
        return []
    k = int(L.max()) + 1
    flat = L.ravel()
    order = np.argsort(flat, kind="stable")
    counts = np.bincount(flat, minlength=k)
    starts = np.concatenate([[0], np.cumsum(counts)])
    out = []
    ncols = L.shape[1]
    for i in range(k):
        idx = order[starts[i]:starts[i + 1]]
        out.append((idx // ncols, idx % ncols, (1,) * len(idx)))
    return out


def cyclic_generator(G) -> int:
    """Index in ``G.elements()`` of the element ``s`` used by ``conv:k`` (raises if G is not cyclic)."""
    n = G.order
    els = G.elements()
    cand = list(G.generators) + list(els)
    for s in cand:
        # order of s
        k, p = 1, s
        e = G.identity()
        while p != e:
            p = tuple(s[i] for i in p)
            k += 1
        if k == n:
            return G.element_index[s]
    raise InvalidSpecError(f"conv:k needs a cyclic group, but {G!r} (order {n}) has no element of order {n}")


def _element_action(X, g_index: int) -> List[int]:
    """The permutation of the G-set X induced by the group element ``G.elements()[g_index]``
    (found by the breadth-first word that produced it)."""
    G = X.group
    els = G.elements()
    target = els[g_index]
    # BFS over group elements tracking the action on X
    e = G.identity()
    act = {e: tuple(range(X.size))}
    queue = [e]
    i = 0
    while target not in act:
        h = queue[i]
        i += 1
        for gen, im in zip(G.generators, X.images):
            k = tuple(gen[t] for t in h)
            if k not in act:
                ah = act[h]
                act[k] = tuple(im[t] for t in ah)
                queue.append(k)
    return list(act[target])


def _check_regular(X, what: str):
    G = X.group
    if not X.is_transitive() or X.size != G.order:
        raise InvalidSpecError(
            f"conv:k needs regular G-sets (transitive with |X| = |G| = {G.order}, a copy of Z_n), but the {what} "
            f"G-set has {X.size} points in {len(X.orbits())} orbit(s)")


def _conv_entries(Y, X, k: int) -> List[Tuple[np.ndarray, np.ndarray, Tuple[int, ...]]]:
    G = X.group
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidSpecError(f"conv filter size must be a positive integer, got {k!r}")
    s_idx = cyclic_generator(G)
    _check_regular(X, "input")
    _check_regular(Y, "output")
    n = X.size
    if k > n:
        raise InvalidSpecError(f"conv filter size {k} exceeds the number of points {n}")
    sX = _element_action(X, s_idx)
    # identification phi: X -> Y, g x0 -> g y0 (x0 = y0 = 0): walk powers of s
    phi = [-1] * n
    sY = _element_action(Y, s_idx)
    x, y = 0, 0
    for _ in range(n):
        phi[x] = y
        x, y = sX[x], sY[y]
    out = []
    # S^j[y, x] = [y = s^j phi(x)]
    cur = list(range(n))  # s^j as a map on X, starting at j = 0
    for j in range(k):
        rows = np.asarray([phi[cur[x]] for x in range(n)], dtype=np.int64)
        out.append((rows, np.arange(n, dtype=np.int64), (1,) * n))
        cur = [sX[t] for t in cur]
    return out


def _pointnet_entries(Y, X):
    if Y.size != X.size or Y.images != X.images:
        raise InvalidSpecError(
            "the pointnet space (identity + all-ones) needs the output G-set to be the same G-set as the input "
            f"(got sizes {X.size} -> {Y.size} or different actions)")
    n = X.size
    eye = (np.arange(n, dtype=np.int64), np.arange(n, dtype=np.int64), (1,) * n)
    rr, cc = np.divmod(np.arange(n * n, dtype=np.int64), n)
    return [eye, (rr, cc, (1,) * (n * n))]


def parse_space(space: Any) -> Tuple[str, Any]:
    """Normalise a layer-space spec: ``"full"``, ``"pointnet"``, ``"conv:k"`` / ``{"conv": k}``,
    ``{"basis": [matrices]}`` or a list of matrices. Returns ``(kind, argument)``."""
    if isinstance(space, str):
        s = space.strip().lower()
        if s in ("full", "pointnet"):
            return s, None
        if s.startswith("conv"):
            _, _, k = s.partition(":")
            try:
                return "conv", int(k)
            except ValueError:
                raise InvalidSpecError(f"layer space {space!r}: write conv:k with an integer filter size k") from None
        raise InvalidSpecError(f"unknown layer space {space!r}; use 'full', 'pointnet', 'conv:k' or explicit matrices")
    if isinstance(space, dict):
        if set(space) == {"conv"}:
            k = space["conv"]
            if isinstance(k, bool) or not isinstance(k, int):
                raise InvalidSpecError(f"conv filter size must be an integer, got {k!r}")
            return "conv", k
        if set(space) == {"basis"}:
            return "explicit", space["basis"]
        raise InvalidSpecError(f"unknown layer space {space!r}; use 'full', 'pointnet', {{'conv': k}} or {{'basis': [...]}}")
    if isinstance(space, (list, tuple)):
        return "explicit", space
    if isinstance(space, EquivariantBasis):
        return "basis", space
    raise InvalidSpecError(f"unknown layer space {space!r}")


def check_equivariant(M: Sequence[Sequence[Rational]], Y, X, what: str = "matrix") -> None:
    """Raise :class:`NotEquivariantError` unless ``P_g^Y M = M P_g^X`` for every generator ``g``,
    i.e. ``M[g y, g x] = M[y, x]`` exactly."""
    rows, cols = len(M), (len(M[0]) if M else 0)
    if rows != Y.size or cols != X.size:
        raise ShapeError(f"{what} has shape {rows} x {cols}, expected {Y.size} x {X.size}")
    for k, (gy, gx) in enumerate(zip(Y.images, X.images)):
        for y in range(rows):
            Mrow, Mg = M[y], M[gy[y]]
            for x in range(cols):
                if Mg[gx[x]] != Mrow[x]:
                    raise NotEquivariantError(
                        f"{what} is not G-equivariant: B[{gy[y]}, {gx[x]}] = {Mg[gx[x]]} but B[{y}, {x}] = {Mrow[x]} "
                        f"for generator {k} (({y}, {x}) -> ({gy[y]}, {gx[x]}))")


def layer_basis(space: Any, Y, X, channels: int = 1) -> EquivariantBasis:
    """The basis of the layer space ``space`` for a layer ``Q^(X x [channels]) -> Q^Y``.

    ``X`` is the base input G-set (without channels). Raises :class:`InvalidSpecError` for a space that
    does not apply to these G-sets and :class:`NotEquivariantError` for a non-equivariant explicit matrix.
    """
    if len(Y.images) != len(X.images):
        raise InvalidSpecError("the G-sets of a layer belong to different groups")
    if isinstance(channels, bool) or not isinstance(channels, int) or channels < 1:
        raise InvalidSpecError(f"channels must be a positive integer, got {channels!r}")
    kind, arg = parse_space(space)
    if kind == "basis":
        if arg.shape not in ((Y.size, X.size * channels),):
            raise ShapeError(f"basis has shape {arg.shape}, expected {(Y.size, X.size * channels)}")
        return arg
    if kind == "explicit":
        mats = arg
        if isinstance(mats, (str, bytes)) or not hasattr(mats, "__len__") or len(mats) == 0:
            raise InvalidSpecError("an explicit layer space needs a non-empty list of matrices")
        Xc = X.with_channels(channels) if channels > 1 else X
        base, full = [], []
        for i, m in enumerate(mats):
            M = exact_matrix(m, what=f"basis matrix {i}")
            ncols = len(M[0]) if M else 0
            if len(M) != Y.size or ncols not in (X.size, X.size * channels):
                raise ShapeError(
                    f"basis matrix {i} has shape {len(M)} x {ncols}, expected {Y.size} x {X.size}"
                    + (f" (or {Y.size} x {X.size * channels} across channels)" if channels > 1 else ""))
            if ncols == X.size and channels > 1:
                check_equivariant(M, Y, X, what=f"basis matrix {i}")
                base.append(M)
            else:
                check_equivariant(M, Y, Xc, what=f"basis matrix {i}")
                full.append(M)
        mats_all = [_tensor_channel(M, channels, j) for M in base for j in range(channels)] + full
        return _from_dense(mats_all, Y.size, X.size * channels, "explicit")
    if kind == "full":
        ents = _orbital_entries(Y, X)
        name = "full"
    elif kind == "pointnet":
        ents = _pointnet_entries(Y, X)
        name = "pointnet"
    else:
        ents = _conv_entries(Y, X, arg)
        name = f"conv:{arg}"
    if channels > 1:
        ents = [(r, c * channels + j, v) for (r, c, v) in ents for j in range(channels)]
    return EquivariantBasis(Y.size, X.size * channels, tuple(ents), name)


def _tensor_channel(M, c: int, j: int):
    return [[(row[x // c] if x % c == j else 0) for x in range(len(row) * c)] for row in M]


# ----------------------------------------------------------------------------- bias
def bias_blocks(Y, bias: Any = "complete") -> Tuple[int, ...]:
    """Block label of every point of ``Y`` for a bias spec.

    ``"complete"``: one block per orbit (labels = orbit labels). A partition given as a list of blocks
    (lists of points) must cover ``Y`` exactly once and be G-stable and coarser than or equal to the
    orbit partition (every block a union of orbits); :class:`NotEquivariantError` otherwise.
    Labels are 0, 1, ... in order of each block's smallest point.
    """
    if bias is None or (isinstance(bias, str) and bias.strip().lower() == "complete"):
        return tuple(Y.orbit_labels)
    blocks = bias.get("partition") if isinstance(bias, dict) and set(bias) == {"partition"} else bias
    if isinstance(blocks, str) or not isinstance(blocks, (list, tuple)):
        raise InvalidSpecError(f"bias must be 'complete' or a partition (a list of blocks of points), got {bias!r}")
    label = [-1] * Y.size
    for b, block in enumerate(blocks):
        if isinstance(block, (str, bytes)) or not isinstance(block, (list, tuple)):
            raise InvalidSpecError(f"bias block {b} must be a list of points, got {block!r}")
        for x in block:
            if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < Y.size:
                raise InvalidSpecError(f"bias block {b} has point {x!r}, expected an integer in 0..{Y.size - 1}")
            if label[x] >= 0:
                raise InvalidSpecError(f"point {x} is in two bias blocks ({label[x]} and {b})")
            label[x] = b
    missing = [x for x in range(Y.size) if label[x] < 0]
    if missing:
        raise InvalidSpecError(f"the bias partition does not cover the points {missing}")
    for k, im in enumerate(Y.images):
        for x in range(Y.size):
            if label[im[x]] != label[x]:
                raise NotEquivariantError(
                    f"the bias partition is not coarser than the orbit partition: generator {k} maps point {x} "
                    f"(block {label[x]}) to point {im[x]} (block {label[im[x]]}); an equivariant bias is constant "
                    f"on orbits, so every block must be a union of orbits")
    # relabel by first occurrence
    ren = {}
    return tuple(ren.setdefault(l, len(ren)) for l in label)
