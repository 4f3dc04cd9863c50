"""Functional-dimension claims (docs/theory/fundim.md, "The bound U", "When U is attained", "Hidden symmetries
and fibers").

* ``fundim.upper-bound``: every batch functional dimension (exact rank of the parameter Jacobian at
  a batch of points) is at most U = D - sum of hidden widths. Independent verification: the N
  scaling directions are exact kernel vectors of the Jacobian (checked by an exact product) and
  the Jacobian is recomputed by the slow exact path (``parameter_jacobian``) and compared with the
  fast integer path.
* ``fundim.attained-nonincreasing``: for non-increasing widths n0 >= n1 >= ... >= n_{d-1} some
  sampled parameter attains U with a sampled batch (an exact rank equal to U is a proof of the lower
  bound, and the upper bound is the claim above).
* ``fundim.fiber-*-exists``: fibers that are disconnected, with non-constant functional dimension,
  or with a non-transitive symmetry action exist; the witnesses come from :mod:`exactsep.relu`'s
  counterexample search, are re-checked by its ``verify_certificate`` and, for n0 = 1, the fiber
  membership (same function) is re-checked here by exact evaluation at every breakpoint.
"""
from __future__ import annotations

from fractions import Fraction
from typing import List, Optional

from ...errors import CertificateError
from ...numbers import normalize
from ..registry import claim, is_undecided, outcome, undecided
from ..sampling import random_rational_vector
from . import net_scope

__all__ = ["batch_rank_upper_bound", "bound_attained_nonincreasing", "bound_attained_naive", "width_one_chain",
           "scaling_tangents", "fiber_disconnected", "fiber_non_constant_dimension", "fiber_non_transitive"]


def _D(widths):
    return sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))


def _U(widths):
    return _D(widths) - sum(widths[1:-1])


def scaling_tangents(widths, theta) -> List[list]:
    """The N infinitesimal generators of the hidden-neuron scalings: +theta on the neuron's incoming row
    and bias, -theta on its outgoing column (docs/theory/fundim.md, "Symmetries")."""
    theta = list(theta)
    offsets, off = [], 0
    for i in range(len(widths) - 1):
        offsets.append(off)
        off += widths[i + 1] * (widths[i] + 1)
    out = []
    for l in range(1, len(widths) - 1):         # hidden layer l (1-based), matrix index l-1
        n_in, n = widths[l - 1], widths[l]
        base = offsets[l - 1]
        nxt, n_out = offsets[l], widths[l + 1]
        for j in range(n):
            v = [0] * len(theta)
            for c in range(n_in):
                p = base + j * n_in + c
                v[p] = theta[p]
            pb = base + n * n_in + j
            v[pb] = theta[pb]
            for r in range(n_out):
                p = nxt + r * n + j
                v[p] = -theta[p]
            out.append(v)
    return out


