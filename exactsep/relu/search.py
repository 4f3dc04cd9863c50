"""Counterexample search on small ReLU architectures, with JSON certificates re-checked from scratch.

Certificate kinds and EXACTLY what :func:`verify_certificate` checks (all in exact arithmetic, without
trusting any number stored in the certificate except the parameters):

``dimension_below_upper_bound``
    Recomputes the functional dimension of ``theta`` by complete region enumeration with a proven rank;
    checks it is certified, equals ``functional_dimension`` and is ``< U = D - sum(hidden widths)``.
    Proves: ``dim_fun(theta) < U`` (dim_fun as the supremum over points with all hidden pre-activations
    nonzero).

``non_constant_dimension_on_fiber``
    Checks ``F_{theta_a} == F_{theta_b}`` (complete decision, :func:`~exactsep.relu.fibers.same_function`)
    and recomputes both functional dimensions (certified) and that they differ. If a ``path`` is present,
    each step ``theta_k -> theta_{k+1}`` is checked to be one of: ``output_layer`` (only ``W^d, b^d``
    differ, so ``F`` is affine along the segment and both ends realise ``f``: the whole segment lies in
    the fiber), ``silent_incoming`` (only incoming weights/biases of hidden neurons whose outgoing
    columns are zero at both ends differ: ``F`` is constant along the segment), ``scaling`` (``theta_{k+1}``
    is a positive rescaling of hidden neurons of ``theta_k``: joined by the orbit path ``lam^s``). With a
    verified path the certificate proves that ``dim_fun`` is non-constant on ONE PATH-COMPONENT of the
    fiber (``connected: true``); without it, only that it is non-constant on the fiber.

``non_transitive_action``
    Checks ``F_{theta_a} == F_{theta_b}`` and that a ``G``-invariant differs: the multiset of normalised
    first-layer rows (``G`` permutes and positively rescales them: no theorem needed), or the canonical
    form when both are proven normal forms (every hidden neuron has a nonzero incoming row). Proves:
    ``theta_b`` is in the fiber of ``theta_a`` but not in its ``G``-orbit (hidden symmetry).

``disconnected_fiber``  (architectures ``(1, n, 1)``)
    Checks ``F_{theta_a} == F_{theta_b}``; that ``F`` needs ``n`` hidden neurons (the least width of
    :func:`~exactsep.relu.fibers.minimal_width_one_hidden_layer`, [derived] breakpoint/jump argument,
    equal to ``n``), so on the whole fiber every input weight ``a_i`` is nonzero (a neuron with
    ``a_i = 0`` is a constant and could be dropped); hence the sign vector ``(sign a_i)`` is constant on
    each path-component of the fiber; and that the two sign vectors differ. Proves: the fiber is
    disconnected (``theta_a`` and ``theta_b`` lie in different path-components, indeed different
    connected components since the sign vector is a continuous map to a discrete set).

>>> from exactsep.relu.search import verify_certificate
>>> cert = {"kind": "non_transitive_action", "widths": [1, 1, 1, 1],
...         "theta_a": [1, 0, -1, 1, -1, 1], "theta_b": [-1, 1, -1, 1, 1, 0]}       # T1
>>> verify_certificate(cert).valid
True
>>> verify_certificate(dict(cert, theta_b=[-1, 1, -1, 1, 1, 1])).valid
False
"""
from __future__ import annotations

import itertools
import json
import os
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ..errors import CertificateError, ExactsepError, InvalidSpecError
from ..nets.network import Network, check_widths, num_params
from ..numbers import exact_vector, normalize, to_json_number, Rational
from .fibers import (minimal_width_one_hidden_layer, one_hidden_layer_breakpoints, same_function,
                     hidden_directions, move)
from .fundim import functional_dimension, upper_bound
from .symmetry import act, layer_blocks, same_orbit_invariants_differ

__all__ = ["KINDS", "Verification", "verify_certificate", "search", "search_generic", "SearchResult", "DEFAULT_ARCHS"]

KINDS = ("dimension_below_upper_bound", "non_constant_dimension_on_fiber", "non_transitive_action",
         "disconnected_fiber")
DEFAULT_ARCHS = ((1, 1, 1), (1, 2, 1), (1, 1, 1, 1), (1, 3, 1), (1, 2, 2, 1), (2, 2, 1), (2, 1, 1))


