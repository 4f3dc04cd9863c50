"""An independent, deliberately simple evaluator of equivariant networks, for verifying certificates.

It shares nothing with :mod:`exactsep.separation` or :mod:`exactsep.equivariant` except the G-sets
of :mod:`exactsep.groups`: layer bases are rebuilt here from orbitals (``full``), identity +
all-ones (``pointnet``), powers of a cyclic generator (``conv:k``) or the architecture's explicit matrices,
and networks are evaluated in exact ``Fraction`` arithmetic with ReLU / leaky ReLU / hard-tanh (all
non-polynomial) or a random polynomial of the architecture's degree. Random networks of an architecture
must agree on every pair the theory identifies; a random network that differs on a pair is an
exact witness that the pair is separated.

>>> spec = {"group": "S3", "input": "natural", "layers": [{"gset": "natural"}], "activation": "relu"}
>>> arch = SpecArchitecture(spec)
>>> import random
>>> net = arch.random_network(random.Random(0))
>>> arch.evaluate(net, [1, 2, 3]) == arch.evaluate(net, [3, 1, 2])
True
"""
from __future__ import annotations

import random
from fractions import Fraction
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError
from ..groups import GSet, PermGroup, group_from_name
from ..numbers import exact_vector

__all__ = ["SpecArchitecture", "gset_from_spec", "group_from_spec", "independent_partition_check",
           "meet", "orbit_partition"]


def group_from_spec(g: Any) -> PermGroup:
    if isinstance(g, str):
        return group_from_name(g)
    if isinstance(g, dict) and "generators" in g:
        return PermGroup(g["generators"], degree=g.get("degree"))
    raise InvalidSpecError(f"cannot read group {g!r}")


def gset_from_spec(G: PermGroup, s: Any) -> GSet:
    if isinstance(s, str):
        k = s.lower()
        if k == "natural":
            return GSet.natural(G)
        if k == "regular":
            return GSet.regular(G)
        if k == "trivial":
            return GSet.trivial(G)
    if isinstance(s, dict) and len(s) == 1:
        (key, val), = s.items()
        if key == "power":
            return GSet.power(G, int(val))
        if key == "subsets":
            return GSet.subsets(G, int(val))
        if key == "images":
            return GSet.from_images(G, val)
        if key == "cosets":
            gens = val["generators"] if isinstance(val, dict) else val
            return GSet.cosets(G, PermGroup(gens, degree=G.degree))
        if key == "union":
            return GSet.disjoint_union(*[gset_from_spec(G, p) for p in val])
    raise InvalidSpecError(f"cannot read G-set {s!r}")


def _element_perms(G: PermGroup, X: GSet) -> Dict[tuple, tuple]:
    """Group element -> its permutation of X (via the diagonal group)."""
    n = G.degree
    if not G.generators:
        return {G.identity(): tuple(range(X.size))}
    diag = PermGroup([tuple(g) + tuple(n + x for x in im) for g, im in zip(G.generators, X.images)],
                     degree=n + X.size)
    return {d[:n]: tuple(y - n for y in d[n:]) for d in diag.elements()}


def _order(p: tuple) -> int:
    e = tuple(range(len(p)))
    k, q = 1, p
    while q != e:
        q = tuple(p[i] for i in q)
        k += 1
    return k


