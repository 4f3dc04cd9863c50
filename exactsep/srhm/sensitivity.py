"""Synonymic and diffeomorphism sensitivities (docs/theory/srhm.md, "Sensitivities").

For a representation ``f`` (hidden layer ``k`` of a network, or the input itself),

    ``S_{k,l} = <|f(x) - f(P_l x)|^2> / <|f(x) - f(y)|^2>``,  ``D_{k,l}`` the same with ``tau_l``,

with ``x, y`` independent data points (classes mixed). Three ways to get them:

* :func:`sampled_sensitivity` - any callable numpy representation of a batch, the authors' estimator
  (class-balanced reference batch; denominator over all ordered pairs of the batch, diagonal included);
  floating point, as its name says.
* :func:`exact_input_sensitivity` - the exact value (a ``Fraction``) at the input level (``f(x) = x``,
  one-hot with the blank as the zero vector; whitening is affine so the ratio is the same), by exact
  enumeration of the support, for either transformation at any level.
* :func:`closed_form_input_diffeo_sensitivity` / :func:`closed_form_D01_maximal` - the closed form of
  ``D_{0,1}`` for sparsity A ([derived ✓]; the general version uses the exact leaf marginals).

>>> from exactsep.srhm import random_grammar
>>> g = random_grammar(L=2, s=2, v=2, m=2, n_c=2, s0=1, seed=0)          # maximal, sparsity A
>>> exact_input_sensitivity(g, "diffeo", 1) == closed_form_D01_maximal(L=2, s0=1, v=2)
True
>>> closed_form_D01_maximal(L=2, s0=1, v=2)
Fraction(4, 7)
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Dict, List, Optional, Tuple

import numpy as np

from ..errors import InvalidInputError, InvalidSpecError
from ..numbers import fraction_str
from .data import (Derivations, _rng, decode_leaves, derivations_to_indices, enumerate_derivations,
                   float_whitened_one_hot, one_hot)
from .grammar import Grammar
from .transforms import canonical_kind, nodes_to_redraw, transform

__all__ = ["SampledSensitivity", "sampled_sensitivity", "ExactSensitivity", "exact_input_sensitivity",
           "closed_form_input_diffeo_sensitivity", "closed_form_D01_maximal", "leaf_marginals"]


# ---------------------------------------------------------------------------------------------- sampled
@dataclass(frozen=True)
class SampledSensitivity:
    """Floating-point estimates, one per representation returned by ``f`` (``values[k]``)."""
    kind: str
    level: int
    values: Tuple[float, ...]
    numerators: Tuple[float, ...]
    denominators: Tuple[float, ...]
    batch_size: int
    single_level: bool

    @property
    def value(self) -> float:
        return self.values[0]

    def to_json(self) -> Dict[str, Any]:
        return {"kind": self.kind, "level": self.level, "values": list(self.values),
                "numerators": list(self.numerators), "denominators": list(self.denominators),
                "batch_size": self.batch_size, "single_level": self.single_level, "exact": False}


def _encode(g: Grammar, der: Derivations, encoding: str) -> np.ndarray:
    if encoding == "zero":
        return one_hot(g, der, dtype=np.float64)
    if encoding in ("srhm", "centered"):
        return float_whitened_one_hot(g, der, style=encoding, dtype=np.float64)
    raise InvalidInputError(f"unknown encoding {encoding!r} (use 'zero', 'srhm' or 'centered')")


def _as_list(out: Any) -> List[np.ndarray]:
    if isinstance(out, (list, tuple)):
        arrs = [np.asarray(o, dtype=np.float64) for o in out]
    else:
        arrs = [np.asarray(out, dtype=np.float64)]
    return [a.reshape(a.shape[0], -1) for a in arrs]


def sampled_sensitivity(f: Callable[[np.ndarray], Any], g: Grammar, kind: str, level: int,
                        n_per_class: int = 100, seed: Optional[int] = 0, encoding: str = "zero",
                        single_level: bool = False, force_change: bool = False,
                        batch_size: int = 4096,
                        progress: Optional[Callable[[int, int], None]] = None) -> SampledSensitivity:
    """Estimate ``S_{k,l}`` (``kind="synonym"``) or ``D_{k,l}`` (``kind="diffeo"``) of ``f``.

    ``f`` maps a float array of encodings, shape (B, v, d), to an array (B, ...) or a list of such arrays
    (one per layer: then one value per layer). The reference batch has ``n_per_class`` uniform draws of
    every class; each is paired with its transform (``level``, ``single_level``, ``force_change`` as in
    :mod:`exactsep.srhm.transforms`). Numerator: mean ``|f(x) - f(tau x)|^2``; denominator: mean over all
    ordered pairs of the batch, diagonal included (as the authors' code), i.e.
    ``2 mean|f|^2 - 2 |mean f|^2``. ``f`` is called on chunks of ``batch_size``; ``progress(done, total)``
    after each chunk.

    >>> from exactsep.srhm import random_grammar
    >>> g = random_grammar(L=2, s=2, v=2, m=2, n_c=2, s0=1, seed=0)
    >>> est = sampled_sensitivity(lambda x: x, g, "diffeo", 1, n_per_class=2000, seed=0)
    >>> abs(est.value - 4 / 7) < 0.03
    True
    """
    if isinstance(n_per_class, bool) or not isinstance(n_per_class, (int, np.integer)) or n_per_class < 1:
        raise InvalidInputError(f"n_per_class must be a positive integer, got {n_per_class!r}")
    r = _rng(seed)
    B = int(n_per_class) * g.n_c
    der = Derivations(np.repeat(np.arange(g.n_c, dtype=np.int64), n_per_class),
                      r.integers(0, g.m, size=(B, g.num_nodes)),
                      r.integers(0, g.placements_per_node, size=(B, g.num_nodes)))
    moved = transform(g, der, kind, level, rng=r, single_level=single_level, force_change=force_change)
    num = den_sq = None
    mean = None
    for a in range(0, B, batch_size):
        fx = _as_list(f(_encode(g, der[np.arange(a, min(B, a + batch_size))], encoding)))
        ft = _as_list(f(_encode(g, moved[np.arange(a, min(B, a + batch_size))], encoding)))
        if num is None:
            num = [0.0] * len(fx)
            den_sq = [0.0] * len(fx)
            mean = [np.zeros(x.shape[1]) for x in fx]
        for k, (x, t) in enumerate(zip(fx, ft)):
            num[k] += float(((x - t) ** 2).sum())
            den_sq[k] += float((x ** 2).sum())
            mean[k] += x.sum(axis=0)
        if progress is not None:
            progress(min(B, a + batch_size), B)
    nums = tuple(n / B for n in num)
    dens = tuple(2 * q / B - 2 * float(((mu / B) ** 2).sum()) for q, mu in zip(den_sq, mean))
    vals = tuple((n / d) if d > 0 else float("nan") for n, d in zip(nums, dens))
    return SampledSensitivity(kind, int(level), vals, nums, dens, B, single_level)


# ---------------------------------------------------------------------------------------------- exact
@dataclass(frozen=True)
class ExactSensitivity:
    """An exact input-level sensitivity: ``value = numerator / denominator`` (expected squared distances)."""
    kind: str
    level: int
    single_level: bool
    numerator: Fraction
    denominator: Fraction
    value: Fraction
    support_size: int

    def to_json(self) -> Dict[str, Any]:
        return {"kind": self.kind, "level": self.level, "single_level": self.single_level,
                "numerator": fraction_str(self.numerator), "denominator": fraction_str(self.denominator),
                "value": fraction_str(self.value), "support_size": self.support_size, "exact": True}


def _sum_sq_counts(keys: np.ndarray) -> int:
    if keys.size == 0:
        return 0
    _, c = np.unique(keys, return_counts=True)
    return int((c.astype(np.int64) ** 2).sum())


def exact_input_sensitivity(g: Grammar, kind: str, level: int, single_level: bool = False,
                            max_inputs: int = 2_000_000, detail: bool = False):
    """The exact input-level ``S_{0,l}`` / ``D_{0,l}`` (a ``Fraction``), by enumerating the support.

    ``x`` is uniform on the support ``X`` (the data law), the transformation re-draws the digits of the
    chosen nodes uniformly (the authors' code), ``y`` is an independent uniform point, and the
    representation is the one-hot encoding with the blank as the zero vector (so
    ``|e(a) - e(b)|^2`` is 2 for two different symbols, 1 for a symbol against a blank). Inputs that share
    all kept digits form groups of equal size ``G``; summing ``2 G n - 2 sum c^2`` over the symbol counts
    ``c`` of each (group, position) gives both expectations exactly. With ``detail=True`` returns an
    :class:`ExactSensitivity`.

    >>> from exactsep.srhm import grammar_from_rules
    >>> g = grammar_from_rules([[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]], v=3)
    >>> exact_input_sensitivity(g, "synonym", 2)       # RHM: x and a full synonym re-draw
    Fraction(19, 21)
    """
    mask = nodes_to_redraw(g, level, single_level)
    kind = canonical_kind(kind)
    radix = g.m if kind == "synonym" else g.placements_per_node
    der = enumerate_derivations(g, max_inputs)
    P, d, n_inf = len(der), g.input_length, g.informative_positions
    sym, pos = decode_leaves(g, der)
    # groups: equal kept digits
    kept = der.copy()
    if kind == "synonym":
        kept.rules[:, mask] = 0
    else:
        kept.placements[:, mask] = 0
    _, gid = np.unique(derivations_to_indices(g, kept), return_inverse=True)
    G = radix ** int(mask.sum())
    V1 = g.v
    cell = (pos * V1 + sym)                                           # (P, s^L): position and symbol
    within = _sum_sq_counts((gid.reshape(-1, 1).astype(np.int64) * (d * V1) + cell).ravel())
    overall = _sum_sq_counts(cell.ravel())
    num = Fraction(2 * G * P * n_inf - 2 * within, P * G)
    den = Fraction(2 * P * P * n_inf - 2 * overall, P * P)
    if den == 0:
        raise InvalidSpecError("the support has a single input: the sensitivity is undefined")
    value = num / den
    if detail:
        return ExactSensitivity(kind, int(level), single_level, num, den, value, P)
    return value


def leaf_marginals(g: Grammar) -> List[List[Fraction]]:
    """Exact distribution of the symbol of each of the ``s**L`` leaves (left to right) under the data law.

    >>> from exactsep.srhm import rhm_grammar
    >>> leaf_marginals(rhm_grammar(2, 2, 2, 2, 2))[0]          # maximal case: uniform
    [Fraction(1, 2), Fraction(1, 2)]
    """
    dists: List[List[Fraction]] = [[Fraction(1, g.n_c)] * g.n_c]
    for R in g.rules:
        new: List[List[Fraction]] = []
        for p in dists:
            for k in range(g.s):
                q = [Fraction(0)] * g.v
                for parent, rhs in enumerate(R):
                    if p[parent] == 0:
                        continue
                    w = p[parent] / g.m
                    for t in rhs:
                        q[t[k]] += w
                new.append(q)
        dists = new
    return dists


def closed_form_input_diffeo_sensitivity(g: Grammar) -> Fraction:
    """``D_{0,1}`` for sparsity A in closed form: numerator ``2 s^L s0/(s0+1)`` (each feature leaves its
    slot with probability ``s0/(s0+1)``), denominator ``2 s^L - 2 (s0+1)^-L sum_j |pi_j|^2`` with ``pi_j`` the
    exact leaf marginals ([derived]; checked against :func:`exact_input_sensitivity` in the tests). In
    the maximal case it equals :func:`closed_form_D01_maximal`.

    >>> from exactsep.srhm import random_grammar
    >>> g = random_grammar(L=2, s=2, v=3, m=3, n_c=3, s0=2, seed=0)
    >>> closed_form_input_diffeo_sensitivity(g) == closed_form_D01_maximal(2, 2, 3)
    True
    """
    if g.sparsity != "A":
        raise InvalidSpecError("the closed form of D_{0,1} is for sparsity A")
    q = Fraction(1, (g.s0 + 1) ** g.L)
    nL = g.informative_positions
    num = Fraction(2 * nL * g.s0, g.s0 + 1)
    sq = sum((sum(p * p for p in pi) for pi in leaf_marginals(g)), Fraction(0))
    den = 2 * nL - 2 * q * sq
    return num / den


def closed_form_D01_maximal(L: int, s0: int, v: int) -> Fraction:
    """[derived ✓] (docs/theory/srhm.md, "Sensitivities"): in the maximal sparsity-A case,
    ``D_{0,1} = (s0/(s0+1)) / (1 - (s0+1)**-L / v)``.

    >>> closed_form_D01_maximal(2, 2, 10)
    Fraction(60, 89)
    """
    for name, x, lo in (("L", L, 1), ("s0", s0, 0), ("v", v, 1)):
        if isinstance(x, bool) or not isinstance(x, int) or x < lo:
            raise InvalidInputError(f"{name} must be an integer >= {lo}")
    return Fraction(s0, s0 + 1) / (1 - Fraction(1, (s0 + 1) ** L * v))
