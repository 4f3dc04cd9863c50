"""The space-folding authors' own statements, put to the test (docs/theory/folding.md, "Properties" and
"Convexity of unions of regions").

The first author's talk *On Space Folding by Neural Networks* (Tromsø, 12 May 2026; the PDF
``slides/space-folding-tromso-2026.pdf`` of the GitHub repository
``michalmariuszlewandowski/michalmariuszlewandowski.github.io``) lists properties of chi on its PDF page 10
(the slide numbered 14), Lemma 1 on PDF page 7 and the walk-refinement lemma on PDF page 17; the project
page of the AAAI 2026 paper (``posts/exploiting-space-folding.html`` in the same repository, commit a2f242f,
section "What we establish in this paper") lists the same structural properties. These are the authors'
talks and web pages: provenance ``[secondary]``. Each statement is registered here with its exact check, an
independent verification, and instances that exactsep searches for (random networks and segments,
hypothesis strategies, witness searches preferring generic parameters); the proofs given in the statements
are exactsep's own (``[derived ✓]`` once checked).

One statement is false as stated: the Proposition that ``d_chi(x1, x2) = (chi(Gamma(x1, x2)) +
chi(Gamma(x2, x1))) / 2`` is a pseudo-metric (``folding.d-chi-pseudo-metric``, registered with
``expect="refuted"``); on one hidden layer it holds trivially (``folding.d-chi-one-hidden-layer``).
"""
from __future__ import annotations

import random
from fractions import Fraction
from itertools import combinations
from typing import Any, List, Optional, Sequence

from ...errors import CertificateError, ExactsepError
from ...numbers import exact_vector, normalize, to_json_number
from ..registry import claim, outcome
from ..sampling import random_rational_vector
from . import net_scope
from .folding import _bits

__all__ = ["SLIDES", "AAAI_PAGE", "stability", "asymmetry_exists", "flatness_invariance",
           "sub_additivity_fails", "super_additivity_fails", "chi_zero_iff_r1_equals_r2", "closed_walk_half",
           "closed_walk_full_bits", "d_chi_pseudo_metric", "d_chi_one_hidden_layer", "hamming_convexity_lemma",
           "hamming_convexity_deep", "walk_refinement", "walk_refinement_any_order"]

REPO = "GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io"
SLIDES = (f"M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, "
          f"slides/space-folding-tromso-2026.pdf in the {REPO}")
AAAI_PAGE = (f"the project page of M. Lewandowski et al., 'Exploiting Space Folding by Neural Networks', AAAI 2026: "
             f"posts/exploiting-space-folding.html in the {REPO} (commit a2f242f; removed from the site in commit "
             f"f2814af)")
PROPS = f"{SLIDES}, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties')"
THEORY = "docs/theory/folding.md, 'Properties'"
CONVEX = "docs/theory/folding.md, 'Convexity of unions of regions'"
REQ = ("exactsep.folding:fold",)


# ----------------------------------------------------------------------------- helpers
def _net(inst):
    from ...nets import Network
    return Network.from_flat(inst["widths"], inst["theta"])


def _layers(inst):
    S = inst.get("layers")
    return None if S is None else [int(l) for l in S]


# ----------------------------------------------------------------------------- scope predicates
def _closed_walk_scope(inst) -> Optional[str]:
    """folding.closed-walk-chi-at-least-half: the walk over the chosen bits starts and ends on the same pattern
    and leaves it (r2 >= 1), decided on the exact walk."""
    why = net_scope(inst, hidden_min=1)
    if why:
        return why
    r = _fold(_net(inst), inst["x1"], inst["x2"], _layers(inst))
    if r.walk[0] != r.walk[-1]:
        return "the walk is not closed (pi_1 != pi_n)"
    if r.r2 < 1:
        return "the walk never leaves pi_1 (r2 = 0)"
    return None


def _same_pattern_scope(inst) -> Optional[str]:
    """folding.closed-walk-full-bits: pi(x1) = pi(x2) over the bits of every hidden layer."""
    why = net_scope(inst, hidden_min=1)
    if why:
        return why
    if inst.get("layers") is not None:
        return "the claim is about the bits of every hidden layer (no 'layers' subset)"
    net = _net(inst)
    if _bits(net.pattern(inst["x1"])) != _bits(net.pattern(inst["x2"])):
        return "pi(x1) != pi(x2): the segment's endpoints have different activation patterns"
    return None


def _published_scope(inst) -> Optional[str]:
    """folding.walk-refinement: a walk of 0/1 strings of one length; 'published' only on the talk's walk."""
    W = inst.get("walk")
    if not (isinstance(W, list) and len(W) >= 1 and all(isinstance(p, str) and p and set(p) <= {"0", "1"}
                                                         for p in W) and len({len(p) for p in W}) == 1):
        return "the walk is not a list of 0/1 strings of one length"
    if inst.get("published") and W != PUBLISHED_REFINEMENT["walk"]:
        return (f"'published' marks the talk's example walk {PUBLISHED_REFINEMENT['walk']}; this walk is another "
                f"(its published values do not apply)")
    return None


def _lines_scope(inst) -> Optional[str]:
    L = inst.get("lines")
    if not (isinstance(L, list) and 1 <= len(L) <= 4):
        return f"the lemma is checked on arrangements of 1 to 4 lines, not {len(L) if isinstance(L, list) else L!r}"
    return None


def _archs_scope(inst) -> Optional[str]:
    A = inst.get("archs")
    if not (isinstance(A, list) and A):
        return "archs is not a non-empty list of architectures"
    for w in A:
        why = net_scope({"widths": w}, hidden_min=1, n0=1)
        if why:
            return why
    return None


def _fold(net, x1, x2, layers=None):
    from ...folding import fold
    return fold(net, x1, x2, layers=layers)


def raw_r1_r2(walk: Sequence[Sequence[int]]):
    """``r1``, ``r2`` of a walk by the definition, WITHOUT removing repeated patterns."""
    d = lambda a, b: sum(1 for x, y in zip(a, b) if x != y)
    r1 = max((d(walk[0], p) for p in walk), default=0)
    r2 = sum(d(walk[i], walk[i + 1]) for i in range(len(walk) - 1))
    return r1, r2


def _chi(r1, r2):
    return Fraction(r2 - r1, r2) if r2 else Fraction(0)


def _deep_segments(level, rng, n_quick=10, n_full=80, subsets=True, n0_max=2):
    """Random ReLU networks with two or three hidden layers and segments; sometimes the bits of one layer."""
    out = []
    for _ in range(n_quick if level == "quick" else n_full):
        n0 = rng.randint(1, n0_max)
        hidden = [rng.randint(1, 4) for _ in range(rng.randint(2, 3))]
        widths = [n0] + hidden + [1]
        D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
        theta = random_rational_vector(rng, D, max_abs=3, max_den=2)
        x1 = random_rational_vector(rng, n0, max_abs=6, max_den=2)
        x2 = random_rational_vector(rng, n0, max_abs=6, max_den=2)
        if x1 == x2:
            x2 = [v + 1 for v in x2]
        inst = {"widths": widths, "theta": theta, "x1": x1, "x2": x2}
        if subsets and rng.random() < 0.4:
            inst["layers"] = sorted(rng.sample(range(len(hidden)), rng.randint(1, len(hidden) - 1)))
        out.append(inst)
    return out


def _deep_strategy(subsets=True):
    def make():
        import hypothesis.strategies as st
        from ...strategies import rationals

        @st.composite
        def inst(draw):
            n0 = draw(st.integers(1, 2))
            hidden = draw(st.lists(st.integers(1, 3), min_size=2, max_size=3))
            widths = [n0] + hidden + [1]
            D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
            w = rationals(max_numerator=3, max_denominator=2)
            x1 = draw(st.lists(w, min_size=n0, max_size=n0))
            out = {"widths": widths, "theta": draw(st.lists(w, min_size=D, max_size=D)), "x1": x1,
                   "x2": draw(st.lists(w, min_size=n0, max_size=n0).filter(lambda v: v != x1))}
            if subsets and draw(st.booleans()):
                out["layers"] = sorted(draw(st.sets(st.integers(0, len(hidden) - 1), min_size=1,
                                                    max_size=len(hidden))))
            return out
        return inst()
    return make


def _family(inst):
    fam = f"{len(inst['widths']) - 2} hidden layers"
    return fam + (", layer subset" if inst.get("layers") is not None else "")


def _size(inst):
    return (len(inst["widths"]), sum(inst["widths"]), len(str(inst)))


def _midpoint_walk(net, x1, x2, layers=None):
    """The walk re-read by exact evaluation: breakpoints of each layer found by direct root finding of the
    affine pre-activations piece by piece (independent of exactsep.nets.segment), patterns at the endpoints
    and at the midpoint of every piece."""
    from ...numbers import exact_vector
    a, b = exact_vector(x1), exact_vector(x2)
    point = lambda t: [(1 - t) * u + t * v for u, v in zip(a, b)]
    ts = [Fraction(0), Fraction(1)]
    for depth in range(len(net.layers) - 1):
        new = set(ts)
        for lo, hi in zip(ts, ts[1:]):
            # on (lo, hi) the layers before `depth` have a fixed pattern, so layer `depth` is affine in t:
            # evaluate it at two interior points and solve for its zeros
            p, q = lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3
            zp = net.preactivations(point(p))[depth]
            zq = net.preactivations(point(q))[depth]
            for u, w in zip(zp, zq):
                if u != w:
                    t = p + (q - p) * (-u) / (w - u)
                    if lo < t < hi:
                        new.add(t)
        ts = sorted(new)
    pts = [ts[0]] + [(ts[i] + ts[i + 1]) / 2 for i in range(len(ts) - 1)] + [ts[-1]]
    chosen = range(len(net.layers) - 1) if layers is None else layers
    walk = []
    for t in pts:
        pat = net.pattern(point(t))
        walk.append(tuple(1 if s > 0 else 0 for l in chosen for s in pat[l]))
    return walk


