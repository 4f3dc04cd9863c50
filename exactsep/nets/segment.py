"""The exact partition of a line (or segment) by a piecewise-linear network.

Along ``t -> point + t * direction`` every pre-activation of a piecewise-linear network is a
continuous piecewise-affine function of ``t``. :func:`line_partition` cuts the interval
``(t_min, t_max)`` into the maximal open pieces on which every neuron keeps its linear piece (and,
with ``bits="sign"``, its sign), EXACTLY, layer by layer: on each current piece, layer ``l``'s
pre-activation is an exact affine function ``alpha + beta * t`` of ``t`` (computed from the
previous layers' linear pieces, never by interpolating values); the roots of
``alpha + beta * t = c`` for the activation's breakpoints ``c`` that lie strictly inside the piece
split it. Roots are compared and de-duplicated exactly, so coincident switchings are found exactly.

This is the one implementation of breakpoints along a line in exactsep: space folding
(:mod:`exactsep.folding`) and the ``n0 = 1`` regions of :mod:`exactsep.relu` use it.

Implementation: denominators are cleared once (positive per-layer scalings do not change any
pattern), so ``alpha`` and ``beta`` are integers; they are held in float64 arrays while every
intermediate is certified to stay below 2**52 (integer arithmetic in doubles is then exact, and
vectorised), in numpy object arrays of Python ints otherwise. Roots are located with a float
filter and every comparison the filter cannot decide is made with ``Fraction``.

Example (the bare ReLU line of the SyReNN README, ratios 1/3 and 2/3):

>>> from exactsep.nets import Network
>>> from exactsep.nets.segment import segment_partition
>>> net = Network.from_layers([{"W": [[1, 0], [0, 1]], "b": [0, 0], "activation": "relu"}])
>>> part = segment_partition(net, ["-1/2", 1], [1, "-1/2"])
>>> [str(t) for t in part.breakpoints]
['1/3', '2/3']
>>> [p.pattern for p in part.pieces]
[((-1, 1),), ((1, 1),), ((1, -1),)]
>>> part.endpoint_patterns
(((-1, 1),), ((1, -1),))
>>> part.output_form(1)            # network output on the middle piece: (intercept, slope) in t
((Fraction(-1, 2), 1), (Fraction(3, 2), Fraction(-3, 2)))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from fractions import Fraction
from math import lcm
from typing import Any, Callable, List, Optional, Tuple

import numpy as np

from ..errors import InvalidInputError, NonExactInputError
from ..numbers import common_denominator, exact, exact_vector, normalize, to_json_number, Rational

__all__ = ["Piece", "Crossing", "LinePartition", "line_partition", "segment_partition"]

_LIMIT = float(2 ** 52)      # integers below this are exact in float64, and so are their sums below 2**53
_TOL = 2.0 ** -44            # relative margin of the float filter (float errors are ~2**-52)

Pattern = Tuple[Tuple[int, ...], ...]


@dataclass(frozen=True)
class Piece:
    """One open piece ``(t_lo, t_hi)`` of a line partition (``None`` = infinite end).

    ``interior`` is a rational point inside, ``pattern`` the per-activation-layer tuple of ternary
    signs (+1/0/-1, like :meth:`Network.pattern`) or piece indices (``bits="piece"``), constant on
    the piece. ``zero_neurons`` lists ``(layer, neuron)`` (network layer index) whose pre-activation
    is identically 0 on the piece.
    """

    t_lo: Optional[Rational]
    t_hi: Optional[Rational]
    interior: Rational
    pattern: Pattern
    zero_neurons: Tuple[Tuple[int, int], ...] = ()

    def contains(self, t: Any) -> bool:
        """True when ``t`` lies strictly inside the piece."""
        t = exact(t, what="t")
        return (self.t_lo is None or t > self.t_lo) and (self.t_hi is None or t < self.t_hi)

    def to_json(self) -> dict:
        return {"t_lo": None if self.t_lo is None else to_json_number(self.t_lo),
                "t_hi": None if self.t_hi is None else to_json_number(self.t_hi),
                "interior": to_json_number(self.interior),
                "pattern": [list(p) for p in self.pattern],
                "zero_neurons": [list(z) for z in self.zero_neurons]}


@dataclass(frozen=True)
class Crossing:
    """What happens at one interior breakpoint ``t``.

    ``neurons``: ``(layer, neuron)`` whose pre-activation at ``t`` equals one of the values where
    its pattern entry changes (0 for sign bits, the activation's breakpoints), excluding neurons
    that sit on that value identically on both adjacent pieces. ``switched``: those among them
    whose pattern entry differs between the piece on the left and the piece on the right.
    """

    t: Rational
    neurons: Tuple[Tuple[int, int], ...]
    switched: Tuple[Tuple[int, int], ...]

    @property
    def coincident(self) -> bool:
        return len(self.neurons) >= 2

    def to_json(self) -> dict:
        return {"t": to_json_number(self.t), "neurons": [list(n) for n in self.neurons],
                "switched": [list(n) for n in self.switched]}


@dataclass(frozen=True)
class LinePartition:
    """The exact partition of ``(t_min, t_max)`` along ``point + t * direction``; see :func:`line_partition`.

    ``pattern_layers`` are the network layer indices whose bits make up each pattern (the layers with an
    activation), ``widths`` their widths. ``endpoint_patterns`` holds the patterns at ``t_min`` and
    ``t_max`` (``None`` for an infinite end). ``coincident`` are the breakpoints where two or more neurons
    meet a switching value, ``crossings`` the details per breakpoint.
    """

    point: Tuple[Rational, ...]
    direction: Tuple[Rational, ...]
    t_min: Optional[Rational]
    t_max: Optional[Rational]
    bits: str
    breakpoints: Tuple[Rational, ...]
    endpoint_patterns: Tuple[Optional[Pattern], Optional[Pattern]]
    pattern_layers: Tuple[int, ...]
    widths: Tuple[int, ...]
    _codes: Any = field(default=None, repr=False, compare=False)
    _out: Any = field(default=None, repr=False, compare=False)
    _forms: Any = field(default=None, repr=False, compare=False)

    @cached_property
    def pieces(self) -> Tuple[Piece, ...]:
        """The open pieces, in order (built on first access)."""
        return _build_pieces(self)

    @cached_property
    def crossings(self) -> Tuple[Crossing, ...]:
        """One :class:`Crossing` per interior breakpoint (computed on first access)."""
        return _build_crossings(self)

    @property
    def coincident(self) -> Tuple[Rational, ...]:
        return tuple(c.t for c in self.crossings if c.coincident)

    @property
    def num_pieces(self) -> int:
        return len(self.breakpoints) + 1

    def pattern_matrix(self) -> np.ndarray:
        """The patterns of all pieces as one ``int8`` array (pieces x total bits), layers concatenated."""
        return self._codes.copy()

    def piece_of(self, t: Any) -> Optional[int]:
        """Index of the piece containing ``t`` (``None`` when ``t`` is a breakpoint or outside)."""
        t = exact(t, what="t")
        if (self.t_min is not None and t <= self.t_min) or (self.t_max is not None and t >= self.t_max):
            return None
        import bisect
        i = bisect.bisect_left(self.breakpoints, t)
        if i < len(self.breakpoints) and self.breakpoints[i] == t:
            return None
        return i

    def pattern_at(self, t: Any) -> Pattern:
        """The exact pattern (in this partition's ``bits``) at any ``t`` of the closed interval, breakpoints
        included (pre-activations are continuous in ``t``: on a piece's closure they are its affine forms).
        At a breakpoint a neuron exactly on a switching value reads 0 (sign) / the left piece (piece index).

        >>> from exactsep.nets import Network
        >>> net = Network.from_layers([{"W": [[1], [-1]], "b": [-1, 1], "activation": "relu"}])
        >>> part = segment_partition(net, [0], [2])
        >>> part.pattern_at(0), part.pattern_at("1/2"), part.pattern_at(1)
        (((-1, 1),), ((0, 0),), ((1, -1),))
        """
        import bisect
        t = exact(t, what="t")
        if (self.t_min is not None and t < self.t_min) or (self.t_max is not None and t > self.t_max):
            raise InvalidInputError(f"t = {t} lies outside [{self.t_min}, {self.t_max}]")
        k = min(bisect.bisect_left(self.breakpoints, t), self.num_pieces - 1)
        q = Fraction(t)
        num, den = q.numerator, q.denominator
        out = []
        for layer, Za, Zb, C, lin, split in self._forms:
            vals = [int(a) * den + int(b) * num for a, b in zip(Za[k], Zb[k])]
            if self.bits == "sign":
                out.append(tuple((v > 0) - (v < 0) for v in vals))
            else:
                cs = [c * den for c, is_lin in zip(C, lin) if is_lin]
                out.append(tuple(sum(1 for c in cs if v > c) for v in vals))
        return tuple(out)

    def output_form(self, i: int) -> Tuple[Tuple[Rational, ...], Tuple[Rational, ...]]:
        """Exact affine form of the network output on piece ``i``: ``(c, s)`` with
        ``net(point + t*direction) = c + s*t`` on the piece (both tuples of length n_out)."""
        alpha, beta, scale = self._out
        if not 0 <= i < self.num_pieces:
            raise InvalidInputError(f"piece index {i} out of range 0..{self.num_pieces - 1}")
        return (tuple(normalize(Fraction(int(a), scale)) for a in alpha[i]),
                tuple(normalize(Fraction(int(b), scale)) for b in beta[i]))

    def output_forms(self) -> Tuple[Tuple[Tuple[Rational, ...], Tuple[Rational, ...]], ...]:
        """:meth:`output_form` of every piece."""
        return tuple(self.output_form(i) for i in range(self.num_pieces))

    def to_json(self) -> dict:
        return {"point": [to_json_number(v) for v in self.point],
                "direction": [to_json_number(v) for v in self.direction],
                "t_min": None if self.t_min is None else to_json_number(self.t_min),
                "t_max": None if self.t_max is None else to_json_number(self.t_max),
                "bits": self.bits,
                "breakpoints": [to_json_number(t) for t in self.breakpoints],
                "num_pieces": self.num_pieces,
                "pieces": [p.to_json() for p in self.pieces],
                "endpoint_patterns": [None if p is None else [list(q) for q in p] for p in self.endpoint_patterns],
                "coincident": [to_json_number(t) for t in self.coincident],
                "crossings": [c.to_json() for c in self.crossings],
                "pattern_layers": list(self.pattern_layers)}


# ----------------------------------------------------------------------------------------------
def segment_partition(net, x1: Any, x2: Any, **kw) -> LinePartition:
    """The exact partition of the segment ``x1 -> x2``: ``line_partition(net, x1, x2 - x1, 0, 1)``.

    >>> from exactsep.nets import Network
    >>> net = Network.from_layers([{"W": [[1], [1]], "b": [-1, -3], "activation": "relu"},
    ...                            {"W": [[1, -2]], "b": [0], "activation": None}])
    >>> [str(t) for t in segment_partition(net, [0], [4]).breakpoints]
    ['1/4', '3/4']
    """
    n0 = net.widths[0]
    a = exact_vector(x1, length=n0, what="x1")
    b = exact_vector(x2, length=n0, what="x2")
    return line_partition(net, a, [bi - ai for ai, bi in zip(a, b)], 0, 1, **kw)


def line_partition(net, point: Any, direction: Any, t_min: Any = None, t_max: Any = None, *,
                   bits: str = "sign", progress: Optional[Callable[[int, int], None]] = None) -> LinePartition:
    """Exact partition of the open interval ``(t_min, t_max)`` (``None`` = -inf / +inf) of the line
    ``t -> point + t * direction`` into maximal open pieces on which every neuron has a constant
    pattern entry: its sign (``bits="sign"``, ternary like :meth:`Network.pattern`; the pieces also
    respect the activation's linear pieces, so the network is affine on each) or its linear-piece
    index (``bits="piece"``: the number of activation breakpoints strictly below the pre-activation).

    Works for the piecewise-linear activations (relu, leaky_relu:a, hardtanh, relu6, identity) and
    activation-free layers (no bits); a smooth activation raises :class:`NonExactInputError`.
    ``progress(layer, num_pieces)`` is called after each layer.

    >>> from exactsep.nets import Network
    >>> net = Network.from_layers([{"W": [[1], [1]], "b": [0, 0], "activation": "relu"},
    ...                            {"W": [[1, 1]], "b": [-1], "activation": "relu"}])
    >>> part = line_partition(net, [0], [1])          # the whole real line
    >>> [str(t) for t in part.breakpoints], part.coincident
    (['0', '1/2'], (0,))
    >>> [p.pattern for p in part.pieces]
    [((-1, -1), (-1,)), ((1, 1), (-1,)), ((1, 1), (1,))]
    """
    if bits not in ("sign", "piece"):
        raise InvalidInputError(f"bits must be 'sign' or 'piece', got {bits!r}")
    n0 = net.widths[0]
    p = tuple(exact_vector(point, length=n0, what="point"))
    d = tuple(exact_vector(direction, length=n0, what="direction"))
    lo = None if t_min is None else exact(t_min, what="t_min")
    hi = None if t_max is None else exact(t_max, what="t_max")
    if lo is not None and hi is not None and not lo < hi:
        raise InvalidInputError(f"t_min must be smaller than t_max, got {lo} and {hi}")
    for i, L in enumerate(net.layers):
        if L.activation is not None and not L.activation.piecewise_linear:
            raise NonExactInputError(
                f"layer {i} has the smooth activation {L.activation.spec}; the exact line partition needs "
                "piecewise-linear activations (use exactsep.folding's certified smooth path)")
    return _Sweep(net, p, d, lo, hi, bits, progress).run()


# ----------------------------------------------------------------------------------------------
def _to_float(q) -> float:
    try:
        return float(q)
    except OverflowError:
        return float("inf") if q > 0 else float("-inf")


def _ratio_float(num, den) -> float:
    try:
        return int(num) / int(den)
    except OverflowError:
        return float("inf") if (num > 0) == (den > 0) else float("-inf")


class _Sweep:
    """The layer-by-layer sweep (internal)."""

    def __init__(self, net, p, d, lo, hi, bits, progress):
        self.net, self.p, self.d, self.lo, self.hi, self.bits, self.progress = net, p, d, lo, hi, bits, progress

    # arrays are float64 (exact integers < 2**52) or object (python ints)
    def _ensure_object(self):
        if self.dtype is not object:
            self.alpha = _as_obj(self.alpha)
            self.beta = _as_obj(self.beta)
            self.dtype = object

    def run(self) -> LinePartition:
        net, bits = self.net, self.bits
        S = common_denominator(self.p + self.d)
        a0 = [int(v * S) for v in self.p]
        b0 = [int(v * S) for v in self.d]
        self.dtype = np.float64
        if max([abs(v) for v in a0 + b0] + [0]) < _LIMIT:
            self.alpha = np.array([a0], dtype=np.float64)
            self.beta = np.array([b0], dtype=np.float64)
        else:
            self.dtype = object
            self.alpha = _obj_array([a0])
            self.beta = _obj_array([b0])
        # pieces: exact ends (None = infinite) and float ends
        self.lo_x: List[Optional[Rational]] = [self.lo]
        self.hi_x: List[Optional[Rational]] = [self.hi]
        self.lo_f = np.array([-np.inf if self.lo is None else _to_float(self.lo)])
        self.hi_f = np.array([np.inf if self.hi is None else _to_float(self.hi)])
        records = []       # per activation layer: dict with codes, Z, split values, at-time piece count
        parents = []       # parent maps created by splits (new piece -> old piece)
        for li, L in enumerate(net.layers):
            Zs, Za, Zb = self._affine(li, S)
            if L.activation is None:
                self.alpha, self.beta, S = Za, Zb, Zs
                continue
            act = L.activation
            bps = [Fraction(c) for c in act.breakpoints]
            split = sorted(set(bps) | ({Fraction(0)} if bits == "sign" else set()))
            # the split values in Z coordinates must be integers: enlarge the scale if needed
            m = common_denominator(split)
            if m > 1:
                Zs, Za, Zb = self._rescale(Zs, Za, Zb, m)
            C = [int(c * Zs) for c in split]
            if self.dtype is not object and max([abs(c) for c in C] + [0]) >= _LIMIT:
                self._ensure_object()
                Za, Zb = _as_obj(Za), _as_obj(Zb)
            parent, above = self._split(Za, Zb, C)
            parents.append(parent)
            Za_n, Zb_n = Za[parent], Zb[parent]
            lin_idx = [k for k, c in enumerate(split) if c in bps]
            P = above[:, :, lin_idx].sum(axis=2) if lin_idx else np.zeros(above.shape[:2], dtype=np.int64)
            if bits == "sign":
                k0 = split.index(0)
                pos = above[:, :, k0]
                zero = np.asarray((Zb_n == 0) & (Za_n == 0), dtype=bool)
                codes = pos.astype(np.int8) - (~pos & ~zero).astype(np.int8)
            else:
                codes = P.astype(np.int8)
            records.append({"layer": li, "codes": codes, "Za": Za_n, "Zb": Zb_n, "C": C,
                            "split": split, "level": len(parents)})
            # post-activation a = s z + c in scale S_out
            pcs = act.linear_pieces
            S_out = lcm(Zs * common_denominator([s for s, _ in pcs]), common_denominator([c for _, c in pcs]))
            smul = [int(Fraction(s) * S_out / Zs) for s, _ in pcs]
            cmul = [int(Fraction(c) * S_out) for _, c in pcs]
            self.alpha, self.beta = self._post(Za_n, Zb_n, P, smul, cmul)
            S = S_out
            if self.progress is not None:
                self.progress(li, len(self.lo_x))
        return self._finish(records, parents, S)

    # -- one affine layer: Z = S_z * (W a + b) from A = S * a --
    def _affine(self, li, S):
        Wn, dW, Wf, Wabs_max, b = _compiled(self.net)[li]
        Zs = lcm(dW * S, common_denominator(b))
        mW = Zs // (dW * S)
        bn = [v * Zs if isinstance(v, int) else v.numerator * (Zs // v.denominator) for v in b]
        if self.dtype is not object and Wf is not None:
            amax = np.maximum(np.abs(self.alpha).max(axis=0), np.abs(self.beta).max(axis=0)) if len(self.alpha) else 0
            bound = float((np.abs(Wf) @ amax).max()) * mW * (1 + 1e-9) + max([abs(v) for v in bn] + [0])
            if bound < _LIMIT and mW < _LIMIT and Wabs_max < _LIMIT:
                Za = self.alpha @ Wf.T
                Zb = self.beta @ Wf.T
                if mW != 1:
                    Za *= mW
                    Zb *= mW
                Za += np.array(bn, dtype=np.float64)
                return Zs, Za, Zb
        self._ensure_object()
        Wo = _obj_array(Wn)
        Za = self.alpha.dot(Wo.T) * mW + _obj_array([bn])
        Zb = self.beta.dot(Wo.T) * mW
        return Zs, Za, Zb

    def _rescale(self, Zs, Za, Zb, m):
        if self.dtype is not object:
            bound = max(float(np.abs(Za).max(initial=0)), float(np.abs(Zb).max(initial=0))) * m
            if bound >= _LIMIT:
                self._ensure_object()
                Za, Zb = _as_obj(Za), _as_obj(Zb)
        return Zs * m, Za * m, Zb * m

    def _post(self, Za, Zb, P, smul, cmul):
        if self.dtype is not object:
            bound = max(float(np.abs(Za).max(initial=0)), float(np.abs(Zb).max(initial=0))) * max(abs(s) for s in smul) \
                + max(abs(c) for c in cmul)
            if bound < _LIMIT:
                sm = np.array(smul, dtype=np.float64)[P]
                cm = np.array(cmul, dtype=np.float64)[P]
                return Za * sm + cm, Zb * sm
            self._ensure_object()
            Za, Zb = _as_obj(Za), _as_obj(Zb)
        sm = _obj_array(smul)[P]
        cm = _obj_array(cmul)[P]
        return Za * sm + cm, Zb * sm

    # -- split the current pieces at the roots of Z = C --
    def _split(self, Za, Zb, C):
        K, n = Za.shape
        r = len(C)
        obj = self.dtype is object
        Cv = (_obj_array(C) if obj else np.array(C, dtype=np.float64)).reshape(1, 1, r)
        num = Cv - Za[:, :, None]                        # root t = num / beta
        beta = np.broadcast_to(Zb[:, :, None], (K, n, r))
        nz = beta != 0
        if obj:
            rho = np.full((K, n, r), np.nan)
            idx = np.nonzero(nz)
            rho[idx] = [_ratio_float(a, b) for a, b in zip(num[idx], beta[idx])]
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                rho = np.where(nz, num / np.where(nz, beta, 1.0), np.nan)
        lo_f = self.lo_f[:, None, None]
        hi_f = self.hi_f[:, None, None]
        gt_lo, eq_lo = self._compare(rho, lo_f, self.lo_x, num, beta, nz, lower=True)
        lt_hi, eq_hi = self._compare(rho, hi_f, self.hi_x, num, beta, nz, lower=False)
        inside = nz & gt_lo & lt_hi
        # roots inside pieces: sort per piece, group exactly equal ones
        ks, js, cs = np.nonzero(inside)
        rv = rho[ks, js, cs]
        order = np.lexsort((rv, ks))
        ks, js, cs, rv = ks[order], js[order], cs[order], rv[order]
        nroots = len(ks)
        exact_t: List[Optional[Fraction]] = [None] * nroots

        def tval(q):
            if exact_t[q] is None:
                exact_t[q] = Fraction(int(num[ks[q], js[q], cs[q]]), int(beta[ks[q], js[q], cs[q]]))
            return exact_t[q]

        # clusters of float-indistinguishable consecutive roots of the same piece -> exact order
        if nroots > 1:
            same_k = ks[1:] == ks[:-1]
            close = same_k & (np.abs(rv[1:] - rv[:-1]) <= _TOL * (np.abs(rv[1:]) + np.abs(rv[:-1])) + 1e-300)
            if close.any():
                perm = np.arange(nroots)
                q = 0
                while q < nroots - 1:
                    if close[q]:
                        e = q
                        while e < nroots - 1 and close[e]:
                            e += 1
                        seg = list(range(q, e + 1))
                        seg_sorted = sorted(seg, key=tval)
                        perm[q:e + 1] = seg_sorted
                        q = e + 1
                    else:
                        q += 1
                ks, js, cs, rv = ks[perm], js[perm], cs[perm], rv[perm]
                exact_t = [exact_t[i] for i in perm]
        else:
            close = np.zeros(0, dtype=bool)
        # group ids: a new group starts unless same piece and exactly equal root
        new_group = np.ones(nroots, dtype=bool)
        if nroots > 1:
            same_k = ks[1:] == ks[:-1]
            close = same_k & (np.abs(rv[1:] - rv[:-1]) <= _TOL * (np.abs(rv[1:]) + np.abs(rv[:-1])) + 1e-300)
            for q in np.nonzero(close)[0]:
                if tval(q) == tval(q + 1):
                    new_group[q + 1] = False
        grp_global = np.cumsum(new_group) - 1                 # global group id per root
        g_count = np.zeros(K, dtype=np.int64)
        lead = np.nonzero(new_group)[0]
        np.add.at(g_count, ks[lead], 1)
        first_grp = np.concatenate(([0], np.cumsum(g_count)[:-1]))
        grp_local = grp_global - first_grp[ks] if nroots else grp_global   # 0-based within the piece
        # ranks: 0 if root <= lo, g+1 if root >= hi, local group + 1 if inside
        big = (g_count + 1)[:, None, None]
        rank = np.where(gt_lo, np.broadcast_to(big, (K, n, r)), 0).astype(np.int64)
        rank[ks, js, cs] = grp_local + 1
        # new pieces
        sizes = g_count + 1
        parent = np.repeat(np.arange(K), sizes)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        sub = np.arange(len(parent)) - starts[parent]
        lead_t = [tval(q) for q in lead]
        new_lo_x, new_hi_x = [], []
        new_lo_f = np.empty(len(parent))
        new_hi_f = np.empty(len(parent))
        gi = 0
        for k in range(K):
            g = int(g_count[k])
            ts = lead_t[gi:gi + g]
            s0 = int(starts[k])
            new_lo_x.append(self.lo_x[k])
            new_lo_x.extend(ts)
            new_hi_x.extend(ts)
            new_hi_x.append(self.hi_x[k])
            new_lo_f[s0] = self.lo_f[k]
            new_lo_f[s0 + 1:s0 + g + 1] = [_to_float(t) for t in ts] if g else []
            new_hi_f[s0:s0 + g] = [_to_float(t) for t in ts] if g else []
            new_hi_f[s0 + g] = self.hi_f[k]
            gi += g
        self.lo_x, self.hi_x, self.lo_f, self.hi_f = new_lo_x, new_hi_x, new_lo_f, new_hi_f
        # above[k', j, i]: Z_j > C_i on new piece k'
        rk = rank[parent]
        sb = sub[:, None, None]
        bp = beta[parent]
        bpos = np.asarray(bp > 0, dtype=bool)
        bneg = np.asarray(bp < 0, dtype=bool)
        flat_above = (num[parent] < 0)          # beta == 0: Z = alpha > C  <=>  C - alpha < 0
        if obj:
            flat_above = np.asarray(flat_above, dtype=bool)
        above = np.where(bpos, sb >= rk, np.where(bneg, sb < rk, flat_above))
        return parent, np.asarray(above, dtype=bool)

    def _compare(self, rho, end_f, end_x, num, beta, nz, lower):
        """Certain comparison of each root with its piece's end: returns (strictly beyond the end
        towards the inside, exactly equal to the end)."""
        fin = np.isfinite(end_f)
        with np.errstate(invalid="ignore"):
            diff = rho - end_f
            tol = _TOL * (np.abs(rho) + np.abs(end_f)) + 1e-300
            if lower:
                ok = np.where(fin, diff > tol, True)
                bad = np.where(fin, diff < -tol, False)
            else:
                ok = np.where(fin, diff < -tol, True)
                bad = np.where(fin, diff > tol, False)
        ok = ok & nz
        amb = nz & ~ok & ~bad
        eq = np.zeros(rho.shape, dtype=bool)
        if amb.any():
            for k, j, i in zip(*np.nonzero(amb)):
                t = Fraction(int(num[k, j, i]), int(beta[k, j, i]))
                e = end_x[k]
                if t == e:
                    eq[k, j, i] = True
                elif (t > e) == lower:
                    ok[k, j, i] = True
        return ok, eq

    # -- assemble the result --
    def _finish(self, records, parents, S) -> LinePartition:
        K = len(self.lo_x)
        # map final pieces to each layer's pieces
        maps = []
        for rec in records:
            idx = np.arange(K)
            for par in reversed(parents[rec["level"]:]):
                idx = par[idx]
            maps.append(idx)
        codes = [rec["codes"][m] for rec, m in zip(records, maps)]
        code_mat = np.concatenate(codes, axis=1) if codes else np.zeros((K, 0), dtype=np.int8)
        pattern_layers = tuple(rec["layer"] for rec in records)
        widths = tuple(c.shape[1] for c in codes)
        breakpoints = tuple(normalize(Fraction(t)) for t in self.lo_x[1:])
        ends = (self._pattern_at(self.lo, records, maps, 0), self._pattern_at(self.hi, records, maps, K - 1))
        out = (self.alpha, self.beta, S)
        forms = tuple((rec["layer"], rec["Za"][m], rec["Zb"][m], tuple(rec["C"]),
                       tuple(c in set(Fraction(v) for v in self.net.layers[rec["layer"]].activation.breakpoints)
                             for c in rec["split"]), rec["split"])
                      for rec, m in zip(records, maps))
        return LinePartition(self.p, self.d, self.lo, self.hi, self.bits, breakpoints, ends, pattern_layers, widths,
                             code_mat, out, forms)

    def _pattern_at(self, t, records, maps, k) -> Optional[Pattern]:
        """Pattern at the finite end ``t`` of final piece ``k``: pre-activations are continuous in t, so
        they equal the piece's affine forms at its closure."""
        if t is None:
            return None
        q = Fraction(t)
        num, den = q.numerator, q.denominator
        out = []
        for rec, m in zip(records, maps):
            i = int(m[k])
            act = self.net.layers[rec["layer"]].activation
            Cs = rec["C"]
            bps = set(act.breakpoints)
            vals = [int(a) * den + int(b) * num for a, b in zip(rec["Za"][i], rec["Zb"][i])]
            if self.bits == "sign":
                out.append(tuple((v > 0) - (v < 0) for v in vals))
            else:
                lin = [c * den for c, sv in zip(Cs, rec["split"]) if sv in bps]
                out.append(tuple(sum(1 for c in lin if v > c) for v in vals))
        return tuple(out)


def _build_pieces(part: LinePartition) -> Tuple[Piece, ...]:
    K = part.num_pieces
    cuts = [part.t_min] + list(part.breakpoints) + [part.t_max]
    off = np.cumsum([0] + list(part.widths))
    lists = [part._codes[:, off[i]:off[i + 1]].tolist() for i in range(len(part.widths))]
    zero = [np.asarray((Zb == 0) & (Za == 0), dtype=bool) for (_, Za, Zb, _, _, _) in part._forms]
    any_zero = np.zeros(K, dtype=bool)
    for z in zero:
        any_zero |= z.any(axis=1)
    pieces = []
    for k in range(K):
        lo, hi = cuts[k], cuts[k + 1]
        if lo is None and hi is None:
            mid = 0
        elif lo is None:
            mid = normalize(Fraction(hi) - 1)
        elif hi is None:
            mid = normalize(Fraction(lo) + 1)
        else:
            mid = normalize((Fraction(lo) + hi) / 2)
        zn = ()
        if any_zero[k]:
            zn = tuple((form[0], int(j)) for form, z in zip(part._forms, zero) for j in np.nonzero(z[k])[0])
        pieces.append(Piece(lo, hi, mid, tuple(tuple(l[k]) for l in lists), zn))
    return tuple(pieces)


def _build_crossings(part: LinePartition) -> Tuple[Crossing, ...]:
    breakpoints = part.breakpoints
    K = len(breakpoints) + 1
    if K == 1:
        return ()
    code_mat = part._codes
    tf = np.array([_to_float(t) for t in breakpoints])
    at_lists = []
    for layer, Za, Zb, C, _, _ in part._forms:
        obj = Za.dtype == object
        aL, bL, bR, aR = Za[:-1], Zb[:-1], Zb[1:], Za[1:]
        n = aL.shape[1]
        at = np.zeros((K - 1, n), dtype=bool)
        if obj:
            aLf = np.vectorize(_to_float, otypes=[float])(aL) if aL.size else np.zeros(aL.shape)
            bLf = np.vectorize(_to_float, otypes=[float])(bL) if bL.size else np.zeros(bL.shape)
        else:
            aLf, bLf = aL, bL
        for c in C:
            flatL = np.asarray((bL == 0) & (aL == c), dtype=bool)
            flatR = np.asarray((bR == 0) & (aR == c), dtype=bool)
            val = aLf + bLf * tf[:, None] - float(c)
            tol = _TOL * (np.abs(aLf) + np.abs(bLf * tf[:, None]) + abs(float(c))) + 1e-300
            amb = np.abs(val) <= tol
            hit = np.zeros_like(amb)
            for k, j in zip(*np.nonzero(amb)):
                q = Fraction(breakpoints[k])
                if int(aL[k, j]) * q.denominator + int(bL[k, j]) * q.numerator == c * q.denominator:
                    hit[k, j] = True
            at |= hit & ~(flatL & flatR)
        at_lists.append((layer, at))
    sw = code_mat[:-1] != code_mat[1:]
    out = []
    offs = np.cumsum([0] + [a.shape[1] for _, a in at_lists])
    for k, t in enumerate(breakpoints):
        neurons, switched = [], []
        for li, (layer, at) in enumerate(at_lists):
            for j in np.nonzero(at[k])[0]:
                neurons.append((layer, int(j)))
                if sw[k, offs[li] + j]:
                    switched.append((layer, int(j)))
        out.append(Crossing(t, tuple(neurons), tuple(switched)))
    return tuple(out)


_COMPILED: dict = {}


def _compiled(net):
    """Per layer: integer weights ``Wn`` with ``W = Wn / dW``, ``dW``, ``Wn`` as float64, max |Wn|, the bias.
    Cached per network object (networks are immutable)."""
    key = id(net)
    hit = _COMPILED.get(key)
    if hit is not None and hit[0]() is net:
        return hit[1]
    out = []
    for L in net.layers:
        dW = common_denominator(v for row in L.W for v in row)
        Wn = [[v * dW if isinstance(v, int) else v.numerator * (dW // v.denominator) for v in row] for row in L.W]
        mx = max(abs(v) for row in Wn for v in row)
        Wf = np.array(Wn, dtype=np.float64) if mx < _LIMIT else None
        out.append((Wn, dW, Wf, mx, L.b))
    import weakref
    try:
        ref = weakref.ref(net, lambda _r, k=key: _COMPILED.pop(k, None))
    except TypeError:
        return out
    _COMPILED[key] = (ref, out)
    return out


def _obj_array(rows) -> np.ndarray:
    a = np.empty((len(rows), len(rows[0]) if rows and isinstance(rows[0], (list, tuple)) else 0), dtype=object) \
        if rows and isinstance(rows[0], (list, tuple)) else np.empty(len(rows), dtype=object)
    if a.ndim == 2:
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                a[i, j] = int(v)
    else:
        for i, v in enumerate(rows):
            a[i] = int(v)
    return a


def _as_obj(a: np.ndarray) -> np.ndarray:
    if a.dtype == object:
        return a
    return a.astype(np.int64).astype(object)
