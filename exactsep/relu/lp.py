"""Exact strict-feasibility LPs for activation regions.

An activation region is ``{x : sigma_k (a_k . x + c_k) > 0 for all k}``. It is nonempty iff the
LP ``max s  s.t.  sigma_k (a_k . x + c_k) >= s,  s <= 1`` has optimum ``s* > 0``; an optimal (or any
feasible) ``x`` with ``s > 0`` is a strictly interior rational point, with every constraint
satisfied by a margin of at least ``s``.

:func:`max_slack_point` solves it with a small primal simplex in **integer pivoting** (the
Edmonds/Bareiss fraction-free tableau: every entry is an integer, the division by the previous
pivot is exact), Bland's rule (no cycling), starting from the feasible origin ``x = 0,
s = min(1, min_k sigma_k c_k)`` (no phase 1), and stopping as soon as ``s > 0`` when only strict
feasibility is asked. :func:`sympy_max_slack_point` solves the same LP with
``sympy.solvers.simplex.lpmax`` (an independent exact method used by the tests and the LP
benchmark; see the README, "Why exactsep has its own exact LP" for the comparison).

>>> from exactsep.relu.lp import max_slack_point
>>> # the open triangle x > 0, y > 0, x + y < 1
>>> s, x = max_slack_point([((1, 0), 0, 1), ((0, 1), 0, 1), ((1, 1), -1, -1)], 2, optimal=True)
>>> s, x
(Fraction(1, 3), [Fraction(1, 3), Fraction(1, 3)])
>>> max_slack_point([((1,), 0, 1), ((1,), 0, -1)], 1) is None    # x > 0 and x < 0
True
"""
from __future__ import annotations

from fractions import Fraction
from typing import List, Optional, Sequence, Tuple

from ..numbers import common_denominator, normalize, Rational

__all__ = ["max_slack_point", "sympy_max_slack_point"]

Constraint = Tuple[Sequence[Rational], Rational, int]   # (a, c, sigma): sigma * (a . x + c) > 0


