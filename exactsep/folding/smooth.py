"""Folding for networks with smooth activations (tanh, GELU, SiLU/Swish, ELU, sigmoid, softplus, mixed
with piecewise-linear ones), by certified root isolation.

Past a smooth layer the pre-activations are no longer piecewise affine in t, so their sign changes are
found with ball arithmetic (python-flint ``arb``): on an interval I of t the network is evaluated on the
ball I together with the derivative d/dt (forward mode). A neuron is settled on I when

* its value enclosure excludes 0 (constant sign on I), or is exactly 0 (the neuron is identically 0), or
* its derivative enclosure excludes 0 (strictly monotone on I) and its certified signs at the ends of I
  tell whether it has exactly one sign change inside I or none.

Intervals are bisected until every neuron is settled and at most one neuron changes sign in each
interval, which orders all sign changes. The walk is then exact (``exact=True``): chi, r1, r2 are
certified; the breakpoints are known to lie in the reported isolating intervals (their midpoints are
listed as ``breakpoints``). When an interval narrower than ``min_width`` is still unsettled (a double root,
or two neurons switching at the same t), the result says so: ``exact=False`` and a ``note``.

Bits are ``z > 0`` (``"sign"``; for tanh, ELU, GELU, SiLU this is the paper's ``f(z) > 0``) or the paper's
rule literally (``"output"``; constant 1 for sigmoid and softplus, so chi = 0 there).

>>> from exactsep.nets import Network
>>> net = Network.from_layers([{"W": [[1], [1]], "b": [0, -2], "activation": "tanh"},
...                            {"W": [[1, -1]], "b": ["-1/2"], "activation": "tanh"}])
>>> r = fold_smooth(net, [-1], [3])
>>> r.exact, r.walk, r.chi
(True, ((0, 0, 0), (0, 0, 1), (1, 0, 1), (1, 1, 1), (1, 1, 0)), Fraction(1, 4))
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable, List, Optional, Sequence

import numpy as np

from ..errors import InvalidSpecError
from ..numbers import exact_vector, normalize, Rational

__all__ = ["fold_smooth", "sampled_patterns_smooth", "activation_derivative_ball"]

_EXACT_AT_ZERO = {"tanh": 0, "gelu": 0, "silu": 0, "swish": 0, "elu": 0, "sigmoid": Fraction(1, 2)}


def _arb(q):
    from flint import arb
    q = Fraction(q)
    return arb(q.numerator) / q.denominator if q.denominator != 1 else arb(q.numerator)


def activation_derivative_ball(act, z):
    """Certified enclosure of act'(z) on the ball ``z`` (a one-sided-derivative hull at kinks)."""
    from flint import arb
    n = act.name
    hull = lambda a, b: arb(a).union(arb(b))
    if n == "identity":
        return arb(1)
    if n in ("relu", "leaky_relu"):
        lo = _arb(act.param) if n == "leaky_relu" else arb(0)
        if z > 0:
            return arb(1)
        if z < 0:
            return lo
        return hull(lo, 1)
    if n in ("hardtanh", "relu6"):
        lo, hi = (-1, 1) if n == "hardtanh" else (0, 6)
        if z > lo and z < hi:
            return arb(1)
        if z < lo or z > hi:
            return arb(0)
        return hull(0, 1)
    if n == "sigmoid":
        s = act.arb(z)
        return s * (1 - s)
    if n == "tanh":
        t = z.tanh()
        return 1 - t * t
    if n == "elu":
        a = _arb(act.param)
        if z > 0:
            return arb(1)
        if z < 0:
            return a * z.exp()
        return (a * z.min(arb(0)).exp()).union(arb(1))
    if n == "gelu":
        Phi = (1 + (z / arb(2).sqrt()).erf()) / 2
        phi = (-(z * z) / 2).exp() / (2 * arb.pi()).sqrt()
        return Phi + z * phi
    if n in ("silu", "swish"):
        s = 1 / (1 + (-z).exp())
        return s + z * s * (1 - s)
    if n == "softplus":
        return 1 / (1 + (-z).exp())
    raise InvalidSpecError(f"no derivative for activation {act.spec}")


