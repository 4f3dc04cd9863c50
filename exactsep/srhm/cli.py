"""``exactsep srhm``: build an RHM/SRHM grammar, count, sample, check separability by cyclic CNNs.

    exactsep srhm --L 2 --s 2 --v 3 --m 2 --nc 2 --s0 1 --sparsity A [--seed 0] [--count]
                  [--sample P --out data.npz] [--json] [--separability [--depth D --filter-size K]]
                  [--sensitivity] [--rules]
"""
from __future__ import annotations

from typing import Any, Dict

from ..cliutil import writing
from ..errors import InvalidSpecError
from .grammar import MAX_RULE_SYMBOLS

_INT_PARAMS = [("L", "number of levels (depth of the grammar)"), ("s", "patch size (children per rule)"),
               ("v", "vocabulary size per level"), ("m", "synonyms (rules) per symbol"),
               ("nc", "number of classes")]


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "srhm", help="the (Sparse) Random Hierarchy Model: counts, exact sampling, separability by cyclic CNNs",
        description="Build an RHM (s0 = 0) or SRHM grammar from its parameters and a seed; count its support "
                    "exactly, sample distinct inputs without replacement, decide whether cyclic CNNs separate "
                    "its classes.", allow_abbrev=False)
    for name, hlp in _INT_PARAMS:
        aliases = ["--n_c", "--n-c"] if name == "nc" else []
        p.add_argument(f"--{name}", *aliases, dest=name, metavar="INT", help=hlp)
    p.add_argument("--s0", metavar="INT", default="0", help="blanks per informative symbol (0 = RHM; default 0)")
    p.add_argument("--sparsity", metavar="A|B", default="A", help="placement of the children (default A)")
    p.add_argument("--seed", metavar="INT", default="0", help="grammar seed (default 0)")
    p.add_argument("--count", action="store_true", help="print the exact sizes (input length, inputs per class, ...)")
    p.add_argument("--sample", metavar="P", help="draw P distinct inputs uniformly (without replacement)")
    p.add_argument("--sample-seed", metavar="INT", default="0", help="seed of the sample (default 0)")
    p.add_argument("--out", metavar="FILE.npz", help="with --sample: save the arrays x (one-hot uint8, (P, v, d); "
                                                      "blank = zero column), symbols ((P, d); blank = v), labels "
                                                      "((P,)) and indices (derivation indices)")
    p.add_argument("--separability", action="store_true",
                   help="decide exactly whether cyclic CNNs (conv:k, depth D, invariant output) separate the "
                        "classes; without --depth/--filter-size report the smallest that separate")
    p.add_argument("--depth", metavar="D", help="with --separability: the depth to test")
    p.add_argument("--filter-size", metavar="K", help="with --separability: the filter size to test")
    p.add_argument("--max-rules", metavar="INT", default=str(MAX_RULE_SYMBOLS),
                   help=f"refuse a grammar whose production rules hold more than INT symbols, (n_c + (L-1) v) m s "
                        f"(default {MAX_RULE_SYMBOLS:,}: about 10 s and 1 GB)")
    p.add_argument("--max-entries", metavar="INT", default="20000000",
                   help="limit on (support size x input length) for exhaustive computations")
    p.add_argument("--sensitivity", action="store_true",
                   help="exact input-level sensitivities S_{0,l}, D_{0,l} for every level (exhaustive)")
    p.add_argument("--rules", action="store_true", help="print the production rules")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def _int(name: str, text: Any, minimum: int = 0) -> int:
    if text is None:
        raise InvalidSpecError(f"--{name} is required")
    try:
        x = int(str(text).strip())
    except ValueError:
        raise InvalidSpecError(f"--{name} must be an integer, got {text!r}") from None
    if x < minimum:
        raise InvalidSpecError(f"--{name} must be >= {minimum}, got {x}")
    return x


