"""Transformations of SRHM data and the invariance group.

* :func:`synonym_exchange` re-draws rule digits, :func:`diffeomorphism` re-draws placement digits
  (the discretised diffeomorphism tau). ``level = l`` re-draws every node of height ``<= l`` (the
  authors' code; ``level = 0`` is the identity, ``level = L`` includes the class's own rule / the root's
  placement), ``single_level=True`` only the nodes of height exactly ``l``. ``force_change=True`` draws a
  *different* digit at every re-drawn node (the paper's "one of its m-1 synonyms" reading; docs/theory/srhm.md, "Transformations and invariance").
  The class is always kept, so labels are invariant (:func:`verify_label_invariance` checks it by parsing).
* :class:`InvarianceGroup`: for sparsity A, ``(Z_m x Z_{s0+1}^s)^N`` acting on derivations by adding
  rule shifts mod ``m`` and per-child slot shifts mod ``s0+1``; it acts simply transitively on every class.

>>> from exactsep.srhm import random_grammar, sample_derivations, labels, inputs_of
>>> g = random_grammar(L=2, s=2, v=3, m=2, n_c=2, s0=1, seed=0)
>>> der = sample_derivations(g, 200, seed=0)
>>> moved = diffeomorphism(g, der, level=1, seed=1)
>>> bool((labels(g, inputs_of(g, moved)) == der.classes).all())
True
>>> G = InvarianceGroup(g)
>>> G.order == g.inputs_per_class, G.orbit_size(), G.orbit_size(heights=[1], rules=False)
(True, 512, 16)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, Optional, Sequence, Tuple

import numpy as np

from ..errors import InvalidInputError, InvalidSpecError
from .data import Derivations, _check_derivations, _rng, inputs_of, labels
from .grammar import Grammar

__all__ = ["nodes_to_redraw", "synonym_exchange", "diffeomorphism", "transform", "InvarianceGroup",
           "GroupElement", "orbit_size", "InvarianceReport", "verify_label_invariance"]


def _check_level(g: Grammar, level: Any, single_level: bool) -> int:
    if isinstance(level, bool) or not isinstance(level, (int, np.integer)):
        raise InvalidInputError(f"level must be an integer in 0..{g.L}, got {level!r}")
    level = int(level)
    lo = 1 if single_level else 0
    if not lo <= level <= g.L:
        raise InvalidInputError(f"level must be in {lo}..{g.L} (heights of the derivation tree), got {level}")
    return level


def nodes_to_redraw(g: Grammar, level: int, single_level: bool = False) -> np.ndarray:
    """Boolean mask over the ``N`` node columns: height ``<= level`` (or ``== level`` if ``single_level``).

    >>> from exactsep.srhm import random_grammar
    >>> nodes_to_redraw(random_grammar(2, 2, 3, 2, 2), 1).tolist()
    [False, True, True]
    """
    level = _check_level(g, level, single_level)
    h = g.node_heights()
    return (h == level) if single_level else (h <= level)


def _redraw(rng: np.random.Generator, cur: np.ndarray, mask: np.ndarray, radix: int, force_change: bool,
            what: str) -> np.ndarray:
    out = cur.copy()
    k = int(mask.sum())
    if k == 0:
        return out
    P = cur.shape[0]
    if force_change:
        if radix < 2:
            raise InvalidInputError(f"cannot force a different {what}: there is only one")
        shift = rng.integers(1, radix, size=(P, k))
        out[:, mask] = (cur[:, mask] + shift) % radix
    else:
        out[:, mask] = rng.integers(0, radix, size=(P, k))
    return out


def synonym_exchange(g: Grammar, der: Derivations, level: int, seed: Optional[int] = None,
                     rng: Optional[np.random.Generator] = None, single_level: bool = False,
                     force_change: bool = False) -> Derivations:
    """Re-draw the rule choices of the nodes of height ``<= level`` (``== level`` with ``single_level``);
    placements and the class are kept."""
    _check_derivations(g, der)
    mask = nodes_to_redraw(g, level, single_level)
    r = _rng(seed, rng)
    return Derivations(der.classes.copy(), _redraw(r, der.rules, mask, g.m, force_change, "synonym"),
                       der.placements.copy())


def diffeomorphism(g: Grammar, der: Derivations, level: int, seed: Optional[int] = None,
                   rng: Optional[np.random.Generator] = None, single_level: bool = False,
                   force_change: bool = False) -> Derivations:
    """The discretised diffeomorphism: re-draw the placements of the nodes of height ``<= level``
    (``== level`` with ``single_level``); rule choices and the class are kept. Level 1 moves every input
    feature within its sub-patch (A) or patch (B); a height-``h`` move relocates whole blocks of
    ``(s(s0+1))**(h-1)`` positions, an input-dependent relocation, not a fixed permutation."""
    _check_derivations(g, der)
    mask = nodes_to_redraw(g, level, single_level)
    r = _rng(seed, rng)
    return Derivations(der.classes.copy(), der.rules.copy(),
                       _redraw(r, der.placements, mask, g.placements_per_node, force_change, "placement"))


def canonical_kind(kind: str) -> str:
    """``"synonym"`` or ``"diffeo"`` for a transformation name or one of its aliases."""
    if kind in ("synonym", "S", "synonymic"):
        return "synonym"
    if kind in ("diffeo", "D", "diffeomorphism", "position"):
        return "diffeo"
    raise InvalidInputError(f"unknown transformation {kind!r} (use 'synonym' or 'diffeo')")


def transform(g: Grammar, der: Derivations, kind: str, level: int, **kw) -> Derivations:
    """``kind`` = ``"synonym"`` or ``"diffeo"``; see :func:`synonym_exchange` and :func:`diffeomorphism`."""
    if canonical_kind(kind) == "synonym":
        return synonym_exchange(g, der, level, **kw)
    return diffeomorphism(g, der, level, **kw)


def orbit_size(g: Grammar, heights: Optional[Iterable[int]] = None, rules: bool = True,
               placements: bool = True) -> int:
    """Size of the orbit of any derivation under re-choosing the rule digits (if ``rules``) and/or the
    placement digits (if ``placements``) of the nodes at the given heights (all heights by default):
    ``prod over those nodes of (m if rules) * (A if placements)``. All heights with both: the class
    size ``(mA)**N``; placements only: the blank-deletion fibre ``A**N``; placements at height ``h``:
    ``A**(s**(L-h))``. Valid for A and B (for B the re-choices form no group)."""
    hs = set(range(1, g.L + 1)) if heights is None else {int(h) for h in heights}
    if any(h < 1 or h > g.L for h in hs):
        raise InvalidInputError(f"heights must be in 1..{g.L}")
    per_node = (g.m if rules else 1) * (g.placements_per_node if placements else 1)
    n = sum(g.s ** (g.L - h) for h in hs)
    return per_node ** n


@dataclass(frozen=True, eq=False)
class GroupElement:
    """An element of ``(Z_m x Z_{s0+1}^s)^N``: ``rule_shift`` (N,) mod m, ``slot_shift`` (N, s) mod s0+1."""
    rule_shift: np.ndarray
    slot_shift: np.ndarray


class InvarianceGroup:
    """The group ``(Z_m x Z_{s0+1}^s)^N`` of a sparsity-A grammar, acting on derivations digit-wise.

    It maps every class onto itself, simply transitively (each class is one regular orbit), so labels
    are invariant; its placement subgroup ``(Z_{s0+1})^{sN}`` has the blank-deletion fibres as orbits.
    For sparsity B there is no natural group (placements are ``s``-subsets): this raises.
    """

    def __init__(self, g: Grammar):
        if g.sparsity != "A":
            raise InvalidSpecError("the invariance group is defined for sparsity A; for sparsity B the "
                                   "transformations are the placement re-choices (see orbit_size)")
        self.grammar = g
        self.b = g.s0 + 1

    @property
    def order(self) -> int:
        g = self.grammar
        return (g.m * self.b ** g.s) ** g.num_nodes

    def orbit_size(self, heights: Optional[Iterable[int]] = None, rules: bool = True,
                   placements: bool = True) -> int:
        """Orbit size of the subgroup acting on the nodes at ``heights`` (see :func:`orbit_size`)."""
        return orbit_size(self.grammar, heights, rules, placements)

    def identity(self) -> GroupElement:
        g = self.grammar
        return GroupElement(np.zeros(g.num_nodes, np.int64), np.zeros((g.num_nodes, g.s), np.int64))

    def random_element(self, seed: Optional[int] = None, rng: Optional[np.random.Generator] = None) -> GroupElement:
        g, r = self.grammar, _rng(seed, rng)
        return GroupElement(r.integers(0, g.m, g.num_nodes), r.integers(0, self.b, (g.num_nodes, g.s)))

    def element_from_index(self, i: int) -> GroupElement:
        """The ``i``-th element, ``0 <= i < order`` (mixed radix, node by node)."""
        g = self.grammar
        if not 0 <= i < self.order:
            raise InvalidInputError(f"group element index must be in 0..{self.order - 1}")
        rs = np.zeros(g.num_nodes, np.int64)
        ss = np.zeros((g.num_nodes, g.s), np.int64)
        for j in range(g.num_nodes - 1, -1, -1):
            for k in range(g.s - 1, -1, -1):
                i, ss[j, k] = divmod(i, self.b)
            i, rs[j] = divmod(i, g.m)
        return GroupElement(rs, ss)

    def elements(self) -> Iterable[GroupElement]:
        for i in range(self.order):
            yield self.element_from_index(i)

    def _slot_digits(self, placements: np.ndarray) -> np.ndarray:
        g = self.grammar
        out = np.empty(placements.shape + (g.s,), np.int64)
        p = placements.astype(np.int64)
        for k in range(g.s - 1, -1, -1):
            p, out[..., k] = np.divmod(p, self.b)
        return out

    def _placements(self, digits: np.ndarray) -> np.ndarray:
        p = np.zeros(digits.shape[:-1], np.int64)
        for k in range(digits.shape[-1]):
            p = p * self.b + digits[..., k]
        return p

    def act(self, h: GroupElement, der: Derivations) -> Derivations:
        """``h . der``: rule digits ``+ rule_shift mod m``, each child's slot ``+ slot_shift mod (s0+1)``."""
        g = self.grammar
        _check_derivations(g, der)
        rules = (der.rules + h.rule_shift[None]) % g.m
        digits = (self._slot_digits(der.placements) + h.slot_shift[None]) % self.b
        return Derivations(der.classes.copy(), rules, self._placements(digits))

    def compose(self, h1: GroupElement, h2: GroupElement) -> GroupElement:
        g = self.grammar
        return GroupElement((h1.rule_shift + h2.rule_shift) % g.m, (h1.slot_shift + h2.slot_shift) % self.b)

    def transporter(self, x: Derivations, y: Derivations) -> GroupElement:
        """The unique element mapping the single derivation ``x`` to ``y`` (same class required): the
        certificate of simple transitivity."""
        g = self.grammar
        if len(x) != 1 or len(y) != 1:
            raise InvalidInputError("transporter takes two single derivations")
        if int(x.classes[0]) != int(y.classes[0]):
            raise InvalidInputError("no group element maps one class to another: the group preserves classes")
        return GroupElement((y.rules[0] - x.rules[0]) % g.m,
                            (self._slot_digits(y.placements[0]) - self._slot_digits(x.placements[0])) % self.b)


