"""Separation claims (docs/theory/separation.md): activations, polynomial degree, depth, invariant features,
multiplicity, the G/H hierarchy, block sums, the regular representation and the shallow closed form.

Every check runs :mod:`exactsep.separation` (colour refinement / evaluation spaces) on an instance
(a SPEC dict of the ``exactsep separate`` format plus a list of exact inputs). The independent
verification (:func:`exactsep.proofs.eqnets.independent_partition_check`) evaluates random exact
networks with its own evaluator (they must agree on every identified pair) and finds exact witness
networks for separated pairs; some claims add a brute-force route (G-orbits, H-orbit sums, fixed
points of H on G/K).
"""
from __future__ import annotations

import random
from fractions import Fraction
from typing import Dict, List, Optional

from ...errors import CertificateError
from ..catalogue import gset_catalogue, group_from_descriptor, subgroup_classes
from ..eqnets import SpecArchitecture, gset_from_spec, independent_partition_check, meet, orbit_partition, \
    _element_perms
from ..registry import claim, outcome
from ..sampling import catalogue_for, check_level, pick

__all__ = ["nonpolynomial_agree", "poly_never_finer", "poly_degree_reaches", "depth_refines", "depth_refines_naive",
           "invariant_features", "all_invariant_bottleneck", "subconjugacy", "preorder_not_partial",
           "block_sums", "regular_orbits", "shallow_closed_form", "spec_test_vectors",
           "incomparable_strictly_ordered"]

REQ = ("exactsep.separation:partition",)
NONPOLY = ("relu", "sigmoid", "tanh", "leaky_relu:1/10", "gelu", "hardtanh")


# ----------------------------------------------------------------------------- helpers
def _spec_group(g: dict) -> dict:
    return {"generators": g["generators"], "degree": g["degree"]}


def _spec_gset(d: dict):
    k = d["kind"]
    if k in ("natural", "regular", "trivial"):
        return k
    if k in ("power", "subsets"):
        return {k: d["k"]}
    if k == "cosets":
        return {"cosets": {"generators": d["subgroup"]}} if d["subgroup"] else "regular"
    raise ValueError(k)


def spec_scope(*, full: bool = True, complete_bias: bool = True, invariant: bool = False, nonpoly: bool = False,
               regular: bool = False, nonempty: bool = False):
    """A scope predicate (see :func:`exactsep.proofs.registry.claim`) for the architecture hypotheses a
    separation claim states: every hidden layer full (``space`` absent or ``"full"``), complete bias,
    invariant output, a non-polynomial activation, regular hidden G-sets, a non-empty hidden G-set.

    >>> s = spec_scope(invariant=True, nonpoly=True)
    >>> s({"spec": {"layers": [{"gset": "natural"}], "activation": "relu"}}) is None
    True
    >>> s({"spec": {"layers": [{"gset": "natural", "space": {"conv": 1}}], "activation": "relu"}})
    "hidden layer 0 has the layer space {'conv': 1}; the claim assumes full layers"
    >>> s({"spec": {"layers": [], "activation": {"poly": 2}}})
    "the activation {'poly': 2} is polynomial; the claim assumes a non-polynomial activation"
    """
    def scope(inst: dict) -> Optional[str]:
        spec = inst.get("spec")
        if not isinstance(spec, dict):
            return None                           # the schema rejects it
        layers = spec.get("layers", [])
        if regular and not layers:
            return "the architecture has no hidden layer; the claim is about hidden layers = the regular G-set"
        for k, L in enumerate(layers if isinstance(layers, list) else []):
            L = L if isinstance(L, dict) and "gset" in L else {"gset": L}
            if full and L.get("space", "full") != "full":
                return f"hidden layer {k} has the layer space {L.get('space')!r}; the claim assumes full layers"
            if complete_bias and L.get("bias", "complete") != "complete":
                return f"hidden layer {k} has the bias {L.get('bias')!r}; the claim assumes complete bias"
            if regular and L.get("gset") != "regular":
                return f"hidden layer {k} is the G-set {L.get('gset')!r}; the claim assumes the regular G-set"
            if nonempty and isinstance(L.get("gset"), dict) and L["gset"].get("union") == []:
                return f"hidden layer {k} is empty; the claim assumes a non-empty G-set"
        out = spec.get("output", "invariant")
        if invariant and out != "invariant":
            return f"the output is {out!r}; the claim assumes an invariant output"
        act = spec.get("activation", "relu")
        if nonpoly and (isinstance(act, dict) and "poly" in act or act in ("identity", "linear", "poly")):
            return f"the activation {act!r} is polynomial; the claim assumes a non-polynomial activation"
        return None
    return scope


def _identity_scope(inst: dict) -> Optional[str]:
    """separation.depth-refines: the stated architecture hypotheses, and the identity in the span of the repeated
    layer's basis (decided exactly, as depth_threshold decides it)."""
    why = spec_scope(full=False, nonpoly=True)(inst)
    if why or not isinstance(inst.get("spec"), dict):
        return why
    from ...errors import ExactsepError
    from ...separation.api import _first_repeated_depth, _identity_in_span
    try:
        arch = _arch(inst["spec"])
    except ExactsepError:
        return None                                # not an architecture: the check refuses it with the reason
    if not arch.layers:
        return "the architecture has no hidden layer to repeat"
    base = _first_repeated_depth(arch)
    if not _identity_in_span(arch.with_depth(base + 1), base + 1):
        return "the identity is not in the span of the repeated layer's basis"
    return None


def _arch(spec: dict):
    from ...separation import Architecture
    return Architecture.from_spec(spec)


def _classes(spec: dict, inputs, **kw):
    from ...separation import partition
    return [list(c) for c in partition(_arch(spec), inputs, **kw).classes]


def _refines(fine, coarse) -> bool:
    where = {i: k for k, c in enumerate(coarse) for i in c}
    return all(len({where[i] for i in c}) == 1 for c in fine)