def _jtheta(th):
    return [to_json_number(v) for v in th]


@dataclass(frozen=True)
class Verification:
    """``valid``; ``proves``: the statement established; ``checks``: what was checked; ``reason``: why not."""

    valid: bool
    kind: str
    proves: str
    checks: Tuple[str, ...]
    reason: str = ""

    def to_json(self) -> dict:
        return {"valid": self.valid, "kind": self.kind, "proves": self.proves, "checks": list(self.checks),
                "reason": self.reason}


def _net(widths, theta, what):
    try:
        return Network.from_flat(widths, theta)
    except ExactsepError as e:
        raise CertificateError(f"{what}: {e}") from None


def _fd_certified(net):
    fd = functional_dimension(net, cheap_points=0)
    if not fd.certified:
        raise CertificateError("the functional dimension could not be certified for this parameter")
    return fd.value


def _differing_block(widths, ta, tb):
    """Which parameter blocks differ: list of (layer l >= 1, 'W'|'b', neuron index i, column j or None)."""
    out = []
    pos = 0
    for l in range(1, len(widths)):
        for i in range(widths[l]):
            for j in range(widths[l - 1]):
                if ta[pos] != tb[pos]:
                    out.append((l, "W", i, j))
                pos += 1
        for i in range(widths[l]):
            if ta[pos] != tb[pos]:
                out.append((l, "b", i, None))
            pos += 1
    return out


def _outgoing_column(widths, th, l, i):
    blocks = layer_blocks(widths)
    ws, _, _ = blocks[l]          # layer l+1 (0-based index l)
    n_out_prev = widths[l]
    return [th[ws + k * n_out_prev + i] for k in range(widths[l + 1])]


def _check_step(widths, ta, tb, kind) -> str:
    d = len(widths) - 1
    diff = _differing_block(widths, ta, tb)
    if kind == "output_layer":
        if any(l != d for l, *_ in diff):
            raise CertificateError("output_layer step changes parameters outside the last layer")
        if not same_function(Network.from_flat(widths, ta), Network.from_flat(widths, tb)).equal:
            raise CertificateError("output_layer step: the two ends realise different functions")
        return "output_layer step: only W^d, b^d change and both ends realise f (F is affine in them)"
    if kind == "silent_incoming":
        neurons = set()
        for l, typ, i, j in diff:
            if l == d:
                raise CertificateError("silent_incoming step changes the last layer")
            neurons.add((l, i))
        for l, i in neurons:
            ca, cb = _outgoing_column(widths, ta, l, i), _outgoing_column(widths, tb, l, i)
            if any(v != 0 for v in ca) or ca != cb:
                raise CertificateError(f"silent_incoming step: neuron {i + 1} of layer {l} has a nonzero "
                                       f"outgoing column")
        return "silent_incoming step: only incoming parameters of neurons with zero outgoing columns change"
    if kind == "scaling":
        H = len(widths) - 2
        scal = []
        blocks = layer_blocks(widths)
        for l in range(1, H + 1):
            lam = []
            ws, bsx, _ = blocks[l - 1]
            for i in range(widths[l]):
                row_a = ta[ws + i * widths[l - 1]: ws + (i + 1) * widths[l - 1]] + [ta[bsx + i]]
                row_b = tb[ws + i * widths[l - 1]: ws + (i + 1) * widths[l - 1]] + [tb[bsx + i]]
                k = next((t for t, v in enumerate(row_a) if v != 0), None)
                if k is None:
                    ca, cb = _outgoing_column(widths, ta, l, i), _outgoing_column(widths, tb, l, i)
                    k2 = next((t for t, v in enumerate(ca) if v != 0), None)
                    lam.append(Fraction(1) if k2 is None or cb[k2] == 0 else Fraction(ca[k2]) / Fraction(cb[k2]))
                else:
                    lam.append(Fraction(row_b[k]) / Fraction(row_a[k]))
            if any(v <= 0 for v in lam):
                raise CertificateError("scaling step: not a positive rescaling")
            scal.append(lam)
        if [Fraction(v) for v in act(widths, ta, scalings=scal)] != [Fraction(v) for v in tb]:
            raise CertificateError("scaling step: theta_{k+1} is not a positive rescaling of theta_k")
        return "scaling step: a positive rescaling of hidden neurons (joined inside the orbit)"
    raise CertificateError(f"unknown path step kind {kind!r}")