def _dedupe(walk):
    out = []
    for p in walk:
        if not out or out[-1] != tuple(p):
            out.append(tuple(p))
    return out


def _verify_walk(cert, key_chi="chi", key_rev="chi_reverse") -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    net = _net(inst)
    w = _dedupe(_midpoint_walk(net, inst["x1"], inst["x2"], _layers(inst)))
    r1, r2 = raw_r1_r2(w)
    q1, _ = raw_r1_r2(w[::-1])
    chi, rev = _chi(r1, r2), _chi(q1, r2)
    if str(normalize(chi)) != str(c[key_chi]) or str(normalize(rev)) != str(c[key_rev]):
        raise CertificateError(f"the walk re-read by direct root finding and midpoint evaluation gives chi = {chi}, "
                               f"reverse {rev}; the certificate says {c[key_chi]}, {c[key_rev]}")
    return [f"walk re-read by direct root finding per layer and exact evaluation at piece midpoints: "
            f"r1 = {r1}, r2 = {r2}, chi = {chi}, reverse {rev}"]


# ----------------------------------------------------------------------------- 1. stability
def _stability_instances(level, rng):
    out = _deep_segments(level, rng)
    for inst in out:
        inst["repeats"] = rng.randint(2, 4)
        inst["sample_seed"] = rng.randint(0, 10 ** 6)
    return out


def _sampled_raw_walk(net, inst, part_breakpoints):
    """Several exact samples inside every open piece (and both endpoints), repeats kept."""
    from ...numbers import exact_vector
    rng = random.Random(int(inst.get("sample_seed", 0)))
    a, b = exact_vector(inst["x1"]), exact_vector(inst["x2"])
    ts = [Fraction(0)] + [Fraction(t) for t in part_breakpoints] + [Fraction(1)]
    samples = [Fraction(0)]
    for lo, hi in zip(ts, ts[1:]):
        k = rng.randint(1, int(inst.get("repeats", 2)))
        samples.extend(sorted(lo + (hi - lo) * Fraction(rng.randint(1, 97), 98) for _ in range(k)))
    samples.append(Fraction(1))
    S = _layers(inst)
    chosen = range(len(net.layers) - 1) if S is None else S
    walk = []
    for t in samples:
        pat = net.pattern([(1 - t) * u + t * v for u, v in zip(a, b)])
        walk.append(tuple(1 if s > 0 else 0 for l in chosen for s in pat[l]))
    return walk


def _stability_strategy():
    import hypothesis.strategies as st
    return st.tuples(_deep_strategy()(), st.integers(1, 4), st.integers(0, 10 ** 6)).map(
        lambda t: dict(t[0], repeats=t[1], sample_seed=t[2]))


@claim(id="folding.stability", scope=net_scope,
       statement="Stability: several samples in the same linear region do not change r1, r2 or chi. Exactly: for "
                 "every ReLU network and segment, a sampled walk that takes one or more samples in every open "
                 "piece of the exact segment partition (and both endpoints), with its repeated patterns KEPT, "
                 "has the r1, r2 and chi of the exact walk (a repeated pattern adds d_H = 0 to r2 and no new "
                 "distance to r1).",
       hypotheses=("ReLU hidden layers; bits of every hidden layer or of a chosen subset of layers",
                   "samples strictly inside the pieces, at least one per piece, plus both endpoints",
                   "r1, r2 computed by the definition on the walk with repetitions (no de-duplication)"),
       provenance="[secondary] (the authors' talk and AAAI project page); the one-line proof is [derived ✓]",
       source=f"{THEORY} (item 1). Stated in: {PROPS}, property 1 ('[Stability] Multiple steps in the same linear "
              f"region do not influence its values'); {AAAI_PAGE}, section 'What we establish in this paper'",
       instances=_stability_instances, strategy=lambda: _stability_strategy(), requires=REQ, family=_family,
       size=_size,
       verify=lambda cert: _verify_walk(cert, "exact_chi", "exact_chi_reverse"))
def stability(inst):
    net = _net(inst)
    r = _fold(net, inst["x1"], inst["x2"], _layers(inst))
    from ...nets.segment import segment_partition
    bps = segment_partition(net, inst["x1"], inst["x2"]).breakpoints
    walk = _sampled_raw_walk(net, inst, bps)
    r1, r2 = raw_r1_r2(walk)
    chi = _chi(r1, r2)
    ok = (r1, r2) == (r.r1, r.r2) and chi == Fraction(r.chi)
    return outcome(ok, "r1, r2, chi of the sampled walk with repeats kept == those of the exact walk (exactsep.folding.fold)",
                   samples=len(walk), repeated_steps=sum(1 for i in range(len(walk) - 1) if walk[i] == walk[i + 1]),
                   sampled_r1=r1, sampled_r2=r2, sampled_chi=chi, exact_r1=r.r1, exact_r2=r.r2, exact_chi=r.chi,
                   exact_chi_reverse=r.chi_reverse)


# ----------------------------------------------------------------------------- 3. flatness invariance
@claim(id="folding.flatness-invariance", scope=net_scope,
       statement="Flatness invariance: chi(Gamma) = 0 iff chi(-Gamma) = 0 for every ReLU network and segment. Proof: "
                 "with r2 >= 1, chi = 0 iff r1 = r2, i.e. the farthest pattern is reached after the whole length, "
                 "so the walk is a shortest Hamming path from pi_1 to pi_n; the reversed walk is a shortest path "
                 "from pi_n to pi_1, so chi(-Gamma) = 0; and r2 = 0 gives chi = 0 both ways.",
       hypotheses=("ReLU hidden layers; bits of every hidden layer or of a chosen subset of layers",
                   "the exact walk (consecutive duplicates removed); chi = 0 when r2 = 0 (the authors' code's "
                   "convention)"),
       provenance="[secondary] (the authors' talk and AAAI project page); the proof is [derived ✓]",
       source=f"{THEORY} (item 3). Stated in: {PROPS}, property 3 ('[Flatness Invariance]'); {AAAI_PAGE}, "
              f"section 'What we establish in this paper' ('invariance of flatness under path reversal')",
       instances=lambda level, rng: _deep_segments(level, rng, 12, 120), strategy=_deep_strategy(),
       verify=_verify_walk, requires=REQ, family=_family, size=_size)
def flatness_invariance(inst):
    r = _fold(_net(inst), inst["x1"], inst["x2"], _layers(inst))
    return outcome((r.chi == 0) == (r.chi_reverse == 0), "exactsep.folding.fold: (chi == 0) == (chi_reverse == 0)",
                   chi=r.chi, chi_reverse=r.chi_reverse, r1=r.r1, r1_reverse=r.r1_reverse, r2=r.r2)


# ----------------------------------------------------------------------------- edge case: chi = 0 iff r1 = r2
@claim(id="folding.chi-zero-iff-r1-equals-r2", scope=net_scope,
       statement="Edge case: chi(Gamma) = 0 if r1(Gamma) = r2(Gamma), and conversely when r2 >= 1 (chi = 1 - r1/r2); "
                 "for every ReLU network and segment, exactsep.folding's chi agrees with the definition on the exact "
                 "walk.",
       hypotheses=("ReLU hidden layers; bits of every hidden layer or of a chosen subset of layers",
                   "the exact walk; chi = 0 when r2 = 0 (then r1 = r2 = 0)"),
       provenance="[secondary] (the authors' talk); immediate from the definition [derived ✓]",
       source=f"{THEORY} (item 5). Stated in: {PROPS}, 'Edge cases' ('chi(Gamma) = 0 if r1(Gamma) = r2(Gamma)')",
       instances=lambda level, rng: _deep_segments(level, rng, 10, 80), strategy=_deep_strategy(),
       verify=_verify_walk, requires=REQ, family=_family, size=_size)
def chi_zero_iff_r1_equals_r2(inst):
    r = _fold(_net(inst), inst["x1"], inst["x2"], _layers(inst))
    ok = (r.chi == 0) == (r.r1 == r.r2) and Fraction(r.chi) == _chi(r.r1, r.r2)
    return outcome(ok, "(chi == 0) == (r1 == r2) and chi == 1 - r1/r2 (0 when r2 = 0)", chi=r.chi,
                   chi_reverse=r.chi_reverse, r1=r.r1, r2=r.r2)


