"""Batch and functional dimension of ReLU networks, exactly.

* :func:`batch_functional_dimension` - the rank of the parameter Jacobian of the evaluation map at
  a finite set of points (certified through :func:`exactsep.linalg.rank` with the upper bound
  ``D - dim(G theta)``, which every batch rank respects because each scaling generator is in the
  Jacobian's kernel).
* :func:`functional_dimension` - ``sup_Z rank J E_Z`` over finite sets of points where every hidden
  pre-activation is nonzero. The Jacobian rows are affine in ``x`` on each activation region, so
  ``n0 + 1`` affinely independent points in every region realise the supremum (docs/theory/fundim.md, "Decisive points: n0 + 1 per region").
  Cheap start: random rational points; if their rank reaches ``U = D - sum(hidden widths)`` (and
  the orbit has dimension ``sum(hidden widths)``) the value is certified without enumeration.
  Otherwise every region is enumerated exactly (:mod:`exactsep.relu.regions`) and the rank over
  all region points is computed with proof.

>>> from exactsep.nets import Network
>>> from exactsep.relu.fundim import functional_dimension
>>> fd = functional_dimension(Network.from_flat([1, 1, 1, 1], [1, 0, -1, 1, -1, 1]))   # T1
>>> fd.value, fd.upper_bound, fd.certified
(4, 4, True)
>>> fd = functional_dimension(Network.from_flat([1, 2, 1], [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"]))  # T3
>>> fd.value, fd.upper_bound, fd.certified, fd.regions
(4, 5, True, 2)
"""
from __future__ import annotations

import random
from itertools import islice
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError
from ..linalg import rank as _rank, rank_mod_p
from ..nets.jacobian import integer_jacobian
from ..nets.network import num_params
from ..numbers import normalize, Rational, common_denominator
from .regions import RegionEnumeration, enumerate_regions

#: Default largest parameter Jacobian (rows x columns) functional_dimension builds and ranks. Measured on a
#: 2-core machine: about 1.2 microseconds and 55 bytes an entry (a (1, 1000, 1) network's cheap start,
#: 8,032 x 3,001 entries: 30 s, 1.3 GB). Raise it with ``max_jacobian_entries`` (CLI:
#: --max-jacobian-entries).
MAX_JACOBIAN_ENTRIES = 25_000_000
#: Bytes per Jacobian entry held against the memory budget (integer matrix, modular images, rank work).
JACOBIAN_BYTES_PER_ENTRY = 60


def check_jacobian_size(rows: int, cols: int, what: str, limit: Optional[int] = MAX_JACOBIAN_ENTRIES) -> None:
    """Refuse (ComputationLimitError, with the estimate and the flag that lifts it) a Jacobian of
    ``rows x cols`` above the entry limit or the memory budget, before it is built.

    >>> check_jacobian_size(4036, 1501, "a Jacobian")            # fits
    >>> check_jacobian_size(366032, 91501, "a Jacobian")
    Traceback (most recent call last):
    ...
    exactsep.errors.ComputationLimitError: a Jacobian (366,032 x 91,501 entries) is about 33,492,294,032, above the limit 25,000,000; raise it with --max-jacobian-entries ...
    """
    from ..limits import check_count, check_memory
    entries = rows * cols
    if limit is not None:
        check_count(entries, limit, f"{what} ({rows:,} x {cols:,} entries)",
                    "--max-jacobian-entries (about 1.2 microseconds and 55 bytes an entry)")
    check_memory(entries * JACOBIAN_BYTES_PER_ENTRY, f"{what} ({rows:,} x {cols:,} entries)")

__all__ = ["upper_bound", "BatchDimension", "batch_functional_dimension", "FunctionalDimension",
           "Genericity", "functional_dimension", "random_points", "genericity"]


def upper_bound(widths: Sequence[int]) -> int:
    """``U = D - sum of hidden widths`` (the scaling bound of docs/theory/fundim.md, "The bound U")."""
    widths = tuple(widths)
    return num_params(widths) - sum(widths[1:-1])


def _check_relu(net):
    if net.layers[-1].activation is not None:
        raise InvalidSpecError("functional dimension expects an affine last layer")
    for i, L in enumerate(net.layers[:-1]):
        if L.activation is None or L.activation.name != "relu":
            raise InvalidSpecError(f"functional dimension is implemented for ReLU hidden layers; layer {i + 1} "
                                   f"has {'no activation' if L.activation is None else L.activation.spec}")


