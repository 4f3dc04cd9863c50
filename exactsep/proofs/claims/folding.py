"""Space-folding claims (docs/theory/folding.md, "Properties"): chi = 0 for every one-hidden-layer network and segment, and the
deterministic bounds (1 - D/L)/2 <= chi <= 1 - D/L, |chi - chi_reverse| <= D/L for deeper networks.

The check computes the exact walk of hidden activation patterns along the segment (the exact
segment partition of :mod:`exactsep.nets.segment`, and :mod:`exactsep.folding`'s chi when that part
is installed); the independent verification recomputes the walk from first principles: every
hidden pre-activation is affine in t, its root is computed directly, and the patterns are read by
evaluating the network exactly at the endpoints and at the midpoint of every piece.
"""
from __future__ import annotations

from fractions import Fraction
from typing import List, Optional

from ...errors import CertificateError
from ..registry import claim, outcome
from ..sampling import random_rational_vector
from . import net_scope

__all__ = ["one_hidden_layer_chi_zero", "walk_chi", "chi_by_midpoints"]


def _one_layer_scope(inst) -> Optional[str]:
    why = net_scope(inst, hidden_min=1, hidden_max=1)
    if why:
        return why
    act = inst.get("activation", "relu")
    if not (act == "relu" or (isinstance(act, str) and act.startswith("leaky_relu"))):
        return f"activation {str(act)[:40]!r} is not a sign-bit activation (relu, leaky_relu)"
    return None


def _net(inst):
    from ...nets import Network
    return Network.from_flat(inst["widths"], inst["theta"], activation=inst.get("activation", "relu"))


def walk_chi(walk: List[tuple]):
    """(r1, r2, chi) of a walk of 0/1 patterns (consecutive duplicates removed first)."""
    w = []
    for p in walk:
        if not w or w[-1] != p:
            w.append(p)
    d = lambda a, b: sum(1 for x, y in zip(a, b) if x != y)
    r1 = max((d(w[0], p) for p in w), default=0)
    r2 = sum(d(w[i], w[i + 1]) for i in range(len(w) - 1))
    return r1, r2, (Fraction(r2 - r1, r2) if r2 else Fraction(0)), w


def _bits(pattern) -> tuple:
    return tuple(1 if s > 0 else 0 for layer in pattern for s in layer)


def _engine_walk(net, x1, x2):
    """The exact walk from the shared segment partition (endpoint patterns + one pattern per open piece)."""
    from ...nets.segment import segment_partition
    part = segment_partition(net, x1, x2)
    walk = [_bits(part.endpoint_patterns[0])] + [_bits(p.pattern) for p in part.pieces] + \
           [_bits(part.endpoint_patterns[1])]
    return walk, [str(t) for t in part.breakpoints]


def _folding_engine_chi(net, x1, x2):
    """chi from exactsep.folding.fold (the engine the claim is held against)."""
    from ...folding import fold
    return fold(net, x1, x2).chi


def chi_by_midpoints(net, x1, x2):
    """Independent route for one hidden layer: roots of the affine pre-activations, patterns at the
    endpoints and at piece midpoints by exact evaluation."""
    from ...numbers import exact_vector
    a, b = exact_vector(x1), exact_vector(x2)
    L = net.layers[0]
    roots = set()
    for row, bias in zip(L.W, L.b):
        alpha = sum((w * x for w, x in zip(row, a)), Fraction(0)) + bias
        beta = sum((w * (y - x) for w, x, y in zip(row, a, b)), Fraction(0))
        if beta != 0:
            t = -alpha / beta
            if 0 < t < 1:
                roots.add(t)
    ts = [Fraction(0)] + sorted(roots) + [Fraction(1)]
    pts = [ts[0]] + [(ts[i] + ts[i + 1]) / 2 for i in range(len(ts) - 1)] + [ts[-1]]
    walk = []
    for t in pts:
        x = [(1 - t) * u + t * v for u, v in zip(a, b)]
        walk.append(_bits(net.pattern(x)[:1]))
    return walk_chi(walk)


def _instances(level, rng):
    out = []
    n = 12 if level == "quick" else 200
    for i in range(n):
        n0 = rng.randint(1, 4)
        n1 = rng.randint(1, 8 if level == "quick" else 16)
        nout = rng.randint(1, 2)
        D = n1 * (n0 + 1) + nout * (n1 + 1)
        act = rng.choice(["relu", "relu", "leaky_relu:1/10"])
        theta = random_rational_vector(rng, D, max_abs=3, max_den=2)
        x1 = random_rational_vector(rng, n0, max_abs=4, max_den=3)
        x2 = random_rational_vector(rng, n0, max_abs=4, max_den=3)
        if x1 == x2:
            x2 = [v + 1 for v in x2]
        out.append({"widths": [n0, n1, nout], "theta": theta, "x1": x1, "x2": x2, "activation": act})
    return out