# ----------------------------------------------------------------------------- edge case: closed walks
def _closed_instances(level, rng):
    """Searched: segments whose walk over a subset of layers starts and ends on the same pattern (possible only
    with layer subsets, see folding.closed-walk-full-bits): a random network, a long segment, and endpoints
    chosen in two pieces whose subset patterns agree."""
    from ...nets import Network
    out = []
    target = 8 if level == "quick" else 60
    tries = 0
    while len(out) < target and tries < 40 * target:
        tries += 1
        n0 = rng.randint(1, 2)
        hidden = [rng.randint(1, 3) for _ in range(rng.randint(2, 3))]
        widths = [n0] + hidden + [1]
        D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
        theta = random_rational_vector(rng, D, max_abs=3, max_den=2)
        net = Network.from_flat(widths, theta)
        a = random_rational_vector(rng, n0, max_abs=8, max_den=1)
        b = random_rational_vector(rng, n0, max_abs=8, max_den=1)
        if a == b:
            continue
        S = sorted(rng.sample(range(len(hidden)), rng.randint(1, len(hidden) - 1)))
        pairs = _closed_pairs(net, a, b, S)
        if not pairs:
            continue
        x1, x2 = rng.choice(pairs)
        out.append({"widths": widths, "theta": theta, "x1": x1, "x2": x2, "layers": S})
    return out


def _closed_pairs(net, a, b, S):
    """Endpoint pairs (x1, x2) of closed walks on the segment [a, b]: midpoints of two pieces whose patterns over
    the layers S agree, with a different pattern between them (pieces in order)."""
    from ...nets.segment import segment_partition
    part = segment_partition(net, a, b)
    pats = [tuple(1 if s > 0 else 0 for l in S for s in pc.pattern[l]) for pc in part.pieces]

    def inside(pc):
        lo, hi = Fraction(pc.t_lo), Fraction(pc.t_hi)
        t = lo + (hi - lo) / 2
        return [normalize((1 - t) * Fraction(u) + t * Fraction(v)) for u, v in zip(a, b)]
    return [(inside(part.pieces[i]), inside(part.pieces[j])) for i in range(len(pats)) for j in range(i + 2, len(pats))
            if pats[i] == pats[j] and len(set(pats[i:j + 1])) > 1]


def _closed_from(inst):
    """The instance moved into folding.closed-walk-chi-at-least-half's scope, or None: endpoints inside the first
    two pieces of the segment whose subset patterns agree with a different pattern between them."""
    u0, v0 = exact_vector(inst["x1"]), exact_vector(inst["x2"])
    a = [u - 8 * (v - u) for u, v in zip(u0, v0)]            # a long segment through x1 and x2
    b = [v + 8 * (v - u) for u, v in zip(u0, v0)]
    h = len(inst["widths"]) - 2
    S = inst.get("layers") or list(range(max(h - 1, 1)))
    pairs = _closed_pairs(_net(inst), a, b, S)
    if not pairs:
        return None
    out = dict(inst, x1=pairs[0][0], x2=pairs[0][1], layers=S)
    return out if _closed_walk_scope(out) is None else None


def _closed_strategy():
    return _deep_strategy(subsets=True)().map(_closed_from).filter(lambda i: i is not None)


def _same_pattern_from(inst):
    """The instance moved into folding.closed-walk-full-bits' scope, or None: x2 moved to the middle of the first
    piece of the segment, when x1 lies inside that piece's region."""
    from ...nets.segment import segment_partition
    net, a, b = _net(inst), inst["x1"], inst["x2"]
    part = segment_partition(net, a, b)
    t = Fraction(part.pieces[0].t_hi) / 2
    out = dict(inst, x2=[normalize((1 - t) * Fraction(u) + t * Fraction(v)) for u, v in zip(a, b)])
    return out if _same_pattern_scope(out) is None else None


@claim(id="folding.closed-walk-chi-at-least-half", scope=_closed_walk_scope,
       statement="Edge case: chi(Gamma) >= 1/2 when the walk starts and ends on the same pattern and leaves it "
                 "(r2 >= 1). Proof: every pattern pi_k is reached from pi_1 and returns to pi_n = pi_1, so "
                 "2 d_H(pi_1, pi_k) <= r2, hence r1 <= r2 / 2. Such walks occur on straight segments only with "
                 "the bits of a subset of layers (folding.closed-walk-full-bits); there the statement holds.",
       hypotheses=("ReLU hidden layers; the bits of a subset of the hidden layers (a straight segment)",
                   "pi_1 = pi_n (the walk is closed)",
                   "r2 >= 1: the walk leaves pi_1 (a segment inside one region has chi = 0 by the authors' code's "
                   "convention, so the edge case needs this)"),
       provenance="[secondary] (the authors' talk); the proof and the scope are [derived ✓]",
       source=f"{THEORY} (item 5). Stated in: {PROPS}, 'Edge cases' ('chi(Gamma) >= 1/2 if the path Gamma starts "
              f"and finishes in the same activation pattern pi_1')",
       instances=_closed_instances, strategy=_closed_strategy, verify=_verify_walk, requires=REQ,
       family=_family, size=_size)
def closed_walk_half(inst):
    r = _fold(_net(inst), inst["x1"], inst["x2"], _layers(inst))
    closed = r.walk[0] == r.walk[-1]
    applies = closed and r.r2 >= 1
    ok = (not applies) or Fraction(r.chi) >= Fraction(1, 2)
    return outcome(ok, "closed walk with r2 >= 1 => chi >= 1/2 (vacuous otherwise)", closed=closed, applies=applies,
                   chi=r.chi, chi_reverse=r.chi_reverse, r1=r.r1, r2=r.r2)


def _full_closed_instances(level, rng):
    """Segments between two points of one activation region (so pi(x1) = pi(x2) for the bits of every layer),
    from the exact region enumeration, and random segments."""
    from ...nets import Network
    from ...relu.regions import enumerate_regions
    out = []
    n = 8 if level == "quick" else 60
    while len(out) < n:
        n0 = rng.randint(1, 2)
        hidden = [rng.randint(1, 3) for _ in range(rng.randint(2, 3))]
        widths = [n0] + hidden + [1]
        D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
        theta = random_rational_vector(rng, D, max_abs=3, max_den=2)
        R = enumerate_regions(Network.from_flat(widths, theta), max_regions=400)
        reg = rng.choice(R.regions)
        p, q = rng.sample(list(reg.points), 2)
        out.append({"widths": widths, "theta": theta, "x1": list(p), "x2": list(q)})
    return out


@claim(id="folding.closed-walk-full-bits", scope=_same_pattern_scope,
       statement="With the bits of every hidden layer, a straight segment whose walk starts and ends on the same "
                 "pattern never leaves it (r2 = 0, chi = 0): with the pattern fixed every pre-activation is affine, "
                 "so the set of points with one full pattern is convex and contains the whole segment. So the "
                 "edge case 'chi >= 1/2 for closed walks' concerns layer subsets or paths that are not straight.",
       hypotheses=("ReLU hidden layers; the bits of every hidden layer", "a straight segment with pi(x1) = pi(x2)"),
       provenance="[derived ✓]",
       source=f"{THEORY} (derived properties: 'No region is revisited')",
       instances=_full_closed_instances,
       strategy=lambda: _deep_strategy(subsets=False)().map(_same_pattern_from).filter(lambda i: i is not None),
       verify=_verify_walk, requires=REQ,
       family=_family, size=_size)
def closed_walk_full_bits(inst):
    r = _fold(_net(inst), inst["x1"], inst["x2"])
    closed = r.walk[0] == r.walk[-1]
    return outcome((not closed) or r.r2 == 0, "pi(x1) == pi(x2) (all layers) => r2 == 0", closed=closed, r2=r.r2,
                   chi=r.chi, chi_reverse=r.chi_reverse)


# ----------------------------------------------------------------------------- existence: asymmetry, non-additivity
_ARCHS = [[1, 2, 1, 1], [1, 3, 1, 1], [1, 2, 2, 1], [1, 3, 2, 1], [1, 2, 2, 2, 1], [1, 3, 3, 1]]


def _points_1d(rng, k):
    pts = set()
    while len(pts) < k:
        pts.add(normalize(Fraction(rng.randint(-12, 12), rng.randint(1, 2))))
    return [[p] for p in sorted(pts)]


def _off_bent_hyperplanes(net, pts) -> bool:
    """True when no hidden pre-activation vanishes at any of the points (endpoints inside regions)."""
    return all(s != 0 for p in pts for layer in net.pattern(p) for s in layer)


def _piece_walk(widths, theta, lo=-16, hi=16):
    """The pieces of the segment [lo, hi] of the real line: (a rational point inside, its hidden bit pattern)."""
    from ...nets import Network
    from ...nets.segment import segment_partition
    net = Network.from_flat(widths, theta)
    part = segment_partition(net, [lo], [hi])
    out = []
    for pc in part.pieces:
        a, b = Fraction(pc.t_lo), Fraction(pc.t_hi)
        t = a + (b - a) / 2
        x = normalize(lo + t * (hi - lo))
        out.append(([x], tuple(1 if s > 0 else 0 for layer in pc.pattern for s in layer)))
    return out


def _sub_chi(pats):
    from ...folding import walk_stats
    return Fraction(walk_stats(pats).chi), Fraction(walk_stats(pats[::-1]).chi)