def make_inputs(rng: random.Random, G, X0, k: int = 6, lo: int = 0, hi: int = 2, fractions: bool = False) -> list:
    """``k`` exact inputs on X0: small random vectors (coincidences of invariants are likely), a permuted
    copy of the first two (by random group elements: same orbit), and a rational one when asked."""
    n = X0.size
    out = [[rng.randint(lo, hi) for _ in range(n)] for _ in range(max(1, k - 2))]
    perms = list(_element_perms(G, X0).values())
    for a in out[:2]:
        p = rng.choice(perms)
        w = [0] * n
        for x, t in enumerate(a):
            w[p[x]] = t
        out.append(w)
    if fractions:
        out.append([str(Fraction(rng.randint(-3, 3), rng.randint(1, 3))) for _ in range(n)])
    return out


def _base_instances(level, rng, *, depth=(1, 2), max_hidden=None, activation="relu", per_group=None,
                    max_order=None, kinds=None, inputs=6):
    p = check_level(level)
    max_hidden = max_hidden or (8 if level == "quick" else 16)
    out = []
    for g in catalogue_for(level, max_order=max_order or (24 if level == "quick" else 120), min_degree=2):
        G = group_from_descriptor(g)
        X0 = gset_from_spec(G, "natural")
        gsets = [d for d in gset_catalogue(g, max_size=max_hidden, cosets=g["order"] <= 120)
                 if kinds is None or d["kind"] in kinds]
        for d in pick(rng, gsets, per_group or p["per_group"]):
            L = rng.choice(list(depth))
            spec = {"group": _spec_group(g), "input": "natural", "layers": [{"gset": _spec_gset(d)}] * L,
                    "activation": activation}
            out.append({"group": g, "spec": spec, "inputs": make_inputs(rng, G, X0, inputs, fractions=True)})
    return out


def _family(inst):
    return inst["group"].get("family", "custom")


def _size(inst):
    spec = inst["spec"]
    return (inst["group"]["order"], len(spec.get("layers", [])), len(inst["inputs"]), len(str(inst)))


def _inst_strategy(activation="relu", depth=(1, 2)):
    """Adversarial instances: random small groups (the shared strategy), a random G-set layer, inputs with
    small entries (so that invariants collide)."""
    import hypothesis.strategies as st
    from ...groups import PermGroup

    @st.composite
    def inst(draw):
        n = draw(st.integers(2, 4))
        gens = draw(st.lists(st.permutations(list(range(n))), min_size=1, max_size=2))
        G = PermGroup(gens, degree=n)
        g = {"name": "random", "degree": n, "generators": [list(x) for x in gens], "order": G.order,
             "family": "random"}
        kinds = ["natural", "trivial", {"power": 2}]
        if G.order <= 12:
            kinds.append("regular")
        lay = draw(st.sampled_from(kinds))
        L = draw(st.sampled_from(list(depth)))
        k = draw(st.integers(2, 5))
        inputs = draw(st.lists(st.lists(st.integers(-2, 2), min_size=n, max_size=n), min_size=k, max_size=k))
        spec = {"group": {"generators": g["generators"], "degree": n}, "input": "natural",
                "layers": [{"gset": lay}] * L, "activation": activation}
        return {"group": g, "spec": spec, "inputs": inputs}
    return inst()


# ----------------------------------------------------------------------------- activations
def _nonpoly_verify(cert) -> List[str]:
    inst = cert["instance"]
    return independent_partition_check(dict(inst["spec"], activation="relu"), inst["inputs"], cert["computed"]["classes"])


def _nonpoly_instances(level, rng):
    out = []
    for inst in _base_instances(level, rng, per_group=1 if level == "quick" else None):
        size = max(SpecArchitecture(inst["spec"]).gsets[1].size, 1)
        inst["witnesses"] = (1 if size <= 4 else 0) if level == "quick" else (3 if size <= 8 else 1)
        out.append(inst)
    return out


@claim(id="separation.nonpolynomial-agree",
       statement="Every non-polynomial activation (relu, sigmoid, tanh, leaky relu, gelu, hard-tanh) gives the same "
                 "partition of the inputs, and separated pairs have certified witnesses for smooth activations.",
       hypotheses=("full layers, complete bias, unbounded width", "invariant output"),
       provenance="[derived] (a [secondary] claim of [SP])", source="docs/theory/separation.md, 'Consequences of Theorem A' (item 1)",
       instances=_nonpoly_instances, strategy=lambda: _inst_strategy(),
       verify=_nonpoly_verify, requires=REQ + ("exactsep.separation:witness",), family=_family, size=_size,
       scope=spec_scope(invariant=True))
def nonpolynomial_agree(inst):
    from ...separation import witness
    spec, inputs = inst["spec"], inst["inputs"]
    parts = {a: _classes(dict(spec, activation=a), inputs) for a in NONPOLY}
    same = all(p == parts["relu"] for p in parts.values())
    classes = parts["relu"]
    reps = [c[0] for c in classes]
    pairs = list(zip(reps, reps[1:]))[:int(inst.get("witnesses", 0))]
    ok = True
    for k, (i, j) in enumerate(pairs):
        a = ("sigmoid", "tanh", "gelu")[k % 3]
        w = witness(_arch(dict(spec, activation=a)), inputs[i], inputs[j])
        ok = ok and w.verify()
    return outcome(same and ok, "partition(arch, inputs) equal for every activation in " + ", ".join(NONPOLY) +
                   "; witness(arch_sigma, a, b).verify() (certified arb evaluation) for the first "
                   f"{len(pairs)} adjacent class pairs with sigma in sigmoid, tanh, gelu",
                   classes=classes, activations=list(NONPOLY), witnesses_verified=len(pairs))


def _poly_instances(level, rng):
    return _base_instances(level, rng, max_hidden=6 if level == "quick" else 10, depth=(1, 2))


def _poly_verify(cert) -> List[str]:
    inst = cert["instance"]
    msgs = []
    for d, cl in cert["computed"]["poly_classes"].items():
        msgs += [f"poly:{d}: " + m for m in independent_partition_check(dict(inst["spec"], activation={"poly": int(d)}),
                                                                inst["inputs"], cl, seed=int(d))]
    return msgs


