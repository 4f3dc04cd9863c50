"""Convexity in the Hamming activation space versus convexity of unions of regions (exact).

The first author's 2026 talk (docs/theory/folding.md, "Convexity of unions of regions") states, for an
affine hyperplane arrangement with realizable activation patterns ``Omega`` and ``B`` a subset of
``Omega``: the union ``R_B`` of the (closed) regions of ``B`` is convex iff ``B`` is *Hamming-convex relative
to Omega*: for any two members, every realizable pattern on a shortest Hamming path between them is a member
(:func:`is_hamming_convex`; the realizable patterns on such paths are :func:`hamming_interval`).

This module decides both sides exactly, by independent methods:

* :class:`LineArrangement` -- affine lines ``a x + b y + c = 0`` in the plane with rational coefficients:
  its vertices, the cyclically ordered sectors around each vertex, its cells (realizable patterns; bit
  ``i`` is 1 where ``a_i x + b_i y + c_i > 0``) with exact interior points, and
  :meth:`LineArrangement.union_is_convex`, a geometric test of the convexity of ``R_B`` (a closed connected
  set is convex iff it is locally convex, Tietze-Nakajima: at an interior point of an edge a union of cells
  is always locally convex; at a vertex it is iff the sectors of ``B`` around it are all, none, or one
  contiguous run spanning an angle of at most pi; connectivity through shared edges);
* :func:`line_cells` / :func:`interval_union_is_convex` -- the regions of any piecewise-linear network on the
  real line (``n0 = 1``), where a union of closed intervals is convex iff they are consecutive.

>>> from exactsep.folding.convexity import LineArrangement, is_hamming_convex
>>> A = LineArrangement([(1, 0, 0), (0, 1, 0), (1, 1, -1)])       # x = 0, y = 0, x + y = 1
>>> sorted(A.cells())
[(0, 0, 0), (0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
>>> B = {(1, 1, 0), (1, 1, 1)}                                       # the quadrant x, y > 0
>>> A.union_is_convex(B), is_hamming_convex(B, A.cells())
(True, True)
>>> B = {(0, 1, 0), (1, 0, 0)}                                       # two opposite cells
>>> A.union_is_convex(B), is_hamming_convex(B, A.cells())
(False, False)
"""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from ..errors import InvalidInputError
from ..numbers import exact_vector, normalize, Rational

__all__ = ["Pattern", "hamming_interval", "is_hamming_convex", "hamming_convexity_violation", "LineArrangement",
           "line_cells", "interval_union_is_convex"]

Pattern = Tuple[int, ...]


def _d(p: Sequence[int], q: Sequence[int]) -> int:
    return sum(1 for a, b in zip(p, q) if a != b)


def hamming_interval(p: Sequence[int], q: Sequence[int], omega: Iterable[Sequence[int]]) -> List[Pattern]:
    """The patterns of ``omega`` on some shortest Hamming path from ``p`` to ``q``: those agreeing with ``p``
    (and ``q``) wherever ``p`` and ``q`` agree, i.e. ``d(p, x) + d(x, q) = d(p, q)``.

    >>> hamming_interval((0, 1, 0, 1), (1, 1, 0, 0), [(0, 1, 0, 0), (1, 1, 0, 1), (0, 0, 0, 0), (1, 1, 0, 0)])
    [(0, 1, 0, 0), (1, 1, 0, 1), (1, 1, 0, 0)]
    """
    dpq = _d(p, q)
    return [tuple(x) for x in omega if _d(p, x) + _d(x, q) == dpq]


def hamming_convexity_violation(B: Iterable[Sequence[int]], omega: Iterable[Sequence[int]]
                                ) -> Optional[Tuple[Pattern, Pattern, Pattern]]:
    """``(p, q, x)``: members ``p, q`` of ``B`` and a realizable ``x`` not in ``B`` on a shortest path between
    them; ``None`` when ``B`` is Hamming-convex relative to ``omega``."""
    Bs = {tuple(b) for b in B}
    om = [tuple(x) for x in omega]
    members = sorted(Bs)
    for i, p in enumerate(members):
        for q in members[i + 1:]:
            for x in hamming_interval(p, q, om):
                if x not in Bs:
                    return (p, q, x)
    return None


def is_hamming_convex(B: Iterable[Sequence[int]], omega: Iterable[Sequence[int]]) -> bool:
    """Whether ``B`` is Hamming-convex relative to the realizable patterns ``omega`` (Definition 2 of the talk)."""
    return hamming_convexity_violation(B, omega) is None


# ----------------------------------------------------------------------------- line arrangements in the plane
def _cross(u, v) -> Rational:
    return u[0] * v[1] - u[1] * v[0]


def _dot(u, v) -> Rational:
    return u[0] * v[0] + u[1] * v[1]