def verify_certificate(cert: Dict[str, Any]) -> Verification:
    """Re-check a certificate from scratch (see the module docs for what each kind proves).

    Returns a :class:`Verification`; ``valid`` is False (with ``reason``) for a wrong or tampered
    certificate. Malformed input raises :class:`~exactsep.errors.CertificateError`.
    """
    if not isinstance(cert, dict) or "kind" not in cert:
        raise CertificateError("a certificate is a JSON object with a 'kind'")
    kind = cert["kind"]
    if kind not in KINDS:
        raise CertificateError(f"unknown certificate kind {kind!r}; known: {', '.join(KINDS)}")
    try:
        widths = check_widths(cert.get("widths"))
    except ExactsepError as e:
        raise CertificateError(f"bad widths: {e}") from None
    checks: List[str] = []

    def fail(reason, proves=""):
        return Verification(False, kind, proves, tuple(checks), reason)

    try:
        if kind == "dimension_below_upper_bound":
            net = _net(widths, cert.get("theta"), "theta")
            U = upper_bound(widths)
            fd = functional_dimension(net, cheap_points=0)
            checks.append(f"complete enumeration: {fd.regions} regions, rank {fd.value} (certified={fd.certified})")
            if not fd.certified:
                return fail("functional dimension not certified")
            if cert.get("functional_dimension") is not None and int(cert["functional_dimension"]) != fd.value:
                return fail(f"claimed functional dimension {cert['functional_dimension']} but it is {fd.value}")
            if fd.value >= U:
                return fail(f"functional dimension {fd.value} is not below U = {U}")
            checks.append(f"{fd.value} < U = {U}")
            return Verification(True, kind, f"dim_fun(theta) = {fd.value} < U = {U}", tuple(checks))
        na = _net(widths, cert.get("theta_a"), "theta_a")
        nb = _net(widths, cert.get("theta_b"), "theta_b")
        sf = same_function(na, nb)
        checks.append(f"same_function: {sf.equal} ({sf.regions} cells of the difference network)")
        if not sf.equal:
            return fail(f"theta_a and theta_b realise different functions (they differ at {list(sf.witness)})")
        if kind == "non_constant_dimension_on_fiber":
            da, db = _fd_certified(na), _fd_certified(nb)
            checks.append(f"dim_fun(theta_a) = {da}, dim_fun(theta_b) = {db} (both certified)")
            if da == db:
                return fail("the two functional dimensions are equal")
            for key, val in (("dim_a", da), ("dim_b", db)):
                if cert.get(key) is not None and int(cert[key]) != val:
                    return fail(f"claimed {key} = {cert[key]} but it is {val}")
            path = cert.get("path")
            connected = False
            if path:
                pts = [exact_vector(cert["theta_a"], length=num_params(widths))]
                for k, step in enumerate(path):
                    pts.append(exact_vector(step.get("theta"), length=num_params(widths), what=f"path step {k}"))
                    checks.append(_check_step(widths, pts[-2], pts[-1], step.get("kind")))
                if pts[-1] != exact_vector(cert["theta_b"]):
                    return fail("the path does not end at theta_b")
                connected = True
            proves = (f"dim_fun takes the values {da} and {db} on one path-component of the fiber" if connected
                      else f"dim_fun takes the values {da} and {db} on the fiber")
            return Verification(True, kind, proves, tuple(checks))
        if kind == "non_transitive_action":
            which = same_orbit_invariants_differ(widths, na.flat(), nb.flat())
            if which is None:
                return fail("no checked G-invariant separates theta_a and theta_b")
            checks.append("normalised first-layer rows differ (a G-invariant)" if which == "first_layer_rows"
                          else "canonical forms (proven normal forms) differ")
            return Verification(True, kind, "theta_b is in the fiber of theta_a but not in its G-orbit", tuple(checks))
        if kind == "disconnected_fiber":
            if len(widths) != 3 or widths[0] != 1 or widths[2] != 1:
                return fail("disconnected_fiber certificates are implemented for (1, n, 1) architectures")
            n = widths[1]
            m, witness = minimal_width_one_hidden_layer(na)
            checks.append(f"least width realising F is {m} (witness of width {m} verified: "
                          f"{same_function(na, witness).equal})")
            if m != n:
                return fail(f"F can be realised with {m} < {n} neurons, so input weights may vanish on the fiber")
            sa = [1 if v > 0 else -1 for v in (r[0] for r in na.layers[0].W)]
            sb = [1 if v > 0 else -1 for v in (r[0] for r in nb.layers[0].W)]
            checks.append(f"sign vectors of the input weights: {sa} vs {sb}")
            if sa == sb:
                return fail("the two points have the same sign vector of input weights")
            return Verification(True, kind, "the fiber is disconnected: theta_a and theta_b lie in different "
                                            "connected components", tuple(checks))
    except CertificateError as e:
        return fail(str(e))
    except ExactsepError as e:          # malformed content (bad numbers, shapes, path entries)
        raise CertificateError(f"malformed certificate: {e}") from None
    raise CertificateError(f"unhandled kind {kind}")