def _orbit_bound(net) -> Tuple[int, int]:
    from .symmetry import orbit_dimension
    w = net.widths
    od = orbit_dimension(w, net.flat()) if len(w) > 2 else 0
    return num_params(w) - od, od


def _small_primes(start: int = (1 << 20) - 3):
    """The odd primes below ``start + 1``, in decreasing order, generated lazily (trial division):
    callers usually need only a few."""
    n = start
    while n > 2:
        if n % 2 and all(n % d for d in range(3, int(n ** 0.5) + 1, 2)):
            yield n
        n -= 2


def kernel_vectors_vanish(M, K: List[List[int]]) -> bool:
    """Exact check that ``M k = 0`` for every integer vector ``k`` in ``K`` (``M`` a numpy int64/object
    matrix): each ``M k`` is computed modulo enough ~20-bit primes that their product exceeds twice a bound
    on ``|M k|`` (zero modulo all of them means zero over the integers); only the support of ``k`` is used
    and every modular product stays far below 2**63."""
    import numpy as np
    if not K or M.shape[0] == 0:
        return True
    colmax = np.abs(M).max(axis=0).tolist()
    supports = []
    need = 1
    for k in K:
        supp = [j for j, v in enumerate(k) if v]
        supports.append(supp)
        need = max(need, 2 * sum(abs(int(k[j])) * int(colmax[j]) for j in supp) + 1)
    primes, P = [], 1
    for pr in islice(_small_primes(), 200):
        if P > need:
            break
        primes.append(pr)
        P *= pr
    if P <= need:
        Mo = M.astype(object)
        return all(not any(Mo[:, supp].dot(np.array([k[j] for j in supp], dtype=object)))
                   for k, supp in zip(K, supports) if supp)
    for pr in primes:
        Mp = np.mod(M, pr).astype(np.int64) if M.dtype == object else np.mod(M, pr)
        for k, supp in zip(K, supports):
            if not supp:
                continue
            v = np.array([int(k[j]) % pr for j in supp], dtype=np.int64)
            if (np.mod(Mp[:, supp] @ v, pr) != 0).any():
                return False
    return True


def structural_kernel(J, widths: Sequence[int], theta: Sequence[Rational]) -> List[List[int]]:
    """Explicit integer vectors in the kernel of the integer Jacobian ``J.matrix`` (see
    :func:`exactsep.nets.jacobian.integer_jacobian`): unit vectors of zero columns, for each neuron the
    nullspace of its incoming block (``[a^{l-1} | 1]`` on the rows where it matters) placed on that block, and
    the scaling generators mapped through the column factors. Each family is a kernel family by construction
    or by the scaling symmetry; :func:`batch_functional_dimension` re-checks ``M K = 0`` exactly."""
    import numpy as np
    from ..linalg import nullspace
    from .symmetry import layer_blocks, orbit_tangent
    M = J.matrix
    D = M.shape[1]
    K: List[List[int]] = []
    nz = np.abs(M).sum(axis=0) != 0 if M.shape[0] else np.zeros(D, dtype=bool)
    for j in np.flatnonzero(~nz).tolist():
        v = [0] * D
        v[j] = 1
        K.append(v)
    for l, (ws, bsx, _) in enumerate(layer_blocks(widths)):
        nin, nout = widths[l], widths[l + 1]
        for i in range(nout):
            cols = list(range(ws + i * nin, ws + (i + 1) * nin)) + [bsx + i]
            cols = [c for c in cols if nz[c]]
            if not cols:
                continue
            sub = M[:, cols]
            rows = np.flatnonzero((sub != 0).any(axis=1))
            if sub.dtype == object:
                S = sorted({tuple(int(x) for x in r) for r in sub[rows].tolist()})
            else:
                S = [tuple(r) for r in np.unique(sub[rows], axis=0).tolist()]
            ns = None
            if len(S) > 3 * len(cols) + 8:
                # kernel of a spread-out subset of rows, then kept only if every row kills it
                step = len(S) / (3 * len(cols) + 8)
                sample = [list(S[int(k * step)]) for k in range(3 * len(cols) + 8)]
                ns = nullspace(sample, ncols=len(cols))
                if any(sum(a * b for a, b in zip(r, u)) != 0 for u in ns for r in S):
                    ns = None
            if ns is None:
                ns = nullspace([list(r) for r in S], ncols=len(cols))
            for u in ns:
                v = [0] * D
                for c, x in zip(cols, u):
                    v[c] = int(x)
                K.append(v)
    if len(widths) > 2:
        c = J.col_factors
        for t in orbit_tangent(widths, theta):
            u = {j: Fraction(x) / Fraction(c[j]) for j, x in enumerate(t) if x}
            den = common_denominator(u.values())
            v = [0] * D
            for j, x in u.items():
                v[j] = int(x * den)
            K.append(v)
    return K