def _upper(u) -> bool:
    return u[1] > 0 or (u[1] == 0 and u[0] > 0)


def _angle_key(u):
    """A key sorting nonzero vectors by their angle in [0, 2 pi) (exact)."""
    from functools import cmp_to_key

    def cmp(a, b):
        ua, ub = _upper(a), _upper(b)
        if ua != ub:
            return -1 if ua else 1
        c = _cross(a, b)
        return -1 if c > 0 else (1 if c < 0 else 0)
    return cmp_to_key(cmp)(u)


class LineArrangement:
    """An arrangement of distinct affine lines ``a x + b y + c = 0`` (rows ``(a, b, c)``, ``(a, b) != 0``; two
    rows describing the same line are refused). Bit ``i`` of a pattern is 1 where ``a_i x + b_i y + c_i > 0``.
    """

    def __init__(self, lines: Sequence[Sequence[Any]]):
        rows = []
        for k, r in enumerate(lines):
            v = exact_vector(r, length=3, what=f"line {k}")
            if v[0] == 0 and v[1] == 0:
                raise InvalidInputError(f"line {k} has a zero normal (a, b) = (0, 0): it is not a line")
            rows.append(tuple(Fraction(x) for x in v))
        for i, j in combinations(range(len(rows)), 2):
            if _cross(rows[i][:2], rows[j][:2]) == 0:
                k = 0 if rows[i][0] != 0 else 1
                lam = rows[j][k] / rows[i][k]
                if all(rows[j][t] == lam * rows[i][t] for t in range(3)):
                    raise InvalidInputError(f"lines {i} and {j} are the same line")
        self.lines: Tuple[Tuple[Fraction, Fraction, Fraction], ...] = tuple(rows)
        self._cells: Optional[Dict[Pattern, Tuple[Rational, Rational]]] = None
        self._vertices: Optional[List[Tuple[Tuple[Fraction, Fraction], Tuple[int, ...]]]] = None
        self._sectors: Optional[list] = None

    def __len__(self) -> int:
        return len(self.lines)

    def value(self, i: int, p) -> Fraction:
        a, b, c = self.lines[i]
        return a * p[0] + b * p[1] + c

    def pattern(self, p) -> Pattern:
        """The pattern of a point (bit 1 iff the line's form is > 0 there)."""
        return tuple(1 if self.value(i, p) > 0 else 0 for i in range(len(self.lines)))

    def vertices(self) -> List[Tuple[Tuple[Fraction, Fraction], Tuple[int, ...]]]:
        """The vertices ``(point, lines through it)`` (points where two or more lines meet)."""
        if self._vertices is None:
            pts: Dict[Tuple[Fraction, Fraction], Set[int]] = {}
            for i, j in combinations(range(len(self.lines)), 2):
                a1, b1, c1 = self.lines[i]
                a2, b2, c2 = self.lines[j]
                det = a1 * b2 - a2 * b1
                if det == 0:
                    continue
                p = ((b1 * c2 - b2 * c1) / det, (a2 * c1 - a1 * c2) / det)
                pts.setdefault(p, set()).update((i, j))
            self._vertices = [(p, tuple(sorted(s))) for p, s in sorted(pts.items())]
        return self._vertices

    def sectors(self, vertex) -> List[Tuple[Tuple[Fraction, Fraction], Pattern]]:
        """Around a vertex ``(point, lines)``: the rays along the lines through it in counter-clockwise order,
        each with the pattern of the open sector that follows it (counter-clockwise)."""
        p, through = vertex
        rays = []
        for i in through:
            a, b, _ = self.lines[i]
            rays.append((-b, a))
            rays.append((b, -a))
        rays.sort(key=_angle_key)
        out = []
        for k, r in enumerate(rays):
            s = rays[(k + 1) % len(rays)]
            m = (r[0] + s[0], r[1] + s[1])             # strictly inside the sector (its angle is < pi)
            bits = []
            for i, (a, b, c) in enumerate(self.lines):
                val = a * p[0] + b * p[1] + c
                if val == 0:
                    val = a * m[0] + b * m[1]
                bits.append(1 if val > 0 else 0)
            out.append((r, tuple(bits)))
        return out

    def _sector_point(self, p, m) -> Tuple[Rational, Rational]:
        """A point ``p + eps m`` strictly inside the sector of direction ``m`` at vertex ``p`` (exact)."""
        eps = Fraction(1)
        for (a, b, c) in self.lines:
            val, slope = a * p[0] + b * p[1] + c, a * m[0] + b * m[1]
            if val != 0 and slope != 0 and (val > 0) != (slope > 0):
                eps = min(eps, abs(val / slope) / 2)
        return (normalize(p[0] + eps * m[0]), normalize(p[1] + eps * m[1]))

    def cells(self) -> Dict[Pattern, Tuple[Rational, Rational]]:
        """The realizable patterns (one per two-dimensional cell), each with an exact interior point."""
        if self._cells is not None:
            return self._cells
        cells: Dict[Pattern, Tuple[Rational, Rational]] = {}
        verts = self.vertices()
        if verts:
            # every cell touches a vertex when two lines are not parallel (a non-parallel line crosses every
            # strip and every half-plane bounded by the others)
            for v in verts:
                secs = self.sectors(v)
                for k, (r, pat) in enumerate(secs):
                    if pat not in cells:
                        s = secs[(k + 1) % len(secs)][0]
                        cells[pat] = self._sector_point(v[0], (r[0] + s[0], r[1] + s[1]))
        else:
            # no vertex: all lines are parallel (or there are fewer than two); walk along the common normal
            if not self.lines:
                cells[()] = (0, 0)
            else:
                a, b, _ = self.lines[0]
                n = (a, b)
                nn = _dot(n, n)
                # line i: (a_i, b_i) = lam_i n, so at the point t n its form is lam_i |n|^2 t + c_i
                k = 0 if a != 0 else 1
                roots = set()
                for (ai, bi, ci) in self.lines:
                    lam = (ai, bi)[k] / n[k]
                    roots.add(-ci / (lam * nn))
                ts = sorted(roots)
                probes = [ts[0] - 1] + [(ts[k] + ts[k + 1]) / 2 for k in range(len(ts) - 1)] + [ts[-1] + 1]
                for t in probes:
                    q = (normalize(t * n[0]), normalize(t * n[1]))
                    cells.setdefault(self.pattern(q), q)
        self._cells = cells
        return cells

    def union_is_convex(self, B: Iterable[Sequence[int]]) -> bool:
        """Whether the union of the closed cells of the patterns ``B`` (a subset of :meth:`cells`) is convex
        (geometric test: connected through shared edges, locally convex at every vertex)."""
        Bs = {tuple(x) for x in B}
        om = self.cells()
        unknown = Bs - set(om)
        if unknown:
            raise InvalidInputError(f"not realizable patterns of this arrangement: {sorted(unknown)}")
        if not Bs:
            return True
        # connectivity: two cells differing in one bit lie on the same side of every other line, inside a convex
        # set that the remaining line cuts into the two of them: they share an edge
        members = sorted(Bs)
        seen = {members[0]}
        stack = [members[0]]
        while stack:
            p = stack.pop()
            for q in members:
                if q not in seen and _d(p, q) == 1:
                    seen.add(q)
                    stack.append(q)
        if len(seen) != len(members):
            return False
        if self._sectors is None:
            self._sectors = [self.sectors(v) for v in self.vertices()]
        for secs in self._sectors:
            inside = [pat in Bs for _, pat in secs]
            if all(inside) or not any(inside):
                continue
            k = len(secs)
            starts = [j for j in range(k) if inside[j] and not inside[j - 1]]
            if len(starts) != 1:
                return False
            j = starts[0]
            e = j
            while inside[(e + 1) % k]:
                e = (e + 1) % k
            a, b = secs[j][0], secs[(e + 1) % k][0]       # the run spans the rays a .. b counter-clockwise
            c = _cross(a, b)
            if not (c > 0 or (c == 0 and _dot(a, b) < 0)):
                return False
        return True