class _Evaluator:
    def __init__(self, net, x1, d):
        self.net = net
        self.x1 = x1
        self.d = d
        self.Wb = [([[_arb(w) for w in row] for row in L.W], [_arb(v) for v in L.b]) for L in net.layers]
        self.x1b = [_arb(v) for v in x1]
        self.db = [_arb(v) for v in d]
        self.pattern_layers = [i for i, L in enumerate(net.layers) if L.activation is not None]
        self.widths = [len(net.layers[i].b) for i in self.pattern_layers]

    def affine_root(self, j: int) -> Optional[Fraction]:
        """Exact root in t of bit neuron j when its pre-activation is affine in t (no activation before
        its layer), else None."""
        first = self.pattern_layers[0]
        if j >= self.widths[0]:          # (no layer before ``first`` has an activation, by definition)
            return None
        x = [Fraction(v) for v in self.x1]
        dx = [Fraction(v) for v in self.d]
        for L in self.net.layers[:first + 1]:
            x = [sum((Fraction(w) * v for w, v in zip(row, x)), Fraction(c)) for row, c in zip(L.W, L.b)]
            dx = [sum((Fraction(w) * v for w, v in zip(row, dx)), Fraction(0)) for row in L.W]
        return None if dx[j] == 0 else -x[j] / dx[j]

    def on_interval(self, a: Fraction, b: Fraction):
        """Value and derivative enclosures of every bit neuron's pre-activation for t in [a, b]."""
        t = _arb(a).union(_arb(b))
        x = [p + q * t for p, q in zip(self.x1b, self.db)]
        dx = list(self.db)
        vals, ders = [], []
        for L, (W, bb) in zip(self.net.layers, self.Wb):
            z = [sum((w * v for w, v in zip(row, x)), c) for row, c in zip(W, bb)]
            dz = [sum((w * v for w, v in zip(row, dx)), _arb(0)) for row in W]
            if L.activation is None:
                x, dx = z, dz
                continue
            vals.extend(z)
            ders.extend(dz)
            act = L.activation
            x = [act.arb(v) for v in z]
            dx = [activation_derivative_ball(act, v) * dv for v, dv in zip(z, dz)]
        return vals, ders

    def point_signs(self, t) -> List[Optional[int]]:
        """Signs of every bit neuron's pre-activation at the rational t: exact where the values stay
        rational (piecewise-linear layers, smooth activations at exactly 0), certified by balls otherwise;
        ``None`` where a ball still contains 0."""
        t = Fraction(t)
        x: List[Any] = [Fraction(p) + t * q for p, q in zip(self.x1, self.d)]
        out: List[Optional[int]] = []
        for L, (W, bb) in zip(self.net.layers, self.Wb):
            if all(isinstance(v, Fraction) for v in x):
                z: List[Any] = [sum((Fraction(w) * v for w, v in zip(row, x)), Fraction(c)) for row, c in zip(L.W, L.b)]
            else:
                xb = [_arb(v) if isinstance(v, Fraction) else v for v in x]
                z = [sum((w * v for w, v in zip(row, xb)), c) for row, c in zip(W, bb)]
            if L.activation is None:
                x = z
                continue
            act = L.activation
            nx = []
            for v in z:
                if isinstance(v, Fraction):
                    out.append((v > 0) - (v < 0))
                    if act.piecewise_linear:
                        nx.append(Fraction(act.exact(v)))
                    elif v == 0 and act.name in _EXACT_AT_ZERO:
                        nx.append(Fraction(_EXACT_AT_ZERO[act.name]))
                    else:
                        nx.append(act.arb(_arb(v)))
                else:
                    out.append(1 if v > 0 else (-1 if v < 0 else (0 if v.is_zero() else None)))
                    nx.append(act.arb(v))
            x = nx
        return out


