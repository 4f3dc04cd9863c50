"""The known symmetry group of ReLU parameters: hidden-neuron permutations and positive scalings.

``G = prod_l (S_{n_l} x| R_{>0}^{n_l})`` over the hidden layers acts on the flat parameters
(order W1 row-major, b1, ..., Wd, bd): permuting the neurons of layer l permutes the rows of
``(W^l, b^l)`` and the columns of ``W^{l+1}``; scaling neuron ``(l, i)`` by ``lam > 0`` multiplies row
``i`` of ``(W^l, b^l)`` by ``lam`` and column ``i`` of ``W^{l+1}`` by ``1/lam``. Every element maps a
parameter to one realising the same function (ReLU is positively homogeneous).

>>> from exactsep.relu.symmetry import act, canonical_form, orbit_tangent
>>> widths = [1, 2, 1]
>>> theta = [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"]        # test vector T3: f(x) = x
>>> act(widths, theta, permutations=[[1, 0]], scalings=[[2, 1]])
[-3, 4, Fraction(3, 2), -2, Fraction(-1, 3), Fraction(1, 4), Fraction(1, 2)]
>>> canonical_form(widths, theta).theta
[-1, 1, Fraction(1, 2), Fraction(-1, 2), -1, 1, Fraction(1, 2)]
>>> len(orbit_tangent(widths, theta))
2
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, List, Optional, Sequence, Tuple

from ..errors import ComputationLimitError, InvalidInputError, ShapeError
from ..nets.network import check_widths, num_params
from ..numbers import exact_vector, normalize, to_json_number, Rational

__all__ = ["act", "orbit_tangent", "orbit_dimension", "canonical_form", "CanonicalForm", "layer_blocks",
           "first_layer_invariant", "same_orbit_invariants_differ"]


def layer_blocks(widths: Sequence[int]) -> List[Tuple[int, int, int]]:
    """For each layer l = 1..d: ``(start of W^l, start of b^l, end)`` in the flat vector."""
    out, pos = [], 0
    for l in range(1, len(widths)):
        wstart = pos
        pos += widths[l] * widths[l - 1]
        bstart = pos
        pos += widths[l]
        out.append((wstart, bstart, pos))
    return out


def _split(widths, theta):
    widths = check_widths(widths)
    th = exact_vector(theta, what="theta")
    if len(th) != num_params(widths):
        raise ShapeError(f"theta has {len(th)} entries; architecture {list(widths)} needs {num_params(widths)}")
    Ws, bs = [], []
    for l, (ws, bsx, end) in enumerate(layer_blocks(widths), start=1):
        n_in, n_out = widths[l - 1], widths[l]
        Ws.append([list(th[ws + i * n_in: ws + (i + 1) * n_in]) for i in range(n_out)])
        bs.append(list(th[bsx:end]))
    return widths, Ws, bs


def _join(Ws, bs) -> List[Rational]:
    out: List[Rational] = []
    for W, b in zip(Ws, bs):
        for r in W:
            out.extend(normalize(Fraction(v)) for v in r)
        out.extend(normalize(Fraction(v)) for v in b)
    return out


def act(widths: Sequence[int], theta: Any, permutations: Optional[Sequence[Sequence[int]]] = None,
        scalings: Optional[Sequence[Sequence[Any]]] = None) -> List[Rational]:
    """Apply ``(permutation, scaling)`` per hidden layer: first scale neuron ``i`` of layer l by
    ``scalings[l-1][i] > 0``, then move neuron ``i`` to position ``permutations[l-1][i]``."""
    widths, Ws, bs = _split(widths, theta)
    H = len(widths) - 2
    perms = [list(range(widths[l])) for l in range(1, H + 1)] if permutations is None else [list(p) for p in permutations]
    scs = [[1] * widths[l] for l in range(1, H + 1)] if scalings is None else [exact_vector(s, what="scaling") for s in scalings]
    if len(perms) != H or len(scs) != H:
        raise ShapeError(f"need one permutation and one scaling vector per hidden layer ({H})")
    for l in range(H):
        n = widths[l + 1]
        if sorted(perms[l]) != list(range(n)):
            raise InvalidInputError(f"permutations[{l}] = {perms[l]} is not a permutation of 0..{n - 1}")
        if len(scs[l]) != n or any(v <= 0 for v in scs[l]):
            raise InvalidInputError(f"scalings[{l}] must be {n} positive numbers, got {scs[l]}")
        lam, pi = scs[l], perms[l]
        W, b, Wn = Ws[l], bs[l], Ws[l + 1]
        W = [[lam[i] * v for v in W[i]] for i in range(n)]
        b = [lam[i] * b[i] for i in range(n)]
        Wn = [[Fraction(r[i]) / lam[i] for i in range(n)] for r in Wn]
        newW, newb = [None] * n, [None] * n
        for i in range(n):
            newW[pi[i]] = W[i]
            newb[pi[i]] = b[i]
        Wn2 = [[None] * n for _ in Wn]
        for k, r in enumerate(Wn):
            for i in range(n):
                Wn2[k][pi[i]] = r[i]
        Ws[l], bs[l], Ws[l + 1] = newW, newb, Wn2
    return _join(Ws, bs)


def orbit_tangent(widths: Sequence[int], theta: Any) -> List[List[Rational]]:
    """The infinitesimal generators of the positive scalings at ``theta``: one vector in R^D per hidden
    neuron, ``+theta`` on its incoming row and bias, ``-theta`` on its outgoing column, 0 elsewhere.
    They span the tangent space of the orbit ``G theta``."""
    widths, Ws, bs = _split(widths, theta)
    blocks = layer_blocks(widths)
    D = num_params(widths)
    th = _join(Ws, bs)
    vecs = []
    for l in range(1, len(widths) - 1):
        n_in, n_out, n_next = widths[l - 1], widths[l], widths[l + 1]
        ws, bsx, _ = blocks[l - 1]
        wn, _, _ = blocks[l]
        for i in range(n_out):
            v: List[Rational] = [0] * D
            for j in range(n_in):
                v[ws + i * n_in + j] = th[ws + i * n_in + j]
            v[bsx + i] = th[bsx + i]
            for k in range(n_next):
                v[wn + k * n_out + i] = -th[wn + k * n_out + i]
            vecs.append(v)
    return vecs


def orbit_dimension(widths: Sequence[int], theta: Any) -> int:
    """Dimension of the orbit ``G theta`` (exact rank of the scaling generators)."""
    from ..linalg import rank
    vecs = orbit_tangent(widths, theta)
    return int(rank(vecs, proof=True)) if vecs else 0


@dataclass(frozen=True)
class CanonicalForm:
    """``theta``: the canonical representative; ``normal_form``: True when it is a proven orbit normal form
    (every hidden neuron has a nonzero incoming row or bias; then ``theta, theta'`` are in one orbit iff
    their canonical forms are equal); otherwise equal forms still imply one orbit but different forms do
    not prove different orbits. ``tie_orders``: how many tie orderings were compared."""

    theta: List[Rational]
    normal_form: bool
    tie_orders: int

    def to_json(self) -> dict:
        return {"theta": [to_json_number(v) for v in self.theta], "normal_form": self.normal_form,
                "tie_orders": self.tie_orders}


def _canon_pass(widths, Ws, bs, choose):
    """One canonicalisation pass; ``choose(l, groups)`` returns an ordering within each tie group."""
    Ws = [[list(r) for r in W] for W in Ws]
    bs = [list(b) for b in bs]
    normal = True
    for l in range(len(widths) - 2):
        n = widths[l + 1]
        W, b, Wn = Ws[l], bs[l], Ws[l + 1]
        for i in range(n):
            row = list(W[i]) + [b[i]]
            piv = next((v for v in row if v != 0), None)
            if piv is None:
                normal = False
                col = [r[i] for r in Wn]
                cp = next((v for v in col if v != 0), None)
                if cp is not None:
                    lam = abs(Fraction(cp))            # scaling by lam divides the column by lam
                    for r in Wn:
                        r[i] = Fraction(r[i]) / lam
                continue
            lam = 1 / abs(Fraction(piv))
            W[i] = [lam * v for v in W[i]]
            b[i] = lam * b[i]
            for r in Wn:
                r[i] = Fraction(r[i]) / lam
        keys = [tuple(W[i]) + (b[i],) for i in range(n)]
        order = sorted(range(n), key=lambda i: keys[i])
        # tie groups: equal incoming rows
        groups, cur = [], [order[0]]
        for i in order[1:]:
            if keys[i] == keys[cur[-1]]:
                cur.append(i)
            else:
                groups.append(cur)
                cur = [i]
        groups.append(cur)
        order = [i for g in choose(l, groups) for i in g]
        Ws[l] = [W[i] for i in order]
        bs[l] = [b[i] for i in order]
        Ws[l + 1] = [[r[i] for i in order] for r in Wn]
    return _join(Ws, bs), normal


def canonical_form(widths: Sequence[int], theta: Any, *, max_tie_orders: int = 40320) -> CanonicalForm:
    """Canonical representative of the orbit ``G theta`` (docs/theory/fundim.md, "Symmetries").

    Layer by layer: divide each neuron's incoming row (and bias) by the absolute value of its first
    nonzero entry, compensating in its outgoing column (a zero row: normalise the outgoing column
    instead), then sort the layer's neurons by their incoming rows. Neurons with equal normalised rows
    (ties) are ordered by trying every ordering of each tie group and keeping the lexicographically
    smallest final parameter vector, so the result does not depend on the input's order.
    """
    widths, Ws, bs = _split(widths, theta)
    # first pass discovers tie groups layer by layer lazily: enumerate all choices recursively
    best = None
    normal_all = True
    count = 0

    def search(fixed: List[List[List[int]]]):
        nonlocal best, normal_all, count
        # run a pass where layer l < len(fixed) uses the given group orderings, others the identity;
        # the first layer with a tie group not yet fixed spawns branches.
        pending = {}

        def choose(l, groups):
            if l < len(fixed):
                perm = fixed[l]
                return [[g[p] for p in perm_g] for g, perm_g in zip(groups, perm)]
            pending.setdefault(l, groups)
            return groups

        th, normal = _canon_pass(widths, Ws, bs, choose)
        normal_all = normal_all and normal
        l = len(fixed)
        if l < len(widths) - 2:
            groups = pending.get(l)
            options = [list(itertools.permutations(range(len(g)))) for g in groups]
            for combo in itertools.product(*options):
                count += 1
                if count > max_tie_orders:
                    raise ComputationLimitError(f"more than {max_tie_orders} tie orderings in canonical_form")
                search(fixed + [list(combo)])
            return
        key = tuple(th)
        if best is None or key < best:
            best = key

    search([])
    return CanonicalForm([normalize(Fraction(v)) for v in best], normal_all, max(count, 1))


def first_layer_invariant(widths: Sequence[int], theta: Any) -> Tuple[Tuple[Rational, ...], ...]:
    """A G-invariant that needs no theorem: the sorted multiset of first-layer incoming rows (with bias),
    each divided by the absolute value of its first nonzero entry. G only permutes these rows and
    multiplies them by positive numbers, so different values prove different orbits."""
    widths, Ws, bs = _split(widths, theta)
    rows = []
    for i in range(widths[1]):
        r = [Fraction(v) for v in Ws[0][i]] + [Fraction(bs[0][i])]
        piv = next((v for v in r if v != 0), None)
        if piv is not None:
            r = [v / abs(piv) for v in r]
        rows.append(tuple(normalize(v) for v in r))
    return tuple(sorted(rows))


def same_orbit_invariants_differ(widths, theta_a, theta_b) -> Optional[str]:
    """Name of an orbit invariant that differs between the two parameters (proving different orbits),
    or None when none of the checked invariants separates them."""
    if first_layer_invariant(widths, theta_a) != first_layer_invariant(widths, theta_b):
        return "first_layer_rows"
    ca, cb = canonical_form(widths, theta_a), canonical_form(widths, theta_b)
    if ca.normal_form and cb.normal_form and ca.theta != cb.theta:
        return "canonical_form"
    return None
