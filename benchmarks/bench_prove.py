"""Benchmark: `exactsep prove` on the full catalogue with 1 local worker, 2 local processes and a 2-worker
dask.distributed cluster, in one run, plus the resume of a finished run from its store.

Each configuration runs as a fresh `exactsep prove --json` command (what a user times: start-up,
instance generation and the checks); the dask cluster is a real one started with the `dask scheduler` and
`dask worker` commands on 127.0.0.1 (two single-threaded worker processes) before its run, its start-up
not counted. Printed: wall time, instances and tasks, the speed-up over one worker, the overhead of dask
per instance against local processes (target: dask within 1.3x of local processes on 2 cores), the time
to resume a finished run (target: under 2 s), and whether the three runs decided every instance the same
way.

    python benchmarks/bench_prove.py [--level full] [--claim ID ...] [--skip-dask] [--keep DIR]

Needs the 'dask' extra (pip install 'exactsep[dask]') for the dask run.
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
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def _env():
    return dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


def prove(args, cwd):
    """Run `exactsep prove ARGS --json`; (wall seconds, parsed report)."""
    cmd = [sys.executable, "-m", "exactsep.cli", "prove", "--json", "--no-progress"] + args
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=_env())
    wall = time.perf_counter() - t
    if r.returncode not in (0, 1):
        raise SystemExit(f"bench_prove: {' '.join(args)} exited {r.returncode}: {r.stderr.strip()[-500:]}")
    return wall, json.loads(r.stdout)


def outcomes(report):
    """What must not depend on the executor: per claim its status and counts."""
    return {c["id"]: (c["status"], c["checked"], c["passed"], c["counterexamples"], c["errors"])
            for c in report["claims"]}


class DaskCluster:
    """`dask scheduler` + N `dask worker --nthreads 1` processes on 127.0.0.1."""

    def __init__(self, workdir, n=2):
        exe = shutil.which("dask", path=os.path.dirname(sys.executable)) or shutil.which("dask")
        if exe is None:
            raise SystemExit("bench_prove: the `dask` command is not installed (pip install 'exactsep[dask]')")
        self.procs = []
        sched = os.path.join(workdir, "scheduler.json")
        log = open(os.path.join(workdir, "dask.log"), "w")
        t = time.perf_counter()
        self.procs.append(subprocess.Popen([exe, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                            "--scheduler-file", sched], cwd=workdir, env=_env(),
                                           stdout=subprocess.DEVNULL, stderr=log))
        while not (os.path.exists(sched) and open(sched).read().strip().endswith("}")):
            time.sleep(0.1)
        self.address = json.load(open(sched))["address"]
        for _ in range(n):
            self.procs.append(subprocess.Popen([exe, "worker", self.address, "--nthreads", "1", "--no-dashboard",
                                                "--memory-limit", "4GB"], cwd=workdir, env=_env(),
                                               stdout=subprocess.DEVNULL, stderr=log))
        from distributed import Client
        with Client(self.address, timeout="60s") as c:
            c.wait_for_workers(n, timeout=120)
        self.startup = time.perf_counter() - t

    def close(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--level", choices=["quick", "full"], default="full")
    ap.add_argument("--claim", action="append", default=[], help="restrict to these claims (as exactsep prove)")
    ap.add_argument("--skip-dask", action="store_true", help="no dask run")
    ap.add_argument("--keep", metavar="DIR", help="keep the stores and logs in DIR")
    a = ap.parse_args(argv)
    work = a.keep or tempfile.mkdtemp(prefix="bench-prove-")
    os.makedirs(work, exist_ok=True)
    base = ["--level", a.level] + [x for c in a.claim for x in ("--claim", c)]
    store = os.path.join(work, "prove.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)
    print(f"exactsep prove --level {a.level}{' ' + ' '.join(base[2:]) if a.claim else ''}, "
          f"{os.cpu_count()} cores; each run a fresh command", flush=True)
    rows = []
    t1, r1 = prove(base + ["--workers", "1"], work)
    rows.append(("1 local worker", t1, r1))
    print(f"  1 local worker        {t1:8.1f} s", flush=True)
    t2, r2 = prove(base + ["--workers", "2", "--store", store], work)
    rows.append(("2 local processes", t2, r2))
    print(f"  2 local processes     {t2:8.1f} s  (with --store: every decided instance committed)", flush=True)
    if not a.skip_dask:
        cl = DaskCluster(work, 2)
        try:
            print(f"  (dask cluster: scheduler + 2 workers up in {cl.startup:.1f} s, not counted)", flush=True)
            td, rd = prove(base + ["--executor", "dask", "--scheduler", cl.address], work)
        finally:
            cl.close()
        rows.append(("dask, 2 workers", td, rd))
        print(f"  dask cluster, 2 wkrs  {td:8.1f} s  (report: {rd['workers']} workers)", flush=True)
    tr, rr = prove(base + ["--workers", "2", "--store", store, "--resume"], work)
    print(f"  resume finished run   {tr:8.2f} s  ({rr['resumed_from_store']} tasks read back, {rr['tasks_run']} run)",
          flush=True)

    n_inst = r1["instances_checked"]
    n_tasks = r2["tasks_run"]
    print()
    print(f"{n_inst} instances ({n_tasks} tasks with the adversarial searches) of {len(r1['claims'])} claims")
    print(f"{'configuration':22s} {'wall (s)':>9s} {'speed-up':>9s} {'per instance (ms)':>18s}")
    for name, t, _ in rows:
        print(f"{name:22s} {t:9.1f} {t1 / t:9.2f} {1000 * t / n_inst:18.2f}")
    if not a.skip_dask:
        ratio = td / t2
        print(f"dask against 2 local processes: {ratio:.2f}x (target <= 1.3x), overhead "
              f"{1000 * (td - t2) / n_inst:+.2f} ms per instance")
    print(f"resume of the finished run: {tr:.2f} s (target < 2 s)")
    same = all(outcomes(r) == outcomes(r1) for _, _, r in rows) and outcomes(rr) == outcomes(r1)
    print(f"every configuration decided every claim the same way: {'yes' if same else 'NO'}")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
