"""Architectures of equivariant networks, as the separation engine sees them.

An :class:`Architecture` is a finite group ``G``, an input G-set ``X_0`` with ``channels`` trivial
channels (the G-set ``X_0 x [c]``, point ``(x, j)`` at index ``x*c + j`` of an input vector), hidden
layers ``X_1..X_L`` (each a G-set with a layer space and a bias), a point-wise activation and an
output: ``"invariant"`` (one readout weight per orbit of ``X_L`` plus a bias, i.e. the full layer space
to the trivial G-set) or ``"equivariant"`` (a full affine layer to an output G-set, by default ``X_0``).
Widths are unbounded (the separation relation does not depend on them).

>>> from exactsep.groups import symmetric, GSet
>>> G = symmetric(3)
>>> arch = Architecture(G, GSet.natural(G), [GSet.natural(G)], activation="relu")
>>> arch.depth, arch.activation, [X.size for X in arch.gsets]
(1, 'relu', [3, 3, 1])
>>> spec = {"group": "C4", "input": "natural", "layers": [{"gset": "regular", "space": {"conv": 2}, "repeat": 2}],
...         "activation": {"poly": 2}, "output": "invariant"}
>>> a2 = Architecture.from_spec(spec)
>>> a2.depth, a2.activation, a2.degree, a2.layers[0].space
(2, 'poly:2', 2, 'conv:2')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ..errors import ComputationLimitError, InvalidGroupError, InvalidGSetError, InvalidSpecError, ShapeError
from ..equivariant.spaces import EquivariantBasis, bias_blocks, layer_basis, parse_space
from ..equivariant.network import parse_activation
from ..groups import GSet, PermGroup, group_from_name

__all__ = ["HiddenLayer", "Architecture", "parse_group", "parse_gset"]

MAX_GSET_SIZE = 20000


def _space_name(space: Any) -> Any:
    kind, arg = parse_space(space)
    if kind == "conv":
        return f"conv:{arg}"
    if kind in ("full", "pointnet"):
        return kind
    return space  # explicit matrices / a basis object: kept as given


@dataclass(frozen=True, eq=False)
class HiddenLayer:
    """A hidden layer: its G-set, its layer space (``"full"``, ``"pointnet"``, ``"conv:k"`` or explicit
    matrices) and its bias (``"complete"`` or a partition of the points into unions of orbits)."""

    gset: GSet
    space: Any = "full"
    bias: Any = "complete"

    def __post_init__(self):
        if not isinstance(self.gset, GSet):
            raise InvalidSpecError(f"a hidden layer needs a GSet, got {type(self.gset).__name__}")
        object.__setattr__(self, "space", _space_name(self.space))

    def describe(self) -> str:
        sp = self.space if isinstance(self.space, str) else "explicit"
        b = "complete" if (self.bias is None or self.bias == "complete") else "partition"
        return f"{self.gset.name or 'gset'}[{self.gset.size}] {sp} bias={b}"


#: Deepest architecture a spec may describe ("repeat" included): the partition stops changing at the depth
#: threshold, far below this; each layer costs a few references (about 4 s per million layers).
MAX_DEPTH = 10 ** 6


def _as_hidden(L: Any, k: int) -> HiddenLayer:
    if isinstance(L, HiddenLayer):
        return L
    if isinstance(L, GSet):
        return HiddenLayer(L)
    if isinstance(L, (tuple, list)) and 1 <= len(L) <= 3 and isinstance(L[0], GSet):
        return HiddenLayer(*L)
    raise InvalidSpecError(f"hidden layer {k} must be a GSet, a (GSet, space[, bias]) tuple or a HiddenLayer")


@dataclass(frozen=True, eq=False)
class Architecture:
    """An equivariant architecture (see the module docstring).

    ``Architecture(G, X0, layers, activation="relu", output="invariant", channels=1,
    output_gset=None, output_space="full")``; ``layers`` items are GSets, ``(GSet, space[, bias])``
    tuples or :class:`HiddenLayer` s. ``activation``: ``"relu"``, ``"sigmoid"``, ``"tanh"``, ``"gelu"``, ...
    (any non-polynomial one) or ``"poly:d"`` / ``{"poly": d}``.
    """

    group: PermGroup
    input: GSet
    layers: Tuple[HiddenLayer, ...] = ()
    activation: Any = "relu"
    output: str = "invariant"
    channels: int = 1
    output_gset: Optional[GSet] = None
    output_space: Any = "full"
    _cache: Dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if not isinstance(self.group, PermGroup):
            raise InvalidSpecError(f"group must be a PermGroup, got {type(self.group).__name__}")
        if not isinstance(self.input, GSet):
            raise InvalidSpecError(f"input must be a GSet, got {type(self.input).__name__}")
        layers = tuple(_as_hidden(L, k) for k, L in enumerate(self.layers))
        object.__setattr__(self, "layers", layers)
        self._check_same_group(self.input, "input")
        for k, L in self._runs():                           # a repeated layer is checked once
            self._check_same_group(L.gset, f"hidden layer {k}")
        object.__setattr__(self, "activation", parse_activation(self.activation))
        c = self.channels
        if isinstance(c, bool) or not isinstance(c, int) or c < 1:
            raise InvalidSpecError(f"channels must be a positive integer, got {c!r}")
        out = self.output
        if out not in ("invariant", "equivariant"):
            raise InvalidSpecError(f"output must be 'invariant' or 'equivariant', got {out!r}")
        if out == "equivariant":
            if self.output_gset is None:
                object.__setattr__(self, "output_gset", self.input)
            self._check_same_group(self.output_gset, "output")
        else:
            if self.output_gset is not None:
                raise InvalidSpecError("an invariant output has no output G-set (it is the trivial one)")
            object.__setattr__(self, "output_gset", GSet.trivial(self.group))
        object.__setattr__(self, "output_space", _space_name(self.output_space))
        # build and check every basis and bias now, so bad specs fail at construction
        self.bases
        self.blocks

    def _check_same_group(self, X: GSet, what: str):
        if X.group is not self.group and X.group.generators != self.group.generators:
            raise InvalidSpecError(f"the {what} G-set belongs to a different group (or different generators)")
        if X.size > MAX_GSET_SIZE:
            raise ComputationLimitError(f"the {what} G-set has {X.size} points (limit {MAX_GSET_SIZE})")

    # -- derived structure --
    @property
    def depth(self) -> int:
        """Number of hidden layers L (the network has L + 1 affine layers and L activations)."""
        return len(self.layers)

    @property
    def gsets(self) -> List[GSet]:
        """``[X_0, X_1, ..., X_L, X_out]`` (``X_0`` without channels)."""
        return [self.input] + [L.gset for L in self.layers] + [self.output_gset]

    @property
    def input_size(self) -> int:
        """Length of an input vector: ``|X_0| * channels``."""
        return self.input.size * self.channels

    @property
    def is_polynomial(self) -> bool:
        return self.activation.startswith("poly:")

    @property
    def degree(self) -> Optional[int]:
        """The degree d of a polynomial activation ``poly:d``; None for a non-polynomial one."""
        return int(self.activation[5:]) if self.is_polynomial else None

    @property
    def bases(self) -> List[EquivariantBasis]:
        """Basis of the layer space of layers 1..L+1 (the last one is the output layer)."""
        if "bases" not in self._cache:
            Xs = self.gsets
            spaces = [L.space for L in self.layers] + [self.output_space]
            out = []
            # a repeated layer ("repeat": r) is one object: its basis is built once and shared
            # (the keyed objects live in self.layers, so their ids stay valid)
            seen: Dict[Tuple[int, int, int, int], Any] = {}
            for l in range(1, len(Xs)):
                ch = self.channels if l == 1 else 1
                key = (id(spaces[l - 1]), id(Xs[l]), id(Xs[l - 1]), ch)
                if key not in seen:
                    try:
                        seen[key] = layer_basis(spaces[l - 1], Xs[l], Xs[l - 1], channels=ch)
                    except InvalidSpecError as e:
                        raise type(e)(f"layer {l}: {e}") from None
                out.append(seen[key])
            self._cache["bases"] = out
        return self._cache["bases"]

    @property
    def blocks(self) -> List[Tuple[int, ...]]:
        """Bias block label of every point, for layers 1..L+1 (output: its orbits)."""
        if "blocks" not in self._cache:
            out = []
            seen_blocks: Dict[int, Any] = {}
            for k, L in enumerate(self.layers):
                if id(L) not in seen_blocks:
                    try:
                        seen_blocks[id(L)] = bias_blocks(L.gset, L.bias)
                    except InvalidSpecError as e:
                        raise type(e)(f"layer {k + 1}: {e}") from None
                out.append(seen_blocks[id(L)])
            out.append(bias_blocks(self.output_gset, "complete"))
            self._cache["blocks"] = out
        return self._cache["blocks"]

    # -- variants --
    def replace(self, **changes) -> "Architecture":
        """A copy with some fields changed (``layers=``, ``activation=``, ``output=``, ...)."""
        kw = dict(group=self.group, input=self.input, layers=self.layers, activation=self.activation,
                  output=self.output, channels=self.channels,
                  output_gset=self.output_gset if self.output == "equivariant" else None,
                  output_space=self.output_space)
        kw.update(changes)
        if kw["output"] == "invariant":
            kw["output_gset"] = None
        return Architecture(**kw)

    def with_depth(self, L: int) -> "Architecture":
        """The architecture with the last hidden layer repeated (or layers dropped) to depth ``L``."""
        if not self.layers:
            raise InvalidSpecError("an architecture without hidden layers has no layer to repeat")
        if L < 1:
            raise InvalidSpecError(f"depth must be >= 1, got {L}")
        layers = list(self.layers[:L]) + [self.layers[-1]] * max(0, L - len(self.layers))
        try:
            return self.replace(layers=tuple(layers))
        except ShapeError as e:
            raise InvalidSpecError(
                f"cannot repeat the last hidden layer to reach depth {L}: its explicit basis maps the previous "
                f"layer's G-set, not its own ({e}); give the repeated layers explicitly") from None

    def _runs(self) -> List[Tuple[int, "HiddenLayer"]]:
        """``(first index, layer)`` of each run of one repeated layer object ("repeat": r in a spec)."""
        return [(k, L) for k, L in enumerate(self.layers) if k == 0 or self.layers[k - 1] is not L]

    def _run_lengths(self) -> List[Tuple[int, int, "HiddenLayer"]]:
        starts = self._runs()
        ends = [k for k, _ in starts[1:]] + [len(self.layers)]
        return [(k, e - k, L) for (k, L), e in zip(starts, ends)]

    def describe(self) -> str:
        parts = [f"G={self.group!r} (order {self.group.order})",
                 f"input {self.input.name or 'gset'}[{self.input.size}]" + (f"x{self.channels}" if self.channels > 1 else "")]
        parts += [f"L{k + 1}: {L.describe()}" if r == 1 else f"L{k + 1}-L{k + r}: {L.describe()} (repeated {r} times)"
                  for k, r, L in self._run_lengths()]
        parts.append(f"activation {self.activation}, output {self.output}")
        return "; ".join(parts)

    def to_json(self) -> dict:
        return {"group": {"generators": [list(g) for g in self.group.generators], "degree": self.group.degree,
                          "order": self.group.order, "name": repr(self.group)},
                "input": {"size": self.input.size, "channels": self.channels, "name": self.input.name},
                # one entry per run of a repeated layer, with "repeat" when it is more than 1
                "layers": [{"size": L.gset.size, "gset": L.gset.name,
                            "space": L.space if isinstance(L.space, str) else "explicit",
                            "dimension": self.bases[k].size,
                            "bias_blocks": max(self.blocks[k]) + 1 if self.blocks[k] else 0,
                            **({"repeat": r} if r > 1 else {})}
                           for k, r, L in self._run_lengths()],
                "activation": self.activation, "output": self.output,
                "output_size": self.output_gset.size}

    # -- JSON spec --
    @classmethod
    def from_spec(cls, spec: dict) -> "Architecture":
        """Build from the CLI's SPEC object (``inputs`` may be present and is ignored here).

        Keys: ``group`` (a name ``S3``/``A4``/``C4``/``D4`` or ``{"generators": [[...], ...]}``);
        ``input`` (a G-set spec, optionally as ``{"gset": ..., "channels": c}`` or with a
        ``"channels"`` key next to ``power``/``images``...); ``layers`` (a list of
        ``{"gset": ..., "space": ..., "bias": ..., "repeat": r}``); ``activation``; ``output``
        (``"invariant"``, ``"equivariant"`` or ``{"equivariant": gset, "space": ...}``).

        G-set specs: ``"natural"``, ``"regular"``, ``"trivial"``, ``{"power": k}``, ``{"subsets": k}``,
        ``{"images": [[...], ...]}`` (one image list per group generator), ``{"cosets": {"generators": [...]}}``,
        ``{"union": [spec, spec, ...]}``.
        """
        if not isinstance(spec, dict):
            raise InvalidSpecError(f"the spec must be a JSON object, got {type(spec).__name__}")
        allowed = {"group", "input", "layers", "activation", "output", "inputs", "channels", "name", "description",
                   "comment", "method", "expected"}
        unknown = set(spec) - allowed
        if unknown:
            raise InvalidSpecError(f"unknown spec key(s) {sorted(unknown)}; known: {sorted(allowed)}")
        for k in ("group", "input"):
            if k not in spec:
                raise InvalidSpecError(f"the spec needs a {k!r} key")
        G = parse_group(spec["group"])
        inp = spec["input"]
        channels = spec.get("channels", 1)
        if isinstance(inp, dict) and "channels" in inp:
            inp = dict(inp)
            channels = inp.pop("channels")
            if set(inp) == {"gset"}:
                inp = inp["gset"]
        X0 = parse_gset(G, inp, what="input")
        layers_spec = spec.get("layers", [])
        if not isinstance(layers_spec, list):
            raise InvalidSpecError("'layers' must be a list of layer objects")
        layers = []
        for k, Ls in enumerate(layers_spec):
            if isinstance(Ls, (str, dict)) and not (isinstance(Ls, dict) and "gset" in Ls):
                Ls = {"gset": Ls}
            extra = set(Ls) - {"gset", "space", "bias", "repeat"}
            if extra:
                raise InvalidSpecError(f"layer {k}: unknown key(s) {sorted(extra)}")
            X = parse_gset(G, Ls["gset"], what=f"layer {k}")
            rep = Ls.get("repeat", 1)
            if isinstance(rep, bool) or not isinstance(rep, int) or rep < 1:
                raise InvalidSpecError(f"layer {k}: repeat must be a positive integer, got {rep!r}")
            if len(layers) + rep > MAX_DEPTH:
                raise ComputationLimitError(
                    f"layer {k}: repeat {rep} makes the network deeper than {MAX_DEPTH:,} hidden layers; the partition "
                    "stops changing at the depth threshold (use --depth-threshold to find it), so a deeper repeat "
                    "adds nothing")
            layers.extend([HiddenLayer(X, Ls.get("space", "full"), Ls.get("bias", "complete"))] * rep)
        act = spec.get("activation", "relu")
        out = spec.get("output", "invariant")
        out_gset, out_space = None, "full"
        if isinstance(out, dict):
            o = dict(out)
            if "equivariant" in o:
                out_gset = parse_gset(G, o.pop("equivariant"), what="output") if o["equivariant"] not in (True, None) else None
                out_space = o.pop("space", "full")
                if o:
                    raise InvalidSpecError(f"output: unknown key(s) {sorted(o)}")
                out = "equivariant"
            else:
                raise InvalidSpecError(f"output must be 'invariant', 'equivariant' or {{'equivariant': gset}}, got {out!r}")
        return cls(G, X0, tuple(layers), activation=act, output=out, channels=channels, output_gset=out_gset,
                   output_space=out_space)


def parse_group(g: Any) -> PermGroup:
    """A group from a name (``"S3"``) or ``{"generators": [[...], ...]}``."""
    if isinstance(g, PermGroup):
        return g
    if isinstance(g, str):
        return group_from_name(g)
    if isinstance(g, dict) and "generators" in g and set(g) <= {"generators", "degree", "name"}:
        gens = g["generators"]
        if not isinstance(gens, list):
            raise InvalidGroupError("'generators' must be a list of image lists")
        return PermGroup(gens, degree=g.get("degree"), name=g.get("name"))
    raise InvalidGroupError(f"group must be a name such as 'S3' or {{'generators': [[...], ...]}}, got {g!r}")


def parse_gset(G: PermGroup, s: Any, what: str = "G-set") -> GSet:
    """A G-set of ``G`` from its spec (see :meth:`Architecture.from_spec`)."""
    if isinstance(s, GSet):
        return s
    if isinstance(s, str):
        k = s.strip().lower()
        if k == "natural":
            return GSet.natural(G)
        if k == "regular":
            if G.order > MAX_GSET_SIZE:
                raise ComputationLimitError(f"{what}: the regular G-set of a group of order {G.order} is too large")
            return GSet.regular(G)
        if k == "trivial":
            return GSet.trivial(G)
        raise InvalidSpecError(f"{what}: unknown G-set {s!r}; use natural, regular, trivial, {{'power': k}}, "
                               "{'subsets': k}, {'images': [...]}, {'cosets': {'generators': [...]}}, {'union': [...]}")
    if isinstance(s, dict) and len(s) == 1:
        (key, val), = s.items()
        if key in ("power", "subsets"):
            if isinstance(val, bool) or not isinstance(val, int) or val < 0:
                raise InvalidSpecError(f"{what}: {key} needs a non-negative integer, got {val!r}")
            size = G.degree ** val if key == "power" else None
            if size is not None and size > MAX_GSET_SIZE:
                raise ComputationLimitError(f"{what}: power({val}) has {size} points (limit {MAX_GSET_SIZE})")
            return GSet.power(G, val) if key == "power" else GSet.subsets(G, val)
        if key == "images":
            if not isinstance(val, list):
                raise InvalidGSetError(f"{what}: 'images' must be a list of image lists, one per group generator")
            for j, im in enumerate(val):
                if not isinstance(im, list):
                    raise InvalidGSetError(f"{what}: image list {j} must be a list of integers")
            lens = {len(im) for im in val}
            if len(lens) > 1:
                raise InvalidGSetError(f"{what}: image lists have different lengths {sorted(lens)}")
            try:
                return GSet.from_images(G, val)
            except InvalidGSetError as e:
                raise InvalidGSetError(f"{what}: {e}") from None
        if key == "cosets":
            gens = val.get("generators") if isinstance(val, dict) else val
            if not isinstance(gens, list):
                raise InvalidSpecError(f"{what}: cosets needs {{'generators': [[...], ...]}} (generators of H)")
            if not gens:
                H = PermGroup([], degree=G.degree)
            else:
                H = PermGroup(gens, degree=G.degree)
            if G.order // max(H.order, 1) > MAX_GSET_SIZE:
                raise ComputationLimitError(f"{what}: G/H has too many points")
            return GSet.cosets(G, H)
        if key == "union":
            if not isinstance(val, list) or not val:
                raise InvalidSpecError(f"{what}: union needs a non-empty list of G-set specs")
            return GSet.disjoint_union(*[parse_gset(G, v, what) for v in val])
    raise InvalidSpecError(f"{what}: cannot read the G-set spec {s!r}")
