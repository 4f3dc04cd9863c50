"""CLI commands of the ReLU part: ``fundim``, ``same-function``, ``regions``, ``fibers search|verify``.

A network is a JSON SPEC ``{"widths": [n0, ..., nd], "theta": [numbers or fraction strings]}`` (or
``{"layers": [...]}``), a numpy ``.npz`` of weights or a PyTorch ``state_dict`` file (``.pt``/``.pth``);
float weights are converted exactly and the conversion is stated (:func:`exactsep.cliutil.read_network`).
"""
from __future__ import annotations

from typing import Any

NETWORK_HELP = ("the network: SPEC.json {widths, theta} (or {layers}), a numpy .npz of weights (W0, b0, ... or "
                "state_dict names) or a PyTorch state_dict .pt/.pth; '-' reads JSON from stdin")
FLOATS_HELP = ("float weights in .npz/.pt files: 'exact' (default) converts each float to the exact dyadic rational "
               "it stores, stated in the output; 'refuse' stops with an error")


def _read(path: str, args=None, what: str = "network"):
    from ..cliutil import read_network
    return read_network(path, floats=getattr(args, "floats", "exact") or "exact", what=what)


def _with_source(js: dict, text: str, inputs) -> tuple:
    """Add where the network(s) came from (and any float conversion) to the JSON and, for weight files,
    to the text."""
    js = dict(js)
    if len(inputs) == 1:
        js["input"] = inputs[0].to_json()
    else:
        js["inputs"] = [i.to_json() for i in inputs]
    lines = [i.describe() for i in inputs if i.source != "json"]
    return js, "\n".join(lines + [text]) if lines else text


def _parse_arch(text: str):
    from ..errors import InvalidSpecError
    try:
        w = [int(t) for t in text.replace("(", "").replace(")", "").split(",") if t.strip()]
    except ValueError:
        raise InvalidSpecError(f"--arch must look like 1,2,1 (got {text!r})") from None
    from ..nets.network import check_widths
    return check_widths(w)


def _kinds():
    from .search import KINDS
    return list(KINDS)


def _region_progress(args):
    """The region enumeration's progress printer, or None (see :func:`exactsep.cliutil.show_progress`)."""
    from ..cliutil import show_progress, throttled_progress
    if not show_progress(args):
        return None
    return throttled_progress(lambda done, total: f"region enumeration: {done:,} of {total:,} neuron splits of "
                                                  "the current layer")


def _check_max_regions(args) -> None:
    from ..errors import InvalidSpecError
    if getattr(args, "max_regions", None) is not None and args.max_regions < 1:
        raise InvalidSpecError(f"--max-regions must be positive, got {args.max_regions}")


