"""``exactsep fold``: exact space folding of one segment.

SPEC.json: ``{"layers": [{"W": [[...]], "b": [...], "activation": "relu" | "leaky_relu:1/10" | ... | null},
...], "x1": [...], "x2": [...]}`` (integers or fraction strings; every layer with an activation
contributes bits). Optional keys: ``"bits"`` (sign | output | piece), ``"fold_layers"`` (layer indices).
Instead of SPEC.json the network may be a numpy ``.npz`` of weights or a PyTorch ``state_dict`` file
(``.pt``/``.pth``; also ``--npz FILE``), with ``--x1``/``--x2``; float weights are converted exactly and
the conversion is stated (:func:`exactsep.cliutil.read_network`).
"""
from __future__ import annotations

__all__ = ["register", "run"]


def register(subparsers) -> None:
    import argparse
    p = subparsers.add_parser(
        "fold", help="exact space folding chi along a segment x1 -> x2",
        description="Exact space folding chi = 1 - r1/r2 of the segment x1 -> x2 through a piecewise-linear "
                    "network (exact breakpoints, exact patterns), its reverse, and optionally the sampled estimate.",
        epilog=FOLD_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", nargs="?", help="SPEC.json with layers, x1, x2 ('-' for stdin), or a weight file "
                                           "(.npz of W0, b0, ... or state_dict names; PyTorch state_dict .pt/.pth) "
                                           "with --x1/--x2")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--samples", type=int, metavar="N", help="also the sampled estimate from N evenly spaced points "
                                                             "(exact patterns at each; at most --max-samples)")
    p.add_argument("--max-samples", type=int, default=10 ** 6, metavar="N",
                   help="refuse --samples above N (default 1000000: about a minute of exact sampling)")
    p.add_argument("--plot", metavar="FILE.png", help="save the profile and the Hamming walk as a PNG (needs matplotlib)")
    p.add_argument("--layers", metavar="L1,L2", help="only the bits of these layer indices (layer-subset chi)")
    p.add_argument("--bits", choices=["sign", "output", "piece"], help="bit rule (default: sign)")
    p.add_argument("--npz", metavar="FILE", help="load the network from a numpy .npz (or PyTorch .pt) weight file")
    p.add_argument("--floats", "--npz-floats", dest="floats", choices=["exact", "refuse"], default="exact",
                   help="float weights in a weight file: 'exact' (default) converts each float to the exact dyadic "
                        "rational it stores, stated in the output; 'refuse' stops with an error")
    p.add_argument("--activation", default="relu",
                   help="hidden activation for weight-file networks (default relu; e.g. leaky_relu:1/10)")
    p.add_argument("--x1", metavar="V1,V2,...", help="segment start (overrides the spec)")
    p.add_argument("--x2", metavar="V1,V2,...", help="segment end (overrides the spec)")
    p.set_defaults(func=run)


FOLD_EPILOG = """\
definitions (docs/theory/folding.md):
  walk      the activation patterns met along the segment: pi(x1), the pattern of every open piece
            between consecutive breakpoints, pi(x2); consecutive duplicates removed. A bit is 1 iff
            the neuron's pre-activation is > 0 (a neuron at exactly 0 reads 0).
  r1        the largest Hamming distance from the first pattern: max_i d_H(pi_1, pi_i).
  r2        the length of the walk: sum_i d_H(pi_i, pi_(i+1)).
  chi       1 - r1/r2 (0 when r2 = 0); 'reverse chi' is chi of the walk x2 -> x1.
  endpoint distance
            D = d_H(pi_1, pi_n); the deterministic bounds are (1 - D/r2)/2 <= chi <= 1 - D/r2.
endpoints on a bent hyperplane: the patterns at the interior breakpoints are left out (a neuron
only touching 0 there would add two spurious flips), but pi(x1) and pi(x2) are kept. When x1 (or
x2) lies on a bent hyperplane, a neuron at exactly 0 there reads 0 while it is on in the first (last)
piece, so the walk makes a step at t = 0 (t = 1); the text output says so.
"""


def _vector(text: str, what: str):
    from ..numbers import exact
    return [exact(v, what=what) for v in text.split(",") if v.strip()]