def _with_prec(prec, fn):
    from flint import ctx
    old = ctx.prec
    ctx.prec = prec
    try:
        return fn()
    finally:
        ctx.prec = old


def sampled_patterns_smooth(net, x1: Any, x2: Any, grid: Sequence[Rational], prec: int = 128):
    """Ternary sign patterns at the sample positions ``grid`` (rows), certified where possible.
    Returns ``(codes, pattern_layers, widths, certified)``; uncertain signs read 0."""
    n0 = net.widths[0]
    a = exact_vector(x1, length=n0, what="x1")
    b = exact_vector(x2, length=n0, what="x2")
    ev = _Evaluator(net, a, [q - p for p, q in zip(a, b)])

    def run():
        rows, ok = [], True
        for t in grid:
            s = ev.point_signs(t)
            ok = ok and all(v is not None for v in s)
            rows.append([0 if v is None else v for v in s])
        return rows, ok

    rows, ok = _with_prec(prec, run)
    return np.array(rows, dtype=np.int8).reshape(len(rows), sum(ev.widths)), tuple(ev.pattern_layers), \
        tuple(ev.widths), ok


def fold_smooth(net, x1: Any, x2: Any, *, layers: Optional[Iterable[int]] = None, bits: str = "sign",
                prec: int = 128, min_width: Fraction = Fraction(1, 2 ** 40), max_intervals: int = 20000,
                refine_width: Fraction = Fraction(1, 2 ** 30)):
    """Certified folding of ``x1 -> x2`` for networks with smooth activations (see the module docstring).
    Returns a :class:`~exactsep.folding.core.FoldingResult` whose ``exact`` says whether every sign
    change was isolated and ordered with certainty."""
    from .core import _bit_columns, _sign_to_bits, fold_walk
    if bits == "piece":
        raise InvalidSpecError("bits='piece' needs piecewise-linear activations; use 'sign' or 'output'")
    n0 = net.widths[0]
    a = exact_vector(x1, length=n0, what="x1")
    b = exact_vector(x2, length=n0, what="x2")
    ev = _Evaluator(net, a, [q - p for p, q in zip(a, b)])
    min_width = Fraction(min_width)

    def run():
        cache = {}

        def signs_at(t):
            if t not in cache:
                cache[t] = ev.point_signs(t)
            return cache[t]

        leaves = []        # (a, b, base signs on (a, b) before any root, list of root neurons, settled?)
        stack = [(Fraction(0), Fraction(1))]
        count = 0
        problems = []
        while stack:
            lo, hi = stack.pop()
            count += 1
            vals, ders = ev.on_interval(lo, hi)
            sl, sh = signs_at(lo), signs_at(hi)
            base, roots, unknown = [], [], []
            for j, (v, dv) in enumerate(zip(vals, ders)):
                if v > 0:
                    base.append(1)
                elif v < 0:
                    base.append(-1)
                elif v.is_zero():
                    base.append(0)
                elif (dv > 0 or dv < 0) and sl[j] is not None and sh[j] is not None:
                    up = 1 if dv > 0 else -1
                    # strictly monotone: sign on (lo, hi) right after lo is up if z(lo) >= 0 ... decide by ends
                    if sl[j] == sh[j] and sl[j] != 0:
                        base.append(sl[j])                  # no sign change inside
                    elif sl[j] == 0:
                        base.append(up)                     # zero exactly at lo, then strictly of sign up
                    elif sh[j] == 0:
                        base.append(-up)                    # zero exactly at hi
                    else:
                        base.append(sl[j])                  # exactly one sign change inside
                        roots.append(j)
                else:
                    base.append(None)
                    unknown.append(j)
            if not unknown and len(roots) <= 1:
                leaves.append((lo, hi, base, roots, True))
                continue
            if hi - lo <= min_width or count >= max_intervals:
                leaves.append((lo, hi, base, roots + unknown, False))
                problems.append((lo, hi, roots + unknown))
                continue
            mid = lo + (hi - lo) * Fraction(1024, 2047)          # off-centre: avoids hitting simple rationals
            stack.append((mid, hi))
            stack.append((lo, mid))
        leaves.sort(key=lambda L: L[0])
        # walk of ternary signs, with the t where each pattern starts
        rows = [[0 if v is None else v for v in signs_at(Fraction(0))]]
        ts = [Fraction(0)]
        bps, intervals = [], []
        for lo, hi, base, roots, ok in leaves:
            cur = [0 if v is None else v for v in base]
            rows.append(list(cur))
            ts.append(lo)
            for j in roots:
                if ok:
                    r_lo, r_hi = _refine(ev, j, lo, hi, base[j], refine_width)
                    intervals.append((r_lo, r_hi))
                    bps.append(_simplest_between(r_lo, r_hi))
                    ts.append(bps[-1])
                else:
                    ts.append(lo)
                cur[j] = -cur[j] if cur[j] else 0
            if roots:
                rows.append(list(cur))
        rows.append([0 if v is None else v for v in signs_at(Fraction(1))])
        ts.append(Fraction(1))
        ends_ok = all(v is not None for v in signs_at(Fraction(0))) and all(v is not None for v in signs_at(Fraction(1)))
        return rows, ts, bps, intervals, problems, ends_ok, count

    rows, ts, bps, intervals, problems, ends_ok, count = _with_prec(prec, run)
    codes = np.array(rows, dtype=np.int8).reshape(len(rows), sum(ev.widths))
    cols, chosen = _bit_columns(net, ev.pattern_layers, ev.widths, layers)
    W = _sign_to_bits(net, ev.pattern_layers, ev.widths, codes, bits)[:, cols]
    ok = not problems and ends_ok
    note = ""
    if problems:
        note = (f"{len(problems)} interval(s) of t could not be settled down to width {min_width} "
                f"(double roots or simultaneous switchings), first at [{problems[0][0]}, {problems[0][1]}]")
    elif not ends_ok:
        note = "a pre-activation at x1 or x2 could not be certified non-zero (read as 0)"
    res = fold_walk(W, [normalize(t) for t in ts], breakpoints=tuple(bps), pieces=len(bps) + 1, layers=chosen, bits=bits,
                    exact_flag=ok, method=f"certified root isolation (arb, {prec} bits, {count} intervals)",
                    note=note, breakpoint_intervals=tuple(intervals))
    return res