def register(sub: Any) -> None:
    from ..cliutil import add_progress_flags
    from .fundim import MAX_JACOBIAN_ENTRIES
    p = sub.add_parser("fundim", help="exact functional dimension of a ReLU network (JSON, .npz or .pt)",
                       description="Exact functional dimension of a ReLU network: a JSON SPEC {widths, theta}, a "
                                   "numpy .npz of weights or a PyTorch state_dict (floats converted exactly).")
    p.add_argument("spec", help=NETWORK_HELP)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--enumerate", action="store_true", help="always enumerate all regions (genericity flags)")
    p.add_argument("--max-regions", type=int, default=None, metavar="N",
                   help="stop the region enumeration after N regions (default: no limit); a count cut short says so")
    p.add_argument("--max-jacobian-entries", type=int, default=MAX_JACOBIAN_ENTRIES, metavar="N",
                   help=f"refuse, before building it, a parameter Jacobian of more than N entries (default "
                        f"{MAX_JACOBIAN_ENTRIES:,}: about 30 s and 1.3 GB; about 1.2 microseconds and 55 bytes an "
                        "entry)")
    p.add_argument("--floats", choices=["exact", "refuse"], default="exact", help=FLOATS_HELP)
    add_progress_flags(p, "region enumeration progress")
    p.set_defaults(func=_run_fundim)

    p = sub.add_parser("same-function", help="decide exactly whether two ReLU networks compute the same function",
                       description="Decide exactly whether two ReLU networks compute the same function on all of "
                                   "R^n0 (exact region arithmetic); if not, print a point where they differ.")
    p.add_argument("a", help=NETWORK_HELP)
    p.add_argument("b", help="the second network, in any of the same forms")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--max-regions", type=int, default=None, metavar="N",
                   help="refuse when the difference network has more than N regions (default: no limit)")
    p.add_argument("--floats", choices=["exact", "refuse"], default="exact", help=FLOATS_HELP)
    add_progress_flags(p, "region enumeration progress")
    p.set_defaults(func=_run_same)

    p = sub.add_parser("regions", help="exact activation regions of a ReLU network (JSON, .npz or .pt)",
                       description="Enumerate the activation regions of a ReLU network exactly (n0 = 1: the exact "
                                   "partition of the line; n0 >= 2: exact linear programming), with an exact "
                                   "interior point and the activation pattern of each.")
    p.add_argument("spec", help=NETWORK_HELP)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--max-regions", type=int, default=None, metavar="N",
                   help="stop after N regions (default: no limit); a partial enumeration says so")
    p.add_argument("--floats", choices=["exact", "refuse"], default="exact", help=FLOATS_HELP)
    add_progress_flags(p, "region enumeration progress")
    p.set_defaults(func=_run_regions)

    p = sub.add_parser("fibers", help="search for / verify fiber counterexample certificates",
                       description="Counterexample search on the fibers of the ReLU realisation map (small "
                                   "architectures, exact arithmetic) and re-checking of its JSON certificates.")
    fs = p.add_subparsers(dest="fibers_command", metavar="search|verify")
    s = fs.add_parser("search", help="random search on small architectures; writes JSON certificates",
                      description="Seeded random search over small ReLU architectures for certificates of each "
                                  "kind (kinds: " + ", ".join(_kinds()) + "); every certificate is verified "
                                  "before it is written.")
    s.add_argument("--arch", action="append", default=None, help="architecture such as 1,2,1 (repeatable)")
    s.add_argument("--budget", type=int, default=200, metavar="N",
                   help="random parameter draws in total, spread over the architectures (default 200; above "
                        f"{MAX_SILENT_DRAWS} only with --progress)")
    s.add_argument("--max-parameters", type=int, default=MAX_SEARCH_PARAMETERS, metavar="N",
                   help=f"refuse architectures with more than N parameters (default {MAX_SEARCH_PARAMETERS})")
    s.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    s.add_argument("--kind", action="append", default=None, choices=_kinds(), metavar="KIND",
                   help="restrict to a certificate kind (repeatable): " + ", ".join(_kinds()))
    s.add_argument("--per-kind", type=int, default=3, metavar="N", help="stop a kind after N certificates (default 3)")
    s.add_argument("--out", default=None, help="directory for the certificates")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    add_progress_flags(s, "draws done")
    s.set_defaults(func=_run_search)
    v = fs.add_parser("verify", help="re-check a certificate from scratch (exit 1 if it does not verify)",
                      description="Re-check a fiber certificate written by 'fibers search' from scratch, in exact "
                                  "arithmetic; exit 1 if it does not verify.")
    v.add_argument("cert", metavar="CERT.json", help="the certificate file")
    v.add_argument("--json", action="store_true", help="print one JSON object")
    v.set_defaults(func=_run_verify)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _run_fundim(args) -> int:
    from ..cliutil import emit
    from .fundim import functional_dimension
    _check_max_regions(args)
    if args.max_jacobian_entries < 1:
        from ..errors import InvalidSpecError
        raise InvalidSpecError(f"--max-jacobian-entries must be positive, got {args.max_jacobian_entries}")
    src = _read(args.spec, args)
    net = src.network
    fd = functional_dimension(net, enumerate_all=args.enumerate, max_regions=args.max_regions,
                              max_jacobian_entries=args.max_jacobian_entries, progress=_region_progress(args))
    js = fd.to_json()
    text = (f"functional dimension {fd.value} (upper bound U = {fd.upper_bound}, "
            f"{'certified' if fd.certified else 'NOT certified'}; method {fd.method})")
    if fd.regions is not None:
        if fd.regions_complete:
            text += f"\nregions: {fd.regions} (all activation regions, complete enumeration)"
        else:
            text += (f"\nregions: at least {fd.regions} (a partial count: the regions hit by the random points "
                     f"that already reached U; --enumerate or `exactsep regions` give the complete count)")
    if fd.genericity is not None:
        text += "\n" + fd.genericity.describe()
    for n in fd.notes:
        text += f"\nnote: {n}"
    js, text = _with_source(js, text, [src])
    emit(js, args.json, text)
    return 0


