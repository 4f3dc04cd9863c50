"""``exactsep separate SPEC.json [--json] [--witness]`` and ``exactsep hierarchy --group NAME``.

SPEC is one JSON object (see :meth:`exactsep.separation.Architecture.from_spec`) with an ``inputs``
list: vectors of integers or fraction strings (JSON floats are refused); a nested list (an n x n
adjacency matrix) is flattened row-major.
"""
from __future__ import annotations

from typing import Any, List


def register(sub) -> None:
    p = sub.add_parser("separate", help="exact partition of inputs by the separation power of an equivariant architecture",
                       description="Partition the SPEC's inputs into classes that no network of the architecture "
                                   "tells apart (exact: colour refinement / evaluation spaces).")
    p.add_argument("spec", metavar="SPEC.json", help="architecture + inputs as one JSON object ('-' for stdin)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--witness", action="store_true",
                   help="also build, for every pair of classes, a network whose exact outputs differ")
    p.add_argument("--method", choices=["auto", "cr", "es"], default=None,
                   help="auto (default): CR for non-polynomial activations, ES for poly:d")
    p.add_argument("--depth-threshold", action="store_true",
                   help="also report the depth at which repeating the last hidden layer stops refining")
    p.set_defaults(func=run)
    h = sub.add_parser("hierarchy", help="Hasse diagram of the transitive G-sets G/H by separation power")
    g = h.add_mutually_exclusive_group(required=True)
    g.add_argument("--group", help="S<n>, A<n>, C<n> or D<n>")
    g.add_argument("--generators", help='JSON list of image lists, e.g. "[[1,0,2],[1,2,0]]"')
    h.add_argument("--inputs", help="JSON file with a list of input vectors on the natural G-set (evidence)")
    h.add_argument("--dot", metavar="FILE", help="write Graphviz DOT")
    h.add_argument("--png", metavar="FILE", help="draw with matplotlib (optional extra)")
    h.add_argument("--json", action="store_true", help="print one JSON object")
    h.set_defaults(func=run_hierarchy)


def _flatten(v: Any) -> Any:
    if isinstance(v, list) and v and all(isinstance(r, list) for r in v):
        return [x for r in v for x in r]
    return v


def _inputs(spec: dict) -> List[Any]:
    from ..errors import InvalidSpecError
    if "inputs" not in spec:
        raise InvalidSpecError("the spec needs an 'inputs' list (vectors of integers or fraction strings)")
    inp = spec["inputs"]
    if not isinstance(inp, list) or not inp:
        raise InvalidSpecError("'inputs' must be a non-empty list of vectors")
    return [_flatten(v) for v in inp]


def run(args) -> int:
    from ..cliutil import emit, load_json
    from . import Architecture, partition, witness, depth_threshold
    from .cr import exact_inputs
    spec = load_json(args.spec)
    arch = Architecture.from_spec(spec)
    inputs = exact_inputs(arch, _inputs(spec))
    method = args.method or spec.get("method", "auto")
    res = partition(arch, inputs, method=method)
    out = {"classes": [list(c) for c in res.classes], "num_classes": res.num_classes,
           "num_inputs": res.num_inputs, "method": res.method, "activation": res.activation, "depth": res.depth,
           "architecture": arch.to_json()}
    text = [f"architecture: {arch.describe()}",
            f"method: {res.method}   inputs: {res.num_inputs}   classes: {res.num_classes}",
            f"{'class':>5}  {'size':>4}  inputs"]
    for k, c in enumerate(res.classes):
        text.append(f"{k:>5}  {len(c):>4}  {' '.join(map(str, c))}")
    if args.witness:
        ws = []
        warch = arch
        if res.method == "cr" and arch.is_polynomial:
            warch = arch.replace(activation="relu")   # CR computes the non-polynomial relation
            text.append("(method cr on a polynomial activation: witnesses use ReLU, whose relation CR computes)")
        text.append("witnesses (one network per pair of classes, outputs re-evaluated):")
        for i in range(res.num_classes):
            for j in range(i + 1, res.num_classes):
                a, b = res.classes[i][0], res.classes[j][0]
                w = witness(warch, inputs[a], inputs[b])
                ok = w.verify()
                wj = w.to_json()
                ws.append({"classes": [i, j], "inputs": [a, b], "verified": ok, **wj})
                text.append(f"  classes {i} vs {j} (inputs {a}, {b}): output {wj['output_a']} vs {wj['output_b']} "
                            f"[{w.evaluation}, width {w.max_width}, verified={ok}]")
        out["witnesses"] = ws
    if args.depth_threshold:
        d = depth_threshold(arch, inputs)
        out["depth_threshold"] = d.to_json()
        text.append(f"depth threshold on these inputs: {d.threshold} (uniform bound {d.uniform_bound}; "
                    f"identity in span: {d.identity_in_span})")
        text.append("partitions with the last hidden layer repeated (depth: classes):")
        for (L, classes), n in zip(d.by_depth(), d.node_classes):
            mark = "  <- threshold" if L == d.threshold else ""
            text.append(f"  depth {L}: {' '.join('{' + ','.join(map(str, c)) + '}' for c in classes)}"
                        f"   ({n} node classes){mark}")
    emit(out, args.json, "\n".join(text))
    return 0


def run_hierarchy(args) -> int:
    from ..cliutil import emit, load_json, writing
    from ..errors import InvalidSpecError
    from ..groups.cli import parse_generators
    from .architecture import parse_group
    from .hierarchy import group_title, hierarchy_to_dot, hierarchy_to_png, transitive_hierarchy
    G = parse_group(args.group) if args.group else parse_generators(args.generators)
    inputs = None
    if args.inputs:
        data = load_json(args.inputs, "inputs")
        inputs = data["inputs"] if isinstance(data, dict) and "inputs" in data else data
        if not isinstance(inputs, list):
            raise InvalidSpecError("--inputs must hold a list of vectors (or an object with an 'inputs' list)")
    D = transitive_hierarchy(G, inputs)
    written = []
    if args.dot:
        with writing(args.dot, "DOT"), open(args.dot, "w", encoding="utf-8") as f:
            f.write(hierarchy_to_dot(D))
        written.append(("DOT", args.dot))
    if args.png:
        with writing(args.png, "PNG"):
            hierarchy_to_png(D, args.png)
        written.append(("PNG", args.png))
    obj = {"group_order": G.order, "group_name": G.name,
           "files_written": [{"kind": k, "path": p} for k, p in written],
           "nodes": [{"id": u, **a} for u, a in D.nodes(data=True)],
           "edges": [{"from": u, "to": v, **a} for u, v, a in D.edges(data=True)],
           "equal_power": D.graph.get("equal_power")}
    lines = [f"transitive G-sets G/H of {group_title(G)}: {len(D)} classes of subgroups, "
             f"{D.number_of_edges()} covering edges (u -> v: G/H_u at least as strong, via a G-map)"]
    for u, a in D.nodes(data=True):
        succ = sorted(D.successors(u))
        extra = f"  classes on inputs: {len(a['classes'])}" if "classes" in a else ""
        lines.append(f"  {u:>3}: |H|={a['order']:<4} |G:H|={a['index']:<4} -> {succ}{extra}")
    if D.graph.get("equal_power"):
        lines.append(f"equal power on the inputs: {D.graph['equal_power']}")
    for kind, path in written:
        lines.append(f"wrote {kind} to {path}")
    emit(obj, args.json, "\n".join(lines))
    return 0
