"""``exactsep separate SPEC.json [--json] [--witness]``, ``exactsep graphs FILE --ign K`` and
``exactsep hierarchy --group NAME``.

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
    p.add_argument("--max-witness-layers", type=int, default=100000, metavar="N",
                   help="refuse --witness when (pairs of classes) x (depth) exceeds N layers to build (default 100000, "
                        "a few minutes)")
    p.add_argument("--method", choices=["auto", "cr", "es"], default=None,
                   help="auto (default): CR for non-polynomial activations, ES for poly:d")
    p.add_argument("--depth-threshold", action="store_true",
                   help="also report the depth at which repeating the last hidden layer stops refining")
    p.set_defaults(func=run)
    gp = sub.add_parser(
        "graphs", help="can a k-IGN tell these graphs apart? exact partition of graphs at graph scale",
        description="Partition the graphs of FILE into classes that no k-IGN (hidden layers on k-tuples of "
                    "vertices, full equivariant layer spaces, invariant readout, ReLU or any non-polynomial "
                    "activation) tells apart. Exact colour refinement on implicit equality-pattern orbitals: no "
                    "n^k x n^k matrix, no element of S_n. Graphs of different orders are always separated.",
        epilog="FILE: one graph6 or sparse6 string per line (a >>graph6<< header allowed) or a JSON list of "
               "edge lists [[u, v], ...] or objects {\"n\": n, \"edges\": [...], \"node_labels\": [...], "
               "\"edge_labels\": [...]} (labels become one-hot input channels).")
    gp.add_argument("file", metavar="FILE", help="graph file ('-' for stdin)")
    gp.add_argument("--ign", metavar="K", type=int, default=2,
                    help="the order k of the IGN: hidden layers on [n]^k (default 2; 2-IGN ~ 1-WL, 3-IGN ~ 2-FWL)")
    dg = gp.add_mutually_exclusive_group()
    dg.add_argument("--depth", metavar="D", type=int, default=None, help="number of hidden layers")
    dg.add_argument("--depth-threshold", action="store_true",
                    help="run to the depth threshold (the default): the separation power of arbitrarily deep k-IGNs")
    gp.add_argument("--loops", action="store_true", help="allow self-loops (diagonal adjacency entries)")
    gp.add_argument("--directed", action="store_true", help="allow directed edges in JSON graph files")
    gp.add_argument("--witness", action="store_true",
                    help="for every pair of classes of graphs with n^k <= 1000 tuples, an exact separating network "
                         "(on the materialised architecture); larger graphs: says that no witness was built")
    gp.add_argument("--json", action="store_true", help="print one JSON object (classes, depth, orders, ...)")
    from ..cliutil import add_progress_flags
    add_progress_flags(gp, "progress of the refinement")
    gp.set_defaults(func=run_graphs)
    h = sub.add_parser("hierarchy", help="Hasse diagram of the transitive G-sets G/H by separation power",
                       description="The transitive G-sets G/H (one per conjugacy class of subgroups) ordered by "
                                   "separation power: u -> v when G/H_u is at least as strong as G/H_v, certified by "
                                   "a G-map (H_u subconjugate to H_v). With --inputs, the exact partition of the "
                                   "inputs by each G/H layer.")
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


def _too_many_witness_layers(npairs: int, depth: int, limit: int):
    from ..errors import ComputationLimitError
    raise ComputationLimitError(
        f"--witness would build {npairs:,} network(s) of depth {depth:,}: {npairs * depth:,} layers built and "
        f"re-evaluated exactly (a few ms each), above --max-witness-layers {limit:,}; raise it, or ask for fewer "
        "inputs or a smaller depth")


def run(args) -> int:
    from ..cliutil import emit, load_json
    from . import Architecture, partition, witness, depth_threshold
    from ..errors import ComputationLimitError
    from .cr import exact_inputs
    if args.max_witness_layers < 1:
        raise ComputationLimitError(f"--max-witness-layers must be positive, got {args.max_witness_layers}")
    spec = load_json(args.spec)
    arch = Architecture.from_spec(spec)
    inputs = exact_inputs(arch, _inputs(spec))
    if args.witness and arch.depth * (len(inputs) > 1) > args.max_witness_layers:
        _too_many_witness_layers(1, arch.depth, args.max_witness_layers)       # even one pair: before any work
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
        npairs = res.num_classes * (res.num_classes - 1) // 2
        if npairs * arch.depth > args.max_witness_layers:
            _too_many_witness_layers(npairs, arch.depth, args.max_witness_layers)
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
    from ..cliutil import check_output_path, emit, load_json, writing
    from ..errors import InvalidSpecError
    from ..groups.cli import parse_generators
    if args.dot:
        check_output_path(args.dot, "DOT", "--dot")
    if args.png:
        check_output_path(args.png, "PNG", "--png", image=True)     # before any work
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
        with writing(args.dot, "DOT") as tmp, open(tmp, "w", encoding="utf-8") as f:
            f.write(hierarchy_to_dot(D))
        written.append(("DOT", args.dot))
    if args.png:
        with writing(args.png, "PNG") as tmp:
            hierarchy_to_png(D, tmp)
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


def run_graphs(args) -> int:
    import sys
    from ..cliutil import emit
    from ..errors import InvalidSpecError
    from .graphs import graph_partition, read_graph_file, graph_witnesses
    if args.depth is not None and args.depth < 1:
        raise InvalidSpecError(f"--depth must be a positive integer, got {args.depth}")
    graphs = read_graph_file(args.file)
    from ..cliutil import show_progress
    show = show_progress(args)

    def progress(msg: str) -> None:
        sys.stderr.write(f"progress: {msg}\n")
        sys.stderr.flush()
    r = graph_partition(graphs, k=args.ign, depth=args.depth, loops=args.loops, directed=args.directed,
                        progress=progress if show else None)
    out = r.to_json()
    how = f"depth {r.depth}" + (" (the depth threshold)" if args.depth is None else "")
    lines = [f"{r.k}-IGN, {how}: {len(r.orders)} graphs, {r.num_classes} classes ({r.seconds:.2f} s)"]
    for c, members in enumerate(r.classes):
        lines.append(f"  class {c}: graphs {', '.join(map(str, members))}  (n = {r.orders[members[0]]})")
    if args.witness:
        ws = graph_witnesses(graphs, r, loops=args.loops, directed=args.directed)
        out["witnesses"] = ws
        for w in ws:
            if w.get("built"):
                lines.append(f"  witness graphs {w['graphs'][0]} vs {w['graphs'][1]}: outputs {w['output_a']} vs "
                             f"{w['output_b']} (exact, verified={w['verified']})")
            else:
                lines.append(f"  graphs {w['graphs'][0]} vs {w['graphs'][1]}: no witness built ({w['reason']})")
    emit(out, args.json, "\n".join(lines))
    return 0
