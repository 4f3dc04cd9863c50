"""Space folding chi, exactly.

For a walk of activation patterns ``Gamma = (pi_1, ..., pi_n)`` on the Hamming cube (consecutive
duplicates removed),

    r1 = max_i d_H(pi_1, pi_i),   r2 = sum_i d_H(pi_i, pi_{i+1}),   chi = 1 - r1 / r2   (0 when r2 = 0),

(Lewandowski et al., *On Space Folds of ReLU Neural Networks*, TMLR 2025). :func:`fold` computes the
EXACT walk of a segment ``x1 -> x2`` through a piecewise-linear network from its exact line partition
(:func:`exactsep.nets.segment_partition`): ``(pi(x1), pi(piece_0), ..., pi(piece_K-1), pi(x2))``,
patterns at interior breakpoints excluded (they have measure zero; this makes the exact value the limit
of generic sampling), endpoints included (they matter when ``x1`` or ``x2`` lies on a boundary).

Bits (one per neuron of every layer with an activation, or of the chosen ``layers``):

* ``"sign"`` (default): 1 iff the pre-activation is > 0 (zero reads 0). For ReLU this is the paper's
  bit; for leaky-ReLU (positive slope), ELU, GELU, SiLU, tanh, hard-tanh and ReLU6 it equals the
  paper's rule ``f(z) > 0``.
* ``"output"``: the paper's rule ``f(z) > 0`` literally (differs for a negative leaky slope; always 1
  for sigmoid and softplus, so chi = 0 there).
* ``"piece"``: the linear-piece index of multi-piece activations (hard-tanh, ReLU6: 0/1/2), Hamming
  distance over piece labels (an exactsep option, not the paper's).

>>> from exactsep.nets import Network
>>> net = Network.from_layers([                       # Ex. 2 of docs/theory/folding.md
...     {"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
...     {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"}])
>>> res = fold(net, [0], [40])
>>> res.chi, res.r1, res.r2, res.chi_reverse, res.pieces
(Fraction(1, 2), 4, 8, Fraction(5, 8), 9)
>>> fold(net, [0], [40], layers=[1]).chi
Fraction(2, 3)
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import InvalidInputError, InvalidSpecError
from ..numbers import fraction_str, normalize, to_json_number, Rational

__all__ = ["WalkStats", "FoldingResult", "walk_stats", "chi_of_walk", "chi_profile", "dedupe_walk", "fold",
           "fold_walk", "interaction", "interaction_of_walks", "interaction_profile", "layer_subsets"]

BITS = ("sign", "output", "piece")


# ----------------------------------------------------------------------------------------------
# walks -> numbers
def dedupe_walk(walk: Any) -> np.ndarray:
    """The walk as an int array (steps x bits) with consecutive duplicate patterns removed."""
    W = _as_walk(walk)
    return W if len(W) <= 1 else W[_dedupe_mask(W)]


def _dedupe_mask(W: np.ndarray) -> np.ndarray:
    """True at the steps of the walk array ``W`` that differ from the previous one (and at step 0)."""
    keep = np.ones(len(W), dtype=bool)
    keep[1:] = (W[1:] != W[:-1]).any(axis=1)
    return keep


def _as_walk(walk: Any) -> np.ndarray:
    if isinstance(walk, np.ndarray):
        if walk.ndim != 2:
            raise InvalidInputError(f"a walk is a 2-d array (steps x bits), got shape {walk.shape}")
        return walk.astype(np.int64, copy=False)
    rows = []
    for p in walk:
        if isinstance(p, np.ndarray):
            rows.append([int(v) for v in p.ravel()])
        else:
            rows.append(_flatten(p))
    if not rows:
        raise InvalidInputError("a walk needs at least one pattern")
    m = len(rows[0])
    if any(len(r) != m for r in rows):
        raise InvalidInputError("all patterns of a walk must have the same number of bits")
    return np.array(rows, dtype=np.int64).reshape(len(rows), m)


def _flatten(p) -> List[int]:
    out = []
    for v in p:
        if isinstance(v, (tuple, list, np.ndarray)):
            out.extend(_flatten(v))
        else:
            if isinstance(v, bool):
                v = int(v)
            if not isinstance(v, (int, np.integer)):
                raise InvalidInputError(f"pattern entries must be integers (bits or piece labels), got {v!r}")
            out.append(int(v))
    return out


@dataclass(frozen=True)
class WalkStats:
    """chi and its ingredients for one de-duplicated walk."""

    chi: Rational
    r1: int
    r2: int
    distances_from_start: Tuple[int, ...]     # d_H(pi_1, pi_i)
    steps: Tuple[int, ...]                    # d_H(pi_i, pi_{i+1})

    @property
    def endpoint_distance(self) -> int:
        """D = d_H(pi_1, pi_n) (the bounds (1 - D/L)/2 <= chi <= 1 - D/L use it, L = r2)."""
        return self.distances_from_start[-1]

    def to_json(self) -> dict:
        return {"chi": fraction_str(self.chi), "r1": self.r1, "r2": self.r2,
                "distances_from_start": list(self.distances_from_start), "steps": list(self.steps)}


def walk_stats(walk: Any) -> WalkStats:
    """r1, r2 and chi of a walk of patterns (any nesting of ints; consecutive duplicates removed first).

    >>> walk_stats([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
    WalkStats(chi=Fraction(1, 2), r1=2, r2=4, distances_from_start=(0, 1, 2, 1, 0), steps=(1, 1, 1, 1))
    """
    W = dedupe_walk(walk)
    dist = (W != W[0]).sum(axis=1)
    steps = (W[1:] != W[:-1]).sum(axis=1) if len(W) > 1 else np.zeros(0, dtype=np.int64)
    r1 = int(dist.max()) if len(dist) else 0
    r2 = int(steps.sum())
    chi = normalize(Fraction(r2 - r1, r2)) if r2 else 0
    return WalkStats(chi, r1, r2, tuple(int(v) for v in dist), tuple(int(v) for v in steps))


def chi_of_walk(walk: Any) -> Rational:
    """chi = 1 - r1/r2 of a walk of patterns (0 when the walk stays in one pattern).

    >>> chi_of_walk([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
    Fraction(1, 2)
    """
    return walk_stats(walk).chi


def chi_profile(walk: Any) -> Tuple[Rational, ...]:
    """The running profile: for each prefix ``pi_1..pi_k`` of the de-duplicated walk,
    ``chi_k = 1 - max_{i<=k} d(pi_1, pi_i) / sum_{i<k} d(pi_i, pi_{i+1})`` (0 while the sum is 0).
    The last entry is chi.

    >>> [str(c) for c in chi_profile([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])]
    ['0', '0', '0', '1/3', '1/2']
    """
    return _profile(walk_stats(walk))


def _profile(s) -> Tuple[Rational, ...]:
    """:func:`chi_profile` from the :func:`walk_stats` of the walk."""
    out = []
    best, total = 0, 0
    for k, dk in enumerate(s.distances_from_start):
        if k:
            total += s.steps[k - 1]
        best = max(best, dk)
        out.append(normalize(Fraction(total - best, total)) if total else 0)
    return tuple(out)


def interaction_of_walks(walk1: Any, walk2: Any) -> Rational:
    """Interaction coefficient ``I = chi(G1 + G2) - chi(G1) - chi(G2)`` of two walks sharing their
    joint pattern (the last pattern of ``walk1`` is the first of ``walk2``).

    >>> interaction_of_walks([(0, 0), (1, 0), (1, 1)], [(1, 1), (0, 1), (0, 0)])
    Fraction(1, 2)
    """
    W1, W2 = dedupe_walk(walk1), dedupe_walk(walk2)
    if W1.shape[1] != W2.shape[1]:
        raise InvalidInputError("the two walks have patterns of different lengths")
    if not np.array_equal(W1[-1], W2[0]):
        raise InvalidInputError("the walks must share a pattern: walk1 must end where walk2 starts")
    joint = np.concatenate([W1, W2[1:]], axis=0)
    return normalize(Fraction(chi_of_walk(joint)) - chi_of_walk(W1) - chi_of_walk(W2))


def interaction_profile(walk: Any) -> Tuple[Rational, ...]:
    """``I(k) = chi(Gamma) - chi(pi_1..pi_k) - chi(pi_k..pi_n)`` for every split index k of the
    de-duplicated walk (the two halves share pi_k).

    >>> [str(v) for v in interaction_profile([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])]
    ['0', '1/6', '1/2', '1/6', '0']
    """
    W = dedupe_walk(walk)
    total = Fraction(chi_of_walk(W))
    return tuple(normalize(total - chi_of_walk(W[:k + 1]) - chi_of_walk(W[k:])) for k in range(len(W)))


# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FoldingResult:
    """Exact space folding along a segment ``x1 -> x2``.

    ``walk``: the de-duplicated walk of patterns (tuples of ints, the chosen layers' bits concatenated);
    ``walk_t``: for each walk entry the t where it starts (0 for pi(x1)); ``breakpoints``: the exact
    breakpoints in t of the layers used (``pieces`` = number of open pieces of the segment, all layers);
    ``layers``: the network layer indices whose bits count; ``exact``: True when every number is exact
    (always for piecewise-linear networks; for smooth activations True only when every sign change was
    certified, see :mod:`exactsep.folding.smooth`). For smooth activations the ``breakpoints`` are the
    midpoints of the certified isolating intervals ``breakpoint_intervals`` (each holds exactly one sign
    change); for piecewise-linear networks they are exact and ``breakpoint_intervals`` is empty.
    """

    chi: Rational
    chi_reverse: Rational
    r1: int
    r2: int
    r1_reverse: int
    endpoint_distance: int
    walk: Tuple[Tuple[int, ...], ...]
    walk_t: Tuple[Rational, ...]
    profile: Tuple[Rational, ...]
    breakpoints: Tuple[Rational, ...]
    pieces: int
    layers: Tuple[int, ...]
    bits: str
    exact: bool = True
    method: str = "exact line partition"
    note: str = ""
    breakpoint_intervals: Tuple[Tuple[Rational, Rational], ...] = ()

    @property
    def symmetric_chi(self) -> Rational:
        """(chi + chi_reverse) / 2 (the slides' d_chi; not a pseudo-metric in general)."""
        return normalize((Fraction(self.chi) + self.chi_reverse) / 2)

    @property
    def bounds(self) -> Tuple[Rational, Rational]:
        """The deterministic bounds ``((1 - D/L)/2, 1 - D/L)`` on chi (D = endpoint distance, L = r2);
        ``(0, 0)`` when r2 = 0."""
        if not self.r2:
            return (0, 0)
        u = 1 - Fraction(self.endpoint_distance, self.r2)
        return (normalize(u / 2), normalize(u))

    def to_json(self) -> dict:
        return {"chi": fraction_str(self.chi), "chi_reverse": fraction_str(self.chi_reverse),
                "r1": self.r1, "r2": self.r2, "r1_reverse": self.r1_reverse,
                "endpoint_distance": self.endpoint_distance,
                "pieces": self.pieces, "breakpoints": [fraction_str(t) for t in self.breakpoints],
                "walk_length": len(self.walk), "walk": ["".join(map(str, p)) if max(p, default=0) < 10 and min(p, default=0) >= 0
                                                        else list(p) for p in self.walk],
                "walk_t": [to_json_number(t) for t in self.walk_t],
                "profile": [fraction_str(c) for c in self.profile],
                "layers": list(self.layers), "bits": self.bits, "exact": self.exact, "method": self.method,
                **({"note": self.note} if self.note else {}),
                **({"breakpoint_intervals": [[fraction_str(a), fraction_str(b)] for a, b in self.breakpoint_intervals]}
                   if self.breakpoint_intervals else {})}


def _bit_columns(net, pattern_layers: Sequence[int], widths: Sequence[int], layers: Optional[Iterable[int]]):
    """Column indices (into the concatenated pattern) of the chosen layers, and the chosen layers."""
    act_layers = list(pattern_layers)
    if layers is None:
        chosen = act_layers
    else:
        chosen = []
        for l in layers:
            if isinstance(l, bool) or not isinstance(l, (int, np.integer)):
                raise InvalidSpecError(f"layers must be layer indices (integers), got {l!r}")
            l = int(l)
            if l < 0:
                l += len(net.layers)
            if l not in act_layers:
                raise InvalidSpecError(
                    f"layer {l} has no activation (no bits); layers with bits: {act_layers}")
            if l not in chosen:
                chosen.append(l)
        chosen.sort()
    offs = np.cumsum([0] + list(widths))
    cols = []
    for l in chosen:
        i = act_layers.index(l)
        cols.extend(range(offs[i], offs[i + 1]))
    return np.array(cols, dtype=np.int64), tuple(chosen)


def _sign_to_bits(net, pattern_layers, widths, codes: np.ndarray, bits: str) -> np.ndarray:
    """Map a ternary sign matrix (rows x all bits) to 0/1 bits: ``sign`` -> z > 0; ``output`` -> f(z) > 0."""
    if bits == "sign":
        return (codes > 0).astype(np.int8)
    out = np.empty_like(codes, dtype=np.int8)
    off = 0
    for l, w in zip(pattern_layers, widths):
        act = net.layers[l].activation
        blk = codes[:, off:off + w]
        out[:, off:off + w] = np.vectorize(lambda s: output_bit(act, int(s)), otypes=[np.int8])(blk) if blk.size else blk
        off += w
    return out


def output_bit(act, sign: int) -> int:
    """The paper's bit ``f(z) > 0`` from the sign of z, for every known activation."""
    n = act.name
    if n in ("sigmoid", "softplus"):
        return 1
    if n == "leaky_relu":
        a = act.param
        if sign > 0:
            return 1
        return int(sign < 0 and a < 0)
    if n == "elu":
        return int(sign > 0) if act.param >= 0 else int(sign != 0)
    return int(sign > 0)


def fold_walk(walk: Any, walk_t: Optional[Sequence[Rational]] = None, *, breakpoints=(), pieces: int = 0,
              layers=(), bits: str = "sign", exact_flag: bool = True, method: str = "walk",
              note: str = "", breakpoint_intervals=()) -> FoldingResult:
    """A :class:`FoldingResult` from an explicit walk of patterns (e.g. from your own sampler)."""
    W = _as_walk(walk)
    keep = _dedupe_mask(W)
    ts = None if walk_t is None else [t for t, k in zip(walk_t, keep) if k]
    W = W[keep]
    fwd = walk_stats(W)
    rev = walk_stats(W[::-1])
    return FoldingResult(fwd.chi, rev.chi, fwd.r1, fwd.r2, rev.r1, fwd.endpoint_distance,
                         tuple(map(tuple, W.tolist())),
                         tuple(ts) if ts is not None else tuple(range(len(W))),
                         _profile(fwd), tuple(breakpoints), pieces, tuple(layers), bits, exact_flag, method, note,
                         tuple(breakpoint_intervals))


def fold(net, x1: Any, x2: Any, *, layers: Optional[Iterable[int]] = None, bits: str = "sign",
         partition=None, certify_smooth: bool = True, **smooth_kw) -> FoldingResult:
    """Exact space folding chi of the segment ``x1 -> x2`` (see the module docstring for the walk and
    the bits). ``layers``: network layer indices whose bits count (default: every layer with an
    activation); any subset gives the layer-subset variant chi_S. ``partition``: a precomputed
    :func:`~exactsep.nets.segment_partition` of this segment to reuse.

    Networks with smooth activations (tanh, GELU, SiLU, ELU, sigmoid, softplus) go through
    :func:`exactsep.folding.smooth.fold_smooth` (certified root isolation; ``exact`` says whether
    everything was certified).

    >>> from exactsep.nets import Network
    >>> net = Network.from_layers([{"W": [[1, 0], [0, 1], [1, 1], [-1, 0]], "b": [0, 0, -1, 2],
    ...                             "activation": "relu"}, {"W": [[1, 1, 1, 1]], "b": [0]}])
    >>> r = fold(net, [-1, -2], [3, 1])                   # Ex. 1: one hidden layer never folds
    >>> r.chi, r.r1, r.r2, [str(t) for t in r.breakpoints]
    (0, 4, 4, ['1/4', '4/7', '2/3', '3/4'])
    """
    if bits not in BITS:
        raise InvalidSpecError(f"bits must be one of {', '.join(BITS)}; got {bits!r}")
    unknown = set(smooth_kw) - {"prec", "min_width", "max_intervals", "refine_width"}
    if unknown:
        raise InvalidInputError(f"unknown option(s) {', '.join(sorted(unknown))} for fold")
    if any(L.activation is not None and not L.activation.piecewise_linear for L in net.layers):
        from .smooth import fold_smooth
        return fold_smooth(net, x1, x2, layers=layers, bits=bits, **smooth_kw)
    if partition is None:
        from ..nets.segment import segment_partition
        partition = segment_partition(net, x1, x2, bits="piece" if bits == "piece" else "sign")
    part = partition
    cols, chosen = _bit_columns(net, part.pattern_layers, part.widths, layers)
    codes = part._codes
    ends = [np.array([[v for layer in p for v in layer]], dtype=np.int8) for p in part.endpoint_patterns]
    full = np.concatenate([ends[0], codes, ends[1]], axis=0)
    if bits != "piece":
        full = _sign_to_bits(net, part.pattern_layers, part.widths, full, bits)
    W = full[:, cols]
    ts = [part.t_min, part.t_min] + list(part.breakpoints) + [part.t_max]   # pi(x1), then each piece's start
    # breakpoints of the chosen layers only: where the chosen bits change between pieces
    if len(chosen) == len(part.pattern_layers):
        bps = part.breakpoints
    else:
        sub = codes[:, cols]
        change = (sub[1:] != sub[:-1]).any(axis=1) if len(sub) > 1 else np.zeros(0, dtype=bool)
        bps = tuple(t for t, c in zip(part.breakpoints, change) if c)
    return fold_walk(W, ts, breakpoints=bps, pieces=part.num_pieces, layers=chosen, bits=bits)


def layer_subsets(net, x1: Any, x2: Any, subsets: Optional[Iterable[Iterable[int]]] = None, *,
                  bits: str = "sign") -> dict:
    """chi_S for several layer sets S from ONE partition: by default every single layer, every prefix
    {l_1..l_k} (the cumulative tessellation) and all layers. Returns ``{tuple(S): FoldingResult}``.

    >>> from exactsep.nets import Network
    >>> net = Network.from_layers([
    ...     {"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
    ...     {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"}])
    >>> {S: str(r.chi) for S, r in layer_subsets(net, [0], [40]).items()}
    {(0,): '0', (1,): '2/3', (0, 1): '1/2'}
    """
    from ..nets.segment import segment_partition
    part = segment_partition(net, x1, x2, bits="piece" if bits == "piece" else "sign")
    act = list(part.pattern_layers)
    if subsets is None:
        subsets = [[l] for l in act] + [act[:k] for k in range(2, len(act) + 1)]
    out = {}
    for S in subsets:
        r = fold(net, x1, x2, layers=S, bits=bits, partition=part)
        out[r.layers] = r
    return out


def interaction(net, x1: Any, x2: Any, x3: Any, **kw) -> Rational:
    """Interaction coefficient ``I = chi(G1 + G2) - chi(G1) - chi(G2)`` of the walks ``x1 -> x2`` and
    ``x2 -> x3`` (they share pi(x2)); keyword arguments as in :func:`fold`.

    >>> from exactsep.nets import Network
    >>> net = Network.from_layers([{"W": [[1]], "b": [0], "activation": "relu"}])
    >>> interaction(net, [-1], [1], [-1])      # 0 -> 1 -> 0: each half flat, together chi = 1/2
    Fraction(1, 2)
    """
    a = fold(net, x1, x2, **kw)
    b = fold(net, x2, x3, **kw)
    return interaction_of_walks(a.walk, b.walk)
