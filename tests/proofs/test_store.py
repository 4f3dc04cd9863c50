"""The result store of `exactsep prove --store FILE --resume`: crash safety, resumption, refusals."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings, strategies as st

from exactsep.cli import main
from exactsep.errors import StoreError
from exactsep.proofs import get_claim, run_claims
from exactsep.proofs.store import ProveStore, claim_version, task_key

CLAIMS = ["groups.burnside", "groups.orbit-stabilizer"]


def _claims_json(report):
    """The report's claims without timings (what must not depend on how or where the run happened)."""
    def strip(d):
        if isinstance(d, dict):
            return {k: strip(v) for k, v in d.items() if k != "seconds"}
        if isinstance(d, list):
            return [strip(v) for v in d]
        return d
    return strip([c.to_json(with_certificates=True) for c in report.claims])


@pytest.fixture(scope="module")
def fresh():
    """A run without a store: the reference every stored or resumed run must reproduce."""
    return run_claims(CLAIMS, level="quick", workers=1, max_examples=5)


def _env():
    import exactsep
    root = os.path.dirname(os.path.dirname(os.path.abspath(exactsep.__file__)))
    return dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))


def test_store_then_resume_reads_everything_back(tmp_path, fresh):
    path = str(tmp_path / "run.sqlite")
    rep = run_claims(CLAIMS, level="quick", workers=1, max_examples=5, store=path)
    assert rep.resumed == 0 and rep.ran > 0 and _claims_json(rep) == _claims_json(fresh)
    with ProveStore(path, resume=True) as stt:
        assert stt.count() == rep.ran
    again = run_claims(CLAIMS, level="quick", workers=1, max_examples=5, store=path, resume=True)
    assert again.ran == 0 and again.resumed == rep.ran
    assert _claims_json(again) == _claims_json(fresh)
    # without certificates=True a resumed run reads back only the certificates its verdicts need
    lean = run_claims(CLAIMS, level="quick", workers=1, max_examples=5, store=path, resume=True, certificates=False)
    assert [c.to_json() for c in lean.claims] == [c.to_json() for c in again.claims]
    assert all(not c.certificates for c in lean.claims if c.quantifier == "forall" and not c.counterexamples)
    # another seed in the same store: new plans and tasks, the old ones untouched
    other = run_claims(CLAIMS, level="quick", seed=1, workers=1, max_examples=5, store=path, resume=True)
    assert other.resumed == 0 and other.ran > 0


@pytest.fixture(scope="module")
def full_store_rows(tmp_path_factory):
    """Every stored task of an uninterrupted run (no adversarial search: the property test below is itself a
    hypothesis test, and hypothesis searches do not nest), and that run's report."""
    full = str(tmp_path_factory.mktemp("full") / "run.sqlite")
    rep = run_claims(CLAIMS, level="quick", workers=1, adversarial=False, store=full)
    con = sqlite3.connect(full)
    rows = []
    for cl, cv, task, summary, cert in con.execute("SELECT claim, claim_version, task, summary, certificate "
                                                  "FROM results ORDER BY claim, task"):
        res = json.loads(summary)
        if cert is not None:
            res["certificate"] = json.loads(cert)
        rows.append((cl, cv, task, res))
    con.close()
    return rows, rep


@settings(max_examples=6, deadline=None)
@given(st.data())
def test_resuming_any_partial_store_runs_exactly_the_rest(tmp_path_factory, full_store_rows, data):
    """Whatever subset of the tasks a crashed run managed to commit, the resumed run reads exactly that subset
    back, runs exactly the others (each once) and reports what an uninterrupted run reports."""
    rows, reference = full_store_rows
    path = str(tmp_path_factory.mktemp("partial") / "run.sqlite")
    keep = data.draw(st.lists(st.sampled_from(range(len(rows))), unique=True, max_size=len(rows)))
    from exactsep.proofs.runner import instances_for
    with ProveStore(path) as stt:
        for c in CLAIMS:
            stt.save_plan(c, claim_version(get_claim(c)), "quick", 0, instances_for(get_claim(c), "quick", 0))
        for k in keep:
            cl, cv, task, res = rows[k]
            assert stt.record(cl, cv, task, res)
    recorded = []
    orig = ProveStore.record

    def spy(self, claim, version, task, result):
        recorded.append((claim, task))
        return orig(self, claim, version, task, result)
    ProveStore.record = spy
    try:
        rep = run_claims(CLAIMS, level="quick", workers=1, adversarial=False, store=path, resume=True)
    finally:
        ProveStore.record = orig
    assert rep.resumed == len(keep) and rep.ran == len(rows) - len(keep)
    assert len(recorded) == len(set(recorded)) == len(rows) - len(keep)          # each missing task once
    assert {(rows[k][0], rows[k][2]) for k in keep}.isdisjoint(recorded)
    assert _claims_json(rep) == _claims_json(reference)