def _certified_rank(J, net, *, proof: bool, structural: bool = True):
    """Rank of ``J.matrix`` with the structural kernel as a proven upper bound (see
    :func:`batch_functional_dimension`); returns ``(RankResult, certificate text)``."""
    M = J.matrix
    rows, D = M.shape
    ub = min(rows, D)
    certificate = ""
    if structural:
        K = structural_kernel(J, net.widths, net.flat())
        # zero-column units and block nullspace vectors are kernel vectors by exact construction; the
        # scaling generators (the last ones) are checked exactly here rather than taken from the theorem
        n_tan = sum(net.widths[1:-1])
        if K and kernel_vectors_vanish(M, K[len(K) - n_tan:] if n_tan <= len(K) else K):
            # rank mod a prime is a proven lower bound on dim span K, which is all the bound needs
            dimK = rank_mod_p(K, (1 << 61) - 1)
            if D - dimK < ub:
                ub = D - dimK
                certificate = f"kernel of dimension {dimK} exhibited and checked exactly (M K = 0)"
    import numpy as np
    # zero columns never change the rank
    nzc = np.flatnonzero((M != 0).any(axis=0)) if rows else np.arange(D)
    Mr = M[:, nzc] if len(nzc) < D else M
    ub = min(ub, Mr.shape[1])
    r = _rank(Mr, proof=proof, upper_bound=ub)
    if not r.proven:
        certificate = "not certified (" + r.method + ")"
    elif not certificate or r.lower_bound != ub:
        certificate = r.method
    return r, certificate


@dataclass(frozen=True)
class BatchDimension:
    """Rank of the parameter Jacobian at ``points_used`` (indices into the given points).

    ``certified`` is True when the rank is proven (``rank.proven``); ``certificate`` says how;
    ``upper_bound`` is ``U``.
    """

    value: int
    certified: bool
    upper_bound: int
    points_used: Tuple[int, ...]
    distinct_patterns: int
    rank: Any
    certificate: str = ""

    def to_json(self) -> dict:
        return {"batch_functional_dimension": self.value, "certified": self.certified,
                "certificate": self.certificate,
                "upper_bound": self.upper_bound, "points_used": len(self.points_used),
                "distinct_patterns": self.distinct_patterns, "rank": self.rank.to_json()}


def batch_functional_dimension(net, points: Any, *, on_boundary: str = "raise", proof: bool = False,
                               structural: bool = True) -> BatchDimension:
    """Certified rank of ``J E_Z`` at the rational ``points`` (docs/theory/fundim.md, "Definitions").

    ``on_boundary="skip"`` drops points where a hidden pre-activation is 0 (the default raises
    :class:`~exactsep.errors.PointOnBoundaryError`). Certification: the modular rank is a proven lower
    bound; with ``structural=True`` an explicit kernel (zero columns, per-neuron block nullspaces, scaling
    generators; :func:`structural_kernel`), checked exactly to be killed by the matrix, gives a proven upper
    bound ``D - dim K``; when the two meet the rank is proven at once. Otherwise ``proof=True`` asks the
    kernel (:func:`exactsep.linalg.rank`) for a proof; without it the value carries the stated error
    probability and ``certified`` is False.

    >>> from exactsep.nets import Network
    >>> net = Network.from_flat([1, 2, 1], [1, -1, 0, 1, 2, 3, 5])
    >>> b = batch_functional_dimension(net, [[-2], [-1], ["1/2"], ["3/4"], [2], [3]])
    >>> b.value, b.certified, b.distinct_patterns
    (5, True, 3)
    """
    _check_relu(net)
    J = integer_jacobian(net, points, on_boundary=on_boundary)
    U = upper_bound(net.widths)
    M = J.matrix
    rows, D = M.shape
    certificate = "none"
    if rows == 0:
        from ..linalg import RankResult
        r = RankResult(0, 0, 0, True, "empty")
        certificate = "empty batch"
    else:
        r, certificate = _certified_rank(J, net, proof=proof, structural=structural)
    pats = {tuple(p) for p in J.patterns.tolist()}
    return BatchDimension(int(r.value), bool(r.proven), U, J.points_used, len(pats), r, certificate)


