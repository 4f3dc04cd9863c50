"""Transitive permutation groups of prime-power degree up to conjugacy in S_n (degrees 7 and 8 of the catalogue).

This enumeration is independent of :mod:`exactsep.groups.subgroups` and of the catalogue's
enumeration of all subgroup classes of S_n (which stops at order 800, i.e. degree 6). It rests on
three standard facts (docs/theory/groups.md, 'The catalogue of small groups'):

1. *Sylow.* When n = p^k, a Sylow p-subgroup P of a transitive group G of degree n is itself
   transitive (P_x = P & G_x is a p-subgroup of G_x, so |P : P_x| >= |P| / |G_x|_p = |G : G_x| = n),
   so every transitive group of degree n contains a conjugate of a transitive subgroup of the Sylow
   p-subgroup of S_n (the iterated wreath product C_p wr ... wr C_p).
2. *Upward closure.* Every overgroup of a transitive group is transitive, and if H < K then along a
   chain of maximal subgroups each step is <H_i, g> for any g in H_{i+1} \\ H_i, which can be taken
   of prime-power order (the p-elements of H_{i+1} generate it, so not all of them lie in H_i). So
   starting from the transitive subgroups of P and joining each class representative H with one
   prime-power-order element g per orbit of N_{S_n}(H) on the cosets gH reaches every class.
3. *Index.* For n >= 5 the only subgroups of S_n of index < n are A_n and S_n, so a closure that
   grows past (n-1)! elements is A_n or S_n (decided by the parity of its generators) and need not
   be listed element by element.

Elements of S_n are numbered by their rank in lexicographic order (the Lehmer code); a subgroup is
a sorted array of ranks, and a class is recognised by a set holding every conjugate of every class
found so far (its length is |S_n : N(H)|).

>>> [len(transitive_classes(n)) for n in (2, 3, 4, 5, 7)]
[1, 2, 5, 5, 7]
>>> sorted(c["order"] for c in transitive_classes(7))
[7, 14, 21, 42, 168, 2520, 5040]
"""
from __future__ import annotations

from functools import lru_cache
from itertools import permutations
from math import factorial
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import InvalidSpecError

__all__ = ["transitive_classes", "prime_power", "sylow_generators", "SymmetricTable"]


def prime_power(n: int) -> Optional[Tuple[int, int]]:
    """``(p, k)`` with n = p^k (k >= 1), or None.

    >>> prime_power(8), prime_power(7), prime_power(6)
    ((2, 3), (7, 1), None)
    """
    if n < 2:
        return None
    p = next(q for q in range(2, n + 1) if n % q == 0)
    k, m = 0, n
    while m % p == 0:
        m //= p
        k += 1
    return (p, k) if m == 1 else None


def sylow_generators(n: int) -> List[List[int]]:
    """Generators of the Sylow p-subgroup C_p wr ... wr C_p of S_n for n = p^k: for j < k, the map
    x -> (x + p^j) mod p^(j+1) on 0..p^(j+1)-1 (fixing the other points).

    >>> sylow_generators(4)
    [[1, 0, 2, 3], [2, 3, 0, 1]]
    """
    pk = prime_power(n)
    if pk is None:
        raise InvalidSpecError(f"sylow_generators: {n} is not a prime power")
    p, k = pk
    gens = []
    for j in range(k):
        step, block = p ** j, p ** (j + 1)
        gens.append([(x + step) % block if x < block else x for x in range(n)])
    return gens


