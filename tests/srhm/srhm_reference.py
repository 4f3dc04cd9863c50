"""Independent reference implementations for the SRHM tests, written from the mathematics of docs/theory/srhm.md
(recursive, string-level, pure Python) and sharing no code with exactsep.srhm beyond the rule tables."""
from __future__ import annotations

import itertools
from collections import Counter
from typing import Dict, List, Optional, Sequence, Tuple


def placements(s: int, s0: int, sparsity: str) -> List[Tuple[int, ...]]:
    """Slot tuples of the s children in a patch of s(s0+1) slots."""
    b = s0 + 1
    if sparsity == "A":
        return [tuple(k * b + d for k, d in enumerate(ds)) for ds in itertools.product(range(b), repeat=s)]
    return list(itertools.combinations(range(s * b), s))


def expansions(g, symbol: int, layer: int) -> List[Tuple[int, ...]]:
    """All strings derived from ``symbol`` at code layer ``layer`` (a class when layer == 0)."""
    S, blank = g.patch_size, g.v
    block = S ** (g.L - layer - 1)
    out = []
    for rhs in g.rules[layer][symbol]:
        if layer == g.L - 1:
            child_sets = [[(a,)] for a in rhs]
        else:
            child_sets = [expansions(g, a, layer + 1) for a in rhs]
        for slots in placements(g.s, g.s0, g.sparsity):
            for kids in itertools.product(*child_sets):
                x = [blank] * (S * block)
                for slot, kid in zip(slots, kids):
                    x[slot * block:(slot + 1) * block] = kid
                out.append(tuple(x))
    return out


def support(g) -> Dict[Tuple[int, ...], int]:
    """Every input of the support with its class (asserts that no string has two classes)."""
    out: Dict[Tuple[int, ...], int] = {}
    for c in range(g.n_c):
        for x in expansions(g, c, 0):
            assert out.get(x, c) == c
            out[x] = c
    return out


def string_parse(g, x: Sequence[int]) -> Optional[int]:
    """Recursive parse of one string: its class, or None if it is not in the support."""
    S, blank, s, b = g.patch_size, g.v, g.s, g.s0 + 1
    lookup = [{t: p for p, rhs in enumerate(layer) for t in rhs} for layer in g.rules]

    def up(seg, layer):  # the symbol produced at code layer `layer` for segment seg, or None
        block = len(seg) // S
        kids = [seg[i * block:(i + 1) * block] for i in range(S)]
        full = [i for i, k in enumerate(kids) if any(a != blank for a in k)]
        if g.sparsity == "A":
            if len(full) != s or any(full[k] // b != k for k in range(s)):
                return None
        elif len(full) != s:
            return None
        if layer == g.L - 1:
            t = tuple(kids[i][0] for i in full)
        else:
            t = tuple(up(kids[i], layer + 1) for i in full)
            if None in t:
                return None
        return lookup[layer].get(t)

    if len(x) != g.input_length or all(a == blank for a in x):
        return None
    return up(tuple(x), 0)


def structure_ok(g, x: Sequence[int]) -> bool:
    """Sizes: exactly s^L informative positions; in every informative patch of height h, for A
    each sub-patch holds exactly one non-empty child block, for B exactly s child blocks are non-empty."""
    S, blank = g.patch_size, g.v
    if sum(a != blank for a in x) != g.s ** g.L:
        return False

    def ok(seg):
        if len(seg) == 1:
            return seg[0] != blank
        block = len(seg) // S
        kids = [seg[i * block:(i + 1) * block] for i in range(S)]
        nonempty = [any(a != blank for a in k) for k in kids]
        if g.sparsity == "A":
            b = g.s0 + 1
            if any(sum(nonempty[k * b:(k + 1) * b]) != 1 for k in range(g.s)):
                return False
        elif sum(nonempty) != g.s:
            return False
        return all(ok(k) for k, ne in zip(kids, nonempty) if ne)

    return ok(tuple(x))


def window_multiset(x: Sequence[int], w: int) -> Counter:
    n = len(x)
    return Counter(tuple(x[(i + j) % n] for j in range(w)) for i in range(n))


def height_moves(g, x: Sequence[int], h: int) -> List[Tuple[int, ...]]:
    """Sparsity A, string level: every way of moving each non-empty child block of size S^(h-1) inside its
    aligned group of s0+1 such blocks (a height-h tau), all at once. Independent of the digit code."""
    S, blank, b = g.patch_size, g.v, g.s0 + 1
    blk = S ** (h - 1)
    grp = blk * b
    groups = []
    for start in range(0, len(x), grp):
        seg = x[start:start + grp]
        kids = [seg[i * blk:(i + 1) * blk] for i in range(b)]
        full = [i for i, k in enumerate(kids) if any(a != blank for a in k)]
        if not full:
            groups.append([tuple(seg)])
            continue
        assert len(full) == 1
        kid = kids[full[0]]
        opts = []
        for i in range(b):
            y = [blank] * grp
            y[i * blk:(i + 1) * blk] = kid
            opts.append(tuple(y))
        groups.append(opts)
    return [sum(choice, ()) for choice in itertools.product(*groups)]