@claim(id="separation.poly-never-finer",
       statement="A polynomial activation of degree d never separates more than a non-polynomial one, and the "
                 "poly:d partitions refine as d grows (d = 1, 2, 3).",
       hypotheses=("full layers, complete bias, unbounded width", "invariant output"),
       provenance="[derived ✓]", source="docs/theory/separation.md, 'Polynomial activations (Theorem B)'",
       instances=_poly_instances, strategy=lambda: _inst_strategy(activation={"poly": 2}, depth=(1,)),
       verify=_poly_verify, requires=REQ, family=_family, size=_size,
       scope=spec_scope(invariant=True))
def poly_never_finer(inst):
    spec, inputs = inst["spec"], inst["inputs"]
    nonpoly = _classes(dict(spec, activation="relu"), inputs)
    polys = {d: _classes(dict(spec, activation={"poly": d}), inputs) for d in (1, 2, 3)}
    coarser = all(_refines(nonpoly, p) for p in polys.values())
    monotone = _refines(polys[2], polys[1]) and _refines(polys[3], polys[2])
    return outcome(coarser and monotone, "nonpoly partition refines every poly:d partition, and poly:d+1 refines "
                   "poly:d", nonpoly_classes=nonpoly, poly_classes={str(d): p for d, p in polys.items()})


def _degree_bound(spec) -> int:
    arch = SpecArchitecture(spec)
    hidden = arch.gsets[1:]
    if len(hidden) == 1:
        return max(len(o) for o in hidden[0].orbits())
    return 2 * max(Y.size for Y in hidden) - 1


def _degree_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    if c["reached_at"] is None:
        return []
    return independent_partition_check(dict(inst["spec"], activation={"poly": int(c["reached_at"])}), inst["inputs"],
                           c["nonpoly_classes"], seed=7)


@claim(id="separation.poly-degree-reaches",
       statement="poly:d reaches the non-polynomial partition at a degree no larger than the sufficient bound: the "
                 "largest orbit size of X_1 for one hidden layer, 2 max|X_l| - 1 in general.",
       hypotheses=("full layers, complete bias, unbounded width", "invariant output"),
       provenance="[derived]", source="docs/theory/separation.md, 'Polynomial activations (Theorem B)' (sufficient degree)",
       instances=lambda level, rng: _base_instances(level, rng, max_hidden=4 if level == "quick" else 6,
                                                    depth=(1, 2), inputs=5),
       verify=_degree_verify, requires=REQ, family=_family, size=_size,
       scope=spec_scope(invariant=True))
def poly_degree_reaches(inst):
    spec, inputs = inst["spec"], inst["inputs"]
    nonpoly = _classes(dict(spec, activation="relu"), inputs)
    bound = _degree_bound(spec)
    reached = None
    trail = {}
    for d in range(1, bound + 1):
        p = _classes(dict(spec, activation={"poly": d}), inputs)
        trail[str(d)] = len(p)
        if p == nonpoly:
            reached = d
            break
    return outcome(reached is not None, "min d with partition(poly:d) == partition(relu), searched up to the bound",
                   nonpoly_classes=nonpoly, bound=bound, reached_at=reached, classes_per_degree=trail)


# ----------------------------------------------------------------------------- depth
def _depth_instances(level, rng, naive=False):
    out = _base_instances(level, rng, depth=(1,), max_hidden=6 if level == "quick" else 12,
                          per_group=1 if level == "quick" else 3, inputs=5)
    # conv and pointnet layers (identity in the span)
    for n in ((4, 6) if level == "quick" else (3, 4, 5, 6, 7)):
        from ...groups import cyclic, symmetric
        from ..catalogue import group_descriptor
        G = cyclic(n)
        g = group_descriptor(G, "cyclic", f"C{n}")
        X0 = gset_from_spec(G, "natural")
        for k in (1, 2):
            spec = {"group": _spec_group(g), "input": "natural", "layers": [{"gset": "natural", "space": {"conv": k}}],
                    "activation": "relu"}
            out.append({"group": g, "spec": spec, "inputs": make_inputs(rng, G, X0, 6, 1, 2)})
        S = symmetric(min(n, 4))
        gs = group_descriptor(S, "symmetric", f"S{min(n, 4)}")
        spec = {"group": _spec_group(gs), "input": "natural", "layers": [{"gset": "natural", "space": "pointnet"}],
                "activation": "relu"}
        out.append({"group": gs, "spec": spec, "inputs": make_inputs(rng, S, gset_from_spec(S, "natural"), 5)})
    if naive:
        # layer spaces WITHOUT the identity in their span: the centring map I - J/n kills constant vectors
        for g in catalogue_for(level, max_order=24, min_degree=2)[:4 if level == "quick" else 12]:
            n = g["degree"]
            G = group_from_descriptor(g)
            if not G.is_transitive():
                continue
            M = [[str(Fraction(int(i == j)) - Fraction(1, n)) for j in range(n)] for i in range(n)]
            spec = {"group": _spec_group(g), "input": "natural",
                    "layers": [{"gset": "natural"}, {"gset": "natural", "space": {"basis": [M]}}], "activation": "relu"}
            inputs = [[1] * n, [2] * n] + make_inputs(rng, G, gset_from_spec(G, "natural"), 3)
            out.append({"group": g, "spec": spec, "inputs": inputs})
    return out


def _depth_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    spec = dict(inst["spec"])
    parts = c["partitions"]
    msgs = []
    for L in sorted({1, len(parts)}):
        s = dict(spec, layers=_layers_at(spec, L))
        msgs += [f"depth {L}: " + m for m in independent_partition_check(s, inst["inputs"], parts[L - 1], seed=L)]
    return msgs


def _layers_at(spec, L):
    layers = list(spec["layers"])
    return (layers[:L] + [layers[-1]] * max(0, L - len(layers)))