# ----------------------------------------------------------------------------- networks on the real line
def line_cells(net) -> List[Pattern]:
    """The activation patterns (bits of every layer with an activation, 1 iff the pre-activation is > 0) of
    the pieces of the real line, in order, for a piecewise-linear network with one input (consecutive equal
    patterns merged)."""
    from ..nets.segment import line_partition
    if net.widths[0] != 1:
        raise InvalidInputError(f"line_cells needs a network with one input, got n0 = {net.widths[0]}")
    part = line_partition(net, [0], [1])
    out: List[Pattern] = []
    for pc in part.pieces:
        pat = tuple(1 if s > 0 else 0 for layer in pc.pattern for s in layer)
        if not out or out[-1] != pat:
            out.append(pat)
    return out


def interval_union_is_convex(order: Sequence[Sequence[int]], B: Iterable[Sequence[int]]) -> bool:
    """For the patterns ``order`` of consecutive closed intervals covering the line, whether the union of the
    intervals whose pattern is in ``B`` is convex (an interval): their positions are consecutive.

    >>> interval_union_is_convex([(0,), (1,), (0,)], [(0,)])
    False
    """
    Bs = {tuple(b) for b in B}
    pos = [k for k, p in enumerate(order) if tuple(p) in Bs]
    return not pos or pos[-1] - pos[0] + 1 == len(pos)
