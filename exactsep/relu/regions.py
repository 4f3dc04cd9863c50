"""Exact enumeration of the activation regions of a ReLU network, with rational interior points.

An activation region is a nonempty set ``{x : tau(x) = s}`` where ``tau`` is the hidden ternary
pattern. With ``s`` fixed every pre-activation is affine in ``x``, so the region is an open convex
polyhedron. :func:`enumerate_regions` returns every region with ``n0 + 1`` affinely independent
rational points strictly inside it.

* ``n0 = 1``: the exact line partition of :mod:`exactsep.nets.segment` over the whole line (one
  implementation of breakpoints in exactsep); the points are the thirds of each bounded piece and
  ``end -/+ 1, 2`` on the unbounded ones.
* ``n0 >= 2`` (and ``n0 = 1`` with ``method="lp"``): a breadth-first search over sign vectors. The
  tree of partial sign vectors is expanded one neuron at a time (layer by layer); a cell's
  restriction of the next neuron's pre-activation is an exact affine form, and each side of its
  zero set is kept iff an exact LP (:mod:`exactsep.relu.lp`) finds a strictly interior rational
  point. The side containing the parent's interior point needs no LP. Every point of ``R^n0`` where
  all pre-activations are nonzero lies in exactly one leaf, so the enumeration is complete.

A neuron whose restricted form is identically 0 on a cell gets pattern entry 0 there (such cells are
kept and reported in ``zero_neuron_regions``; the parameter Jacobian is not defined on them).

>>> from exactsep.nets import Network
>>> from exactsep.relu.regions import enumerate_regions
>>> net = Network.from_flat([2, 2, 1], [1, 0, 0, 1, 0, 0, 1, 1, 0])     # relu(x) + relu(y)
>>> R = enumerate_regions(net)
>>> sorted(r.pattern for r in R.regions)
[((-1, -1),), ((-1, 1),), ((1, -1),), ((1, 1),)]
>>> all(net.pattern(p) == r.pattern for r in R.regions for p in r.points)
True
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, List, Optional, Sequence, Tuple

from ..errors import ComputationLimitError, InvalidSpecError
from ..numbers import normalize, to_json_number, Rational
from .lp import max_slack_point

__all__ = ["Region", "RegionEnumeration", "enumerate_regions", "restricted_forms", "region_points"]

Pattern = Tuple[Tuple[int, ...], ...]


@dataclass(frozen=True)
class Region:
    """One activation region: its hidden ``pattern`` (per hidden layer, +1/-1, or 0 for a neuron that is
    identically 0 on it), an ``interior`` rational point and ``points``: ``n0 + 1`` affinely independent
    rational points strictly inside."""

    pattern: Pattern
    interior: Tuple[Rational, ...]
    points: Tuple[Tuple[Rational, ...], ...]

    @property
    def has_zero_neuron(self) -> bool:
        return any(0 in layer for layer in self.pattern)

    def to_json(self) -> dict:
        return {"pattern": [list(p) for p in self.pattern],
                "interior": [to_json_number(v) for v in self.interior],
                "points": [[to_json_number(v) for v in p] for p in self.points]}


@dataclass(frozen=True)
class RegionEnumeration:
    """All activation regions of a network (``complete`` is always True: a limit raises instead).

    ``coincident``: exact evidence of coincident bent hyperplanes (``n0 = 1``: breakpoints where >= 2
    neurons switch; ``n0 >= 2``: a neuron whose restricted affine form on a cell is a multiple of one of the
    cell's constraint forms). ``non_transversal``: ``n0 = 1`` breakpoints where a neuron reaches 0 without
    switching (``None`` when not checked, ``n0 >= 2``). ``flat_neurons``: (layer, neuron) pairs whose
    restricted pre-activation has zero gradient on some region. ``lp_calls``: LPs solved.
    """

    n0: int
    regions: Tuple[Region, ...]
    complete: bool
    method: str
    coincident: Tuple[Any, ...] = ()
    non_transversal: Optional[Tuple[Any, ...]] = None
    flat_neurons: Tuple[Tuple[int, int], ...] = ()
    lp_calls: int = 0
    breakpoints: Optional[Tuple[Rational, ...]] = None

    @property
    def zero_neuron_regions(self) -> Tuple[Region, ...]:
        return tuple(r for r in self.regions if r.has_zero_neuron)

    def __len__(self) -> int:
        return len(self.regions)

    def to_json(self) -> dict:
        out = {"n0": self.n0, "num_regions": len(self.regions), "complete": self.complete, "method": self.method,
               "lp_calls": self.lp_calls,
               "coincident": [_json_any(c) for c in self.coincident],
               "non_transversal": None if self.non_transversal is None else [_json_any(c) for c in self.non_transversal],
               "flat_neurons": [list(f) for f in self.flat_neurons],
               "regions": [r.to_json() for r in self.regions]}
        if self.breakpoints is not None:
            out["breakpoints"] = [to_json_number(b) for b in self.breakpoints]
        return out


def _json_any(c):
    if isinstance(c, (int, Fraction)):
        return to_json_number(c)
    if isinstance(c, (tuple, list)):
        return [_json_any(x) for x in c]
    return c


# ----------------------------------------------------------------------------- affine forms
def _hidden_layers(net):
    if net.layers[-1].activation is not None:
        raise InvalidSpecError("region enumeration expects an affine last layer")
    for i, L in enumerate(net.layers[:-1]):
        if L.activation is None or L.activation.name not in ("relu",):
            raise InvalidSpecError(f"region enumeration supports ReLU hidden layers; layer {i + 1} has "
                                   f"{'no activation' if L.activation is None else L.activation.spec}")
    return net.layers[:-1]


def _apply_layer(L, Mx, cx, pattern_l=None):
    """Pre-activation forms of layer L given the input's affine form x -> Mx x + cx (Mx: rows = inputs)."""
    n0 = len(Mx[0]) if Mx else 0
    G, c = [], []
    for i in range(L.n_out):
        w = L.W[i]
        g = [sum((w[j] * Mx[j][t] for j in range(L.n_in) if w[j] and Mx[j][t]), 0) for t in range(n0)]
        G.append([normalize(Fraction(v)) for v in g])
        c.append(normalize(Fraction(sum((w[j] * cx[j] for j in range(L.n_in) if w[j]), 0) + L.b[i])))
    return G, c


def restricted_forms(net, pattern: Pattern):
    """Exact affine forms ``x -> G x + c`` of every layer's pre-activation, assuming the hidden ``pattern``
    (entries > 0 pass, others are 0). Returns a list over layers (hidden and output) of ``(G, c)``."""
    n0 = net.widths[0]
    M = [[1 if i == t else 0 for t in range(n0)] for i in range(n0)]
    cx: List[Rational] = [0] * n0
    out = []
    for li, L in enumerate(net.layers):
        G, c = _apply_layer(L, M, cx)
        out.append((G, c))
        if li < len(net.layers) - 1:
            pat = pattern[li]
            M = [G[i] if pat[i] > 0 else [0] * n0 for i in range(L.n_out)]
            cx = [c[i] if pat[i] > 0 else 0 for i in range(L.n_out)]
    return out


def _eval(g, c, x):
    return sum((gi * xi for gi, xi in zip(g, x) if gi), Fraction(0)) + c


# ----------------------------------------------------------------------------- points
def region_points(interior: Sequence[Rational], constraints, n0: int) -> Tuple[Tuple[Rational, ...], ...]:
    """``interior`` and ``interior + eps e_i`` (i < n0) with eps small enough that every constraint
    ``sigma (g . x + c) > 0`` still holds exactly; n0 + 1 affinely independent interior points."""
    p = [Fraction(v) for v in interior]
    if not constraints:
        eps = Fraction(1)
    else:
        slack = min(sig * _eval(g, c, p) for g, c, sig in constraints)
        gmax = max((abs(v) for g, _, _ in constraints for v in g), default=0)
        eps = Fraction(1) if gmax == 0 else min(Fraction(1), slack / (2 * gmax))
    pts = [tuple(normalize(v) for v in p)]
    for i in range(n0):
        q = list(p)
        q[i] += eps
        pts.append(tuple(normalize(v) for v in q))
    return tuple(pts)


# ----------------------------------------------------------------------------- enumeration
def enumerate_regions(net, *, method: str = "auto", max_regions: Optional[int] = None,
                      progress: Optional[Callable[[int, int], None]] = None) -> RegionEnumeration:
    """Every activation region of a ReLU network with ``n0 + 1`` affinely independent interior points.

    ``method``: ``"auto"`` (line partition for ``n0 = 1``, LP search otherwise), ``"line"``, ``"lp"``.
    ``max_regions``: raise :class:`~exactsep.errors.ComputationLimitError` once more cells than this exist.
    ``progress(done, total)`` is called (LP search) after each neuron splits the branches of a cell:
    ``done`` of the current layer's ``total`` splits (its neurons times the cells of the previous layer).
    """
    hidden = _hidden_layers(net)
    n0 = net.widths[0]
    if method not in ("auto", "line", "lp"):
        raise InvalidSpecError(f"method must be 'auto', 'line' or 'lp', got {method!r}")
    if method == "line" and n0 != 1:
        raise InvalidSpecError("method='line' needs a one-dimensional input (n0 = 1)")
    if method == "line" or (method == "auto" and n0 == 1):
        return _enumerate_line(net, max_regions)
    return _enumerate_lp(net, hidden, max_regions, progress)


def _enumerate_line(net, max_regions) -> RegionEnumeration:
    from ..nets.segment import line_partition
    part = line_partition(net, [0], [1])
    regions = []
    for pc in part.pieces:
        lo, hi = pc.t_lo, pc.t_hi
        if lo is None and hi is None:
            pts = (0, 1)
        elif lo is None:
            pts = (hi - 1, hi - 2)
        elif hi is None:
            pts = (lo + 1, lo + 2)
        else:
            third = Fraction(hi - lo) / 3                 # exact: the breakpoints are exact rationals
            pts = (lo + third, lo + 2 * third)
        pts = tuple((normalize(Fraction(t)),) for t in pts)
        regions.append(Region(tuple(tuple(p) for p in pc.pattern), pts[0], pts))
        if max_regions is not None and len(regions) > max_regions:
            raise ComputationLimitError(f"more than max_regions = {max_regions} activation regions")
    coincident = tuple(part.coincident)
    non_transversal = tuple(cr.t for cr in part.crossings if set(cr.neurons) != set(cr.switched))
    flat = set()
    for r in regions:
        forms = restricted_forms(net, r.pattern)
        for li in range(len(net.layers) - 1):
            G, c = forms[li]
            for i, g in enumerate(G):
                if all(v == 0 for v in g):
                    flat.add((li + 1, i + 1))
    return RegionEnumeration(1, tuple(regions), True, "line_partition", coincident, non_transversal,
                             tuple(sorted(flat)), 0, tuple(part.breakpoints))


def _proportional(g1, c1, g2, c2) -> bool:
    v1 = list(g1) + [c1]
    v2 = list(g2) + [c2]
    k = next((i for i, v in enumerate(v1) if v != 0), None)
    if k is None or v2[k] == 0:
        return False
    lam = Fraction(v2[k]) / Fraction(v1[k])
    return all(Fraction(b) == lam * Fraction(a) for a, b in zip(v1, v2))


def _meets_facet(g, c, others, n0) -> bool:
    """True when the hyperplane ``g . x + c = 0`` has a point where every constraint of ``others``
    (``sigma (a . x + b) > 0``) holds strictly: the hyperplane meets the open cell's closure along a facet.
    Exact: the hyperplane is parametrised by the other coordinates and the restricted constraints are
    decided by the exact LP."""
    j = next(t for t, v in enumerate(g) if v != 0)
    gj = Fraction(g[j])
    restricted = []
    for a, b, sig in others:
        # a . x + b with x_j = -(c + sum_{t != j} g_t x_t) / g_j
        aj = Fraction(a[j])
        coeffs = [Fraction(a[t]) - aj * Fraction(g[t]) / gj for t in range(n0) if t != j]
        restricted.append((coeffs, Fraction(b) - aj * Fraction(c) / gj, sig))
    if n0 == 1:
        return all(sig * b > 0 for _, b, sig in restricted)
    return max_slack_point(restricted, n0 - 1) is not None


def _enumerate_lp(net, hidden, max_regions, progress) -> RegionEnumeration:
    n0 = net.widths[0]
    # a cell: (pattern-so-far per layer (list of lists), constraints [(g, c, sigma)], interior point,
    #          affine form of the current layer input (M, cx))
    M0 = [[1 if i == t else 0 for t in range(n0)] for i in range(n0)]
    cells = [([], [], [Fraction(0)] * n0, M0, [0] * n0)]
    lp_calls = 0
    coincident = []
    flat = set()
    for li, L in enumerate(hidden):
        new_cells = []
        splits = len(cells) * L.n_out
        for ci_cell, (pat, cons, p, M, cx) in enumerate(cells):
            G, c = _apply_layer(L, M, cx)
            branches = [(list(pat) + [[]], list(cons), p)]
            for i in range(L.n_out):
                g, ci = G[i], c[i]
                nxt = []
                if all(v == 0 for v in g):
                    flat.add((li + 1, i + 1))
                    sgn = (ci > 0) - (ci < 0)
                    for bp, bc, bpt in branches:
                        bp[-1] = bp[-1] + [sgn]
                        nxt.append((bp, bc, bpt))
                    branches = nxt
                    continue
                for bp, bc, bpt in branches:
                    for k, (gg, cc, _) in enumerate(bc):
                        # the same hyperplane as an earlier bend, and it bounds this cell along a facet (a
                        # proportional hyperplane that misses the cell bends nothing here)
                        if _proportional(gg, cc, g, ci) and _meets_facet(g, ci, bc[:k] + bc[k + 1:], n0):
                            coincident.append(((li + 1, i + 1), tuple(bpt)))
                            break
                    val = _eval(g, ci, bpt)
                    if val != 0:
                        s0 = 1 if val > 0 else -1
                        nxt.append(([*bp[:-1], bp[-1] + [s0]], bc + [(g, ci, s0)], bpt))
                        lp_calls += 1
                        res = max_slack_point(bc + [(g, ci, -s0)], n0)
                        if res is not None:
                            nxt.append(([*bp[:-1], bp[-1] + [-s0]], bc + [(g, ci, -s0)], [Fraction(v) for v in res[1]]))
                    else:
                        # the interior point lies on the hyperplane: step off it along +/- g
                        slack = min((sig * _eval(gg, cc, bpt) for gg, cc, sig in bc), default=Fraction(1))
                        dmax = max((abs(sum((a * b for a, b in zip(gg, g)), Fraction(0))) for gg, _, _ in bc),
                                   default=0)
                        eps = Fraction(1) if dmax == 0 else slack / (2 * dmax)
                        for s0 in (1, -1):
                            q = [Fraction(v) + s0 * eps * gv for v, gv in zip(bpt, g)]
                            nxt.append(([*bp[:-1], bp[-1] + [s0]], bc + [(g, ci, s0)], q))
                branches = nxt
                if max_regions is not None and len(new_cells) + len(branches) > max_regions:
                    raise ComputationLimitError(f"more than max_regions = {max_regions} activation regions")
                if progress is not None:
                    progress(ci_cell * L.n_out + i + 1, splits)
            for bp, bc, bpt in branches:
                patl = bp[-1]
                Mn = [G[k] if patl[k] > 0 else [0] * n0 for k in range(L.n_out)]
                cn = [c[k] if patl[k] > 0 else 0 for k in range(L.n_out)]
                new_cells.append((bp, bc, bpt, Mn, cn))
        cells = new_cells
    return _finish(net, [(c[0], c[1], c[2]) for c in cells], True, lp_calls, coincident, flat, n0)


def _finish(net, cells, complete, lp_calls, coincident, flat, n0) -> RegionEnumeration:
    regions = []
    for pat, cons, p in cells:
        pattern = tuple(tuple(l) for l in pat)
        pts = region_points(p, cons, n0)
        regions.append(Region(pattern, pts[0], pts))
    regions.sort(key=lambda r: r.pattern)
    return RegionEnumeration(n0, tuple(regions), complete, "lp_sign_vector_search",
                             tuple(coincident), None, tuple(sorted(flat)), lp_calls)