def run(args) -> int:
    from ..cliutil import check_output_path, emit, load_json, read_network, writing
    from ..errors import InvalidSpecError
    from ..nets import Network
    from .core import fold
    from .sampled import sampled_chi

    if args.plot:
        check_output_path(args.plot, "plot", "--plot", image=True)      # before any work
    spec = {}
    source = None
    weight_file = args.npz
    if args.spec is not None and args.spec.lower().endswith((".npz", ".pt", ".pth")):
        if weight_file is not None:
            raise InvalidSpecError("give the weight file once: as the positional argument or with --npz")
        weight_file = args.spec
    elif args.spec is not None:
        spec = load_json(args.spec)
        if not isinstance(spec, dict):
            raise InvalidSpecError("the spec must be a JSON object with keys 'layers', 'x1', 'x2'")
    elif weight_file is None:
        raise InvalidSpecError("give a SPEC.json file, a weight file (.npz, .pt) or --npz FILE")
    if weight_file is not None:
        source = read_network(weight_file, floats=args.floats, activation=args.activation)
        net = source.network
    else:
        if "layers" not in spec:
            raise InvalidSpecError("the spec needs a 'layers' list")
        if not isinstance(spec["layers"], list):
            raise InvalidSpecError("'layers' must be a list of {W, b, activation} objects")
        net = Network.from_layers(spec["layers"])
    x1 = _vector(args.x1, "x1") if args.x1 else spec.get("x1")
    x2 = _vector(args.x2, "x2") if args.x2 else spec.get("x2")
    if x1 is None or x2 is None:
        raise InvalidSpecError("the segment needs x1 and x2 (spec keys or --x1/--x2)")
    bits = args.bits or spec.get("bits", "sign")
    layers = None
    if args.layers:
        try:
            layers = [int(v) for v in args.layers.split(",") if v.strip()]
        except ValueError:
            raise InvalidSpecError(f"--layers must be comma-separated integers, got {args.layers!r}") from None
    elif "fold_layers" in spec:
        layers = spec["fold_layers"]
        if not isinstance(layers, list):
            raise InvalidSpecError("'fold_layers' must be a list of layer indices")
    res = fold(net, x1, x2, layers=layers, bits=bits)
    out = res.to_json()
    sampled = None
    if args.samples is not None:
        from ..limits import check_count
        check_count(args.samples, args.max_samples, "--samples", "--max-samples")
        sampled = sampled_chi(net, x1, x2, n=args.samples, layers=layers, bits=bits)
        out["sampled"] = sampled.to_json()
    if args.plot:
        from .plots import plot_folding
        with writing(args.plot, "plot") as tmp:
            plot_folding(res, tmp)
        out["plot"] = args.plot
    lines = [source.describe()] if source is not None else []
    if source is not None:
        out["input"] = source.to_json()
    lines += [f"chi = {res.chi}   (r1 = {res.r1}, r2 = {res.r2})",
             f"reverse chi = {res.chi_reverse}   (r1 = {res.r1_reverse})",
             f"pieces = {res.pieces}, walk length = {len(res.walk)}, layers = {list(res.layers)}, bits = {res.bits}",
             "breakpoints t = " + (", ".join(str(t) for t in res.breakpoints) or "(none)")]
    lo, hi = res.bounds
    lines.append(f"endpoint distance D = {res.endpoint_distance}; bounds (1 - D/r2)/2 <= chi <= 1 - D/r2: "
                 f"[{lo}, {hi}]")
    ts = list(res.walk_t)
    if len(ts) > 1 and ts[1] == ts[0]:
        lines.append("x1 lies on a bent hyperplane: the walk makes a step at t = 0 (a neuron at exactly 0 reads 0)")
    if len(ts) > 1 and ts[-1] == 1:
        lines.append("x2 lies on a bent hyperplane: the walk makes a step at t = 1 (a neuron at exactly 0 reads 0)")
    if not res.exact:
        lines.append(f"NOT certified: {res.note}")
    if sampled is not None:
        lines.append(f"sampled ({sampled.n} points): chi = {sampled.chi} (r1 = {sampled.r1}, r2 = {sampled.r2})")
    if args.plot:
        lines.append(f"plot saved to {args.plot}")
    emit(out, args.json, "\n".join(lines))
    return 0
