"""The separation API: partitions, depth threshold, invariant features and multiplicities.

>>> from exactsep.groups import symmetric, GSet
>>> from exactsep.separation import Architecture, partition, separated
>>> G = symmetric(3); X = GSet.natural(G)
>>> arch = Architecture(G, X, [X], activation="relu")
>>> partition(arch, [[1, 2, 3], [3, 1, 2], [0, 0, 6]]).classes
((0, 1), (2,))
>>> separated(arch, [1, 2, 3], [0, 0, 6]), separated(arch, [1, 2, 3], [2, 1, 3])
(True, False)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence, Tuple

from ..errors import InvalidSpecError
from ..groups import GSet
from .architecture import Architecture, HiddenLayer
from .cr import colour_refinement
from .es import es_partition

__all__ = ["PartitionResult", "partition", "separated", "entrywise_partitions", "DepthResult", "depth_threshold", "uniform_depth_bound",
           "InvariantFeatureCheck", "invariant_feature_check", "MultiplicityCheck", "multiplicity_check",
           "is_refinement"]


def is_refinement(fine: Sequence[Sequence[int]], coarse: Sequence[Sequence[int]]) -> bool:
    """Whether every class of ``fine`` lies inside one class of ``coarse`` (same ground set)."""
    return all(len(c) for c in fine) and _refuting_pair(fine, coarse) is None


def _refuting_pair(fine, coarse) -> Optional[Tuple[int, int]]:
    """A pair in one class of ``fine`` that ``coarse`` splits (it refutes "fine refines coarse")."""
    where = {}
    for k, c in enumerate(coarse):
        for i in c:
            where[i] = k
    for c in fine:
        for i in c[1:]:
            if where[i] != where[c[0]]:
                return (c[0], i)
    return None


@dataclass(frozen=True)
class PartitionResult:
    """The partition of the inputs into classes no network of the architecture tells apart.

    ``classes``: tuple of sorted tuples of 0-based input indices, sorted by first index. ``method``:
    ``"cr"`` (colour refinement, non-polynomial activations) or ``"es"`` (evaluation spaces,
    polynomial activations, ``degree`` None = stable algebra). ``layer_sizes``: per layer l = 1..L+1
    the number of colours (CR) or the dimension of the pre-activation space Z_l restricted to the
    inputs (ES; the last one is the output space S).
    """

    classes: Tuple[Tuple[int, ...], ...]
    method: str
    activation: str
    depth: int
    num_inputs: int
    degree: Optional[int] = None
    layer_sizes: Tuple[int, ...] = ()

    @property
    def num_classes(self) -> int:
        return len(self.classes)

    def class_of(self, i: int) -> int:
        for k, c in enumerate(self.classes):
            if i in c:
                return k
        raise IndexError(f"input {i} is not in the partition")

    def same(self, i: int, j: int) -> bool:
        return self.class_of(i) == self.class_of(j)

    def refines(self, other: "PartitionResult") -> bool:
        """Whether this partition is finer than or equal to ``other`` (same inputs)."""
        return is_refinement(self.classes, other.classes)

    def to_json(self) -> dict:
        return {"classes": [list(c) for c in self.classes], "num_classes": self.num_classes,
                "num_inputs": self.num_inputs, "method": self.method, "activation": self.activation,
                "depth": self.depth, "degree": self.degree, "layer_sizes": list(self.layer_sizes)}


def partition(arch: Architecture, inputs: Sequence[Any], *, method: str = "auto", degree: Any = "arch",
              progress: Optional[Callable[[int, int], None]] = None) -> PartitionResult:
    """Exact partition of ``inputs`` (rational vectors of length ``arch.input_size``).

    ``method="auto"``: CR for non-polynomial activations, ES for ``poly:d``. ``method="cr"`` always
    gives the non-polynomial relation (for ``poly:d`` architectures too, as an upper bound on
    separation). ``method="es"`` on a non-polynomial architecture uses the stable algebra (``degree``
    None), which reproduces CR; ``degree=`` overrides the ES degree.
    """
    if method not in ("auto", "cr", "es"):
        raise InvalidSpecError(f"method must be 'auto', 'cr' or 'es', got {method!r}")
    if method == "auto":
        method = "es" if arch.is_polynomial else "cr"
    if method == "cr":
        run = colour_refinement(arch, inputs, progress=progress)
        n = run.colours[0].shape[0]
        return PartitionResult(run.input_classes(), "cr", arch.activation, arch.depth, n, None, run.num_colours)
    if degree == "arch":
        degree = arch.degree
    if degree == "infinite":
        degree = None
    res = es_partition(arch, inputs, degree, progress=progress)
    return PartitionResult(res.classes, "es", arch.activation, arch.depth, len(inputs), degree, res.dims_Z)


def separated(arch: Architecture, a: Any, b: Any, *, method: str = "auto") -> bool:
    """Whether some network of the architecture gives different outputs on ``a`` and ``b``."""
    return partition(arch, [a, b], method=method).num_classes == 2


def entrywise_partitions(arch: Architecture, inputs: Sequence[Any]) -> Tuple[Tuple[Tuple[int, ...], ...], ...]:
    """For an equivariant output G-set Y: per output point y the partition of the inputs by the
    entry-wise relation rho_y (equal y-th output for every network; [UD]; docs/theory/separation.md, "Colour refinement (Theorem A)"). The partition of
    :func:`partition` is their common refinement. Non-polynomial activations (CR)."""
    from .cr import classes_from_signatures
    run = colour_refinement(arch, inputs)
    C = run.colours[-1]
    return tuple(classes_from_signatures(C[:, y].tolist()) for y in range(C.shape[1]))


# ----------------------------------------------------------------------------- depth
def _identity_in_span(arch: Architecture, l: int) -> bool:
    """Whether the identity matrix lies in the span of layer ``l``'s basis (same G-set in and out)."""
    from ..linalg import in_row_space
    B = arch.bases[l - 1]
    if B.rows != B.cols:
        return False
    rows = [[x for r in B.dense(i) for x in r] for i in range(B.size)]
    eye = [1 if i == j else 0 for i in range(B.rows) for j in range(B.cols)]
    # identity = sum_i c_i B_i is one equation per matrix position; positions with the same entries
    # in every B_i and in the identity give the same equation, so one of each is enough (exact)
    distinct = list({tuple(r[p] for r in rows) + (eye[p],): p for p in range(len(eye))}.values())
    return bool(rows) and in_row_space([[r[p] for p in distinct] for r in rows], [eye[p] for p in distinct])


