"""examples/relu/README.md says which command makes each output file, and shows a weight-file session: both are
re-run here and compared with what the README and the files say."""
import io
import os
import re
import shlex
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from exactsep.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "examples" / "relu" / "README.md").read_text(encoding="utf-8")
ROWS = re.findall(r"^\| `([^`]+)` \| `((?:exactsep|python) [^`]+)` \|$", README, flags=re.M)


def _run(command: str) -> str:
    argv = shlex.split(command)
    if argv[0] == "python":
        r = subprocess.run([sys.executable] + argv[1:], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout
    buf = io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        with redirect_stdout(buf):
            assert main(argv[1:]) == 0
    finally:
        os.chdir(cwd)
    return buf.getvalue()


def test_every_output_file_is_listed():
    listed = {f for f, _ in ROWS}
    produced = {p.name for p in (ROOT / "examples" / "relu").iterdir() if p.suffix == ".out" or p.name.endswith(".fundim.json")}
    assert produced and produced <= listed


@pytest.mark.parametrize("name,command", ROWS)
def test_output_file_is_what_its_command_prints(name, command):
    assert _run(command) == (ROOT / "examples" / "relu" / name).read_text(encoding="utf-8")


def test_weight_file_session(tmp_path):
    code = README.split("```python\n", 1)[1].split("```", 1)[0]
    session = README.split("```python\n", 1)[1].split("```\n$ ", 1)[1].split("```", 1)[0].splitlines()
    command, expected = session[0], session[1:]
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        exec(code, {})
        argv = [a if not a.startswith("examples/") else str(ROOT / a) for a in shlex.split(command)]
        buf = io.StringIO()
        with redirect_stdout(buf):
            assert main(argv[1:]) == 0
    finally:
        os.chdir(cwd)
    assert buf.getvalue().splitlines() == expected