@dataclass(frozen=True)
class Genericity:
    """Exact checks of docs/theory/fundim.md, "Genericity checks" (``None`` = not checked).

    ``dead_neurons`` / ``always_active_neurons``: (layer, neuron) negative / positive on every region;
    ``zero_neurons``: identically 0 on some region (violates (b)); ``flat_neurons``: constant on some
    region (informational: a constant of fixed nonzero sign is allowed by (b));
    ``coincident``: coincident bent hyperplanes found (see RegionEnumeration); ``non_transversal``:
    ``n0 = 1`` breakpoints where a neuron touches 0 without switching; ``layer1_general_position``:
    every ``min(n0, n1)`` rows of ``W1`` independent and every ``n0 + 1`` rows of ``[W1 | b1]`` of
    rank ``n0 + 1``; ``general_position``: all checks passed (``None`` when one was not checked).
    """

    dead_neurons: Tuple[Tuple[int, int], ...]
    always_active_neurons: Tuple[Tuple[int, int], ...]
    zero_neurons: Tuple[Tuple[int, int], ...]
    flat_neurons: Tuple[Tuple[int, int], ...]
    coincident: bool
    non_transversal: Optional[bool]
    layer1_general_position: Optional[bool]
    general_position: Optional[bool]

    def failed_checks(self) -> Tuple[str, ...]:
        """The checks of docs/theory/fundim.md, "Genericity checks" that failed, in words."""
        out = []
        if self.coincident:
            out.append("coincident bent hyperplanes")
        if self.zero_neurons:
            out.append(f"neurons identically 0 on a region {[list(x) for x in self.zero_neurons]}")
        if self.layer1_general_position is False:
            out.append("first-layer hyperplanes not in general position")
        if self.non_transversal:
            out.append("a neuron touches 0 without switching (non-transversal)")
        return tuple(out)

    def unchecked(self) -> Tuple[str, ...]:
        """The checks that were not run (why ``general_position`` can be ``None``)."""
        out = []
        if self.layer1_general_position is None:
            out.append("first-layer general position (too many row subsets)")
        if self.non_transversal is None:
            out.append("transversality at vertices (checked only for n0 = 1)")
        return tuple(out)

    def describe(self) -> str:
        """One line: whether the parameter passed the exact genericity checks, and why not."""
        if self.general_position:
            verdict = "yes (every exact check passed)"
        elif self.general_position is False:
            verdict = "no (" + "; ".join(self.failed_checks()) + ")"
        else:
            verdict = "undecided: the checks run passed, but not checked: " + "; ".join(self.unchecked())
        return (f"general position: {verdict}; dead neurons: {[list(x) for x in self.dead_neurons]}; "
                f"always active: {[list(x) for x in self.always_active_neurons]}")

    def to_json(self) -> dict:
        return {"dead_neurons": [list(x) for x in self.dead_neurons],
                "always_active_neurons": [list(x) for x in self.always_active_neurons],
                "zero_neurons": [list(x) for x in self.zero_neurons],
                "flat_neurons": [list(x) for x in self.flat_neurons],
                "coincident_hyperplanes": self.coincident, "non_transversal": self.non_transversal,
                "layer1_general_position": self.layer1_general_position,
                "general_position": self.general_position}


def _layer1_general_position(net, limit: int = 20000) -> Optional[bool]:
    import itertools
    from math import comb
    L = net.layers[0]
    n0, n1 = L.n_in, L.n_out
    k = min(n0, n1)
    if comb(n1, k) + (comb(n1, n0 + 1) if n1 > n0 else 0) > limit:
        return None
    for S in itertools.combinations(range(n1), k):
        if int(_rank([L.W[i] for i in S], proof=True)) < k:
            return False
    if n1 > n0:
        for S in itertools.combinations(range(n1), n0 + 1):
            if int(_rank([list(L.W[i]) + [L.b[i]] for i in S], proof=True)) < n0 + 1:
                return False
    return True