class SpecArchitecture:
    """The architecture of a separation SPEC dict, with its own layer bases (lists of sparse matrices)."""

    def __init__(self, spec: dict):
        self.spec = spec
        G = group_from_spec(spec["group"])
        self.group = G
        inp = spec["input"]
        channels = spec.get("channels", 1)
        if isinstance(inp, dict) and "channels" in inp:
            inp = dict(inp)
            channels = inp.pop("channels")
            if set(inp) == {"gset"}:
                inp = inp["gset"]
        X0 = gset_from_spec(G, inp)
        self.channels = int(channels)
        self.input_size = X0.size * self.channels
        prev = X0.with_channels(self.channels) if self.channels > 1 else X0
        self.gsets = [prev]
        self.bases: List[List[List[Tuple[int, int, Fraction]]]] = []   # per layer: matrices as (row, col, val)
        self.blocks: List[List[int]] = []
        for Ls in spec.get("layers", []):
            if not (isinstance(Ls, dict) and "gset" in Ls):
                Ls = {"gset": Ls}
            Y = gset_from_spec(G, Ls["gset"])
            bias = Ls.get("bias", "complete")
            if bias != "complete":
                raise InvalidSpecError("the independent evaluator supports complete bias only")
            for _ in range(int(Ls.get("repeat", 1))):
                self.bases.append(self._basis(Ls.get("space", "full"), Y, self.gsets[-1], X0))
                self.blocks.append(list(Y.orbit_labels))
                self.gsets.append(Y)
        out = spec.get("output", "invariant")
        if out != "invariant":
            raise InvalidSpecError("the independent evaluator supports invariant outputs only")
        act = spec.get("activation", "relu")
        if isinstance(act, dict) and "poly" in act:
            self.poly_degree: Optional[int] = int(act["poly"])
        elif isinstance(act, str) and act.startswith("poly"):
            self.poly_degree = int(act.split(":")[1])
        else:
            self.poly_degree = None

    def _basis(self, space, Y: GSet, X: GSet, X0: GSet):
        if space in ("full", None):
            L = Y.orbital_labels(X)
            k = int(L.max()) + 1 if L.size else 0
            mats = [[] for _ in range(k)]
            for y in range(Y.size):
                for x in range(X.size):
                    mats[int(L[y, x])].append((y, x, Fraction(1)))
            return mats
        if space == "pointnet":
            if Y.images != X.images:
                raise InvalidSpecError("pointnet needs the same G-set in and out")
            return [[(y, y, Fraction(1)) for y in range(Y.size)],
                    [(y, x, Fraction(1)) for y in range(Y.size) for x in range(X.size)]]
        if isinstance(space, str) and space.startswith("conv"):
            space = {"conv": int(space.split(":")[1])}
        if isinstance(space, dict) and "conv" in space:
            if Y.images != X.images:
                raise InvalidSpecError("conv needs the same G-set in and out")
            G = self.group
            perms = _element_perms(G, Y)
            s = next((g for g in G.generators if _order(g) == G.order), None)
            if s is None:
                raise InvalidSpecError("conv verification needs a generator of full order")
            P = perms[s]
            mats, cur = [], tuple(range(Y.size))
            for _ in range(int(space["conv"])):
                # (S^j v)(y) = v(s^-j y): entry (cur[x], x) for the permutation cur = s^j
                mats.append([(cur[x], x, Fraction(1)) for x in range(Y.size)])
                cur = tuple(P[i] for i in cur)
            return mats
        if isinstance(space, dict) and "basis" in space:
            out = []
            for M in space["basis"]:
                rows = [exact_vector(r) for r in M]
                if len(rows) != Y.size or any(len(r) != X.size for r in rows):
                    raise InvalidSpecError("explicit basis matrix of the wrong shape for the independent evaluator")
                out.append([(y, x, Fraction(v)) for y, r in enumerate(rows) for x, v in enumerate(r) if v != 0])
            return out
        raise InvalidSpecError(f"the independent evaluator does not support the layer space {space!r}")

    # -- random networks --
    def random_network(self, rng: random.Random, width: int = 2, max_abs: int = 3) -> dict:
        def r():
            return Fraction(rng.randint(-max_abs, max_abs), rng.choice((1, 1, 2, 3)))
        layers = []
        h_in = 1
        for mats, blocks in zip(self.bases, self.blocks):
            nb = max(blocks) + 1 if blocks else 0
            W = [[[r() for _ in range(h_in)] for _ in range(width)] for _ in mats]
            b = [[r() for _ in range(nb)] for _ in range(width)]
            layers.append((W, b))
            h_in = width
        last = self.gsets[-1]
        nb = len(last.orbits())
        readout = ([[r() for _ in range(h_in)] for _ in range(nb)], r())
        poly = None
        if self.poly_degree is not None:
            poly = [r() for _ in range(self.poly_degree)] + [Fraction(rng.choice([-2, -1, 1, 2]), rng.choice([1, 2]))]
        act = rng.choice(["relu", "leaky", "hardtanh"])
        return {"layers": layers, "readout": readout, "poly": poly, "act": act}

    def _sigma(self, net, z: Fraction) -> Fraction:
        if net["poly"] is not None:
            acc = Fraction(0)
            for a in reversed(net["poly"]):
                acc = acc * z + a
            return acc
        if net["act"] == "relu":
            return z if z > 0 else Fraction(0)
        if net["act"] == "leaky":
            return z if z > 0 else z / 10
        return max(Fraction(-1), min(Fraction(1), z))

    def evaluate(self, net: dict, x: Sequence[Any]) -> Fraction:
        v = [Fraction(t) for t in exact_vector(x)]
        if len(v) != self.input_size:
            raise InvalidSpecError(f"input of length {len(v)}, expected {self.input_size}")
        H = [v]                                    # channels x points
        for (W, b), mats, blocks, Y in zip(net["layers"], self.bases, self.blocks, self.gsets[1:]):
            agg = []                               # agg[i][c][y] = (B_i H_c)(y)
            for M in mats:
                per_c = []
                for h in H:
                    acc = [Fraction(0)] * Y.size
                    for (y, xx, val) in M:
                        acc[y] += val * h[xx]
                    per_c.append(acc)
                agg.append(per_c)
            newH = []
            for o in range(len(b)):
                z = [b[o][blocks[y]] for y in range(Y.size)]
                for i in range(len(mats)):
                    for c in range(len(H)):
                        w = W[i][o][c]
                        if w:
                            a = agg[i][c]
                            z = [zz + w * aa for zz, aa in zip(z, a)]
                newH.append([self._sigma(net, t) for t in z])
            H = newH
        last = self.gsets[-1]
        wts, bias = net["readout"]
        out = bias
        labels = last.orbit_labels if len(self.gsets) > 1 else self.gsets[0].orbit_labels
        for c, h in enumerate(H):
            for xx, t in enumerate(h):
                out += wts[labels[xx]][c] * t
        return out


