"""Algorithm ES: exact evaluation spaces for polynomial activations (docs/theory/separation.md,
"Polynomial activations (Theorem B)" and "Algorithm ES (polynomial activations)").

For a polynomial activation of degree ``d`` the functions a layer can compute, restricted to the
finite set ``A x X_l`` (inputs times points), form the linear space ``H_l = Z_l^(<= d)`` (products of
at most ``d`` pre-activation functions), where ``Z_l`` is spanned by the bias-block indicators and the
images ``B_{l,i} h`` of the previous layer's functions. Two inputs are identified iff every function of
the output space ``S`` takes equal values on them (at every output point). All spans are computed
exactly over Q with the kernel's ``rref``.

``degree=None`` iterates the products until the algebra is stable: the functions constant on the joint
level sets, i.e. the non-polynomial relation (it must reproduce CR; the tests check it).

>>> from exactsep.groups import symmetric, GSet
>>> from exactsep.separation.architecture import Architecture
>>> G = symmetric(3); X = GSet.natural(G)
>>> A = [[1, 5, 6], [2, 3, 7], [6, 1, 5], [0, 0, 3], [-1, 2, 2], [1, 2, 3]]
>>> es_partition(Architecture(G, X, [X], activation="poly:2"), A).classes
((0, 1, 2), (3, 4), (5,))
>>> es_partition(Architecture(G, X, [X], activation="poly:3"), A).classes
((0, 2), (1,), (3,), (4,), (5,))
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, List, Optional, Sequence, Tuple

from ..linalg import rref
from ..numbers import primitive_integer_vector
from .cr import classes_from_signatures, exact_inputs

__all__ = ["ESResult", "es_partition"]


@dataclass(frozen=True)
class ESResult:
    """Classes and the dimension of every space (``dims_Z[l-1]``, ``dims_H[l-1]`` for hidden layers,
    ``dim_S`` for the output space), and the product steps used per layer."""

    classes: Tuple[Tuple[int, ...], ...]
    dims_Z: Tuple[int, ...]
    dims_H: Tuple[int, ...]
    dim_S: int
    steps: Tuple[int, ...]

    def to_json(self) -> dict:
        return {"classes": [list(c) for c in self.classes], "dims_Z": list(self.dims_Z), "dims_H": list(self.dims_H),
                "dim_S": self.dim_S, "steps": list(self.steps)}


def _span(vectors: List[List[Any]]) -> List[List[int]]:
    """A basis of the span of the vectors: the nonzero rref rows, each scaled to a primitive integer
    vector (same span; integer entries keep the later pointwise products cheap)."""
    vecs = [v for v in vectors if any(x != 0 for x in v)]
    if not vecs:
        return []
    return [primitive_integer_vector(r) for r in rref(vecs)[0]]


def _apply(entries, rows: int, cols: int, H: List[List[Any]], n: int) -> List[List[Any]]:
    """For each h in H (a function on A x X_{l-1}, flattened input-major) the function B h on A x X_l."""
    r, c, v = entries
    rl, cl = r.tolist(), c.tolist()
    out = []
    for h in H:
        g = [0] * (n * rows)
        for a in range(n):
            ho, go = a * cols, a * rows
            for y, x, coef in zip(rl, cl, v):
                t = h[ho + x]
                if t:
                    g[go + y] += coef * t
        out.append(g)
    return out


def _indicators(blocks: Sequence[int], n: int) -> List[List[int]]:
    m = len(blocks)
    nb = max(blocks) + 1 if m else 0
    return [[1 if blocks[x] == b else 0 for a in range(n) for x in range(m)] for b in range(nb)]


def es_partition(arch, inputs: Sequence[Any], degree: Any = "arch", *,
                 progress: Optional[Callable[[int, int], None]] = None) -> ESResult:
    """Partition of ``inputs`` by algorithm ES. ``degree``: the architecture's polynomial degree by
    default; an int overrides it; ``None`` (or ``"infinite"``) iterates to the stable algebra."""
    if degree == "arch":
        degree = arch.degree
    if degree == "infinite":
        degree = None
    vecs = exact_inputs(arch, inputs)
    n = len(vecs)
    if n == 0:
        return ESResult((), (), (), 0, ())
    flat_in = [[x for v in vecs for x in v]]  # one "function" on A x X_0c
    H = flat_in
    dims_Z, dims_H, steps = [], [], []
    nl = len(arch.bases)
    bases, blocks = arch.bases, arch.blocks
    l = 0
    while l < nl:
        l += 1
        B = bases[l - 1]
        H_in = H
        gens = _indicators(blocks[l - 1], n)
        for i in range(B.size):
            gens.extend(_apply(B.entries[i], B.rows, B.cols, H, n))
        Z = _span(gens)
        dims_Z.append(len(Z))
        if l == nl:
            S = Z
            break
        # H_l = Z^(<= degree): P_0 = <1>, P_k = P_{k-1} + Z * P_{k-1}. Products are pointwise, so points
        # (columns) where every function of Z agrees stay equal in the whole algebra: work on the
        # distinct columns of Z and expand afterwards (exact, no approximation).
        D = n * B.rows
        colkey: dict = {}
        cols = [colkey.setdefault(tuple(z[t] for z in Z), len(colkey)) for t in range(D)]
        first = {}
        for t, c in enumerate(cols):
            first.setdefault(c, t)
        reps = [first[c] for c in range(len(colkey))]
        Zc = [[z[t] for t in reps] for z in Z]
        Dc = len(reps)
        P = _span([[1] * Dc])
        k = 0
        while degree is None or k < degree:
            prods = [[z[t] * p[t] for t in range(Dc)] for z in Zc for p in P]
            P2 = _span(P + prods)
            k += 1
            if len(P2) == len(P):
                break
            P = P2
        P = [[p[c] for c in cols] for p in P]
        steps.append(k)
        H = P
        dims_H.append(len(H))
        if l >= 2 and bases[l - 1] is bases[l - 2] and blocks[l - 1] is blocks[l - 2] and H == H_in:
            # a fixed point of a repeated layer ("repeat": r): every further copy maps H to itself (H is a
            # canonical basis: primitive rref rows)
            while l + 1 < nl and bases[l] is bases[l - 1] and blocks[l] is blocks[l - 1]:
                l += 1
                dims_Z.append(dims_Z[-1])
                dims_H.append(dims_H[-1])
                steps.append(steps[-1])
        if progress:
            progress(l, nl)
    m = arch.bases[-1].rows
    sigs = [tuple(tuple(s[a * m + y] for y in range(m)) for s in S) for a in range(n)]
    return ESResult(classes_from_signatures(sigs), tuple(dims_Z), tuple(dims_H), len(S), tuple(steps))