def genericity(net, regions: RegionEnumeration) -> Genericity:
    """Genericity flags (docs/theory/fundim.md, "Genericity checks") from a complete region enumeration."""
    hidden = [(l + 1, L.n_out) for l, L in enumerate(net.layers[:-1])]
    dead, active, zero = [], [], []
    for l, n in hidden:
        for i in range(n):
            vals = {r.pattern[l - 1][i] for r in regions.regions}
            if vals == {-1}:
                dead.append((l, i + 1))
            if vals == {1}:
                active.append((l, i + 1))
            if 0 in vals:
                zero.append((l, i + 1))
    nt = None if regions.non_transversal is None else bool(regions.non_transversal)
    l1 = _layer1_general_position(net)
    coincident = bool(regions.coincident)
    checks = [not coincident, not zero, l1, None if nt is None else not nt]
    gp = False if any(c is False for c in checks) else (None if any(c is None for c in checks) else True)
    return Genericity(tuple(dead), tuple(active), tuple(zero), tuple(regions.flat_neurons), coincident, nt, l1, gp)


@dataclass(frozen=True)
class FunctionalDimension:
    """The functional dimension of a ReLU parameter.

    ``value``: the rank over the points used; ``certified``: True only when proven equal to the supremum
    over all parametrically smooth points (a proven rank reaching ``U`` at the cheap start, or complete
    enumeration with a proven rank; see :func:`decisive_jacobian` for regions with identically-zero
    neurons); ``method``:
    ``"cheap_start"`` or ``"complete_enumeration"``; ``regions``: regions used (all regions after an
    enumeration; the distinct regions hit by the random points after a certified cheap start, a lower
    bound on the number of regions); ``regions_complete``: whether ``regions`` is the complete count;
    ``points``: points used; ``upper_bound``: ``U``; ``region_bound``: ``n_d (n0 + 1) * regions``; ``genericity``: the genericity flags (after enumeration).
    """

    value: int
    upper_bound: int
    certified: bool
    method: str
    regions: Optional[int]
    points: int
    region_bound: Optional[int]
    orbit_dimension: int
    genericity: Optional[Genericity]
    widths: Tuple[int, ...]
    notes: Tuple[str, ...] = ()

    def __int__(self) -> int:
        return self.value

    @property
    def regions_complete(self) -> bool:
        """True when ``regions`` counts every activation region (after a complete enumeration)."""
        return self.method == "complete_enumeration"

    def to_json(self) -> dict:
        return {"widths": list(self.widths), "functional_dimension": self.value, "upper_bound": self.upper_bound,
                "certified": self.certified, "method": self.method, "regions": self.regions,
                "regions_complete": self.regions_complete,
                "points": self.points, "region_bound": self.region_bound,
                "orbit_dimension": self.orbit_dimension,
                "genericity": None if self.genericity is None else self.genericity.to_json(),
                "notes": list(self.notes)}


def random_points(n0: int, count: int, seed: int = 0, scales: Sequence[int] = (1, 4, 16, 64)) -> List[List[Rational]]:
    """``count`` reproducible random rational points of R^n0, scattered at several scales."""
    rng = random.Random(seed)
    pts = []
    for i in range(count):
        s = scales[i % len(scales)]
        pts.append([normalize(Fraction(rng.randint(-60 * s, 60 * s), rng.randint(1, 60))) for _ in range(n0)])
    return pts


