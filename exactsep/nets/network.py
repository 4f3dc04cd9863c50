"""Exact feedforward networks over Q.

A :class:`Network` is a list of :class:`Layer` s, each ``x -> act(W x + b)``; ``activation=None``
means an affine layer (the usual last layer). Parameters are exact rationals (``int``/``Fraction``).

The ReLU architecture ``(n0, n1, ..., nd)`` has the flat parameter order W1 row-major, b1, W2
row-major, b2, ..., Wd, bd (row i of W_l = incoming weights of neuron i); hidden layers use ReLU,
the last layer is affine.

>>> from exactsep.nets import Network
>>> net = Network.from_flat([1, 2, 1], [1, -1, 0, 1, 1, 1, 0])
>>> net.widths, net.num_params
((1, 2, 1), 7)
>>> net([3])
[3]
>>> net.pattern([3])          # per hidden layer, +1 / 0 / -1 sign of each pre-activation
((1, -1),)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError, ShapeError
from ..numbers import exact, exact_matrix, exact_vector, Rational
from .activations import Activation, get_activation


@dataclass(frozen=True)
class Layer:
    """One layer ``x -> activation(W x + b)``; ``W`` has shape (out, in)."""

    W: Tuple[Tuple[Rational, ...], ...]
    b: Tuple[Rational, ...]
    activation: Optional[Activation] = None

    @classmethod
    def make(cls, W: Any, b: Any, activation: Any = None) -> "Layer":
        Wr = exact_matrix(W, what="weight matrix W")
        if not Wr:
            raise ShapeError("weight matrix W has no rows")
        br = exact_vector(b, length=len(Wr), what="bias b")
        return cls(tuple(tuple(r) for r in Wr), tuple(br), get_activation(activation))

    @property
    def n_in(self) -> int:
        return len(self.W[0])

    @property
    def n_out(self) -> int:
        return len(self.W)

    def preactivation(self, x: Sequence[Rational]) -> List[Rational]:
        return [sum((w * xi for w, xi in zip(row, x)), bi) for row, bi in zip(self.W, self.b)]

    def __call__(self, x: Sequence[Rational]) -> List[Rational]:
        z = self.preactivation(x)
        return z if self.activation is None else [self.activation.exact(v) for v in z]


@dataclass(frozen=True)
class Network:
    """A feedforward network: a tuple of layers with matching shapes."""

    layers: Tuple[Layer, ...]

    def __post_init__(self):
        if not self.layers:
            raise InvalidSpecError("a network needs at least one layer")
        for i in range(1, len(self.layers)):
            if self.layers[i].n_in != self.layers[i - 1].n_out:
                raise ShapeError(
                    f"layer {i} expects {self.layers[i].n_in} inputs but layer {i - 1} has {self.layers[i - 1].n_out} outputs")

    # -- construction --
    @classmethod
    def from_layers(cls, layers: Sequence[Any]) -> "Network":
        """From ``Layer`` objects or dicts ``{"W": ..., "b": ..., "activation": ...}``."""
        out = []
        for i, L in enumerate(layers):
            if isinstance(L, Layer):
                out.append(L)
            elif isinstance(L, dict):
                if "W" not in L or "b" not in L:
                    raise InvalidSpecError(f"layer {i} needs keys 'W' and 'b'")
                out.append(Layer.make(L["W"], L["b"], L.get("activation")))
            else:
                raise InvalidSpecError(f"layer {i} must be a Layer or a dict, got {type(L).__name__}")
        return cls(tuple(out))

    @classmethod
    def from_flat(cls, widths: Sequence[int], theta: Sequence[Any], activation: str = "relu") -> "Network":
        """ReLU (or other ``activation``) network of architecture ``widths`` from flat parameters."""
        widths = check_widths(widths)
        D = num_params(widths)
        if isinstance(theta, (str, bytes)) or not hasattr(theta, "__len__"):
            raise ShapeError("theta must be a list of numbers")
        if len(theta) != D:
            raise ShapeError(f"theta has {len(theta)} entries; architecture {list(widths)} needs {D}")
        th = exact_vector(theta, what="theta")
        layers, pos = [], 0
        for l in range(1, len(widths)):
            n_in, n_out = widths[l - 1], widths[l]
            W = [th[pos + i * n_in: pos + (i + 1) * n_in] for i in range(n_out)]
            pos += n_in * n_out
            b = th[pos: pos + n_out]
            pos += n_out
            act = activation if l < len(widths) - 1 else None
            layers.append(Layer(tuple(tuple(r) for r in W), tuple(b), get_activation(act)))
        return cls(tuple(layers))

    # -- shape --
    @property
    def widths(self) -> Tuple[int, ...]:
        return (self.layers[0].n_in,) + tuple(L.n_out for L in self.layers)

    @property
    def num_params(self) -> int:
        return num_params(self.widths)

    def flat(self) -> List[Rational]:
        out: List[Rational] = []
        for L in self.layers:
            for r in L.W:
                out.extend(r)
            out.extend(L.b)
        return out

    # -- evaluation --
    def _check_input(self, x: Any) -> List[Rational]:
        return exact_vector(x, length=self.widths[0], what="input")

    def __call__(self, x: Any) -> List[Rational]:
        return self.forward(x)[-1]

    def forward(self, x: Any) -> List[List[Rational]]:
        """Activations after every layer (index 0 is the input)."""
        v = self._check_input(x)
        outs = [v]
        for L in self.layers:
            v = L(v)
            outs.append(v)
        return outs

    def preactivations(self, x: Any) -> List[List[Rational]]:
        """Pre-activations ``W x + b`` of every layer."""
        v = self._check_input(x)
        pres = []
        for L in self.layers:
            z = L.preactivation(v)
            pres.append(z)
            v = z if L.activation is None else [L.activation.exact(t) for t in z]
        return pres

    def pattern(self, x: Any) -> Tuple[Tuple[int, ...], ...]:
        """Ternary activation pattern: for every layer with an activation, the sign (+1, 0, -1)
        of each pre-activation."""
        pres = self.preactivations(x)
        return tuple(tuple((z > 0) - (z < 0) for z in zs)
                     for L, zs in zip(self.layers, pres) if L.activation is not None)


def check_widths(widths: Any) -> Tuple[int, ...]:
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__len__") or len(widths) < 2:
        raise InvalidSpecError(f"widths must be a list of at least two positive integers, got {widths!r}")
    out = []
    for w in widths:
        if isinstance(w, bool) or not isinstance(w, int) or w < 1:
            raise InvalidSpecError(f"widths must be positive integers, got {list(widths)!r}")
        out.append(int(w))
    return tuple(out)


def num_params(widths: Sequence[int]) -> int:
    return sum(widths[l] * widths[l - 1] + widths[l] for l in range(1, len(widths)))