def _points(rng, n0, k, net, spread: int = 4):
    """k random rational points off every hidden zero set, with coordinates on a fine grid (step 1/60) at
    scales 1, spread/4, spread and 5*spread, so that small regions near the origin and far regions are hit."""
    from ...nets.jacobian import admissible_points_mask
    pts = []
    tries = 0
    scales = [1, max(1, spread // 4), spread, 5 * spread]
    while len(pts) < k and tries < 50 * k:
        tries += 1
        s = rng.choice(scales)
        p = [Fraction(rng.randint(-60 * s, 60 * s), 60) for _ in range(n0)]
        p = [q.numerator if q.denominator == 1 else q for q in p]
        if admissible_points_mask(net, [p])[0]:
            pts.append(p)
    return pts


def _net(widths, theta):
    from ...nets import Network
    return Network.from_flat(widths, theta)


def _batch_rank(net, points):
    from ...linalg import rank
    from ...nets.jacobian import integer_jacobian
    if not points:
        return 0
    J = integer_jacobian(net, points)
    M = J.matrix.tolist()
    return rank(M, upper_bound=min(len(M), len(M[0]) if M else 0)).value if M else 0


# ----------------------------------------------------------------------------- upper bound
def _ub_instances(level, rng):
    out = []
    n = 10 if level == "quick" else 80
    for _ in range(n):
        depth = rng.randint(1, 3)
        widths = [rng.randint(1, 3)] + [rng.randint(1, 4) for _ in range(depth)] + [rng.randint(1, 2)]
        theta = random_rational_vector(rng, _D(widths), max_abs=3, max_den=2)
        net = _net(widths, theta)
        k = rng.randint(1, 2 * _U(widths) // widths[-1] + 3)
        out.append({"widths": widths, "theta": theta, "points": _points(rng, widths[0], k, net)})
    return out


def _ub_strategy():
    import hypothesis.strategies as st
    from ...strategies import rationals

    @st.composite
    def inst(draw):
        widths = draw(st.lists(st.integers(1, 3), min_size=3, max_size=4))
        w = rationals(max_numerator=3, max_denominator=2)
        theta = draw(st.lists(w, min_size=_D(widths), max_size=_D(widths)))
        net = _net(widths, theta)
        from ...nets.jacobian import admissible_points_mask
        pts = draw(st.lists(st.lists(w, min_size=widths[0], max_size=widths[0]), min_size=1, max_size=12))
        mask = admissible_points_mask(net, pts)
        pts = [p for p, ok in zip(pts, mask) if ok]
        return {"widths": widths, "theta": theta, "points": pts}
    return inst()


def _ub_verify(cert) -> List[str]:
    from ...linalg import matmul, rank
    from ...nets.jacobian import parameter_jacobian, integer_jacobian
    inst = cert["instance"]
    widths, theta, pts = inst["widths"], inst["theta"], inst["points"]
    if not pts:
        return ["empty batch: rank 0"]
    net = _net(widths, theta)
    J = parameter_jacobian(net, pts)
    Jint = integer_jacobian(net, pts).exact_rows()
    if J != Jint:
        raise CertificateError("parameter_jacobian and integer_jacobian disagree")
    r = rank(J, proof=True).value
    if r != int(cert["computed"]["batch_rank"]):
        raise CertificateError(f"the slow exact Jacobian has rank {r}, the certificate says "
                               f"{cert['computed']['batch_rank']}")
    T = scaling_tangents(widths, net.flat())
    if T:
        JT = matmul(J, [list(col) for col in zip(*T)])
        if any(x != 0 for row in JT for x in row):
            raise CertificateError("a scaling direction is not in the kernel of the Jacobian")
    tr = rank(T).value if T else 0
    msgs = [f"slow exact Jacobian (parameter_jacobian) equals the integer form; rank {r} (proof=True)",
            f"the {len(T)} scaling directions are exact kernel vectors (J*T = 0), of rank {tr}, so rank <= D - {tr}"]
    return msgs


def _n0_scope(inst: dict) -> Optional[str]:
    """Theorem 8.7's restatement is decided exactly only for n0 <= 2 (the existence of y_k on a line)."""
    n0 = inst.get("n0")
    if type(n0) is not int or not 1 <= n0 <= 2:
        return f"n0 = {str(n0)[:20]}; the exact decision of Lemma 8.5's points needs n0 in {{1, 2}}"
    M, c, tw = inst.get("M"), inst.get("c"), inst.get("theta_widths")
    if not (isinstance(M, list) and M and all(isinstance(r, list) and len(r) == n0 for r in M)):
        return f"A's matrix M is not a non-empty list of rows of length n0 = {n0}"
    if not (isinstance(c, list) and len(c) == len(M)):
        return f"A's offset c has {len(c) if isinstance(c, list) else '?'} entries, M has {len(M)} rows"
    if not (isinstance(tw, list) and tw and tw[0] == len(M)):
        return f"theta's input width {tw[0] if isinstance(tw, list) and tw else '?'} is not n1 = {len(M)} (A's rows)"
    return None


@claim(id="fundim.upper-bound", scope=net_scope,
       statement="Every batch functional dimension of a ReLU network is at most U = D - N (D parameters, N = sum of "
                 "the hidden widths). The scaling argument: for each hidden neuron, multiplying its incoming row and "
                 "bias by lambda > 0 and its outgoing column by 1/lambda leaves the function unchanged, so the "
                 "generator of that one-parameter group (+theta on the row and bias, -theta on the column) is in the "
                 "kernel of every batch Jacobian; at a batch of points off every hidden zero set each neuron has a "
                 "nonzero incoming row or bias on coordinates private to its generator, so the N generators are "
                 "linearly independent and the rank is at most D - N.",
       hypotheses=("ReLU hidden layers, affine output layer", "rational parameters",
                   "batch points off every hidden zero set"),
       provenance="[derived ✓] (the scaling argument, checked: the generators are exact kernel vectors; the abstract "
                  "of [GLMW] speaks of a 'theoretical maximum' without giving a formula)",
       source="docs/theory/fundim.md, 'The bound U'",
       instances=_ub_instances, strategy=_ub_strategy, verify=_ub_verify,
       requires=("exactsep.nets.jacobian",), family=lambda inst: f"depth {len(inst['widths']) - 1}",
       size=lambda inst: (sum(inst["widths"]), len(inst["points"]), len(str(inst))))
def batch_rank_upper_bound(inst):
    widths = inst["widths"]
    net = _net(widths, inst["theta"])
    r = _batch_rank(net, inst["points"])
    U = _U(widths)
    return outcome(r <= U, "rank of the exact batch Jacobian <= U = D - sum(hidden widths)",
                   D=_D(widths), U=U, batch_rank=r, points=len(inst["points"]))


# ----------------------------------------------------------------------------- attained
def _chain_of_ones(widths) -> int:
    """Length of the longest run of consecutive width-1 hidden layers."""
    best = run = 0
    for w in widths[1:-1]:
        run = run + 1 if w == 1 else 0
        best = max(best, run)
    return best


def _nonincreasing(widths) -> bool:
    hidden = widths[:-1]
    return all(hidden[i] >= hidden[i + 1] for i in range(len(hidden) - 1))


_ATT_QUICK = [[1, 1, 1], [2, 2, 1], [2, 1, 1], [3, 2, 1], [1, 1, 1, 1], [2, 2, 2, 1], [3, 2, 2, 2]]
# every architecture here attains U with probability >= 10% per random candidate (measured), so 300 seeded
# candidates fail to find it with probability < 1e-13; rarer ones such as (3, 1, 1, 2) (about 2%) are left out
_ATT_FULL = _ATT_QUICK + [[4, 3, 2, 1], [3, 3, 1, 1], [4, 4, 1], [3, 3, 3, 2], [4, 2, 2, 1], [2, 2, 1, 1],
                          [5, 3, 1]]


def _att_instances_from(archs_quick, archs_full, candidates=300):
    def gen(level, rng):
        return [{"widths": widths, "seed": rng.randint(0, 10 ** 9), "max_candidates": candidates,
                 "points": 3 * _U(widths) // widths[-1] + 10}
                for widths in (archs_quick if level == "quick" else archs_full)]
    return gen


def _att_verify(cert) -> List[str]:
    from ...linalg import rank
    from ...nets.jacobian import parameter_jacobian
    c = cert["computed"]
    widths = cert["instance"]["widths"]
    if c.get("refutation"):
        if not _ramp_refutes(widths):
            raise CertificateError("the refutation's ramp argument does not apply to these widths")
        return ["refutation by proof: the widths are (n0, 1, ..., 1) with at least three width-1 hidden layers, so "
                "every parameter has batch rank <= n0 + 3 < U (the ramp argument)"]
    if c.get("attaining_theta") is None:
        return ["no candidate attained U; nothing further to verify"]
    net = _net(widths, c["attaining_theta"])
    J = parameter_jacobian(net, c["attaining_points"])
    r = rank(J, proof=True).value
    if r != _U(widths):
        raise CertificateError(f"the attaining batch has rank {r}, not U = {_U(widths)}")
    return [f"exact Jacobian (parameter_jacobian) of the attaining parameter and batch has rank {r} = U "
            f"(proof=True)"]


def _attained(inst):
    """Draw candidate parameters (nonzero small rationals) from the instance seed until one reaches U."""
    import random
    widths = inst["widths"]
    U = _U(widths)
    rng = random.Random(int(inst["seed"]))
    best, best_theta, best_pts, tried = -1, None, None, 0
    for i in range(int(inst["max_candidates"])):
        theta = random_rational_vector(rng, _D(widths), max_abs=3, max_den=2, nonzero=True)
        net = _net(widths, theta)
        pts = _points(rng, widths[0], int(inst["points"]), net, spread=20)
        r = _batch_rank(net, pts)
        tried = i + 1
        if r > best:
            best, best_theta, best_pts = r, theta, pts
        if r == U:
            break
    return best, best_theta, best_pts, U, tried


def _ramp_refutes(widths) -> bool:
    """True when the ramp argument proves U is attained by no parameter: widths (n0, 1, ..., 1, 1) with
    k >= 3 width-1 hidden layers, where every batch rank is at most n0 + 3 < U (the statement of
    fundim.width-one-chain-below-bound)."""
    k = len(widths) - 2
    return k >= 3 and all(w == 1 for w in widths[1:]) and widths[0] + 3 < _U(widths)


def _attained_outcome(inst):
    """U attained by a seeded candidate: holds (the candidate is the proof). Otherwise a counterexample only
    when the ramp argument proves rank < U for every parameter; else undecided (a search that found
    nothing proves nothing)."""
    best, theta, pts, U, tried = _attained(inst)
    ok = best == U
    check = "max over seeded candidate parameters of the exact batch rank == U"
    if ok or _ramp_refutes(inst["widths"]):
        proof = None if ok else (f"ramp argument: widths (n0, 1, ..., 1) with {len(inst['widths']) - 2} width-1 "
                                 f"hidden layers give batch rank <= n0 + 3 = {inst['widths'][0] + 3} < U = {U} "
                                 f"for every parameter (fundim.width-one-chain-below-bound)")
        return outcome(ok, check, U=U, best_rank=best, candidates_tried=tried, attaining_theta=theta if ok else None,
                       attaining_points=pts if ok else None, **({"refutation": proof} if proof else {}))
    return undecided(check + " (no candidate reached U, and no proof that none can)", U=U, best_rank=best,
                     candidates_tried=tried, attaining_theta=None, attaining_points=None)


def _widths_scope(inst: dict, chain_allowed: bool) -> Optional[str]:
    """The width hypotheses of the attained-U claims as a predicate: n0 >= n1 >= ... >= n_{d-1} and (unless
    ``chain_allowed``) no three consecutive width-1 hidden layers."""
    w = inst.get("widths")
    if not isinstance(w, list) or not all(isinstance(x, int) for x in w):
        return None                                # the schema rejects it
    if not _nonincreasing(w):
        return f"the widths {w} are not non-increasing (n0 >= n1 >= ... >= n_(d-1))"
    if not chain_allowed and _chain_of_ones(w) >= 3:
        return f"the widths {w} have {_chain_of_ones(w)} consecutive width-1 hidden layers (the width-one-chain exception)"
    return None


@claim(id="fundim.attained-nonincreasing",
       statement="For non-increasing widths n0 >= n1 >= ... >= n_{d-1} with no chain of three or more width-1 "
                 "hidden layers, the bound U is attained: a sampled parameter reaches batch functional dimension U "
                 "on a sampled batch. This whole-architecture statement and its width-one exception are exactsep's "
                 "own (an induction on layers suggested by [GLMW]'s one-step precomposition result, Theorem 8.7, "
                 "whose hypotheses are not checked here; see fundim.precomposition-theorem-8-7).",
       hypotheses=("n0 >= n1 >= ... >= n_{d-1}", "no three consecutive width-1 hidden layers (the width-one-chain exception)",
                   "U is attained on a positive-measure set, so up to 300 seeded random candidates suffice in practice"),
       provenance="[derived] (the induction on layers and the width-one exception are exactsep's; [GLMW] Theorem 8.7 is a "
                  "one-step result with its own hypotheses)",
       source="docs/theory/fundim.md, 'The bound U' (equality) and 'When U is attained'", instances=_att_instances_from(_ATT_QUICK, _ATT_FULL),
       verify=_att_verify, requires=("exactsep.nets.jacobian",),
       family=lambda inst: f"depth {len(inst['widths']) - 1}", size=lambda inst: sum(inst["widths"]),
       scope=lambda inst: _widths_scope(inst, chain_allowed=False))
def bound_attained_nonincreasing(inst):
    return _attained_outcome(inst)


@claim(id="fundim.attained-nonincreasing-naive",
       statement="(Naive form, without the width-1 caveat.) For every non-increasing width sequence "
                 "n0 >= n1 >= ... >= n_{d-1} the bound U is attained.",
       hypotheses=("n0 >= n1 >= ... >= n_{d-1}",
                   "a counterexample needs a proof that no parameter attains U: the ramp argument (widths "
                   "(n0, 1, ..., 1) with at least three width-1 hidden layers, fundim.width-one-chain-below-bound); "
                   "an instance where only the search failed is undecided"),
       provenance="[derived] (the induction on layers read literally)",
       source="docs/theory/fundim.md, 'When U is attained' (the induction vs. the width-one-chain exception)", expect="refuted",
       drops="no three consecutive width-1 hidden layers",
       instances=_att_instances_from([[2, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1, 1]],
                                     [[2, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1, 1], [2, 1, 1, 1, 1], [2, 2, 1, 1, 1, 1]],
                                     candidates=150),
       verify=_att_verify, requires=("exactsep.nets.jacobian",),
       family=lambda inst: f"depth {len(inst['widths']) - 1}", size=lambda inst: sum(inst["widths"]),
       scope=lambda inst: _widths_scope(inst, chain_allowed=True))
def bound_attained_naive(inst):
    out = _attained_outcome(inst)
    if not out["holds"] and not is_undecided(out):
        chain = _chain_of_ones(inst["widths"])
        out["computed"]["scope"] = (
            f"the widths {inst['widths']} have a chain of {chain} consecutive width-1 hidden layers, which the full "
            f"claim (fundim.attained-nonincreasing) excludes; the ramp argument of fundim.width-one-chain-below-bound "
            f"explains it" if chain >= 3 else
            f"no chain of three width-1 layers: this would be evidence against fundim.attained-nonincreasing "
            f"(or too few candidates)")
    return out


# ----------------------------------------------------------------------------- width-1 chains
def _chain_instances(level, rng):
    out = []
    n = 8 if level == "quick" else 60
    for _ in range(n):
        n0 = rng.randint(1, 3)
        k = rng.randint(3, 4 if level == "quick" else 6)
        widths = [n0] + [1] * k + [1]
        theta = random_rational_vector(rng, _D(widths), max_abs=3, max_den=2)
        net = _net(widths, theta)
        out.append({"widths": widths, "theta": theta,
                    "points": _points(rng, n0, 3 * _U(widths) + 6, net, spread=20)})
    return out


def _chain_strategy():
    import hypothesis.strategies as st
    from ...strategies import rationals

    @st.composite
    def inst(draw):
        n0 = draw(st.integers(1, 2))
        widths = [n0] + [1] * draw(st.integers(3, 4)) + [1]
        w = rationals(max_numerator=3, max_denominator=2)
        theta = draw(st.lists(w, min_size=_D(widths), max_size=_D(widths)))
        net = _net(widths, theta)
        from ...nets.jacobian import admissible_points_mask
        pts = draw(st.lists(st.lists(w, min_size=n0, max_size=n0), min_size=1, max_size=14))
        return {"widths": widths, "theta": theta,
                "points": [p for p, ok in zip(pts, admissible_points_mask(net, pts)) if ok]}
    return inst()


@claim(id="fundim.width-one-chain-below-bound",
       statement="A chain of three or more width-1 ReLU hidden layers (scalar output) outputs a ramp, so every "
                 "batch functional dimension is at most n0 + 3 < U = n0 + k + 1: U is never attained.",
       hypotheses=("widths (n0, 1, ..., 1, 1) with k >= 3 hidden layers",),
       provenance="[derived ✓]", source="docs/theory/fundim.md, 'When U is attained' (the width-one-chain exception)",
       instances=_chain_instances, strategy=_chain_strategy, verify=_ub_verify,
       requires=("exactsep.nets.jacobian",), family=lambda inst: f"chain of {len(inst['widths']) - 2}",
       size=lambda inst: (len(inst["widths"]), len(inst["points"]), len(str(inst))),
       scope=lambda inst: None if (len(inst["widths"]) >= 5 and all(w == 1 for w in inst["widths"][1:])
                                   and inst["widths"][0] >= 1) else
       f"widths {inst['widths']} are not (n0, 1, ..., 1, 1) with at least three width-1 hidden layers")
def width_one_chain(inst):
    widths = inst["widths"]
    net = _net(widths, inst["theta"])
    r = _batch_rank(net, inst["points"])
    n0 = widths[0]
    return outcome(r <= n0 + 3 < _U(widths), "rank of the exact batch Jacobian <= n0 + 3 < U",
                   D=_D(widths), U=_U(widths), ramp_parameters=n0 + 3, batch_rank=r, points=len(inst["points"]))


# ----------------------------------------------------------------------------- fiber phenomena (exists)
_FIBER_KINDS = {"disconnected_fiber": "disconnected fibers",
                "non_constant_dimension_on_fiber": "fibers with non-constant functional dimension",
                "non_transitive_action": "fibers on which the symmetry group acts non-transitively"}


def _fiber_candidates(kind):
    """Candidate searches (each a seed): architectures smallest first, random nonzero parameters, generic witnesses
    preferred (exactsep.relu.search.search_generic). Measured success rates per candidate: disconnected and
    non-transitive fibers need a few dozen draws; a generic non-constant-dimension witness about one in 190 draws
    of (1, 2, 2, 1) with cancelling output weights, so 500 draws succeed with probability about 0.93."""
    def gen(level, rng):
        if kind == "disconnected_fiber":
            archs = [[1, 2, 1], [1, 3, 1]] + ([[1, 4, 1]] if level == "full" else [])
            draws = 30 if level == "quick" else 80
        elif kind == "non_transitive_action":
            archs = [[1, 1, 1], [1, 2, 1], [1, 1, 1, 1], [2, 2, 1], [1, 2, 1, 1]]
            draws = 30 if level == "quick" else 80
        else:
            # at the full level the smaller architectures are tried first (none has given a generic witness in
            # our runs), with fewer draws each
            archs = ([[1, 1, 1, 1], [1, 2, 1], [2, 2, 1], [1, 2, 1, 1]] if level == "full" else []) + [[1, 2, 2, 1]]
            draws = [500] if level == "quick" else [60, 60, 40, 60, 600]
        n = 2 if level == "quick" or kind == "non_constant_dimension_on_fiber" else 4
        return [{"kind": kind, "archs": archs, "draws": draws, "seed": rng.randint(0, 10 ** 6)} for _ in range(n)]
    return gen


def fiber_quality(res) -> dict:
    """The witness quality of a fiber certificate: both points' conditions, generic iff both are."""
    if res["certificate"] is None:
        return None
    qa, qb = res["quality_a"], res["quality_b"]
    return {"generic": bool(qa["generic"] and qb["generic"]),
            "failed": [f"theta_a: {f}" for f in qa["failed"]] + [f"theta_b: {f}" for f in qb["failed"]],
            "theta_a": qa, "theta_b": qb}


def _same_function_1d(widths, ta, tb) -> bool:
    """Independent equality test for n0 = 1: both networks are continuous piecewise linear in x, so they are
    equal iff they agree at every breakpoint of either (exact line partitions) and one point beyond each end."""
    from ...nets.segment import line_partition
    na, nb = _net(widths, ta), _net(widths, tb)
    bps = sorted(set(line_partition(na, [0], [1]).breakpoints) | set(line_partition(nb, [0], [1]).breakpoints))
    lo = (bps[0] if bps else 0) - 1
    hi = (bps[-1] if bps else 0) + 1
    pts = [lo - 1, lo] + list(bps) + [hi, hi + 1]
    return all(na([p]) == nb([p]) for p in pts)


def _fiber_verify(cert) -> List[str]:
    c = cert["computed"]
    if c.get("certificate") is None:
        return ["no witness in this candidate"]
    from ...relu.search import verify_certificate as relu_verify
    from ..witnesses import recheck_quality
    v = relu_verify(c["certificate"])
    if not v.valid:
        raise CertificateError(f"exactsep.relu rejects the fiber certificate: {v.reason}")
    msgs = [f"exactsep.relu.search.verify_certificate re-checks it from scratch: {v.proves}"]
    fc = c["certificate"]
    if "theta_a" in fc and "theta_b" in fc and fc["widths"][0] == 1:
        if not _same_function_1d(fc["widths"], fc["theta_a"], fc["theta_b"]):
            raise CertificateError("the two parameters do not realise the same function (exact evaluation at "
                                   "every breakpoint)")
        msgs.append("independent: theta_a and theta_b agree exactly at every breakpoint of both networks and "
                    "beyond both ends (n0 = 1), so they lie in one fiber")
    q = c.get("witness_quality") or {}
    for key in ("theta_a", "theta_b"):
        if key in fc and key in q:
            msgs += [f"{key}: " + m for m in recheck_quality(fc["widths"], fc[key], q[key])]
    return msgs


def _fiber_claim(kind, cid, name):
    def check(inst):
        from ...relu.search import search_generic
        d = inst["draws"]
        res = search_generic(inst["kind"], [list(a) for a in inst["archs"]],
                             draws=[int(x) for x in d] if isinstance(d, list) else int(d), seed=int(inst["seed"]))
        return outcome(res["certificate"] is not None,
                       f"exactsep.relu.search.search_generic({inst['kind']!r}) finds a verified certificate "
                       "(generic parameters preferred, smallest architecture first)",
                       tried=res["tried"], certificate=res["certificate"], witness_quality=fiber_quality(res))
    check.__name__ = check.__qualname__ = name
    return claim(id=cid, statement=f"There exist {_FIBER_KINDS[kind]}. The witnesses are found by exactsep's search "
                                   f"and certified; both parameters of a witness are required generic (no zero weight "
                                   f"row, column or output weight, every hidden neuron active on some region and "
                                   f"inactive on another, no coinciding bent hyperplanes, small heights), and a claim "
                                   f"whose only witnesses are degenerate reports that. The functional dimension used is "
                                   f"exactsep's: the supremum of batch ranks over parametrically smooth points, "
                                   f"computed at every parameter; [GLMW] defines it at generic ('ordinary') "
                                   f"parameters, which the genericity conditions approximate.",
                 hypotheses=("ReLU architectures (n0, ..., 1) with small rational parameters, searched smallest first",
                             "functional dimension as computed by exactsep.relu.functional_dimension (complete region "
                             "enumeration, certified rank), at every parameter",
                             "witness genericity as in exactsep.relu.quality (recorded per point)"),
                 provenance="[paper] (abstract of [GLMW]: such fibers exist; the witnesses are exactsep's own)",
                 source="docs/theory/fundim.md, 'Hidden symmetries and fibers'", quantifier="exists",
                 witness_quality=True, instances=_fiber_candidates(kind),
                 verify=_fiber_verify, requires=("exactsep.relu.search:search_generic",),
                 family=lambda inst: "small ReLU nets",
                 size=lambda inst: sum(inst["draws"]) if isinstance(inst["draws"], list) else inst["draws"],
                 scope=lambda inst: None if inst.get("kind") == kind else
                 f"this claim's witnesses are of kind {kind!r}, not {str(inst.get('kind'))[:40]!r}")(check)


fiber_disconnected = _fiber_claim("disconnected_fiber", "fundim.fiber-disconnected-exists", "fiber_disconnected")
fiber_non_constant_dimension = _fiber_claim("non_constant_dimension_on_fiber",
                                            "fundim.fiber-non-constant-dimension-exists",
                                            "fiber_non_constant_dimension")
fiber_non_transitive = _fiber_claim("non_transitive_action", "fundim.fiber-non-transitive-action-exists",
                                    "fiber_non_transitive")


# ----------------------------------------------------------------------------- [GLMW] Theorem 8.7 (one step)
BLOG = ("the restatement of [GLMW] Lemmas 8.2, 8.5 and Theorem 8.7 in the blog post 'Questions on functional "
        "dimension of ReLU networks' (GitHub repository cornwell/cornwell.github.io, "
        "_posts/2024-12-20-precomposing-funcdim.md), a secondary source: the full text of [GLMW] was not available")

_T87_ARCHS = {"quick": [(1, [1, 2, 1]), (2, [1, 2, 1]), (2, [2, 2, 1]), (1, [1, 3, 1]), (2, [2, 3, 1]),
                        (2, [1, 2, 2, 1])],
              "full": [(1, [1, 2, 1]), (2, [1, 2, 1]), (2, [2, 2, 1]), (1, [1, 3, 1]), (2, [2, 3, 1]),
                       (2, [1, 2, 2, 1]), (2, [2, 2, 2, 1]), (1, [1, 2, 2, 1]), (2, [1, 3, 1]), (2, [2, 3, 2, 1])]}


def _t87_instances(level, rng):
    """Random nonzero theta whose first-layer hyperplanes pass through points of the open positive orthant, and
    first layers A = (M, c) whose rows' zero sets are pushed through it (c_k of the opposite sign to some entry of
    row k), so that many instances meet the hypotheses; the others are vacuous and say which hypothesis fails."""
    from ..witnesses import random_theta
    out = []
    reps = 2 if level == "quick" else 6
    for n0, tw in _T87_ARCHS[level]:
        for _ in range(reps):
            theta = random_theta(rng, tw)
            n1 = tw[0]
            for i in range(tw[1]):           # neuron i of theta's first layer: w . p + b = 0 at a positive p
                w = theta[i * n1:(i + 1) * n1]
                p = [Fraction(rng.randint(1, 6), 2) for _ in range(n1)]
                theta[tw[1] * n1 + i] = normalize(-sum((Fraction(a) * b for a, b in zip(w, p)), Fraction(0)))
            M = [[normalize(Fraction(rng.choice([-3, -2, -1, 1, 2, 3]), rng.choice([1, 2]))) for _ in range(n0)]
                 for _ in range(n1)]
            c = []
            for row in M:
                pos = [v for v in row if v > 0]
                sign = -1 if pos and (len(pos) == len(row) or rng.random() < 0.5) else 1
                c.append(normalize(sign * Fraction(rng.randint(1, 4), rng.choice([1, 2]))))
            out.append({"n0": n0, "theta_widths": tw, "theta": theta, "M": M, "c": c})
    return out


def _t87_hypotheses(inst):
    """Each hypothesis of Theorem 8.7 as (name, holds, detail)."""
    from ...linalg import rank
    from ...nets import Network
    from ...relu import functional_dimension
    from ...relu.precompose import lemma_8_5_points, positive_orthant_dimension
    from ...relu.quality import witness_quality
    tw, theta, M, c = inst["theta_widths"], inst["theta"], inst["M"], inst["c"]
    net = Network.from_flat(tw, theta)
    q = witness_quality(net)
    fd = functional_dimension(net, cheap_points=0, enumerate_all=True)
    gp = fd.genericity.general_position if fd.genericity is not None else None
    plus, _ = positive_orthant_dimension(net)
    surj = int(rank([list(r) for r in M], proof=True).value) == len(M)
    ys = lemma_8_5_points(M, c, net)
    hyps = [("theta nice (exactsep's proxy: generic witness conditions and general position)",
             bool(q.generic and gp is not False), q.describe()),
            ("dim_fun(theta) realised on a finite set of the open positive orthant with nonzero labels "
             "(dim_fun+ = dim_fun)", fd.certified and plus == fd.value, f"dim_fun = {fd.value}, dim_fun+ = {plus}"),
            ("A surjective (rank n1, so n0 >= n1)", surj, f"rank {len(M) if surj else '< n1'}"),
            ("Lemma 8.5: every row of A nonzero and, for each k, y_k in the open positive orthant with (i)-(iv)",
             all(y is not None for y in ys), f"y_k = {ys}")]
    return hyps, fd.value, ys


def _t87_outcome(inst, orthant: bool):
    from ...relu import functional_dimension
    from ...relu.precompose import compose_first_layer, positive_orthant_dimension
    hyps, d_theta, ys = _t87_hypotheses(inst)
    applies = all(h for _, h, _ in hyps)
    comp = compose_first_layer(inst["M"], inst["c"], inst["theta_widths"], inst["theta"])
    fd = functional_dimension(comp, cheap_points=0)
    plus, _ = positive_orthant_dimension(comp)
    n0, n1 = int(inst["n0"]), int(inst["theta_widths"][0])
    target = n0 * n1 + d_theta
    equality = fd.certified and fd.value == target
    conclusion = equality and (plus == target or not orthant)
    extra = {}
    if orthant and applies and not conclusion:
        extra["scope"] = (
            f"every hypothesis of the restatement holds (decided exactly) and dim_fun(A, theta) = n0 n1 + dim_fun(theta) "
            f"= {target}, but on the open positive orthant of R^n0 the rank is only {plus}: ReLU(A(.)) maps that orthant "
            f"onto part of theta's input space, missing regions that theta's realising set Z1 needs. This contradicts "
            f"the blog's restatement of Theorem 8.7 (the paper's own statement could not be read; it may carry a "
            f"hypothesis the restatement omits, such as Z1 inside ReLU(A(orthant)))"
            if equality else f"dim_fun(A, theta) = {fd.value} != {target}")
    check = ("hypotheses of Theorem 8.7 decided exactly; if all hold: dim_fun(A, theta) == n0 n1 + dim_fun(theta)"
             + (" == dim_fun+(A, theta) (realised in the open positive orthant)" if orthant else ""))
    return outcome((not applies) or conclusion, check, applies=applies,
                   failed_hypotheses=[n for n, h, _ in hyps if not h], details={n: d for n, _, d in hyps},
                   lemma_8_5_points=ys, dim_theta=d_theta, dim_composite=fd.value, dim_composite_positive_orthant=plus,
                   n0_n1_plus_dim_theta=target, **extra)


_T87_HYP = ("theta nice: exactsep's proxy (exactsep.relu.quality generic and the general-position checks)",
            "dim_fun+(theta) = dim_fun(theta) (a realising set in the open positive orthant, nonzero labels)",
            "A surjective", "Lemma 8.5 (i)-(iv) with every y_k in the open positive orthant",
            "n0 <= 2 (the existence of y_k is decided exactly on the line row_k = 0)")
_T87_STATEMENT = ("[GLMW] Theorem 8.7, one step: let theta be a nice parameter of architecture (n1, ..., nd) whose "
                  "functional dimension is realised on a finite set of the open positive orthant with nonzero labels, "
                  "and A: R^n0 -> R^n1 a surjective affine map satisfying Lemma 8.5 (every row nonzero; for each k a "
                  "point y_k of the open positive orthant with row k of A zero at y_k, the other rows nonzero, every "
                  "neuron of theta nonzero at ReLU(A y_k), and the k-th column of the input Jacobian of F_theta there "
                  "nonzero). Then dim_fun(A, theta) = n0 n1 + dim_fun(theta)")
_T87_TAIL = (" Checked on n0 <= 2 with every hypothesis decided exactly ('nice' by exactsep's genericity conditions); "
             "an instance whose hypotheses fail is vacuous and says which fails.")


@claim(id="fundim.precomposition-theorem-8-7", scope=_n0_scope,
       statement=_T87_STATEMENT + "." + _T87_TAIL,
       hypotheses=_T87_HYP,
       provenance="[secondary] ([GLMW] Theorem 8.7 as restated in a blog post; the exact checks are exactsep's)",
       source=f"docs/theory/fundim.md, 'When U is attained'. Stated in: {BLOG}",
       instances=_t87_instances, requires=("exactsep.relu.precompose",),
       verify=lambda cert: _t87_verify(cert), family=lambda inst: f"n0 = {inst['n0']}, theta {inst['theta_widths']}",
       size=lambda inst: (inst["n0"], sum(inst["theta_widths"]), len(str(inst))))
def precomposition_theorem_8_7(inst):
    return _t87_outcome(inst, orthant=False)


@claim(id="fundim.precomposition-theorem-8-7-orthant", scope=_n0_scope,
       statement="(As restated, with its last clause.) " + _T87_STATEMENT + ", and this value is realised on a finite "
                 "set Z of the open positive orthant of R^n0 with nonzero labels (dim_fun+(A, theta) = n0 n1 + "
                 "dim_fun(theta))." + _T87_TAIL + " Registered as refuted: exactsep finds instances meeting every "
                 "hypothesis where the orthant does not suffice.",
       hypotheses=_T87_HYP,
       provenance="[secondary] (the blog post's restatement of [GLMW] Theorem 8.7); refuted as restated by exactsep "
                  "[derived ✓]",
       source=f"docs/theory/fundim.md, 'When U is attained'. Stated in: {BLOG}",
       expect="refuted", instances=_t87_instances, requires=("exactsep.relu.precompose",),
       verify=lambda cert: _t87_verify(cert), family=lambda inst: f"n0 = {inst['n0']}, theta {inst['theta_widths']}",
       size=lambda inst: (inst["n0"], sum(inst["theta_widths"]), len(str(inst))))
def precomposition_theorem_8_7_orthant(inst):
    return _t87_outcome(inst, orthant=True)


def _t87_verify(cert) -> List[str]:
    """The composite's functional dimension re-derived by the slow exact Jacobian (parameter_jacobian) at n0 + 1 points
    of every region of an LP region enumeration, and every y_k re-checked by exact evaluation."""
    from ...linalg import rank
    from ...nets.jacobian import parameter_jacobian
    from ...relu.precompose import compose_first_layer, input_jacobian
    from ...relu.regions import enumerate_regions
    from ...nets import Network
    inst, c = cert["instance"], cert["computed"]
    comp = compose_first_layer(inst["M"], inst["c"], inst["theta_widths"], inst["theta"])
    R = enumerate_regions(comp, method="lp")
    pts = [list(p) for r in R.regions if not r.has_zero_neuron for p in r.points]
    r = int(rank(parameter_jacobian(comp, pts), proof=True).value) if pts else 0
    if not any(reg.has_zero_neuron for reg in R.regions) and r != int(c["dim_composite"]):
        raise CertificateError(f"the slow exact Jacobian on an LP enumeration gives dim_fun(A, theta) = {r}, the "
                               f"certificate says {c['dim_composite']}")
    msgs = [f"dim_fun(A, theta) = {r} re-derived by parameter_jacobian on {len(R.regions)} LP-enumerated regions"]
    if c["applies"]:
        net = Network.from_flat(inst["theta_widths"], inst["theta"])
        for k, y in enumerate(c["lemma_8_5_points"]):
            msgs.append(f"y_{k + 1} = {y}: " + _recheck_y(inst["M"], inst["c"], net, y, k))
    return msgs


def _recheck_y(M, cvec, net, y, k) -> str:
    """Lemma 8.5 (i)-(iv) at y re-checked by exact evaluation; the k-th partial derivative of F_theta by an exact
    difference quotient over a step on which the pattern does not change (F is affine there)."""
    from ...numbers import exact_vector
    y = [Fraction(v) for v in exact_vector(y)]
    z = [sum((Fraction(a) * v for a, v in zip(row, y)), Fraction(0)) + Fraction(ci) for row, ci in zip(M, cvec)]
    if not all(v > 0 for v in y) or z[k] != 0 or any(z[j] == 0 for j in range(len(z)) if j != k):
        raise CertificateError(f"y_{k + 1} = {y} violates positivity, (i) or (ii)")
    u = [max(v, Fraction(0)) for v in z]
    pat = net.pattern(u)
    if any(s == 0 for layer in pat for s in layer):
        raise CertificateError(f"y_{k + 1}: a neuron of theta vanishes at ReLU(A y) (iii)")
    h = Fraction(1)
    for _ in range(200):
        up = list(u)
        up[k] += h
        mid = list(u)
        mid[k] += h / 2
        if net.pattern(up) == pat and net.pattern(mid) == pat:
            break
        h /= 2
    up = list(u)
    up[k] += h
    diff = [(Fraction(a) - Fraction(b)) / h for a, b in zip(net(up), net(u))]
    if all(v == 0 for v in diff):
        raise CertificateError(f"y_{k + 1}: the k-th partial derivative of F_theta vanishes (iv)")
    return f"(i)-(iii) by exact evaluation, (iv) by an exact difference quotient {diff}"