def meet(p: Sequence[Sequence[int]], q: Sequence[Sequence[int]]) -> Tuple[Tuple[int, ...], ...]:
    """The common refinement of two partitions of the same index set, in canonical form."""
    where_q = {i: k for k, c in enumerate(q) for i in c}
    groups: Dict[tuple, List[int]] = {}
    for k, c in enumerate(p):
        for i in c:
            groups.setdefault((k, where_q[i]), []).append(i)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values()))


def orbit_partition(G: PermGroup, X: GSet, inputs: Sequence[Sequence[Any]]) -> Tuple[Tuple[int, ...], ...]:
    """Inputs grouped by G-orbit (brute force over all group elements: canonical form = the
    lexicographically smallest permuted copy)."""
    perms = list(_element_perms(G, X).values())
    keys: Dict[tuple, List[int]] = {}
    for i, a in enumerate(inputs):
        v = [Fraction(t) for t in exact_vector(a)]
        # (g a)(g x) = a(x)
        best = None
        for p in perms:
            w = [Fraction(0)] * len(v)
            for x, t in enumerate(v):
                w[p[x]] = t
            w = tuple(w)
            if best is None or w < best:
                best = w
        keys.setdefault(best, []).append(i)
    return tuple(sorted(tuple(c) for c in keys.values()))


def independent_partition_check(spec: dict, inputs: Sequence[Any], classes: Sequence[Sequence[int]],
                                seed: int = 0, random_networks: int = 3, witness_pairs: int = 12) -> List[str]:
    """Hold a claimed partition against independent evidence; raises CertificateError on a contradiction.

    * identified pairs: ``random_networks`` random exact networks (this module's evaluator) agree on
      every class (a disagreement is an exact refutation of the claimed identification);
    * separated pairs: for up to ``witness_pairs`` pairs of classes, a witness network is searched among
      random networks of this evaluator and, failing that, built by :func:`exactsep.separation.witness`
      and re-evaluated (no witness at all is a contradiction).
    """
    from ..errors import CertificateError
    arch = SpecArchitecture(spec)
    rng = random.Random(f"independent:{seed}")
    nets = [arch.random_network(rng, width=rng.choice([1, 2, 3])) for _ in range(random_networks)]
    cache: Dict[int, list] = {}

    def outs(i):
        if i not in cache:
            cache[i] = [arch.evaluate(n, inputs[i]) for n in nets]
        return cache[i]
    for c in classes:
        for i in c[1:]:
            if outs(i) != outs(c[0]):
                raise CertificateError(f"an exact random network separates inputs {c[0]} and {i}, which the "
                                       f"certificate's partition identifies")
    msgs = [f"{random_networks} random exact networks (independent evaluator) agree on every class"]
    reps = [c[0] for c in classes]
    pairs = [(reps[a], reps[b]) for a in range(len(reps)) for b in range(a + 1, len(reps))]
    rng.shuffle(pairs)
    pairs = pairs[:witness_pairs]
    found_random = found_engine = 0
    extra = [arch.random_network(rng, width=3) for _ in range(4)]
    for i, j in pairs:
        if outs(i) != outs(j) or any(arch.evaluate(n, inputs[i]) != arch.evaluate(n, inputs[j]) for n in extra):
            found_random += 1
            continue
        try:
            from ..separation import Architecture, witness
            w = witness(Architecture.from_spec(spec), inputs[i], inputs[j], seed=seed)
            if not w.verify():
                raise CertificateError(f"the witness for inputs {i}, {j} does not re-evaluate to different outputs")
            found_engine += 1
        except CertificateError:
            raise
        except Exception as e:
            raise CertificateError(f"no witness separates inputs {i} and {j}, which the certificate's partition "
                                   f"separates ({type(e).__name__}: {e})") from None
    if pairs:
        msgs.append(f"{len(pairs)} separated class pairs have exact witnesses ({found_random} random networks of "
                    f"the independent evaluator, {found_engine} from exactsep.separation.witness, re-evaluated)")
    return msgs