def _searched_points(kind):
    """Points chosen from the exact pieces of a long segment so that the sub-walks have the property (asymmetry,
    interaction > 0 or < 0), computed from the pattern sequence alone; random points when none qualifies."""
    def draw(rng, widths, theta):
        pcs = _piece_walk(widths, theta)
        pats = [p for _, p in pcs]
        n = len(pcs)
        cands = []
        if kind == "asymmetry":
            for i in range(n):
                for k in range(i + 2, n):
                    c, r = _sub_chi(pats[i:k + 1])
                    if c != r:
                        cands.append([pcs[i][0], pcs[k][0]])
        else:
            for i in range(n):
                for k in range(i + 2, n):
                    c13, _ = _sub_chi(pats[i:k + 1])
                    for j in range(i + 1, k):
                        I = c13 - _sub_chi(pats[i:j + 1])[0] - _sub_chi(pats[j:k + 1])[0]
                        if (I > 0 and kind == "sub") or (I < 0 and kind == "super"):
                            cands.append([pcs[i][0], pcs[j][0], pcs[k][0]])
        if cands:
            return rng.choice(cands)
        return _points_1d(rng, 2 if kind == "asymmetry" else 3)
    return draw


def _shrink_points(extra):
    from ...relu.quality import smaller_height_values
    out = []
    for i, p in enumerate(extra):
        for v in smaller_height_values(p[0], limit=4):
            cand = [list(q) for q in extra]
            cand[i] = [v]
            if len({q[0] for q in cand}) == len(cand):
                out.append(cand)
    return out


def _witness_candidates(level, rng):
    n = 2 if level == "quick" else 5
    return [{"archs": _ARCHS[:4] if level == "quick" else _ARCHS, "draws": 40 if level == "quick" else 150,
             "seed": rng.randint(0, 10 ** 6)} for _ in range(n)]


def _witness_outcome(found, check, values):
    if found is None:
        return outcome(False, check, witness=None, witness_quality=None, tried=None)
    w = {"widths": found["widths"], "theta": found["theta"], "points": found["extra"]}
    return outcome(True, check, witness=w, witness_quality=found["quality"], tried=found["tried"],
                   **values(found))


def _witness_verify(recompute):
    def verify(cert) -> List[str]:
        from ..witnesses import recheck_quality
        c = cert["computed"]
        if c.get("witness") is None:
            return ["no witness in this candidate"]
        w = c["witness"]
        msgs = recompute(w, c)
        msgs += recheck_quality(w["widths"], w["theta"], c["witness_quality"])
        return msgs
    return verify


def _chis_by_midpoints(widths, theta, x1, x2):
    from ...nets import Network
    net = Network.from_flat(widths, theta)
    w = _dedupe(_midpoint_walk(net, x1, x2))
    r1, r2 = raw_r1_r2(w)
    q1, _ = raw_r1_r2(w[::-1])
    return _chi(r1, r2), _chi(q1, r2)


def _asym_property(widths, theta, extra):
    from ...nets import Network
    net = Network.from_flat(widths, theta)
    r = _fold(net, extra[0], extra[1])
    return (r.chi != r.chi_reverse and _off_bent_hyperplanes(net, extra),
            {"chi": r.chi, "chi_reverse": r.chi_reverse})


def _asym_recompute(w, c):
    chi, rev = _chis_by_midpoints(w["widths"], w["theta"], *w["points"])
    if chi == rev or str(chi) != str(c["chi"]) or str(rev) != str(c["chi_reverse"]):
        raise CertificateError(f"direct root finding and midpoint evaluation give chi = {chi}, reverse {rev}")
    return [f"independent walk (direct roots, midpoint evaluation): chi = {chi} != chi_reverse = {rev}"]


@claim(id="folding.asymmetry-exists", scope=_archs_scope,
       statement="Asymmetry: there are a ReLU network and a segment with chi(Gamma) != chi(-Gamma) (-Gamma the "
                 "reversed walk). The witness is searched on the smallest architectures first, required generic "
                 "(no zero weight row, column or output weight, every hidden neuron switching over the input line, "
                 "no coinciding bent hyperplanes, small heights) and shrunk toward small heights.",
       hypotheses=("ReLU hidden layers, affine output layer, bits of every hidden layer", "a straight segment",
                   "the witness parameter is generic in the sense of exactsep.relu.quality"),
       provenance="[secondary] (the authors' talk and AAAI project page); the witnesses are exactsep's own",
       source=f"{THEORY} (item 2). Stated in: {PROPS}, property 2 ('[Asymmetry] ... chi(Gamma) != chi(-Gamma)'); "
              f"{AAAI_PAGE}, section 'What we establish in this paper' ('direction dependence')",
       quantifier="exists", witness_quality=True, instances=_witness_candidates,
       requires=REQ + ("exactsep.relu.quality:witness_quality",),
       verify=_witness_verify(_asym_recompute), family=lambda inst: "small ReLU nets, n0 = 1",
       size=lambda inst: inst["draws"])
def asymmetry_exists(inst):
    from ..witnesses import find_relu_witness
    found = find_relu_witness(inst["archs"], int(inst["draws"]), int(inst["seed"]), _asym_property,
                              _searched_points("asymmetry"), shrink_extra=_shrink_points)
    return _witness_outcome(found, "a generic witness with chi != chi_reverse (smallest architecture first, "
                                   "shrunk)", lambda f: dict(f["info"]))


def _interaction_values(widths, theta, pts):
    from ...folding import fold, interaction_of_walks
    from ...nets import Network
    net = Network.from_flat(widths, theta)
    x1, x2, x3 = pts
    a, b, whole = fold(net, x1, x2), fold(net, x2, x3), fold(net, x1, x3)
    I = interaction_of_walks(a.walk, b.walk)
    return {"chi_12": a.chi, "chi_23": b.chi, "chi_13": whole.chi, "chi_joint": normalize(Fraction(I) + a.chi + b.chi),
            "interaction": I}


def _additivity_property(sign):
    def prop(widths, theta, extra):
        from ...nets import Network
        xs = [exact_vector(p)[0] for p in extra]
        if not (xs[0] < xs[1] < xs[2]):
            return False, {}
        v = _interaction_values(widths, theta, extra)
        ok = (v["interaction"] > 0) if sign > 0 else (v["interaction"] < 0)
        return ok and _off_bent_hyperplanes(Network.from_flat(widths, theta), extra), v
    return prop


def _additivity_recompute(sign):
    def recompute(w, c):
        x1, x2, x3 = [exact_vector(p) for p in w["points"]]
        if not (x1[0] < x2[0] < x3[0]):
            raise CertificateError("the middle point does not lie strictly between the outer points")
        from ...nets import Network
        if not _off_bent_hyperplanes(Network.from_flat(w["widths"], w["theta"]), [x1, x2, x3]):
            raise CertificateError("a point lies on a bent hyperplane")
        c12, _ = _chis_by_midpoints(w["widths"], w["theta"], x1, x2)
        c23, _ = _chis_by_midpoints(w["widths"], w["theta"], x2, x3)
        c13, _ = _chis_by_midpoints(w["widths"], w["theta"], x1, x3)
        I = c13 - c12 - c23
        if (I > 0) != (sign > 0) or I == 0:
            raise CertificateError(f"independent walks give chi(x1->x3) - chi(x1->x2) - chi(x2->x3) = {I}")
        return [f"independent walks (direct roots, midpoint evaluation): chi(x1->x3) = {c13}, chi(x1->x2) = {c12}, "
                f"chi(x2->x3) = {c23}; x2 lies off every bent hyperplane, so Gamma_1 + Gamma_2 is the walk of "
                f"x1 -> x3 and the interaction is {I}"]
    return recompute


_ADD_HYP = ("ReLU hidden layers, affine output layer, bits of every hidden layer",
            "Gamma_1 = Gamma(x1, x2), Gamma_2 = Gamma(x2, x3) with x2 strictly between x1 and x3 on a line, sharing "
            "pi(x2); the interaction I = chi(Gamma_1 + Gamma_2) - chi(Gamma_1) - chi(Gamma_2)",
            "the witness parameter is generic in the sense of exactsep.relu.quality")
_ADD_SRC = (f"{THEORY} (item 4). Stated in: {PROPS}, property 4 ('[Non-additivity] Is neither sub- nor "
            f"super-additive') and PDF page 14 (slide numbered 19, the interaction coefficient I(k)); {AAAI_PAGE}, "
            f"section 'What we establish in this paper' ('non-additivity under concatenation')")


@claim(id="folding.sub-additivity-fails-exists", scope=_archs_scope,
       statement="Non-additivity (1): sub-additivity fails on some straight segment: there are a ReLU network and "
                 "x1, x2, x3 on a line (x2 between) with chi(Gamma_1 + Gamma_2) > chi(Gamma_1) + chi(Gamma_2) "
                 "(interaction I > 0). Generic witness, smallest architecture first, shrunk.",
       hypotheses=_ADD_HYP, provenance="[secondary] (the authors' talk and AAAI project page); the witnesses are "
                                       "exactsep's own",
       source=_ADD_SRC, quantifier="exists", witness_quality=True, instances=_witness_candidates,
       requires=REQ + ("exactsep.relu.quality:witness_quality",), verify=_witness_verify(_additivity_recompute(1)),
       family=lambda inst: "small ReLU nets, n0 = 1", size=lambda inst: inst["draws"])
