"""Comparing architectures and the hierarchy of transitive G-sets G/H (docs/theory/separation.md,
"Block sums and the hierarchy of G/H" and "Comparing architectures").

**Certificate (sufficient, [derived] simulation lemma).** If architecture A has full layers with
complete bias, the same input, output and depth as B, and for every hidden layer every orbit of B's
G-set receives a G-map from some orbit of A's G-set, then every network of B is a network of A
(for the same activation; for two non-polynomial activations the relation does not depend on the
activation, Theorem A), so A separates at least as much as B: ``rho_A`` is contained in ``rho_B``.
A G-map ``X_i -> Y_j`` from a transitive ``X_i`` exists iff some orbital of ``X_i x Y_j`` has exactly
``|X_i|`` elements (it is the graph of the map); :func:`gmap` finds it and the certificate lists it.

**Refutation (proven on inputs).** A pair of inputs that B separates and A identifies (exact CR/ES)
proves that A is *not* at least as strong as B. Without a certificate and without such a pair, an
inclusion observed on the given inputs is only *observed* (``proven`` is False).

>>> from exactsep.groups import symmetric, GSet
>>> from exactsep.separation import Architecture
>>> G = symmetric(3); X = GSet.natural(G)
>>> A3 = GSet.from_images(G, [(1, 0), (0, 1)])
>>> reg, nat = Architecture(G, X, [GSet.regular(G)]), Architecture(G, X, [X])
>>> c = compare(reg, nat)        # equal power observed on sampled inputs; one direction proven
>>> c.relation, c.a_at_least_b, c.b_at_least_a, c.proven
('equal', True, None, False)
>>> c = compare(reg, Architecture(G, X, [A3]), inputs=[[1, 2, 3], [0, 0, 6]])
>>> c.relation, c.proven, c.refuting_pair_b_a      # G-map G/1 -> G/A3, and a pair only G/1 separates
('finer', True, (0, 1))
>>> compare(nat, Architecture(G, X, [A3]), inputs=[[1, 2, 3], [0, 0, 6]]).proven   # no G-map G/S2 -> G/A3
False
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import CertificateError, InvalidSpecError
from ..groups import GSet, PermGroup
from .api import _refuting_pair, partition
from .architecture import Architecture

__all__ = ["gmap", "Comparison", "compare", "sample_inputs", "transitive_hierarchy", "hierarchy_to_dot", "hierarchy_to_png",
           "layered_layout", "LayeredLayout", "group_title"]


def gmap(X: GSet, Y: GSet, source_orbit: Optional[Sequence[int]] = None,
         target_orbit: Optional[Sequence[int]] = None, *, labels: Any = None) -> Optional[Dict[int, int]]:
    """A G-map from the orbit ``source_orbit`` of X (default: X, which must then be transitive) to the
    orbit ``target_orbit`` of Y (default: all of Y), as a dict point -> image, or None if none exists.
    ``labels``: ``Y.orbital_labels(X)`` when the caller already has it (maps for many orbit pairs).

    >>> from exactsep.groups import symmetric, GSet
    >>> G = symmetric(3)
    >>> gmap(GSet.regular(G), GSet.natural(G)) is not None, gmap(GSet.natural(G), GSet.regular(G))
    (True, None)
    """
    src = list(source_orbit) if source_orbit is not None else list(range(X.size))
    if source_orbit is None and not X.is_transitive():
        raise InvalidSpecError("gmap needs a transitive source (or a source orbit)")
    tgt = set(target_orbit) if target_orbit is not None else set(range(Y.size))
    L = Y.orbital_labels(X) if labels is None else labels  # |Y| x |X|
    tl = np.asarray(sorted(tgt), dtype=np.int64)
    sub = L[np.ix_(tl, np.asarray(src, dtype=np.int64))]
    labels, counts = np.unique(sub, return_counts=True)
    for lab, cnt in zip(labels.tolist(), counts.tolist()):
        if cnt == len(src):
            ys, xs = np.nonzero(sub == lab)
            m = {int(src[x]): int(tl[y]) for y, x in zip(ys.tolist(), xs.tolist())}
            if len(m) == len(src):
                return m
    return None


def _check_gmap(X: GSet, Y: GSet, m: Dict[int, int]) -> bool:
    return all(m.get(gx[x]) == gy[y] for x, y in m.items() for gx, gy in zip(X.images, Y.images))


def _simulation_certificate(A: Architecture, B: Architecture) -> Tuple[Optional[list], str]:
    """G-maps showing every network of B is one of A (rho_A within rho_B), or (None, reason)."""
    if A.depth != B.depth:
        return None, f"different depths ({A.depth} vs {B.depth}): the layerwise certificate does not apply"
    if A.activation != B.activation and (A.is_polynomial or B.is_polynomial):
        return None, f"different activations {A.activation} / {B.activation}"
    for k, L in enumerate(A.layers):
        if L.space != "full" or not (L.bias is None or L.bias == "complete"):
            return None, f"layer {k + 1} of the first architecture is not full with complete bias"
    if A.output_space != "full":
        return None, "the output layer of the first architecture is not full"
    cert = []
    for k, (LA, LB) in enumerate(zip(A.layers, B.layers)):
        XA, XB = LA.gset, LB.gset
        maps = []
        labels, source_orbits = XB.orbital_labels(XA), XA.orbits()      # once per layer
        for j, Yj in enumerate(XB.orbits()):
            found = None
            for i, Xi in enumerate(source_orbits):
                m = gmap(XA, XB, Xi, Yj, labels=labels)
                if m is not None:
                    if not _check_gmap(XA, XB, m):
                        raise CertificateError(f"layer {k + 1}: the orbital map is not a G-map (internal error)")
                    found = {"target_orbit": j, "source_orbit": i, "map": {str(x): y for x, y in sorted(m.items())}}
                    break
            if found is None:
                return None, (f"layer {k + 1}: orbit {j} (size {len(Yj)}) of the second G-set receives no G-map "
                              "from any orbit of the first")
            maps.append(found)
        cert.append({"layer": k + 1, "gmaps": maps})
    return cert, "simulation lemma: every orbit of each layer of the second architecture receives a G-map"


def _same_frame(A: Architecture, B: Architecture):
    if A.group.generators != B.group.generators:
        raise InvalidSpecError("compare needs architectures over the same group (same generators)")
    if A.input.images != B.input.images or A.channels != B.channels:
        raise InvalidSpecError("compare needs the same input G-set (and channels)")
    if A.output != B.output or A.output_gset.images != B.output_gset.images:
        raise InvalidSpecError("compare needs the same output (invariant, or the same output G-set)")


@dataclass(frozen=True)
class Comparison:
    """``relation`` of A to B: ``"finer"`` (A separates more: rho_A strictly inside rho_B), ``"coarser"``,
    ``"equal"`` or ``"incomparable"``.

    ``a_at_least_b``: True when proven by a G-map certificate, False when refuted by a pair of inputs,
    None when unknown (then the relation uses what was observed on the inputs, and ``proven`` is False).
    ``certificate_a_b`` / ``certificate_b_a``: the G-maps (per layer, per target orbit). ``partition_a`` /
    ``partition_b``: the exact partitions of the inputs (when given); ``refuting_pair_*``: a pair
    separated by one and identified by the other.
    """

    relation: str
    proven: bool
    a_at_least_b: Optional[bool]
    b_at_least_a: Optional[bool]
    certificate_a_b: Optional[list]
    certificate_b_a: Optional[list]
    reason_a_b: str
    reason_b_a: str
    partition_a: Optional[Tuple[Tuple[int, ...], ...]] = None
    partition_b: Optional[Tuple[Tuple[int, ...], ...]] = None
    refuting_pair_a_b: Optional[Tuple[int, int]] = None
    refuting_pair_b_a: Optional[Tuple[int, int]] = None

    def to_json(self) -> dict:
        return {"relation": self.relation, "proven": self.proven,
                "a_at_least_b": self.a_at_least_b, "b_at_least_a": self.b_at_least_a,
                "certificate_a_b": self.certificate_a_b, "certificate_b_a": self.certificate_b_a,
                "reason_a_b": self.reason_a_b, "reason_b_a": self.reason_b_a,
                "partition_a": None if self.partition_a is None else [list(c) for c in self.partition_a],
                "partition_b": None if self.partition_b is None else [list(c) for c in self.partition_b],
                "refuting_pair_a_b": self.refuting_pair_a_b, "refuting_pair_b_a": self.refuting_pair_b_a}


def sample_inputs(arch: Architecture, max_inputs: int = 120, seed: int = 0) -> List[List[int]]:
    """Evidence inputs: every vector in {0,1,2}^n when there are at most ``max_inputs`` of them, else a
    seeded sample of that many (small entries make coincidences of invariants likely)."""
    import itertools
    import random
    n = arch.input_size
    if 3 ** n <= max_inputs:
        return [list(v) for v in itertools.product(range(3), repeat=n)]
    rng = random.Random(seed)
    return [[rng.randint(0, 2) for _ in range(n)] for _ in range(max_inputs)]


def compare(arch_a: Architecture, arch_b: Architecture, inputs: Optional[Sequence[Any]] = None) -> Comparison:
    """Compare the separation power of two architectures (see the module docstring for what is
    proven and what is observed). With ``inputs=None`` a sample of small integer inputs
    (:func:`sample_inputs`) serves as evidence."""
    _same_frame(arch_a, arch_b)
    if inputs is None:
        inputs = sample_inputs(arch_a)
    cab, rab = _simulation_certificate(arch_a, arch_b)
    cba, rba = _simulation_certificate(arch_b, arch_a)
    a_ge = True if cab is not None else None
    b_ge = True if cba is not None else None
    pa = pb = None
    ref_ab = ref_ba = None
    obs_ab = obs_ba = None
    if inputs is not None and len(inputs):
        pa = partition(arch_a, inputs).classes
        pb = partition(arch_b, inputs).classes
        # A at least as strong as B means: identified by A => identified by B, i.e. pa refines pb
        ref_ab = _refuting_pair(pa, pb)   # a pair A identifies and B separates
        ref_ba = _refuting_pair(pb, pa)
        if ref_ab is not None:
            if a_ge:
                raise CertificateError("a G-map certificate contradicts the computed partitions (theory or code bug)")
            a_ge = False
        if ref_ba is not None:
            if b_ge:
                raise CertificateError("a G-map certificate contradicts the computed partitions (theory or code bug)")
            b_ge = False
        obs_ab, obs_ba = ref_ab is None, ref_ba is None
    proven = a_ge is not None and b_ge is not None
    ea = a_ge if a_ge is not None else bool(obs_ab)
    eb = b_ge if b_ge is not None else bool(obs_ba)
    relation = {(True, True): "equal", (True, False): "finer", (False, True): "coarser",
                (False, False): "incomparable"}[(ea, eb)]
    return Comparison(relation, proven, a_ge, b_ge, cab, cba, rab, rba, pa, pb, ref_ab, ref_ba)


# ----------------------------------------------------------------------------- hierarchy
def _coset_gmap(H: PermGroup, X: GSet, K: PermGroup, Y: GSet) -> Dict[int, int]:
    """The G-map G/H -> G/K sending the base coset H (point 0 of X) to a coset rK fixed by H
    (r^-1 h r in K for the generators h of H), extended along the generators; verified."""
    from ..groups import compose, inverse
    Kel = set(K.elements())
    y0 = None
    for y, r in enumerate(Y.labels):
        ri = inverse(r)
        if all(compose(ri, compose(h, r)) in Kel for h in H.generators):
            y0 = y
            break
    if y0 is None:
        raise CertificateError("no coset of K is fixed by H: H is not subconjugate to K")
    m = {0: y0}
    stack = [0]
    while stack:
        x = stack.pop()
        for gx, gy in zip(X.images, Y.images):
            x2, y2 = gx[x], gy[m[x]]
            if x2 not in m:
                m[x2] = y2
                stack.append(x2)
            elif m[x2] != y2:
                raise CertificateError("the coset map is not a G-map (internal error)")
    if len(m) != X.size or not _check_gmap(X, Y, m):
        raise CertificateError("the coset map is not a G-map (internal error)")
    return m



def transitive_hierarchy(G: PermGroup, inputs: Optional[Sequence[Any]] = None, *, input_gset: Optional[GSet] = None,
                         activation: str = "relu", depth: int = 1):
    """The Hasse diagram of the transitive G-sets G/H (one node per conjugacy class of subgroups)
    ordered by separation power, as a ``networkx.DiGraph``.

    An edge ``u -> v`` means ``G/H_u`` is at least as strong as ``G/H_v``, certified by a G-map
    ``G/H_u -> G/H_v`` (edge attribute ``gmap``; it exists iff H_u is subconjugate to H_v); only the
    covering relations of the subconjugacy order are drawn. Node attributes: ``order`` (``|H|``),
    ``index`` (``|G:H|``), ``length`` (class length), ``generators``, ``label`` (``"G/H"`` text).
    With ``inputs`` (vectors on ``input_gset``, default the natural G-set), every node also gets
    ``classes``: the exact partition of the inputs by the architecture ``input -> G/H (x depth) ->
    invariant``, and every edge ``observed`` = ``"equal"`` or ``"strict"`` on these inputs; graph
    attribute ``equal_power`` lists groups of nodes with identical partitions (the order is only a
    preorder: e.g. A3 and S3 on Q^3).
    """
    import networkx as nx
    from ..groups import subgroup_classes
    S = subgroup_classes(G)
    reps = [c.representative() for c in S.classes]
    sets = [GSet.cosets(G, H) for H in reps]
    n = len(reps)
    # existence of a G-map G/H_u -> G/H_v  <=>  H_u subconjugate to H_v (the groups helper's test; the
    # test-suite holds it against the orbital criterion of :func:`gmap`)
    above = [[bool(S.is_subconjugate(u, v)) for v in range(n)] for u in range(n)]
    D = nx.DiGraph()
    for u, c in enumerate(S.classes):
        D.add_node(u, order=c.order, index=G.order // c.order, length=c.length,
                   generators=[list(g) for g in c.generators],
                   label=f"G/H{u} |H|={c.order}")
    for u in range(n):
        for v in range(n):
            if u != v and above[u][v]:
                if not any(w not in (u, v) and above[u][w] and above[w][v] for w in range(n)):
                    m = _coset_gmap(reps[u], sets[u], reps[v], sets[v])
                    D.add_edge(u, v, gmap={str(x): y for x, y in sorted(m.items())})
    if inputs is not None:
        X0 = input_gset if input_gset is not None else GSet.natural(G)
        parts = {}
        for u in range(n):
            arch = Architecture(G, X0, [sets[u]] * depth, activation=activation)
            p = partition(arch, inputs).classes
            D.nodes[u]["classes"] = [list(c) for c in p]
            parts[u] = p
        for u, v in D.edges:
            D.edges[u, v]["observed"] = "equal" if parts[u] == parts[v] else "strict"
        groups: Dict[Any, List[int]] = {}
        for u in range(n):
            groups.setdefault(parts[u], []).append(u)
        D.graph["equal_power"] = [g for g in groups.values() if len(g) > 1]
    D.graph["group_order"] = G.order
    D.graph["group_name"] = G.name
    return D


def group_title(G_or_D) -> str:
    """``"S4 (order 24)"`` for a named group (or a hierarchy graph), else ``"the group of order 24"``."""
    if hasattr(G_or_D, "graph"):
        name, order = G_or_D.graph.get("group_name"), G_or_D.graph.get("group_order")
    else:
        name, order = G_or_D.name, G_or_D.order
    return f"{name} (order {order})" if name else f"the group of order {order}"


@dataclass(frozen=True)
class LayeredLayout:
    """A layered drawing of a hierarchy: ``positions[u] = (x, y)`` of every node (layer ``y = -k`` holds the
    k-th smallest subgroup order), ``edges[(u, v)]`` the polyline of the edge ``u -> v`` (through one bend point
    on every layer it crosses, so a segment only joins consecutive layers and never passes through a node)."""

    positions: Dict[int, Tuple[float, float]]
    edges: Dict[Tuple[int, int], Tuple[Tuple[float, float], ...]]
    layer_gap: float


def layered_layout(D, *, sweeps: int = 12, layer_gap: float = 1.6) -> LayeredLayout:
    """Sugiyama-style layout of a hierarchy: nodes on layers by subgroup order (every edge goes to a
    strictly larger order, i.e. downwards), long edges split by bend points on the layers they cross,
    and the order within each layer chosen by barycentre sweeps to reduce crossings. Slots on a layer
    are one unit apart; nodes and bend points both take a slot, so no segment meets an unrelated node.

    >>> from exactsep.groups import symmetric
    >>> lay = layered_layout(transitive_hierarchy(symmetric(3)))
    >>> sorted(round(y, 1) for x, y in lay.positions.values())
    [-4.8, -3.2, -1.6, 0.0]
    """
    orders = sorted({a["order"] for _, a in D.nodes(data=True)})
    layer_of = {u: orders.index(a["order"]) for u, a in D.nodes(data=True)}
    layers: List[List[Any]] = [[] for _ in orders]
    for u in sorted(D.nodes):
        layers[layer_of[u]].append(("n", u))
    chains = {}
    for u, v in D.edges:
        chain = [("n", u)]
        for k in range(layer_of[u] + 1, layer_of[v]):
            d = ("d", u, v, k)
            layers[k].append(d)
            chain.append(d)
        chain.append(("n", v))
        chains[(u, v)] = chain
    up: Dict[Any, List[Any]] = {}
    down: Dict[Any, List[Any]] = {}
    for chain in chains.values():
        for a, b in zip(chain, chain[1:]):
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)

    def place(layer):
        return {item: i - (len(layer) - 1) / 2 for i, item in enumerate(layer)}

    for it in range(sweeps):
        rng = range(1, len(layers)) if it % 2 == 0 else range(len(layers) - 2, -1, -1)
        for k in rng:
            ref = place(layers[k - 1]) if it % 2 == 0 else place(layers[k + 1])
            nb = up if it % 2 == 0 else down
            cur = place(layers[k])

            def key(item):
                xs = [ref[w] for w in nb.get(item, ()) if w in ref]
                return (sum(xs) / len(xs) if xs else cur[item], cur[item])
            layers[k].sort(key=key)
    # x coordinates: keep each layer's order and unit gaps, pull every item towards the mean of its
    # neighbours (least squares under the order constraints: isotonic regression of x_i - i)
    xs: Dict[Any, float] = {}
    for layer in layers:
        xs.update(place(layer))
    for _ in range(sweeps * 2):
        for layer in layers:
            want = []
            for item in layer:
                nbs = up.get(item, []) + down.get(item, [])
                want.append(sum(xs[w] for w in nbs) / len(nbs) if nbs else xs[item])
            for item, x in zip(layer, _ordered_with_gaps(want)):
                xs[item] = x
    pos_all = {}
    for k, layer in enumerate(layers):
        for item in layer:
            pos_all[item] = (xs[item], -k * layer_gap)
    positions = {item[1]: p for item, p in pos_all.items() if item[0] == "n"}
    edges = {e: tuple(pos_all[item] for item in chain) for e, chain in chains.items()}
    return LayeredLayout(positions, edges, layer_gap)


def hierarchy_to_dot(D) -> str:
    """The hierarchy as Graphviz DOT text (stronger G-sets on top)."""
    lines = ["digraph hierarchy {", "  rankdir=TB;", "  node [shape=box];"]
    for u, a in D.nodes(data=True):
        extra = f"\\n{len(a['classes'])} classes" if "classes" in a else ""
        lines.append(f'  n{u} [label="G/H{u}\\n|H|={a["order"]} index={a["index"]}{extra}"];')
    for u, v, a in D.edges(data=True):
        style = ' [style=dashed, label="equal"]' if a.get("observed") == "equal" else ""
        lines.append(f"  n{u} -> n{v}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _ordered_with_gaps(want: Sequence[float]) -> List[float]:
    """The closest (least squares) sequence to ``want`` with ``x[i+1] >= x[i] + 1`` (pool adjacent violators
    on ``want[i] - i``)."""
    blocks: List[List[float]] = []          # [sum, count]
    for i, w in enumerate(want):
        blocks.append([w - i, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s2, c2 = blocks.pop()
            blocks[-1][0] += s2
            blocks[-1][1] += c2
    out: List[float] = []
    for total, count in blocks:
        out.extend([total / count] * int(count))
    return [y + i for i, y in enumerate(out)]


def hierarchy_to_png(D, path: str) -> str:
    """Draw the hierarchy with matplotlib (optional extra) into ``path``; returns the path.

    Layered drawing (:func:`layered_layout`): one row per subgroup order, edges bent on the rows they
    cross, so no edge passes through an unrelated node; dashed edges join G-sets of equal power on the
    inputs (when the hierarchy was built with inputs)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.patches import Circle
    except ImportError:
        from ..errors import InvalidInputError
        raise InvalidInputError("PNG export needs matplotlib (pip install exactsep[plot]); use DOT export instead") from None
    from ..cliutil import check_image_path
    check_image_path(path)                     # before drawing anything
    lay = layered_layout(D)
    r = NODE_RADIUS
    xs = [p[0] for pl in lay.edges.values() for p in pl] + [p[0] for p in lay.positions.values()]
    ys = [p[1] for p in lay.positions.values()]
    width = max(xs) - min(xs) + 2 if xs else 2
    height = max(ys) - min(ys) + 2 if ys else 2
    fig, ax = plt.subplots(figsize=(max(4.0, 1.1 * width), max(3.0, 1.0 * height)))
    for (u, v), pl in lay.edges.items():
        dashed = D.edges[u, v].get("observed") == "equal"
        pts = list(pl)
        (x0, y0), (x1, y1) = pts[0], pts[1]
        d0 = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        pts[0] = (x0 + r * (x1 - x0) / d0, y0 + r * (y1 - y0) / d0)
        (xa, ya), (xb, yb) = pts[-2], pts[-1]
        d1 = ((xb - xa) ** 2 + (yb - ya) ** 2) ** 0.5
        end = (xb - r * (xb - xa) / d1, yb - r * (yb - ya) / d1)
        pts[-1] = end
        ax.plot([p[0] for p in pts[:-1]] + [end[0]], [p[1] for p in pts[:-1]] + [end[1]], color="0.25", lw=1,
                ls="--" if dashed else "-", zorder=1)
        (xp, yp) = pts[-2]
        dl = ((end[0] - xp) ** 2 + (end[1] - yp) ** 2) ** 0.5 or 1.0
        head_from = (end[0] - 0.2 * (end[0] - xp) / dl, end[1] - 0.2 * (end[1] - yp) / dl)
        ax.annotate("", xy=end, xytext=head_from, zorder=1,        # only the head: the line is drawn above
                    arrowprops=dict(arrowstyle="-|>", color="0.25", lw=1, shrinkA=0, shrinkB=0))
    for u, (x, y) in lay.positions.items():
        a = D.nodes[u]
        ax.add_patch(Circle((x, y), r, facecolor="white", edgecolor="black", zorder=2))
        ax.text(x, y, f"H{u}\n|H|={a['order']}", ha="center", va="center", fontsize=7, zorder=3)
    ax.set_xlim(min(xs) - 1, max(xs) + 1)
    ax.set_ylim(min(ys) - 1, max(ys) + 1)
    ax.set_aspect("equal")
    ax.set_title(f"G/H for {group_title(D)}, by separation power (edge: G-map, stronger -> weaker"
                 + ("; dashed: equal on the inputs" if any("observed" in a for *_, a in D.edges(data=True)) else "")
                 + ")", fontsize=8)
    ax.set_axis_off()
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path


NODE_RADIUS = 0.36