def _strategy():
    import hypothesis.strategies as st
    from ...strategies import rationals

    @st.composite
    def inst(draw):
        n0 = draw(st.integers(1, 3))
        n1 = draw(st.integers(1, 6))
        nout = draw(st.integers(1, 2))
        D = n1 * (n0 + 1) + nout * (n1 + 1)
        w = rationals(max_numerator=3, max_denominator=2)
        theta = draw(st.lists(w, min_size=D, max_size=D))
        x1 = draw(st.lists(w, min_size=n0, max_size=n0))
        x2 = draw(st.lists(w, min_size=n0, max_size=n0).filter(lambda v: v != x1))
        return {"widths": [n0, n1, nout], "theta": theta, "x1": x1, "x2": x2,
                "activation": draw(st.sampled_from(["relu", "leaky_relu:1/10"]))}
    return inst()


def _verify(cert) -> List[str]:
    inst = cert["instance"]
    net = _net(inst)
    r1, r2, chi, _ = chi_by_midpoints(net, inst["x1"], inst["x2"])
    c = cert["computed"]
    if (r1, r2) != (int(c["r1"]), int(c["r2"])) or str(chi) != str(c["chi"]):
        raise CertificateError(f"midpoint evaluation gives r1={r1}, r2={r2}, chi={chi}; the certificate says "
                               f"r1={c['r1']}, r2={c['r2']}, chi={c['chi']}")
    return [f"independent walk from direct roots and exact evaluation at piece midpoints: r1={r1}, r2={r2}, "
            f"chi={chi}"]


@claim(id="folding.one-hidden-layer-chi-zero", scope=_one_layer_scope,
       statement="chi = 0 for every one-hidden-layer network and every segment: each hidden pre-activation is "
                 "affine along the segment, so no bit flips twice and the walk is a Hamming geodesic.",
       hypotheses=("one hidden layer with a sign-bit activation (relu, leaky relu)",
                   "bits of the hidden layer only", "the exact walk (endpoint patterns and open pieces)"),
       provenance="[derived]", source="docs/theory/folding.md, 'Properties' (one hidden layer never folds) and 'Worked examples' (Ex. 1)",
       instances=_instances, strategy=_strategy, verify=_verify,
       requires=("exactsep.nets.segment", "exactsep.folding:fold"),
       family=lambda inst: f"one-hidden-layer n0={inst['widths'][0]}",
       size=lambda inst: (inst["widths"][1], inst["widths"][0], len(str(inst))))
def one_hidden_layer_chi_zero(inst):
    net = _net(inst)
    walk, breakpoints = _engine_walk(net, inst["x1"], inst["x2"])
    r1, r2, chi, w = walk_chi(walk)
    engine = _folding_engine_chi(net, inst["x1"], inst["x2"])
    return outcome(chi == 0 and engine == 0,
                   "chi of the exact segment walk (exactsep.nets.segment) == 0 and exactsep.folding's chi == 0",
                   breakpoints=breakpoints, walk=[list(p) for p in w], r1=r1, r2=r2, chi=chi, folding_chi=engine)


# ----------------------------------------------------------------------------- bounds for deep networks
def _deep_instances(level, rng):
    out = []
    n = 10 if level == "quick" else 120
    for _ in range(n):
        n0 = rng.randint(1, 3)
        hidden = [rng.randint(1, 5) for _ in range(rng.randint(2, 3 if level == "quick" else 4))]
        widths = [n0] + hidden + [1]
        D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
        theta = random_rational_vector(rng, D, max_abs=3, max_den=2)
        x1 = random_rational_vector(rng, n0, max_abs=6, max_den=2)
        x2 = random_rational_vector(rng, n0, max_abs=6, max_den=2)
        if x1 == x2:
            x2 = [v + 1 for v in x2]
        out.append({"widths": widths, "theta": theta, "x1": x1, "x2": x2, "activation": "relu"})
    return out


def _deep_strategy():
    import hypothesis.strategies as st
    from ...strategies import rationals

    @st.composite
    def inst(draw):
        n0 = draw(st.integers(1, 2))
        widths = [n0] + draw(st.lists(st.integers(1, 4), min_size=2, max_size=3)) + [1]
        D = sum(widths[i + 1] * (widths[i] + 1) for i in range(len(widths) - 1))
        w = rationals(max_numerator=3, max_denominator=2)
        x1 = draw(st.lists(w, min_size=n0, max_size=n0))
        return {"widths": widths, "theta": draw(st.lists(w, min_size=D, max_size=D)), "x1": x1,
                "x2": draw(st.lists(w, min_size=n0, max_size=n0).filter(lambda v: v != x1)), "activation": "relu"}
    return inst()


