"""``exactsep prove`` (run the theorem registry), ``exactsep verify CERT.json`` and ``exactsep claims``.

Exit codes: 0 all claims hold / the certificate verifies; 1 a claim failed (a minimal counterexample
is printed with its certificate path) or a certificate is rejected; 2 bad input.
"""
from __future__ import annotations

import argparse
import json
import sys

from ..cliutil import writing


def _progress_printer(enabled: bool):
    if not enabled:
        return None
    tty = sys.stderr.isatty()
    state = {"last": -1}

    def show(done: int, total: int, label: str) -> None:
        width = 30
        frac = done / total if total else 1.0
        if tty:
            bar = "#" * int(width * frac) + "." * (width - int(width * frac))
            sys.stderr.write(f"\r[{bar}] {done}/{total} {label[:40]:40s}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        else:
            step = int(10 * frac)
            if step != state["last"]:
                state["last"] = step
                sys.stderr.write(f"progress: {done}/{total} tasks ({int(100 * frac)}%)\n")
                sys.stderr.flush()
    return show


def _run_prove(args) -> int:
    from ..errors import InvalidSpecError
    from .runner import run_claims, write_certificates
    level = "quick" if args.quick else args.level
    workers = args.workers
    if workers is not None and workers < 1:
        raise InvalidSpecError(f"--workers must be at least 1, got {workers}")
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    if args.resume and not args.store:
        raise InvalidSpecError("--resume needs --store FILE.sqlite (the store to continue)")
    if args.scheduler and args.executor != "dask":
        raise InvalidSpecError("--scheduler needs --executor dask")
    if args.scheduler_timeout <= 0:
        raise InvalidSpecError(f"--scheduler-timeout must be positive, got {args.scheduler_timeout:g}")
    if args.batch_size is not None and args.batch_size < 1:
        raise InvalidSpecError(f"--batch-size must be at least 1, got {args.batch_size}")
    if args.max_examples is not None and args.max_examples < 0:
        raise InvalidSpecError(f"--max-examples must be 0 or more, got {args.max_examples}")
    report = run_claims(args.claim or None, level=level, seed=args.seed, workers=workers,
                        executor=args.executor, adversarial=not args.no_adversarial,
                        max_examples=args.max_examples, extra_dirs=args.proofs_dir or (),
                        scheduler=args.scheduler, progress=_progress_printer(progress),
                        store=args.store, resume=args.resume, scheduler_timeout=args.scheduler_timeout,
                        batch_size=args.batch_size, certificates=bool(args.certificates))
    paths = {}
    if args.certificates:
        paths = write_certificates(report, args.certificates, all_instances=True)
    elif not report.ok:
        paths = write_certificates(report, args.counterexample_dir, all_instances=False)
    if args.report:
        with writing(args.report, "report") as tmp, open(tmp, "w", encoding="utf-8") as f:
            f.write(report.to_markdown(certificate_dir=args.certificates or
                                       (args.counterexample_dir if paths else None)))
    if args.json:
        d = report.to_json()
        for c in d["claims"]:
            ps = paths.get(c["id"], [])
            cx = [p for p in ps if p.endswith("counterexample.json")]
            if cx:
                c["counterexample_path"] = cx[0]
            if args.certificates:
                c["certificate_paths"] = [p for p in ps if not p.endswith("counterexample.json")]
        print(json.dumps(d, indent=2))
    else:
        print(report.to_text())
    for c in report.claims:
        if c.counterexample is not None:
            ps = [p for p in paths.get(c.id, []) if p.endswith("counterexample.json")]
            where = ps[0] if ps else "(not written; use --certificates DIR)"
            if c.status != "refuted":
                verdict = "FAILS"
            elif c.drops:
                verdict = f"is refuted as expected (this naive form drops the hypothesis '{c.drops}')"
            else:
                verdict = "is refuted as expected (the statement is false as stated)"
            print(f"exactsep prove: claim {c.id} {verdict}; minimal counterexample "
                  f"{json.dumps(c.counterexample['instance'])}; check: {c.counterexample['check']}; "
                  f"computed: {json.dumps(c.counterexample['computed'])}; certificate: {where}", file=sys.stderr)
        elif c.status in ("failed", "error"):
            detail = c.reason or "; ".join(c.error_messages[:2])
            where = f"; first failing instance: {json.dumps(c.error_instance)}" if c.error_instance else ""
            print(f"exactsep prove: claim {c.id} {c.status.upper()}: {detail}{where}", file=sys.stderr)
    return 0 if report.ok else 1


VERDICT_TEXT = {"holds": "the claim holds on this instance",
                "counterexample": "the claim FAILS on this instance (a genuine counterexample)",
                "witness": "this instance is a witness: the claim holds",
                "not-a-witness": "this candidate is not a witness (the certificate is genuine; it proves nothing "
                                 "about the claim)",
                "undecided": "undecided: a bounded search found nothing, which proves neither the claim nor its "
                             "negation"}


def _run_verify(args) -> int:
    from ..errors import CertificateError, CertificateLimitError
    from ..limits import budget_override
    from .certificates import load_certificate, verify_certificate
    cert = load_certificate(args.certificate)
    try:
        with budget_override(size_slack=args.size_slack):
            res = verify_certificate(cert)
    except CertificateError as e:
        # over a limit: refused, not verified (exit 1), but not evidence of tampering either
        word = "REFUSED (over a limit)" if isinstance(e, CertificateLimitError) else "REJECTED"
        if args.json:
            print(json.dumps({"verified": False, "refused_over_limit": isinstance(e, CertificateLimitError),
                              "error": str(e)}, indent=2))
        print(f"exactsep verify: {word} {args.certificate}: {e}", file=sys.stderr)
        return 1
    verdict = res.verdict or ("holds" if res.holds else "counterexample")
    met = args.expect is None or verdict == args.expect
    if args.json:
        print(json.dumps({"verified": True, **res.to_json(), "verdict": verdict,
                          **({"expected": args.expect, "as_expected": met} if args.expect else {})}, indent=2))
    else:
        print(f"certificate verified: {res.claim}: {verdict}: {VERDICT_TEXT.get(verdict, verdict)}")
        for c in res.checks:
            print(f"  - {c}")
    if not met:
        print(f"exactsep verify: the certificate is valid but proves {verdict!r}, not {args.expect!r}",
              file=sys.stderr)
        return 1
    return 0


def _run_claims_list(args) -> int:
    from .registry import all_claims
    claims = all_claims(args.proofs_dir or ())
    if args.json:
        out = []
        for c in claims:
            d = c.to_json()
            d["available"] = not c.missing()
            out.append(d)
        print(json.dumps(out, indent=2))
    else:
        for c in claims:
            miss = c.missing()
            flag = f"  [skipped: needs {', '.join(miss)}]" if miss else ""
            print(f"{c.id:42s} {c.provenance:24s} {c.statement}{flag}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("prove", help="check the theorem registry exactly on the catalogue of small groups",
                       description="Run the registry of claims: every instance is checked exactly and yields a "
                                   "certificate; a failing claim prints a minimal counterexample and exits 1.")
    p.add_argument("--quick", action="store_true", help="the quick catalogue (under a minute on 2 cores)")
    p.add_argument("--level", choices=["quick", "full"], default="full", help="catalogue level (default full)")
    p.add_argument("--claim", action="append", metavar="ID",
                   help="run only this claim (repeatable; a prefix such as 'separation' or a glob such as '*naive' "
                        "selects several)")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: all cores); with --executor dask and no --scheduler, the "
                        "number of workers of the local cluster")
    p.add_argument("--executor", choices=["process", "dask"], default="process",
                   help="local processes (default) or dask.distributed (optional extra 'dask'); a worker that "
                        "dies mid-run has its tasks run again elsewhere")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --executor dask: the address of a running dask scheduler (tcp://HOST:PORT) or its "
                        "scheduler file; its workers must run this exactsep version (default: start a local "
                        "cluster of --workers processes)")
    p.add_argument("--scheduler-timeout", type=float, default=10.0, metavar="SECONDS",
                   help="give up (exit 2) when the scheduler cannot be reached or has no worker within this many "
                        "seconds (default 10)")
    p.add_argument("--store", metavar="FILE.sqlite",
                   help="commit every decided instance to this SQLite file as soon as it is decided (a crash "
                        "loses at most the instances being checked); a file that already holds results needs "
                        "--resume")
    p.add_argument("--resume", action="store_true",
                   help="with --store: read back the instances the store already decided (same claim version, "
                        "same exactsep version) and check only the others; a store of another exactsep version "
                        "or a corrupt one is refused (exit 2)")
    p.add_argument("--batch-size", type=int, default=None, metavar="N",
                   help="instance checks sent to a worker at a time (default: from the number of tasks and "
                        "workers, at most 16)")
    p.add_argument("--seed", type=int, default=0, help="seed of the reproducible instance draws (default 0)")
    p.add_argument("--no-adversarial", action="store_true", help="skip the hypothesis counterexample search")
    p.add_argument("--max-examples", type=int, default=None, help="hypothesis examples per claim")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--report", metavar="FILE.md", help="write a Markdown report")
    p.add_argument("--certificates", metavar="DIR", help="write every certificate under DIR/<claim>/")
    p.add_argument("--counterexample-dir", default="exactsep-certificates", metavar="DIR",
                   help="without --certificates: directory for the certificate of each minimal counterexample "
                        "of a FAILING claim (default exactsep-certificates; created only when a claim fails, so "
                        "nothing is written when every claim holds)")
    p.add_argument("--proofs-dir", action="append", metavar="DIR", help="extra directory of claim modules")
    from ..cliutil import add_progress_flags
    add_progress_flags(p, "progress bar")
    p.set_defaults(func=_run_prove)

    v = sub.add_parser("verify", help="re-check a certificate from scratch",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Re-check a certificate (of a claim instance, or a fiber certificate of "
                                   "exactsep.relu) by independent recomputation.\n\n"
                                   "What is checked: every field is present, typed and known; the header "
                                   "(statement, hypotheses, provenance, quantifier, format version) equals the "
                                   "registry's; the instance is admitted by the claim's stored schema (fields, "
                                   "types, sizes: oversized instances are refused before any check runs); its "
                                   "group and G-set descriptors (order, degree, name, family, sizes) are "
                                   "recomputed; the verdict and computed objects are recomputed; the claim's "
                                   "independent verification runs.\n\n"
                                   "The output line says what a valid certificate proves: holds, counterexample "
                                   "(a 'for all' claim fails on this instance), witness, not-a-witness (an "
                                   "existence candidate that is not a witness), or undecided.\n\n"
                                   "Exit status: 0 the certificate is valid (and, with --expect, proves that "
                                   "verdict); 1 it is invalid or tampered, or proves another verdict than "
                                   "--expect, or checking it would exceed a limit (printed as REFUSED, with the "
                                   "estimate and the flag that lifts it: --size-slack, --memory-budget, "
                                   "--max-table-entries); 2 the file cannot be read (missing, not UTF-8, not "
                                   "JSON, floats, over a size limit).")
    v.add_argument("certificate", metavar="CERT.json", help="the certificate file written by 'exactsep prove --certificates'")
    v.add_argument("--json", action="store_true", help="print one JSON object")
    v.add_argument("--expect", choices=["holds", "counterexample", "witness", "not-a-witness", "undecided"],
                   help="exit 1 unless the valid certificate proves this verdict")
    v.add_argument("--size-slack", metavar="F", default=None,
                   help="admit instance fields up to F times the largest the claim's catalogue and search produce "
                        "(default 2; EXACTSEP_CERT_SLACK). The checks then still run under the limits below")
    v.set_defaults(func=_run_verify)

    c = sub.add_parser("claims", help="list the claims of the theorem registry",
                       description="List the claims of the theorem registry: id, quantifier, provenance tag and "
                                   "statement (the statements with their hypotheses are also in proofs/).")
    c.add_argument("--json", action="store_true", help="print one JSON object")
    c.add_argument("--proofs-dir", action="append", metavar="DIR", help="extra directory of claim modules")
    c.set_defaults(func=_run_claims_list)