@claim(id="separation.depth-refines",
       statement="When the repeated layer's span contains the identity, partitions only refine with depth, and the "
                 "node partition stabilises by the uniform bound L0 + 2|Y| - 1.",
       hypotheses=("the repeated hidden layer Y has id in the span of its basis (full, conv:k, pointnet)",
                   "complete bias", "non-polynomial activation"),
       provenance="[derived] ([secondary] claim: depth improves up to a threshold)", source="docs/theory/separation.md, 'Depth'",
       instances=lambda level, rng: _depth_instances(level, rng),
       verify=_depth_verify, requires=REQ + ("exactsep.separation:depth_threshold",), family=_family, size=_size,
       scope=_identity_scope)
def depth_refines(inst):
    from ...separation import depth_threshold
    spec, inputs = inst["spec"], inst["inputs"]
    dr = depth_threshold(_arch(spec), inputs)
    parts = [list(map(list, p)) for p in dr.partitions]
    chain = all(_refines(parts[i + 1], parts[i]) for i in range(len(parts) - 1))
    ok = (not dr.identity_in_span) or (chain and dr.threshold is not None and dr.threshold <= dr.uniform_bound)
    return outcome(ok, "depth_threshold: partitions at depths 1..threshold form a refinement chain and "
                   "threshold <= uniform bound (vacuous if id is not in the span)",
                   identity_in_span=dr.identity_in_span, threshold=dr.threshold, uniform_bound=dr.uniform_bound,
                   partitions=parts, node_classes=list(dr.node_classes))


def _naive_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    spec = inst["spec"]
    msgs = []
    for L, cl in ((1, c["depth1"]), (2, c["depth2"])):
        s = dict(spec, layers=spec["layers"][:L])
        msgs += [f"depth {L}: " + m for m in independent_partition_check(s, inst["inputs"], cl, seed=L)]
    return msgs


@claim(id="separation.depth-refines-naive",
       statement="(Naive form, without the identity-in-span hypothesis.) Adding a hidden layer never merges two "
                 "classes: the depth-2 partition refines the depth-1 partition.",
       hypotheses=("any equivariant layer spaces (the second layer's span need not contain the identity)",
                   "complete bias", "non-polynomial activation"),
       provenance="[derived] (the identity-in-span hypothesis dropped)",
       source="docs/theory/separation.md, 'Depth' (monotone under repetition needs the identity in the span)", expect="refuted",
       drops="the repeated layer's span contains the identity",
       instances=lambda level, rng: [i for i in _depth_instances(level, rng, naive=True)
                                     if len(i["spec"]["layers"]) == 2 or rng.random() < 0.3],
       verify=_naive_verify, requires=REQ, family=_family, size=_size,
       scope=spec_scope(full=False, nonpoly=True))
def depth_refines_naive(inst):
    spec, inputs = inst["spec"], inst["inputs"]
    layers = _layers_at(spec, 2)
    p1 = _classes(dict(spec, layers=layers[:1]), inputs)
    p2 = _classes(dict(spec, layers=layers[:2]), inputs)
    ok = _refines(p2, p1)
    scope = ""
    if not ok:
        from ...separation import depth_threshold
        ident = depth_threshold(_arch(dict(spec, layers=layers[:2])), inputs).identity_in_span
        scope = ("the second layer's space does not contain the identity (identity_in_span = "
                 f"{ident}): the hypothesis of separation.depth-refines fails, so the depth theorem is not "
                 "contradicted" if not ident else "the second layer's space contains the identity: this would "
                 "contradict separation.depth-refines")
    return outcome(ok, "partition at depth 2 refines partition at depth 1", depth1=p1, depth2=p2,
                   **({"scope": scope} if scope else {}))


# ----------------------------------------------------------------------------- invariant features, multiplicity
def _full_instances(level, rng):
    return _base_instances(level, rng, depth=(1, 2), max_hidden=8 if level == "quick" else 12,
                           kinds=("natural", "power", "subsets", "regular", "cosets"))


def _inv_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    spec = inst["spec"]
    l = int(c["layer"])
    layers = list(spec["layers"])
    layers[l - 1] = {"gset": {"union": [layers[l - 1]["gset"], "trivial"]}}
    return independent_partition_check(dict(spec, layers=layers), inst["inputs"], c["original"])


@claim(id="separation.invariant-features",
       statement="Adding an invariant point * to a (non-empty, full) hidden layer, or taking a hidden G-set with "
                 "multiplicity 2, changes no partition.",
       hypotheses=("full layers, complete bias", "the layer's G-set Y is non-empty", "non-polynomial activation"),
       provenance="[derived ✓] ([secondary] claims of [SP])", source="docs/theory/separation.md, 'Invariant features and multiplicity'",
       instances=_full_instances, strategy=lambda: _inst_strategy(), verify=_inv_verify,
       requires=REQ + ("exactsep.separation:invariant_feature_check",), family=_family, size=_size,
       scope=spec_scope(nonpoly=True, nonempty=True))
def invariant_features(inst):
    from ...separation import invariant_feature_check, multiplicity_check
    spec, inputs = inst["spec"], inst["inputs"]
    arch = _arch(spec)
    layer = 1 + (len(inputs) % arch.depth)
    ic = invariant_feature_check(arch, inputs, layer)
    mc = multiplicity_check(arch, inputs, layer, 2)
    return outcome(ic.invariant_point_changes_nothing and mc.changes_nothing,
                   "invariant_feature_check(...).invariant_point_changes_nothing and "
                   "multiplicity_check(..., copies=2).changes_nothing", layer=layer,
                   original=[list(c) for c in ic.original],
                   with_invariant_point=[list(c) for c in ic.with_invariant_point],
                   duplicated=[list(c) for c in mc.duplicated])


def _bottleneck_candidates(level, rng):
    return _base_instances(level, rng, depth=(1,), max_hidden=8, kinds=("natural", "regular", "power"),
                           per_group=1)


def _bottleneck_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    spec = inst["spec"]
    msgs = independent_partition_check(spec, inst["inputs"], c["original"])
    msgs += ["all-invariant layer: " + m for m in
             independent_partition_check(dict(spec, layers=[{"gset": "trivial"}] * len(spec["layers"])), inst["inputs"],
                             c["all_invariant"], seed=3)]
    return msgs