def _walk_by_midpoints(net, x1, x2, breakpoints):
    """Patterns (hidden bits) at the endpoints and at the midpoint of every piece between the given breakpoints,
    by exact evaluation of the network."""
    from ...numbers import exact, exact_vector
    a, b = exact_vector(x1), exact_vector(x2)
    ts = [Fraction(0)] + [Fraction(exact(t)) for t in breakpoints] + [Fraction(1)]
    pts = [ts[0]] + [(ts[i] + ts[i + 1]) / 2 for i in range(len(ts) - 1)] + [ts[-1]]
    return [_bits(net.pattern([(1 - t) * u + t * v for u, v in zip(a, b)])) for t in pts]


def _deep_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    net = _net(inst)
    walk = _walk_by_midpoints(net, inst["x1"], inst["x2"], c["breakpoints"])
    r1, r2, chi, _ = walk_chi(walk)
    rr1, rr2, rchi, _ = walk_chi(walk[::-1])
    if (str(chi), str(rchi), r2) != (str(c["chi"]), str(c["chi_reverse"]), int(c["r2"])):
        raise CertificateError(f"exact evaluation at the piece midpoints gives chi={chi}, reverse {rchi}, r2={r2}; "
                               f"the certificate says chi={c['chi']}, reverse {c['chi_reverse']}, r2={c['r2']}")
    # no breakpoint missed: on a fine rational grid the sampled walk is a sub-walk, so r1, r2 cannot exceed
    from ...numbers import exact_vector
    a, b = exact_vector(inst["x1"]), exact_vector(inst["x2"])
    grid = [Fraction(k, 97) for k in range(98)]
    sw = [_bits(net.pattern([(1 - t) * u + t * v for u, v in zip(a, b)])) for t in grid]
    s1, s2, _, _ = walk_chi(sw)
    if s2 > r2:
        raise CertificateError(f"a 98-point grid walk has r2 = {s2} > {r2}: a breakpoint is missing")
    return [f"walk re-read by exact evaluation at the piece midpoints: chi={chi}, reverse {rchi}",
            f"98-point exact grid walk: r1={s1} <= {r1}, r2={s2} <= {r2}"]


@claim(id="folding.deterministic-bounds", scope=net_scope,
       statement="For every ReLU network and segment, chi lies in [0, 1 - 1/r2] and satisfies the deterministic "
                 "bounds (1 - D/L)/2 <= chi <= 1 - D/L and |chi - chi_reverse| <= D/L (D = Hamming distance of "
                 "the endpoint patterns, L = r2). exactsep's proof: r1 >= D gives chi <= 1 - D/L; the walk goes from "
                 "pi_1 to the farthest pattern (length >= r1) and on to pi_n (length >= r1 - D), so L >= 2 r1 - D, "
                 "which is the lower bound; the reverse walk's r1 lies in [r1 - D, r1 + D] by the triangle "
                 "inequality, so |chi - chi_reverse| = |r1 - r1_reverse| / L <= D/L.",
       hypotheses=("ReLU hidden layers, bits of every hidden layer", "the exact walk", "r2 >= 1 (else chi = 0)"),
       provenance="[secondary] (the authors' AAAI project page credits the bounds to a newer activation-path analysis; "
                  "the AAAI paper itself only conjectured the reverse-path behaviour from experiments); the proof "
                  "above and the range are [derived ✓]",
       source="docs/theory/folding.md, 'Properties' (item 5 and the range). Stated in: the project page of "
              "M. Lewandowski et al., 'Exploiting Space Folding by Neural Networks', AAAI 2026, "
              "posts/exploiting-space-folding.html in the GitHub repository "
              "michalmariuszlewandowski/michalmariuszlewandowski.github.io (commit a2f242f; removed from the site in "
              "commit f2814af), section 'What the newer analysis adds'; that page names no title or venue for the "
              "newer analysis, so no further source can be given",
       instances=_deep_instances, strategy=_deep_strategy,
       verify=_deep_verify, requires=("exactsep.folding:fold",),
       family=lambda inst: f"{len(inst['widths']) - 2} hidden layers",
       size=lambda inst: (len(inst["widths"]), sum(inst["widths"]), len(str(inst))))
def deterministic_bounds(inst):
    from exactsep.folding import fold
    net = _net(inst)
    r = fold(net, inst["x1"], inst["x2"])
    chi, rev, L, D = Fraction(r.chi), Fraction(r.chi_reverse), r.r2, r.endpoint_distance
    if L == 0:
        ok = chi == 0 and rev == 0
    else:
        u = 1 - Fraction(D, L)
        ok = 0 <= chi <= 1 - Fraction(1, L) and u / 2 <= chi <= u and abs(chi - rev) <= Fraction(D, L)
    return outcome(ok, "exactsep.folding.fold: 0 <= chi <= 1 - 1/r2, (1-D/L)/2 <= chi <= 1-D/L, |chi - chi_rev| <= D/L",
                   chi=chi, chi_reverse=rev, r1=r.r1, r2=L, endpoint_distance=D,
                   breakpoints=[str(t) for t in r.breakpoints])
