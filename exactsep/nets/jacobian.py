"""Exact parameter Jacobians of a network's output at a batch of points.

The Jacobian of ``x -> F_theta(x)`` with respect to the flat parameters ``theta`` (order: W1
row-major, b1, W2 row-major, b2, ..., the order of :meth:`Network.flat`) at points ``z_1..z_k``
is the ``(k * n_d) x D`` matrix whose row ``(i, o)`` holds ``dF_o/dtheta`` at ``z_i``
(point-major: all outputs of ``z_1`` first).

It is only defined where every hidden pre-activation is nonzero (then ``F`` is a polynomial in
``theta`` near the point); otherwise :class:`~exactsep.errors.PointOnBoundaryError` names the
point, the layer and the neuron.

Two entry points:

* :func:`parameter_jacobian` - the exact Jacobian, rows of ints / Fractions.
* :func:`integer_jacobian` - a fast integer matrix ``J_int = diag(r) * J * diag(c)`` with
  positive rational row and column factors (so the same rank and, after rescaling by ``c``, the
  same kernel), computed with common-denominator integer arithmetic: numpy ``int64`` when an
  a-priori bound shows nothing can overflow, numpy object arrays of Python ints otherwise.

How the integer form is built (ReLU / identity hidden layers): each hidden neuron is scaled by
the lcm of the denominators of its incoming row (a positive scaling ``g``, a symmetry of the
realisation map, so ``J_theta = J_{g theta} * Dg``), the last layer to a common denominator ``L``,
and each point ``z_i`` to its own denominator ``q_i``; then every forward activation ``q * a^l`` and every backward
vector ``L * delta^l`` is an integer and ``J_int = diag(q_i * L) * J_{g theta}``.

>>> from exactsep.nets import Network
>>> from exactsep.nets.jacobian import parameter_jacobian
>>> net = Network.from_flat([1, 2, 1], [1, -1, 0, 1, 2, 3, 5])   # 2 relu(x) + 3 relu(1 - x) + 5
>>> parameter_jacobian(net, [["1/2"]])
[[1, Fraction(3, 2), 2, 3, Fraction(1, 2), Fraction(1, 2), 1]]
>>> parameter_jacobian(net, [[1]])
Traceback (most recent call last):
...
exactsep.errors.PointOnBoundaryError: point 0 = [1]: hidden pre-activation of neuron 2 of layer 1 is exactly 0; the parameter Jacobian is not defined there
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, List, Optional, Tuple

import numpy as np

from ..errors import InvalidSpecError, PointOnBoundaryError, ShapeError
from ..numbers import common_denominator, exact_vector, normalize, Rational

__all__ = ["parameter_jacobian", "integer_jacobian", "IntegerJacobian", "admissible_points_mask"]

_INT64_SAFE = 2 ** 63 - 1


@dataclass(frozen=True)
class IntegerJacobian:
    """``matrix = diag(row_factor) * J * diag(col_factors)`` with ``J`` the exact Jacobian.

    ``matrix``: numpy array (dtype int64, or object holding Python ints), shape (k * n_d, D).
    ``row_factors``: one positive integer per row (``q_i * L``, ``q_i`` the point's denominator).
    ``col_factors``: positive rationals, one per parameter (``1 / (Dg)_pp``).
    ``dtype``: ``"int64"`` or ``"object"``; ``patterns``: the (k, N) array of hidden signs (+1/-1);
    ``points_used``: indices of the points whose rows are present (all unless skipped).
    """

    matrix: Any
    row_factors: Tuple[int, ...]
    col_factors: Tuple[Rational, ...]
    dtype: str
    patterns: Any
    points_used: Tuple[int, ...] = ()

    def exact_rows(self) -> List[List[Rational]]:
        """The exact Jacobian ``J`` recovered from the integer form."""
        out = []
        cf = self.col_factors
        for row, rf in zip(self.matrix.tolist(), self.row_factors):
            out.append([normalize(Fraction(int(v)) / rf / c) if v else 0 for v, c in zip(row, cf)])
        return out


def _points_matrix(points: Any, n0: int) -> List[List[Rational]]:
    if isinstance(points, (str, bytes)) or not hasattr(points, "__len__"):
        raise ShapeError("points must be a list of input vectors")
    return [exact_vector(p, length=n0, what=f"point {i}") for i, p in enumerate(points)]


def _check_relu_like(net) -> bool:
    """True when every hidden layer is ReLU or affine (the integer fast path applies)."""
    for L in net.layers[:-1]:
        if L.activation is not None and L.activation.name not in ("relu", "identity"):
            return False
    return net.layers[-1].activation is None


def _boundary_error(i, x, l, j):
    xs = "[" + ", ".join(str(v) for v in x) + "]"
    return PointOnBoundaryError(
        f"point {i} = {xs}: hidden pre-activation of neuron {j + 1} of layer {l + 1} is exactly 0; "
        f"the parameter Jacobian is not defined there")


def _check_size(net, points) -> None:
    """The Jacobian's entries against exactsep.relu.fundim's limit and the memory budget, before it is built."""
    from ..relu.fundim import check_jacobian_size
    n = len(points) if hasattr(points, "__len__") else 0
    check_jacobian_size(n * net.widths[-1], net.num_params, "the parameter Jacobian")


def integer_jacobian(net, points: Any, *, force_object: bool = False, on_boundary: str = "raise") -> IntegerJacobian:
    """Integer form of the parameter Jacobian at a batch of rational points (see module docs).

    Requires ReLU (or identity / affine) hidden layers and an affine last layer. A point on a hidden
    neuron's zero set raises :class:`~exactsep.errors.PointOnBoundaryError` (``on_boundary="raise"``)
    or is dropped (``on_boundary="skip"``; ``points_used`` lists the kept point indices); with
    ``on_boundary="inactive"`` a zero pre-activation counts as inactive (the one-sided derivative; it is
    the derivative only where the neuron's kink is invisible downstream, see
    :func:`exactsep.relu.fundim.functional_dimension`).

    >>> from exactsep.nets import Network
    >>> net = Network.from_flat([1, 2, 1], ["1/2", -1, 0, 1, 2, 3, 5])
    >>> J = integer_jacobian(net, [[3], [-3]])
    >>> J.matrix.tolist(), J.row_factors, J.col_factors
    ([[3, 0, 1, 0, 3, 0, 1], [0, -9, 0, 3, 0, 4, 1]], (1, 1), (Fraction(1, 2), 1, Fraction(1, 2), 1, 2, 1, 1))
    >>> J.exact_rows() == parameter_jacobian(net, [[3], [-3]])
    True
    """
    if not _check_relu_like(net):
        raise InvalidSpecError("integer_jacobian needs ReLU or identity hidden layers and an affine last layer; "
                               "use parameter_jacobian for other piecewise-linear activations")
    widths = net.widths
    n0, nd = widths[0], widths[-1]
    _check_size(net, points)
    X = _points_matrix(points, n0)
    k = len(X)
    nl = len(net.layers)
    # --- neuron scalings s^l (positive ints) making every hidden row integral
    s_prev = [1] * n0
    Wint, Bint, scales = [], [], []
    for li, L in enumerate(net.layers):
        rowsW, rowsB, s_this = [], [], []
        last = li == nl - 1
        for i in range(L.n_out):
            row = [Fraction(w) / s_prev[j] for j, w in enumerate(L.W[i])]
            b = Fraction(L.b[i])
            if last:
                rowsW.append(row)
                rowsB.append(b)
                continue
            den = common_denominator([b, *row])
            s_this.append(den)
            rowsW.append([int(v * den) for v in row])
            rowsB.append(int(b * den))
        if last:
            Ld = common_denominator(v for row, b in zip(rowsW, rowsB) for v in (b, *row))
            rowsW = [[int(v * Ld) for v in row] for row in rowsW]
            rowsB = [int(b * Ld) for b in rowsB]
            s_this = [1] * L.n_out
            Ld_last = Ld
        Wint.append(rowsW)
        Bint.append(rowsB)
        scales.append(s_this)
        s_prev = s_this
    # --- points: common denominator q
    qs = [common_denominator(x) for x in X]
    Y = [[int(v * qi) for v in x] for x, qi in zip(X, qs)]
    q = max(qs, default=1)  # for the bounds only
    # --- column factors c_p = s^{l-1}_j / s^l_i (J_theta = J_{g theta} * Dg, Dg_pp = s^l_i / s^{l-1}_j)
    col: List[Rational] = []
    s_prev = [1] * n0
    for li, L in enumerate(net.layers):
        s_this = scales[li]
        for i in range(L.n_out):
            for j in range(L.n_in):
                col.append(normalize(Fraction(s_prev[j], s_this[i])))
        for i in range(L.n_out):
            col.append(normalize(Fraction(1, s_this[i])))
        s_prev = s_this
    # --- a-priori bounds (python ints) to decide int64 vs object
    maxY = max((abs(v) for y in Y for v in y), default=0)
    fbound = [max(maxY, q)]
    for li in range(nl - 1):
        m = 0
        for row, b in zip(Wint[li], Bint[li]):
            m = max(m, sum(abs(w) for w in row) * fbound[-1] + abs(b) * q)
        fbound.append(max(m, q))
    cur = max((abs(w) for row in Wint[-1] for w in row), default=0)  # |Delta^{d-1}|
    bmax = cur
    for li in range(nl - 2, 0, -1):  # Delta^{li-1} = (Delta^{li} W^{li}) masked
        Wl = Wint[li]
        colsum = max((sum(abs(Wl[r][c]) for r in range(len(Wl))) for c in range(len(Wl[0]))), default=0)
        cur = cur * colsum
        bmax = max(bmax, cur)
    wmax = max((abs(v) for Wl in Wint for row in Wl for v in row), default=0)
    bimax = max((abs(v) * q for Bl in Bint for v in Bl), default=0)
    worst = max(max(fbound) * max(bmax, Ld_last, 1), wmax, bimax)
    use_int64 = (not force_object) and worst < _INT64_SAFE
    if not use_int64 and not force_object and k and wmax < 2 ** 52 and bimax < 2 ** 52 and Ld_last < 2 ** 52:
        use_int64 = _float_abs_bound(Wint, Bint, Y, qs, nd, Ld_last) < 2.0 ** 61
    dtype = np.int64 if use_int64 else object
    Ld = Ld_last

    def arr(rows):
        if dtype is object:
            a = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
            for i, r in enumerate(rows):
                a[i, :] = r
            return a
        return np.array(rows, dtype=np.int64)

    if on_boundary not in ("raise", "skip", "inactive"):
        raise InvalidSpecError(f"on_boundary must be 'raise', 'skip' or 'inactive', got {on_boundary!r}")
    A = arr(Y) if k else np.zeros((0, n0), dtype=dtype)
    qcol = np.array(qs, dtype=dtype).reshape(k, 1)
    used = np.arange(k)
    acts = [A]
    masks = []
    for li in range(nl - 1):
        W = arr(Wint[li])
        b = np.array(Bint[li], dtype=dtype)
        Z = A @ W.T + qcol * b[None, :]
        zero = (Z == 0)
        if zero.any() and on_boundary != "inactive":
            if on_boundary == "raise":
                i, j = map(int, np.argwhere(zero)[0])
                raise _boundary_error(i, X[i], li, j)
            keep = ~zero.any(axis=1)
            Z, qcol, used = Z[keep], qcol[keep], used[keep]
            acts = [a[keep] for a in acts]
            masks = [m[keep] for m in masks]
            k = int(keep.sum())
        act = net.layers[li].activation
        if act is None or act.name == "identity":
            mask = np.ones(Z.shape, dtype=bool)
            A = Z
        else:
            mask = Z > 0
            A = np.where(mask, Z, 0).astype(dtype)
        masks.append(mask)
        acts.append(A)
    if k == 0:
        return IntegerJacobian(np.zeros((0, net.num_params), dtype=np.int64 if dtype is not object else object),
                               (), tuple(col), "int64" if dtype is not object else "object",
                               np.zeros((0, sum(widths[1:-1])), dtype=int), ())
    # backward: Delta^{d} = Ld * I ; Delta^{l} = (Delta^{l+1} W^{l+1}) * mask^l   shape (k, nd, n_l)
    blocks_rev = []
    Wd = arr(Wint[-1])
    Delta = None
    for li in range(nl - 1, -1, -1):
        Aprev = acts[li]  # q * a^{li}  (k, n_{li})
        if li == nl - 1:
            # last layer: dF_o/dW^d_{o j} = a_j, dF_o/db^d_o = 1 ; scaled by q * Ld
            nin = Aprev.shape[1]
            Wblock = np.zeros((k, nd, nd, nin), dtype=dtype)
            bblock = np.zeros((k, nd, nd), dtype=dtype)
            for o in range(nd):
                Wblock[:, o, o, :] = Aprev * Ld
                bblock[:, o, o] = qcol[:, 0] * Ld
            Delta = np.broadcast_to(Wd[None, :, :], (k, nd, Wd.shape[1])) * masks[li - 1][:, None, :] \
                if li >= 1 else None
        else:
            Wblock = Delta[:, :, :, None] * Aprev[:, None, None, :]
            bblock = Delta * qcol[:, :, None]
            if li >= 1:
                W = arr(Wint[li])
                Delta = np.matmul(Delta, W) * masks[li - 1][:, None, :]
        n_out = Wblock.shape[2]
        blocks_rev.append(bblock.reshape(k * nd, n_out))
        blocks_rev.append(Wblock.reshape(k * nd, -1))
    M = np.concatenate(blocks_rev[::-1], axis=1) if k else np.zeros((0, net.num_params), dtype=dtype)
    if dtype is not object:
        M = M.astype(np.int64, copy=False)
    pats = np.concatenate([np.where(m, 1, -1) for m in masks], axis=1) if masks else np.zeros((k, 0), dtype=int)
    rf = tuple(int(qs[i]) * Ld for i in used.tolist() for _ in range(nd))
    return IntegerJacobian(M, rf, tuple(col), "int64" if dtype is not object else "object", pats,
                           tuple(used.tolist()))


def _float_abs_bound(Wint, Bint, Y, qs, nd, Ld) -> float:
    """An upper bound (computed in float64 on absolute values, with a safety margin) on the absolute
    value of every partial sum in the integer forward/backward passes, point by point. Every entry
    there is a sum of products of entries whose absolute values are bounded by these abs-sums."""
    A = np.abs(np.array(Y, dtype=np.float64))
    qv = np.array(qs, dtype=np.float64).reshape(-1, 1)
    worst = float(A.max(initial=0.0)) + float(qv.max(initial=0.0))
    acts = [A]
    for li in range(len(Wint) - 1):
        W = np.abs(np.array(Wint[li], dtype=np.float64))
        b = np.abs(np.array(Bint[li], dtype=np.float64))
        A = A @ W.T + qv * b[None, :]
        acts.append(A)
        worst = max(worst, float(A.max(initial=0.0)))
    Wd = np.abs(np.array(Wint[-1], dtype=np.float64))
    worst = max(worst, float(acts[-1].max(initial=0.0)) * Ld, float(qv.max(initial=0.0)) * Ld)
    Delta = np.broadcast_to(Wd[None], (A.shape[0],) + Wd.shape)
    for li in range(len(Wint) - 2, -1, -1):
        dmax = Delta.max(axis=(1, 2)) if Delta.size else np.zeros(Delta.shape[0])
        amax = acts[li].max(axis=1) if acts[li].size else np.zeros(Delta.shape[0])
        worst = max(worst, float((dmax * amax).max(initial=0.0)), float((dmax * qv[:, 0]).max(initial=0.0)))
        if li >= 1:
            Delta = np.matmul(Delta, np.abs(np.array(Wint[li], dtype=np.float64)))
            worst = max(worst, float(Delta.max(initial=0.0)))
    if not np.isfinite(worst):
        return float("inf")
    return worst * 4.0


def _act_derivative(act, z: Rational) -> Optional[Rational]:
    """Derivative of a piecewise-linear activation at a non-breakpoint; None at a breakpoint."""
    if act is None:
        return 1
    if z in act.breakpoints:
        return None
    n = act.name
    if n == "relu":
        return 1 if z > 0 else 0
    if n == "leaky_relu":
        return 1 if z > 0 else act.param
    if n == "hardtanh":
        return 1 if -1 < z < 1 else 0
    if n == "relu6":
        return 1 if 0 < z < 6 else 0
    if n == "identity":
        return 1
    raise InvalidSpecError(f"activation {act.spec} is not piecewise linear; no exact parameter Jacobian")


def parameter_jacobian(net, points: Any) -> List[List[Rational]]:
    """Exact Jacobian of the outputs w.r.t. the flat parameters, one row per (point, output).

    ReLU / identity hidden layers use the integer fast path (:func:`integer_jacobian`); other
    piecewise-linear activations (leaky_relu, hardtanh, relu6) a direct ``Fraction`` computation.
    A point where a hidden pre-activation sits on an activation breakpoint raises
    :class:`~exactsep.errors.PointOnBoundaryError`.
    """
    if _check_relu_like(net):
        return integer_jacobian(net, points).exact_rows()
    _check_size(net, points)
    widths = net.widths
    X = _points_matrix(points, widths[0])
    rows = []
    for pi, x in enumerate(X):
        acts = [list(x)]
        ders = []
        v = list(x)
        for li, L in enumerate(net.layers):
            z = L.preactivation(v)
            if li < len(net.layers) - 1:
                d = []
                for j, zz in enumerate(z):
                    dd = _act_derivative(L.activation, zz)
                    if dd is None:
                        raise _boundary_error(pi, x, li, j)
                    d.append(dd)
                ders.append(d)
                v = z if L.activation is None else [L.activation.exact(t) for t in z]
                acts.append(v)
            else:
                if L.activation is not None:
                    raise InvalidSpecError("parameter_jacobian expects an affine last layer")
        nd = widths[-1]
        for o in range(nd):
            delta = [1 if i == o else 0 for i in range(nd)]
            blocks = []
            for li in range(len(net.layers) - 1, -1, -1):
                a = acts[li]
                blocks.append([di * aj for di in delta for aj in a] + list(delta))
                if li >= 1:
                    W = net.layers[li].W
                    delta = [sum((W[r][c] * delta[r] for r in range(len(W))), 0) * ders[li - 1][c]
                             for c in range(len(W[0]))]
            row = []
            for blk in blocks[::-1]:
                row.extend(normalize(Fraction(t)) for t in blk)
            rows.append(row)
    return rows


def admissible_points_mask(net, points: Any) -> List[bool]:
    """For each point, whether every hidden pre-activation is nonzero (the exact smoothness test)."""
    out = []
    for x in _points_matrix(points, net.widths[0]):
        out.append(all(all(s != 0 for s in layer) for layer in net.pattern(x)))
    return out
