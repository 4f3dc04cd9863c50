"""Precomposing a ReLU network with a first layer: the hypotheses and conclusion of [GLMW] Theorem 8.7, exactly.

For a network ``theta`` of architecture ``(n1, n2, ..., nd)`` and an affine map ``A(y) = M y + c`` from
``R^n0`` to ``R^n1``, ``(A, theta)`` is the network of architecture ``(n0, n1, ..., nd)`` whose first layer is
``ReLU o A``. [GLMW] Theorem 8.7 (as restated in the functional-dimension literature, docs/theory/fundim.md,
"When U is attained") says: if ``theta`` is nice, a finite set ``Z1`` in the open positive orthant of ``R^n1`` with
nonzero labels realises ``dim_fun(theta)``, ``A`` is surjective and satisfies Lemma 8.5 (every row nonzero; for
each ``k`` a point ``y_k`` of the open positive orthant of ``R^n0`` with (i) row ``k`` of ``A`` vanishing at
``y_k``, (ii) the other rows nonzero there, (iii) every neuron of ``theta`` nonzero at ``ReLU(A(y_k))``, (iv) the
``k``-th column of the input Jacobian of ``F_theta`` at ``ReLU(A(y_k))`` nonzero), then
``dim_fun(A, theta) = n0 n1 + dim_fun(theta)``, realised on a finite set in the open positive orthant.

:func:`positive_orthant_dimension` computes ``dim_fun+`` (the supremum of batch ranks over smooth points in the open
positive orthant) exactly: every activation region meeting the orthant contributes ``n0 + 1`` affinely
independent points of region-and-orthant (an exact LP), and the rows of a region are affine in the point.
:func:`lemma_8_5_points` decides the existence of the ``y_k`` exactly for ``n0 <= 2`` (the conditions are constant
on the pieces of the line ``row_k = 0`` cut by the other neurons).

>>> from exactsep.nets import Network
>>> from exactsep.relu.precompose import positive_orthant_dimension
>>> positive_orthant_dimension(Network.from_flat([1, 2, 1], [1, -1, -1, 1, 1, 1, 0]))[0]
4
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError
from ..nets.network import Network
from ..numbers import normalize, Rational

__all__ = ["positive_orthant_dimension", "compose_first_layer", "input_jacobian", "lemma_8_5_points"]


def positive_orthant_dimension(net: Network) -> Tuple[int, int]:
    """``(dim_fun+, regions meeting the open positive orthant)``: the rank of the exact parameter Jacobian at
    ``n0 + 1`` affinely independent points of every (activation region) intersected with the open positive
    orthant; regions where a hidden neuron is identically 0 are skipped (no smooth point)."""
    from ..linalg import rank
    from ..nets.jacobian import integer_jacobian
    from .lp import max_slack_point
    from .regions import enumerate_regions, region_points, restricted_forms
    n0 = net.widths[0]
    R = enumerate_regions(net)
    pts: List[List[Rational]] = []
    used = 0
    orthant = [([1 if t == i else 0 for t in range(n0)], 0, 1) for i in range(n0)]
    for reg in R.regions:
        if reg.has_zero_neuron:
            continue
        forms = restricted_forms(net, reg.pattern)
        cons = list(orthant)
        for li, layer in enumerate(reg.pattern):
            G, c = forms[li]
            cons += [(G[i], c[i], 1 if s > 0 else -1) for i, s in enumerate(layer)]
        res = max_slack_point(cons, n0)
        if res is None:
            continue
        used += 1
        pts.extend(list(p) for p in region_points(res[1], cons, n0))
    if not pts:
        return 0, 0
    J = integer_jacobian(net, pts)
    return int(rank(J.matrix, proof=True).value), used


def compose_first_layer(M: Sequence[Sequence[Any]], c: Sequence[Any], theta_widths: Sequence[int],
                        theta: Sequence[Any]) -> Network:
    """The network ``(A, theta)``: first layer ``ReLU(M y + c)`` then the layers of ``theta``."""
    n1, n0 = len(M), len(M[0])
    if theta_widths[0] != n1:
        raise InvalidSpecError(f"A maps to R^{n1} but theta's input dimension is {theta_widths[0]}")
    flat = [v for row in M for v in row] + list(c) + list(theta)
    return Network.from_flat([n0] + list(theta_widths), flat)


def input_jacobian(net: Network, u: Sequence[Any]) -> List[List[Rational]]:
    """The exact Jacobian of ``F`` with respect to its input at ``u`` (``u`` off every hidden zero set)."""
    pat = net.pattern(u)
    if any(s == 0 for layer in pat for s in layer):
        raise InvalidSpecError("input_jacobian needs a point off every hidden zero set")
    n0 = net.widths[0]
    J = [[Fraction(int(i == j)) for j in range(n0)] for i in range(n0)]
    for li, L in enumerate(net.layers):
        J = [[sum((w * J[k][j] for k, w in enumerate(row)), Fraction(0)) for j in range(n0)] for row in L.W]
        if li < len(net.layers) - 1:
            J = [r if s > 0 else [Fraction(0)] * n0 for r, s in zip(J, pat[li])]
    return [[normalize(v) for v in r] for r in J]


def _conditions_at(M, c, theta_net: Network, y, k) -> Optional[str]:
    """Which of Lemma 8.5 (ii)-(iv) fails at ``y`` for row ``k`` (None when all hold)."""
    z = [sum((Fraction(a) * Fraction(v) for a, v in zip(row, y)), Fraction(0)) + Fraction(ci) for row, ci in zip(M, c)]
    if any(z[j] == 0 for j in range(len(z)) if j != k):
        return "(ii) another row of A vanishes"
    u = [max(v, Fraction(0)) for v in z]
    if any(s == 0 for layer in theta_net.pattern(u) for s in layer):
        return "(iii) a neuron of theta vanishes at ReLU(A y)"
    J = input_jacobian(theta_net, u)
    if all(J[r][k] == 0 for r in range(len(J))):
        return "(iv) the k-th column of the input Jacobian of F_theta is zero"
    return None


def lemma_8_5_points(M: Sequence[Sequence[Any]], c: Sequence[Any], theta_net: Network) -> List[Optional[list]]:
    """For each row ``k`` of ``A``: a point ``y_k`` of the open positive orthant of ``R^n0`` satisfying Lemma 8.5
    (i)-(iv), or None when there is none (decided exactly; ``n0 <= 2``)."""
    from ..nets.segment import line_partition
    M = [[Fraction(v) for v in row] for row in M]
    c = [Fraction(v) for v in c]
    n0 = len(M[0])
    if n0 > 2:
        raise InvalidSpecError("lemma_8_5_points decides n0 <= 2")
    out: List[Optional[list]] = []
    comp = compose_first_layer(M, c, theta_net.widths, theta_net.flat())
    for k, row in enumerate(M):
        if all(v == 0 for v in row):
            out.append(None)
            continue
        if n0 == 1:
            y = [-c[k] / row[0]]
            ok = y[0] > 0 and _conditions_at(M, c, theta_net, y, k) is None
            out.append([normalize(v) for v in y] if ok else None)
            continue
        a1, a2 = row
        p0 = [-c[k] * a1 / (a1 * a1 + a2 * a2), -c[k] * a2 / (a1 * a1 + a2 * a2)]
        d = [-a2, a1]
        lo, hi = None, None                              # t with p0 + t d > 0 coordinatewise
        empty = False
        for pi, di in zip(p0, d):
            if di == 0:
                if pi <= 0:
                    empty = True
                continue
            t0 = -pi / di
            if di > 0:
                lo = t0 if lo is None else max(lo, t0)
            else:
                hi = t0 if hi is None else min(hi, t0)
        if empty or (lo is not None and hi is not None and lo >= hi):
            out.append(None)
            continue
        part = line_partition(comp, p0, d, lo, hi)
        found = None
        for pc in part.pieces:
            a, b = pc.t_lo, pc.t_hi
            if a is None and b is None:
                t = Fraction(0)
            elif a is None:
                t = Fraction(b) - 1
            elif b is None:
                t = Fraction(a) + 1
            else:
                t = (Fraction(a) + Fraction(b)) / 2
            y = [p0[0] + t * d[0], p0[1] + t * d[1]]
            if _conditions_at(M, c, theta_net, y, k) is None:
                found = [normalize(v) for v in y]
                break
        out.append(found)
    return out
