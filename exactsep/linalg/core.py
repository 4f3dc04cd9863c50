"""Implementation of the exact kernel (see :mod:`exactsep.linalg`).

Paths (``A`` = the row-scaled integer matrix, see :mod:`._convert`):

* small or very sparse matrices go straight to FLINT over Z (``fmpz_mat.rank`` / ``.rref``), which
  is exact and fast there;
* ``rank`` otherwise reduces ``A`` modulo random 64-bit primes (``nmod_mat``): each rank mod p is a
  certified lower bound, and enough independent primes make the value correct with a stated
  probability (:mod:`._primes`); ``proof=True`` turns it into a proof, by 62-bit primes whose
  product exceeds a Hadamard bound of the minors bordering an invertible pivot block, ended early
  by an exactly verified kernel certificate (right or left kernel) when one reconstructs;
* independent eliminations modulo different primes run in two processes (:mod:`._parallel`);
* ``rref`` / ``nullspace`` on large dense matrices try a multimodular rref (rref mod p, rational
  reconstruction, exact verification) before falling back to ``fmpz_mat.rref``.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, isqrt, lcm, prod
from typing import Any, Callable, List, Optional, Sequence, Tuple

import flint

from ..errors import InvalidInputError, ShapeError
from ..numbers import exact, exact_vector, normalize, primitive_integer_vector, Rational
from ._convert import IntMatrix, to_int_matrix, fmpz_mat_from_rows
from . import _primes
from ._parallel import parallel_map, ranks_mod_primes

DEFAULT_ERROR_BOUND = Fraction(1, 2 ** 100)

# matrices with at most this many entries go straight to FLINT over Z
_DIRECT_ENTRIES = 2500
# rref / nullspace: at most this many entries use fmpz_mat.rref directly
_RREF_DIRECT_ENTRIES = 40000
# bit size of the primes of deterministic multimodular work (see _primes.random_prime)
_PROOF_PRIME_BITS = 62


def _as_rows(M: Any, what: str = "matrix") -> List[List[Rational]]:
    """Exact rows of ``M`` (ints / Fractions); kept for callers of the first version."""
    return to_int_matrix(M, what).to_rational_rows()


def _fmpq_to_py(q) -> Rational:
    return normalize(Fraction(int(q.p), int(q.q)))


def _check_nonneg_int(x: Any, what: str) -> int:
    if isinstance(x, bool) or not isinstance(exact(x, what=what), int) or exact(x) < 0:
        raise InvalidInputError(f"{what} must be a nonnegative integer, got {x!r}")
    return int(exact(x))


def _check_error_bound(e: Any) -> Fraction:
    q = Fraction(exact(e, what="error_bound"))
    if not (0 < q <= 1):
        raise InvalidInputError(f"error_bound must satisfy 0 < error_bound <= 1, got {e!r} "
                                f"(for certainty use proof=True)")
    return q


def _uses_direct_path(A: IntMatrix, limit: int) -> bool:
    """Small matrices, and very sparse 0/+-1 ones (equivariance / incidence constraints, at most two
    nonzeros per row or per column on average), go straight to ``fmpz_mat``."""
    if A.m * A.n <= limit:
        return True
    nnz = A.nonzero_count()
    if nnz <= 2 * min(A.m, A.n) or (nnz <= 2 * max(A.m, A.n) and max(map(abs, A.flat)) <= 1):
        return True
    return False


# ----------------------------------------------------------------------------- rank
@dataclass(frozen=True)
class RankResult:
    """A rank together with how it was established.

    ``lower_bound <= rank over Q <= upper_bound`` hold with certainty (``upper_bound`` is
    ``min(rows, cols)`` or the caller's ``upper_bound=``); ``value`` is the rank reported;
    ``proven`` is True exactly when ``lower_bound == upper_bound == value``. When not proven,
    ``error_probability`` bounds the probability (over the random primes) that ``value`` is wrong;
    it is 0 when proven. ``method`` names the path taken, ``primes`` lists the moduli used and
    ``seed`` the seed of the prime generator (None when none was given).

    >>> r = rank([[1, 2], [2, 4]])
    >>> r.value, r.proven, int(r)
    (1, True, 1)
    >>> r.to_json()["error_probability"]
    '0'
    """

    value: int
    lower_bound: int
    upper_bound: int
    proven: bool
    method: str
    error_probability: Fraction = Fraction(0)
    primes: Tuple[int, ...] = ()
    seed: Optional[int] = None

    def __int__(self) -> int:
        return self.value

    __index__ = __int__

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, RankResult):
            return (self.value, self.proven) == (other.value, other.proven)
        if isinstance(other, int) and not isinstance(other, bool):
            return self.value == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.value)

    def to_json(self) -> dict:
        return {"rank": self.value, "lower_bound": self.lower_bound, "upper_bound": self.upper_bound,
                "proven": self.proven, "method": self.method,
                "error_probability": str(self.error_probability), "primes": list(self.primes),
                "seed": self.seed}


def _proven(r: int, method: str, primes=(), seed=None) -> RankResult:
    return RankResult(r, r, r, True, method, Fraction(0), tuple(primes), seed)


def _check_against_upper(r: int, ub: Optional[int]) -> None:
    if ub is not None and r > ub:
        raise InvalidInputError(f"upper_bound={ub} is below the certified lower bound {r} on the rank")


_CHEAP_PRIME_BITS = 30


def rank(M: Any, *, proof: bool = False, upper_bound: Optional[int] = None,
         error_bound: Any = DEFAULT_ERROR_BOUND, seed: Optional[int] = None,
         progress: Optional[Callable[[int, int], None]] = None) -> RankResult:
    """Rank of a rational matrix over Q, with a statement of what was proven.

    * Small and very sparse matrices: exact rank over Z with FLINT (``proven``).
    * Otherwise (default): rank modulo ``k`` independent uniform random primes in ``[2**63, 2**64)``.
      Each is a certified lower bound; ``value`` is their maximum. A prime is unlucky only if it
      divides a nonzero ``R x R`` minor; Hadamard's bound limits how many 64-bit primes can, so
      ``k`` is chosen with ``error_probability <= error_bound`` (default ``2**-100``). The result is
      ``proven`` anyway when the lower bound reaches ``min(rows, cols)`` or ``upper_bound``, or when
      the product of the primes exceeds the Hadamard bound of the ``(r+1) x (r+1)`` minors.
    * ``upper_bound=u``: a bound the caller knows (e.g. a dimension count); reaching it proves the
      rank at no extra cost. A lower bound above ``u`` raises :class:`InvalidInputError`.
    * ``proof=True``: deterministic. Two certificates run together (see :func:`_prove_rank`): 62-bit
      primes are added until every ``(r+1)``-minor bordering the invertible pivot block found mod p
      is divisible by a product of primes larger than its Hadamard bound, hence zero (if
      ``rank > r`` one of those minors would be nonzero); this always terminates, after about
      ``log2(Hadamard bound) / 61`` eliminations mod p. The first few of those primes also probe a
      kernel certificate on both sides (rref of ``A`` and of ``A^T`` by rational reconstruction,
      checked exactly: ``C K = 0`` over Z with ``K`` of full column rank), which ends the work early
      when a kernel has small entries.

    ``seed`` makes the choice of primes reproducible; ``progress(done, total)`` is called in the
    long loop of ``proof=True``.

    >>> rank([[1, 2, 3], [2, 4, 6], [1, 0, 1]]).value
    2
    >>> g = random.Random(0)
    >>> B = [[g.randint(-9, 9) for _ in range(80)] for _ in range(40)]
    >>> big = B + [[x + y for x, y in zip(B[i], B[i + 1])] for i in range(39)]   # rank 40
    >>> r = rank(big, seed=1)
    >>> r.value, r.proven, r.error_probability <= Fraction(1, 2**100)
    (40, False, True)
    >>> rank(big, upper_bound=40).proven, rank(big, proof=True).proven
    (True, True)
    """
    A = to_int_matrix(M)
    m, n = A.m, A.n
    eb = _check_error_bound(error_bound)
    ub = None if upper_bound is None else _check_nonneg_int(upper_bound, "upper_bound")
    cap = min(m, n) if ub is None else min(m, n, ub)
    if m == 0 or n == 0 or A.nonzero_count() == 0:
        return _proven(0, "zero matrix")
    if _uses_direct_path(A, _DIRECT_ENTRIES):
        r = A.fmpz().rank()
        _check_against_upper(r, ub)
        return _proven(r, "fmpz_mat.rank (exact over Z)")
    rng = random.Random(seed)
    F = A.fmpz()
    if ub is not None and not proof and ub < min(m, n):
        # The caller expects to reach a known bound: any prime gives a certified lower bound, and a
        # small one is cheaper (about half the time of a full-word prime); reaching u proves the rank.
        q = _primes.random_prime(rng, _CHEAP_PRIME_BITS)
        rq = ranks_mod_primes(F, [q])[0]
        _check_against_upper(rq, ub)
        if rq == cap:
            return _proven(rq, _reached(rq, m, n, ub), [q], seed)
    p = _primes.random_prime(rng, _PROOF_PRIME_BITS if proof else 64)
    primes = [p]
    if proof:                # rref of A and of A^T mod p, one per core: pivots and certificate probes
        sides = _proof_sides(F, m, n)
        first = parallel_map(lambda side: _rref_probe(side[1], side[2], p), sides, work=m * n)
        r = first[0][0]
        _check_against_upper(r, ub)
        if r == cap:
            return _proven(r, _reached(r, m, n, ub), primes, seed)
        return _prove_rank(A, sides, r, primes, rng, cap, ub, seed, progress, first)
    # Two primes are needed whenever the first does not reach the cap; computing both at once
    # costs one elimination of wall time on two cores (and only CPU when the first one suffices).
    p2 = _primes.random_prime(rng)
    r, r2 = ranks_mod_primes(F, [p, p2])
    _check_against_upper(r, ub)
    if r == cap:
        return _proven(r, _reached(r, m, n, ub), primes, seed)
    bad = _primes.bad_prime_count(A.row_sqnorms(), cap)
    k = _primes.primes_needed(bad, eb)
    k = max(k, 2)            # the second prime was computed together with the first anyway
    more = [p2] + [_primes.random_prime(rng) for _ in range(k - 2)]
    ranks = [r2] + ranks_mod_primes(F, more[1:])
    for p, rp in zip(more, ranks):
        primes.append(p)
        if rp > r:
            r = rp
            _check_against_upper(r, ub)
            if r == cap:
                return _proven(r, _reached(r, m, n, ub), primes, seed)
    if _prime_product_proves(A, r, primes):
        return _proven(r, "rank mod primes whose product exceeds the Hadamard bound", primes, seed)
    return RankResult(r, r, cap, False, f"rank modulo {len(primes)} random 64-bit primes (Monte Carlo)",
                      _primes.error_probability(bad, k), tuple(primes), seed)


def _reached(r: int, m: int, n: int, ub: Optional[int]) -> str:
    if r == min(m, n):
        return "rank mod p reached min(rows, cols)"
    return f"rank mod p reached the given upper_bound={ub}"


def _hadamard_sq(A: IntMatrix, k: int, both: bool = True) -> int:
    h = _primes.hadamard_square(A.row_sqnorms(), k)
    if both:
        h = min(h, _primes.hadamard_square(A.col_sqnorms(), k))
    return h


def _bordered_hadamard_sq(A: IntMatrix, I: Sequence[int], J: Sequence[int]) -> int:
    """Square of a Hadamard bound for every (r+1)-minor A[I + {i}, J + {j}] bordering the r x r
    submatrix A[I, J]: the row of k restricted to J + {j} has squared norm at most
    sum_{l in J} A[k,l]^2 + max_{l not in J} A[k,l]^2. Rows and columns both tried; the min is kept."""
    def bound(t: List[int], I: Sequence[int]) -> int:
        """product of t[k] over the pivot rows k in I, times the largest t[i] of another row"""
        Iset = set(I)
        out = 1
        for k in I:
            if t[k]:
                out *= t[k]
        return out * max((t[i] for i in range(len(t)) if i not in Iset), default=0)

    def side(rows: List[List[int]], I: Sequence[int], J: Sequence[int]) -> int:
        Jset = set(J)
        others = [j for j in range(len(rows[0])) if j not in Jset]
        t = [sum(row[j] * row[j] for j in J) + max((row[j] * row[j] for j in others), default=0)
             for row in rows]
        return bound(t, I)

    arr = A._small_numpy()
    if arr is not None:
        import numpy as np

        def side_np(X, I, J) -> int:
            sq = X * X
            sJ = sq[:, list(J)].sum(axis=1)
            mask = np.ones(X.shape[1], dtype=bool)
            mask[list(J)] = False
            mu = sq[:, mask].max(axis=1) if mask.any() else np.zeros(X.shape[0], dtype=np.int64)
            return bound((sJ + mu).tolist(), I)

        return min(side_np(arr, I, J), side_np(arr.T, J, I))
    rows = A.rows()
    cols = [list(c) for c in zip(*rows)]
    return min(side(rows, I, J), side(cols, J, I))


def _prime_product_proves(A: IntMatrix, r: int, primes: Sequence[int], both: bool = False) -> bool:
    """Every prime gave rank <= r; if their product exceeds the Hadamard bound of all
    (r+1)-minors, each such minor is divisible by a larger number than its size, hence 0."""
    P = prod(set(primes))
    return P * P > _hadamard_sq(A, r + 1, both)


#: kernel certificates are tried (see :func:`_prove_rank`); tests switch this off to exercise the
#: Hadamard-bound path alone
_TRY_CERTIFICATE = True
#: entries of the first rref row whose reconstruction is probed before a certificate is attempted
_PROBE_COLUMNS = 8


def _proof_sides(F, m: int, n: int):
    """``[(name, C, ncols)]``: the side with the smaller kernel first. rref(A) gives the pivot
    columns J and the right kernel; rref(A^T) the pivot rows I and the left kernel."""
    sides = [("cols", F, n), ("rows", F.transpose(), m)]
    return sides if n <= m else sides[::-1]


def _rref_probe(C, ncols: int, p: int) -> list:
    """``[rank, pivots, probe residues]`` of the rref of ``C`` mod ``p`` (JSON data for a worker)."""
    R, rk = flint.nmod_mat(C, p).rref()
    piv = _pivots(R, rk)
    return [rk, list(piv), [int(R[0, j]) for j in _probe_columns(piv, ncols)]]


def _prove_rank(A: IntMatrix, proof_sides, r: int, primes: List[int], rng: random.Random, cap: int,
                ub: Optional[int], seed, progress, first) -> RankResult:
    """Deterministic proof that rank A <= r (``r`` = rank mod ``primes[0]``, a certified lower bound;
    ``proof_sides`` = :func:`_proof_sides`, ``first`` = :func:`_rref_probe` of each side modulo that
    prime).

    Two certificates, run together so that no elimination is wasted:

    * *kernel certificate* (early termination): the rref of ``A`` (right kernel) or of ``A^T``
      (left kernel) is reconstructed from its residues modulo several primes, and the kernel basis
      it gives is checked exactly, ``C K = 0`` over Z. It wins when a kernel has small entries.
    * *Hadamard bound*: every prime with ``rank(A mod p) <= r`` divides every ``(r+1)``-minor, in
      particular those bordering the pivot block ``A[I, J]`` found mod ``primes[0]`` (invertible:
      its determinant is nonzero mod that prime). Once the product of such primes exceeds the
      Hadamard bound of those minors, they are all 0, so the Schur complement of ``A[I, J]``
      vanishes and ``rank A = r``. Always terminates, after about ``log2(bound) / 61`` primes.

    The primes of the Hadamard count are eliminated in batches spread over the cores; the first
    few of them (a small share of the count) compute an rref instead of a rank and report a probe
    of the first rref row, so the kernel certificate is attempted, on the side whose probe
    reconstructs, as soon as it can succeed.
    """
    m, n = A.m, A.n
    sides = {name: (C, ncols) for name, C, ncols in proof_sides}
    F = sides["cols"][0]
    order = [name for name, _, _ in proof_sides]
    p0 = primes[0]
    pivots: dict = {}
    live: dict = {}                     # side -> (pivots, [(prime, probe residues)])

    def attempt(name: str) -> Optional[bool]:
        """The kernel certificate of one side from its primes so far: None when the probe does not
        reconstruct yet (not tried), else whether the certificate was verified."""
        piv, res = live[name]
        if not _probe_passes(res):
            return None
        C, ncols = sides[name]
        ps = [p for p, _ in res]
        rows = parallel_map(lambda p: _extract_rref(flint.nmod_mat(C, p).rref()[0], r, ncols)[1],
                            ps, work=m * n)
        return _certify_side(C, ncols, list(zip(ps, rows)), piv)

    for name, (rk, piv, vals) in zip(order, first):
        if rk != r:                     # rank of the transpose mod the same prime: cannot differ
            raise AssertionError("rank of A and A^T differ modulo the same prime")
        pivots[name] = tuple(piv)
        if not _TRY_CERTIFICATE or sides[name][1] == r:
            continue
        live[name] = (tuple(piv), [(p0, vals)])
        if attempt(name):
            return _proven(r, "rank mod p + verified kernel certificate (A K = 0 over Z)", primes, seed)

    h2 = min(_hadamard_sq(A, r + 1), _bordered_hadamard_sq(A, pivots["rows"], pivots["cols"]))
    step_bits = 2 * (_PROOF_PRIME_BITS - 1)

    def still_needed(product: int) -> int:
        return max(1, -(-(h2.bit_length() - 2 * product.bit_length()) // step_bits))

    shown = [0]

    def show(done: int, total: int) -> None:       # progress, never going backwards
        if progress is not None and done > shown[0]:
            shown[0] = done
            progress(done, total)

    product = prod(set(primes))
    total = len(primes) + still_needed(product)
    # primes that also probe a kernel certificate: a small share of the count, at least two per side
    window = min(16, max(2 * len(live), still_needed(product) // 12))
    turn = 0
    while product * product <= h2:
        batch: List[int] = []
        # small batches (one prime per core) while probing, so that a certificate is not delayed;
        # then every prime still needed in one batch (one fork, the cores never wait for each other)
        while len(batch) < min(still_needed(product), 2 if window > 0 else 4096):
            p = _primes.random_prime(rng, _PROOF_PRIME_BITS)
            if product % p != 0 and p not in batch:
                batch.append(p)
        names = sorted(live, key=order.index)
        job_side = {}
        for p in batch:
            if window > 0 and names:
                job_side[p] = names[turn % len(names)]
                turn += 1
                window -= 1

        def job(p, job_side=job_side):
            if p not in job_side:
                return flint.nmod_mat(F, p).rank()
            return _rref_probe(*sides[job_side[p]], p)

        def report(done, shares, base=len(primes), total=total):
            show(min(base + shares * done, total - 1), total)

        grown = set()
        for p, out in zip(batch, parallel_map(job, batch, work=m * n, on_item=report)):
            rk = out[0] if isinstance(out, list) else out
            primes.append(p)
            if rk > r:                  # primes[0] was unlucky: a larger certified lower bound
                r = rk
                _check_against_upper(r, ub)
                if r == cap:
                    return _proven(r, _reached(r, m, n, ub), primes, seed)
                live.clear()            # (the primes so far still count: rank mod p <= r)
                h2 = _hadamard_sq(A, r + 1)
                total = len(primes) + still_needed(product)
            elif isinstance(out, list) and job_side.get(p) in live:
                piv, res = live[job_side[p]]
                if tuple(out[1]) == piv:
                    res.append((p, out[2]))
                    grown.add(job_side[p])
            product *= p
            show(min(len(primes), total), total)
        for name in sorted(grown, key=order.index):
            verified = attempt(name)
            if verified:
                return _proven(r, "rank mod p + verified kernel certificate (A K = 0 over Z)", primes, seed)
            if verified is False:
                del live[name]          # reconstructed but wrong: more primes needed; stop trying
    show(total, total)                  # (the count is an estimate: primes carry 61-62 bits each)
    return _proven(r, "rank mod primes whose product exceeds the Hadamard bound", primes, seed)


# ----------------------------------------------------------------------------- multimodular rref
def _extract_rref(R, rk: int, ncols: int):
    """Pivots and residue rows of an ``nmod_mat`` rref, reading only the entries that can be
    nonzero (non-pivot columns right of each pivot): much cheaper than ``entries()``."""
    piv = list(_pivots(R, rk))
    pivset = set(piv)
    free = [j for j in range(ncols) if j not in pivset]
    rows = []
    for i in range(rk):
        row = [0] * ncols
        row[piv[i]] = 1
        pc = piv[i]
        for j in free:
            if j > pc:
                x = int(R[i, j])
                if x:
                    row[j] = x
        rows.append(row)
    return tuple(piv), rows


def _crt_rows(a_rows, M: int, b_rows, p: int):
    """Combine residues mod M and mod p into residues mod M*p."""
    inv = pow(M, -1, p)
    out = []
    for ra, rb in zip(a_rows, b_rows):
        out.append([x + M * (((y - x) * inv) % p) for x, y in zip(ra, rb)])
    return out


def _ratrecon(a: int, M: int, bound: int):
    """n/d = a mod M with |n| <= bound, 0 < d <= bound, or None (extended Euclid)."""
    r0, r1 = M, a % M
    t0, t1 = 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        t0, t1 = t1, t0 - q * t1
    if t1 == 0 or abs(t1) > bound:
        return None
    if t1 < 0:
        r1, t1 = -r1, -t1
    if gcd(r1, t1) != 1:
        return None
    return r1, t1


def _reconstruct(rows, pivots, M: int):
    """Rational reconstruction of an rref known mod M, with a running common denominator.

    Returns ``(D, N)``, integer rows with ``rref = N / D`` (so ``N[i][pivots[k]] = D * delta_ik``),
    or None when some entry does not reconstruct within ``|num|, den <= sqrt(M/2)``.
    """
    bound = isqrt(M // 2)
    half = M // 2
    D = 1
    found = []                      # (i, j, numerator, denominator of the entry)
    pivset = set(pivots)
    for i, row in enumerate(rows):
        for j in range(pivots[i] + 1, len(row)):
            x = row[j]
            if x == 0 or j in pivset:
                continue
            y = x * D % M
            if y > half:
                y -= M
            if -bound <= y <= bound:
                found.append((i, j, y, D))
                continue
            rr = _ratrecon(y, M, bound)
            if rr is None:
                return None
            a, b = rr
            found.append((i, j, a, D * b))
            D *= b
            if D > bound:
                return None
    N = [[0] * len(row) for row in rows]
    for i, pc in enumerate(pivots):
        N[i][pc] = D
    for i, j, a, d in found:
        N[i][j] = a * (D // d)
    return D, N


def multimodular_rref(A: IntMatrix, F, rng: random.Random, max_primes: int = 4):
    """rref of A by reduction mod primes, rational reconstruction and exact verification.

    Returns ``(D, N, pivots)`` with rref = N / D, or None when ``max_primes`` primes did not give a
    verified answer, or when a first look shows entries far too large for that (the caller then
    falls back to FLINT over Z).
    """
    n = A.n
    best = None               # (rank, pivots, residue rows, modulus)
    for used in range(max_primes):
        p = _primes.random_prime(rng, _PROOF_PRIME_BITS)
        Rp, rk = flint.nmod_mat(F, p).rref()
        if used == 0 and n >= 400 and _probe_fails(Rp, rk, n, p):
            return None          # wide rref with entries beyond one prime: multimodular will not pay
        piv, rows = _extract_rref(Rp, rk, n)
        if best is None or rk > best[0] or (rk == best[0] and piv < best[1]):
            best = (rk, piv, rows, p)       # smaller pivots / larger rank: the others were unlucky
        elif rk == best[0] and piv == best[1]:
            best = (rk, piv, _crt_rows(best[2], best[3], rows, p), best[3] * p)
        else:
            continue
        rk, piv, rows, M = best
        if rk == 0:
            continue             # A is nonzero (checked by the caller): every entry divisible by p
        rec = _reconstruct(rows, piv, M)
        if rec is None:
            continue
        D, N = rec
        if _verify_rref(A, F, D, N, piv):
            return D, N, piv
    return None


def _verify_rref(A: IntMatrix, F, D: int, N: List[List[int]], piv: Tuple[int, ...]) -> bool:
    """N / D is the rref of A iff D * A == A[:, piv] * N (row space of A inside that of N, whose
    dimension len(piv) is a certified lower bound on rank A) -- N is in rref shape by construction."""
    m, n = A.m, A.n
    f = A.flat
    cols = [[f[i * n + j] for j in piv] for i in range(m)]
    left = fmpz_mat_from_rows(cols, len(piv)) * fmpz_mat_from_rows(N, n)
    return left == F * D


def _probe_fails(R, rk: int, ncols: int, M: int, probes: int = 8) -> bool:
    """Cheap look at the first rref row mod M: True when one of its first non-pivot entries
    already fails to reconstruct (the kernel then has large entries; skip the full extraction).
    A heuristic that only decides which path to try, never what is proven."""
    if rk == 0:
        return False
    j0 = next((j for j in range(ncols) if int(R[0, j])), None)
    if j0 is None:
        return False
    bound = isqrt(M // 2)
    seen = 0
    for j in range(j0 + 1, ncols):
        x = int(R[0, j])
        if x == 0:
            continue
        # with a single row, pivot columns of later rows are not known: a failure here is still a
        # failure of the whole reconstruction only if j is a non-pivot column; entries of row 0 in
        # later pivot columns are 0 in an rref, so a nonzero x is a non-pivot entry
        if _ratrecon(x, M, bound) is None:
            return True
        seen += 1
        if seen >= probes:
            break
    return False


def _pivots(R, rk: int) -> Tuple[int, ...]:
    piv: List[int] = []
    j = 0
    for i in range(rk):
        while not int(R[i, j]):
            j += 1
        piv.append(j)
        j += 1
    return tuple(piv)


def _probe_columns(piv: Sequence[int], ncols: int) -> List[int]:
    """The first few non-pivot columns right of the first pivot (entries of rref row 0 that can
    be nonzero); they depend only on the pivots, so residues mod primes with equal pivots align."""
    if not piv:
        return []
    pivset = set(piv)
    out: List[int] = []
    for j in range(piv[0] + 1, ncols):
        if j not in pivset:
            out.append(j)
            if len(out) == _PROBE_COLUMNS:
                break
    return out


def _probe_passes(res: Sequence[Tuple[int, Sequence[int]]]) -> bool:
    """Do the probe entries, known modulo each prime of ``res``, reconstruct as rationals modulo
    the product? A heuristic that only decides whether to attempt a certificate, never what is
    proven (the certificate is checked exactly)."""
    rows, M = _crt_fold([(p, [vals]) for p, vals in res])
    bound = isqrt(M // 2)
    return all(_ratrecon(a, M, bound) is not None for a in rows[0])


def _crt_fold(residues):
    """Combine ``[(p, rows mod p)]`` into ``(rows mod M, M)``, ``M`` the product of the primes."""
    rows, M = None, 1
    for p, rp in residues:
        rows = rp if rows is None else _crt_rows(rows, M, rp, p)
        M *= p
    return rows, M


def _kernel_vectors(D: int, N: List[List[int]], piv: Sequence[int], ncols: int) -> List[List[int]]:
    """The kernel basis read off an rref ``N / D``: for each free column ``f`` (increasing), the
    vector with ``D`` at ``f``, 0 at the other free columns and ``-N[i][f]`` at pivot ``piv[i]``."""
    pivset = set(piv)
    basis = []
    for f in range(ncols):
        if f in pivset:
            continue
        v = [0] * ncols
        v[f] = D
        for i, pc in enumerate(piv):
            v[pc] = -N[i][f]
        basis.append(v)
    return basis


def _certify_side(C, ncols: int, residues, piv: Tuple[int, ...]) -> bool:
    """Reconstruct the rref of C from its residue rows ``[(p, rows mod p)]``, build the kernel basis
    K it gives and check C K = 0 exactly over Z (K has D times an identity block on the free rows:
    full column rank, so rank C <= ncols - (ncols - len(piv)) = len(piv))."""
    rows, M = _crt_fold(residues)
    rec = _reconstruct(rows, piv, M)
    if rec is None:
        return False
    K = flint.fmpz_mat(_kernel_vectors(*rec, piv, ncols)).transpose()
    return (C * K).is_zero()


# ----------------------------------------------------------------------------- rank mod p
def rank_mod_p(M: Any, p: int) -> int:
    """Rank of the matrix reduced modulo the prime ``p`` (a certified lower bound on the rank over Q).

    Entries may be rationals whose denominators ``p`` does not divide.

    >>> rank_mod_p([[1, 2], [3, 4]], 2), rank_mod_p([[1, 2], [3, 4]], 5)
    (1, 2)
    """
    p = _check_nonneg_int(p, "p")
    if p < 2 or not flint.fmpz(p).is_prime():
        raise InvalidInputError(f"p = {p} is not a prime")
    A = to_int_matrix(M)
    if A.row_den is not None:
        for i, d in enumerate(A.row_den):
            if d % p == 0:
                raise InvalidInputError(f"row {i} has a denominator divisible by p = {p}")
    if A.m == 0 or A.n == 0:
        return 0
    if p < (1 << 64):
        return flint.nmod_mat(A.fmpz(), p).rank()
    ctx = flint.fmpz_mod_ctx(p)
    return flint.fmpz_mod_mat(A.fmpz(), ctx).rank()


# ----------------------------------------------------------------------------- rref & co
def _rref_int(A: IntMatrix, seed: Optional[int] = None) -> Tuple[int, List[List[int]], Tuple[int, ...]]:
    """(D, N, pivots) with rref(A) = N / D; multimodular for large dense input, else FLINT over Z."""
    m, n = A.m, A.n
    if m == 0 or n == 0 or A.nonzero_count() == 0:
        return 1, [], ()
    F = A.fmpz()
    if not _uses_direct_path(A, _RREF_DIRECT_ENTRIES):
        res = multimodular_rref(A, F, random.Random(seed))
        if res is not None:
            return res
    R, den, r = F.rref()
    D = int(den)
    sign = -1 if D < 0 else 1
    D *= sign
    ent = R.entries()
    N, piv = [], []
    for i in range(r):
        row = [sign * int(x) for x in ent[i * n:(i + 1) * n]]
        piv.append(next(j for j, x in enumerate(row) if x))
        N.append(row)
    return D, N, tuple(piv)


def rref(M: Any) -> Tuple[List[List[Rational]], Tuple[int, ...]]:
    """Reduced row echelon form over Q: ``(nonzero rows of the rref, pivot columns)``.

    >>> rref([[2, 4, 2], [1, 2, 3]])
    ([[1, 2, 0], [0, 0, 1]], (0, 2))
    >>> rref([["1/2", 1], [1, 2]])
    ([[1, 2]], (0,))
    """
    A = to_int_matrix(M)
    D, N, piv = _rref_int(A)
    return [[_q(x, D) for x in row] for row in N], piv


def _q(x: int, D: int) -> Rational:
    if D == 1:
        return x
    return normalize(Fraction(x, D))


def nullspace(M: Any, ncols: Optional[int] = None) -> List[List[int]]:
    """A basis of the right kernel ``{v : M v = 0}`` over Q, as primitive integer vectors.

    The basis is the one read off the rref: one vector per free (non-pivot) column ``f``, in
    increasing order of ``f``; the vector has a positive entry at ``f``, zeros at the other free
    columns, and is scaled to coprime integers. ``ncols`` gives the column count of an empty
    matrix.

    >>> nullspace([[1, 1, 1]])
    [[-1, 1, 0], [-1, 0, 1]]
    >>> nullspace([[2, 4, 2], [1, 2, 3]])
    [[-2, 1, 0]]
    >>> nullspace([], ncols=2)
    [[1, 0], [0, 1]]
    """
    A = to_int_matrix(M, ncols=ncols)
    D, N, piv = _rref_int(A)
    return [primitive_integer_vector(v) for v in _kernel_vectors(D, N, piv, A.n)]


def left_nullspace(M: Any) -> List[List[int]]:
    """A basis of ``{y : y^T M = 0}``, as primitive integer vectors (see :func:`nullspace`).

    >>> left_nullspace([[1, 2], [2, 4]])
    [[-2, 1]]
    """
    A = to_int_matrix(M)
    if A.row_den is None:
        return nullspace(A.transpose(), ncols=A.m)
    rows = A.to_rational_rows()
    cols = [[rows[i][j] for i in range(A.m)] for j in range(A.n)]
    return nullspace(cols, ncols=A.m)


def row_space_basis(M: Any) -> List[List[Rational]]:
    """The nonzero rows of the rref: a canonical basis of the row space.

    >>> row_space_basis([[1, 1], [2, 2]])
    [[1, 1]]
    """
    return rref(M)[0]


def in_row_space(M: Any, v: Any) -> bool:
    """Whether the vector ``v`` lies in the row space of ``M`` (exactly).

    >>> in_row_space([[1, 0, 1], [0, 1, 1]], [2, 3, 5]), in_row_space([[1, 0, 1]], [0, 0, 1])
    (True, False)
    """
    A = to_int_matrix(M)
    vv = exact_vector(v)
    if A.m and A.n != len(vv):
        raise ShapeError(f"vector has length {len(vv)}, matrix has {A.n} columns")
    D, N, piv = _rref_int(A)
    # v - sum_i v[piv_i] * rref_i must vanish; work with D * v to stay in integers where possible
    w = [Fraction(x) * D for x in vv]
    for i, pc in enumerate(piv):
        c = w[pc] / D
        if c:
            row = N[i]
            for j in range(len(w)):
                if row[j]:
                    w[j] -= c * row[j]
    return all(x == 0 for x in w)


def solve(A: Any, b: Any) -> List[Rational]:
    """One solution ``x`` of ``A x = b`` over Q (``A`` any shape); raises InvalidInputError "no
    solution" if the system is inconsistent.

    The solution returned is the one with zeros at the free (non-pivot) columns of ``A``; for a
    square invertible ``A`` it is the unique solution.

    >>> solve([[2, 0], [0, 4]], [1, 1])
    [Fraction(1, 2), Fraction(1, 4)]
    >>> solve([[1, 1]], [3])
    [3, 0]
    """
    M = to_int_matrix(A)
    m, n = M.m, M.n
    bb = exact_vector(b, what="right-hand side")
    if len(bb) != m:
        raise ShapeError(f"right-hand side has length {len(bb)}, the matrix has {m} rows")
    if M.row_den is None and all(type(x) is int for x in bb):
        f = M.flat
        flat = []
        for i in range(m):
            flat.extend(f[i * n:(i + 1) * n])
            flat.append(bb[i])
        aug = IntMatrix(m, n + 1, flat)
    else:
        rows = M.to_rational_rows()
        aug = to_int_matrix([list(r) + [bb[i]] for i, r in enumerate(rows)], ncols=n + 1)
    D, N, piv = _rref_int(aug)
    if piv and piv[-1] == n:
        raise InvalidInputError("the linear system A x = b has no solution")
    x: List[Rational] = [0] * n
    for i, pc in enumerate(piv):
        x[pc] = _q(N[i][n], D)
    return x


def det(M: Any) -> Rational:
    """Determinant of a square rational matrix (FLINT's multimodular integer determinant of the
    row-scaled integer matrix, divided by the row scales).

    >>> det([["1/2", 0], [0, 4]]), det([[1, 2], [3, 4]]), det([])
    (2, -2, 1)
    """
    A = to_int_matrix(M)
    m, n = A.m, A.n
    if m != n:
        raise ShapeError(f"determinant needs a square matrix, got {m} x {n}")
    if m == 0:
        return 1
    d = int(A.fmpz().det())
    if A.row_den is None:
        return d
    return normalize(Fraction(d, prod(A.row_den)))


def matmul(A: Any, B: Any) -> List[List[Rational]]:
    """Exact matrix product.

    >>> matmul([[1, "1/2"]], [[2], [2]])
    [[3]]
    """
    a, b = to_int_matrix(A), to_int_matrix(B, "second matrix")
    (m, k), (k2, n) = (a.m, a.n), (b.m, b.n)
    if k != k2:
        raise ShapeError(f"cannot multiply {m} x {k} by {k2} x {n}")
    if m == 0 or n == 0:
        return [[] for _ in range(m)] if n == 0 else []
    if k == 0:
        return [[0] * n for _ in range(m)]
    # A = diag(1/da) Ai, B = diag(1/db) Bi: A B = diag(1/da) (Ai diag(L/db)) Bi / L
    db = b.row_den or [1] * k
    L = lcm(*db)
    Ai = a.fmpz()
    if L != 1:
        scale = [L // x for x in db]
        f = a.flat
        Ai = flint.fmpz_mat(m, k, [f[i * k + j] * scale[j] for i in range(m) for j in range(k)])
    P = (Ai * b.fmpz()).entries()
    da = a.row_den or [1] * m
    out = []
    for i in range(m):
        den = da[i] * L
        out.append([_q(int(x), den) for x in P[i * n:(i + 1) * n]])
    return out