def max_slack_point(constraints: Sequence[Constraint], n: int, *, optimal: bool = False
                    ) -> Optional[Tuple[Fraction, List[Rational]]]:
    """Strictly feasible point of ``sigma_k (a_k . x + c_k) > 0`` (k over ``constraints``), or None.

    Returns ``(s, x)`` with every constraint ``sigma_k (a_k . x + c_k) >= s > 0`` (exactly), or ``None``
    when the open polyhedron is empty. With ``optimal=True`` ``s`` is the maximal slack (capped at 1);
    otherwise the simplex stops at the first vertex with ``s > 0``.
    """
    m = len(constraints)
    if m == 0:
        return Fraction(1), [0] * n
    # rows:  sum_j (-sigma a_j) x+_j + sum_j (sigma a_j) x-_j + s' <= sigma c - s_min   (s = s' + s_min)
    sc = [Fraction(sig) * Fraction(c) for _, c, sig in constraints]
    s_min = min(min(sc), Fraction(1))
    ncols = 2 * n + 1 + (m + 1)          # x+, x-, s', slacks ; rhs kept separately
    T: List[List[int]] = []
    rhs: List[int] = []
    for k, (a, c, sig) in enumerate(constraints):
        coeffs = [Fraction(-sig) * Fraction(v) for v in a]
        r = sc[k] - s_min
        den = common_denominator([r, *coeffs])
        row = [0] * ncols
        for j, v in enumerate(coeffs):
            iv = int(v * den)
            row[j] = iv
            row[n + j] = -iv
        row[2 * n] = den
        row[2 * n + 1 + k] = 1        # slack variable rescaled by den (its scale is irrelevant)
        T.append(row)
        rhs.append(int(r * den))
    # s' <= 1 - s_min
    r = Fraction(1) - s_min
    row = [0] * ncols
    row[2 * n] = r.denominator
    row[2 * n + 1 + m] = 1
    T.append(row)
    rhs.append(r.numerator)
    # integer pivoting: the tableau is B^-1 [A | b] scaled by d = det(B); initially B = I, d = 1
    obj = [0] * ncols
    obj[2 * n] = -1                         # maximise s'  (z - s' = 0)
    obj_rhs = 0
    basis = [2 * n + 1 + k for k in range(m + 1)]
    d = 1
    target_needed = -s_min                  # s' must exceed this for s > 0

    def current_sprime() -> Fraction:
        return Fraction(obj_rhs, d)

    for _ in range(10000):
        if not optimal and current_sprime() > target_needed:
            break
        col = next((j for j in range(ncols) if obj[j] < 0), None)
        if col is None:
            break
        best = None
        for i in range(len(T)):
            a = T[i][col]
            if a > 0:
                if best is None:
                    best = i
                else:
                    lhs = rhs[i] * T[best][col]
                    rr = rhs[best] * a
                    if lhs < rr or (lhs == rr and basis[i] < basis[best]):
                        best = i
        if best is None:       # unbounded direction (cannot happen: s' is bounded)
            break
        p = T[best][col]
        prow = T[best]
        prhs = rhs[best]
        for i in range(len(T)):
            if i == best:
                continue
            f = T[i][col]
            row = T[i]
            T[i] = [(v * p - f * w) // d for v, w in zip(row, prow)]
            rhs[i] = (rhs[i] * p - f * prhs) // d
        f = obj[col]
        obj = [(v * p - f * w) // d for v, w in zip(obj, prow)]
        obj_rhs = (obj_rhs * p - f * prhs) // d
        basis[best] = col
        d = p
    s = current_sprime() + s_min
    if s <= 0:
        return None
    x: List[Rational] = [0] * n
    for i, bv in enumerate(basis):
        if bv < 2 * n:
            val = Fraction(rhs[i], d)
            if bv < n:
                x[bv] += val
            else:
                x[bv - n] -= val
    x = [normalize(Fraction(v)) for v in x]
    # exact verification of the margin (never trust a tableau)
    margin = min(Fraction(sig) * (sum((Fraction(ai) * xi for ai, xi in zip(a, x)), Fraction(0)) + Fraction(c))
                 for a, c, sig in constraints)
    if margin <= 0:
        raise ArithmeticError("internal error: simplex returned a point that is not strictly feasible")
    return min(margin, Fraction(1)) if optimal else margin, x


def sympy_max_slack_point(constraints: Sequence[Constraint], n: int
                          ) -> Optional[Tuple[Fraction, List[Rational]]]:
    """The same LP solved with ``sympy.solvers.simplex.linprog`` (exact, over sympy Rationals).

    Variables are split into nonnegative parts (``x = x+ - x-``, ``s = s+ - s-``) because
    ``linprog`` uses nonnegative variables. (``lpmax`` with free variables is NOT used: on sympy
    1.14 it returned infeasible "optima" in our tests; see the README, "Why exactsep has its own exact LP".)
    """
    import sympy
    from sympy.solvers.simplex import linprog
    R = lambda v: sympy.Rational(Fraction(v).numerator, Fraction(v).denominator)
    A, b = [], []
    for a, c, sig in constraints:
        A.append([R(-sig * Fraction(v)) for v in a] + [R(sig * Fraction(v)) for v in a] + [1, -1])
        b.append(R(sig * Fraction(c)))
    A.append([0] * (2 * n) + [1, -1])
    b.append(1)
    cost = [0] * (2 * n) + [-1, 1]
    val, sol = linprog(sympy.Matrix(cost), sympy.Matrix(A), sympy.Matrix(b))
    smax = -Fraction(int(sympy.fraction(val)[0]), int(sympy.fraction(val)[1]))
    if smax <= 0:
        return None
    q = lambda e: Fraction(int(sympy.fraction(e)[0]), int(sympy.fraction(e)[1]))
    x = [normalize(q(sol[j]) - q(sol[n + j])) for j in range(n)]
    return smax, x
