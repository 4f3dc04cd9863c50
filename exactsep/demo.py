"""``exactsep demo``: a tour of the four parts and the prover, each step with a one-line interpretation.

Every step is a real, exact computation on a small built-in example (the same ones the tutorials and
the theory pages use), and takes well under a second to a few seconds; the whole tour runs in a few seconds
on two cores and reads in two minutes.

* **kernel and groups**: a certified rank, dim Hom_G by counting orbitals;
* **separation**: graphs that a 2-IGN identifies exactly as 1-WL does, with a separating witness network,
  and the preorder of the transitive G-sets of S3;
* **ReLU functional dimension and fibers**: the identity written as ReLU(x) - ReLU(-x) with a hidden
  symmetry (dimension below the bound), and a certified disconnected fiber;
* **space folding**: the exact chi of a two-layer network against the sampled estimate on the authors'
  11-point grid;
* **the SRHM**: exact class sizes, sampling without replacement, label invariance, and whether cyclic CNNs can
  separate the classes;
* **the prover**: three registry claims (a forall claim, a naive claim that must be refuted, an existence
  claim) with a certificate re-checked from scratch.

>>> steps = demo_steps(parts=["kernel"])
>>> [s.title for s in steps]
['a certified exact rank', 'dim Hom_G by counting orbitals']
>>> steps[0].data["rank"], steps[0].data["proven"]
(1, True)
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

__all__ = ["PARTS", "DemoStep", "demo_steps", "demo_report"]

PARTS = ("kernel", "separation", "relu", "folding", "srhm", "prove")
_PART_TITLES = {"kernel": "The exact kernel and groups", "separation": "1. Separation power of equivariant networks",
                "relu": "2. ReLU functional dimension and parameter fibers", "folding": "3. Space folding",
                "srhm": "4. The (Sparse) Random Hierarchy Model", "prove": "5. The theorem registry"}


@dataclass(frozen=True)
class DemoStep:
    """One step of the tour: what was computed (``lines``), what it means (``meaning``, one line), the exact
    results (``data``), the theory page section behind it (``theory``) and the time it took."""

    part: str
    title: str
    lines: Tuple[str, ...]
    meaning: str
    theory: str
    data: Dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"part": self.part, "title": self.title, "lines": list(self.lines), "meaning": self.meaning,
                "theory": self.theory, "data": self.data, "seconds": round(self.seconds, 3)}


# ----------------------------------------------------------------------------- the steps
def _kernel():
    from .groups import GSet, symmetric
    from .linalg import rank
    M = [[1, 2, 3], [2, 4, 6], ["1/2", 1, "3/2"]]
    r = rank(M)
    yield ("a certified exact rank",
           [f"rank {M} = {r.value}   (proven: {r.proven}, method {r.method})"],
           "the kernel says how each rank was established; here the value is proven, not a float guess",
           "README.md, 'Design' (Ranks)", {"rank": r.value, "proven": r.proven, "method": r.method})
    G = symmetric(4)
    X, X2 = GSet.natural(G), GSet.power(G, 2)
    dims = {"natural->natural": X.num_orbitals(X), "power2->power2": X2.num_orbitals(X2),
            "power2->natural": X.num_orbitals(X2)}
    yield ("dim Hom_G by counting orbitals",
           [f"S4 (order {G.order}): dim Hom_G(Q^4, Q^4) = {dims['natural->natural']}, "
            f"dim Hom_G(Q^(4x4), Q^(4x4)) = {dims['power2->power2']}, dim Hom_G(Q^(4x4), Q^4) = {dims['power2->natural']}"],
           "an equivariant linear layer has one free weight per orbital; counting orbits replaces a large nullspace",
           "docs/theory/groups.md, 'Orbitals and equivariant maps'",
           {"group": {"name": "S4", "order": G.order}, "hom_dims": dims})


_GRAPHS = {"C6": [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)],
           "two triangles": [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)],
           "K3,3": [(a, b) for a in (0, 1, 2) for b in (3, 4, 5)],
           "prism": [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (0, 3), (1, 4), (2, 5)],
           "path P6": [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]}


def _adjacency(edges, n=6):
    A = [[0] * n for _ in range(n)]
    for a, b in edges:
        A[a][b] = A[b][a] = 1
    return [v for row in A for v in row]


def _separation():
    from .groups import GSet, symmetric
    from .separation import Architecture, partition, transitive_hierarchy, witness
    G = symmetric(6)
    X2 = GSet.power(G, 2)
    arch = Architecture(G, X2, [X2, X2], activation="relu")
    names = list(_GRAPHS)
    inputs = [_adjacency(_GRAPHS[n]) for n in names]
    res = partition(arch, inputs)
    classes = [[names[i] for i in c] for c in res.classes]
    w = witness(arch, inputs[0], inputs[-1])
    ok = w.verify()
    yield ("graphs through a 2-IGN (S6 on 6x6 adjacency matrices, two hidden layers)",
           ["classes no network of the architecture separates: " + "; ".join("{" + ", ".join(c) + "}" for c in classes),
            f"witness for C6 vs P6: a ReLU network of width {w.max_width} with outputs {w.to_json()['output_a']} vs "
            f"{w.to_json()['output_b']}, re-evaluated exactly: {ok}"],
           "regular graphs of equal degree are identified (the 1-WL picture); every other pair has a concrete "
           "separating network",
           "docs/theory/separation.md, 'Colour refinement (Theorem A)'",
           {"classes": classes, "witness_verified": ok})
    S3 = symmetric(3)
    pts = [[1, 2, 3], [3, 1, 2], [2, 1, 3], [0, 0, 6], [2, 2, 2], [0, 0, 3]]
    D = transitive_hierarchy(S3, pts)
    rows = [f"G/H{u} (|H| = {a['order']}): {len(a['classes'])} classes on 6 inputs" for u, a in D.nodes(data=True)]
    yield ("the transitive G-sets G/H of S3 as hidden layers",
           rows + [f"groups of equal power: {D.graph['equal_power']}"],
           "a smaller stabiliser never separates less, but A3 < S3 separate exactly the same inputs: "
           "separation power is only a preorder on subgroups",
           "docs/theory/separation.md, 'Block sums and the hierarchy of G/H'",
           {"equal_power": D.graph["equal_power"], "classes": {u: len(a["classes"]) for u, a in D.nodes(data=True)}})


def _relu():
    from .nets import Network
    from .relu import functional_dimension, hidden_directions, same_function, verify_certificate
    identity = [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"]
    net = Network.from_flat([1, 2, 1], identity)
    fd = functional_dimension(net)
    H = hidden_directions(net)
    yield ("a (1,2,1) ReLU network computing f(x) = x",
           [f"theta = {identity}",
            f"functional dimension {fd.value} < U = {fd.upper_bound} (certified: {fd.certified}, {fd.regions} regions, "
            f"complete enumeration)",
            f"first-order hidden direction (beyond scalings): {[str(v) for v in H.hidden[0]]}"],
           "the shared breakpoint can slide freely (ReLU(t) - ReLU(-t) = t): a hidden symmetry costs one dimension",
           "docs/theory/fundim.md, 'Test vectors'",
           {"functional_dimension": fd.value, "upper_bound": fd.upper_bound, "certified": fd.certified})
    swapped = [-3, 2, "3/2", -1, "-1/3", "1/2", "1/2"]
    same = same_function(net, Network.from_flat([1, 2, 1], swapped))
    v = verify_certificate({"kind": "disconnected_fiber", "widths": [1, 2, 1], "theta_a": identity, "theta_b": swapped})
    yield ("the same function from the neuron-swapped parameter",
           [f"same function (decided exactly on {same.regions} cells of the difference network): {same.equal}",
            f"certificate re-checked: {v.valid}: {v.proves}"],
           "the fiber of f(x) = x falls apart into pieces that no continuous path inside the fiber joins",
           "docs/theory/fundim.md, 'Hidden symmetries and fibers'",
           {"same_function": same.equal, "certificate_valid": v.valid})


def _folding():
    from .folding import fold, sampled_chi
    from .nets import Network
    net = Network.from_layers([
        {"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
        {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"}])
    r = fold(net, [0], [40])
    s = sampled_chi(net, [0], [40], n=11)
    yield ("the segment 0 -> 40 through a two-layer ReLU network",
           [f"exact chi = {r.chi} (r1 = {r.r1}, r2 = {r.r2}), reverse chi = {r.chi_reverse}, {r.pieces} pieces",
            "breakpoints t = " + ", ".join(str(t) for t in r.breakpoints),
            f"sampled on the authors' 11-point grid: chi = {s.chi} (r1 = {s.r1}, r2 = {s.r2})"],
           "the grid misses two thin activation bumps and reads half the exact folding; chi is also not symmetric",
           "docs/theory/folding.md, 'Sampled and exact chi'",
           {"chi": str(r.chi), "chi_reverse": str(r.chi_reverse), "sampled_chi": str(s.chi)})


def _srhm():
    import numpy as np
    from .srhm import (grammar_from_rules, labels, random_grammar, sample, smallest_separating_cyclic_cnn,
                       verify_label_invariance, sample_derivations)
    g = random_grammar(L=2, s=2, v=3, m=2, n_c=2, s0=1, sparsity="A", seed=0)
    ds = sample(g, 200, seed=1)
    distinct = len(np.unique(ds.inputs, axis=0))
    inv = verify_label_invariance(g, sample_derivations(g, 200, seed=2), seed=3)
    yield ("an SRHM with L = 2, s = 2, v = 3, m = 2, n_c = 2, s0 = 1 (sparsity A)",
           [f"input length {g.input_length}, {g.inputs_per_class} inputs per class, {g.total_inputs} in all "
            f"(exact: (m A)^N with A = {g.placements_per_node}, N = {g.num_nodes})",
            f"200 samples drawn without replacement: {distinct} distinct, labels re-derived by parsing: "
            f"{bool((labels(g, ds.inputs) == ds.labels).all())}",
            f"labels after synonym exchanges and re-placements at every level: {inv.checked} transformed inputs "
            f"parsed, {inv.violations} label changes"],
           "the data law is uniform on a support the package can index exactly, and the label is a function of "
           "the input",
           "docs/theory/srhm.md, 'Sizes'",
           {"total_inputs": g.total_inputs, "distinct": distinct, "invariance": inv.to_json()})
    rules = [[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]]
    h = grammar_from_rules(rules, v=3)
    r = smallest_separating_cyclic_cnn(h)
    line = (f"cyclic CNNs separate the classes iff depth (k - 1) + 1 >= {r.min_window}" if r.separable else
            f"no cyclic CNN separates the classes: {r.witness[0]} and {r.witness[1]} are rotations of each other "
            f"with different labels")
    yield ("can a cyclic CNN learn this RHM at all?",
           [line],
           "a rotation-invariant network cannot tell a rotation apart, so no amount of data makes this task "
           "learnable by it",
           "docs/theory/srhm.md, 'Separability by cyclic CNNs'",
           {"separable": r.separable, "witness": list(r.witness) if r.witness else None})


def _prove():
    from .proofs import run_claims, verify_certificate
    ids = ["groups.burnside", "separation.depth-refines-naive", "fundim.fiber-disconnected-exists"]
    rep = run_claims(ids, level="quick", workers=1)
    lines = rep.to_text().splitlines()
    cert = next(c.certificates[0] for c in rep.claims if c.id == "groups.burnside" and c.certificates)
    v = verify_certificate(cert)
    lines.append(f"one certificate of groups.burnside re-checked from scratch: holds = {v.holds}")
    yield ("three claims of the registry, on the quick catalogue",
           lines,
           "forall claims hold on every instance, the naive form is refuted by a counterexample as it must be, "
           "and the existence claim has witnesses; `exactsep prove --quick` runs them all",
           "proofs/README.md",
           {"statuses": {c.id: c.status for c in rep.claims}, "certificate_verified": v.holds})


_RUNNERS: Dict[str, Callable[[], Any]] = {"kernel": _kernel, "separation": _separation, "relu": _relu,
                                           "folding": _folding, "srhm": _srhm, "prove": _prove}


def demo_steps(parts: Optional[Sequence[str]] = None,
               progress: Optional[Callable[[int, int, str], None]] = None) -> Tuple[DemoStep, ...]:
    """Run the tour (all of :data:`PARTS`, or the named ones) and return its steps.

    ``progress(done, total, part)`` is called before each part."""
    from .errors import InvalidInputError
    chosen = list(PARTS) if not parts else list(parts)
    unknown = [p for p in chosen if p not in _RUNNERS]
    if unknown:
        raise InvalidInputError(f"unknown demo part(s) {unknown}; choose from {list(PARTS)}")
    out: List[DemoStep] = []
    for k, part in enumerate(chosen):
        if progress is not None:
            progress(k, len(chosen), part)
        gen = _RUNNERS[part]()
        while True:
            t0 = time.perf_counter()
            try:
                title, lines, meaning, theory, data = next(gen)
            except StopIteration:
                break
            out.append(DemoStep(part, title, tuple(lines), meaning, theory, data, time.perf_counter() - t0))
    if progress is not None:
        progress(len(chosen), len(chosen), "")
    return tuple(out)


def demo_report(parts: Optional[Sequence[str]] = None) -> dict:
    """The tour as one JSON-able dict: ``{"steps": [...], "seconds": total}``."""
    steps = demo_steps(parts)
    return {"steps": [s.to_json() for s in steps], "seconds": round(sum(s.seconds for s in steps), 3)}


def _run(args) -> int:
    import sys
    from .cliutil import emit

    def progress(done, total, part):
        if part and sys.stderr.isatty():
            sys.stderr.write(f"[{done + 1}/{total}] {part} ...\r")
            sys.stderr.flush()
    steps = demo_steps(args.part, progress=progress)
    if args.json:
        emit({"steps": [s.to_json() for s in steps], "seconds": round(sum(s.seconds for s in steps), 3)}, True, "")
        return 0
    text: List[str] = ["exactsep demo: exact answers on small examples, each with what it means.", ""]
    last = None
    for s in steps:
        if s.part != last:
            if last is not None:
                text.append("")
            text.append(_PART_TITLES[s.part])
            last = s.part
        text.append(f"  * {s.title}")
        text += [f"      {line}" for line in s.lines]
        text.append(f"    => {s.meaning}")
        text.append(f"       (theory: {s.theory}; {s.seconds:.2f} s)")
    text += ["", f"tour finished in {sum(s.seconds for s in steps):.1f} s. Next: the tutorials in docs/ "
                 "(build with `sphinx-build docs docs/_build/html`), `exactsep COMMAND --help`."]
    print("\n".join(text))
    return 0


def register(sub) -> None:
    p = sub.add_parser("demo", help="a tour of all four parts and the prover, each with what its result means",
                       description="A tour of exactsep: the exact kernel and groups, separation power, ReLU functional "
                                   "dimension and fibers, space folding, the SRHM and the theorem registry, each "
                                   "step with a one-line interpretation (a few seconds).")
    p.add_argument("--json", action="store_true", help="print one JSON object with every step's exact results")
    p.add_argument("--part", action="append", choices=PARTS, metavar="PART",
                   help=f"run only this part (repeatable; one of {', '.join(PARTS)}; default: all)")
    p.set_defaults(func=_run)
