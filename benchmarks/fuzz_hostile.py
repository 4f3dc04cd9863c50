"""Hostile-input sweep of the command line, as a new user would try it: bad files, oversized but valid
questions, unwritable outputs. Every case runs as its own ``exactsep`` subprocess with a wall-clock limit;
the script measures the wall time and the peak memory of each run and checks the rules of the CLI:

* no traceback, ever;
* bad input: exit 2 (a certificate checker may answer 1 for an invalid certificate) with exactly one
  line on stderr;
* an oversized question is refused (exit 2, one line) within ``--refuse-within`` seconds of wall time
  (start-up included), or answered within the time limit and the memory cap;
* no run grows past ``--memory-cap`` or runs past ``--timeout``.

This is the long run of the fuzz suite (the quick corpus runs in-process in ``tests/fuzz``). It prints one
line per case and a summary, and exits 1 when a case breaks a rule::

    python benchmarks/fuzz_hostile.py               # about 200 cases, a few minutes
    python benchmarks/fuzz_hostile.py --only group  # the cases whose name contains 'group'
    python benchmarks/fuzz_hostile.py --json        # one JSON object per case
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from exactsep.strategies import BAD_INPUT_FILES as BAD_FILES      # the corpus the fuzz tests use

EXE = [sys.executable, "-m", "exactsep"]

# expectations: "refuse" = exit 2, one line, fast; "reject" = exit 1 or 2, one line (certificates);
# "any" = a valid but possibly large question: an answer (exit 0) or a one-line refusal, within limits.
# "long" = valid work that may run past the time limit, asked for with --progress: it must report progress on
# stderr (a run past the limit with no progress line breaks the rule).
REFUSE, REJECT, ANY, LONG = "refuse", "reject", "any", "long"


def _relu_net(widths, value=1):
    n = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(len(widths) - 1))
    neg = "-" + value if isinstance(value, str) else -value
    return {"widths": list(widths), "theta": [value if i % 3 else neg for i in range(n)]}


def _sep(**kw):
    spec = {"group": "S3", "input": "natural", "layers": [{"gset": "natural"}], "activation": "relu",
            "output": "invariant", "inputs": [[1, 2, 3], [3, 2, 1]]}
    spec.update(kw)
    return spec


def build_cases(d):
    """``[(name, argv, expectation)]``; files are written under ``d``."""
    def put(name, content):
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(content if isinstance(content, bytes) else json.dumps(content).encode())
        return p

    cases = []
    file_commands = {
        "group --generators": lambda p: ["group", "--generators", p],
        "hierarchy --inputs": lambda p: ["hierarchy", "--group", "S3", "--inputs", p],
        "separate": lambda p: ["separate", p],
        "graphs": lambda p: ["graphs", p],
        "fundim": lambda p: ["fundim", p],
        "regions": lambda p: ["regions", p],
        "same-function": lambda p: ["same-function", p, p],
        "fold": lambda p: ["fold", p],
        "verify": lambda p: ["verify", p],
        "fibers verify": lambda p: ["fibers", "verify", p],
    }
    for kind, content in BAD_FILES.items():
        p = put(f"bad-{kind}.json", content)
        for cmd, argv in file_commands.items():
            exp = REJECT if "verify" in cmd else REFUSE
            cases.append((f"{cmd} <{kind}>", argv(p), exp))
    for inline in ("[" * 3000 + "]" * 3000, "[[Infinity, 0]]", "[[" + "1" * 5000 + ", 0]]", "[[0.5, 1]]",
                   "[[1, 0], [0, 1, 2]]", "[[-1, 0]]", "null", "[[0, 0]]"):
        cases.append((f"group --generators inline {inline[:14]!r}", ["group", "--generators", inline], REFUSE))
        cases.append((f"hierarchy --generators inline {inline[:14]!r}", ["hierarchy", "--generators", inline],
                      REFUSE))

    # groups: oversized but valid
    for deg in (20000, 1000000):
        p = put(f"cycle-{deg}.json", {"generators": [list(range(1, deg)) + [0]]})
        cases.append((f"group one {deg}-cycle", ["group", "--generators", p], ANY))
        cases.append((f"hierarchy one {deg}-cycle", ["hierarchy", "--generators", p], ANY))
    p = put("s200.json", {"generators": [list(range(1, 200)) + [0], [1, 0] + list(range(2, 200))]})
    cases.append(("group S200 from two generators", ["group", "--generators", p], ANY))
    cases.append(("hierarchy S200 from two generators", ["hierarchy", "--generators", p], ANY))
    p = put("a-on-200.json", {"generators": [list(range(1, 200)) + [0]] * 1 + [[0, 2, 1] + list(range(3, 200))]})
    cases.append(("group on 200 points (cycle + 3-cycle-ish)", ["group", "--generators", p], ANY))
    cases.append(("group degree 1e8 no generators",
                  ["group", "--generators", put("deg8.json", {"generators": [], "degree": 10 ** 8})], ANY))
    cases.append(("group S8 --max-order 1000000", ["group", "--group", "S8", "--max-order", "1000000"], ANY))
    cases.append(("group S12", ["group", "--group", "S12"], ANY))
    cases.append(("group --max-order -1", ["group", "--group", "S3", "--max-order", "-1"], REFUSE))
    cases.append(("hierarchy S3 --png x.foo", ["hierarchy", "--group", "S3", "--png", os.path.join(d, "x.foo")],
                  REFUSE))
    os.makedirs(os.path.join(d, "adir"), exist_ok=True)
    cases.append(("hierarchy S3 --png DIR/", ["hierarchy", "--group", "S3", "--png", os.path.join(d, "adir") + "/"],
                  REFUSE))
    cases.append(("hierarchy S3 --png /proc/x.png", ["hierarchy", "--group", "S3", "--png", "/proc/x.png"], REFUSE))
    cases.append(("hierarchy S3 --dot /dev/full", ["hierarchy", "--group", "S3", "--dot", "/dev/full"], REFUSE))
    cases.append(("group S3 --dot /nonexistent/x.dot", ["group", "--group", "S3", "--dot", "/nonexistent/x.dot"],
                  REFUSE))

    # separation
    cases.append(("separate huge exponent", ["separate", put("sep-exp.json", _sep(inputs=[["1e999999", 0, 0],
                                                                                      [1, 2, 3]]))], REFUSE))
    cases.append(("separate 900-digit exponent rational",
                  ["separate", put("sep-exp2.json", _sep(inputs=[["1e900", 0, 0], [1, 2, 3]]))], ANY))
    cases.append(("separate repeat 10^6",
                  ["separate", put("sep-rep.json", _sep(layers=[{"gset": "natural", "repeat": 10 ** 6}]))], ANY))
    cases.append(("separate power k=40",
                  ["separate", put("sep-k40.json", _sep(layers=[{"gset": {"power": 40}}]))], ANY))
    cases.append(("separate S12 natural",
                  ["separate", put("sep-s12.json", _sep(group="S12", inputs=[list(range(12)), list(range(12))]))],
                  ANY))
    cases.append(("separate S5 regular x regular",
                  ["separate", put("sep-reg.json", _sep(group="S5", input="regular",
                                                        layers=[{"gset": "regular"}],
                                                        inputs=[list(range(120))]))], ANY))
    cases.append(("separate ragged inputs", ["separate", put("sep-rag.json", _sep(inputs=[[1, 2, 3], [3, 1]]))],
                  REFUSE))
    cases.append(("separate float inputs", ["separate", put("sep-float.json", _sep(inputs=[[0.5, 1, 2]]))], REFUSE))
    cases.append(("separate negative repeat",
                  ["separate", put("sep-neg.json", _sep(layers=[{"gset": "natural", "repeat": -3}]))], REFUSE))

    # graphs
    n = 200
    edges = [[i, (i + 1) % n] for i in range(n)]
    gfile = put("cycle200.json", [{"n": n, "edges": edges}, {"n": n, "edges": edges}])
    cases.append(("graphs 200-cycle --ign 2", ["graphs", gfile], ANY))
    cases.append(("graphs 200-cycle --ign 4", ["graphs", "--ign", "4", gfile], ANY))
    cases.append(("graphs 200-cycle --ign 8", ["graphs", "--ign", "8", gfile], ANY))
    cases.append(("graphs --ign 0", ["graphs", "--ign", "0", gfile], REFUSE))
    cases.append(("graphs --depth -1", ["graphs", "--depth", "-1", gfile], REFUSE))

    # ReLU
    for w in ((3, 300, 300, 1), (1, 2000, 1), (1,) + (2,) * 200 + (1,), (10, 50, 50, 50, 1)):
        p = put("net-" + "-".join(map(str, w[:6])) + f"-{len(w)}.json", _relu_net(w))
        tag = ",".join(map(str, w)) if len(w) < 8 else f"1,2x{len(w) - 2},1"
        cases.append((f"fundim ({tag})", ["fundim", p], ANY))
        cases.append((f"regions ({tag}) --progress", ["regions", "--progress", p], LONG))
        cases.append((f"same-function ({tag}) --progress", ["same-function", "--progress", p, p], LONG))
        cases.append((f"regions ({tag}) --max-regions 1000", ["regions", "--progress", "--max-regions", "1000", p],
                      LONG))
    p = put("net-exp.json", _relu_net((1, 2, 1), "1e900"))
    for cmd in ("fundim", "regions"):
        cases.append((f"{cmd} 900-digit exponents", [cmd, p], ANY))
    cases.append(("same-function 900-digit exponents", ["same-function", p, p], ANY))
    p = put("net-exp2.json", _relu_net((1, 2, 1), "1e999999"))
    cases.append(("fundim exponent 999999", ["fundim", p], REFUSE))
    cases.append(("fundim --max-regions -1", ["fundim", "--max-regions", "-1",
                                              put("small.json", _relu_net((1, 2, 1)))], REFUSE))
    cases.append(("fundim widths mismatch", ["fundim", put("mis.json", {"widths": [1, 2, 1], "theta": [1, 2]})],
                  REFUSE))

    # fibers
    existing = put("existing.txt", b"keep me")
    cases.append(("fibers search --arch 1,1000,1", ["fibers", "search", "--arch", "1,1000,1"], REFUSE))
    cases.append(("fibers search --budget 1e9", ["fibers", "search", "--budget", "1000000000"], REFUSE))
    cases.append(("fibers search --budget -5", ["fibers", "search", "--budget", "-5"], REFUSE))
    cases.append(("fibers search --per-kind 0", ["fibers", "search", "--per-kind", "0"], REFUSE))
    cases.append(("fibers search --out EXISTING_FILE", ["fibers", "search", "--budget", "5", "--out", existing],
                  REFUSE))
    cases.append(("fibers search --out /proc/foo", ["fibers", "search", "--budget", "5", "--out", "/proc/foo"],
                  REFUSE))
    cases.append(("fibers search --arch 1,x,1", ["fibers", "search", "--arch", "1,x,1"], REFUSE))

    # folding
    wide = 100000
    p = put("fold-wide.json", {"layers": [{"W": [[1]] * wide, "b": [0] * wide, "activation": "relu"},
                                          {"W": [[1] * wide], "b": [0], "activation": None}],
                               "x1": [0], "x2": [1]})
    cases.append(("fold 100,000-wide layer", ["fold", p], ANY))
    small_fold = put("fold-small.json", {"layers": [{"W": [[1], [1]], "b": [0, -1], "activation": "relu"},
                                                    {"W": [[1, -2]], "b": [0], "activation": None}],
                                         "x1": [0], "x2": [3]})
    cases.append(("fold --samples 1e9", ["fold", "--samples", "1000000000", small_fold], REFUSE))
    cases.append(("fold --samples -1", ["fold", "--samples", "-1", small_fold], REFUSE))
    cases.append(("fold --plot x.foo", ["fold", "--plot", os.path.join(d, "x.foo"), small_fold], REFUSE))
    cases.append(("fold --layers 7", ["fold", "--layers", "7", small_fold], REFUSE))
    cases.append(("fold x1 length mismatch", ["fold", "--x1", "0,0", "--x2", "1", small_fold], REFUSE))

    # srhm
    cases.append(("srhm --L 50 --count", ["srhm", "--L", "50", "--s", "2", "--v", "8", "--m", "2", "--nc", "2",
                                          "--count"], ANY))
    cases.append(("srhm --L 14 --v 10 --m 4 --nc 10 --count",
                  ["srhm", "--L", "14", "--s", "2", "--v", "10", "--m", "4", "--nc", "10", "--count"], ANY))
    cases.append(("srhm --L 1000000 --count", ["srhm", "--L", "1000000", "--s", "2", "--v", "8", "--m", "2",
                                               "--nc", "2", "--count"], ANY))
    cases.append(("srhm --v 1000000 --count", ["srhm", "--L", "2", "--s", "2", "--v", "1000000", "--m", "1000",
                                               "--nc", "2", "--count"], ANY))
    cases.append(("srhm --sample 1e9", ["srhm", "--L", "2", "--s", "2", "--v", "8", "--m", "2", "--nc", "2",
                                        "--sample", "1000000000"], ANY))
    cases.append(("srhm --L -1", ["srhm", "--L", "-1", "--s", "2", "--v", "8", "--m", "2", "--nc", "2", "--count"],
                  REFUSE))
    cases.append(("srhm --m 0", ["srhm", "--L", "2", "--s", "2", "--v", "8", "--m", "0", "--nc", "2", "--count"],
                  REFUSE))
    cases.append(("srhm --out /proc/x.npz", ["srhm", "--L", "2", "--s", "2", "--v", "8", "--m", "2", "--nc", "2",
                                             "--sample", "10", "--out", "/proc/x.npz"], REFUSE))

    # prove / verify / claims
    cases.append(("prove --claim nonexistent", ["prove", "--claim", "no.such.claim"], REFUSE))
    cases.append(("prove --workers -1", ["prove", "--quick", "--workers", "-1"], REFUSE))
    cases.append(("prove --max-examples -1", ["prove", "--quick", "--max-examples", "-1"], REFUSE))
    cases.append(("prove --batch-size 0", ["prove", "--quick", "--batch-size", "0"], REFUSE))
    cases.append(("verify a directory", ["verify", d], REJECT))
    big = put("big-provenance.json", b'{"format": "exactsep-certificate", "provenance": "' + b"x" * (20 * 2 ** 20)
              + b'"}')
    cases.append(("verify 20 MB certificate", ["verify", big], REJECT))
    cases.append(("global --memory-budget junk", ["--memory-budget", "lots", "group", "--group", "S3"], REFUSE))
    cases.append(("global --max-digits 0", ["--max-digits", "0", "group", "--group", "S3"], REFUSE))
    cases.append(("unknown command", ["frobnicate"], REFUSE))
    return cases


def run_case(argv, timeout, memory_cap, cwd):
    """Run one case; returns a dict with rc, stderr, elapsed, peak RSS (bytes) and whether it timed out."""
    env = dict(os.environ, PYTHONWARNINGS="ignore", MPLBACKEND="Agg")
    t = time.perf_counter()
    proc = subprocess.Popen(EXE + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env,
                            start_new_session=True)
    result = {}

    def waiter():
        _, status, usage = os.wait4(proc.pid, 0)
        result["status"], result["maxrss"] = status, usage.ru_maxrss * 1024

    th = threading.Thread(target=waiter, daemon=True)
    th.start()
    err_chunks = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    th.join(timeout)
    timed_out = th.is_alive()
    if timed_out:
        os.killpg(proc.pid, signal.SIGKILL)
        th.join()
    reader.join(5)
    elapsed = time.perf_counter() - t
    status = result["status"]
    rc = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8
    err = (err_chunks[0] if err_chunks else b"").decode("utf-8", "replace")
    return {"rc": rc, "stderr": err, "elapsed": elapsed, "maxrss": result["maxrss"], "timed_out": timed_out}


def judge(expect, r, refuse_within, memory_cap):
    """The list of broken rules ([] when the case passes)."""
    bad = []
    err = r["stderr"]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if r["timed_out"] and not (expect == LONG and "progress:" in err):
        bad.append("timed out" + (" with no progress line" if expect == LONG else ""))
    if "Traceback" in err:
        bad.append("traceback")
    if r["maxrss"] > memory_cap:
        bad.append(f"peak memory {r['maxrss'] / 2 ** 30:.1f} GiB")
    if r["timed_out"]:
        return bad
    if expect == REFUSE and r["rc"] != 2:
        bad.append(f"exit {r['rc']} (wanted 2)")
    if expect == REJECT and r["rc"] not in (1, 2):
        bad.append(f"exit {r['rc']} (wanted 1 or 2)")
    if expect in (ANY, LONG) and r["rc"] not in (0, 2):
        bad.append(f"exit {r['rc']}")
    if r["rc"] != 0 and len([ln for ln in lines if not ln.startswith("progress:")]) != 1:
        bad.append(f"{len(lines)} lines on stderr")
    if r["rc"] != 0 and r["elapsed"] > refuse_within and expect != REJECT:
        bad.append(f"refused after {r['elapsed']:.1f} s")
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="run only the cases whose name contains this text")
    ap.add_argument("--timeout", type=float, default=60.0, help="wall-clock limit of one case (s, default 60)")
    ap.add_argument("--refuse-within", type=float, default=3.0,
                    help="a refusal must come within this many seconds, start-up included (default 3)")
    ap.add_argument("--memory-cap", default="4G", help="peak memory allowed to one case (default 4G)")
    ap.add_argument("--json", action="store_true", help="one JSON object per case")
    args = ap.parse_args(argv)
    from exactsep.limits import parse_bytes
    cap = parse_bytes(args.memory_cap)
    d = tempfile.mkdtemp(prefix="exactsep-fuzz-")
    failures = 0
    try:
        cases = [c for c in build_cases(d) if not args.only or args.only in c[0]]
        t0 = time.perf_counter()
        for name, cmd, expect in cases:
            r = run_case(cmd, args.timeout, cap, d)
            bad = judge(expect, r, args.refuse_within, cap)
            failures += bool(bad)
            first = (r["stderr"].strip().splitlines() or [""])[-1][:110]
            if args.json:
                print(json.dumps({"case": name, "expect": expect, "rc": r["rc"], "seconds": round(r["elapsed"], 2),
                                  "peak_bytes": r["maxrss"], "broken": bad, "stderr": first}), flush=True)
            else:
                mark = "FAIL" if bad else "ok  "
                print(f"{mark} {name:48.48} exit {r['rc']:>3} {r['elapsed']:6.1f} s {r['maxrss'] / 2 ** 20:7.0f} MB"
                      f"  {'; '.join(bad) + ' | ' if bad else ''}{first}", flush=True)
        total = time.perf_counter() - t0
        if not args.json:
            print(f"\n{len(cases)} cases, {failures} broke a rule, {total:.0f} s")
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