def uniform_depth_bound(arch: Architecture) -> int:
    """With the last hidden layer ``Y`` repeated from layer ``L_0`` on, every pair of inputs
    has stabilised by depth ``L_0 + 2|Y| - 1`` (the node partition of a pair has at most 2|Y| classes)."""
    if not arch.layers:
        raise InvalidSpecError("the depth bound needs at least one hidden layer")
    return _first_repeated_depth(arch) + 2 * arch.layers[-1].gset.size - 1


def _first_repeated_depth(arch: Architecture) -> int:
    """``L_0``: the depth of the first copy of the last hidden layer in the final run of equal layers."""
    last = arch.layers[-1]
    L0 = arch.depth
    while L0 > 1 and _same_layer(arch.layers[L0 - 2], last):
        L0 -= 1
    return L0


def _same_layer(a: HiddenLayer, b: HiddenLayer) -> bool:
    return a is b or (a.gset is b.gset and isinstance(a.space, str) and a.space == b.space and a.bias == b.bias)


@dataclass(frozen=True)
class DepthResult:
    """Partitions of the inputs at depths ``first_depth``, ``first_depth + 1``, ... with the last hidden
    layer repeated.

    ``first_depth``: the smallest depth of the form "the layers before the repeated block, then one copy
    of the repeated layer" (1 when every hidden layer is the same layer). ``partitions[i]``: the input
    classes at depth ``first_depth + i`` (also listed with their depths by :meth:`by_depth`; input-level
    relations may stay equal for a step and then split, see docs/theory/separation.md, "Depth").
    ``threshold``: the first depth L at which the node partition of (inputs x Y) equals the one at depth
    L+1 (from then on nothing changes: the layer map only depends on the partition), or None if not
    reached by ``max_depth``; the partitions are listed up to it. ``node_classes[i]``: number of node
    classes at depth ``first_depth + i``. ``identity_in_span``: the hypothesis under which partitions
    only refine with depth. ``uniform_bound``: the input-independent bound of docs/theory/separation.md,
    "Depth".

    >>> from exactsep.groups import cyclic, GSet
    >>> from exactsep.separation import Architecture
    >>> G = cyclic(6); X = GSet.natural(G)
    >>> d = depth_threshold(Architecture(G, X, [(X, "conv:2")] * 2),
    ...                     [[1, 1, 2, 1, 2, 2], [1, 1, 2, 2, 1, 2], [2, 1, 1, 2, 1, 2]])
    >>> d.first_depth, d.threshold
    (1, 4)
    >>> for L, classes in d.by_depth():
    ...     print(L, classes)
    1 ((0, 1, 2),)
    2 ((0, 1, 2),)
    3 ((0, 2), (1,))
    4 ((0, 2), (1,))
    """

    threshold: Optional[int]
    partitions: Tuple[Tuple[Tuple[int, ...], ...], ...]
    node_classes: Tuple[int, ...]
    identity_in_span: bool
    uniform_bound: int
    monotone: bool
    first_depth: int = 1

    @property
    def depths(self) -> Tuple[int, ...]:
        """The depth of each entry of ``partitions``."""
        return tuple(range(self.first_depth, self.first_depth + len(self.partitions)))

    def by_depth(self) -> Tuple[Tuple[int, Tuple[Tuple[int, ...], ...]], ...]:
        """``(depth, classes)`` pairs."""
        return tuple(zip(self.depths, self.partitions))

    def to_json(self) -> dict:
        return {"threshold": self.threshold, "first_depth": self.first_depth,
                "partitions": [{"depth": L, "classes": [list(c) for c in p], "node_classes": n}
                               for (L, p), n in zip(self.by_depth(), self.node_classes)],
                "identity_in_span": self.identity_in_span,
                "uniform_bound": self.uniform_bound, "monotone": self.monotone}


