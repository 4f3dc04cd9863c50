"""Independent brute-force reference computations for the group tests (plain Python tuples and
frozensets, no numpy tables, no normaliser tricks)."""
from __future__ import annotations

from math import gcd

from exactsep.groups import compose, inverse


def element_action(G, X):
    """Dict element -> image tuple on X, built along the Cayley graph; None if the generator
    images do not define an action (two paths give different images)."""
    e = G.identity()
    phi = {e: tuple(range(X.size))}
    queue = [e]
    while queue:
        h = queue.pop()
        for s, im in zip(G.generators, X.images):
            k = compose(s, h)
            cand = tuple(im[x] for x in phi[h])
            if k in phi:
                if phi[k] != cand:
                    return None
            else:
                phi[k] = cand
                queue.append(k)
    return phi


def closure(gens, degree):
    e = tuple(range(degree))
    out = {e}
    frontier = [e]
    while frontier:
        new = []
        for x in frontier:
            for s in gens:
                y = compose(x, s)
                if y not in out:
                    out.add(y)
                    new.append(y)
        frontier = new
    return frozenset(out)


def all_subgroups(G):
    """Every subgroup of G as a frozenset of permutations: fixed point of joins with single elements."""
    els = G.elements()
    found = {closure([], G.degree)}
    frontier = list(found)
    while frontier:
        new = []
        for H in frontier:
            for g in els:
                if g not in H:
                    J = closure(list(H) + [g], G.degree)
                    if J not in found:
                        found.add(J)
                        new.append(J)
        frontier = new
    return found


def conjugate(H, g):
    gi = inverse(g)
    return frozenset(compose(compose(g, h), gi) for h in H)


def subgroup_classes_brute(G):
    """List of classes, each a set of subgroups (frozensets)."""
    subs = all_subgroups(G)
    classes = []
    done = set()
    for H in sorted(subs, key=lambda s: (len(s), sorted(s))):
        if H in done:
            continue
        cls = {conjugate(H, g) for g in G.elements()}
        done |= cls
        classes.append(cls)
    return classes


def euler_phi(n):
    return sum(1 for k in range(1, n + 1) if gcd(k, n) == 1)
