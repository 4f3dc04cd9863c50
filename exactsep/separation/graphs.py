"""Separation power of k-IGNs on graphs at graph scale: implicit equality-pattern orbitals.

A k-IGN on graphs with n vertices is the equivariant architecture of the symmetric group ``S_n`` with
input G-set ``[n]^2`` (the adjacency matrix and any label channels), hidden layers ``[n]^k`` with the
full layer spaces and complete biases, and an invariant readout. Its separation power (non-polynomial
activation) is computed by algorithm CR (:mod:`exactsep.separation.cr`). The orbitals of ``S_n`` on
``[n]^a x [n]^b`` are the *equality patterns* of the ``a + b`` coordinates, so the aggregation over one
orbital is a contraction over free coordinates and never needs the ``n^k x n^k`` orbital matrices, the
orbit lists or any element of ``S_n``.

**Relaxed patterns.** For a map ``sigma`` sending each coordinate of ``y`` to a coordinate of ``x`` or
to a free variable, ``R_sigma(x)`` is the set of ``y`` with ``y_j = x_sigma(j)`` on the mapped
coordinates, the free variables ranging over all of ``[n]`` (so extra equalities are allowed). Layer 1
uses the sums of the input over ``R_sigma(x)``, later layers the multisets of colours over
``R_sigma(x)``. For a tuple ``x`` of equality type ``tau`` the relaxed values are exactly the "at
least pattern P" counts for the patterns P compatible with ``tau``, which determine the "exactly P"
counts (the orbital ones) by Moebius inversion on the partition lattice and conversely; the equality
type is part of every colour (it is the bias block). So the relaxed refinement and the orbital
refinement give the same partition at every layer (docs/theory/separation.md, "Graph inputs and
implicit k-tuple orbitals"; the tests compare with the materialised path on random graphs).

Cost per layer: one gather of at most ``n^k`` entries per relaxed pattern (77 patterns for k = 3),
a sort along the free axes and exact interning of integer rows; memory O(inputs x n^k).

>>> import networkx as nx
>>> rook = nx.cartesian_product(nx.complete_graph(4), nx.complete_graph(4))   # 4x4 rook's graph
>>> C6, two_C3 = nx.cycle_graph(6), nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))
>>> r = graph_partition([C6, two_C3], k=2)          # 2-IGN (as 1-WL): both 2-regular on 6 vertices
>>> r.classes, r.depth
(((0, 1),), 1)
>>> graph_partition([C6, two_C3], k=3).classes      # 3-IGN sees the triangles
((0,), (1,))
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import InvalidInputError, InvalidSpecError
from ..limits import check_memory
from ..numbers import exact
from .cr import _intern, classes_from_signatures, refine_layers

__all__ = ["GraphInput", "GraphPartition", "graph_partition", "as_graph_input", "relaxed_patterns",
           "equality_types", "ign_colour_counts", "read_graph_file", "graph_witnesses",
           "materialised_architecture", "MAX_K", "WITNESS_MAX_POINTS"]

#: Largest order k of a k-IGN accepted (the cost is n^k per pattern; Bell-many patterns).
MAX_K = 6
#: Largest number of tuples n^k per graph for which a witness network is built on the materialised path.
WITNESS_MAX_POINTS = 1000


# ----------------------------------------------------------------------------- inputs
@dataclass(frozen=True)
class GraphInput:
    """A graph as the input of a k-IGN: ``n`` vertices, ``channels`` integer matrices (n x n), the
    first one the adjacency (or edge weights), the others one-hot label channels."""

    n: int
    channels: Tuple[Tuple[Tuple[Any, ...], ...], ...]
    channel_names: Tuple[str, ...] = ("adjacency",)

    def array(self) -> np.ndarray:
        """The channels as an array (c, n, n) of Python ints / Fractions (object) or int64."""
        A = np.asarray(self.channels, dtype=object).reshape(len(self.channels), self.n, self.n)
        return A

    def flat_vector(self) -> List[Any]:
        """The input vector of the materialised architecture: point (i, j) of ``[n]^2`` at index
        ``(i n + j) c + channel`` (see :class:`~exactsep.separation.Architecture` channels)."""
        A = self.array()
        c = A.shape[0]
        return [A[ch, i, j] for i in range(self.n) for j in range(self.n) for ch in range(c)]


def _label_values(values: Sequence[Any], what: str) -> List[Any]:
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, str, Fraction)):
            raise InvalidInputError(f"{what}: labels must be integers or strings, got {v!r}")
        out.append(v)
    return out


def as_graph_input(g: Any, *, node_labels: Optional[str] = None, edge_labels: Optional[str] = None,
                   loops: bool = False, directed: bool = False, what: str = "graph") -> Tuple[int, np.ndarray, list, list]:
    """``(n, adjacency (object n x n), node label list or None, edge label dict or None)`` of a
    networkx graph, an adjacency matrix (list of lists / numpy array of exact numbers) or a dict
    ``{"n": n, "edges": [[u, v], ...], "node_labels": [...], "edge_labels": [...]}``."""
    import networkx as nx
    nl, el = None, None
    if isinstance(g, nx.Graph):
        if g.is_directed() and not directed:
            raise InvalidInputError(f"{what} is directed; pass directed=True (--directed) to allow directed edges")
        if g.is_multigraph():
            raise InvalidInputError(f"{what} is a multigraph; give edge multiplicities as weights instead")
        nodes = list(g.nodes)
        pos = {v: i for i, v in enumerate(nodes)}
        n = len(nodes)
        A = np.zeros((n, n), dtype=object)
        for u, v in g.edges:
            if u == v and not loops:
                raise InvalidInputError(f"{what} has a self-loop at vertex {u!r}; pass loops=True (--loops) to allow it")
            A[pos[u], pos[v]] = 1
            if not g.is_directed():
                A[pos[v], pos[u]] = 1
        if node_labels is not None:
            nl = _label_values([g.nodes[v].get(node_labels) for v in nodes], f"{what} node labels")
        if edge_labels is not None:
            el = {}
            for u, v, d in g.edges(data=True):
                lab = d.get(edge_labels)
                el[(pos[u], pos[v])] = lab
                if not g.is_directed():
                    el[(pos[v], pos[u])] = lab
        return n, A, nl, el
    if isinstance(g, dict):
        allowed = {"n", "edges", "node_labels", "edge_labels", "directed"}
        extra = set(g) - allowed
        if extra:
            raise InvalidInputError(f"{what}: unknown key(s) {sorted(extra)}; known: {sorted(allowed)}")
        if "edges" not in g:
            raise InvalidInputError(f"{what}: needs an 'edges' list")
        return _from_edges(g["edges"], g.get("n"), g.get("node_labels"), g.get("edge_labels"),
                           loops, directed or bool(g.get("directed", False)), what)
    if isinstance(g, np.ndarray) or (isinstance(g, (list, tuple)) and g and all(isinstance(r, (list, tuple, np.ndarray)) for r in g)):
        rows = [list(r) for r in (g.tolist() if isinstance(g, np.ndarray) else g)]
        n = len(rows)
        if any(len(r) != n for r in rows):
            raise InvalidInputError(f"{what}: an adjacency matrix must be square, got rows of lengths "
                                    f"{sorted({len(r) for r in rows})} for {n} rows")
        A = np.zeros((n, n), dtype=object)
        for i, r in enumerate(rows):
            for j, x in enumerate(r):
                A[i, j] = exact(x, what=f"{what}[{i}][{j}]")
        if not loops and any(A[i, i] != 0 for i in range(n)):
            raise InvalidInputError(f"{what}: nonzero diagonal (self-loops); pass loops=True (--loops) to allow it")
        if not directed and any(A[i, j] != A[j, i] for i in range(n) for j in range(i)):
            raise InvalidInputError(f"{what}: the adjacency matrix is not symmetric; pass directed=True (--directed)")
        return n, A, None, None
    if isinstance(g, (list, tuple)) and len(g) == 0:
        return 0, np.zeros((0, 0), dtype=object), None, None
    raise InvalidInputError(f"{what}: expected a networkx graph, an adjacency matrix or an edge-list object, "
                            f"got {type(g).__name__}")


def _from_edges(edges, n, nlab, elab, loops, directed, what):
    if not isinstance(edges, list):
        raise InvalidInputError(f"{what}: 'edges' must be a list of [u, v] pairs")
    pairs = []
    for e in edges:
        if not (isinstance(e, list) and len(e) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in e)):
            raise InvalidInputError(f"{what}: every edge must be a pair [u, v] of vertex numbers, got {e!r}")
        if min(e) < 0:
            raise InvalidInputError(f"{what}: vertex numbers must be >= 0, got {e!r}")
        pairs.append(tuple(e))
    top = max((max(p) for p in pairs), default=-1) + 1
    if n is None:
        n = top
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidInputError(f"{what}: 'n' must be a non-negative integer, got {n!r}")
    if top > n:
        raise InvalidInputError(f"{what}: an edge uses vertex {top - 1} but the graph has n = {n} vertices")
    A = np.zeros((n, n), dtype=object)
    el = {} if elab is not None else None
    if elab is not None and (not isinstance(elab, list) or len(elab) != len(pairs)):
        raise InvalidInputError(f"{what}: 'edge_labels' must be a list with one label per edge")
    for k, (u, v) in enumerate(pairs):
        if u == v and not loops:
            raise InvalidInputError(f"{what}: self-loop at vertex {u}; pass loops=True (--loops) to allow it")
        if A[u, v] and (directed or u != v):
            raise InvalidInputError(f"{what}: the edge {[u, v]} is listed twice")
        A[u, v] = 1
        if not directed:
            A[v, u] = 1
        if el is not None:
            el[(u, v)] = _label_values([elab[k]], f"{what} edge labels")[0]
            if not directed:
                el[(v, u)] = el[(u, v)]
    if nlab is not None:
        if not isinstance(nlab, list) or len(nlab) != n:
            raise InvalidInputError(f"{what}: 'node_labels' must be a list of {n} labels")
        nlab = _label_values(nlab, f"{what} node labels")
    return n, A, nlab, el


def _label_key(v: Any):
    return (0, v, "") if isinstance(v, (int, Fraction)) else (1, 0, str(v))


def _build_inputs(graphs: Sequence[Any], node_labels, edge_labels, loops, directed) -> List[GraphInput]:
    raw = [as_graph_input(g, node_labels=node_labels, edge_labels=edge_labels, loops=loops, directed=directed,
                          what=f"graph {i}") for i, g in enumerate(graphs)]
    has_nl = any(r[2] is not None for r in raw)
    has_el = any(r[3] is not None for r in raw)
    nvals = sorted({v for r in raw if r[2] is not None for v in r[2]}, key=_label_key) if has_nl else []
    evals = sorted({v for r in raw if r[3] is not None for v in r[3].values()}, key=_label_key) if has_el else []
    out = []
    for i, (n, A, nl, el) in enumerate(raw):
        chans = [A]
        names = ["adjacency"]
        for val in nvals:                               # one-hot node labels on the diagonal
            M = np.zeros((n, n), dtype=object)
            for v in range(n):
                if nl is not None and nl[v] == val:
                    M[v, v] = 1
            chans.append(M)
            names.append(f"node label {val!r}")
        for val in evals:                               # one-hot edge labels on the edges
            M = np.zeros((n, n), dtype=object)
            for (u, v), lab in (el or {}).items():
                if lab == val:
                    M[u, v] = 1
            chans.append(M)
            names.append(f"edge label {val!r}")
        out.append(GraphInput(n, tuple(tuple(tuple(r) for r in M.tolist()) for M in chans), tuple(names)))
    return out


# ----------------------------------------------------------------------------- patterns
def relaxed_patterns(k_out: int, k_in: int) -> List[Tuple[Tuple[str, int], ...]]:
    """All maps sigma from the ``k_in`` coordinates of y to the ``k_out`` coordinates of x or to free
    variables (numbered by first occurrence), i.e. the relaxed orbitals of S_n on [n]^k_out x [n]^k_in.

    >>> len(relaxed_patterns(2, 2)), len(relaxed_patterns(3, 3)), len(relaxed_patterns(3, 2))
    (10, 77, 17)
    """
    out = []

    def rec(j, acc, nfree):
        if j == k_in:
            out.append(tuple(acc))
            return
        for i in range(k_out):
            rec(j + 1, acc + [("x", i)], nfree)
        for f in range(nfree + 1):
            rec(j + 1, acc + [("z", f)], max(nfree, f + 1))
    rec(0, [], 0)
    return out


def equality_types(n: int, k: int) -> np.ndarray:
    """For every tuple of [n]^k (C order), an id of its equality type (which coordinates are equal):
    the bit mask of the equal coordinate pairs.

    >>> equality_types(2, 2).tolist()       # (0,0) (0,1) (1,0) (1,1)
    [1, 0, 0, 1]
    """
    D = _digits(n, k)
    t = np.zeros(n ** k, dtype=np.int64)
    bit = 0
    for a, b in itertools.combinations(range(k), 2):
        t |= (D[a] == D[b]).astype(np.int64) << bit
        bit += 1
    return t


def _digits(n: int, k: int) -> List[np.ndarray]:
    idx = np.arange(n ** k, dtype=np.int64)
    return [(idx // n ** (k - 1 - j)) % n for j in range(k)]


def _gather(S: np.ndarray, n: int, sigma, k_out: int):
    """``S`` of shape (N, n, ..., n[, c]) with len(sigma) vertex axes: the array over (N, x_U..., z...)
    of S at y(x_U, z); returns (array, used x coordinates U, number of free variables F)."""
    U = sorted({i for kind, i in sigma if kind == "x"})
    F = 1 + max([f for kind, f in sigma if kind == "z"], default=-1)
    A = len(U) + F
    idx = []
    for kind, i in sigma:
        ax = U.index(i) if kind == "x" else len(U) + i
        shape = [1] * A
        shape[ax] = n
        idx.append(np.arange(n).reshape(shape))
    G = S[(slice(None),) + tuple(idx)]
    return G, U, F


def _x_index(D: List[np.ndarray], n: int, U: List[int]) -> np.ndarray:
    """Flattened index of x_U for every x (C order over the used coordinates)."""
    xi = np.zeros_like(D[0])
    for u in U:
        xi = xi * n + D[u]
    return xi


def _intern_rows(rows: np.ndarray) -> np.ndarray:
    """Exact ids of the rows of a 2-d integer array (equal rows, equal ids). Wide rows (few of them) are
    compared as bytes in a dict; narrow ones go through CR's interning (a hash that only groups, then an
    exact check)."""
    if rows.shape[1] > 4096 or rows.shape[0] <= 64:
        rows = np.ascontiguousarray(rows)
        table: Dict[bytes, int] = {}
        return np.fromiter((table.setdefault(r.tobytes(), len(table)) for r in rows), dtype=np.int64,
                           count=rows.shape[0])
    return _intern(rows)[0]


def _block_columns(rows: int) -> int:
    """Signature columns buffered per merge: at most about 256 MB of int64 columns, between 2 and 24."""
    return int(min(24, max(2, (256 << 20) // max(8 * rows, 1))))


class _Interner:
    """Interns the rows of a signature given column by column, exactly: columns are buffered and merged
    into the running ids in blocks through CR's interning (hash to group, then an exact comparison of
    the rows), so the final ids are equal iff the whole rows are equal."""

    def __init__(self, first: np.ndarray):
        self.ids = np.unique(first, return_inverse=True)[1].reshape(-1).astype(np.int64)
        self.BLOCK = _block_columns(self.ids.size)
        self.pending: List[np.ndarray] = []

    def add(self, col: np.ndarray) -> None:
        col = np.asarray(col)
        if col.dtype == object:
            self._flush()
            self.ids, _ = _intern(np.column_stack([self.ids.astype(object), col]))
            return
        self.pending.append(col.astype(np.int64))
        if len(self.pending) >= self.BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.ids, _ = _intern(np.column_stack([self.ids] + self.pending))
            self.pending = []

    @property
    def k(self) -> int:
        self._flush()
        return int(self.ids.max(initial=-1)) + 1

    def result(self) -> Tuple[np.ndarray, int]:
        self._flush()
        return self.ids, self.k


# ----------------------------------------------------------------------------- one order n
@dataclass
class _Order:
    """All graphs of one order n: the implicit k-IGN refinement."""

    n: int
    k: int
    A: np.ndarray                   # (N, n, n, c) int64 or object
    D: List[np.ndarray] = field(default_factory=list)
    types: Optional[np.ndarray] = None
    _xi: Dict[Tuple[int, ...], np.ndarray] = field(default_factory=dict)

    def __post_init__(self):
        self.D = _digits(self.n, self.k)
        self.types = equality_types(self.n, self.k)

    def x_index(self, U: List[int]) -> np.ndarray:
        """:func:`_x_index` for the used coordinates ``U``, computed once per U (patterns share them)."""
        key = tuple(U)
        if key not in self._xi:
            self._xi[key] = _x_index(self.D, self.n, U)
        return self._xi[key]

    @property
    def N(self) -> int:
        return self.A.shape[0]

    def first(self) -> Tuple[np.ndarray, int]:
        """Layer 1: the input summed over every relaxed pattern of [n]^k x [n]^2, with the equality type."""
        N, n, k = self.N, self.n, self.k
        I = _Interner(np.broadcast_to(self.types, (N, n ** k)).ravel())
        for sigma in relaxed_patterns(k, 2):
            G, U, F = _gather(self.A, n, sigma, k)          # (N, n^|U| axes, n^F axes, c)
            S = G.sum(axis=tuple(range(1 + len(U), 1 + len(U) + F))) if F else G
            S = S.reshape(N, n ** len(U), -1)
            xi = self.x_index(U)
            for ch in range(S.shape[2]):
                I.add(S[:, xi, ch].ravel())
        ids, cnt = I.result()
        return ids.reshape(N, n ** k), cnt

    def step(self, C: np.ndarray) -> Tuple[np.ndarray, int]:
        """A hidden layer: for every relaxed pattern of [n]^k x [n]^k the multiset of colours."""
        N, n, k = self.N, self.n, self.k
        dt = np.int32 if int(C.max(initial=0)) < 2 ** 31 - 1 else np.int64
        S = C.astype(dt).reshape((N,) + (n,) * k)
        I = _Interner(np.broadcast_to(self.types, (N, n ** k)).ravel())
        for sigma in relaxed_patterns(k, k):
            G, U, F = _gather(S, n, sigma, k)
            rows = G.reshape(N * n ** len(U), n ** F)
            if F:
                rows = np.sort(rows, axis=1)
            ids = _intern_rows(rows)
            xi = self.x_index(U)
            I.add(ids.reshape(N, n ** len(U))[:, xi].ravel())
        ids, cnt = I.result()
        return ids.reshape(N, n ** k), cnt

    def output_ids(self, C: np.ndarray) -> np.ndarray:
        """Invariant readout: the multiset of all colours of each input, interned across inputs."""
        if C.shape[1] == 0:
            return np.zeros(C.shape[0], dtype=np.int64)
        return _intern_rows(np.sort(C, axis=1))


def _estimate_bytes(N: int, n: int, k: int) -> int:
    """Peak memory of one layer: colours, ids, one gathered pattern and its sorted copy, the index
    arrays, and the buffered signature columns with their merged copy and hash (all int64)."""
    rows = N * n ** k
    return 8 * rows * (8 + k + 2 * (_block_columns(rows) + 1))


def ign_colour_counts(graphs: Sequence[Any], k: int, depth: int, **kw) -> List[int]:
    """Numbers of colours (joint over the graphs, which must all have the same order) at hidden
    layers 1..depth of the implicit k-IGN refinement; used to compare with the materialised path."""
    inputs = _build_inputs(graphs, kw.get("node_labels"), kw.get("edge_labels"), kw.get("loops", False),
                           kw.get("directed", False))
    ns = {g.n for g in inputs}
    if len(ns) != 1:
        raise InvalidInputError("ign_colour_counts needs graphs of one order")
    o = _Order(ns.pop(), k, _stack(inputs))
    return [cnt for _, cnt in refine_layers(o.first, (o.step for _ in range(depth - 1)))]


def _stack(inputs: List[GraphInput]) -> np.ndarray:
    n = inputs[0].n
    c = len(inputs[0].channels)
    A = np.zeros((len(inputs), n, n, c), dtype=object)
    for i, g in enumerate(inputs):
        A[i] = g.array().transpose(1, 2, 0)
    den = 1
    for x in A.ravel():
        if isinstance(x, Fraction) and x.denominator != 1:
            den = den * x.denominator // np.gcd(den, x.denominator)
    if den != 1:
        A = np.vectorize(lambda x: int(x * den), otypes=[object])(A)
    else:
        A = np.vectorize(int, otypes=[object])(A) if A.size else A
    big = max((abs(int(x)) for x in A.ravel()), default=0)
    if big * max(n, 1) ** 2 < 2 ** 62:
        A = A.astype(np.int64)
    return A


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class GraphPartition:
    """The partition of graphs by a k-IGN (non-polynomial activation, e.g. ReLU).

    ``classes``: tuples of 0-based graph indices (sorted, by first index); ``depth``: the depth used
    (``depth=int``) or the depth threshold found (``depth=None``: the least depth whose partition no
    deeper network refines); ``orders``: the number of vertices of every graph; ``colours``: per order,
    the number of tuple colours at hidden layers 1, 2, ...; ``stable``: per order, whether the tuple
    colouring was seen to be stable (one more layer refined nothing), which proves the partition is
    that of arbitrarily deep networks.
    """

    classes: Tuple[Tuple[int, ...], ...]
    depth: int
    k: int
    orders: Tuple[int, ...]
    colours: Dict[int, Tuple[int, ...]]
    stable: Dict[int, bool]
    depth_by_order: Dict[int, int]
    seconds: float
    activation: str = "relu"

    @property
    def num_classes(self) -> int:
        return len(self.classes)

    def same(self, i: int, j: int) -> bool:
        """Whether graphs i and j are in the same class."""
        return any(i in c and j in c for c in self.classes)

    def to_json(self) -> dict:
        return {"k": self.k, "activation": self.activation, "classes": [list(c) for c in self.classes],
                "num_classes": self.num_classes, "depth": self.depth, "orders": list(self.orders),
                "depth_by_order": {str(n): d for n, d in sorted(self.depth_by_order.items())},
                "colours": {str(n): list(c) for n, c in sorted(self.colours.items())},
                "stable": {str(n): s for n, s in sorted(self.stable.items())},
                "seconds": round(self.seconds, 3)}


def graph_partition(graphs: Sequence[Any], k: int = 2, depth: Optional[int] = None, activation: str = "relu", *,
                    node_labels: Optional[str] = None, edge_labels: Optional[str] = None, loops: bool = False,
                    directed: bool = False, max_depth: Optional[int] = None,
                    progress: Optional[Callable[[str], None]] = None) -> GraphPartition:
    """The exact partition of ``graphs`` by the separation power of k-IGNs (hidden layers on k-tuples,
    full equivariant layer spaces, invariant readout, a non-polynomial activation such as ReLU).

    ``graphs``: networkx graphs, adjacency matrices or ``{"n", "edges", ...}`` objects. ``depth``: the
    number of hidden layers, or None for the depth threshold (run until the colouring is stable: the
    separation power of arbitrarily deep k-IGNs). ``node_labels`` / ``edge_labels``: networkx attribute
    names whose values become one-hot input channels. Graphs of different orders are always separated.

    >>> import networkx as nx
    >>> r = graph_partition([nx.path_graph(4), nx.star_graph(3), nx.path_graph(4)], k=2, depth=1)
    >>> r.classes
    ((0, 2), (1,))
    """
    t0 = time.perf_counter()
    if isinstance(activation, str) and activation.strip().lower().startswith("poly"):
        raise InvalidSpecError("graph_partition implements non-polynomial activations (colour refinement); "
                               "use exactsep.separation.partition with a materialised Architecture for poly:d")
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InvalidSpecError(f"k (the IGN order, --ign) must be an integer from 1 to {MAX_K}, got {k!r}")
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 1):
        raise InvalidSpecError(f"depth must be a positive integer or None (the depth threshold), got {depth!r}")
    if isinstance(graphs, (str, bytes)) or not hasattr(graphs, "__len__"):
        raise InvalidInputError("graphs must be a list of graphs")
    inputs = _build_inputs(graphs, node_labels, edge_labels, loops, directed)
    by_order: Dict[int, List[int]] = {}
    for i, g in enumerate(inputs):
        by_order.setdefault(g.n, []).append(i)
    for n, idx in by_order.items():
        check_memory(_estimate_bytes(len(idx), n, k), f"the {k}-IGN colouring of {len(idx)} graph(s) with {n} vertices "
                                                       f"({n}^{k} tuples each)")
    classes: List[Tuple[int, ...]] = []
    colours, stable, dby = {}, {}, {}
    for n in sorted(by_order):
        idx = by_order[n]
        if n == 0:                        # empty graphs: no tuples, one class
            classes.append(tuple(idx))
            colours[n], stable[n], dby[n] = (), True, 1
            continue
        o = _Order(n, k, _stack([inputs[i] for i in idx]))
        counts, outs = [], []
        limit = depth if depth is not None else (max_depth or len(idx) * max(1, n ** k) + 1)
        is_stable = False
        steps = (o.step for _ in range(limit - 1))
        for l, (C, cnt) in enumerate(refine_layers(o.first, steps), 1):
            if progress:
                progress(f"{k}-IGN, n = {n}: layer {l}, {cnt} colours")
            if depth is None and counts and cnt == counts[-1]:
                is_stable = True          # layer l refined nothing: every deeper layer is the same partition
                break
            counts.append(cnt)
            outs.append(o.output_ids(C))
            if depth is None and cnt == len(idx) * n ** k:
                is_stable = True          # discrete: nothing left to refine
                break
        final = outs[-1]
        if depth is None:
            d = len(outs)
            while d > 1 and _same_partition(outs[d - 2], final):
                d -= 1
            dby[n] = d
        else:
            dby[n] = depth
        colours[n] = tuple(counts)
        stable[n] = is_stable
        groups: Dict[int, List[int]] = {}
        for pos, c in enumerate(final.tolist()):
            groups.setdefault(c, []).append(idx[pos])
        classes.extend(tuple(g) for g in groups.values())
    classes.sort()
    dmax = depth if depth is not None else max(dby.values(), default=1)
    return GraphPartition(tuple(classes), dmax, k, tuple(g.n for g in inputs), colours, stable, dby,
                          time.perf_counter() - t0, "relu" if activation is None else str(activation))


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    return classes_from_signatures(a.tolist()) == classes_from_signatures(b.tolist())


# ----------------------------------------------------------------------------- witnesses
def materialised_architecture(n: int, k: int, depth: int, channels: int = 1):
    """The k-IGN on graphs with n vertices as a materialised :class:`~exactsep.separation.Architecture`
    (input G-set ``[n]^2`` with ``channels``, ``depth`` hidden layers ``[n]^k``, invariant readout, ReLU).
    Its orbital bases have ``n^k x n^k`` entries: for small n only (the reference path of the tests and
    the witnesses)."""
    from ..groups import GSet, symmetric
    from .architecture import Architecture
    G = symmetric(n)
    return Architecture(G, GSet.power(G, 2), [GSet.power(G, k)] * depth, activation="relu", channels=channels)


def graph_witnesses(graphs: Sequence[Any], result: GraphPartition, *, loops: bool = False, directed: bool = False,
                    max_pairs: int = 10) -> List[dict]:
    """For pairs of classes of ``result`` (representatives, at most ``max_pairs``): an exact ReLU network of
    the materialised k-IGN whose outputs differ, re-evaluated, when the graphs have the same order n and
    ``n^k <= WITNESS_MAX_POINTS``; otherwise a record saying why no witness was built."""
    from .witness import witness
    inputs = _build_inputs(graphs, None, None, loops, directed)
    out: List[dict] = []
    reps = [c[0] for c in result.classes]
    for i in range(len(reps)):
        for j in range(i + 1, len(reps)):
            if len(out) >= max_pairs:
                return out
            a, b = reps[i], reps[j]
            na, nb = inputs[a].n, inputs[b].n
            rec: Dict[str, Any] = {"graphs": [a, b]}
            if na != nb:
                rec.update(built=False, reason=f"different orders {na} and {nb}: separated by the order itself")
            elif na ** result.k > WITNESS_MAX_POINTS:
                rec.update(built=False, reason=f"n^k = {na}^{result.k} = {na ** result.k} tuples is above "
                                               f"{WITNESS_MAX_POINTS}: no witness was built at this size")
            else:
                d = result.depth_by_order.get(na, result.depth)
                arch = materialised_architecture(na, result.k, d, channels=len(inputs[a].channels))
                w = witness(arch, inputs[a].flat_vector(), inputs[b].flat_vector())
                wj = w.to_json()
                rec.update(built=True, verified=w.verify(), depth=d, output_a=wj["output_a"], output_b=wj["output_b"],
                           network=wj["network"])
            out.append(rec)
    return out


# ----------------------------------------------------------------------------- files
def read_graph_file(path: str) -> List[Any]:
    """Graphs from a file: one graph6 or sparse6 string per line (a ``>>graph6<<`` / ``>>sparse6<<``
    header allowed, blank lines ignored) or a JSON list of edge lists / ``{"n", "edges", ...}`` objects.
    Returns networkx graphs and dicts (the input forms of :func:`graph_partition`)."""
    from ..cliutil import parse_json, read_text
    text = read_text(path, what="graph file")
    stripped = text.lstrip()
    if not stripped:
        raise InvalidInputError(f"{path}: the graph file is empty")
    if stripped[0] in "[{":
        data = parse_json(text, source=path, what="graph file")
        if not isinstance(data, list) or not data:
            raise InvalidInputError(f"{path}: a JSON graph file must be a non-empty list of graphs")
        out = []
        for i, g in enumerate(data):
            if isinstance(g, list):
                out.append({"edges": g})
            elif isinstance(g, dict):
                out.append(g)
            else:
                raise InvalidInputError(f"{path}: graph {i} must be an edge list or an object, got {type(g).__name__}")
        return out
    import networkx as nx
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s:
            continue
        for h in (">>graph6<<", ">>sparse6<<"):
            if s.startswith(h):
                s = s[len(h):]
        if not s:
            continue
        try:
            b = s.encode("ascii")
            g = nx.from_sparse6_bytes(b) if s.startswith(":") else nx.from_graph6_bytes(b)
        except Exception as e:  # networkx raises NetworkXError / ValueError / IndexError on bad strings
            kind = "sparse6" if s.startswith(":") else "graph6"
            raise InvalidInputError(f"{path}, line {lineno}: not a valid {kind} string ({type(e).__name__}: "
                                    f"{str(e).splitlines()[0] if str(e) else 'malformed'})") from None
        if g.is_multigraph():
            if any(u == v for u, v in g.edges()) or g.number_of_edges() != nx.Graph(g).number_of_edges():
                out.append(g)          # refused later with a clear message (loops / multi-edges)
                continue
            g = nx.Graph(g)
        out.append(g)
    if not out:
        raise InvalidInputError(f"{path}: no graph in the file")
    return out