def depth_threshold(arch_or_layers: Any, inputs: Sequence[Any], *, max_depth: Optional[int] = None,
                    progress: Optional[Callable[[int, int], None]] = None) -> DepthResult:
    """Depth at which repeating the last hidden layer stops changing anything on ``inputs`` (CR).

    ``arch_or_layers``: an Architecture (its last hidden layer is repeated; the earlier ones are
    kept) or a dict spec. Starts at the depth ``L_0`` of the first copy of the repeated layer (so the
    result does not depend on how many copies the architecture already has) and stops on node-partition
    stability (docs/theory/separation.md, "Depth"), never on equality of input partitions.
    ``max_depth`` defaults to the uniform bound + 1.
    """
    arch = arch_or_layers if isinstance(arch_or_layers, Architecture) else Architecture.from_spec(arch_or_layers)
    if not arch.layers:
        raise InvalidSpecError("depth_threshold needs at least one hidden layer")
    base = _first_repeated_depth(arch)
    bound = uniform_depth_bound(arch)
    max_depth = max_depth if max_depth is not None else bound + 1
    idin = _identity_in_span(arch.with_depth(base + 1), base + 1)
    parts, nodes = [], []
    prev = None
    threshold = None
    for L in range(base, max_depth + 2):
        a = arch.with_depth(L)
        run = colour_refinement(a, inputs)          # (colour refinement does not read the activation)
        node_part = run.node_partition(L)
        parts.append(run.input_classes())            # (L >= depth >= 1: there is a hidden layer)
        nodes.append(len(node_part))
        if prev is not None and prev == node_part:
            threshold = L - 1
            parts.pop(); nodes.pop()
            break
        prev = node_part
        if progress:
            progress(L, max_depth + 1)
    parts = tuple(parts)             # depths from `base` on
    monotone = all(is_refinement(parts[i + 1], parts[i]) for i in range(len(parts) - 1))
    return DepthResult(threshold, parts, tuple(nodes), idin, bound, monotone, base)