def sub_additivity_fails(inst):
    from ..witnesses import find_relu_witness
    found = find_relu_witness(inst["archs"], int(inst["draws"]), int(inst["seed"]), _additivity_property(1),
                              _searched_points("sub"), shrink_extra=_shrink_points)
    return _witness_outcome(found, "a generic witness with interaction I > 0 on x1 < x2 < x3",
                            lambda f: dict(f["info"]))


@claim(id="folding.super-additivity-fails-exists", scope=_archs_scope,
       statement="Non-additivity (2): super-additivity fails on some straight segment: there are a ReLU network and "
                 "x1, x2, x3 on a line (x2 between) with chi(Gamma_1 + Gamma_2) < chi(Gamma_1) + chi(Gamma_2) "
                 "(interaction I < 0). Generic witness, smallest architecture first, shrunk.",
       hypotheses=_ADD_HYP, provenance="[secondary] (the authors' talk and AAAI project page); the witnesses are "
                                       "exactsep's own",
       source=_ADD_SRC, quantifier="exists", witness_quality=True, instances=_witness_candidates,
       requires=REQ + ("exactsep.relu.quality:witness_quality",), verify=_witness_verify(_additivity_recompute(-1)),
       family=lambda inst: "small ReLU nets, n0 = 1", size=lambda inst: inst["draws"])
def super_additivity_fails(inst):
    from ..witnesses import find_relu_witness
    found = find_relu_witness(inst["archs"], int(inst["draws"]), int(inst["seed"]), _additivity_property(-1),
                              _searched_points("super"), shrink_extra=_shrink_points)
    return _witness_outcome(found, "a generic witness with interaction I < 0 on x1 < x2 < x3",
                            lambda f: dict(f["info"]))


# ----------------------------------------------------------------------------- the d_chi proposition
def d_chi_values(net, points):
    """``{(i, j): d_chi(x_i, x_j)}`` for all ordered pairs of distinct indices, and the chis used."""
    from ...folding import fold
    chis = {}
    for i, j in [(i, j) for i in range(len(points)) for j in range(len(points)) if i != j]:
        chis[(i, j)] = Fraction(fold(net, points[i], points[j]).chi)
    d = {(i, j): (chis[(i, j)] + chis[(j, i)]) / 2 for (i, j) in chis}
    return d, chis


def _pseudo_metric_check(net, pts):
    """The pseudo-metric axioms of d_chi on the points: d(x, x) = 0, d >= 0, symmetry, all triangle
    inequalities. Returns (axiom violations, triangle violations, d, chis)."""
    from ...folding import walk_stats
    d, chis = d_chi_values(net, pts)
    bad, tri = [], []
    for i, p in enumerate(pts):          # the walk of a single point is one pattern: chi = 0 by the definition
        pat = [s > 0 for layer in net.pattern(p) for s in layer]
        if Fraction(walk_stats([pat]).chi) != 0:
            bad.append(f"d(x{i + 1}, x{i + 1}) != 0")
    for (i, j), v in d.items():
        if v < 0:
            bad.append(f"d(x{i + 1}, x{j + 1}) is negative")
        if v != d[(j, i)]:
            bad.append(f"d(x{i + 1}, x{j + 1}) differs from d(x{j + 1}, x{i + 1})")
    n = len(pts)
    for i, j, k in [(i, j, k) for i in range(n) for j in range(n) for k in range(n) if len({i, j, k}) == 3 and i < k]:
        if d[(i, k)] > d[(i, j)] + d[(j, k)]:
            tri.append(f"d(x{i + 1}, x{k + 1}) = {d[(i, k)]} > d(x{i + 1}, x{j + 1}) + d(x{j + 1}, x{k + 1}) = "
                       f"{d[(i, j)]} + {d[(j, k)]}")
    return bad, tri, d, chis


def _dchi_instances(level, rng):
    """Searched: random networks with two or three hidden layers and nonzero small weights; on the real line
    (n0 = 1) the three points are chosen among the pieces of a long segment so that the triangle inequality is
    tightest (computed from the pattern sequence alone); in the plane (n0 = 2) x2 is a piece of the segment
    x1 -> x3 or, sometimes, a point off the line."""
    from ..witnesses import random_theta
    from ...nets import Network
    from ...nets.segment import segment_partition
    out = []
    n = 10 if level == "quick" else 80
    for _ in range(n):
        n0 = rng.choice([1, 1, 2])
        hidden = [rng.randint(1, 3) for _ in range(rng.randint(2, 3))]
        widths = [n0] + hidden + [1]
        theta = _generic_theta(rng, widths, tries=10)
        if n0 == 1:
            pcs = _piece_walk(widths, theta, -12, 12)
            pats = [p for _, p in pcs]
            d = lambda i, k: sum(_sub_chi(pats[i:k + 1])) / 2
            best, best_gap = None, None
            for i in range(len(pcs)):
                for k in range(i + 2, len(pcs)):
                    for j in range(i + 1, k):
                        gap = d(i, k) - d(i, j) - d(j, k)
                        if best_gap is None or gap > best_gap:
                            best, best_gap = [pcs[i][0], pcs[j][0], pcs[k][0]], gap
            if best is None:
                best = _points_1d(rng, 3)
            out.append({"widths": widths, "theta": theta, "points": best})
            continue
        net = Network.from_flat(widths, theta)
        x1 = random_rational_vector(rng, n0, max_abs=6, max_den=1)
        x3 = random_rational_vector(rng, n0, max_abs=6, max_den=1)
        if x1 == x3:
            x3 = [v + 1 for v in x3]
        part = segment_partition(net, x1, x3)
        best, best_gap = None, None
        for pc in part.pieces[:12]:
            lo, hi = Fraction(pc.t_lo), Fraction(pc.t_hi)
            t = lo + (hi - lo) / 2
            x2 = [normalize((1 - t) * u + t * v) for u, v in zip(x1, x3)]
            dd, _ = d_chi_values(net, [x1, x2, x3])
            gap = dd[(0, 2)] - dd[(0, 1)] - dd[(1, 2)]
            if best_gap is None or gap > best_gap:
                best, best_gap = x2, gap
        if rng.random() < 0.3:
            best = random_rational_vector(rng, n0, max_abs=6, max_den=1)      # a triangle off the line
        out.append({"widths": widths, "theta": theta, "points": [x1, best, x3]})
    return out


def _dchi_strategy():
    import hypothesis.strategies as st
    from ...strategies import rationals

    @st.composite
    def inst(draw):
        widths = [1] + draw(st.lists(st.integers(1, 3), min_size=2, max_size=2)) + [1]
        D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
        w = rationals(max_numerator=3, max_denominator=2)
        xs = sorted(set(draw(st.lists(st.integers(-6, 6), min_size=3, max_size=3, unique=True))))
        return {"widths": widths, "theta": draw(st.lists(w, min_size=D, max_size=D)), "points": [[x] for x in xs]}
    return inst()


def _dchi_size(inst):
    """Genericity first (a generic network with the points off every bent hyperplane is smaller than any
    degenerate instance, so shrinking never trades genericity for size), then depth, total hidden width, largest height, sum of heights (parameters and
    points)."""
    from ...relu.quality import height, witness_quality
    try:
        generic = witness_quality(inst["widths"], inst["theta"]).generic and \
            _off_bent_hyperplanes(_net(inst), inst["points"])
    except ExactsepError:
        generic = False
    vals = list(inst["theta"]) + [v for p in inst["points"] for v in p]
    hs = [height(v) for v in vals]
    return (0 if generic else 1, len(inst["widths"]), sum(inst["widths"][1:-1]), max(hs), sum(hs))


def _remove_neuron(widths, theta, l, i):
    """Parameters of the architecture with hidden neuron i of hidden layer l (1-based layer) removed."""
    from ...relu.symmetry import layer_blocks
    blocks = layer_blocks(widths)
    th = list(theta)
    keep = [True] * len(th)
    ws, bs, _ = blocks[l - 1]
    n_in = widths[l - 1]
    for j in range(n_in):
        keep[ws + i * n_in + j] = False
    keep[bs + i] = False
    ws2, _, _ = blocks[l]
    for r in range(widths[l + 1]):
        keep[ws2 + r * widths[l] + i] = False
    new_w = list(widths)
    new_w[l] -= 1
    return new_w, [v for v, k in zip(th, keep) if k]


def _dchi_shrink(inst):
    """Shrinking moves: remove a hidden neuron, then move one parameter or point coordinate to a value of
    smaller height."""
    from ...relu.quality import smaller_height_values
    widths, theta = inst["widths"], inst["theta"]
    for l in range(1, len(widths) - 1):
        if widths[l] > 1:
            for i in range(widths[l]):
                w2, t2 = _remove_neuron(widths, theta, l, i)
                yield dict(inst, widths=w2, theta=t2)
    for k, v in enumerate(theta):
        for u in smaller_height_values(v, limit=4):
            t2 = list(theta)
            t2[k] = u
            yield dict(inst, theta=t2)
    for a, p in enumerate(inst["points"]):
        for c, v in enumerate(p):
            for u in smaller_height_values(v, limit=3):
                pts = [list(q) for q in inst["points"]]
                pts[a][c] = u
                if len({tuple(q) for q in pts}) == len(pts):
                    yield dict(inst, points=pts)