def functional_dimension(net, *, seed: int = 0, cheap_points: Optional[int] = None, enumerate_all: bool = False,
                         max_regions: Optional[int] = None, proof: bool = True,
                         progress: Optional[Callable[[int, int], None]] = None,
                         max_jacobian_entries: Optional[int] = MAX_JACOBIAN_ENTRIES) -> FunctionalDimension:
    """Exact functional dimension of a ReLU network with rational parameters (docs/theory/fundim.md, "Exact algorithms").

    ``cheap_points``: number of random points of the cheap start (default ``4 U / n_d + 32``; 0 skips it);
    ``enumerate_all=True`` always enumerates (to get the genericity flags); ``max_regions`` bounds the
    enumeration (:class:`~exactsep.errors.ComputationLimitError` beyond it); ``max_jacobian_entries``
    bounds the Jacobians built (:func:`check_jacobian_size`, checked before each is built; ``None``: only
    the memory budget).
    """
    _check_relu(net)
    w = net.widths
    n0, nd = w[0], w[-1]
    U = upper_bound(w)
    P = num_params(w)
    if cheap_points is None:
        cheap_points = 4 * U // nd + 32
    if cheap_points and not enumerate_all:          # before any work on the network
        check_jacobian_size(cheap_points * nd, P, "the Jacobian of the cheap start", max_jacobian_entries)
    bound, od = _orbit_bound(net)
    notes = []
    if od < sum(w[1:-1]):
        notes.append(f"orbit dimension {od} < number of hidden neurons {sum(w[1:-1])}: some neuron has a zero "
                     f"incoming row and bias (it is identically 0, no point is parametrically smooth)")
    if cheap_points and not enumerate_all:
        pts = random_points(n0, cheap_points, seed)
        J = integer_jacobian(net, pts, on_boundary="skip")
        if J.matrix.shape[0]:
            r = _rank(J.matrix, upper_bound=min(bound, J.matrix.shape[0], J.matrix.shape[1]))
            if r.proven and r.value == U and bound == U:
                hit = len({tuple(p) for p in J.patterns.tolist()})
                return FunctionalDimension(U, U, True, "cheap_start", hit, J.matrix.shape[0] // nd,
                                           nd * (n0 + 1) * hit, od, None, w, tuple(notes))
    R = enumerate_regions(net, max_regions=max_regions, progress=progress)
    check_jacobian_size(len(R.regions) * (n0 + 1) * nd, P, f"the Jacobian at {n0 + 1} points of each of "
                        f"{len(R.regions):,} regions", max_jacobian_entries)
    J, npts, excluded, invisible = decisive_jacobian(net, R)
    if excluded:
        notes.append(f"{excluded} region(s) where a hidden neuron is identically 0 and its kink reaches the "
                     f"output: no point there is parametrically smooth, so they contribute no rows")
    if invisible:
        notes.append(f"{invisible} region(s) where every identically-0 neuron is cut off by a fully dead later "
                     f"layer: parametrically smooth, rows taken with those neurons inactive")
    if J is not None:
        r, _ = _certified_rank(J, net, proof=proof)
        value, proven = int(r.value), bool(r.proven)
    else:
        value, proven = 0, True
    gen = genericity(net, R)
    return FunctionalDimension(value, U, proven, "complete_enumeration", len(R.regions),
                               npts, nd * (n0 + 1) * len(R.regions), od, gen, w, tuple(notes))


def _kink_invisible(pattern, layer: int) -> bool:
    """A neuron of hidden layer ``layer`` (0-based) that is identically 0 on a region is invisible at the
    output, robustly under small changes of theta, iff some later hidden layer is entirely strictly
    negative there (weights between consecutive layers can always be perturbed to nonzero, so any other
    path reaches the output)."""
    return any(all(s < 0 for s in pattern[l]) for l in range(layer + 1, len(pattern)))


def decisive_jacobian(net, R: RegionEnumeration):
    """The integer Jacobian at ``n0 + 1`` points of every region whose points are parametrically smooth.

    A region where a hidden neuron is identically 0 is smooth iff each such neuron is invisible
    (:func:`_kink_invisible`); its rows are then the derivative computed with those neurons inactive.
    Otherwise ``F`` has a kink in theta through every point of the region (the zero set of that neuron's
    pre-activation, crossed with a nonzero gradient jump for nearby theta), so no point there is
    parametrically smooth and the region contributes nothing to the supremum.
    Returns ``(J or None, number of points, regions excluded, invisible-zero regions used)``.
    """
    strict, soft, excluded = [], [], 0
    for reg in R.regions:
        if not reg.has_zero_neuron:
            strict.extend(list(p) for p in reg.points)
            continue
        zero_layers = [l for l, layer in enumerate(reg.pattern) if 0 in layer]
        if all(_kink_invisible(reg.pattern, l) for l in zero_layers):
            soft.extend(list(p) for p in reg.points)
        else:
            excluded += 1
    invisible = len(soft) // (net.widths[0] + 1)
    pts = strict + soft
    if not pts:
        return None, 0, excluded, invisible
    if not soft:
        return integer_jacobian(net, strict), len(pts), excluded, invisible
    J = integer_jacobian(net, pts, on_boundary="inactive")
    return J, len(pts), excluded, invisible