def _run_same(args) -> int:
    from ..cliutil import emit
    from .fibers import same_function
    _check_max_regions(args)
    sa, sb = _read(args.a, args), _read(args.b, args)
    a, b = sa.network, sb.network
    r = same_function(a, b, max_regions=args.max_regions, progress=_region_progress(args))
    if r.equal:
        text = f"same function (exact, {r.regions} cells of the difference network checked)"
    else:
        text = (f"different functions: at x = [{', '.join(str(v) for v in r.witness)}] the outputs are "
                f"{[str(v) for v in r.values[0]]} and {[str(v) for v in r.values[1]]}")
    js, text = _with_source(r.to_json(), text, [sa, sb])
    emit(js, args.json, text)
    return 0


def _run_regions(args) -> int:
    from ..cliutil import emit
    from .regions import enumerate_regions
    _check_max_regions(args)
    src = _read(args.spec, args)
    R = enumerate_regions(src.network, max_regions=args.max_regions, progress=_region_progress(args))
    lines = [f"{len(R.regions)} activation regions ({R.method})"]
    for r in R.regions:
        lines.append(f"  {[list(p) for p in r.pattern]}  interior [{', '.join(str(v) for v in r.interior)}]")
    js, text = _with_source(R.to_json(), "\n".join(lines), [src])
    emit(js, args.json, text)
    return 0


#: Largest number of parameters of a searched architecture (each draw computes exact functional dimensions:
#: a region enumeration and certified ranks of Jacobians with that many columns).
MAX_SEARCH_PARAMETERS = 100
#: Most random draws a search makes without progress on stderr.
MAX_SILENT_DRAWS = 5000


def _run_search(args) -> int:
    from ..cliutil import emit, show_progress, throttled_progress
    from ..errors import ComputationLimitError, InvalidSpecError
    from .search import DEFAULT_ARCHS, KINDS, search
    archs = [_parse_arch(a) for a in args.arch] if args.arch else DEFAULT_ARCHS
    if args.budget < 1:
        raise InvalidSpecError(f"--budget must be a positive number of draws, got {args.budget}")
    if args.out is not None:
        from ..cliutil import check_output_dir
        check_output_dir(args.out, "--out")
    if args.per_kind < 1:
        raise InvalidSpecError(f"--per-kind must be positive, got {args.per_kind}")
    from ..nets.network import num_params
    for w in archs:
        D = num_params(w)
        if D > args.max_parameters:
            raise ComputationLimitError(
                f"architecture {','.join(map(str, w))} has {D} parameters; each draw computes exact functional "
                f"dimensions (region enumeration and certified ranks with {D} columns), refused above "
                f"--max-parameters {args.max_parameters} (raise it to try)")
    total = args.budget
    show = show_progress(args)
    if total > MAX_SILENT_DRAWS and not show:
        raise ComputationLimitError(
            f"--budget {total} draws is a long search; run it with --progress (draws reported on stderr) or "
            f"lower the budget to at most {MAX_SILENT_DRAWS}")
    progress = throttled_progress(lambda done, of: f"fibers search: {done}/{of} draws")
    res = search(archs, budget=args.budget, seed=args.seed, kinds=args.kind or KINDS, out_dir=args.out,
                 per_kind=args.per_kind, progress=progress if show else None)
    js = res.to_json()
    text = [f"tried {res.tried} parameters; found {len(res.certificates)} verified certificates"]
    for k, n in js["by_kind"].items():
        text.append(f"  {k}: {n}")
    for f in res.files:
        text.append(f"  wrote {f}")
    emit(js, args.json, "\n".join(text))
    return 0


def _run_verify(args) -> int:
    from ..cliutil import emit, load_json
    from .search import verify_certificate
    import sys
    v = verify_certificate(load_json(args.cert, what="certificate"))
    # the same output as `exactsep verify`: a verified certificate on stdout with its checks, a rejected one as
    # one line on stderr (exit 1); JSON carries "verified" in both
    if args.json:
        emit({"verified": v.valid, **v.to_json()}, True)
    elif v.valid:
        print(f"certificate verified: fibers.{v.kind}: {v.proves}" + "".join(f"\n  - {c}" for c in v.checks))
    if not v.valid:
        print(f"exactsep fibers verify: REJECTED {args.cert}: {v.reason}", file=sys.stderr)
    return 0 if v.valid else 1