# ----------------------------------------------------------------------------- search
@dataclass(frozen=True)
class SearchResult:
    certificates: Tuple[Dict[str, Any], ...]
    tried: int
    files: Tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"tried": self.tried, "found": len(self.certificates),
                "by_kind": {k: sum(1 for c in self.certificates if c["kind"] == k) for k in KINDS},
                "files": list(self.files), "certificates": list(self.certificates)}


def _rand_theta(rng, widths, max_num=3, max_den=2):
    return [normalize(Fraction(rng.randint(-max_num, max_num), rng.randint(1, max_den)))
            for _ in range(num_params(widths))]


def _fd(net):
    fd = functional_dimension(net, cheap_points=0)
    return fd.value if fd.certified else None


def _silent_path(rng, widths, th):
    """A fiber point reached by moving incoming parameters of neurons with zero outgoing column."""
    H = len(widths) - 2
    cands = [(l, i) for l in range(1, H + 1) for i in range(widths[l])
             if all(v == 0 for v in _outgoing_column(widths, th, l, i))]
    if not cands:
        return None
    l, i = rng.choice(cands)
    new = list(th)
    ws, bsx, _ = layer_blocks(widths)[l - 1]
    for j in range(widths[l - 1]):
        new[ws + i * widths[l - 1] + j] = normalize(Fraction(rng.randint(-3, 3), rng.randint(1, 2)))
    new[bsx + i] = normalize(Fraction(rng.randint(-3, 3), rng.randint(1, 2)))
    return new


