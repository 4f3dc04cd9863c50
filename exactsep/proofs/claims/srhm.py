"""SRHM claims (docs/theory/srhm.md, "Sizes", "Transformations and invariance"): class sizes (mA)^N and label invariance under the group.

The independent route is a brute-force expander written here from the definition of the
grammar (rules per code layer, blank symbol v, sparsity A: child k in one of the s0+1 slots of
sub-patch k; sparsity B: the s children in any s of the s(s0+1) slots, in order): it lists every
input of every class as a set of strings, without the package's mixed-radix index or parser.
"""
from __future__ import annotations

from itertools import combinations, product
from typing import Dict, List, Optional, Set

from ...errors import CertificateError
from ..registry import claim, outcome

__all__ = ["class_sizes", "label_invariance", "brute_force_language"]

REQ = ("exactsep.srhm:enumerate_dataset",)


def _srhm_scope(inst) -> Optional[str]:
    """Rules drawn without replacement per level (m <= v^(s-1), m n_c <= v^s) and the sparsity, decided by the
    grammar's own parameter check (:func:`exactsep.srhm.grammar._check_parameters`); a claim about placements
    only is checked with the smallest grammar it builds (:func:`_info_grammar`)."""
    from ...errors import InvalidSpecError
    from ...srhm.grammar import _check_parameters
    s = inst.get("s")
    v, m, n_c = (inst.get("v"), inst.get("m"), inst.get("n_c")) if "v" in inst else \
        (2 if type(s) is int and s > 1 else 3, 1, 1)
    try:
        _check_parameters(inst.get("L"), s, v, m, n_c, inst.get("s0"), inst.get("sparsity"))
    except InvalidSpecError as e:
        return str(e)
    return None


def _grammar(inst):
    from ...srhm import random_grammar
    return random_grammar(inst["L"], inst["s"], inst["v"], inst["m"], inst["n_c"], s0=inst["s0"],
                          sparsity=inst["sparsity"], seed=inst["seed"])


def brute_force_language(g) -> Dict[int, Set[tuple]]:
    """Every input of every class, by recursive expansion of the rules (class -> set of symbol tuples)."""
    s, s0, L, blank = g.s, g.s0, g.L, g.v
    P = s * (s0 + 1)
    if g.sparsity == "A":
        layouts = [tuple(k * (s0 + 1) + j for k, j in enumerate(js)) for js in product(range(s0 + 1), repeat=s)]
    else:
        layouts = list(combinations(range(P), s))
    memo: Dict[tuple, Set[tuple]] = {}

    def expand(layer: int, parent: int) -> Set[tuple]:
        key = (layer, parent)
        if key in memo:
            return memo[key]
        h = L - layer                              # height of this node
        block = P ** (h - 1)
        empty = (blank,) * block
        out: Set[tuple] = set()
        for rhs in g.rules[layer][parent]:
            kids = [expand(layer + 1, c) if layer + 1 < L else {(c,)} for c in rhs]
            for lay in layouts:
                for combo in product(*kids):
                    slots = [empty] * P
                    for pos, child in zip(lay, combo):
                        slots[pos] = child
                    out.add(tuple(x for sl in slots for x in sl))
        memo[key] = out
        return out
    return {c: expand(0, c) for c in range(g.n_c)}


_SMALL = [dict(L=2, s=2, v=3, m=2, n_c=2, s0=0, sparsity="A"), dict(L=2, s=2, v=3, m=2, n_c=2, s0=1, sparsity="A"),
          dict(L=2, s=2, v=2, m=2, n_c=2, s0=1, sparsity="A"), dict(L=1, s=3, v=3, m=2, n_c=3, s0=1, sparsity="B"),
          dict(L=2, s=2, v=3, m=2, n_c=2, s0=1, sparsity="B")]
_MORE = [dict(L=2, s=2, v=3, m=2, n_c=2, s0=2, sparsity="A"), dict(L=3, s=2, v=2, m=2, n_c=2, s0=0, sparsity="A"),
         dict(L=2, s=3, v=3, m=2, n_c=2, s0=0, sparsity="A"), dict(L=1, s=2, v=4, m=3, n_c=4, s0=2, sparsity="B"),
         dict(L=2, s=2, v=4, m=3, n_c=3, s0=1, sparsity="A")]


def _instances(level, rng):
    params = _SMALL if level == "quick" else _SMALL + _MORE
    return [dict(p, seed=rng.randint(0, 10 ** 6)) for p in params]