def test_a_killed_run_loses_no_decided_instance_and_resumes(tmp_path, fresh):
    path = tmp_path / "killed.sqlite"
    cmd = [sys.executable, "-m", "exactsep.cli", "prove", "--quick", "--claim", CLAIMS[0], "--claim", CLAIMS[1],
           "--max-examples", "5", "--workers", "1", "--store", str(path), "--progress"]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=_env())
    reported = 0
    deadline = time.time() + 120
    for line in p.stderr:                            # "progress: k/N tasks (...%)" after k tasks were committed
        if line.startswith("progress:"):
            k, n = map(int, line.split()[1].split("/"))
            reported = k
            if 0 < k < n and k >= n // 3:
                p.send_signal(signal.SIGKILL)
                break
        assert time.time() < deadline
    p.wait()
    p.stderr.close()
    assert p.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    with ProveStore(str(path), resume=True) as stt:
        assert stt.count() >= reported              # every task reported as done was committed
        stored = stt.count()
    rep = run_claims(CLAIMS, level="quick", workers=1, max_examples=5, store=str(path), resume=True)
    assert rep.resumed == stored and rep.ran > 0
    assert _claims_json(rep) == _claims_json(fresh)


def test_a_claim_of_another_version_is_run_again(tmp_path, monkeypatch):
    path = str(tmp_path / "v.sqlite")
    first = run_claims(CLAIMS, level="quick", workers=1, adversarial=False, store=path)
    import exactsep.proofs.store as store_mod
    real = store_mod.claim_version
    monkeypatch.setattr(store_mod, "claim_version", lambda c: real(c) + ("-edited" if c.id == CLAIMS[0] else ""))
    again = run_claims(CLAIMS, level="quick", workers=1, adversarial=False, store=path, resume=True)
    n0 = next(c.checked for c in first.claims if c.id == CLAIMS[0])
    assert again.ran == n0 and again.resumed == first.ran - n0


def test_refusals_name_the_problem(tmp_path, capsys):
    path = str(tmp_path / "s.sqlite")
    run_claims(["groups.burnside"], level="quick", workers=1, adversarial=False, store=path)
    # an existing store without --resume
    with pytest.raises(StoreError, match="--resume"):
        ProveStore(path)
    # another exactsep version
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value = '0.0.0-other' WHERE key = 'exactsep_version'")
    con.close()
    with pytest.raises(StoreError, match="written by exactsep 0.0.0-other"):
        ProveStore(path, resume=True)
    assert main(["prove", "--quick", "--claim", "groups.burnside", "--store", path, "--resume"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "0.0.0-other" in err and "Traceback" not in err
    # garbage and a truncated store
    bad = tmp_path / "garbage.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    assert main(["prove", "--quick", "--claim", "groups.burnside", "--store", str(bad), "--resume"]) == 2
    assert "not a readable exactsep store" in capsys.readouterr().err
    good = str(tmp_path / "t.sqlite")
    run_claims(["groups.burnside"], level="quick", workers=1, adversarial=False, store=good)
    data = open(good, "rb").read()
    trunc = tmp_path / "truncated.sqlite"
    trunc.write_bytes(data[:len(data) // 2])
    with pytest.raises(StoreError):
        ProveStore(str(trunc), resume=True)
    # a page of the file overwritten in the middle
    smashed = tmp_path / "smashed.sqlite"
    smashed.write_bytes(data[:4096] + b"\xff" * 4096 + data[8192:])
    with pytest.raises(StoreError):
        ProveStore(str(smashed), resume=True)
        run_claims(["groups.burnside"], level="quick", workers=1, adversarial=False, store=str(smashed), resume=True)
    # an SQLite file that is not a store, a directory
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(str(other))
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not an exactsep prove store"):
        ProveStore(str(other), resume=True)
    with pytest.raises(StoreError, match="directory"):
        ProveStore(str(tmp_path), resume=True)
    # --resume without --store
    assert main(["prove", "--quick", "--claim", "groups.burnside", "--resume"]) == 2
    assert "--store" in capsys.readouterr().err


def test_store_keys_and_plan_roundtrip(tmp_path):
    c = get_claim("groups.burnside")
    assert claim_version(c) == claim_version(c) and claim_version(c).startswith("v")
    assert task_key("instance", "full", 3, 7) == "instance:full:3:7"
    assert task_key("adversarial", "full", 3, 120) == "adversarial:3:120"
    with ProveStore(str(tmp_path / "p.sqlite")) as stt:
        plan = [{"a": [1, "1/2"]}, {"b": {"c": None}}]
        stt.save_plan(c.id, "v1-x", "full", 0, plan)
        assert stt.load_plan(c.id, "v1-x", "full", 0) == plan
        assert stt.load_plan(c.id, "v1-x", "full", 1) is None
        assert stt.load_plan(c.id, "v2-x", "full", 0) is None


def test_prove_writes_no_hypothesis_directory_in_the_working_directory(tmp_path):
    cache = tmp_path / "cache"
    work = tmp_path / "work"
    work.mkdir()
    env = _env()
    env.pop("HYPOTHESIS_STORAGE_DIRECTORY", None)
    env["XDG_CACHE_HOME"] = str(cache)
    r = subprocess.run([sys.executable, "-m", "exactsep.cli", "prove", "--quick", "--claim", "groups.burnside",
                        "--max-examples", "5", "--workers", "1"], capture_output=True, text=True, cwd=work, env=env)
    assert r.returncode == 0, r.stderr
    assert not (work / ".hypothesis").exists() and os.listdir(work) == []
    assert (cache / "exactsep" / "hypothesis").is_dir()
