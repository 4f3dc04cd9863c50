import subprocess
import sys

import pytest

from exactsep.cli import main


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "demo" in out


def test_demo_json(capsys):
    assert main(["demo", "--json"]) == 0
    import json
    rep = json.loads(capsys.readouterr().out)
    assert rep["group"]["order"] == 24
    assert rep["rank_example"]["rank"] == 1


def test_module_entry_point_runs():
    r = subprocess.run([sys.executable, "-m", "exactsep.cli", "demo"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "S4" in r.stdout