def search(archs: Sequence[Sequence[int]] = DEFAULT_ARCHS, budget: int = 200, seed: int = 0,
           kinds: Sequence[str] = KINDS, out_dir: Optional[str] = None, per_kind: int = 3,
           progress: Optional[Callable[[int, int], None]] = None) -> SearchResult:
    """Random search over small architectures with small rational parameters for the certificate kinds.

    ``budget`` random parameters in total (spread over ``archs``); at most ``per_kind`` finds per kind and
    architecture. Every certificate found is re-verified with :func:`verify_certificate` before it is kept;
    with ``out_dir`` each is written as ``<kind>_<n>.json``.
    """
    for k in kinds:
        if k not in KINDS:
            raise InvalidSpecError(f"unknown kind {k!r}; known: {', '.join(KINDS)}")
    archs = [check_widths(a) for a in archs]
    rng = random.Random(seed)
    found: List[Dict[str, Any]] = []
    counts: Dict[Tuple[str, Tuple[int, ...]], int] = {}
    tried = 0

    def keep(cert):
        key = (cert["kind"], tuple(cert["widths"]))
        if counts.get(key, 0) >= per_kind:
            return
        v = verify_certificate(cert)
        if v.valid:
            cert["proves"] = v.proves
            cert["checks"] = list(v.checks)
            counts[key] = counts.get(key, 0) + 1
            found.append(cert)

    def want(kind, w):
        return kind in kinds and counts.get((kind, tuple(w)), 0) < per_kind

    for it in range(budget):
        w = archs[it % len(archs)]
        tried += 1
        if progress is not None:
            progress(it + 1, budget)
        th = _rand_theta(rng, w)
        net = Network.from_flat(w, th)
        try:
            d = _fd(net)
        except ExactsepError:
            continue
        U = upper_bound(w)
        if d is not None and d < U and want("dimension_below_upper_bound", w):
            keep({"kind": "dimension_below_upper_bound", "widths": list(w), "theta": _jtheta(th),
                  "functional_dimension": d, "upper_bound": U})
        # connected moves: silent incoming parameters
        if want("non_constant_dimension_on_fiber", w):
            new = _silent_path(rng, w, th)
            if new is not None:
                d2 = _fd(Network.from_flat(w, new))
                if d is not None and d2 is not None and d2 != d:
                    keep({"kind": "non_constant_dimension_on_fiber", "widths": list(w), "theta_a": _jtheta(th),
                          "theta_b": _jtheta(new), "dim_a": d, "dim_b": d2,
                          "path": [{"kind": "silent_incoming", "theta": _jtheta(new)}]})
        # hidden directions: exact linear moves
        if want("non_transitive_action", w) or want("non_constant_dimension_on_fiber", w):
            try:
                H = hidden_directions(net)
            except ExactsepError:
                H = None
            if H is not None:
                for v in H.hidden[:2]:
                    t = Fraction(rng.choice([1, -1, 2, -2]), rng.choice([1, 2, 3]))
                    m2 = move(net, v, t)
                    if not same_function(net, m2).equal:
                        continue
                    th2 = m2.flat()
                    if want("non_transitive_action", w):
                        keep({"kind": "non_transitive_action", "widths": list(w), "theta_a": _jtheta(th),
                              "theta_b": _jtheta(th2)})
                    if want("non_constant_dimension_on_fiber", w):
                        d2 = _fd(m2)
                        if d is not None and d2 is not None and d2 != d:
                            keep({"kind": "non_constant_dimension_on_fiber", "widths": list(w),
                                  "theta_a": _jtheta(th), "theta_b": _jtheta(th2), "dim_a": d, "dim_b": d2})
        # disconnected fibers of (1, n, 1): re-orient a minimal realisation
        if len(w) == 3 and w[0] == 1 and w[2] == 1 and want("disconnected_fiber", w):
            try:
                m, _ = minimal_width_one_hidden_layer(net)
            except ExactsepError:
                m = -1
            if m == w[1]:
                alt = _reoriented(net)
                if alt is not None:
                    keep({"kind": "disconnected_fiber", "widths": list(w), "theta_a": _jtheta(th),
                          "theta_b": _jtheta(alt)})
    files = []
    if out_dir is not None:
        from ..cliutil import check_output_dir, writing
        check_output_dir(out_dir, "out_dir")
        for k, cert in enumerate(found):
            path = os.path.join(out_dir, f"{cert['kind']}_{k}.json")
            with writing(path, "certificate") as tmp, open(tmp, "w", encoding="utf-8") as f:
                json.dump(cert, f, indent=2)
            files.append(path)
    return SearchResult(tuple(found), tried, tuple(files))


def _reoriented(net) -> Optional[List[Rational]]:
    """For a (1, n, 1) network needing n neurons: another realisation of F whose input-weight sign vector
    differs, from a different choice of left-facing neurons (or a flipped opposite pair), if one exists."""
    n = net.widths[1]
    bps, jumps, s, f0 = one_hidden_layer_breakpoints(net)
    K = len(bps)
    sa = sorted(1 if r[0] > 0 else -1 for r in net.layers[0].W)
    cands = []
    if K == n:
        for r in range(K + 1):
            for L in itertools.combinations(range(K), r):
                if sum((jumps[k] for k in L), Fraction(0)) == -s:
                    cands.append(([-1 if k in L else 1 for k in range(K)], list(bps), list(jumps), None))
    elif K == n - 1 or (K == 0 and n == 2):
        # K breakpoints + one opposite pair at a breakpoint (or at 0 when K = 0)
        anchors = list(range(K)) if K else [None]
        for r in range(K + 1):
            for L in itertools.combinations(range(K), r):
                for anc in anchors:
                    cands.append(([-1 if k in L else 1 for k in range(K)], list(bps), list(jumps), anc))
    for orient, bp, jp, anc in cands:
        a = list(orient)
        b = [-o * beta for o, beta in zip(orient, bp)]      # a x + b = o (x - beta)
        c = list(jp)
        if anc is not None or K < n:
            beta0 = bp[anc] if anc is not None else Fraction(0)
            # add a neuron facing opposite to... choose: pair (x - beta0) with coefficient to fix the left slope
            cur_left = -sum((c[k] for k in range(K) if a[k] < 0), Fraction(0))
            extra = s - cur_left
            if extra == 0:
                continue
            if anc is None:
                a += [1, -1]; b += [-beta0, beta0]; c += [extra, -extra]
            else:
                o = -a[anc]
                # neuron anc gets its jump changed, the new one faces opposite
                a.append(o); b.append(-o * beta0)
                if o > 0:     # new right-facing: + extra relu(x - b0); anc (left-facing) gets - extra
                    c[anc] -= extra; c.append(extra)
                else:         # new left-facing: - extra relu(b0 - x); anc (right-facing) gets + extra
                    c[anc] += extra; c.append(-extra)
        if len(a) != n:
            continue
        if sorted(a) == sa:
            continue
        tmp = Network.from_flat([1, n, 1], a + b + c + [0])
        d = f0 - Fraction(tmp([0])[0])
        th = [normalize(Fraction(v)) for v in a + b + c] + [normalize(d)]
        cand = Network.from_flat([1, n, 1], th)
        if same_function(net, cand).equal:
            return th
    return None


