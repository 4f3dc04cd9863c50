"""The Instance I example script prints exactly the output stated in its docstring; the learning
example fails cleanly without PyTorch."""
import importlib.util
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples", "srhm")


def _load(name):
    spec = importlib.util.spec_from_file_location(f"srhm_example_{name}", os.path.join(EXAMPLES, f"{name}.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_instance_I_example_output(capsys):
    mod = _load("instance_I")
    mod.main()
    out = capsys.readouterr().out.strip().splitlines()
    doc = mod.__doc__
    expected = doc[doc.index("Expected output"):].split("\n\n", 1)[1].strip().splitlines()
    assert out == expected


def test_learn_example_without_torch():
    try:
        import torch  # noqa: F401
        pytest.skip("torch is installed: the missing-torch path cannot be exercised")
    except ImportError:
        pass
    r = subprocess.run([sys.executable, os.path.join(EXAMPLES, "learn.py")], capture_output=True, text=True)
    assert r.returncode == 1 and "PyTorch" in r.stderr


def test_learn_example_header_matches_its_readme():
    """The deterministic part of learn.py's output (no PyTorch needed) is the one its README shows."""
    mod = _load("learn")
    _, lines = mod.setup(mod.parse_args([]))
    readme = open(os.path.join(EXAMPLES, "README.md"), encoding="utf-8").read()
    block = readme[readme.index("## `python examples/srhm/learn.py`"):].split("```")[1].strip().splitlines()
    assert block[:2] == lines


def test_learn_readme_table_is_the_saved_measurement():
    """examples/srhm/learn_measured.json (written by learn.py --save-json, plotted by the docs) holds the rows the
    README shows."""
    import json
    data = json.load(open(os.path.join(EXAMPLES, "learn_measured.json"), encoding="utf-8"))
    readme = open(os.path.join(EXAMPLES, "README.md"), encoding="utf-8").read()
    block = readme[readme.index("## `python examples/srhm/learn.py`"):].split("```")[1].strip().splitlines()
    assert block[:2] == data["header"]
    table = [l.split() for l in block[3:3 + len(data["rows"])]]
    for row, r in zip(table, data["rows"]):
        assert [int(row[0]), float(row[1]), float(row[2]), float(row[3]), float(row[4].rstrip("s"))] == \
            [r["P"], r["test_error"], r["S_2_1"], r["D_2_1"], r["seconds"]]
    assert data["versions"]["exactsep"] and data["law_cnn"] == 256