@claim(id="separation.all-invariant-bottleneck",
       statement="The hypothesis Y != {} matters: replacing a hidden layer by the trivial G-set alone (an "
                 "all-invariant layer) can coarsen the partition.",
       hypotheses=("full layers, complete bias", "non-polynomial activation",
                   "the hidden layer replaced by the trivial G-set alone (an all-invariant layer)"),
       provenance="[derived ✓]", source="docs/theory/separation.md, 'Invariant features and multiplicity'",
       quantifier="exists", instances=_bottleneck_candidates, verify=_bottleneck_verify,
       requires=REQ + ("exactsep.separation:invariant_feature_check",), family=_family, size=_size,
       scope=spec_scope(nonpoly=True))
def all_invariant_bottleneck(inst):
    from ...separation import invariant_feature_check
    ic = invariant_feature_check(_arch(inst["spec"]), inst["inputs"], 1)
    return outcome(ic.all_invariant_layer_changes and _refines([list(c) for c in ic.original],
                                                               [list(c) for c in ic.all_invariant]),
                   "the all-invariant layer's partition is strictly coarser than the original",
                   original=[list(c) for c in ic.original], all_invariant=[list(c) for c in ic.all_invariant])


# ----------------------------------------------------------------------------- hierarchy
def _fixed_point_on_cosets(G, H_gens, K_gens) -> Optional[int]:
    """A point of G/K fixed by H (brute force over the elements' permutations of G/K), or None."""
    from ...groups import GSet, PermGroup
    Y = GSet.cosets(G, PermGroup(K_gens, degree=G.degree))
    perms = _element_perms(G, Y)
    hs = [perms[tuple(h)] for h in H_gens]
    for y in range(Y.size):
        if all(p[y] == y for p in hs):
            return y
    return None


def _hier_instances(level, rng):
    from ...groups import GSet, PermGroup
    out = []
    max_order = 24 if level == "quick" else 120
    for g in catalogue_for(level, max_order=max_order, min_degree=3):
        G = group_from_descriptor(g)
        classes = subgroup_classes(G)
        pairs = []
        coset_perms = {}            # K's position -> every element of G as a permutation of G/K (computed once)
        for a in classes:
            for j, b in enumerate(classes):
                if a is not b and a["order"] < b["order"] and b["order"] % a["order"] == 0 and \
                        G.order // a["order"] <= (24 if level == "quick" else 60):
                    if j not in coset_perms:
                        Y = GSet.cosets(G, PermGroup(b["generators"], degree=G.degree))
                        coset_perms[j] = (Y.size, _element_perms(G, Y))
                    size, perms = coset_perms[j]
                    hs = [perms[tuple(h)] for h in a["generators"]]
                    if any(all(p[y] == y for p in hs) for y in range(size)):     # H fixes a point of G/K
                        pairs.append((a, b))
        X0 = gset_from_spec(G, "natural")
        for a, b in pick(rng, pairs, 2 if level == "quick" else 5):
            out.append({"group": g, "H": a["generators"], "K": b["generators"],
                        "spec": {"group": _spec_group(g), "input": "natural", "layers": [], "activation": "relu"},
                        "inputs": make_inputs(rng, G, X0, 6, fractions=True)})
    return out


def _coset_spec(inst, gens):
    return dict(inst["spec"], layers=[{"gset": {"cosets": {"generators": gens}} if gens else "regular"}])


def _hier_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    G = group_from_descriptor(inst["group"])
    y = _fixed_point_on_cosets(G, inst["H"], inst["K"])
    if y is None:
        raise CertificateError("H has no fixed point on G/K: H is not subconjugate to K")
    msgs = [f"H fixes the coset {y} of G/K (brute force): H is subconjugate to K"]
    msgs += ["G/H: " + m for m in independent_partition_check(_coset_spec(inst, inst["H"]), inst["inputs"], c["classes_H"])]
    msgs += ["G/K: " + m for m in independent_partition_check(_coset_spec(inst, inst["K"]), inst["inputs"], c["classes_K"], 1)]
    return msgs


@claim(id="hierarchy.subconjugacy",
       statement="If H is subconjugate to K then G/H is at least as strong as G/K: the G/H partition refines the "
                 "G/K partition, with a G-map certificate G/H -> G/K.",
       hypotheses=("H <= gKg^-1 for some g", "full layers, complete bias, one hidden layer"),
       provenance="[derived] (simulation lemma)", source="docs/theory/separation.md, 'Block sums and the hierarchy of G/H'",
       instances=_hier_instances, verify=_hier_verify,
       requires=REQ + ("exactsep.separation:compare",), family=_family, size=_size,
       scope=spec_scope())
def subconjugacy(inst):
    from ...separation.hierarchy import compare
    inputs = inst["inputs"]
    A, B = _arch(_coset_spec(inst, inst["H"])), _arch(_coset_spec(inst, inst["K"]))
    cmp = compare(A, B, inputs)
    pa, pb = [list(c) for c in cmp.partition_a], [list(c) for c in cmp.partition_b]
    return outcome(_refines(pa, pb) and cmp.a_at_least_b is True,
                   "compare(G/H, G/K).a_at_least_b is True (G-map certificate) and partition(G/H) refines "
                   "partition(G/K)", classes_H=pa, classes_K=pb, certificate=cmp.certificate_a_b)


def _subgroup_pair_candidates(level, keep, quick_cap: int, full_cap: int):
    """Pairs (H, K) of subgroup classes of the small catalogue groups (degree <= 4) accepted by
    ``keep(G, a, b)``, each with a shallow natural-input spec and all inputs in {0, 1, 2}^n."""
    import itertools
    out = []
    for g in catalogue_for(level, max_order=24, min_degree=3):
        if g["degree"] > 4:
            continue
        G = group_from_descriptor(g)
        cls = subgroup_classes(G)
        inputs = [list(v) for v in itertools.product(range(3), repeat=g["degree"])]
        for a in cls:
            for b in cls:
                if keep(G, a, b):
                    out.append({"group": g, "H": a["generators"], "K": b["generators"],
                                "spec": {"group": _spec_group(g), "input": "natural", "layers": [],
                                         "activation": "relu"}, "inputs": inputs})
    return out[:quick_cap if level == "quick" else full_cap]