# ----------------------------------------------------------------------------- generic witnesses
def _nonzero_theta(rng, widths, max_num=3, max_den=2):
    out = []
    for _ in range(num_params(widths)):
        while True:
            v = Fraction(rng.randint(-max_num, max_num), rng.randint(1, max_den))
            if v != 0:
                break
        out.append(normalize(v))
    return out


def _cancelling_output(rng, widths, th):
    """Output weights (c b, -c a) against the column (a, b) of one neuron j of the layer before the last hidden
    layer: where both last-layer neurons are active, neuron j does not reach the output, so its incoming
    parameters can move (a hidden direction) and its kink can hide or show on other regions."""
    from .symmetry import layer_blocks
    th = list(th)
    blocks = layer_blocks(widths)
    ws_prev, _, _ = blocks[-2]                       # W^{d-1}: rows = the 2 last hidden neurons
    n_in = widths[-3]
    j = rng.randrange(n_in)
    a, b = th[ws_prev + j], th[ws_prev + n_in + j]
    c = normalize(Fraction(rng.choice([1, -1, 2, -2])) / rng.choice([1, 2]))
    ws_out, _, _ = blocks[-1]
    th[ws_out], th[ws_out + 1] = normalize(c * b), normalize(-c * a)
    return th


def _fiber_moves(rng, net, kind):
    """Candidate second points of the fiber of ``net``: exact moves along first-order hidden directions, and for
    ``(1, n, 1)`` the re-oriented realisation."""
    out = []
    w = net.widths
    if kind in ("non_transitive_action", "non_constant_dimension_on_fiber"):
        try:
            H = hidden_directions(net)
        except ExactsepError:
            H = None
        if H is not None:
            th = net.flat()
            for v in H.hidden[:3]:
                ts = [Fraction(1, 2), -1, 2, Fraction(-1, 3), 3, -3]
                # moves that flip the sign of a coordinate (a neuron changing orientation crosses a degenerate
                # point, but both ends can be generic): theta_i -> -theta_i and -theta_i / 2
                for i, vi in enumerate(v):
                    if vi != 0 and th[i] != 0:
                        ts += [-2 * Fraction(th[i]) / vi, Fraction(-3, 2) * Fraction(th[i]) / vi]
                seen = set()
                for t in ts:
                    if t not in seen:
                        seen.add(t)
                        out.append(move(net, v, t).flat())
    if len(w) == 3 and w[0] == 1 and w[2] == 1:
        try:
            alt = _reoriented(net)
        except ExactsepError:
            alt = None
        if alt is not None:
            out.append(alt)
    return out


def _shrunk_pair(widths, cert):
    """Both points rescaled toward small heights by positive neuron scalings (each stays in its G-orbit, so the
    function, the functional dimension and the orbit are unchanged); certificates with a path are kept as they are."""
    from .quality import scaling_shrink
    if cert.get("path"):
        return cert
    new = dict(cert, theta_a=_jtheta(scaling_shrink(widths, cert["theta_a"])),
               theta_b=_jtheta(scaling_shrink(widths, cert["theta_b"])))
    new.pop("proves", None)
    new.pop("checks", None)
    return new if verify_certificate(new).valid else cert