def _simplest_between(lo: Fraction, hi: Fraction) -> Rational:
    """The rational with the smallest denominator in the closed interval [lo, hi].

    >>> _simplest_between(Fraction(24, 100), Fraction(26, 100))
    Fraction(1, 4)
    """
    lo, hi = Fraction(lo), Fraction(hi)
    if hi < 0:
        return normalize(-Fraction(_simplest_between(-hi, -lo)))
    if lo <= 0:
        return 0
    fl = lo.numerator // lo.denominator
    if fl == lo or fl + 1 <= hi:
        return normalize(Fraction(fl if fl == lo else fl + 1))
    return normalize(fl + 1 / Fraction(_simplest_between(1 / (hi - fl), 1 / (lo - fl))))


def _refine(ev, j, lo, hi, sign_lo, width):
    """Shrink the isolating interval of neuron j's single sign change (sign ``sign_lo`` just after lo).
    A neuron whose pre-activation is affine in t (no activation before it) gets its exact rational root."""
    aff = ev.affine_root(j)
    if aff is not None and lo <= aff <= hi:
        return aff, aff
    while hi - lo > width:
        mid = (lo + hi) / 2
        s = ev.point_signs(mid)[j]
        if s is None:
            break
        if s == 0:
            return mid, mid
        if s == sign_lo:
            lo = mid
        else:
            hi = mid
    return lo, hi