def _dchi_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    net = _net(inst)
    pts = inst["points"]
    d = {}
    for i, j in [(i, j) for i in range(3) for j in range(3) if i < j]:
        w = _dedupe(_midpoint_walk(net, pts[i], pts[j]))
        r1, r2 = raw_r1_r2(w)
        q1, _ = raw_r1_r2(w[::-1])
        d[(i, j)] = (_chi(r1, r2) + _chi(q1, r2)) / 2
    for (i, j), v in d.items():
        if str(normalize(v)) != str(c["d"][f"{i + 1}{j + 1}"]):
            raise CertificateError(f"independent walks give d(x{i + 1}, x{j + 1}) = {v}; the certificate says "
                                   f"{c['d'][f'{i + 1}{j + 1}']}")
    tri = [(0, 1, 2), (0, 2, 1), (1, 0, 2)]
    dd = lambda i, j: d[(min(i, j), max(i, j))]
    fails = [(i, j, k) for i, j, k in tri if dd(i, k) > dd(i, j) + dd(j, k)]
    if bool(fails) == bool(c["holds_triangle"]):
        raise CertificateError("the independent triangle check disagrees with the certificate")
    msgs = [f"d_chi of the three pairs recomputed from independent walks (direct roots, midpoint evaluation): "
            + ", ".join(f"d(x{i + 1}, x{j + 1}) = {v}" for (i, j), v in sorted(d.items()))]
    if fails:
        i, j, k = fails[0]
        msgs.append(f"triangle inequality fails: d(x{i + 1}, x{k + 1}) = {dd(i, k)} > {dd(i, j)} + {dd(j, k)}")
    return msgs


@claim(id="folding.d-chi-pseudo-metric", scope=lambda inst: net_scope(inst, hidden_min=2),
       statement="(The talk's Proposition, as stated.) d_chi(x1, x2) = (chi(Gamma(x1, x2)) + chi(Gamma(x2, x1))) / 2 "
                 "is a pseudo-metric on the input space of a ReLU network: d_chi(x, x) = 0, d_chi >= 0, symmetry, "
                 "and the triangle inequality 'from the triangle inequality of d_H'. FALSE: chi is not a distance "
                 "between patterns but a ratio along one path, and the two sub-segments of a folding segment can "
                 "both be flat. The registry finds the smallest counterexample its search reaches (a generic network with "
                 "the points off every bent hyperplane first, then depth, width, heights).",
       hypotheses=("ReLU hidden layers (two or more; on one hidden layer d_chi = 0, see folding.d-chi-one-hidden-layer), "
                   "affine output layer, bits of every hidden layer", "exact walks along straight segments"),
       provenance="[secondary] (the authors' talk states it as a Proposition); refuted by exactsep [derived ✓]",
       source=f"{THEORY} (item 6). Stated in: {PROPS}, 'Proposition' (d_chi is a pseudo-metric: '(1) Positivity: from "
              f"bounds on chi; (2) Symmetry: from construction; (3) Triangle inequality: from the triangle inequality "
              f"of d_H')",
       expect="refuted", instances=_dchi_instances, strategy=_dchi_strategy, verify=_dchi_verify, requires=REQ,
       family=lambda inst: f"{len(inst['widths']) - 2} hidden layers, n0 = {inst['widths'][0]}",
       size=_dchi_size, shrink=_dchi_shrink)
def d_chi_pseudo_metric(inst):
    from ...relu.quality import witness_quality
    net = _net(inst)
    pts = inst["points"]
    if len(pts) != 3 or len({tuple(exact_vector(p)) for p in pts}) != 3:
        from ...errors import InvalidSpecError
        raise InvalidSpecError("d_chi instances hold three distinct points")
    bad, tri, d, chis = _pseudo_metric_check(net, pts)
    ok = not bad and not tri
    q = witness_quality(net)
    off = _off_bent_hyperplanes(net, pts)
    return outcome(ok, "d_chi on the three points: d(x, x) = 0, d >= 0, symmetric, every triangle inequality",
                   d={f"{i + 1}{j + 1}": v for (i, j), v in d.items() if i < j},
                   chi={f"{i + 1}{j + 1}": v for (i, j), v in chis.items()}, violations=bad + tri,
                   holds_triangle=not tri,
                   network_quality={"generic": q.generic, "failed": list(q.failed()), "max_height": q.max_height},
                   points_off_bent_hyperplanes=off,
                   scope=("no hypothesis of the Proposition is dropped: the counterexample is a ReLU network with "
                          "hidden layers and straight segments, the talk's own setting" if not ok else ""))


def _one_layer_instances(level, rng):
    out = []
    for _ in range(12 if level == "quick" else 100):
        n0 = rng.randint(1, 3)
        n1 = rng.randint(1, 6)
        widths = [n0, n1, 1]
        D = n1 * (n0 + 1) + n1 + 1
        pts = [random_rational_vector(rng, n0, max_abs=5, max_den=2) for _ in range(3)]
        if len({tuple(p) for p in pts}) < 3:
            pts[2] = [v + 7 for v in pts[2]]
        out.append({"widths": widths, "theta": random_rational_vector(rng, D, max_abs=3, max_den=2), "points": pts})
    return out


def _one_layer_strategy():
    import hypothesis.strategies as st
    from ...strategies import rationals

    @st.composite
    def inst(draw):
        n0 = draw(st.integers(1, 2))
        n1 = draw(st.integers(1, 5))
        w = rationals(max_numerator=3, max_denominator=2)
        pts = draw(st.lists(st.lists(w, min_size=n0, max_size=n0), min_size=3, max_size=3,
                            unique_by=lambda p: tuple(p)))
        return {"widths": [n0, n1, 1], "theta": draw(st.lists(w, min_size=n1 * (n0 + 2) + 1,
                                                             max_size=n1 * (n0 + 2) + 1)), "points": pts}
    return inst()


def _one_layer_verify(cert) -> List[str]:
    from .folding import chi_by_midpoints
    inst = cert["instance"]
    net = _net(inst)
    pts = inst["points"]
    vals = []
    for i, j in [(i, j) for i in range(3) for j in range(3) if i != j]:
        _, _, chi, _ = chi_by_midpoints(net, pts[i], pts[j])
        if chi != 0:
            raise CertificateError(f"direct roots give chi(x{i + 1} -> x{j + 1}) = {chi} != 0 on one hidden layer")
        vals.append(chi)
    return ["chi = 0 on all six ordered pairs by direct roots of the affine pre-activations (so d_chi = 0, a "
            "pseudo-metric)"]


@claim(id="folding.d-chi-one-hidden-layer", scope=lambda inst: net_scope(inst, hidden_min=1, hidden_max=1),
       statement="On one hidden layer d_chi IS a pseudo-metric, trivially: every hidden pre-activation is affine along "
                 "a segment, so chi = 0 on every segment (folding.one-hidden-layer-chi-zero) and d_chi = 0 "
                 "identically, which satisfies d(x, x) = 0, d >= 0, symmetry and the triangle inequality.",
       hypotheses=("one hidden layer with ReLU, affine output layer; bits of the hidden layer",
                   "exact walks along straight segments"),
       provenance="[derived ✓]",
       source=f"{THEORY} (item 6 and the derived property 'One hidden layer never folds')",
       instances=_one_layer_instances, strategy=_one_layer_strategy, verify=_one_layer_verify, requires=REQ,
       family=lambda inst: f"one hidden layer, n0 = {inst['widths'][0]}",
       size=lambda inst: (inst["widths"][1], len(str(inst))))
def d_chi_one_hidden_layer(inst):
    net = _net(inst)
    bad, tri, d, chis = _pseudo_metric_check(net, inst["points"])
    return outcome(not bad and not tri and all(v == 0 for v in d.values()),
                   "d_chi == 0 on all pairs and the pseudo-metric axioms hold on the three points",
                   d={f"{i + 1}{j + 1}": v for (i, j), v in d.items() if i < j}, violations=bad + tri)


# ----------------------------------------------------------------------------- Lemma 1
def _arrangement_instances(level, rng):
    """Arrangements of 1 to 4 distinct lines with small integer coefficients (parallel and concurrent lines
    allowed: they are frequent at this size) and, always, the talk's picture (three lines, 7 cells, 011
    missing) and four lines in general position."""
    from ...folding.convexity import LineArrangement
    out = [{"lines": [[1, 0, 0], [0, -1, 0], [1, 1, -1]]},                        # 3 lines, pattern 011 missing
           {"lines": [[1, 0, 0], [0, 1, 0], [1, 1, -1], [1, -1, 3]]}]
    n = 6 if level == "quick" else 60
    while len(out) < n:
        k = rng.randint(1, 4)
        lines: List[list] = []
        while len(lines) < k:
            l = [rng.randint(-2, 2), rng.randint(-2, 2), rng.randint(-3, 3)]
            if l[:2] == [0, 0]:
                continue
            try:
                LineArrangement(lines + [l])
            except ExactsepError:
                continue
            lines.append(l)
        out.append({"lines": lines})
    return out


def _lemma_strategy():
    import hypothesis.strategies as st

    line = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3)).filter(lambda l: l[:2] != (0, 0))

    def distinct(ls):
        from ...folding.convexity import LineArrangement
        try:
            LineArrangement(ls)
            return True
        except ExactsepError:
            return False
    return st.lists(line.map(list), min_size=1, max_size=4).filter(distinct).map(lambda ls: {"lines": ls})