def run(args) -> int:
    from ..cliutil import emit
    from .grammar import random_grammar

    L, s, v, m, nc = (_int(n, getattr(args, n), 1) for n, _ in _INT_PARAMS)
    s0 = _int("s0", args.s0, 0)
    seed = _int("seed", args.seed, 0)
    max_rules = _int("max-rules", args.max_rules, 1)
    g = random_grammar(L=L, s=s, v=v, m=m, n_c=nc, s0=s0, sparsity=args.sparsity, seed=seed,
                       max_rule_symbols=max_rules)
    max_entries = _int("max-entries", args.max_entries, 1)
    if args.out and args.sample is None:
        raise InvalidSpecError("--out needs --sample P")
    # numpy's naming: save_npz appends .npz to a name without it
    out_path = (args.out if args.out.endswith(".npz") else args.out + ".npz") if args.out else None
    if out_path:
        from ..cliutil import check_output_path
        check_output_path(out_path, "sample", "--out")
    if (args.depth is not None or args.filter_size is not None) and not args.separability:
        raise InvalidSpecError("--depth/--filter-size go with --separability")

    out: Dict[str, Any] = {}
    text = []
    counts = g.summary()
    if args.count or not (args.sample or args.separability or args.sensitivity or args.rules):
        out.update(counts)
        text.append(f"{'RHM' if g.is_rhm else 'SRHM-' + g.sparsity}: L={L} s={s} v={v} m={m} n_c={nc} s0={s0} seed={seed}")
        text.append(f"input length d = {g.input_length} ({g.informative_positions} informative positions)")
        text.append(f"nodes per derivation N = {g.num_nodes}, placements per node A = {g.placements_per_node}")
        text.append(f"inputs per class (mA)^N = {counts['inputs_per_class']}")
        text.append(f"total inputs n_c (mA)^N = {counts['total_inputs']}")
        text.append(f"blank-deletion fibre A^N = {counts['blank_deletion_fibre']}")
    else:
        out.update({k: counts[k] for k in ("L", "s", "v", "m", "n_c", "s0", "sparsity", "seed", "input_length",
                                           "inputs_per_class", "total_inputs")})
    if args.rules:
        out["rules"] = g.to_json()["rules"]
        text.append(g.rules_text())
    if args.sample is not None:
        import numpy as np
        from .data import sample
        P = _int("sample", args.sample, 0)
        ds = sample(g, P, seed=_int("sample-seed", args.sample_seed, 0))
        info: Dict[str, Any] = {"size": P, "distinct": True, "label_counts": np.bincount(ds.labels, minlength=nc).tolist()}
        if out_path:
            with writing(out_path, "sample") as tmp:
                ds.save_npz(tmp)
            info["out"] = out_path
            text.append(f"sampled {P} distinct inputs -> {out_path} (x: one-hot uint8 {P}x{v}x{g.input_length}, "
                        f"symbols, labels, indices)")
        else:
            shown = [g.format_input(x) if v <= 10 else x.tolist() for x in ds.inputs[:20]]
            info["inputs"] = shown
            info["labels"] = ds.labels[:20].tolist()
            text.append(f"sampled {P} distinct inputs (first {len(shown)} shown, '_' = blank):")
            text += [f"  {x if isinstance(x, str) else x}  class {c}" for x, c in zip(shown, info["labels"])]
        out["sample"] = info
    if args.separability:
        from .separability import cyclic_cnn_separability, smallest_separating_cyclic_cnn
        if args.depth is not None or args.filter_size is not None:
            D = _int("depth", args.depth, 1)
            K = _int("filter-size", args.filter_size, 1)
            r = cyclic_cnn_separability(g, D, K, max_entries=max_entries)
            out["separability"] = r.to_json()
            text.append(f"cyclic CNN, depth {D}, conv:{K} (window {r.window_length} of {g.input_length}): "
                        + ("separates the classes" if r.separates else
                           f"does NOT separate: {r.witness[0]} (class {r.witness_labels[0]}) and {r.witness[1]} "
                           f"(class {r.witness_labels[1]}) are indistinguishable"))
        else:
            r = smallest_separating_cyclic_cnn(g, max_entries=max_entries)
            js = r.to_json()
            out["separability"] = js
            if r.separable:
                text.append(f"cyclic CNNs separate the classes iff depth*(k-1)+1 >= {r.min_window} "
                            f"(input length {g.input_length})")
                text.append("  smallest depth by filter size: " + ", ".join(
                    f"k={k}: {d}" for k, d in js["min_depth_by_filter_size"].items() if d is not None))
                text.append("  smallest filter size by depth: " + ", ".join(
                    f"L={d}: {k}" for d, k in js["min_filter_size_by_depth"].items()))
                if r.witness:
                    text.append(f"  at window {r.witness_window}: {r.witness[0]} and {r.witness[1]} "
                                "(different classes) are indistinguishable")
            else:
                text.append(f"NO cyclic CNN separates the classes: {r.witness[0]} and {r.witness[1]} are rotations of "
                            "each other with different labels")
    if args.sensitivity:
        from ..numbers import fraction_str
        from .sensitivity import exact_input_sensitivity
        tot = counts["total_inputs"]
        if not isinstance(tot, int) or tot * g.input_length > max_entries:
            raise InvalidSpecError(f"exact sensitivities enumerate all {g.total_inputs} inputs: above --max-entries")
        sens = []
        for level in range(1, L + 1):
            S = exact_input_sensitivity(g, "synonym", level)
            D = exact_input_sensitivity(g, "diffeo", level) if g.placements_per_node > 1 else None
            sens.append({"level": level, "S": fraction_str(S), "D": fraction_str(D) if D is not None else None})
            text.append(f"level {level}: S_0,{level} = {fraction_str(S)}"
                        + (f", D_0,{level} = {fraction_str(D)}" if D is not None else ""))
        out["input_sensitivities"] = sens
    emit(out, args.json, "\n".join(text))
    return 0