def _family(inst):
    return f"SRHM-{inst['sparsity']}" if inst["s0"] else "RHM"


def _size(inst):
    return (inst["L"], inst["s"], inst["v"], inst["m"], inst["s0"])


def _sizes_verify(cert) -> List[str]:
    g = _grammar(cert["instance"])
    lang = brute_force_language(g)
    counts = [len(lang[c]) for c in range(g.n_c)]
    if counts != [int(x) for x in cert["computed"]["class_counts"]]:
        raise CertificateError(f"brute-force expansion gives class sizes {counts}, the certificate says "
                               f"{cert['computed']['class_counts']}")
    from ...srhm import enumerate_dataset
    ds = enumerate_dataset(g)
    mine = {(tuple(int(x) for x in row), int(y)) for row, y in zip(ds.inputs, ds.labels)}
    theirs = {(w, c) for c, ws in lang.items() for w in ws}
    if mine != theirs:
        raise CertificateError("the enumerated dataset differs from the brute-force language of the grammar")
    disjoint = sum(counts) == len(set().union(*lang.values()))
    if not disjoint:
        raise CertificateError("brute force: two classes share an input")
    return [f"brute-force expansion of the rules: class sizes {counts}, classes disjoint",
            "the enumerated dataset (inputs with labels) equals the brute-force language exactly"]


@claim(id="srhm.class-sizes", scope=_srhm_scope,
       statement="Every class of an (S)RHM has exactly (mA)^N distinct inputs (A = (s0+1)^s for sparsity A, "
                 "binomial(s(s0+1), s) for B, N = 1 + s + ... + s^(L-1)), and the classes are disjoint.",
       hypotheses=("rules drawn without replacement per level (m <= v^(s-1), m n_c <= v^s)",
                   "placements: sparsity A (child k in one of the s0+1 slots of sub-patch k) or B (the s children "
                   "in any s of the s(s0+1) slots, in order)"),
       provenance="[derived ✓]", source="docs/theory/srhm.md, 'Sizes' and 'Exact indexing'", instances=_instances,
       verify=_sizes_verify, requires=REQ, family=_family, size=_size)
def class_sizes(inst):
    import numpy as np
    from ...srhm import enumerate_dataset
    g = _grammar(inst)
    ds = enumerate_dataset(g)
    X = np.asarray(ds.inputs)
    counts = [int((ds.labels == c).sum()) for c in range(g.n_c)]
    distinct = len({row.tobytes() for row in X}) == len(X)
    formula = g.inputs_per_class
    return outcome(distinct and all(c == formula for c in counts),
                   "enumerate_dataset: |class c| == (m A)^N for every c, all inputs distinct",
                   class_counts=counts, formula=formula, A=g.placements_per_node, N=g.num_nodes,
                   input_length=g.input_length)


def _inv_verify(cert) -> List[str]:
    import numpy as np
    from ...srhm import enumerate_dataset, inputs_of
    from ...srhm.transforms import transform
    inst = cert["instance"]
    g = _grammar(inst)
    lang = brute_force_language(g)
    ds = enumerate_dataset(g)
    der = ds.derivations
    r = np.random.default_rng(int(inst["seed"]))
    checked = 0
    for kind in ("synonym", "diffeo"):
        for level in range(1, g.L + 1):
            t = transform(g, der, kind, level, rng=r)
            for row, c in zip(inputs_of(g, t), der.classes):
                if tuple(int(x) for x in row) not in lang[int(c)]:
                    raise CertificateError(f"a {kind} move at level {level} leaves the class (brute-force language)")
                checked += 1
    return [f"{checked} transformed inputs (synonym and diffeo moves at every level) all stay in their class's "
            f"brute-force language"]


@claim(id="srhm.label-invariance", scope=_srhm_scope,
       statement="Labels are invariant under synonym exchanges and re-placements at every level; for sparsity A "
                 "the group (Z_m x Z_{s0+1}^s)^N acts simply transitively on each class (order = class size).",
       hypotheses=("labels by unique bottom-up parsing",
                   "rules drawn without replacement per level (every tuple has a unique parent)",
                   "transformations: synonym exchanges re-draw rule choices, re-placements re-draw placements, "
                   "at every level up to the one transformed"), provenance="[derived ✓]",
       source="docs/theory/srhm.md, 'Transformations and invariance'", instances=_instances, verify=_inv_verify,
       requires=REQ + ("exactsep.srhm.transforms:verify_label_invariance",), family=_family, size=_size)