def _all_subsets(omega):
    om = sorted(omega)
    for r in range(len(om) + 1):
        yield from combinations(om, r)


@claim(id="folding.hamming-convexity-lemma", scope=_lines_scope,
       statement="Lemma 1 of the talk: for an affine arrangement of lines in the plane with realizable patterns "
                 "Omega and any B subset of Omega, the union R_B of the closed regions of B is convex iff B is "
                 "Hamming-convex relative to Omega (for p, q in B every realizable pattern on a shortest Hamming "
                 "path from p to q is in B). Checked for every subset B, the convexity of R_B decided "
                 "geometrically (connected through shared edges and locally convex at every vertex: "
                 "Tietze-Nakajima).",
       hypotheses=("an arrangement of 1 to 4 distinct affine lines in R^2 (parallel and concurrent lines allowed)",
                   "regions closed (the polytopes {x : h_i(x) >= 0 for the 1-bits, <= 0 for the 0-bits}); Omega = "
                   "the patterns of the two-dimensional cells", "every subset B of Omega"),
       provenance="[secondary] (the authors' talk, Lemma 1); checked exhaustively by exactsep [derived ✓]",
       source=f"{CONVEX}. Stated in: {SLIDES}, PDF page 7 ('Equivalence of Convexity Notions': Lemma 1 and Definition "
              f"2; 'Lemma 1 holds for 1-layer ReLU NN, not deeper!') and PDF page 6 (intervals in the Hamming space)",
       instances=_arrangement_instances, strategy=_lemma_strategy, requires=("exactsep.folding.convexity",),
       verify=lambda cert: _lemma_verify(cert), family=lambda inst: f"{len(inst['lines'])} lines",
       size=lambda inst: (len(inst["lines"]), len(str(inst))))
def hamming_convexity_lemma(inst):
    from ...folding.convexity import LineArrangement, hamming_convexity_violation
    A = LineArrangement(inst["lines"])
    om = sorted(A.cells())
    subsets = convex = 0
    mismatch = None
    for B in _all_subsets(om):
        subsets += 1
        g = A.union_is_convex(B)
        h = hamming_convexity_violation(B, om) is None
        convex += g
        if g != h and mismatch is None:
            mismatch = {"B": [list(b) for b in B], "union_convex": g, "hamming_convex": h}
    return outcome(mismatch is None, "for every B subset of Omega: R_B convex (geometric test) == B Hamming-convex",
                   cells=len(om), omega=["".join(map(str, p)) for p in om], vertices=len(A.vertices()),
                   subsets=subsets, convex_unions=convex, mismatch=mismatch)


def _lemma_verify(cert) -> List[str]:
    """Omega recomputed by the exact region enumeration of a one-hidden-layer ReLU network whose neurons are the
    lines (exactsep.relu.regions, LP search), and every cell's interior point re-read."""
    from ...folding.convexity import LineArrangement
    from ...nets import Network
    from ...relu.regions import enumerate_regions
    lines = cert["instance"]["lines"]
    k = len(lines)
    net = Network.from_flat([2, k, 1], [v for l in lines for v in l[:2]] + [l[2] for l in lines] + [1] * k + [0])
    R = enumerate_regions(net)
    pats = sorted("".join("1" if s > 0 else "0" for s in r.pattern[0]) for r in R.regions)
    if pats != sorted(cert["computed"]["omega"]):
        raise CertificateError(f"the LP region enumeration finds the patterns {pats}, the certificate says "
                               f"{cert['computed']['omega']}")
    A = LineArrangement(lines)
    for p, pt in A.cells().items():
        if A.pattern(pt) != p:
            raise CertificateError(f"the interior point {pt} of cell {p} has pattern {A.pattern(pt)}")
    return [f"Omega ({len(pats)} cells) recomputed by the LP region enumeration of exactsep.relu.regions",
            "each cell's exact interior point re-read to its pattern"]


def _generic_theta(rng, widths, tries=30):
    """Random nonzero small parameters, redrawn (up to ``tries`` times) until generic (exactsep.relu.quality)."""
    from ..witnesses import random_theta
    from ...relu.quality import witness_quality
    theta = random_theta(rng, widths)
    for _ in range(tries):
        if witness_quality(widths, theta).generic:
            break
        theta = random_theta(rng, widths)
    return theta


def _deep_line_instances(level, rng):
    out = []
    n = 8 if level == "quick" else 40
    while len(out) < n:
        widths = [1, rng.randint(1, 3), rng.randint(1, 3), 1]
        theta = _generic_theta(rng, widths)
        from ...folding.convexity import line_cells
        from ...nets import Network
        if len(line_cells(Network.from_flat(widths, theta))) <= 9:
            out.append({"widths": widths, "theta": theta})
    return out


def _net_size(inst):
    """Genericity first (exactsep.relu.quality), then the total width and the heights of the parameters."""
    from ...relu.quality import height, witness_quality
    try:
        generic = witness_quality(inst["widths"], inst["theta"]).generic
    except ExactsepError:
        generic = False
    hs = [height(v) for v in inst["theta"]]
    return (0 if generic else 1, sum(inst["widths"]), max(hs), sum(hs))


def _deep_line_strategy():
    import hypothesis.strategies as st
    from ...strategies import rationals

    @st.composite
    def inst(draw):
        widths = [1, draw(st.integers(1, 3)), draw(st.integers(1, 2)), 1]
        D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
        w = rationals(max_numerator=3, max_denominator=2)
        return {"widths": widths, "theta": draw(st.lists(w, min_size=D, max_size=D))}
    return inst()


def _deep_line_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    net = _net(inst)
    from ...relu.regions import enumerate_regions
    R = enumerate_regions(net, method="lp")
    pats = sorted("".join("1" if s > 0 else "0" for l in r.pattern for s in l) for r in R.regions)
    if pats != sorted(c["cells"]):
        raise CertificateError(f"the LP region enumeration gives the patterns {pats}, the certificate {c['cells']}")
    msgs = [f"realizable patterns recomputed by the LP region enumeration: {pats}"]
    m = c.get("mismatch")
    if m is not None:
        from ...folding.convexity import hamming_convexity_violation
        B = [tuple(b) for b in m["B"]]
        om = [tuple(int(ch) for ch in p) for p in c["cells"]]
        viol = hamming_convexity_violation(B, om)
        order = [tuple(int(ch) for ch in p) for p in c["order"]]
        pos = sorted(k for k, p in enumerate(order) if p in set(B))
        contiguous = not pos or pos[-1] - pos[0] + 1 == len(pos)
        if contiguous != m["union_convex"] or (viol is None) != m["hamming_convex"]:
            raise CertificateError("the mismatch does not re-check")
        msgs.append(f"mismatch re-checked: B = {m['B']}, union convex {contiguous}, Hamming-convex {viol is None}"
                    + (f" (members {viol[0]}, {viol[1]}, realizable {viol[2]} between them not in B)" if viol else ""))
    return msgs


@claim(id="folding.hamming-convexity-lemma-deep", scope=lambda inst: net_scope(inst, hidden_min=2, hidden_max=2, n0=1),
       statement="(Naive form.) Lemma 1 for networks with two hidden layers: for the activation regions of a ReLU "
                 "network with two hidden layers (bits of both layers) and any set B of realizable patterns, the "
                 "union of the closed regions of B is convex iff B is Hamming-convex. The talk itself says the "
                 "lemma holds for one hidden layer only; exactsep finds the counterexample on the real line.",
       hypotheses=("a ReLU network (1, n1, n2, 1): two hidden layers, bits of both, regions on the real line",
                   "every subset B of the realizable patterns"),
       provenance="[secondary] (the authors' talk: 'Lemma 1 holds for 1-layer ReLU NN, not deeper!'); the "
                  "counterexample is exactsep's [derived ✓]",
       source=f"{CONVEX}. Stated in: {SLIDES}, PDF page 7",
       expect="refuted", drops="one hidden layer (the regions of an affine hyperplane arrangement)",
       instances=_deep_line_instances, strategy=_deep_line_strategy, verify=_deep_line_verify,
       requires=("exactsep.folding.convexity",), family=lambda inst: "two hidden layers, n0 = 1",
       size=lambda inst: _net_size(inst))
def hamming_convexity_deep(inst):
    from ...folding.convexity import hamming_convexity_violation, interval_union_is_convex, line_cells
    net = _net(inst)
    order = line_cells(net)
    om = sorted(set(order))
    mismatch = None
    for B in _all_subsets(om):
        g = interval_union_is_convex(order, B)
        h = hamming_convexity_violation(B, om) is None
        if g != h:
            mismatch = {"B": [list(b) for b in B], "union_convex": g, "hamming_convex": h}
            break
    scope = ""
    if mismatch is not None:
        scope = ("drops the hypothesis 'one hidden layer' (the regions of a hyperplane arrangement): the regions "
                 "here come from two hidden layers, whose bent hyperplanes are not hyperplanes; the talk's Lemma 1 "
                 "(one hidden layer, folding.hamming-convexity-lemma) is not contradicted")
    return outcome(mismatch is None, "for every B: union of the closed intervals of B convex == B Hamming-convex",
                   order=["".join(map(str, p)) for p in order], cells=["".join(map(str, p)) for p in om],
                   mismatch=mismatch, scope=scope)


