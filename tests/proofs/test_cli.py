"""`exactsep prove`, `exactsep verify`, `exactsep claims` from the command line."""
import json
import subprocess
import sys

from exactsep.cli import main


def test_prove_one_claim_json_report_and_certificates(tmp_path, capsys):
    rep = tmp_path / "report.md"
    certs = tmp_path / "certs"
    rc = main(["prove", "--quick", "--claim", "groups.burnside", "--workers", "1", "--json", "--report", str(rep),
               "--certificates", str(certs)])
    assert rc == 0
    d = json.loads(capsys.readouterr().out)
    assert d["ok"] and d["level"] == "quick" and d["claims"][0]["id"] == "groups.burnside"
    assert d["claims"][0]["status"] == "passed" and d["claims"][0]["checked"] > 0
    paths = d["claims"][0]["certificate_paths"]
    assert len(paths) == d["claims"][0]["checked"]
    text = rep.read_text()
    assert "| `groups.burnside` | symmetric |" in text
    # verify a written certificate, then a tampered copy
    assert main(["verify", paths[0]]) == 0
    assert "certificate verified" in capsys.readouterr().out
    cert = json.loads(open(paths[0]).read())
    cert["computed"]["orbits"] += 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(cert))
    assert main(["verify", str(bad), "--json"]) == 1
    out = capsys.readouterr()
    assert json.loads(out.out)["verified"] is False and "REJECTED" in out.err


def test_bad_input_exits_2_with_one_line(tmp_path, capsys):
    assert main(["prove", "--claim", "no.such-claim"]) == 2
    assert "no claim matches" in capsys.readouterr().err
    f = tmp_path / "float.json"
    f.write_text('{"kind": "claim-instance", "x": 0.5}')
    assert main(["verify", str(f)]) == 2
    assert "float" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "missing.json")]) == 2
    assert main(["prove", "--workers", "0", "--claim", "groups.burnside"]) == 2


def test_dask_executor_gives_a_clear_error_when_not_installed(capsys):
    try:
        import dask.distributed  # noqa: F401
        return                      # installed: nothing to test here
    except ImportError:
        pass
    assert main(["prove", "--quick", "--claim", "groups.burnside", "--executor", "dask"]) == 2
    assert "pip install 'exactsep[dask]'" in capsys.readouterr().err


def test_claims_list(capsys):
    assert main(["claims", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    ids = {c["id"] for c in d}
    assert "groups.burnside" in ids and all("provenance" in c for c in d)


def test_prove_quick_subprocess_parallel_progress(tmp_path):
    import os
    import exactsep
    root = os.path.dirname(os.path.dirname(os.path.abspath(exactsep.__file__)))
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "exactsep.cli", "prove", "--quick", "--claim", "groups",
                        "--workers", "2", "--progress"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert "PASSED   groups.burnside" in r.stdout
    assert "progress:" in r.stderr


def test_counterexample_dir_help_says_when_it_is_written(capsys):
    import pytest
    with pytest.raises(SystemExit):
        main(["prove", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "only when a claim fails" in text
