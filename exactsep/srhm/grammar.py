"""Grammars of the Random Hierarchy Model (RHM) and of the Sparse RHM (SRHM).

A grammar has ``L`` levels of production rules. Code layer ``l = 0`` holds the rules of the
``n_c`` classes, code layers ``l = 1 .. L-1`` the rules of the ``v`` symbols of the level below
(every symbol gets rules: the paper's version, docs/theory/srhm.md, "The RHM grammar"). Each parent has ``m`` distinct
right-hand sides, ``s``-tuples of symbols in ``0 .. v-1``; the ``m * k`` tuples of one layer are
pairwise distinct (drawn *without replacement* from the ``v**s`` tuples), so every tuple has a
unique parent and parsing is unique. A node of code layer ``l`` has *height* ``L - l``.

The SRHM adds the blank symbol ``v`` (written ``_``). A rule's right-hand side is spread over a
patch of ``s * (s0 + 1)`` slots:

* sparsity ``"A"``: the patch is ``s`` sub-patches of ``s0 + 1`` slots; child ``k`` sits in
  sub-patch ``k`` at one of its ``s0 + 1`` slots (``A = (s0+1)**s`` placements);
* sparsity ``"B"``: the children occupy any ``s`` of the slots in their order
  (``A = binomial(s*(s0+1), s)`` placements).

The blank only ever rewrites to blanks: it never receives informative rules (it is structural, not
a rule-bearing symbol). ``s0 = 0`` is the RHM.

>>> g = random_grammar(L=2, s=2, v=3, m=2, n_c=2, s0=1, sparsity="A", seed=0)
>>> g.input_length, g.num_nodes, g.placements_per_node, g.inputs_per_class, g.total_inputs
(16, 3, 4, 512, 1024)
>>> random_grammar(L=2, s=2, v=3, m=2, n_c=2, s0=1, seed=0) == g     # deterministic for a seed
True
>>> random_grammar(L=2, s=2, v=2, m=3, n_c=1)
Traceback (most recent call last):
...
exactsep.errors.InvalidSpecError: m = 3 synonyms per symbol need m <= v**(s-1) = 2 (every one of the v = 2 symbols gets m distinct s-tuples, v**s = 4 in all)
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property
from math import comb
from typing import Any, Dict, Optional, Sequence, Tuple

import numpy as np

from ..errors import ComputationLimitError, InvalidInputError, InvalidSpecError

__all__ = ["Grammar", "random_grammar", "rhm_grammar", "grammar_from_rules", "number_of_grammars",
           "BLANK_CHAR"]

#: Largest placement table listed row by row (sparsity B has binomial(s(s0+1), s) rows).
MAX_SLOT_TABLE_ROWS = 5_000_000

BLANK_CHAR = "_"

Rule = Tuple[int, ...]
RuleLayer = Tuple[Tuple[Rule, ...], ...]      # [parent][rule index] -> s-tuple


def _positive_int(name: str, x: Any, minimum: int = 1) -> int:
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)):
        raise InvalidSpecError(f"{name} must be an integer >= {minimum}, got {x!r}")
    x = int(x)
    if x < minimum:
        raise InvalidSpecError(f"{name} must be an integer >= {minimum}, got {x}")
    return x


def _check_sparsity(sparsity: Any) -> str:
    if not isinstance(sparsity, str) or sparsity.upper() not in ("A", "B"):
        raise InvalidSpecError(f"sparsity must be 'A' or 'B', got {sparsity!r}")
    return sparsity.upper()


def _check_parameters(L, s, v, m, n_c, s0, sparsity):
    L = _positive_int("L (number of levels)", L)
    s = _positive_int("s (patch size)", s)
    v = _positive_int("v (vocabulary size)", v)
    m = _positive_int("m (synonyms per symbol)", m)
    n_c = _positive_int("n_c (number of classes)", n_c)
    s0 = _positive_int("s0 (blanks per informative symbol)", s0, minimum=0)
    sparsity = _check_sparsity(sparsity)
    # v ** s is computed only when it can be small: v >= 2 and s beyond the bits of m v and m n_c make it larger
    # than both (an s of 10^20 must not build v ** s)
    big = v >= 2 and s > max((m * v).bit_length(), (m * n_c).bit_length()) + 1
    if not big and m * v > v ** s:
        raise InvalidSpecError(
            f"m = {m} synonyms per symbol need m <= v**(s-1) = {v ** (s - 1)} (every one of the v = {v} symbols "
            f"gets m distinct s-tuples, v**s = {v ** s} in all)")
    if not big and m * n_c > v ** s:
        raise InvalidSpecError(
            f"m * n_c = {m * n_c} class rules need m * n_c <= v**s = {v ** s} distinct s-tuples")
    return L, s, v, m, n_c, s0, sparsity


@dataclass(frozen=True)
class Grammar:
    """An RHM (``s0 = 0``) or SRHM grammar: parameters and production rules.

    ``rules[l][parent][r]`` is the ``r``-th right-hand side (an ``s``-tuple of symbols in
    ``0 .. v-1``) of ``parent`` at code layer ``l``; layer 0's parents are the classes.
    Build one with :func:`random_grammar`, :func:`rhm_grammar` or :func:`grammar_from_rules`.
    """
    L: int
    s: int
    v: int
    m: int
    n_c: int
    s0: int
    sparsity: str
    rules: Tuple[RuleLayer, ...]
    seed: Optional[int] = None

    # ------------------------------------------------------------------ sizes
    @property
    def blank(self) -> int:
        """The blank (uninformative) symbol, ``v``."""
        return self.v

    @property
    def patch_size(self) -> int:
        """Slots per rule application, ``s * (s0 + 1)``."""
        return self.s * (self.s0 + 1)

    @property
    def input_length(self) -> int:
        """``d = (s (s0+1))**L``."""
        return self.patch_size ** self.L

    @property
    def informative_positions(self) -> int:
        """Non-blank positions of every input, ``s**L``."""
        return self.s ** self.L

    @property
    def num_nodes(self) -> int:
        """``N = 1 + s + ... + s**(L-1)``, the informative rule applications of one derivation."""
        return self.L if self.s == 1 else (self.s ** self.L - 1) // (self.s - 1)

    @property
    def placements_per_node(self) -> int:
        """``A``: ``(s0+1)**s`` for sparsity A, ``binomial(s(s0+1), s)`` for B (1 for the RHM)."""
        if self.sparsity == "A":
            return (self.s0 + 1) ** self.s
        return comb(self.patch_size, self.s)

    @property
    def inputs_per_class(self) -> int:
        """``|X_alpha| = (m A)**N`` (exact)."""
        return (self.m * self.placements_per_node) ** self.num_nodes

    @property
    def total_inputs(self) -> int:
        """``|X| = n_c (m A)**N`` (exact)."""
        return self.n_c * self.inputs_per_class

    @property
    def is_rhm(self) -> bool:
        return self.s0 == 0

    @property
    def is_maximal(self) -> bool:
        """``m = v**(s-1)`` and ``n_c = v``: the RHM then covers every string of ``V**(s**L)``."""
        return self.m == self.v ** (self.s - 1) and self.n_c == self.v

    def layer_offset(self, l: int) -> int:
        """Column of the first node of code layer ``l`` in the per-node digit arrays (top-down, left to right)."""
        return sum(self.s ** j for j in range(l))

    def node_heights(self) -> np.ndarray:
        """Height of every node in digit-column order: the root has height ``L``, input-producing nodes 1."""
        return np.concatenate([np.full(self.s ** l, self.L - l, dtype=np.int64) for l in range(self.L)])

    def rhm(self) -> "Grammar":
        """The same rules without blanks (``s0 = 0``): the target of blank deletion."""
        return Grammar(self.L, self.s, self.v, self.m, self.n_c, 0, "A", self.rules, self.seed)

    def with_sparsity(self, s0: int, sparsity: str = "A") -> "Grammar":
        """The same rules with other blank parameters."""
        s0 = _positive_int("s0", s0, minimum=0)
        return Grammar(self.L, self.s, self.v, self.m, self.n_c, s0, _check_sparsity(sparsity), self.rules,
                       self.seed)

    # ------------------------------------------------------------------ arrays used by the vectorised code
    @cached_property
    def rule_arrays(self) -> Tuple[np.ndarray, ...]:
        """``rule_arrays[l]`` has shape ``(k, m, s)``: the rules of code layer ``l`` as an int64 array."""
        return tuple(np.array(layer, dtype=np.int64).reshape(len(layer), self.m, self.s) for layer in self.rules)

    @cached_property
    def _rule_lookup(self) -> Tuple[Tuple[np.ndarray, np.ndarray, np.ndarray], ...]:
        """Per layer: sorted tuple codes (base v), and the parent and rule digit of each."""
        weights = self.v ** np.arange(self.s - 1, -1, -1, dtype=np.int64)
        out = []
        for R in self.rule_arrays:
            codes = (R * weights).sum(-1).ravel()
            parents = np.repeat(np.arange(R.shape[0], dtype=np.int64), self.m)
            digits = np.tile(np.arange(self.m, dtype=np.int64), R.shape[0])
            order = np.argsort(codes, kind="stable")
            out.append((codes[order], parents[order], digits[order]))
        return tuple(out)

    @cached_property
    def slot_table(self) -> np.ndarray:
        """``slot_table[p]`` = the increasing slots (in ``0 .. s(s0+1)-1``) of the ``s`` children under placement ``p``.

        Sparsity A: ``p`` in base ``s0+1`` (child 0 most significant) gives each child's slot within its
        sub-patch. Sparsity B: the ``s``-subsets of the slots in lexicographic order.
        """
        s, b = self.s, self.s0 + 1
        from ..limits import check_count, check_memory
        what = f"the slot table ({self.placements_per_node:,} placements x {s} children)"
        check_count(self.placements_per_node, MAX_SLOT_TABLE_ROWS, what,
                    "smaller s or s0 (exactsep.srhm.grammar.MAX_SLOT_TABLE_ROWS)")
        check_memory(self.placements_per_node * s * 80, what)
        if self.sparsity == "A":
            rows = [tuple(k * b + d for k, d in enumerate(digits))
                    for digits in itertools.product(range(b), repeat=s)]
        else:
            rows = list(itertools.combinations(range(self.patch_size), s))
        return np.array(rows, dtype=np.int64).reshape(len(rows), s)

    @cached_property
    def _placement_lookup(self) -> Tuple[np.ndarray, np.ndarray]:
        if self.patch_size > 62:
            raise ComputationLimitError(f"patch size s(s0+1) = {self.patch_size} > 62 is not supported")
        bits = (np.int64(1) << self.slot_table).sum(-1)
        order = np.argsort(bits)
        return bits[order], order.astype(np.int64)

    # ------------------------------------------------------------------ text
    def symbol_char(self, a: int) -> str:
        if a == self.v:
            return BLANK_CHAR
        if self.v <= 10:
            return str(a)
        raise InvalidInputError("inputs can be written as text only when v <= 10")

    def format_input(self, x: Sequence[int]) -> str:
        """An input as text, ``_`` for the blank (needs ``v <= 10``)."""
        return "".join(self.symbol_char(int(a)) for a in x)

    def read_input(self, x: Any) -> np.ndarray:
        """One input from text (``"0_1_"``) or a sequence of symbols, as an int64 array; the length and
        the symbols are checked."""
        if isinstance(x, str):
            vals = []
            for ch in x.strip():
                if ch == BLANK_CHAR:
                    vals.append(self.v)
                elif ch.isdigit() and int(ch) < self.v:
                    vals.append(int(ch))
                else:
                    raise InvalidInputError(f"{ch!r} is not a symbol of this grammar (0..{self.v - 1} or '_')")
        else:
            try:
                vals = [int(a) for a in x]
            except (TypeError, ValueError):
                raise InvalidInputError(f"an input must be text or a sequence of symbols, got {x!r}") from None
            if any(a < 0 or a > self.v for a in vals):
                raise InvalidInputError(f"symbols must be in 0..{self.v} (blank = {self.v})")
        if len(vals) != self.input_length:
            raise InvalidInputError(f"an input has length {self.input_length}, got {len(vals)}")
        return np.array(vals, dtype=np.int64)

    def rules_text(self) -> str:
        """The rules, one parent per line (``class 0 -> 01 22``)."""
        lines = []
        for l, layer in enumerate(self.rules):
            for p, rhs in enumerate(layer):
                name = f"class {p}" if l == 0 else f"h{self.L - l + 1} symbol {p}"
                body = " ".join("".join(self.symbol_char(a) for a in t) if self.v <= 10 else
                                ",".join(map(str, t)) for t in rhs)
                lines.append(f"{name} -> {body}")
        return "\n".join(lines)

    def to_json(self) -> Dict[str, Any]:
        return {"L": self.L, "s": self.s, "v": self.v, "m": self.m, "n_c": self.n_c, "s0": self.s0,
                "sparsity": self.sparsity, "seed": self.seed,
                "rules": [[[list(t) for t in rhs] for rhs in layer] for layer in self.rules]}

    @classmethod
    def from_json(cls, obj: Dict[str, Any]) -> "Grammar":
        try:
            return grammar_from_rules(obj["rules"], v=obj["v"], s0=obj.get("s0", 0),
                                      sparsity=obj.get("sparsity", "A"), seed=obj.get("seed"))
        except (KeyError, TypeError) as e:
            raise InvalidSpecError(f"not a grammar JSON object: {e}") from None

    def summary(self) -> Dict[str, Any]:
        """The exact sizes of the model: Python ints, except that a power whose value would have more than
        :data:`MAX_EXACT_DIGITS` digits is given exactly as a :class:`Power` ``coefficient * base**exponent``
        (the integer itself could not be written down; computing it would take hours and gigabytes).

        >>> from exactsep.srhm import random_grammar
        >>> g = random_grammar(L=50, s=4, v=3, m=2, n_c=2, s0=1)
        >>> c = g.summary()["inputs_per_class"]
        >>> c.base, c.exponent == g.num_nodes, c.digits > 10 ** 29
        (32, True, True)
        """
        return {"L": self.L, "s": self.s, "v": self.v, "m": self.m, "n_c": self.n_c, "s0": self.s0,
                "sparsity": self.sparsity, "seed": self.seed,
                "input_length": self.input_length, "informative_positions": self.informative_positions,
                "patch_size": self.patch_size, "num_nodes": self.num_nodes,
                "placements_per_node": self.placements_per_node,
                "inputs_per_class": exact_power(self.m * self.placements_per_node, self.num_nodes),
                "total_inputs": exact_power(self.m * self.placements_per_node, self.num_nodes, self.n_c),
                "blank_deletion_fibre": exact_power(self.placements_per_node, self.num_nodes),
                "rhm_inputs_per_class": exact_power(self.m, self.num_nodes)}


#: Powers with more digits than this are reported as :class:`Power` (base, exponent) instead of an int.
MAX_EXACT_DIGITS = 100_000


@dataclass(frozen=True)
class Power:
    """The exact integer ``coefficient * base ** exponent``, kept in this form because it has ``digits``
    decimal digits (more than :data:`MAX_EXACT_DIGITS`). ``log10`` is a float approximation, named so."""

    base: int
    exponent: int
    coefficient: int = 1

    @property
    def digits(self) -> Optional[int]:
        """The number of decimal digits: exact (by comparing with a power of ten) when the estimate is below a
        million digits, otherwise from the floating-point ``float_log10`` (which can be off by one only when
        the value lies within a relative 1e-12 of a power of ten); None when even ``float_log10`` is beyond a
        float (an exponent of more than about 300 digits)."""
        from math import floor
        lg = self.float_log10
        if lg is None:
            return None
        k = int(floor(lg)) + 1
        if k < 1_000_000:
            x = self.coefficient * self.base ** self.exponent
            while x >= 10 ** k:
                k += 1
            while k > 1 and x < 10 ** (k - 1):
                k -= 1
        return k

    @property
    def float_log10(self) -> Optional[float]:
        """log10 of the value as a float, or None when that is itself beyond a float (see
        :attr:`float_log10_log10`)."""
        try:
            return _log10_int(self.coefficient) + float(self.exponent) * _log10_int(self.base)
        except OverflowError:
            return None

    @property
    def float_log10_log10(self) -> float:
        """log10(log10(value)), approximately: finite for every exponent."""
        from math import log10
        return _log10_int(self.exponent) + log10(_log10_int(self.base))

    def __str__(self) -> str:
        c = f"{self.coefficient} * " if self.coefficient != 1 else ""
        e = str(self.exponent) if self.exponent.bit_length() < 3000 else f"(an integer of about 10^{_log10_int(self.exponent):.6g})"
        lg = self.float_log10
        about = f"about 10^{lg:.6g}" if lg is not None else f"about 10^(10^{self.float_log10_log10:.6g})"
        return f"{c}{self.base}^{e} ({about}; too many digits to print)"

    def to_json(self) -> dict:
        return {"coefficient": self.coefficient, "base": self.base, "exponent": self.exponent,
                "float_log10": self.float_log10, "float_log10_log10": self.float_log10_log10}


def exact_power(base: int, exponent: int, coefficient: int = 1):
    """``coefficient * base ** exponent`` as an int, or as a :class:`Power` when it would have more than
    :data:`MAX_EXACT_DIGITS` digits.

    >>> exact_power(2, 10, 3), str(exact_power(10, 10 ** 6))[:12]
    (3072, '10^1000000 (')
    """
    if base in (0, 1) or exponent == 0:
        return coefficient * base ** exponent
    if exponent.bit_length() > 64 or _log10_int(abs(coefficient)) + exponent * _log10_int(base) > MAX_EXACT_DIGITS:
        return Power(base, exponent, coefficient)
    return coefficient * base ** exponent


def _log10_int(x: int) -> float:
    """log10 of a positive int of any size (no float conversion of the int itself)."""
    from math import log10
    b = x.bit_length()
    if b < 1000:
        return log10(x)
    shift = b - 60
    return log10(x >> shift) + shift * log10(2)


def _draw_distinct_tuples(rng: np.random.Generator, v: int, s: int, count: int) -> np.ndarray:
    """``count`` distinct s-tuples over ``range(v)``, uniformly without replacement, in draw order."""
    total = v ** s
    if total < 2 ** 62:
        codes = rng.choice(total, size=count, replace=False)
        out = np.empty((count, s), dtype=np.int64)
        for j in range(s - 1, -1, -1):
            codes, out[:, j] = np.divmod(codes, v)
        return out
    # huge tuple spaces: draw rows, keep first occurrences (a uniformly random ordered sample)
    rows = np.empty((0, s), dtype=np.int64)
    while len(rows) < count:
        more = rng.integers(0, v, size=(count - len(rows) + 8, s))
        cand = np.concatenate([rows, more])
        _, first = np.unique(cand, axis=0, return_index=True)
        rows = cand[np.sort(first)]
    return rows[:count]


#: Default largest number of symbols in the production rules of a random grammar (each about 100 bytes as
#: Python tuples; about 1 s a million): ``(n_c + (L - 1) v) m s``.
MAX_RULE_SYMBOLS = 10_000_000


def random_grammar(L: int, s: int, v: int, m: int, n_c: int, s0: int = 0, sparsity: str = "A",
                   seed: Optional[int] = 0, max_rule_symbols: Optional[int] = MAX_RULE_SYMBOLS) -> Grammar:
    """A random RHM/SRHM grammar, deterministic for ``seed`` (``numpy.random.default_rng(seed)``).

    At every code layer the ``m * k`` right-hand sides (``k = n_c`` at the top, ``k = v`` below) are
    drawn without replacement from the ``v**s`` tuples and cut into ``k`` consecutive blocks of ``m``
    (the authors' scheme of docs/theory/srhm.md, "The RHM grammar", with numpy instead of Python's ``random``). Raises
    :class:`InvalidSpecError` unless ``m <= v**(s-1)`` and ``m n_c <= v**s`` (the model's constraints,
    checked for every ``L``).

    >>> g = random_grammar(L=3, s=2, v=4, m=2, n_c=3, seed=1)
    >>> [R.shape for R in g.rule_arrays]
    [(3, 2, 2), (4, 2, 2), (4, 2, 2)]
    >>> max(max(max(t) for t in rhs) for layer in g.rules for rhs in layer) < g.blank   # blank gets no rules
    True
    """
    L, s, v, m, n_c, s0, sparsity = _check_parameters(L, s, v, m, n_c, s0, sparsity)
    symbols = (n_c + (L - 1) * v) * m * s
    from ..limits import check_count, check_memory
    what = f"the production rules of the grammar ((n_c + (L-1) v) m s symbols, L={L}, v={v}, m={m}, s={s})"
    if max_rule_symbols is not None:
        check_count(symbols, max_rule_symbols, what, "--max-rules (the counts alone follow from the parameters)")
    check_memory(symbols * 100, what)
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise InvalidSpecError(f"seed must be a non-negative integer, got {seed!r}")
        seed = int(seed)
    rng = np.random.default_rng(seed)
    layers = []
    for l in range(L):
        k = n_c if l == 0 else v
        T = _draw_distinct_tuples(rng, v, s, m * k).reshape(k, m, s)
        layers.append(tuple(tuple(tuple(int(a) for a in t) for t in rhs) for rhs in T))
    return Grammar(L, s, v, m, n_c, s0, sparsity, tuple(layers), seed)


def rhm_grammar(L: int, s: int, v: int, m: int, n_c: int, seed: Optional[int] = 0) -> Grammar:
    """A random RHM grammar (``s0 = 0``).

    >>> rhm_grammar(2, 2, 2, 2, 2).total_inputs        # maximal case: all 2**4 strings
    16
    """
    return random_grammar(L, s, v, m, n_c, 0, "A", seed)


def _parse_rule(t: Any, v: int) -> Rule:
    if isinstance(t, str):
        if v > 10 or not t.isdigit():
            raise InvalidSpecError(f"a rule written as text must be digits (v <= 10), got {t!r}")
        return tuple(int(ch) for ch in t)
    try:
        items = list(t)
    except TypeError:
        raise InvalidSpecError(f"a rule must be a sequence of symbols, got {t!r}") from None
    if any(isinstance(a, bool) or not isinstance(a, (int, np.integer)) for a in items):
        raise InvalidSpecError(f"rule symbols must be integers, got {t!r}")
    return tuple(int(a) for a in items)


def grammar_from_rules(rules: Sequence[Sequence[Sequence[Any]]], v: int, s0: int = 0, sparsity: str = "A",
                       seed: Optional[int] = None) -> Grammar:
    """A grammar from explicit rules: ``rules[l][parent]`` is the list of right-hand sides of ``parent``
    at code layer ``l`` (layer 0: the classes; below: all ``v`` symbols, in order). Right-hand sides are
    tuples of symbols or digit strings. The parameters are inferred and the grammar is checked
    (equal ``m`` and ``s`` everywhere, symbols in ``0..v-1``, tuples of a layer pairwise distinct).

    The hand-made grammar of Instance I (docs/theory/srhm.md, "Worked instances"):

    >>> g = grammar_from_rules([[["01", "22"], ["10", "00"]],
    ...                         [["01", "12"], ["20", "11"], ["00", "22"]]], v=3)
    >>> (g.L, g.s, g.m, g.n_c, g.total_inputs)
    (2, 2, 2, 2, 16)
    >>> grammar_from_rules([[["01", "22"], ["10", "01"]], [["01", "12"], ["20", "11"], ["00", "22"]]], v=3)
    Traceback (most recent call last):
    ...
    exactsep.errors.InvalidSpecError: code layer 0: the tuple (0, 1) is a rule of two parents (or twice of one); rules must be unambiguous
    """
    v = _positive_int("v (vocabulary size)", v)
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Sequence) or len(rules) == 0:
        raise InvalidSpecError("rules must be a non-empty list of layers")
    layers = []
    m = s = None
    for l, layer in enumerate(rules):
        if isinstance(layer, dict):
            layer = [layer[k] for k in sorted(layer)]
        if not isinstance(layer, Sequence) or len(layer) == 0:
            raise InvalidSpecError(f"code layer {l}: expected a non-empty list of parents")
        if l > 0 and len(layer) != v:
            raise InvalidSpecError(f"code layer {l}: every one of the v = {v} symbols needs rules, got {len(layer)} parents")
        seen = set()
        out_layer = []
        for p, rhs in enumerate(layer):
            if isinstance(rhs, str) or not isinstance(rhs, Sequence):
                raise InvalidSpecError(f"code layer {l}, parent {p}: expected a list of right-hand sides")
            parsed = tuple(_parse_rule(t, v) for t in rhs)
            if m is None:
                m = len(parsed)
            if len(parsed) != m or m == 0:
                raise InvalidSpecError(f"code layer {l}, parent {p}: {len(parsed)} rules, expected m = {m} like the others")
            for t in parsed:
                if s is None:
                    s = len(t)
                if len(t) != s or s == 0:
                    raise InvalidSpecError(f"code layer {l}, parent {p}: rule {t} has length {len(t)}, expected s = {s}")
                if any(a < 0 or a >= v for a in t):
                    raise InvalidSpecError(f"code layer {l}, parent {p}: rule {t} uses a symbol outside 0..{v - 1}")
                if t in seen:
                    raise InvalidSpecError(f"code layer {l}: the tuple {t} is a rule of two parents (or twice of one); "
                                           "rules must be unambiguous")
                seen.add(t)
            out_layer.append(parsed)
        layers.append(tuple(out_layer))
    L, n_c = len(layers), len(layers[0])
    L, s, v, m, n_c, s0, sparsity = _check_parameters(L, s, v, m, n_c, s0, sparsity)
    return Grammar(L, s, v, m, n_c, s0, sparsity, tuple(layers), seed)


def number_of_grammars(L: int, s: int, v: int, m: int, n_c: int) -> int:
    """The number of grammars (rule sets per parent unordered): per layer with ``k`` parents,
    ``(v**s)! / ((m!)**k (v**s - m k)!)``, layers independent ([derived]; docs/theory/srhm.md, "The RHM grammar").

    >>> number_of_grammars(2, 2, 3, 2, 2)            # Instance I: 756 * 7560
    5715360
    """
    from math import factorial
    L, s, v, m, n_c, _, _ = _check_parameters(L, s, v, m, n_c, 0, "A")
    T = v ** s
    out = 1
    for l in range(L):
        k = n_c if l == 0 else v
        out *= factorial(T) // (factorial(m) ** k * factorial(T - m * k))
    return out