def label_invariance(inst):
    from ...srhm import enumerate_dataset
    from ...srhm.transforms import InvarianceGroup, verify_label_invariance
    g = _grammar(inst)
    ds = enumerate_dataset(g)
    rep = verify_label_invariance(g, ds.derivations, seed=int(inst["seed"]))
    group_ok, order = True, None
    if g.sparsity == "A":
        order = InvarianceGroup(g).order
        group_ok = order == g.inputs_per_class
    return outcome(rep.violations == 0 and group_ok,
                   "verify_label_invariance(...).violations == 0 on the whole support; |group| == class size (A)",
                   checked=rep.checked, violations=rep.violations, group_order=order,
                   class_size=g.inputs_per_class)


# ----------------------------------------------------------------------------- informative positions
_INFO_QUICK = [dict(L=2, s=2, s0=1, sparsity="A"), dict(L=2, s=2, s0=1, sparsity="B"),
               dict(L=3, s=2, s0=2, sparsity="A"), dict(L=3, s=2, s0=2, sparsity="B"),
               dict(L=1, s=3, s0=2, sparsity="B"), dict(L=2, s=3, s0=1, sparsity="A")]
_INFO_FULL = _INFO_QUICK + [dict(L=2, s=3, s0=1, sparsity="B"), dict(L=3, s=2, s0=1, sparsity="B"),
                            dict(L=2, s=2, s0=3, sparsity="A"), dict(L=2, s=2, s0=3, sparsity="B"),
                            dict(L=4, s=2, s0=1, sparsity="A"), dict(L=3, s=3, s0=1, sparsity="B"),
                            dict(L=2, s=4, s0=2, sparsity="A")]
BRUTE_FORCE_PLACEMENTS = 200_000
MAX_POSITIONS = 1_000_000


def _info_instances(level, rng):
    params = _INFO_QUICK if level == "quick" else _INFO_FULL
    return [dict(p, seed=rng.randint(0, 10 ** 6)) for p in params]


def _info_grammar(inst):
    from ...srhm import random_grammar
    s = int(inst["s"])
    v = 2 if s > 1 else 3                     # the smallest vocabulary the rule constraints allow (m = 1)
    return random_grammar(int(inst["L"]), s, v, 1, 1, s0=int(inst["s0"]), sparsity=inst["sparsity"],
                          seed=int(inst["seed"]))


def informative_counts(g):
    """For every input position, the number of placement assignments (one placement per informative node, A^N
    in all) that make it informative, and A^N; by the package's decoder over ALL assignments when there are at
    most BRUTE_FORCE_PLACEMENTS of them, else by the product over the levels of the package's slot table (the
    nodes' placements are independent: a position is informative iff each of its L ancestors' placements puts
    the right child in the right slot). Returns (counts, total, method)."""
    import numpy as np
    from ...srhm.data import Derivations, decode_leaves
    from ...limits import check_count
    A, N, d = g.placements_per_node, g.num_nodes, g.input_length
    check_count(d, MAX_POSITIONS, "the input positions counted one by one (d = (s(s0+1))^L)",
                "smaller L, s or s0 (exactsep.proofs.claims.srhm.MAX_POSITIONS)")
    total = A ** N
    if total <= BRUTE_FORCE_PLACEMENTS:
        idx = np.arange(total, dtype=np.int64)
        placements = np.empty((total, N), dtype=np.int64)
        for j in range(N - 1, -1, -1):
            idx, placements[:, j] = np.divmod(idx, A)
        der = Derivations(np.zeros(total, dtype=np.int64), np.zeros((total, N), dtype=np.int64), placements)
        _, pos = decode_leaves(g, der)
        counts = np.bincount(pos.ravel(), minlength=d)
        return [int(c) for c in counts], total, "all placement assignments decoded (exactsep.srhm.data.decode_leaves)"
    S = g.patch_size
    table = g.slot_table                                   # (A, s): slots of the s children under each placement
    per_slot = [[int((table[:, k] == q).sum()) for q in range(S)] for k in range(g.s)]   # child k in slot q
    counts = []
    for p in range(d):
        digits = []
        x = p
        for _ in range(g.L):
            x, q = divmod(x, S)
            digits.append(q)
        digits.reverse()                                   # slot at each level, top-down
        ways = 1
        for q in digits:
            ways *= sum(per_slot[k][q] for k in range(g.s))  # some child k of the ancestor sits in slot q
        counts.append(ways * A ** (N - g.L))
    return counts, total, "product over the levels of the slot table (exactsep.srhm.grammar.Grammar.slot_table)"


