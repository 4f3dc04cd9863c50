"""Witness networks: concrete equivariant networks with small rational weights that separate a pair.

For a pair the theory calls *separated*, :func:`witness` builds a network of the architecture whose
outputs on the two inputs differ, and re-evaluates it: exactly over Q for ReLU-like and polynomial
activations, in certified interval arithmetic (python-flint ``arb``) for smooth ones (the output balls
must be disjoint). Construction (non-polynomial activations, following the proof of Theorem A):
at every hidden layer one random integer pre-activation ``z`` is drawn and checked to be injective
on the colours of the layer (and constant on each colour: a live check of the theory), then the
channels ``sigma(+-s (z - t_k))`` with thresholds ``t_k`` between consecutive values of ``z``
(``s = 1`` for ReLU / leaky ReLU, a large power of two otherwise) span every function of the colours;
the next layer takes random integer combinations. Polynomial activations (``sigma(t) = t^d``) use
random integer networks of width ``2 max |X_l| + 1`` (generic networks of that width realise the
whole evaluation space of a pair).

:func:`random_network` draws a random exact network of an architecture (used to check, the other way
round, that identified pairs get identical outputs).

>>> from exactsep.groups import symmetric, GSet
>>> from exactsep.separation import Architecture
>>> G = symmetric(3); X = GSet.natural(G)
>>> arch = Architecture(G, X, [X], activation="relu")
>>> w = witness(arch, [1, 2, 3], [0, 0, 6])
>>> w.verify(), w.output_a != w.output_b
(True, True)
>>> net = random_network(arch, width=3, seed=1)
>>> net([1, 2, 3]) == net([3, 1, 2])
True
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from math import gcd
from typing import Any, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import ExactsepError, InvalidInputError
from ..equivariant.network import EquivariantLayer, EquivariantNetwork, SMOOTH_ACTIVATIONS
from ..numbers import Rational, normalize, to_json_number
from .cr import colour_refinement, exact_inputs

__all__ = ["Witness", "witness", "random_network", "WitnessNotFoundError"]


class WitnessNotFoundError(ExactsepError):
    """No witness network was found within the allowed number of attempts."""


def _is_smooth(act: str) -> bool:
    return act.split(":")[0] in SMOOTH_ACTIVATIONS


def _arb_str(x) -> str:
    return x.str(20, radius=True) if hasattr(x, "str") else str(x)


@dataclass(frozen=True, eq=False)
class Witness:
    """A network of the architecture and its outputs on ``a`` and ``b``, which differ.

    ``evaluation``: ``"exact"`` (outputs are exact rationals) or ``"arb"`` (outputs are certified
    ``arb`` balls at ``prec`` bits, disjoint in at least one coordinate).
    """

    network: EquivariantNetwork
    a: Tuple[Rational, ...]
    b: Tuple[Rational, ...]
    output_a: Tuple[Any, ...]
    output_b: Tuple[Any, ...]
    evaluation: str
    prec: int = 128

    def verify(self) -> bool:
        """Re-evaluate the network from scratch and check that the outputs differ (certified)."""
        if self.evaluation == "exact":
            oa, ob = self.network.evaluate(list(self.a)), self.network.evaluate(list(self.b))
            return oa != ob
        oa = self.network.evaluate_arb(list(self.a), self.prec)
        ob = self.network.evaluate_arb(list(self.b), self.prec)
        return _arb_differ(oa, ob)

    @property
    def max_width(self) -> int:
        return max(L.width_out for L in self.network.layers)

    def to_json(self) -> dict:
        conv = (lambda v: [to_json_number(x) for x in v]) if self.evaluation == "exact" else \
            (lambda v: [_arb_str(x) for x in v])
        return {"a": [to_json_number(x) for x in self.a], "b": [to_json_number(x) for x in self.b],
                "output_a": conv(self.output_a), "output_b": conv(self.output_b),
                "evaluation": self.evaluation, "prec": self.prec if self.evaluation == "arb" else None,
                "network": self.network.to_json()}


def _arb_differ(oa, ob) -> bool:
    return any(not x.overlaps(y) for x, y in zip(oa, ob))


def _dyadic(x) -> Fraction:
    m, e = x.mid().man_exp()
    m, e = int(m), int(e)
    return Fraction(m * 2 ** e) if e >= 0 else Fraction(m, 2 ** (-e))


def _values(net: EquivariantNetwork, vecs, smooth: bool, prec: int):
    if smooth:
        return [net.evaluate_arb(v, prec) for v in vecs]
    return [net.evaluate(v) for v in vecs]


def _layer(arch, l: int, Ws, bias, activation) -> EquivariantLayer:
    return EquivariantLayer(arch.bases[l - 1], arch.blocks[l - 1],
                            tuple(tuple(tuple(r) for r in Wi) for Wi in Ws),
                            tuple(tuple(r) for r in bias), activation)


def _nblocks(arch, l: int) -> int:
    return max(arch.blocks[l - 1]) + 1


def _as_matrix(out, rows: int) -> List[List[Any]]:
    """Network output (list for width 1, list of lists otherwise) as rows x width."""
    if out and not isinstance(out[0], list):
        return [[t] for t in out]
    return [list(r) for r in out]


def random_network(arch, width: Any = 2, seed: int = 0, max_abs: int = 2,
                   denominators: Sequence[int] = (1, 2)) -> EquivariantNetwork:
    """A random exact network of the architecture: ``width`` channels per hidden layer (an int, or a
    list with one width per hidden layer), every weight and bias a random rational ``p/q`` with
    ``|p| <= max_abs`` and ``q`` in ``denominators``."""
    rng = random.Random(seed)
    widths = list(width) if isinstance(width, (list, tuple)) else [width] * arch.depth
    if len(widths) != arch.depth or any(not isinstance(w, int) or w < 1 for w in widths):
        raise InvalidInputError(f"width must be a positive int or a list of {arch.depth} positive ints, got {width!r}")

    def r():
        return normalize(Fraction(rng.randint(-max_abs, max_abs), rng.choice(list(denominators))))

    layers = []
    h_in = 1
    nl = len(arch.bases)
    for l in range(1, nl + 1):
        h_out = widths[l - 1] if l < nl else 1
        Ws = [[[r() for _ in range(h_in)] for _ in range(h_out)] for _ in range(arch.bases[l - 1].size)]
        bias = [[r() for _ in range(_nblocks(arch, l))] for _ in range(h_out)]
        layers.append(_layer(arch, l, Ws, bias, arch.activation if l < nl else None))
        h_in = h_out
    return EquivariantNetwork(tuple(layers))


def witness(arch, a: Any, b: Any, *, seed: int = 0, max_attempts: int = 12, prec: int = 128) -> Witness:
    """A network of ``arch`` whose outputs on ``a`` and ``b`` differ (verified before returning).

    Raises :class:`~exactsep.errors.InvalidInputError` if the architecture identifies ``a`` and ``b``
    (no witness exists) and :class:`WitnessNotFoundError` if the construction fails (which would
    contradict the theory: please report it).
    """
    from .api import partition
    from .es import es_partition
    vecs = exact_inputs(arch, [a, b])
    if arch.is_polynomial:
        es = es_partition(arch, vecs)
        separated_pair = len(es.classes) == 2
        dims_H = list(es.dims_H) or [1] * arch.depth
    else:
        separated_pair = partition(arch, vecs).num_classes == 2
    if not separated_pair:
        raise InvalidInputError("the architecture identifies the two inputs: no network separates them, so no witness exists")
    smooth = _is_smooth(arch.activation)
    for attempt in range(max_attempts):
        rng = random.Random(hash((seed, attempt)) & 0xFFFFFFFF)
        if arch.is_polynomial:
            # generic networks whose widths reach dim H_l (the pair's evaluation spaces, from ES) realise them
            net = random_network(arch, width=[h + 1 + attempt for h in dims_H], seed=rng.randrange(2 ** 30),
                                 max_abs=2 + attempt // 3, denominators=(1,))
        else:
            net = _construct(arch, vecs, rng, smooth, prec, R=2 + attempt)
            if net is None:
                continue
        outs = _values(net, vecs, smooth, prec)
        differ = _arb_differ(outs[0], outs[1]) if smooth else outs[0] != outs[1]
        if differ:
            w = Witness(net, tuple(vecs[0]), tuple(vecs[1]), tuple(outs[0]), tuple(outs[1]),
                        "arb" if smooth else "exact", prec)
            return w
    raise WitnessNotFoundError(
        f"no separating network found in {max_attempts} attempts for a pair the theory calls separated "
        f"(activation {arch.activation}); this contradicts the reconstructed theory or reveals a bug")


def _construct(arch, vecs, rng: random.Random, smooth: bool, prec: int, R: int) -> Optional[EquivariantNetwork]:
    run = colour_refinement(arch, vecs)
    act = arch.activation
    name = act.split(":")[0]
    exact_slope = name in ("relu", "leaky_relu")
    nl = len(arch.bases)
    layers: List[EquivariantLayer] = []
    h_in = 1
    # a common denominator of the inputs, absorbed into the first layer's weights (integer values throughout)
    den = 1
    for v in vecs:
        for t in v:
            if isinstance(t, Fraction):
                den = den * t.denominator // gcd(den, t.denominator)
    for l in range(1, nl):
        B = arch.bases[l - 1]
        nb = _nblocks(arch, l)
        cols = run.colours[l - 1]
        ok = False
        for _ in range(20):
            Ws = [[[rng.randint(-R, R) * (den if l == 1 else 1) for _ in range(h_in)]] for _ in range(B.size)]
            bias = [[rng.randint(-R, R) for _ in range(nb)]]
            probe = EquivariantNetwork(tuple(layers) + (_layer(arch, l, Ws, bias, None),))
            vals = [[row[0] for row in _as_matrix(o, B.rows)] for o in _values(probe, vecs, smooth, prec)]
            rep = {}
            consistent = True
            for ai in range(2):
                for x in range(B.rows):
                    c = int(cols[ai, x])
                    v = vals[ai][x]
                    if c in rep:
                        same = (v.overlaps(rep[c])) if smooth else (v == rep[c])
                        if not same:
                            consistent = False
                    else:
                        rep[c] = v
            if not consistent:
                raise ExactsepError(
                    f"internal inconsistency at layer {l}: two nodes of one colour got different values; "
                    "the colour-refinement theory (or its implementation) is wrong here")
            reps = list(rep.values())
            keyed = sorted(reps, key=(lambda v: _dyadic(v)) if smooth else (lambda v: v))
            distinct = all((not keyed[i].overlaps(keyed[i + 1])) if smooth else keyed[i] != keyed[i + 1]
                           for i in range(len(keyed) - 1))
            if distinct:
                ok = True
                break
        if not ok:
            return None
        mids = [_dyadic(v) for v in keyed] if smooth else [Fraction(v) for v in keyed]
        ts = [mids[0] - 1] + [(mids[i] + mids[i + 1]) / 2 for i in range(len(mids) - 1)]
        if exact_slope:
            # positive homogeneity: the slope lcm(denominators of the thresholds) keeps every value an integer
            d = 1
            for t in ts:
                d = d * t.denominator // gcd(d, t.denominator)
            s = Fraction(d)
        else:
            gap = min([mids[i + 1] - mids[i] for i in range(len(mids) - 1)] + [Fraction(1)])
            s = Fraction(1)
            while s * gap < 64:
                s *= 2
        chW = [[] for _ in range(B.size)]
        chb = []
        for t in ts:
            for sign in (1, -1):
                for i in range(B.size):
                    chW[i].append([normalize(sign * s * w) for w in Ws[i][0]])
                chb.append([normalize(sign * s * (bb - t)) for bb in bias[0]])
        layers.append(_layer(arch, l, chW, chb, act))
        h_in = len(chb)
    # output layer: random combinations of the channels
    B = arch.bases[-1]
    Ws = [[[rng.randint(-R, R) for _ in range(h_in)]] for _ in range(B.size)]
    bias = [[0] * _nblocks(arch, nl)]
    layers.append(_layer(arch, nl, Ws, bias, None))
    return EquivariantNetwork(tuple(layers))
