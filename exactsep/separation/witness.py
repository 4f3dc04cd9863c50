"""Witness networks: concrete equivariant networks with small rational weights that separate a pair.

For a pair the theory calls *separated*, :func:`witness` builds a network of the architecture whose
outputs on the two inputs differ, and re-evaluates it: exactly over Q for ReLU-like and polynomial
activations, in certified interval arithmetic (python-flint ``arb``) for smooth ones (the output balls
must be disjoint). Construction (non-polynomial activations, following the proof of Theorem A), carried
out on the colours of colour refinement (CR) rather than by probing networks:

* every hidden layer ``l`` gets ONE pre-activation ``z_l`` that is a function of the layer-``l`` colour
  and injective on the colours of the pair (checked exactly, or on pairwise disjoint arb balls; nodes of
  one colour must get one value, a live check of the theory);
* its channels are ``sigma(s (z_l - t_k))`` for thresholds ``t_k`` below / between the sorted values
  (``s = 1`` for ReLU / leaky ReLU, a power of two making ``s * gap`` about 64 otherwise); their matrix
  ``H`` of values on the colours is invertible (triangular-like; if not, the mirrored channels
  ``sigma(-s (z_l - t_k))`` are added), so the next layer realises ANY function ``psi_i`` of the colours
  for every basis matrix ``i``: its weights solve ``H w_i = psi_i``, exactly for piecewise-linear
  activations, on the certified midpoints (rounded to a dyadic grid) for smooth ones;
* the ``psi_i`` (and the biases) are random integers, redrawn with a doubled range until the next
  pre-activation is injective on its colours, and at the output until the two outputs differ;
* the network is then evaluated from scratch (exactly, or in arb at a precision that doubles on
  failure) and returned only if the outputs differ.

Polynomial activations (``sigma(t) = t^d``) use random integer networks of width ``dim H_l + 1``
(generic networks of that width realise the pair's evaluation spaces, computed by ES).

:func:`random_network` draws a random exact network of an architecture (used to check, the other way
round, that identified pairs get identical outputs).

>>> from exactsep.groups import symmetric, GSet
>>> from exactsep.separation import Architecture
>>> G = symmetric(3); X = GSet.natural(G)
>>> arch = Architecture(G, X, [X], activation="relu")
>>> w = witness(arch, [1, 2, 3], [0, 0, 6])
>>> w.verify(), w.output_a != w.output_b
(True, True)
>>> ws = witness(arch.replace(activation="sigmoid"), [1, 2, 3], [0, 0, 6])
>>> ws.evaluation, ws.verify(), any(not x.overlaps(y) for x, y in zip(ws.output_a, ws.output_b))
('arb', True, True)
>>> net = random_network(arch, width=3, seed=1)
>>> net([1, 2, 3]) == net([3, 1, 2])
True
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, List, Optional, Sequence, Tuple

from ..errors import ExactsepError, InvalidInputError
from ..equivariant.network import (EquivariantLayer, EquivariantNetwork, SMOOTH_ACTIVATIONS, _arb_act, _exact_act,
                                   _to_arb)
from ..numbers import Rational, normalize, to_json_number, common_denominator
from .cr import colour_refinement, exact_inputs

__all__ = ["Witness", "witness", "random_network", "WitnessNotFoundError"]


class WitnessNotFoundError(ExactsepError):
    """No witness network was found within the allowed number of attempts."""


def _is_smooth(act: str) -> bool:
    return act.split(":")[0] in SMOOTH_ACTIVATIONS


def _arb_str(x) -> str:
    return x.str(20, radius=True) if hasattr(x, "str") else str(x)


@dataclass(frozen=True, eq=False)
class Witness:
    """A network of the architecture and its outputs on ``a`` and ``b``, which differ.

    ``evaluation``: ``"exact"`` (outputs are exact rationals) or ``"arb"`` (outputs are certified
    ``arb`` balls at ``prec`` bits, disjoint in at least one coordinate).
    """

    network: EquivariantNetwork
    a: Tuple[Rational, ...]
    b: Tuple[Rational, ...]
    output_a: Tuple[Any, ...]
    output_b: Tuple[Any, ...]
    evaluation: str
    prec: int = 128

    def verify(self) -> bool:
        """Re-evaluate the network from scratch and check that the outputs differ (certified)."""
        if self.evaluation == "exact":
            oa, ob = self.network.evaluate(list(self.a)), self.network.evaluate(list(self.b))
            return oa != ob
        oa = self.network.evaluate_arb(list(self.a), self.prec)
        ob = self.network.evaluate_arb(list(self.b), self.prec)
        return _arb_differ(oa, ob)

    @property
    def max_width(self) -> int:
        return max(L.width_out for L in self.network.layers)

    def to_json(self) -> dict:
        conv = (lambda v: [to_json_number(x) for x in v]) if self.evaluation == "exact" else \
            (lambda v: [_arb_str(x) for x in v])
        return {"a": [to_json_number(x) for x in self.a], "b": [to_json_number(x) for x in self.b],
                "output_a": conv(self.output_a), "output_b": conv(self.output_b),
                "evaluation": self.evaluation, "prec": self.prec if self.evaluation == "arb" else None,
                "network": self.network.to_json()}


def _arb_differ(oa, ob) -> bool:
    return any(not x.overlaps(y) for x, y in zip(oa, ob))


def _dyadic(x) -> Fraction:
    m, e = x.mid().man_exp()
    m, e = int(m), int(e)
    return Fraction(m * 2 ** e) if e >= 0 else Fraction(m, 2 ** (-e))


def _on_grid(x, e: int) -> Fraction:
    """The midpoint of the arb ball ``x`` rounded to the grid ``2^-e`` (integer shifts only, so that tiny
    values such as ``sigmoid(-1000)`` cost nothing)."""
    m, ex = x.mid().man_exp()
    m, ex = int(m), int(ex)
    sh = e + ex
    if sh >= 0:
        return Fraction(m << sh, 1 << e)
    if -sh > m.bit_length() + 1:
        return Fraction(0)
    q = (m + (1 << (-sh - 1))) >> (-sh)     # round half up
    return Fraction(q, 1 << e)


def _values(net: EquivariantNetwork, vecs, smooth: bool, prec: int):
    if smooth:
        return [net.evaluate_arb(v, prec) for v in vecs]
    return [net.evaluate(v) for v in vecs]


def _layer(arch, l: int, Ws, bias, activation) -> EquivariantLayer:
    return EquivariantLayer(arch.bases[l - 1], arch.blocks[l - 1],
                            tuple(tuple(tuple(r) for r in Wi) for Wi in Ws),
                            tuple(tuple(r) for r in bias), activation)


def _nblocks(arch, l: int) -> int:
    return max(arch.blocks[l - 1]) + 1


def random_network(arch, width: Any = 2, seed: int = 0, max_abs: int = 2,
                   denominators: Sequence[int] = (1, 2)) -> EquivariantNetwork:
    """A random exact network of the architecture: ``width`` channels per hidden layer (an int, or a
    list with one width per hidden layer), every weight and bias a random rational ``p/q`` with
    ``|p| <= max_abs`` and ``q`` in ``denominators``."""
    rng = random.Random(seed)
    widths = list(width) if isinstance(width, (list, tuple)) else [width] * arch.depth
    if len(widths) != arch.depth or any(not isinstance(w, int) or w < 1 for w in widths):
        raise InvalidInputError(f"width must be a positive int or a list of {arch.depth} positive ints, got {width!r}")

    def r():
        return normalize(Fraction(rng.randint(-max_abs, max_abs), rng.choice(list(denominators))))

    layers = []
    h_in = 1
    nl = len(arch.bases)
    for l in range(1, nl + 1):
        h_out = widths[l - 1] if l < nl else 1
        Ws = [[[r() for _ in range(h_in)] for _ in range(h_out)] for _ in range(arch.bases[l - 1].size)]
        bias = [[r() for _ in range(_nblocks(arch, l))] for _ in range(h_out)]
        layers.append(_layer(arch, l, Ws, bias, arch.activation if l < nl else None))
        h_in = h_out
    return EquivariantNetwork(tuple(layers))


def witness(arch, a: Any, b: Any, *, seed: int = 0, max_attempts: int = 12, prec: int = 128) -> Witness:
    """A network of ``arch`` whose outputs on ``a`` and ``b`` differ (verified before returning).

    Raises :class:`~exactsep.errors.InvalidInputError` if the architecture identifies ``a`` and ``b``
    (no witness exists) and :class:`WitnessNotFoundError` if the construction fails (which would
    contradict the theory: please report it).
    """
    from .api import partition
    from .es import es_partition
    vecs = exact_inputs(arch, [a, b])
    if arch.is_polynomial:
        es = es_partition(arch, vecs)
        separated_pair = len(es.classes) == 2
        dims_H = list(es.dims_H) or [1] * arch.depth
    else:
        separated_pair = partition(arch, vecs).num_classes == 2
    if not separated_pair:
        raise InvalidInputError("the architecture identifies the two inputs: no network separates them, so no witness exists")
    smooth = _is_smooth(arch.activation)
    for attempt in range(max_attempts):
        rng = random.Random(hash((seed, attempt)) & 0xFFFFFFFF)
        # smooth activations: the working precision doubles every other failed attempt (adaptive)
        p = prec * 2 ** min(attempt // 2, 4) if smooth else prec
        if arch.is_polynomial:
            # generic networks whose widths reach dim H_l (the pair's evaluation spaces, from ES) realise them
            net = random_network(arch, width=[h + 1 + attempt for h in dims_H], seed=rng.randrange(2 ** 30),
                                 max_abs=2 + attempt // 3, denominators=(1,))
        else:
            net = _with_prec(p, smooth, lambda: _construct(arch, vecs, rng, smooth, p, R=2 + attempt))
            if net is None:
                continue
        outs = _values(net, vecs, smooth, p)
        differ = _arb_differ(outs[0], outs[1]) if smooth else outs[0] != outs[1]
        if differ:
            return Witness(net, tuple(vecs[0]), tuple(vecs[1]), tuple(outs[0]), tuple(outs[1]),
                           "arb" if smooth else "exact", p)
    raise WitnessNotFoundError(
        f"no separating network found in {max_attempts} attempts for a pair the theory calls separated "
        f"(activation {arch.activation}); this contradicts the reconstructed theory or reveals a bug")


def _with_prec(prec: int, smooth: bool, fn):
    if not smooth:
        return fn()
    import flint
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return fn()
    finally:
        flint.ctx.prec = old


def _construct(arch, vecs, rng: random.Random, smooth: bool, prec: int, R: int) -> Optional[EquivariantNetwork]:
    """The constructive witness of Theorem A's proof, computed on colours (see :func:`witness`).

    Every hidden layer ``l`` gets one pre-activation ``z_l``, a function of the layer-``l`` colour that is
    injective on the colours of the pair (checked exactly, or on disjoint arb balls); its channels are
    ``sigma(s (z_l - t_k))`` for thresholds ``t_k`` below / between the sorted values. The matrix ``H`` of
    channel values on the colours is invertible (triangular-like; if not, the mirrored channels
    ``sigma(-s (z - t_k))`` are added), so the next layer can realise ANY function ``psi_i`` of the colours
    for every basis matrix ``i``: its weights solve ``H w_i = psi_i`` exactly (piecewise-linear) or
    approximately on the midpoints of the certified balls (smooth; rounded to dyadics). The ``psi_i`` are
    random integers, redrawn with a doubled range until the next pre-activation is injective (the
    output: until the two outputs differ). Returns None if it did not succeed."""
    from ..linalg import rref
    run = colour_refinement(arch, vecs)
    act = arch.activation
    name = act.split(":")[0]
    nl = len(arch.bases)
    fsig = _arb_act(act) if smooth else _exact_act(act)
    layers: List[EquivariantLayer] = []
    # layer 1: exact linear features F[ai][i][y] = (B_{1,i} a)(y)
    B1 = arch.bases[0]
    feats = [[_sparse_apply(B1, i, v) for i in range(B1.size)] for v in vecs]
    # one common denominator: layer-1 weights w_i * den make every layer-1 value an integer
    den = common_denominator(x for F in feats for row in F for x in row)
    feats = [[[int(x * den) for x in row] for row in F] for F in feats]
    Hmat = Harb = None   # channel values of the previous hidden layer on its colours (K x m)
    H_K = 0
    for l in range(1, nl + 1):
        B = arch.bases[l - 1]
        blocks = arch.blocks[l - 1]
        nb = _nblocks(arch, l)
        cols = run.colours[l - 1]
        K = int(run.num_colours[l - 1])
        last = l == nl
        r = max(R, K)
        found = None
        for attempt in range(40):
            bias = [rng.randint(-r, r) for _ in range(nb)] if not last else [0] * nb
            if l == 1:
                w = [rng.randint(-r, r) for _ in range(B.size)]
                z = [[sum(w[i] * feats[ai][i][y] for i in range(B.size)) + bias[blocks[y]]
                      for y in range(B.rows)] for ai in range(2)]
                weights = [[[wi * den]] for wi in w]
            else:
                Kp = H_K
                psi = [[rng.randint(-r, r) for _ in range(Kp)] for _ in range(B.size)]
                sol = _solve_channels(Hmat, psi, smooth, prec)
                if sol is None:
                    return None
                weights = [[list(wv)] for wv in sol]
                if smooth:
                    q = [_arb_matvec(Harb, wv) for wv in sol]
                else:
                    q = psi
                prevc = run.colours[l - 2]
                z = []
                for ai in range(2):
                    P = [[q[i][int(c)] for c in prevc[ai]] for i in range(B.size)]
                    zz = [(_to_arb(bias[blocks[y]]) if smooth else Fraction(bias[blocks[y]])) for y in range(B.rows)]
                    for i in range(B.size):
                        rr, cc, vv = B.entries[i]
                        Pi = P[i]
                        for a_, c_, x_ in zip(rr.tolist(), cc.tolist(), vv):
                            zz[a_] = zz[a_] + (Pi[c_] if x_ == 1 else (_to_arb(x_) if smooth else x_) * Pi[c_])
                    z.append(zz)
            if smooth and l > 1 and not all(v.is_finite() for zz in z for v in zz):
                return None        # precision exhausted: the caller retries at a higher precision
            # consistency with the colours (a live check of the theory), and injectivity
            rep = {}
            for ai in range(2):
                for y in range(B.rows):
                    c = int(cols[ai, y])
                    v = z[ai][y]
                    if c in rep:
                        if not (v.overlaps(rep[c]) if (smooth and l > 1) else v == rep[c]):
                            raise ExactsepError(
                                f"internal inconsistency at layer {l}: two nodes of one colour got different values; "
                                "the colour-refinement theory (or its implementation) is wrong here")
                    else:
                        rep[c] = v
            if last:
                ok = any(_differ(z[0][y], z[1][y], smooth and l > 1) for y in range(B.rows))
            else:
                vals = [rep[c] for c in range(K)]
                ok = _distinct(vals, smooth and l > 1)
            if ok:
                found = (weights, bias, z, rep)
                break
            r *= 2
        if found is None:
            return None
        weights, bias, z, rep = found
        if last:
            layers.append(_layer(arch, l, weights, [bias], None))
            break
        # channels sigma(sign * s * (z - t_k)) on the K colour values
        vals = [rep[c] for c in range(K)]
        mids = [(_dyadic(v) if (smooth and l > 1) else Fraction(v)) for v in vals]
        order = sorted(range(K), key=lambda c: mids[c])
        smid = [mids[c] for c in order]
        ts = [smid[0] - 1] + [(smid[k] + smid[k + 1]) / 2 for k in range(K - 1)]
        if smooth and l > 1:
            # thresholds on a dyadic grid just fine enough for the gaps (keeps the weights short)
            gap0 = min([smid[k + 1] - smid[k] for k in range(K - 1)] + [Fraction(1)])
            e = 16
            while Fraction(1, 2 ** e) * 8 > gap0 and e < prec:
                e += 8
            ts = [Fraction(round(t * 2 ** e), 2 ** e) for t in ts]
        if name in ("relu", "leaky_relu"):
            s = Fraction(1)
        else:
            gap = min([smid[k + 1] - smid[k] for k in range(K - 1)] + [Fraction(1)])
            s = Fraction(1)
            while s * gap < 64:
                s *= 2
            while s * gap >= 256 and s > 1:
                s /= 2
        built = None
        for signs in ((1,), (1, -1)):
            chans = [(sg, t) for t in ts for sg in signs]
            if smooth:
                zarb = [v if l > 1 else _to_arb(v) for v in vals]
                Harb = [[fsig(_to_arb(sg * s) * (zarb[c] - _to_arb(t))) for (sg, t) in chans] for c in range(K)]
                if not all(h.is_finite() for row in Harb for h in row):
                    return None
                Hm = [[_on_grid(h, prec // 2) for h in row] for row in Harb]
            else:
                Harb = None
                Hm = [[fsig(sg * s * (Fraction(vals[c]) - t)) for (sg, t) in chans] for c in range(K)]
            _, piv = rref(Hm)
            if len(piv) == K:
                built = (chans, Harb, Hm)
                break
        if built is None:
            return None
        chans, Harb, Hm = built
        Hmat, H_K = Hm, K
        chW = [[[normalize(sg * s * x) for x in weights[i][0]] for (sg, t) in chans] for i in range(B.size)]
        chb = [[normalize(sg * s * (bb - t)) for bb in bias] for (sg, t) in chans]
        layers.append(_layer(arch, l, chW, chb, act))
    return EquivariantNetwork(tuple(layers))


# ----------------------------------------------------------------------------- colour-space helpers
def _sparse_apply(B, i: int, v: Sequence[Rational]) -> List[Rational]:
    """``(B_i v)(y)`` for every output point ``y``, exactly."""
    out: List[Rational] = [0] * B.rows
    r, c, vals = B.entries[i]
    for a_, c_, x_ in zip(r.tolist(), c.tolist(), vals):
        out[a_] += v[c_] if x_ == 1 else x_ * v[c_]
    return out


def _differ(u, v, arb: bool) -> bool:
    return (not u.overlaps(v)) if arb else u != v


def _distinct(vals, arb: bool) -> bool:
    if not arb:
        return len(set(vals)) == len(vals)
    keyed = sorted(vals, key=_dyadic)
    return all(not keyed[k].overlaps(keyed[k + 1]) for k in range(len(keyed) - 1))


def _arb_matvec(Harb, wv):
    nz = [(j, _to_arb(x)) for j, x in enumerate(wv) if x != 0]
    out = []
    for row in Harb:
        acc = _to_arb(0)
        for j, x in nz:
            acc = acc + row[j] * x
        out.append(acc)
    return out


def _solve_channels(Hm, psi, smooth: bool, prec: int):
    """Weight vectors ``w_i`` with ``Hm w_i = psi_i`` (exact; for smooth activations ``Hm`` holds the
    midpoints of the certified channel values and the solution is rounded to dyadics of ``prec // 2``
    bits, the final certified evaluation decides). None if ``Hm`` does not have full row rank."""
    from ..linalg import rref
    K = len(Hm)
    m = len(Hm[0]) if K else 0
    k = len(psi)
    aug = [list(Hm[c]) + [psi[i][c] for i in range(k)] for c in range(K)]
    rows, piv = rref(aug)
    if len(piv) != K or any(p >= m for p in piv):
        return None
    out = []
    e = 2 ** (prec // 2)
    for i in range(k):
        w: List[Rational] = [0] * m
        for rr, p in enumerate(piv):
            x = Fraction(rows[rr][m + i])
            if smooth:
                x = Fraction(round(x * e), e)
            w[p] = normalize(x)
        out.append(w)
    return out