def _preorder_candidates(level, rng):
    return _subgroup_pair_candidates(
        level, lambda G, a, b: a["order"] < b["order"] and b["order"] % a["order"] == 0
        and _fixed_point_on_cosets(G, a["generators"], b["generators"]) is not None, 12, 60)


def _shallow_partition(G, X0, H_gens, inputs):
    """Inputs grouped by the shallow closed form (docs/theory/separation.md, "Consequences of Theorem A"): the multiset over cosets gH of the
    H-orbit sums of g^-1 a."""
    from ...groups import GSet, PermGroup, orbit_labels
    from ...numbers import exact_vector
    perms = _element_perms(G, X0)           # the same for every input: computed once
    Hp = [perms[tuple(h)] for h in H_gens]
    lab = orbit_labels(Hp, X0.size) if Hp else list(range(X0.size))
    norb = max(lab) + 1 if lab else 0
    reps = [perms[tuple(g)] for g in GSet.cosets(G, PermGroup(H_gens, degree=G.degree)).labels]

    def key(a) -> tuple:
        v = [Fraction(t) for t in a]
        keys = []
        for p in reps:                      # coset representatives g
            s = [Fraction(0)] * norb
            for x in range(X0.size):        # (g^-1 a)(x) = a(g x)
                s[lab[x]] += v[p[x]]
            keys.append(tuple(s))
        return tuple(sorted(keys))

    groups: Dict[tuple, List[int]] = {}
    for i, a in enumerate(inputs):
        groups.setdefault(key(exact_vector(a)), []).append(i)
    return sorted(sorted(c) for c in groups.values())


def _preorder_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    if not cert["holds"]:
        return []
    G = group_from_descriptor(inst["group"])
    X0 = gset_from_spec(G, "natural")
    ph = _shallow_partition(G, X0, inst["H"], inst["inputs"])
    pk = _shallow_partition(G, X0, inst["K"], inst["inputs"])
    if ph != pk or ph != c["classes"]:
        raise CertificateError("the shallow closed form (H-orbit sums) does not give equal partitions for H and K")
    return [f"shallow closed form (multisets of H-orbit sums, computed independently) gives the same "
            f"{len(ph)} classes for H (order {c['order_H']}) and K (order {c['order_K']}) on all "
            f"{len(inst['inputs'])} inputs"]


@claim(id="hierarchy.preorder-not-partial-order",
       statement="Separation power of transitive G-sets is only a preorder: there are H < K (non-conjugate, e.g. A3 < "
                 "S3 acting on Q^3) whose one-layer architectures G/H and G/K separate exactly the same inputs.",
       hypotheses=("one hidden layer, full, complete bias", "inputs: all of {0,1,2}^n"),
       provenance="[derived ✓]", source="docs/theory/separation.md, 'Block sums and the hierarchy of G/H' (only a preorder), test vector E1",
       quantifier="exists", instances=_preorder_candidates, verify=_preorder_verify,
       requires=REQ, family=_family, size=_size,
       scope=spec_scope())
def preorder_not_partial(inst):
    G = group_from_descriptor(inst["group"])
    from ...groups import PermGroup
    oh, ok_ = PermGroup(inst["H"], degree=G.degree).order, PermGroup(inst["K"], degree=G.degree).order
    ph = _classes(_coset_spec(inst, inst["H"]), inst["inputs"])
    pk = _classes(_coset_spec(inst, inst["K"]), inst["inputs"])
    return outcome(oh != ok_ and ph == pk, "|H| != |K| (so not conjugate) and partition(G/H) == partition(G/K)",
                   order_H=oh, order_K=ok_, classes=ph, equal=ph == pk)


def _blocks_instances(level, rng):
    out = []
    for inst in _base_instances(level, rng, depth=(1,), max_hidden=8 if level == "quick" else 12):
        g = inst["group"]
        gsets = gset_catalogue(g, max_size=8 if level == "quick" else 12, cosets=g["order"] <= 120)
        other = rng.choice(gsets)
        inst = dict(inst)
        inst["second"] = _spec_gset(other)
        out.append(inst)
    return out


def _blocks_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    spec = inst["spec"]
    Y1 = spec["layers"][0]["gset"]
    m = [list(x) for x in meet(c["classes_Y1"], c["classes_Y2"])]
    if m != c["classes_union"]:
        raise CertificateError("the union's partition is not the meet of the blocks' partitions")
    return independent_partition_check(dict(spec, layers=[{"gset": {"union": [Y1, inst["second"]]}}]), inst["inputs"],
                           c["classes_union"])


@claim(id="hierarchy.block-sums-intersection",
       statement="For one hidden layer X_1 = Y_1 + Y_2 (disjoint union), the partition is the common refinement "
                 "(intersection of relations) of the partitions for Y_1 and Y_2.",
       hypotheses=("one hidden layer, full, complete bias", "non-polynomial activation"),
       provenance="[derived ✓]", source="docs/theory/separation.md, 'Block sums and the hierarchy of G/H' (shallow block sums)",
       instances=_blocks_instances, verify=_blocks_verify, requires=REQ, family=_family, size=_size,
       scope=spec_scope(nonpoly=True))
def block_sums(inst):
    spec, inputs = inst["spec"], inst["inputs"]
    Y1 = spec["layers"][0]["gset"]
    p1 = _classes(spec, inputs)
    p2 = _classes(dict(spec, layers=[{"gset": inst["second"]}]), inputs)
    pu = _classes(dict(spec, layers=[{"gset": {"union": [Y1, inst["second"]]}}]), inputs)
    m = [list(x) for x in meet(p1, p2)]
    return outcome(pu == m, "partition(Y1 + Y2) == meet(partition(Y1), partition(Y2))",
                   classes_Y1=p1, classes_Y2=p2, classes_union=pu)