# ----------------------------------------------------------------------------- invariant features / multiplicity
@dataclass(frozen=True)
class InvariantFeatureCheck:
    """Partitions of the inputs for the architecture, for the same with an invariant point ``*`` added
    to hidden layer ``layer`` (X_l + {*}), and with layer ``layer`` replaced by {*} alone."""

    layer: int
    original: Tuple[Tuple[int, ...], ...]
    with_invariant_point: Tuple[Tuple[int, ...], ...]
    all_invariant: Tuple[Tuple[int, ...], ...]

    @property
    def invariant_point_changes_nothing(self) -> bool:
        return self.original == self.with_invariant_point

    @property
    def all_invariant_layer_changes(self) -> bool:
        return self.original != self.all_invariant

    def to_json(self) -> dict:
        return {"layer": self.layer, "original": [list(c) for c in self.original],
                "with_invariant_point": [list(c) for c in self.with_invariant_point],
                "all_invariant": [list(c) for c in self.all_invariant],
                "invariant_point_changes_nothing": self.invariant_point_changes_nothing,
                "all_invariant_layer_changes": self.all_invariant_layer_changes}


def _replace_layer(arch: Architecture, l: int, gset: GSet, space: Any = "full") -> Architecture:
    layers = list(arch.layers)
    layers[l - 1] = HiddenLayer(gset, space, "complete")
    return arch.replace(layers=tuple(layers))


def invariant_feature_check(arch: Architecture, inputs: Sequence[Any], layer: int = 1, *,
                            method: str = "auto") -> InvariantFeatureCheck:
    """Show on ``inputs`` that adding an invariant point to a (full) hidden layer changes nothing
    (docs/theory/separation.md, "Invariant features and multiplicity"), while an all-invariant layer (the trivial G-set alone) is a bottleneck."""
    if not 1 <= layer <= arch.depth:
        raise InvalidSpecError(f"layer must be in 1..{arch.depth}, got {layer}")
    X = arch.layers[layer - 1].gset
    T = GSet.trivial(arch.group)
    orig = partition(arch, inputs, method=method).classes
    plus = partition(_replace_layer(arch, layer, X + T), inputs, method=method).classes
    triv = partition(_replace_layer(arch, layer, T), inputs, method=method).classes
    return InvariantFeatureCheck(layer, orig, plus, triv)


@dataclass(frozen=True)
class MultiplicityCheck:
    """Partitions for the architecture and with hidden layer ``layer`` replaced by ``copies`` disjoint
    copies of its G-set (multiplicity), which must be equal (docs/theory/separation.md, "Invariant features and
    multiplicity")."""

    layer: int
    copies: int
    original: Tuple[Tuple[int, ...], ...]
    duplicated: Tuple[Tuple[int, ...], ...]

    @property
    def changes_nothing(self) -> bool:
        return self.original == self.duplicated

    def to_json(self) -> dict:
        return {"layer": self.layer, "copies": self.copies, "original": [list(c) for c in self.original],
                "duplicated": [list(c) for c in self.duplicated], "changes_nothing": self.changes_nothing}


def multiplicity_check(arch: Architecture, inputs: Sequence[Any], layer: int = 1, copies: int = 2, *,
                       method: str = "auto") -> MultiplicityCheck:
    """Show on ``inputs`` that taking hidden layer ``layer``'s G-set with multiplicity (``copies``
    disjoint copies, full layers) changes nothing."""
    if not 1 <= layer <= arch.depth:
        raise InvalidSpecError(f"layer must be in 1..{arch.depth}, got {layer}")
    if copies < 1:
        raise InvalidSpecError(f"copies must be >= 1, got {copies}")
    X = arch.layers[layer - 1].gset
    orig = partition(arch, inputs, method=method).classes
    dup = partition(_replace_layer(arch, layer, GSet.disjoint_union(*([X] * copies))), inputs, method=method).classes
    return MultiplicityCheck(layer, copies, orig, dup)