def search_generic(kind: str, archs: Sequence[Sequence[int]], draws: Any = 40, seed: int = 0,
                   fallback_budget: Optional[int] = None) -> Dict[str, Any]:
    """A certificate of ``kind`` whose two parameters are both *generic* (:func:`exactsep.relu.quality.witness_quality`:
    no zero weight row, column or output weight, every hidden neuron switching over ``R^n0``, no coinciding bent
    hyperplanes, small heights), searched on ``archs`` in the given order (smallest first), ``draws`` random nonzero
    parameters each (an int, or one int per architecture); the witness is shrunk toward small heights by neuron rescalings and re-verified. When no
    architecture gives a generic witness, the plain :func:`search` (degenerate parameters allowed, budget
    ``fallback_budget``, default ``draws * len(archs)``) supplies one.

    Returns ``{"certificate", "generic", "quality_a", "quality_b", "tried", "arch_index"}`` (``certificate`` None
    when nothing was found).
    """
    from .quality import witness_quality
    if kind not in KINDS or kind == "dimension_below_upper_bound":
        raise InvalidSpecError(f"search_generic searches fiber phenomena: one of {', '.join(KINDS[1:])}")
    rng = random.Random(f"generic:{seed}:{kind}")
    tried = 0
    per_arch = [int(draws)] * len(archs) if not isinstance(draws, (list, tuple)) else [int(d) for d in draws]
    if len(per_arch) != len(archs):
        raise InvalidSpecError(f"draws: one count per architecture ({len(archs)}), got {len(per_arch)}")
    for ai, arch in enumerate(archs):
        widths = list(check_widths(arch))
        if kind == "disconnected_fiber" and not (len(widths) == 3 and widths[0] == 1 and widths[2] == 1):
            continue
        for _ in range(per_arch[ai]):
            tried += 1
            th = _nonzero_theta(rng, widths)
            if kind == "non_constant_dimension_on_fiber" and len(widths) >= 4 and widths[-2] == 2 \
                    and widths[-1] == 1 and rng.random() < 0.75:
                th = _cancelling_output(rng, widths, th)
            net = Network.from_flat(widths, th)
            try:
                qa = witness_quality(net)
            except ExactsepError:
                continue
            if not qa.generic:
                continue
            da = None
            for th2 in _fiber_moves(rng, net, kind):
                try:
                    nb = Network.from_flat(widths, th2)
                    qb = witness_quality(nb)
                    if not qb.generic or not same_function(net, nb).equal:
                        continue
                    cert = {"kind": kind, "widths": widths, "theta_a": _jtheta(th), "theta_b": _jtheta(th2)}
                    if kind == "non_constant_dimension_on_fiber":
                        if da is None:
                            da = _fd(net)
                        db = _fd(nb)
                        if da is None or db is None or da == db:
                            continue
                        cert.update(dim_a=da, dim_b=db)
                except ExactsepError:
                    continue
                v = verify_certificate(cert)
                if not v.valid:
                    continue
                cert = _shrunk_pair(widths, cert)
                v = verify_certificate(cert)
                cert["proves"], cert["checks"] = v.proves, list(v.checks)
                return {"certificate": cert, "generic": True,
                        "quality_a": witness_quality(widths, cert["theta_a"]).to_json(),
                        "quality_b": witness_quality(widths, cert["theta_b"]).to_json(), "tried": tried,
                        "arch_index": ai}
    res = search(archs=[tuple(a) for a in archs], budget=fallback_budget or min(sum(per_arch), 400), seed=seed,
                 kinds=[kind], per_kind=1)
    tried += res.tried
    if not res.certificates:
        return {"certificate": None, "generic": False, "quality_a": None, "quality_b": None, "tried": tried,
                "arch_index": None}
    cert = res.certificates[0]
    qa, qb = witness_quality(cert["widths"], cert["theta_a"]), witness_quality(cert["widths"], cert["theta_b"])
    return {"certificate": cert, "generic": qa.generic and qb.generic, "quality_a": qa.to_json(),
            "quality_b": qb.to_json(), "tried": tried, "arch_index": None}
