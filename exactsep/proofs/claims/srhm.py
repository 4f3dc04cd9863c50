"""SRHM claims (docs/theory/srhm.md, "Sizes", "Transformations and invariance"): class sizes (mA)^N and label invariance under the group.

The independent route is a brute-force expander written here from the definition of the
grammar (rules per code layer, blank symbol v, sparsity A: child k in one of the s0+1 slots of
sub-patch k; sparsity B: the s children in any s of the s(s0+1) slots, in order): it lists every
input of every class as a set of strings, without the package's mixed-radix index or parser.
"""
from __future__ import annotations

from itertools import combinations, product
from typing import Dict, List, Set

from ...errors import CertificateError
from ..registry import claim, outcome

__all__ = ["class_sizes", "label_invariance", "brute_force_language"]

REQ = ("exactsep.srhm:enumerate_dataset",)


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


@claim(id="srhm.class-sizes",
       statement="Every class of an (S)RHM has exactly (mA)^N distinct inputs (A = (s0+1)^s for sparsity A, "
                 "binomial(s(s0+1), s) for B, N = 1 + s + ... + s^(L-1)), and the classes are disjoint.",
       hypotheses=("rules drawn without replacement per level (m <= v^(s-1), m n_c <= v^s)",),
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


@claim(id="srhm.label-invariance",
       statement="Labels are invariant under synonym exchanges and re-placements at every level; for sparsity A "
                 "the group (Z_m x Z_{s0+1}^s)^N acts simply transitively on each class (order = class size).",
       hypotheses=("labels by unique bottom-up parsing",), provenance="[derived ✓]",
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