# ----------------------------------------------------------------------------- regular representation
def _regular_instances(level, rng):
    out = []
    for g in catalogue_for(level, max_order=24 if level == "quick" else 60, min_degree=2):
        G = group_from_descriptor(g)
        X0 = gset_from_spec(G, "natural")
        for L in ((1,) if level == "quick" else (1, 2)):
            spec = {"group": _spec_group(g), "input": "natural", "layers": [{"gset": "regular"}] * L,
                    "activation": "relu"}
            out.append({"group": g, "spec": spec, "inputs": make_inputs(rng, G, X0, 7, fractions=True)})
    return out


def _regular_verify(cert) -> List[str]:
    inst = cert["instance"]
    return independent_partition_check(inst["spec"], inst["inputs"], cert["computed"]["classes"])


def _regular_layers(inst: dict) -> dict:
    """The instance with every hidden layer the regular G-set (the claim's hypothesis; its scope admits no other)."""
    spec = dict(inst["spec"])
    spec["layers"] = [{"gset": "regular"}] * max(1, len(spec["layers"]))
    return dict(inst, spec=spec)


@claim(id="separation.regular-orbits",
       statement="The regular representation separates exactly the G-orbits: two inputs are identified iff one is "
                 "a permutation of the other by an element of G.",
       hypotheses=("hidden layers = the regular G-set, full, complete bias", "non-polynomial activation"),
       provenance="[derived] (a [secondary] claim: the regular representation is maximal)",
       source="docs/theory/separation.md, 'Consequences of Theorem A' (item 4)", instances=_regular_instances,
       strategy=lambda: _inst_strategy(depth=(1,)).map(_regular_layers), verify=_regular_verify, requires=REQ,
       family=_family, size=_size,
       scope=spec_scope(nonpoly=True, regular=True))
def regular_orbits(inst):
    spec = dict(inst["spec"])                  # (the scope admits regular hidden layers only)
    G = group_from_descriptor(inst["group"])
    if G.order > 60:
        spec["layers"] = spec["layers"][:1]
    p = _classes(spec, inst["inputs"])
    orb = [list(c) for c in orbit_partition(G, gset_from_spec(G, "natural"), inst["inputs"])]
    return outcome(p == orb, "partition(regular layers) == G-orbits of the inputs (brute force over G)",
                   classes=p, orbits=orb)