class SymmetricTable:
    """S_n (n <= 8) with its elements numbered by lexicographic rank, and vectorised products,
    ranks, conjugation and element orders."""

    def __init__(self, n: int):
        if not 1 <= n <= 8:
            raise InvalidSpecError(f"SymmetricTable: degree must be in 1..8, got {n!r}")
        self.n = n
        self.size = factorial(n)
        self.perms = np.array(list(permutations(range(n))), dtype=np.int8).reshape(self.size, n)
        self.inv = np.argsort(self.perms, axis=1).astype(np.int8)
        self._p64 = self.perms.astype(np.int64)
        self._i64 = self.inv.astype(np.int64)
        # rank lookup: the base-n code sum_i p[i] n^i of a permutation indexes a table of ranks (n^n entries)
        self._code_weights = np.array([n ** i for i in range(n)], dtype=np.int64)
        self._rank_of_code = np.zeros(n ** n, dtype=np.uint16 if self.size < 2 ** 16 else np.int64)
        self._rank_of_code[self.perms.astype(np.int64) @ self._code_weights] = np.arange(self.size)
        self.identity = 0
        self.inv_rank = self.rank(self.inv)
        self.orders = self._orders()
        self.parity = self._parity()

    def rank(self, P: np.ndarray) -> np.ndarray:
        """Lexicographic ranks of the rows of P (looked up from their base-n codes)."""
        P = np.asarray(P).reshape(-1, self.n)
        return self._rank_of_code[P @ self._code_weights]

    def _orders(self) -> np.ndarray:
        cur = self.perms.copy()
        order = np.ones(self.size, dtype=np.int64)
        ident = np.arange(self.n, dtype=np.int8)
        done = (cur == ident).all(axis=1)
        k = 1
        while not done.all():
            k += 1
            cur = np.take_along_axis(self.perms, cur.astype(np.int64), axis=1)  # x o x^(k-1)
            hit = (cur == ident).all(axis=1) & ~done
            order[hit] = k
            done |= hit
        return order

    def _parity(self) -> np.ndarray:
        P = self.perms
        inv = np.zeros(self.size, dtype=np.int64)
        for i in range(self.n):
            inv += (P[:, i + 1:] < P[:, i:i + 1]).sum(axis=1)
        return (inv % 2).astype(np.int8)

    def products(self, A: Sequence[int], B: Sequence[int]) -> np.ndarray:
        """Ranks of a*b (a after b: i -> a[b[i]]) for every a in A, b in B (array |A| x |B|)."""
        PA = self._p64[np.asarray(A, dtype=np.int64)]
        PB = self._p64[np.asarray(B, dtype=np.int64)]
        prod = PA[:, PB]                                   # [a, b, i] = A[a][B[b][i]]
        return self.rank(prod.reshape(-1, self.n)).reshape(len(PA), len(PB))

    def conjugate_by(self, X: Sequence[int], h: int) -> np.ndarray:
        """Ranks of x h x^-1 for every x in X."""
        X = np.asarray(X, dtype=np.int64)
        Xp, Xi = (self._p64, self._i64) if len(X) == self.size else (self._p64[X], self._i64[X])
        hXi = self._p64[h][Xi]                                            # [x, i] = h[x^-1[i]]
        return self.rank(Xp[np.arange(len(X))[:, None], hXi])

    def conjugate_set(self, x: int, H: np.ndarray) -> np.ndarray:
        """Sorted ranks of x H x^-1."""
        return np.sort(self.rank(self._p64[x][self._p64[H][:, self._i64[x]]]))

    def closure(self, start: np.ndarray, gens: Sequence[int], limit: Optional[int] = None) -> Optional[np.ndarray]:
        """Sorted ranks of the group generated by ``gens`` containing the group ``start`` (breadth first by
        right multiplication). None when it exceeds ``limit`` elements."""
        seen = np.zeros(self.size, dtype=bool)
        seen[start] = True
        seen[0] = True
        frontier = np.flatnonzero(seen)
        count = frontier.size
        G = self._p64[np.asarray(list(gens), dtype=np.int64)]
        while frontier.size:
            F = self._p64[frontier]
            prod = F[:, G]                                  # [x, s, i] = x[s[i]]  (x * s)
            mark = np.zeros(self.size, dtype=bool)
            mark[self.rank(prod.reshape(-1, self.n))] = True
            mark &= ~seen
            new = np.flatnonzero(mark)
            if not new.size:
                break
            seen |= mark
            count += new.size
            if limit is not None and count > limit:
                return None
            frontier = new
        return np.flatnonzero(seen)

    def normalizer(self, H: np.ndarray, gens: Sequence[int]) -> np.ndarray:
        """Ranks of N_{S_n}(H) (H given by its sorted ranks and generators)."""
        inH = np.zeros(self.size, dtype=bool)
        inH[H] = True
        ok = np.ones(self.size, dtype=bool)
        everything = np.arange(self.size)
        for h in gens:
            ok &= inH[self.conjugate_by(everything, int(h))]
        return np.flatnonzero(ok)


@lru_cache(maxsize=None)
def _table(n: int) -> SymmetricTable:
    return SymmetricTable(n)


def _p_subgroup_start(T: SymmetricTable) -> List[Tuple[np.ndarray, Tuple[int, ...]]]:
    """The transitive subgroups of the Sylow p-subgroup P of S_n (one per P-class; several may be
    S_n-conjugate), as (sorted ranks, generator ranks)."""
    from ..groups import PermGroup
    from .catalogue import subgroup_classes
    P = PermGroup(sylow_generators(T.n), degree=T.n)
    out = []
    for c in subgroup_classes(P):          # the catalogue's own enumeration (order of P <= 128 here)
        H = PermGroup(c["generators"], degree=T.n)
        if not c["generators"] or not H.is_transitive():
            continue
        gens = tuple(int(x) for x in T.rank(np.array(c["generators"], dtype=np.int8)))
        out.append((T.closure(np.array([0]), gens), gens))
    return out


