"""Exact equivariant networks: layers ``h -> act(sum_i B_i h W_i^T + bias)``.

A hidden representation on the G-set ``X`` with ``h`` channels is an ``|X| x h`` matrix. An
:class:`EquivariantLayer` maps it to ``|Y| x h'`` by ``sum_i B_i H W_i^T + b[block(y)]`` (``B_i`` the
basis matrices of the layer space, ``W_i`` arbitrary ``h' x h`` weight matrices, one bias per
channel and bias block), then applies the activation (none on the last layer).

Evaluation is exact over Q for ReLU and the other piecewise-linear activations and for polynomial
activations ``poly:d`` (``sigma(t) = t^d``); smooth activations (sigmoid, tanh, gelu, silu, softplus,
elu) are evaluated in certified interval arithmetic (python-flint ``arb`` balls) by
:meth:`EquivariantNetwork.evaluate_arb`.

>>> from exactsep.groups import symmetric, GSet
>>> from exactsep.equivariant import layer_basis, bias_blocks
>>> G = symmetric(3); X = GSet.natural(G); T = GSet.trivial(G)
>>> hidden = EquivariantLayer.make(layer_basis("full", X, X), bias_blocks(X),
...                                 weights=[[[1]], [[-1]]], bias=[[0]], activation="relu")
>>> out = EquivariantLayer.make(layer_basis("full", T, X), bias_blocks(T), weights=[[[1]]], bias=[[0]])
>>> net = EquivariantNetwork((hidden, out))
>>> net([1, 2, 3])      # sum_y relu(x_y - sum_{z != y} x_z) = relu(-4) + relu(-2) + relu(0)
[0]
>>> net([5, 1, 1])
[3]
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Optional, Sequence, Tuple

import numpy as np

from ..errors import InvalidSpecError, NonExactInputError, ShapeError
from ..numbers import Rational, common_denominator, exact_vector, normalize, to_json_number
from .spaces import EquivariantBasis

__all__ = ["EquivariantLayer", "EquivariantNetwork", "parse_activation", "SMOOTH_ACTIVATIONS"]

SMOOTH_ACTIVATIONS = ("sigmoid", "tanh", "gelu", "silu", "swish", "softplus", "elu")


def parse_activation(spec: Any) -> str:
    """Normalise an activation spec to a string: ``"relu"``, ``"sigmoid"``, ``"leaky_relu:1/10"``, ...,
    or ``"poly:d"`` (from ``"poly:d"``, ``{"poly": d}``; ``"identity"`` is ``"poly:1"``).

    >>> parse_activation({"poly": 3}), parse_activation("ReLU"), parse_activation("identity")
    ('poly:3', 'relu', 'poly:1')
    """
    if isinstance(spec, dict):
        if set(spec) != {"poly"}:
            raise InvalidSpecError(f"unknown activation {spec!r}; use a name such as 'relu' or {{'poly': d}}")
        d = spec["poly"]
        return f"poly:{_degree(d)}"
    if not isinstance(spec, str):
        raise InvalidSpecError(f"activation must be a string such as 'relu' or {{'poly': d}}, got {spec!r}")
    s = spec.strip().lower()
    if s.startswith("poly"):
        _, _, d = s.partition(":")
        try:
            return f"poly:{_degree(int(d))}"
        except ValueError:
            raise InvalidSpecError(f"activation {spec!r}: write poly:d with an integer degree d >= 1") from None
    if s in ("identity", "linear"):
        return "poly:1"
    from ..nets.activations import get_activation
    a = get_activation(s)
    return a.spec


def _degree(d: Any) -> int:
    if isinstance(d, bool) or not isinstance(d, int) or d < 1:
        raise InvalidSpecError(f"polynomial degree must be an integer >= 1, got {d!r}")
    return d


def _exact_act(name: str):
    if name.startswith("poly:"):
        d = int(name[5:])
        return lambda z: z ** d
    from ..nets.activations import get_activation
    a = get_activation(name)
    if not a.piecewise_linear:
        raise NonExactInputError(
            f"activation {name} has no exact rational evaluation; use evaluate_arb (certified intervals)")
    return a.exact


def _arb_act(name: str):
    import flint
    if name.startswith("poly:"):
        d = int(name[5:])
        return lambda z: z ** d
    from ..nets.activations import get_activation
    a = get_activation(name)
    n = a.name
    if a.piecewise_linear:
        lo_hi = {"relu": (lambda z: 0 * z, lambda z: z),
                 "leaky_relu": (lambda z: flint.arb(flint.fmpq(a.param.numerator, a.param.denominator)) * z, lambda z: z)}
        if n in lo_hi:
            neg, pos = lo_hi[n]

            def f(z):
                if z > 0:
                    return pos(z)
                if z < 0:
                    return neg(z)
                return pos(z).union(neg(z))
            return f
        if n == "hardtanh":
            return lambda z: z if (z > -1 and z < 1) else (flint.arb(1) if z >= 1 else (flint.arb(-1) if z <= -1 else z.union(flint.arb(1)).union(flint.arb(-1))))
        if n == "relu6":
            return lambda z: z if (z > 0 and z < 6) else (flint.arb(6) if z >= 6 else (flint.arb(0) if z <= 0 else z.union(flint.arb(0)).union(flint.arb(6))))
    if n == "sigmoid":
        return lambda z: 1 / (1 + (-z).exp())
    if n == "tanh":
        return lambda z: z.tanh()
    if n == "gelu":
        return lambda z: z / 2 * (1 + (z / flint.arb(2).sqrt()).erf())
    if n in ("silu", "swish"):
        return lambda z: z / (1 + (-z).exp())
    if n == "softplus":
        return lambda z: (1 + z.exp()).log()
    if n == "elu":
        alpha = flint.arb(flint.fmpq(a.param.numerator, a.param.denominator))

        def elu(z):
            neg = alpha * (z.exp() - 1)
            if z > 0:
                return z
            if z < 0:
                return neg
            return z.union(neg)
        return elu
    raise InvalidSpecError(f"activation {name} has no interval evaluation")


def _obj(M) -> np.ndarray:
    A = np.empty((len(M), len(M[0]) if len(M) else 0), dtype=object)
    for i, r in enumerate(M):
        for j, x in enumerate(r):
            A[i, j] = x
    return A


@dataclass(frozen=True, eq=False)
class EquivariantLayer:
    """``H -> act(sum_i B_i H W_i^T + b[block])``.

    ``weights[i]`` is the ``h_out x h_in`` matrix multiplying basis matrix ``i``; ``bias[j][k]`` is the
    bias of output channel ``j`` on bias block ``k``; ``activation`` None for an affine layer.
    """

    basis: EquivariantBasis
    blocks: Tuple[int, ...]
    weights: Tuple[Tuple[Tuple[Rational, ...], ...], ...]
    bias: Tuple[Tuple[Rational, ...], ...]
    activation: Optional[str] = None

    @classmethod
    def make(cls, basis: EquivariantBasis, blocks: Sequence[int], weights: Any, bias: Any,
             activation: Any = None) -> "EquivariantLayer":
        if len(blocks) != basis.rows:
            raise ShapeError(f"{len(blocks)} block labels for a layer with {basis.rows} output points")
        if len(weights) != basis.size:
            raise ShapeError(f"{len(weights)} weight matrices for a layer space of dimension {basis.size}")
        W = []
        h_out = h_in = None
        for i, Wi in enumerate(weights):
            rows = tuple(tuple(exact_vector(r, what=f"weight matrix {i} row")) for r in Wi)
            if h_out is None:
                h_out, h_in = len(rows), (len(rows[0]) if rows else 0)
            if len(rows) != h_out or any(len(r) != h_in for r in rows):
                raise ShapeError(f"weight matrix {i} is not {h_out} x {h_in}")
            W.append(rows)
        nblocks = max(blocks) + 1 if len(blocks) else 0
        b = tuple(tuple(exact_vector(r, length=nblocks, what="bias row")) for r in bias)
        if h_out is not None and len(b) != h_out:
            raise ShapeError(f"bias has {len(b)} rows, expected one per output channel ({h_out})")
        act = parse_activation(activation) if activation is not None else None
        return cls(basis, tuple(blocks), tuple(W), b, act)

    @property
    def width_out(self) -> int:
        return len(self.bias)

    @property
    def width_in(self) -> int:
        return len(self.weights[0][0]) if self.weights and self.weights[0] else 0

    def preactivation(self, H: np.ndarray) -> np.ndarray:
        """Exact pre-activation (object array ``|Y| x h_out``) of the representation ``H`` (``|X| x h_in``).

        Computed over the integers: ``H``, the weights, the bias and the basis entries are brought to
        common denominators, the products are Python-int dot products, and only the ``|Y| x h_out``
        results become rationals again."""
        Y = self.basis.rows
        ho = self.width_out
        hi = H.shape[1]
        Dh = common_denominator(H.ravel().tolist())
        Dw = common_denominator([x for Wi in self.weights for r in Wi for x in r] + [x for r in self.bias for x in r])
        Db = common_denominator([x for _, _, v in self.basis.entries for x in v])
        Hi = np.empty(H.shape, dtype=object)
        for idx, t in np.ndenumerate(H):
            Hi[idx] = _scaled_int(t, Dh)
        Zi = np.empty((Y, ho), dtype=object)
        bscale = Dh * Db
        for j in range(ho):
            bj = [_scaled_int(x, Dw) * bscale for x in self.bias[j]]
            for y in range(Y):
                Zi[y, j] = bj[self.blocks[y]]
        for i, Wi in enumerate(self.weights):
            r, c, v = self.basis.entries[i]
            if not len(r) or not hi:
                continue
            WT = np.empty((hi, ho), dtype=object)
            for a in range(ho):
                for b_ in range(hi):
                    WT[b_, a] = _scaled_int(Wi[a][b_], Dw)
            HW = Hi.dot(WT)
            for a, b, x in zip(r.tolist(), c.tolist(), v):
                xi = _scaled_int(x, Db)
                Zi[a] += HW[b] if xi == 1 else xi * HW[b]
        D = Dh * Dw * Db
        Z = np.empty((Y, ho), dtype=object)
        for idx, t in np.ndenumerate(Zi):
            Z[idx] = normalize(Fraction(t, D)) if D != 1 else t
        return Z

    def to_json(self) -> dict:
        return {"space": self.basis.kind, "blocks": list(self.blocks),
                "weights": [[[to_json_number(x) for x in row] for row in Wi] for Wi in self.weights],
                "bias": [[to_json_number(x) for x in row] for row in self.bias],
                "activation": self.activation}


@dataclass(frozen=True, eq=False)
class EquivariantNetwork:
    """A composition of :class:`EquivariantLayer` s; the input is a vector on ``X_0 x [channels]``
    (one channel in the network's sense), the output a list of numbers on the output G-set (width 1)
    or a list of per-point channel lists."""

    layers: Tuple[EquivariantLayer, ...]

    def __post_init__(self):
        if not self.layers:
            raise InvalidSpecError("an equivariant network needs at least one layer")
        for l in range(1, len(self.layers)):
            a, b = self.layers[l - 1], self.layers[l]
            if b.basis.cols != a.basis.rows or b.width_in != a.width_out:
                raise ShapeError(f"layer {l} does not fit layer {l - 1}")

    def _input(self, x: Any) -> np.ndarray:
        v = exact_vector(x, length=self.layers[0].basis.cols, what="input")
        H = np.empty((len(v), 1), dtype=object)
        for i, t in enumerate(v):
            H[i, 0] = t
        return H

    def _output(self, H) -> list:
        if H.shape[1] == 1:                       # (exact values: only evaluate() calls this)
            return [normalize(Fraction(t)) for t in H[:, 0]]
        return [[normalize(Fraction(t)) for t in row] for row in H]

    def __call__(self, x: Any) -> list:
        return self.evaluate(x)

    def evaluate(self, x: Any) -> list:
        """Exact output (ReLU-like and polynomial activations); raises NonExactInputError for smooth ones."""
        H = self._input(x)
        for L in self.layers:
            Z = L.preactivation(H)
            if L.activation is not None:
                f = _exact_act(L.activation)
                Z = np.vectorize(f, otypes=[object])(Z) if Z.size else Z
            H = Z
        return self._output(H)

    def evaluate_arb(self, x: Any, prec: int = 128) -> list:
        """Certified enclosures (python-flint ``arb`` balls) of the outputs, at ``prec`` bits."""
        import flint
        old = flint.ctx.prec
        flint.ctx.prec = prec
        try:
            v = exact_vector(x, length=self.layers[0].basis.cols, what="input")
            H = np.empty((len(v), 1), dtype=object)
            for i, t in enumerate(v):
                H[i, 0] = _to_arb(t)
            for L in self.layers:
                Lb = EquivariantLayer(L.basis, L.blocks,
                                      tuple(tuple(tuple(_to_arb(t) for t in r) for r in Wi) for Wi in L.weights),
                                      tuple(tuple(_to_arb(t) for t in r) for r in L.bias), L.activation)
                Z = _arb_preactivation(Lb, H)
                if L.activation is not None:
                    f = _arb_act(L.activation)
                    Z = np.vectorize(f, otypes=[object])(Z) if Z.size else Z
                H = Z
            if H.shape[1] == 1:
                return list(H[:, 0])
            return [list(r) for r in H]
        finally:
            flint.ctx.prec = old

    @property
    def exact_evaluation(self) -> bool:
        """Whether :meth:`evaluate` is exact for every layer's activation."""
        for L in self.layers:
            if L.activation is not None and not L.activation.startswith("poly:"):
                from ..nets.activations import get_activation
                if not get_activation(L.activation).piecewise_linear:
                    return False
        return True

    def to_json(self) -> dict:
        return {"layers": [L.to_json() for L in self.layers]}


def _scaled_int(x, d: int) -> int:
    """``x * d`` as an int (``d`` a multiple of the denominator of ``x``)."""
    if type(x) is int:
        return x * d
    q = Fraction(x)
    return q.numerator * (d // q.denominator)


def _is_arb(t) -> bool:
    return type(t).__module__.startswith("flint")


def _to_arb(t):
    import flint
    if _is_arb(t):
        return t
    q = Fraction(t)
    return flint.arb(flint.fmpq(q.numerator, q.denominator))


def _arb_preactivation(L: EquivariantLayer, H: np.ndarray) -> np.ndarray:
    Y = L.basis.rows
    Z = np.empty((Y, L.width_out), dtype=object)
    for y in range(Y):
        for j in range(L.width_out):
            Z[y, j] = L.bias[j][L.blocks[y]]
    for i, Wi in enumerate(L.weights):
        r, c, v = L.basis.entries[i]
        if not len(r):
            continue
        WT = _obj(Wi).T
        HW = H.dot(WT)
        for a, b, x in zip(r.tolist(), c.tolist(), v):
            Z[a] = Z[a] + _to_arb(x) * HW[b]
    return Z
