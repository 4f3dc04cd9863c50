"""`exactsep prove --executor dask` on a real dask.distributed cluster: a scheduler and two worker processes
started with the `dask scheduler` / `dask worker` commands on 127.0.0.1, one worker killed mid-run."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

distributed = pytest.importorskip("distributed")

from exactsep.cli import main  # noqa: E402
from exactsep.errors import ExecutorError  # noqa: E402
from exactsep.proofs import run_claims  # noqa: E402
from exactsep.proofs.store import ProveStore  # noqa: E402

CLAIMS = ["groups.burnside", "groups.orbit-stabilizer", "groups.orbitals-commutant"]


def _claims_json(report):
    def strip(d):
        if isinstance(d, dict):
            return {k: strip(v) for k, v in d.items() if k != "seconds"}
        if isinstance(d, list):
            return [strip(v) for v in d]
        return d
    return strip([c.to_json(with_certificates=True) for c in report.claims])


def _dask_command():
    exe = shutil.which("dask", path=os.path.dirname(sys.executable)) or shutil.which("dask")
    if exe is None:
        pytest.skip("the `dask` command is not installed")
    return exe


class _Cluster:
    """A scheduler and two single-threaded worker processes (no nanny: a killed worker stays dead)."""

    def __init__(self, tmp_path):
        import exactsep
        dask = _dask_command()
        root = os.path.dirname(os.path.dirname(os.path.abspath(exactsep.__file__)))
        env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
        env.pop("HYPOTHESIS_STORAGE_DIRECTORY", None)
        env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
        self.work = tmp_path / "workers"
        self.work.mkdir()
        sched_file = tmp_path / "scheduler.json"
        self.procs = []

        def start(args):
            p = subprocess.Popen([dask] + args, cwd=self.work, env=env, stdout=subprocess.DEVNULL,
                                 stderr=open(tmp_path / f"log{len(self.procs)}.txt", "w"))
            self.procs.append(p)
            return p
        try:
            start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                   "--scheduler-file", str(sched_file)])
            deadline = time.time() + 60
            while not sched_file.exists() or not sched_file.read_text().strip().endswith("}"):
                assert time.time() < deadline, "the dask scheduler did not start"
                time.sleep(0.2)
            self.address = json.loads(sched_file.read_text())["address"]
            self.workers = [start(["worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                   "--memory-limit", "2GB"]) for _ in range(2)]
            from distributed import Client
            with Client(self.address, timeout="30s") as c:
                c.wait_for_workers(2, timeout=60)
                self.pids = c.run(os.getpid)
        except BaseException:
            self.close()
            raise

    def close(self):
        # the workers first (while their scheduler is there to say goodbye to), then the scheduler
        for group in (self.procs[1:], self.procs[:1]):
            for p in group:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in group:
                try:
                    p.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A cluster shared by the tests that leave it intact."""
    c = _Cluster(tmp_path_factory.mktemp("dask"))
    yield c
    c.close()


@pytest.fixture
def own_cluster(tmp_path):
    """A cluster of one's own, for a test that kills a worker."""
    c = _Cluster(tmp_path)
    yield c
    c.close()


def test_sweep_survives_a_killed_worker(own_cluster, tmp_path):
    cluster = own_cluster
    local = run_claims(CLAIMS, level="quick", workers=1, max_examples=5)
    store = str(tmp_path / "dask.sqlite")
    recorded = []
    orig = ProveStore.record

    def spy(self, claim, version, task, result):
        recorded.append((claim, task))
        return orig(self, claim, version, task, result)

    killed = {}

    def progress(done, total, label):
        if not killed and done >= total // 4:
            # kill a worker that is running a task right now: SIGKILL, no goodbye to the scheduler
            from distributed import Client
            with Client(cluster.address, timeout="30s") as c:
                busy = {w: ks for w, ks in c.processing().items() if ks}
            assert busy, "no worker is running a task"
            addr = sorted(busy)[0]
            victim = next(p for p in cluster.workers if p.pid == cluster.pids[addr])
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=30)
            killed["at"] = (done, total)
            killed["tasks"] = len(busy[addr])
    ProveStore.record = spy
    try:
        rep = run_claims(CLAIMS, level="quick", executor="dask", scheduler=cluster.address, max_examples=5,
                         store=store, progress=progress, batch_size=1)
    finally:
        ProveStore.record = orig
    assert killed and killed["at"][0] < killed["at"][1], "the run ended before a worker could be killed"
    assert killed["tasks"] >= 1                      # the victim died holding at least one task
    assert rep.workers == 2 and rep.executor == "dask"
    # every task decided exactly once, the same outcomes and certificates as a local run
    assert len(recorded) == len(set(recorded)) == rep.ran
    with ProveStore(store, resume=True) as stt:
        assert stt.count() == rep.ran
    assert _claims_json(rep) == _claims_json(local)
    # the workers ran the adversarial searches in a directory where nothing was written (no ./.hypothesis)
    assert os.listdir(cluster.work) == []
    # resuming the finished run on the cluster runs nothing
    again = run_claims(CLAIMS, level="quick", executor="dask", scheduler=cluster.address, max_examples=5,
                       store=store, resume=True)
    assert again.ran == 0 and _claims_json(again) == _claims_json(local)
    assert again.workers >= 1            # the cluster's workers, although nothing ran (not 0)


def test_cli_reports_the_clusters_worker_count(cluster, capsys):
    rc = main(["prove", "--quick", "--claim", "groups.burnside", "--executor", "dask", "--scheduler",
               cluster.address, "--max-examples", "5", "--json", "--no-progress"])
    assert rc == 0
    d = json.loads(capsys.readouterr().out)
    assert d["workers"] == 2 and d["executor"] == "dask" and d["scheduler"] == cluster.address
    assert d["claims"][0]["status"] == "passed"


def test_workers_of_another_version_are_refused(cluster, monkeypatch):
    import exactsep
    monkeypatch.setattr(exactsep, "__version__", "0.0.0-not-the-workers")
    with pytest.raises(ExecutorError, match="another exactsep version"):
        run_claims(["groups.burnside"], level="quick", executor="dask", scheduler=cluster.address,
                   adversarial=False)


def _free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_unreachable_scheduler_is_one_line_and_exit_2(capsys):
    t0 = time.time()
    rc = main(["prove", "--quick", "--claim", "groups.burnside", "--executor", "dask", "--scheduler",
               f"tcp://127.0.0.1:{_free_port()}", "--scheduler-timeout", "2"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "cannot reach the dask scheduler" in err
    assert "Traceback" not in err and time.time() - t0 < 30
    assert main(["prove", "--quick", "--claim", "groups.burnside", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--executor dask" in capsys.readouterr().err


def test_local_dask_cluster(tmp_path):
    rep = run_claims(["groups.burnside"], level="quick", executor="dask", workers=2, max_examples=5)
    ref = run_claims(["groups.burnside"], level="quick", workers=1, max_examples=5)
    assert rep.workers == 2 and _claims_json(rep) == _claims_json(ref)