@dataclass(frozen=True)
class InvarianceReport:
    """How many transformed inputs were parsed and how many changed label (should be 0)."""
    checked: int
    violations: int
    kinds: Tuple[str, ...]
    levels: Tuple[int, ...]

    @property
    def invariant(self) -> bool:
        return self.violations == 0

    def to_json(self) -> Dict[str, Any]:
        return {"checked": self.checked, "violations": self.violations, "invariant": self.invariant,
                "kinds": list(self.kinds), "levels": list(self.levels)}


def verify_label_invariance(g: Grammar, der: Derivations, seed: Optional[int] = 0,
                            levels: Optional[Sequence[int]] = None, single_level: bool = False) -> InvarianceReport:
    """Apply synonym exchanges and diffeomorphisms at every level (and, for sparsity A, a random group
    element) to ``der``, decode, parse the transformed *inputs* and count label changes.

    >>> from exactsep.srhm import random_grammar, sample_derivations
    >>> g = random_grammar(3, 2, 4, 2, 4, s0=1, sparsity="B", seed=2)
    >>> verify_label_invariance(g, sample_derivations(g, 100, seed=0)).violations
    0
    """
    r = np.random.default_rng(seed)
    lv = tuple(levels) if levels is not None else tuple(range(1 if single_level else 0, g.L + 1))
    checked = violations = 0
    for kind in ("synonym", "diffeo"):
        for level in lv:
            t = transform(g, der, kind, level, rng=r, single_level=single_level)
            y = labels(g, inputs_of(g, t))
            checked += len(y)
            violations += int((y != der.classes).sum())
    kinds: Tuple[str, ...] = ("synonym", "diffeo")
    if g.sparsity == "A":
        G = InvarianceGroup(g)
        t = G.act(G.random_element(rng=r), der)
        y = labels(g, inputs_of(g, t))
        checked += len(y)
        violations += int((y != der.classes).sum())
        kinds += ("group",)
    return InvarianceReport(checked, violations, kinds, lv)
