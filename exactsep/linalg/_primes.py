"""Random word-size primes and the counting bounds behind the Monte-Carlo rank.

The kernel draws primes uniformly from the 64-bit primes ``2**63 <= p < 2**64`` (the largest
moduli ``flint.nmod_mat`` accepts): an odd number is drawn uniformly from the range and kept when
it is prime (FLINT's ``fmpz.is_prime`` is deterministic below ``2**64``), so every prime of the
range is equally likely.

*How many such primes are there?*  Rosser and Schoenfeld (1962, Illinois J. Math. 6, Cor. 1)
give ``x / ln x < pi(x)`` for ``x >= 17`` and ``pi(x) < 1.25506 x / ln x`` for ``x > 1``, hence
``pi(2**64) - pi(2**63) > 2**63 (2/(64 ln 2) - 1.25506/(63 ln 2)) > 2**63 / 61.2 > 2**57``.
:data:`NUM_PRIMES_LOWER` is that certified count ``2**57`` (the true count is about ``2**57.5``).

*How many of them can be unlucky?*  A prime ``p`` makes ``rank(A mod p) < rank(A)`` only if it
divides every nonzero ``R x R`` minor (``R`` = the rank over Q), in particular one fixed nonzero
minor ``D``. Distinct primes ``>= 2**63`` dividing ``D`` number at most ``log2|D| / 63``, and
Hadamard's inequality bounds ``|D|`` by the product of the Euclidean norms of the rows (or of the
columns) of the minor, hence by the product of the ``R`` largest row norms of ``A``.

>>> p = random_prime(__import__("random").Random(1))
>>> 2**63 <= p < 2**64 and bool(__import__("flint").fmpz(p).is_prime())
True
>>> bad_prime_count([25, 25])     # minor bounded by 5 * 5 = 25 < 2**63: no prime can divide it
0
"""
from __future__ import annotations

import random
from fractions import Fraction
from typing import Iterable

import flint

PRIME_LOW = 1 << 63
PRIME_HIGH = 1 << 64            # exclusive
PRIME_BITS_MIN = 63             # every prime drawn is >= 2**63
NUM_PRIMES_LOWER = 1 << 57      # certified lower bound on the number of primes in [2**63, 2**64)


def random_prime(rng: random.Random, bits: int = 64) -> int:
    """A prime drawn uniformly from the primes in ``[2**(bits-1), 2**bits)`` (``bits <= 64``).

    The default 64-bit range is the one the error probabilities refer to. Deterministic proofs
    (which only need distinct primes) use 62-bit primes: FLINT's ``nmod_mat`` elimination is about
    30% faster per bit of modulus below ``2**62`` than with full-word moduli.
    """
    lo, hi = 1 << (bits - 1), 1 << bits
    while True:
        x = rng.randrange(lo, hi) | 1
        if flint.fmpz(x).is_prime():
            return x


def hadamard_square(sq_norms: Iterable[int], k: int) -> int:
    """Product of the ``k`` largest squared norms: the square of a Hadamard bound for any ``k x k``
    minor whose rows are among those with these squared norms (an exact integer)."""
    top = sorted(sq_norms, reverse=True)[:k]
    out = 1
    for s in top:
        if s:
            out *= s
    return out


def bad_prime_count(sq_norms: Iterable[int], k: int | None = None) -> int:
    """Upper bound on the number of primes ``>= 2**63`` dividing a nonzero minor of size ``<= k``
    (all of them when ``k`` is None): ``floor(log2 H / 63)`` with ``H**2`` = :func:`hadamard_square`.

    ``log2 H = log2(H**2) / 2 < bit_length(H**2) / 2``, so the count is at most
    ``bit_length(H**2) // 126``.
    """
    sq = list(sq_norms)
    h2 = hadamard_square(sq, len(sq) if k is None else k)
    return h2.bit_length() // (2 * PRIME_BITS_MIN)


def primes_needed(bad: int, error_bound: Fraction) -> int:
    """Smallest ``k >= 1`` with ``(bad / NUM_PRIMES_LOWER) ** k <= error_bound``."""
    if bad == 0:
        return 1
    q = Fraction(bad, NUM_PRIMES_LOWER)
    k, e = 1, q
    while e > error_bound:
        k += 1
        e *= q
    return k


def error_probability(bad: int, k: int) -> Fraction:
    """``(bad / NUM_PRIMES_LOWER) ** k``: the probability that ``k`` independent uniform primes are
    all unlucky."""
    return Fraction(bad, NUM_PRIMES_LOWER) ** k