def _reduce_generators(T: SymmetricTable, H: np.ndarray, gens: Tuple[int, ...]) -> Tuple[int, ...]:
    """Drop generators that the others already generate (greedily, last first)."""
    gens = list(dict.fromkeys(g for g in gens if g != 0))
    i = len(gens) - 1
    while i >= 0 and len(gens) > 1:
        rest = gens[:i] + gens[i + 1:]
        K = T.closure(np.array([0]), rest, limit=len(H))
        if K is not None and len(K) == len(H):
            gens = rest
        i -= 1
    return tuple(gens)


@lru_cache(maxsize=None)
def _transitive_classes_cached(n: int) -> Tuple[Tuple[Tuple[Tuple[int, ...], ...], int, int], ...]:
    T = _table(n)
    if n == 1:
        return (((), 1, 1),)
    big = factorial(n - 1) if n >= 5 else None     # fact 3: beyond (n-1)! elements only A_n, S_n remain
    ppow = T.orders.copy()
    pp = np.array([prime_power(int(o)) is not None for o in ppow])     # elements of prime-power order
    seen: Dict[bytes, int] = {}
    classes: List[Tuple[np.ndarray, Tuple[int, ...]]] = []
    lengths: List[int] = []
    normalizers: List[np.ndarray] = []
    alt_sym: Dict[str, int] = {}

    def register(H: np.ndarray, gens: Tuple[int, ...]) -> None:
        key = H.astype(np.int32).tobytes()
        if key in seen:
            return
        idx = len(classes)
        N = T.normalizer(H, gens)
        covered = np.zeros(T.size, dtype=bool)
        length = 0
        for x in range(T.size):                      # one x per left coset x N(H): the conjugates x H x^-1
            if covered[x]:
                continue
            covered[T.products([x], N)[0]] = True
            seen[T.conjugate_set(x, H).astype(np.int32).tobytes()] = idx
            length += 1
        classes.append((H, gens))
        lengths.append(length)
        normalizers.append(N)

    def register_big(gens: Tuple[int, ...]) -> None:
        name = "S" if any(T.parity[g] for g in gens) else "A"
        if name in alt_sym:
            return
        if name == "S":
            H = np.arange(T.size)
        else:
            H = np.flatnonzero(T.parity == 0)
        alt_sym[name] = len(classes)
        register(H, gens)

    for H, gens in _p_subgroup_start(T):
        register(H, gens)
    i = 0
    while i < len(classes):
        H, gens = classes[i]
        if len(H) == T.size or (big is not None and len(H) > big):
            i += 1
            continue
        N = normalizers[i]
        done = np.zeros(T.size, dtype=bool)
        done[H] = True
        for g in np.flatnonzero(pp & ~done):
            if done[g]:
                continue
            # the coset gH and its N(H)-conjugates n g H n^-1 = (n g n^-1) H all give conjugate joins <H, g>
            conj = T.conjugate_by(N, int(g))
            for chunk in range(0, len(conj), max(1, 400000 // max(len(H), 1))):
                part = conj[chunk:chunk + max(1, 400000 // max(len(H), 1))]
                done[T.products(part, H).ravel()] = True
            new_gens = gens + (int(g),)
            K = T.closure(H, new_gens, limit=big)
            if K is None:
                register_big(new_gens)
            else:
                register(K, new_gens)
        i += 1
    out = []
    for (H, gens), length in zip(classes, lengths):
        g2 = _reduce_generators(T, H, gens)
        out.append((tuple(tuple(int(v) for v in T.perms[g]) for g in g2), len(H), length))
    out.sort(key=lambda t: (t[1], t[2], t[0]))
    return tuple(out)


def transitive_classes(n: int) -> List[dict]:
    """The transitive subgroups of S_n up to conjugacy for a prime power n <= 8 (or n = 1), by upward
    closure from the transitive subgroups of a Sylow p-subgroup (see the module docstring). Dicts
    ``{"generators", "order", "length"}`` (``length`` = number of conjugates in S_n), sorted by order.

    >>> [(c["order"], c["length"]) for c in transitive_classes(3)]
    [(3, 1), (6, 1)]
    """
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 8 or (n > 1 and prime_power(n) is None):
        raise InvalidSpecError(f"transitive_classes: degree must be 1 or a prime power <= 8, got {n!r}")
    return [{"generators": [list(g) for g in gens], "order": order, "length": length}
            for gens, order, length in _transitive_classes_cached(n)]