# ----------------------------------------------------------------------------- shallow closed form
def _shallow_instances(level, rng):
    out = []
    for g in catalogue_for(level, max_order=24 if level == "quick" else 120, min_degree=2):
        G = group_from_descriptor(g)
        X0 = gset_from_spec(G, "natural")
        cls = [c for c in subgroup_classes(G) if G.order // c["order"] <= (24 if level == "quick" else 60)]
        for c in pick(rng, cls, 2 if level == "quick" else 4):
            out.append({"group": g, "H": c["generators"],
                        "spec": {"group": _spec_group(g), "input": "natural", "layers": [], "activation": "relu"},
                        "inputs": make_inputs(rng, G, X0, 7, fractions=True)})
    return out


@claim(id="separation.shallow-closed-form",
       statement="For one hidden layer G/H, a ~ b iff the multisets over cosets gH of the H-orbit-sum vectors "
                 "Pi_H(g^-1 a) and Pi_H(g^-1 b) agree (colour refinement == the closed form).",
       hypotheses=("one hidden layer G/H, full, complete bias", "non-polynomial activation", "invariant output"),
       provenance="[derived ✓]", source="docs/theory/separation.md, 'Consequences of Theorem A' (item 3)", instances=_shallow_instances,
       verify=lambda cert: independent_partition_check(_coset_spec(cert["instance"], cert["instance"]["H"]),
                                           cert["instance"]["inputs"], cert["computed"]["classes"]),
       requires=REQ, family=_family, size=_size,
       scope=spec_scope(nonpoly=True, invariant=True))
def shallow_closed_form(inst):
    G = group_from_descriptor(inst["group"])
    p = _classes(_coset_spec(inst, inst["H"]), inst["inputs"])
    q = _shallow_partition(G, gset_from_spec(G, "natural"), inst["H"], inst["inputs"])
    return outcome(p == q, "partition(G/H) == partition by multisets of H-orbit sums (closed form, computed here)",
                   classes=p, closed_form_classes=q)


# ----------------------------------------------------------------------------- test vectors of the theory page
def _vector_instances(level, rng):
    S3 = {"name": "S3", "degree": 3, "generators": [[1, 0, 2], [1, 2, 0]], "order": 6, "family": "symmetric"}
    C4 = {"name": "C4", "degree": 4, "generators": [[1, 2, 3, 0]], "order": 4, "family": "cyclic"}
    C6 = {"name": "C6", "degree": 6, "generators": [[1, 2, 3, 4, 5, 0]], "order": 6, "family": "cyclic"}
    e1_in = [[1, 2, 3], [3, 1, 2], [2, 1, 3], [0, 0, 6], [2, 2, 2], [0, 2, 4], [0, 0, 3], [-1, 2, 2],
             ["1/2", "1/3", "1/6"], ["1/6", "1/2", "1/3"]]
    orbit = [[0, 1, 2], [3], [4], [5], [6], [7], [8, 9]]
    sums = [[0, 1, 2, 3, 4, 5], [6, 7], [8, 9]]
    out = []

    def add(name, g, layers, inputs, expected, activation="relu"):
        spec = {"group": _spec_group(g), "input": "natural", "layers": layers, "activation": activation}
        out.append({"name": name, "group": g, "spec": spec, "inputs": inputs, "expected": expected})
    for L in (1, 2, 3):
        for lay, exp in (("regular", orbit), ("natural", orbit), ({"union": ["natural", "trivial"]}, orbit),
                         ({"images": [[1, 0], [0, 1]]}, sums), ("trivial", sums)):
            add(f"E1 {lay} L={L}", S3, [{"gset": lay}] * L, e1_in, exp)
    e2_in = [[1, 2, 3, 4], [2, 3, 4, 1], [3, 4, 1, 2], [1, 4, 3, 2], [2, 1, 4, 3], [4, 0, 6, 0], [0, 0, 0, 10],
             ["5/2", "5/2", "5/2", "5/2"]]
    for L in (1, 2):
        add(f"E2 regular L={L}", C4, [{"gset": "regular"}] * L, e2_in, [[0, 1, 2], [3, 4], [5], [6], [7]])
        add(f"E2 G/C2 L={L}", C4, [{"gset": {"images": [[1, 0]]}}] * L, e2_in, [[0, 1, 2, 3, 4], [5, 6], [7]])
        add(f"E2 G/G L={L}", C4, [{"gset": "trivial"}] * L, e2_in, [list(range(8))])
    add("E2 G/C2 then Z4", C4, [{"gset": {"images": [[1, 0]]}}, {"gset": "regular"}], e2_in,
        [[0, 1, 2, 3, 4], [5, 6], [7]])
    e3_in = [[1, 1, 2, 1, 2, 2], [1, 1, 2, 2, 1, 2], [2, 1, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2], [1, 1, 1, 2, 2, 2]]
    rot, coarse = [[0, 2], [1], [3], [4]], [[0, 1, 2], [3], [4]]
    for k, L, exp in ((1, 2, [[0, 1, 2, 3, 4]]), (2, 1, coarse), (2, 2, coarse), (2, 3, rot), (3, 1, coarse),
                      (3, 2, rot), (6, 1, rot)):
        add(f"E3 conv:{k} L={L}", C6, [{"gset": "natural", "space": {"conv": k}}] * L, e3_in, exp)
    e6_in = [[1, 5, 6], [2, 3, 7], [6, 1, 5], [0, 0, 3], [-1, 2, 2], [1, 2, 3]]
    p12, full = [[0, 1, 2], [3, 4], [5]], [[0, 2], [1], [3], [4], [5]]
    for d, L, exp in ((1, 1, p12), (1, 2, p12), (2, 1, p12), (2, 2, full), (3, 1, full)):
        add(f"E6 poly:{d} L={L}", S3, [{"gset": "natural"}] * L, e6_in, exp, activation={"poly": d})
    add("E6 relu", S3, [{"gset": "natural"}], e6_in, full)
    return out if level == "full" else out[::2]


@claim(id="separation.spec-test-vectors",
       statement="The test vectors E1, E2, E3 and E6 (n = 3) of docs/theory/separation.md reproduce exactly.",
       hypotheses=("as stated with the test vectors",), provenance="[derived ✓]", source="docs/theory/separation.md, 'Test vectors'",
       instances=_vector_instances,
       verify=lambda cert: independent_partition_check(cert["instance"]["spec"], cert["instance"]["inputs"],
                                           cert["computed"]["classes"]),
       requires=REQ, family=lambda inst: inst["name"].split()[0], size=_size,
       scope=lambda inst: None if {v["name"]: v for v in _vector_instances("full", None)}.get(inst.get("name")) == inst
       else f"not a registered test vector: the instance must equal the theory page's vector named "
            f"{str(inst.get('name'))[:60]!r} (spec, inputs and expected classes)")
def spec_test_vectors(inst):
    p = _classes(inst["spec"], inst["inputs"])
    return outcome(p == inst["expected"], f"partition == the test vector's expected classes ({inst['name']})", classes=p)


# ----------------------------------------------------------------------------- incomparable but ordered
def _incomparable_candidates(level, rng):
    return _subgroup_pair_candidates(
        level, lambda G, a, b: a is not b
        and _fixed_point_on_cosets(G, a["generators"], b["generators"]) is None
        and _fixed_point_on_cosets(G, b["generators"], a["generators"]) is None, 10, 60)


def _incomparable_verify(cert) -> List[str]:
    inst, c = cert["instance"], cert["computed"]
    if not cert["holds"]:
        return []
    G = group_from_descriptor(inst["group"])
    if _fixed_point_on_cosets(G, inst["H"], inst["K"]) is not None or \
            _fixed_point_on_cosets(G, inst["K"], inst["H"]) is not None:
        raise CertificateError("H and K are comparable under subconjugacy")
    i, j = c["pair"]
    msgs = ["brute force: H fixes no point of G/K and K fixes no point of G/H (incomparable)"]
    sub = [inst["inputs"][i], inst["inputs"][j]]
    msgs += ["G/H on the pair: " + m for m in independent_partition_check(_coset_spec(inst, inst["H"]), sub, [[0], [1]])]
    msgs += ["G/K on the pair: " + m for m in independent_partition_check(_coset_spec(inst, inst["K"]), sub, [[0, 1]], 1)]
    return msgs


@claim(id="hierarchy.incomparable-strictly-ordered",
       statement="Subgroups that are incomparable under subconjugacy can still give strictly ordered separation "
                 "power (e.g. S2 and A3 in S3 acting on Q^3: G/S2 is strictly stronger than G/A3).",
       hypotheses=("one hidden layer, full, complete bias", "inputs: all of {0,1,2}^n"),
       provenance="[derived ✓]", source="docs/theory/separation.md, 'Block sums and the hierarchy of G/H' (only a preorder)", quantifier="exists",
       instances=_incomparable_candidates, verify=_incomparable_verify, requires=REQ, family=_family, size=_size,
       scope=spec_scope())
def incomparable_strictly_ordered(inst):
    ph = _classes(_coset_spec(inst, inst["H"]), inst["inputs"])
    pk = _classes(_coset_spec(inst, inst["K"]), inst["inputs"])
    strict = _refines(ph, pk) and ph != pk
    pair = None
    if strict:
        where = {i: k for k, c in enumerate(ph) for i in c}
        cls = next(c for c in pk if len({where[i] for i in c}) > 1)
        a = cls[0]
        pair = [a, next(i for i in cls if where[i] != where[a])]
    return outcome(strict, "H, K incomparable (no fixed points either way) and partition(G/H) strictly refines "
                   "partition(G/K)", classes_H=len(ph), classes_K=len(pk), pair=pair)
