"""Universality-class membership of polynomials for shallow invariant networks ([UC] Th. 13;
docs/theory/separation.md, "Universality classes", test vector E7).

For a shallow invariant architecture (one hidden layer ``X_1`` with layer-space basis ``B_1..B_k``),
node ``i`` of ``X_1`` has the basis map ``phi_i(x) = ((B_1 x)(i), ..., (B_k x)(i))`` ([UC] Def. 12).
By [UC] Th. 13 and the Macaulay inverse-system argument [derived], an invariant polynomial ``f`` lies
in the universality class iff ``f`` lies in ``sum_i R[phi_i x]``: the span of all products of the
linear forms of each single node. The space is graded, so each homogeneous component of ``f`` is
tested separately by an exact rank computation over Q (monomial coefficient vectors, through the
kernel); a member comes with exact coefficients that are re-checked.

>>> import sympy
>>> from exactsep.groups import symmetric, GSet, cyclic
>>> from exactsep.separation import Architecture
>>> x = sympy.symbols("x0:3")
>>> G = symmetric(3); X = GSet.natural(G)
>>> pointnet = Architecture(G, X, [X])                    # full = identity + all-ones for S3
>>> in_universality_class(pointnet, x[0] * x[1] * x[2], x).member
True
>>> C = cyclic(3); Z = GSet.natural(C)
>>> in_universality_class(Architecture(C, Z, [(Z, "conv:1")]), sum(x) ** 3, x).member
False
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations_with_replacement
from typing import Any, Dict, List, Sequence, Tuple

from ..errors import InvalidSpecError
from ..linalg import rank, solve
from ..numbers import exact, normalize

__all__ = ["MembershipResult", "node_maps", "in_universality_class", "polynomial_in_span_of_node_algebras"]

Poly = Dict[Tuple[int, ...], Any]


def _mul(p: Poly, q: Poly) -> Poly:
    out: Poly = {}
    for a, c in p.items():
        for b, d in q.items():
            e = tuple(i + j for i, j in zip(a, b))
            out[e] = out.get(e, 0) + c * d
    return {e: c for e, c in out.items() if c != 0}


def node_maps(arch) -> List[List[List[Any]]]:
    """For a shallow architecture: per node of the hidden G-set, the matrix of its basis map (rows =
    the linear forms ``x -> (B_j x)(i)`` on the input vector)."""
    if arch.depth != 1:
        raise InvalidSpecError("universality-class membership is implemented for shallow (one hidden layer) architectures")
    B = arch.bases[0]
    dense = [B.dense(j) for j in range(B.size)]
    return [[M[i] for M in dense if any(t != 0 for t in M[i])] for i in range(B.rows)]


def _to_dict(f: Any, symbols: Sequence[Any]) -> Poly:
    if isinstance(f, dict):
        return {tuple(k): exact(v) for k, v in f.items() if v != 0}
    import sympy
    P = sympy.Poly(sympy.expand(f), *symbols)
    out = {}
    for mon, c in P.terms():
        if not c.is_Rational:
            raise InvalidSpecError(f"coefficient {c} of the polynomial is not rational")
        out[tuple(int(e) for e in mon)] = normalize(Fraction(int(c.p), int(c.q)))
    return out


@dataclass(frozen=True)
class MembershipResult:
    """``member``: whether f lies in ``sum_i R[phi_i x]``; per degree the rank of the spanning set and
    whether f's component of that degree lies in it (``ranks[deg] = (rank_without_f, rank_with_f)``)."""

    member: bool
    degree: int
    ranks: Tuple[Tuple[int, int, int], ...]
    proven: bool

    def to_json(self) -> dict:
        return {"member": self.member, "degree": self.degree, "proven": self.proven,
                "ranks": [{"degree": d, "rank": r, "rank_with_f": rf} for d, r, rf in self.ranks]}


def polynomial_in_span_of_node_algebras(f: Poly, maps: Sequence[Sequence[Sequence[Any]]], nvars: int) -> MembershipResult:
    """Whether the polynomial ``f`` (dict exponent tuple -> rational) lies in ``sum_i R[phi_i x]`` where
    ``maps[i]`` lists node i's linear forms (coefficient rows of length ``nvars``)."""
    if not f:
        return MembershipResult(True, 0, (), True)
    degs = sorted({sum(e) for e in f})
    ranks = []
    member = True
    proven = True
    lins = [[{tuple(1 if k == j else 0 for k in range(nvars)): exact(row[j]) for j in range(nvars) if row[j] != 0}
             for row in forms] for forms in maps]                  # the same for every degree
    for D in degs:
        comp = {e: c for e, c in f.items() if sum(e) == D}
        gens: List[Poly] = []
        for lin in lins:
            if D == 0:
                gens.append({(0,) * nvars: 1})
                continue
            for combo in combinations_with_replacement(range(len(lin)), D):
                p: Poly = {(0,) * nvars: 1}
                for j in combo:
                    p = _mul(p, lin[j])
                if p:
                    gens.append(p)
        monos = sorted({e for g in gens for e in g} | set(comp))
        index = {e: k for k, e in enumerate(monos)}
        rows = []
        for g in gens:
            r = [0] * len(monos)
            for e, c in g.items():
                r[index[e]] = c
            rows.append(r)
        fr = [0] * len(monos)
        for e, c in comp.items():
            fr[index[e]] = c
        r0 = rank(rows).value if rows else 0
        r1 = rank(rows + [fr]).value
        ranks.append((D, r0, r1))
        if r1 != r0:
            member = False
        elif rows:
            # exact certificate: coefficients c with sum c_k gens_k = f's component, re-checked
            cols = [[rows[k][m] for k in range(len(rows))] for m in range(len(monos))]
            c = solve(cols, fr)
            ok = all(sum((c[k] * rows[k][m] for k in range(len(rows))), Fraction(0)) == fr[m] for m in range(len(monos)))
            proven = proven and ok
    return MembershipResult(member, max(degs), tuple(ranks), proven)


def in_universality_class(arch, f: Any, symbols: Sequence[Any] = ()) -> MembershipResult:
    """Whether the invariant polynomial ``f`` (a sympy expression in ``symbols`` = the input coordinates,
    or a dict exponent-tuple -> rational) lies in the universality class of the shallow invariant
    architecture ``arch`` (``f in sum_i R[phi_i x]``; docs/theory/separation.md, "Universality classes")."""
    if arch.output != "invariant":
        raise InvalidSpecError("universality-class membership is implemented for invariant outputs")
    n = arch.input_size
    fd = _to_dict(f, symbols)
    for e in fd:
        if len(e) != n:
            raise InvalidSpecError(f"the polynomial has {len(e)} variables, the input has {n} coordinates")
    return polynomial_in_span_of_node_algebras(fd, node_maps(arch), n)