# ----------------------------------------------------------------------------- walk refinement
PUBLISHED_REFINEMENT = {"walk": ["0000", "1100", "0011"], "r1": 2, "r2": 6, "away_first_r1": 4}


def _walk_of(inst):
    return [tuple(int(ch) for ch in p) for p in inst["walk"]]


def _refine_instances(level, rng):
    """The talk's example, exact walks of random deep networks (every layer or a subset), and random walks on
    the cube with multi-bit steps."""
    from ...folding import fold
    from ...nets import Network
    out = [{"walk": PUBLISHED_REFINEMENT["walk"], "published": True}]
    for inst in _deep_segments(level, rng, 6, 50):
        r = fold(Network.from_flat(inst["widths"], inst["theta"]), inst["x1"], inst["x2"], layers=_layers(inst))
        out.append({"walk": ["".join(map(str, p)) for p in r.walk]})
    for _ in range(8 if level == "quick" else 60):
        m = rng.randint(2, 6)
        out.append({"walk": ["".join(str(rng.randint(0, 1)) for _ in range(m)) for _ in range(rng.randint(2, 7))]})
    return out


def _walk_strategy(with_order=False):
    def make():
        import hypothesis.strategies as st

        @st.composite
        def inst(draw):
            m = draw(st.integers(1, 5))
            walk = draw(st.lists(st.text("01", min_size=m, max_size=m), min_size=2, max_size=6))
            out = {"walk": walk}
            if with_order:
                out["order"] = draw(st.sampled_from(["away-first", "index"]))
            return out
        return inst()
    return make


def _refine_verify(cert) -> List[str]:
    """Brute force over every order of the flips inside each step (steps of at most 7 flips): the maximum
    distance from pi_1 reached inside a step is at least max(d(pi_1, pi_i), d(pi_1, pi_{i+1})), with equality
    for the toward-start-first order."""
    from itertools import permutations
    W = _dedupe(_walk_of(cert["instance"]))
    start = W[0]
    d = lambda a, b: sum(1 for x, y in zip(a, b) if x != y)
    checked = 0
    for a, b in zip(W, W[1:]):
        diff = [j for j in range(len(a)) if a[j] != b[j]]
        if len(diff) > 7:
            continue
        best = None
        for perm in permutations(diff):
            cur, worst = list(a), d(start, a)
            for j in perm:
                cur[j] = b[j]
                worst = max(worst, d(start, cur))
            best = worst if best is None else min(best, worst)
        if best != max(d(start, a), d(start, b)):
            raise CertificateError(f"brute force: the best order of the step {a} -> {b} reaches distance {best}")
        checked += 1
    return [f"brute force over every order of the flips of {checked} step(s): the smallest peak distance inside "
            f"a step equals the larger end distance, so a refinement can keep r1"]


@claim(id="folding.walk-refinement", scope=_published_scope,
       statement="Walk refinement (the talk's Motzkin-Straus lemma): refine a walk into single-bit flips so that, "
                 "between consecutive patterns, the coordinates moving back toward pi_1 (D_i) flip before those "
                 "moving away (I_i); then r1 and r2 are preserved. Proof: r2 = sum of d_H over the steps is kept by "
                 "any refinement along shortest paths; inside a step the distance to pi_1 first decreases by |D_i| "
                 "then increases by |I_i|, so it never exceeds the larger end distance. The talk's example Gamma = "
                 "(0000, 1100, 0011) has r1 = 2, r2 = 6.",
       hypotheses=("a walk of patterns (consecutive duplicates removed): exact walks of ReLU networks (every layer or "
                   "a subset) and arbitrary walks on the cube", "within a step: D_i first, then I_i (each in "
                   "increasing index)"),
       provenance="[secondary] (the authors' talk; the talk's example values are published facts); the proof is "
                  "[derived ✓]",
       source=f"{THEORY} (item 7). Stated in: {SLIDES}, PDF page 17 ('Motzkin-Straus View of Space Folding', "
              f"'Lemma (Informal)', the example Gamma = (0000, 1100, 0011) with r1 = 2, r2 = 6)",
       instances=_refine_instances, strategy=_walk_strategy(), verify=_refine_verify,
       requires=("exactsep.folding.walks",), family=lambda inst: "published" if inst.get("published") else
       f"{len(inst['walk'][0])} bits", size=lambda inst: (len(inst["walk"][0]), len(inst["walk"]), str(inst["walk"])))
def walk_refinement(inst):
    from ...folding import walk_stats
    from ...folding.walks import refine_walk
    W = _walk_of(inst)
    R = refine_walk(W)
    single = all(sum(1 for x, y in zip(a, b) if x != y) == 1 for a, b in zip(R, R[1:]))
    orig, ref = walk_stats(W), walk_stats(R)
    ok = single and (orig.r1, orig.r2) == (ref.r1, ref.r2)
    if inst.get("published"):          # the talk's values, a published fact
        ok = ok and (orig.r1, orig.r2) == (PUBLISHED_REFINEMENT["r1"], PUBLISHED_REFINEMENT["r2"])
        ok = ok and walk_stats(refine_walk(W, "away-first")).r1 == PUBLISHED_REFINEMENT["away_first_r1"]
    return outcome(ok, "refine_walk(toward-start-first): single-bit steps, same r1 and r2",
                   refined=["".join(map(str, p)) for p in R], r1=orig.r1, r2=orig.r2, refined_r1=ref.r1,
                   refined_r2=ref.r2, single_bit_steps=single)


@claim(id="folding.walk-refinement-any-order-naive", scope=_published_scope,
       statement="(Naive form, without the order of flips.) Refining a walk into single-bit flips in any order "
                 "(here: coordinates moving away from pi_1 first, or by index) preserves r1.",
       hypotheses=("a walk of patterns (consecutive duplicates removed)", "an order of the flips inside each step "
                   "other than the lemma's"),
       provenance="[secondary] (the talk shows the away-first refinement of its example raising r1 from 2 to 4); the "
                  "smallest counterexample is exactsep's [derived ✓]",
       source=f"{THEORY} (item 7). Stated in: {SLIDES}, PDF page 17",
       expect="refuted", drops="coordinates moving back toward pi_1 flip before those moving away",
       instances=lambda level, rng: [dict(i, order=rng.choice(["away-first", "index"]))
                                                       for i in _refine_instances(level, rng)],
       strategy=_walk_strategy(with_order=True), requires=("exactsep.folding.walks",),
       verify=lambda cert: _refined_verify(cert), family=lambda inst: inst.get("order", "away-first"),
       size=lambda inst: (len(inst["walk"][0]), len(inst["walk"]), str(inst["walk"])),
       shrink=lambda inst: _walk_shrink(inst))
def walk_refinement_any_order(inst):
    from ...folding import walk_stats
    from ...folding.walks import refine_walk
    W = _walk_of(inst)
    R = refine_walk(W, inst.get("order", "away-first"))
    o, r = walk_stats(W), walk_stats(R)
    scope = ""
    if o.r1 != r.r1:
        scope = ("drops the lemma's order (D_i before I_i): in the failing step a coordinate moving away from pi_1 "
                 "flips before one moving back, so the refined walk overshoots; the lemma "
                 "(folding.walk-refinement) is not contradicted")
    return outcome(o.r1 == r.r1 and o.r2 == r.r2, f"refine_walk(order={inst.get('order', 'away-first')!r}) keeps r1 and r2",
                   refined=["".join(map(str, p)) for p in R], r1=o.r1, refined_r1=r.r1, r2=o.r2, refined_r2=r.r2,
                   scope=scope)


def _refined_verify(cert) -> List[str]:
    """The refined walk re-checked by a direct loop: it starts at pi_1, each step flips one bit, it passes through
    the original patterns in order, and its r1 (maximum distance to pi_1) is recomputed by the definition."""
    W = _dedupe(_walk_of(cert["instance"]))
    R = [tuple(int(ch) for ch in p) for p in cert["computed"]["refined"]]
    if R[0] != W[0] or any(sum(a != b for a, b in zip(p, q)) != 1 for p, q in zip(R, R[1:])):
        raise CertificateError("the refined walk does not start at pi_1 or has a step that is not a single flip")
    it = iter(R)
    if not all(any(p == q for q in it) for p in W):
        raise CertificateError("the refined walk does not pass through the original patterns in order")
    r1, r2 = raw_r1_r2(R)
    o1, o2 = raw_r1_r2(W)
    if (r1, r2, o1, o2) != tuple(int(cert["computed"][k]) for k in ("refined_r1", "refined_r2", "r1", "r2")):
        raise CertificateError("r1 / r2 recomputed by the definition differ from the certificate")
    return [f"refined walk re-checked step by step (single flips through the original patterns); r1 = {o1} -> "
            f"{r1}, r2 = {o2} -> {r2} by the definition"]


def _walk_shrink(inst):
    W = inst["walk"]
    if len(W) > 2:
        for i in range(len(W)):
            yield dict(inst, walk=W[:i] + W[i + 1:], published=False)
    m = len(W[0])
    if m > 1:
        for j in range(m):
            yield dict(inst, walk=[p[:j] + p[j + 1:] for p in W], published=False)