def _info_brute(L, s, s0, sparsity):
    """Independent: the informative position sets of every placement assignment, expanded recursively from the
    definition (A: child k in one of the s0+1 slots of sub-patch k; B: the s children in any s of the s(s0+1)
    slots, in order), as a map position -> number of assignments, and the number of assignments."""
    from collections import Counter
    P = s * (s0 + 1)
    if sparsity == "A":
        layouts = [tuple(k * (s0 + 1) + j for k, j in enumerate(js)) for js in product(range(s0 + 1), repeat=s)]
    else:
        layouts = list(combinations(range(P), s))

    def expand(h):
        """Counter of position -> assignments over a subtree of height h (positions local to its block)."""
        if h == 0:
            return Counter({0: 1}), 1
        sub, sub_total = expand(h - 1)
        block = P ** (h - 1)
        c = Counter()
        for lay in layouts:
            for slot in lay:
                for q, n in sub.items():
                    c[slot * block + q] += n * sub_total ** (s - 1)
        return c, len(layouts) * sub_total ** s
    return expand(L)


def _info_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    from fractions import Fraction
    cnt, total = _info_brute(int(inst["L"]), int(inst["s"]), int(inst["s0"]), inst["sparsity"])
    d = int(c["input_length"])
    probs = {str(Fraction(cnt.get(p, 0), total)) for p in range(d)}
    if total != int(c["assignments"]) or probs != {str(c["probability"])}:
        raise CertificateError(f"independent recursive expansion: {total} assignments, probabilities {sorted(probs)}; "
                               f"the certificate says {c['assignments']} and {c['probability']}")
    return [f"independent recursive expansion of all {total} placement assignments: every one of the {d} positions "
            f"is informative with probability {c['probability']}"]


@claim(id="srhm.informative-position-probability", scope=_srhm_scope,
       statement="In the SRHM every input position is informative (non-blank) with probability exactly (s0+1)^(-L), "
                 "for both sparsity placements, when every informative node draws its placement uniformly and "
                 "independently: a position is informative iff each of its L ancestors puts the right child in "
                 "the right slot, probability 1/(s0+1) per level (A: slot j of sub-patch k holds child k with "
                 "probability 1/(s0+1); B: a slot is one of the s chosen among s(s0+1)). Each input has s^L "
                 "informative positions out of d = (s(s0+1))^L (e.g. L = s = 2, s0 = 1: 4 of 16, 1/4; L = 3, s = 2, "
                 "s0 = 2: 8 of 216, 1/27). Checked exactly over all placement assignments.",
       hypotheses=("placements uniform and independent at every informative node (the authors' generator)",
                   "sparsity A or B; probability over the placements (rules and classes do not move positions)"),
       provenance="[secondary] (the SRHM paper's appendix on the first-layer gradient step, known from a third-party "
                  "reading); exact for both placements [derived ✓]",
       source="docs/theory/srhm.md, 'Sizes' (the marginal of an informative position). Stated in: U. Tomasini, "
              "M. Wyart, 'How Deep Networks Learn Sparse and Hierarchical Data: the Sparse Random Hierarchy Model', "
              "ICML 2024 (PMLR 235), appendix C (the one-step argument: each position is informative with "
              "probability (s0+1)^(-L)); the full text was not available, the statement is known from a "
              "third-party reading of the PMLR PDF",
       instances=_info_instances, verify=_info_verify, requires=("exactsep.srhm.data:decode_leaves",),
       family=lambda inst: f"SRHM-{inst['sparsity']}", size=lambda inst: (inst["L"], inst["s"], inst["s0"]))
def informative_position_probability(inst):
    from fractions import Fraction
    g = _info_grammar(inst)
    counts, total, method = informative_counts(g)
    probs = sorted({Fraction(c, total) for c in counts})
    target = Fraction(1, (g.s0 + 1) ** g.L)
    ok = probs == [target] and g.input_length == (g.s * (g.s0 + 1)) ** g.L and \
        Fraction(g.informative_positions, g.input_length) == target
    return outcome(ok, "for every position p: #{placement assignments with p informative} / A^N == (s0+1)^(-L)",
                   input_length=g.input_length, informative_per_input=g.informative_positions, assignments=total,
                   probability=probs[0] if len(probs) == 1 else [str(p) for p in probs], target=target,
                   method=method)
