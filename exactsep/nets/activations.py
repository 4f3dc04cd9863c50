"""Activation functions, exact where they can be.

An :class:`Activation` has a name, an exact evaluation on rationals when it is piecewise linear
with rational breakpoints (``relu``, ``leaky_relu:a``, ``hardtanh``, ``relu6``, ``identity``), and a
float evaluation for the smooth ones.

>>> from exactsep.nets.activations import get_activation
>>> get_activation("leaky_relu:1/10").exact(-5)
Fraction(-1, 2)
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Optional, Tuple

from ..errors import InvalidSpecError, NonExactInputError
from ..numbers import exact, normalize, Rational


@dataclass(frozen=True)
class Activation:
    name: str
    param: Optional[Fraction] = None

    @property
    def spec(self) -> str:
        return self.name if self.param is None else f"{self.name}:{self.param}"

    @property
    def piecewise_linear(self) -> bool:
        return self.name in ("relu", "leaky_relu", "hardtanh", "relu6", "identity")

    @property
    def breakpoints(self) -> Tuple[Rational, ...]:
        """Pre-activation values where a piecewise-linear activation changes piece."""
        return {"relu": (0,), "leaky_relu": (0,), "hardtanh": (-1, 1), "relu6": (0, 6), "identity": ()}.get(self.name, (0,))

    @property
    def linear_pieces(self) -> Tuple[Tuple[Rational, Rational], ...]:
        """For a piecewise-linear activation, ``(slope, intercept)`` of each linear piece, in the
        order of the pieces ``(-inf, c_1), (c_1, c_2), ..., (c_r, inf)`` cut by :attr:`breakpoints`.

        >>> get_activation("relu6").linear_pieces
        ((0, 0), (1, 0), (0, 6))
        """
        n = self.name
        if n == "relu":
            return ((0, 0), (1, 0))
        if n == "leaky_relu":
            return ((normalize(self.param), 0), (1, 0))
        if n == "hardtanh":
            return ((0, -1), (1, 0), (0, 1))
        if n == "relu6":
            return ((0, 0), (1, 0), (0, 6))
        if n == "identity":
            return ((1, 0),)
        raise NonExactInputError(f"activation {self.spec} is not piecewise linear with rational breakpoints")

    def piece_index(self, z: Rational) -> int:
        """The number of breakpoints strictly below ``z`` (piece 0 is the leftmost; a value exactly on
        a breakpoint belongs to the piece on its left, so for ReLU the index is the paper's bit
        ``z > 0``).

        >>> act = get_activation("hardtanh")
        >>> [act.piece_index(z) for z in (-2, -1, 0, 1, 2)]
        [0, 0, 1, 1, 2]
        """
        return sum(1 for c in self.breakpoints if z > c)

    def arb(self, z):
        """Evaluate on a python-flint ``arb`` ball (certified enclosure), for every known activation."""
        from flint import arb
        n = self.name
        if self.piecewise_linear:
            if n == "relu":
                return z.max(arb(0))
            if n == "leaky_relu":
                a = arb(self.param.numerator) / self.param.denominator
                return z.max(arb(0)) + a * z.min(arb(0))
            if n == "hardtanh":
                return z.max(arb(-1)).min(arb(1))
            if n == "relu6":
                return z.max(arb(0)).min(arb(6))
            return z
        if n == "sigmoid":
            return 1 / (1 + (-z).exp())
        if n == "tanh":
            return z.tanh()
        if n == "elu":
            a = arb(self.param.numerator) / self.param.denominator
            return z.max(arb(0)) + a * (z.min(arb(0)).exp() - 1)
        if n == "gelu":
            return z * (1 + (z / arb(2).sqrt()).erf()) / 2
        if n in ("silu", "swish"):
            return z / (1 + (-z).exp())
        if n == "softplus":
            return (1 + z.exp()).log()
        raise InvalidSpecError(f"unknown activation {self.spec}")

    def exact(self, z: Rational) -> Rational:
        n = self.name
        if n == "relu":
            return z if z > 0 else 0
        if n == "leaky_relu":
            return z if z > 0 else self.param * z
        if n == "hardtanh":
            return -1 if z < -1 else (1 if z > 1 else z)
        if n == "relu6":
            return 0 if z < 0 else (6 if z > 6 else z)
        if n == "identity":
            return z
        raise NonExactInputError(f"activation {self.spec} has no exact rational evaluation; use float_ or interval evaluation")

    def float(self, z: float) -> float:
        n = self.name
        if self.piecewise_linear:
            return float(self.exact(Fraction(z)))
        if n == "sigmoid":
            return 1.0 / (1.0 + math.exp(-z))
        if n == "tanh":
            return math.tanh(z)
        if n == "elu":
            a = float(self.param if self.param is not None else 1)
            return z if z > 0 else a * math.expm1(z)
        if n == "gelu":
            return 0.5 * z * (1.0 + math.erf(z / math.sqrt(2.0)))
        if n in ("silu", "swish"):
            return z / (1.0 + math.exp(-z))
        if n == "softplus":
            return math.log1p(math.exp(z))
        raise InvalidSpecError(f"unknown activation {self.spec}")


KNOWN = ("relu", "leaky_relu", "hardtanh", "relu6", "identity", "sigmoid", "tanh", "elu", "gelu", "silu", "swish",
         "softplus")


def get_activation(spec: Any) -> Optional[Activation]:
    """Parse ``None``, ``"relu"``, ``"leaky_relu:1/10"``, ``"elu:1"``, ... (an ``Activation`` passes through)."""
    if spec is None or isinstance(spec, Activation):
        return spec
    if not isinstance(spec, str):
        raise InvalidSpecError(f"activation must be a string such as 'relu' or null, got {spec!r}")
    name, _, arg = spec.strip().lower().partition(":")
    if name not in KNOWN:
        raise InvalidSpecError(f"unknown activation {spec!r}; known: {', '.join(KNOWN)}")
    param = None
    if name == "leaky_relu":
        param = Fraction(exact(arg, what="leaky_relu slope")) if arg else Fraction(1, 100)
    elif name == "elu":
        param = Fraction(exact(arg, what="elu alpha")) if arg else Fraction(1)
    elif arg:
        raise InvalidSpecError(f"activation {name!r} takes no parameter (got {spec!r})")
    return Activation(name, param)
