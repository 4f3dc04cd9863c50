"""Benchmark: subgroup classes + table of marks at the size researchers use, in one run.

For S6, S7, S8, A8, M11, PSL(2,11) (on 12 points), AGL(3,2), PGL(2,7), S4 wr S2, S3 wr S3: exactsep's time
for all conjugacy classes of subgroups with their normalisers and the table of marks, and its peak
memory (maximum resident set size of a fresh process per group). Beside it:
  * the previous algorithm (tests/groups/_subgroups_reference.py: an N x N multiplication table and every
    member of every class stored) where it is feasible (order <= 5040);
  * GAP (`ConjugacyClassesSubgroups` and `TableOfMarks`) when `gap` is on the PATH, in the same run;
    otherwise the reference times of benchmarks/gap_reference_groups.json, with their date and source.

    python benchmarks/bench_groups.py [--groups 'S6;S7;PSL(2,11)'] [--timeout SECONDS]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GROUPS = ["S6", "S7", "S8", "A8", "M11", "PSL(2,11)", "AGL(3,2)", "PGL(2,7)", "S4 wr S2", "S3 wr S3"]
GAP_NAMES = {"S6": "SymmetricGroup(6)", "S7": "SymmetricGroup(7)", "S8": "SymmetricGroup(8)",
             "A8": "AlternatingGroup(8)", "M11": "MathieuGroup(11)", "PSL(2,11)": "PSL(2,11)",
             "AGL(3,2)": "AGL(3,2)", "PGL(2,7)": "PGL(2,7)", "S4 wr S2": "WreathProduct(SymmetricGroup(4), SymmetricGroup(2))",
             "S3 wr S3": "WreathProduct(SymmetricGroup(3), SymmetricGroup(3))"}

CHILD = r"""
import sys, time, json, resource
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from exactsep.groups import group_from_name
G = group_from_name({name!r}); order = G.order
t = time.perf_counter()
if {old!r}:
    import _subgroups_reference as R
    S = R.subgroup_classes(G, max_order=10 ** 6)
else:
    from exactsep.groups import subgroup_classes
    S = subgroup_classes(G)
tom = S.table_of_marks()
print(json.dumps({{"order": order, "classes": len(S), "subgroups": S.num_subgroups, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "lower_triangular": tom.is_lower_triangular()}}))
"""


def run_child(name: str, old: bool, timeout: float):
    code = CHILD.format(root=ROOT, tests=os.path.join(ROOT, "tests", "groups"), name=name, old=old)
    try:
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    if r.returncode != 0:
        return {"error": (r.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def gap_time(name: str, timeout: float):
    script = (f"G := {GAP_NAMES[name]};; t := Runtime();; c := ConjugacyClassesSubgroups(G);; "
              f"tom := TableOfMarks(G);; Print(Length(c), \" \", Runtime() - t, \"\\n\");; QUIT;")
    try:
        r = subprocess.run(["gap", "-q", "-b"], input=script, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    try:
        k, ms = r.stdout.split()[-2:]
        return int(k), int(ms) / 1000
    except ValueError:
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", default=";".join(GROUPS), help="names separated by ';' (exactsep's group names)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per computation")
    args = ap.parse_args()
    names = [g.strip() for g in args.groups.split(";") if g.strip()]
    ref = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gap_reference_groups.json")))
    have_gap = shutil.which("gap") is not None
    print(f"GAP: {'on the PATH, timed in this run' if have_gap else 'not on the PATH; stored reference: ' + ref['source'] + ', ' + ref['date']}")
    print(f"{'group':<10} {'order':>6} {'classes':>7} {'exactsep s':>10} {'peak MB':>8} {'old alg. s':>10} {'GAP s':>7} {'ratio':>6}")
    for name in names:
        new = run_child(name, False, args.timeout)
        if "error" in new:
            print(f"{name:<10} exactsep: {new['error']}")
            continue
        old_s = "-"
        if new["order"] <= 5040:
            old = run_child(name, True, args.timeout)
            old_s = f"{old['seconds']:.2f}" if "error" not in old else old["error"]
        gap = gap_time(name, args.timeout) if have_gap else None
        gap_s = gap[1] if gap else ref["seconds"].get(name)
        ratio = f"{new['seconds'] / gap_s:.1f}x" if gap_s else "-"
        print(f"{name:<10} {new['order']:>6} {new['classes']:>7} {new['seconds']:>10.2f} {new['peak_mb']:>8.0f} {old_s:>10} "
              f"{(f'{gap_s:.2f}' if gap_s else '-'):>7} {ratio:>6}" + (f"  (GAP finds {gap[0]} classes)" if gap else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
