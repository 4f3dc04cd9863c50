import io
import json
import subprocess
import sys
from contextlib import redirect_stdout
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.cli import main
from exactsep.folding import fold
from exactsep.nets import Network

EX2 = {"layers": [{"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
                  {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"},
                  {"W": [[1, 1, 1]], "b": [0], "activation": None}],
       "x1": [0], "x2": [40]}


def _spec(tmp_path, obj, name="spec.json"):
    p = tmp_path / name
    p.write_text(obj if isinstance(obj, str) else json.dumps(obj))
    return str(p)


def _run(capsys, argv):
    rc = main(argv)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_fold_json_ex2(tmp_path, capsys):
    rc, out, _ = _run(capsys, ["fold", _spec(tmp_path, EX2), "--json", "--samples", "11"])
    assert rc == 0
    d = json.loads(out)
    assert (d["chi"], d["chi_reverse"], d["r1"], d["r2"], d["pieces"]) == ("1/2", "5/8", 4, 8, 9)
    assert d["breakpoints"] == ["1/8", "3/20", "7/40", "9/40", "41/80", "21/40", "43/80", "33/40"]
    assert d["sampled"]["chi"] == "1/4" and d["sampled"]["r1"] == 3 and d["sampled"]["r2"] == 4
    assert d["exact"] is True


def test_fold_layers_option_and_text(tmp_path, capsys):
    rc, out, _ = _run(capsys, ["fold", _spec(tmp_path, EX2), "--layers", "1", "--json"])
    assert rc == 0 and json.loads(out)["chi"] == "2/3"
    rc, out, _ = _run(capsys, ["fold", _spec(tmp_path, EX2)])
    assert rc == 0 and "chi = 1/2" in out and "reverse chi = 5/8" in out


def test_flat_chi_is_a_string(tmp_path, capsys):
    spec = {"layers": [{"W": [[1], [-1]], "b": [0, 0], "activation": "relu"}], "x1": [-1], "x2": [1]}
    rc, out, _ = _run(capsys, ["fold", _spec(tmp_path, spec), "--json"])
    d = json.loads(out)
    assert d["chi"] == "0" and d["chi_reverse"] == "0" and d["pieces"] == 2 and d["breakpoints"] == ["1/2"]


@pytest.mark.parametrize("spec, extra", [
    ('{"layers": [{"W": [[0.5]], "b": [0]}], "x1": [0], "x2": [1]}', []),
    ('{"layers": [{"W": [[1]], "b": [0], "activation": "relu"}], "x1": [0]}', []),
    ('{"layers": [{"W": [[1]], "b": [0], "activation": "relu"}], "x1": [0, 1], "x2": [1, 1]}', []),
    ('{"layers": [{"W": [[1]], "b": [0], "activation": "bogus"}], "x1": [0], "x2": [1]}', []),
    ('[1, 2]', []),
    ('{"layers": 3, "x1": [0], "x2": [1]}', []),
    ('{"layers": [{"W": [[1]], "b": [0], "activation": "relu"}], "x1": [0], "x2": [1]}', ["--layers", "a"]),
    ('{"layers": [{"W": [[1]], "b": [0], "activation": "relu"}], "x1": [0], "x2": [1]}', ["--layers", "7"]),
    ('{"layers": [{"W": [[1]], "b": [0], "activation": "relu"}], "x1": [0], "x2": [1]}', ["--samples", "1"]),
    ('{"layers": [{"W": [[1]], "b": [0], "activation": "relu"}], "x1": ["x"], "x2": [1]}', []),
    ('{"layers": [{"W": [[1, 2], [1]], "b": [0, 0]}], "x1": [0, 0], "x2": [1, 1]}', []),
    ('not json', []),
])
def test_bad_input_one_line_exit_2(tmp_path, capsys, spec, extra):
    rc, out, err = _run(capsys, ["fold", _spec(tmp_path, spec)] + extra)
    assert rc == 2
    assert err.startswith("exactsep: error:") and err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_no_traceback_in_subprocess(tmp_path):
    r = subprocess.run([sys.executable, "-m", "exactsep.cli", "fold", str(tmp_path / "nope.json")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_npz_option(tmp_path, capsys):
    f = tmp_path / "net.npz"
    np.savez(f, W0=np.array([[1], [1], [1]]), b0=np.array([1, -21, -6]),
             W1=np.array([[1, -2, 0], [2, -4, 0], [1, 0, -2]]), b1=np.array([-10, -43, -6]),
             W2=np.array([[1, 1, 1]]), b2=np.array([0]))
    rc, out, _ = _run(capsys, ["fold", "--npz", str(f), "--x1", "0", "--x2", "40", "--json"])
    assert rc == 0 and json.loads(out)["chi"] == "1/2"
    g = tmp_path / "float.npz"
    np.savez(g, **{"0.weight": np.array([[0.5]]), "0.bias": np.array([0.25]),
                   "2.weight": np.array([[1.0]]), "2.bias": np.array([0.0])})
    rc, _, err = _run(capsys, ["fold", "--npz", str(g), "--floats", "refuse", "--x1", "-1", "--x2", "1"])
    assert rc == 2 and "floats" in err
    rc, out, _ = _run(capsys, ["fold", "--npz", str(g), "--x1", "-1", "--x2", "1", "--json"])   # exact by default
    d = json.loads(out)
    assert rc == 0 and d["breakpoints"] == ["1/4"]
    assert d["input"]["float_conversion"]["entries"] == 4 and "exactly" in d["input"]["float_conversion"]["statement"]
    rc, out, _ = _run(capsys, ["fold", str(g), "--npz-floats", "exact", "--x1", "-1", "--x2", "1"])  # positional file
    assert rc == 0 and "converted exactly" in out.splitlines()[0]
    rc, _, err = _run(capsys, ["fold", "--npz", str(g)])
    assert rc == 2 and "x1" in err


def test_plot_option(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    png = tmp_path / "fold.png"
    rc, out, _ = _run(capsys, ["fold", _spec(tmp_path, EX2), "--plot", str(png)])
    assert rc == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rc, _, err = _run(capsys, ["fold", _spec(tmp_path, EX2), "--plot", str(tmp_path / "no" / "dir.png")])
    assert rc == 2 and err.count("\n") == 1


def test_example_spec_file_runs(capsys):
    spec = Path(__file__).resolve().parents[2] / "examples" / "folding" / "ex2.json"
    rc, out, _ = _run(capsys, ["fold", str(spec), "--json"])
    assert rc == 0 and json.loads(out)["chi"] == "1/2"


def test_plot_functions_return_axes(tmp_path):
    pytest.importorskip("matplotlib")
    from exactsep.folding import fold, plot_folding, plot_profile, plot_walk
    from exactsep.nets import Network
    r = fold(Network.from_layers(EX2["layers"]), [0], [40])
    assert plot_walk(r, str(tmp_path / "w.png")) is not None and (tmp_path / "w.png").exists()
    assert plot_profile(r, str(tmp_path / "p.png")) is not None and (tmp_path / "p.png").exists()
    assert plot_folding(r, str(tmp_path / "f.png")) == str(tmp_path / "f.png")


def test_fold_help_defines_r1_r2_and_endpoint_distance(capsys):
    with pytest.raises(SystemExit):
        main(["fold", "--help"])
    text = capsys.readouterr().out
    for word in ("r1", "r2", "endpoint distance", "bent hyperplane", "t = 0"):
        assert word in text



@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=2, max_size=2), st.lists(st.integers(-3, 3), min_size=3, max_size=3),
       st.integers(-4, 4), st.integers(-4, 4))
def test_fold_text_reports_endpoints_on_bent_hyperplanes(tmp_path_factory, b1, w2, a, c):
    """The text output says "x1 lies on a bent hyperplane" exactly when a neuron is 0 at x1 while its bit
    differs just after x1 (the walk steps at t = 0); likewise for x2 at t = 1."""
    if a == c:
        return
    layers = [{"W": [[1], [1]], "b": b1, "activation": "relu"}, {"W": [w2[:2]], "b": [w2[2]], "activation": "relu"}]
    net = Network.from_layers(layers)
    res = fold(net, [a], [c])
    path = tmp_path_factory.mktemp("fold") / "s.json"
    path.write_text(json.dumps({"layers": layers, "x1": [a], "x2": [c]}))
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["fold", str(path)]) == 0
    text = buf.getvalue()
    # a point strictly inside the first (last) piece, found independently of the walk
    near1 = min(res.breakpoints) / 2 if res.breakpoints else Fraction(1, 2)
    near2 = (1 + max(res.breakpoints)) / 2 if res.breakpoints else Fraction(1, 2)
    bits = lambda t: tuple(int(z > 0) for layer in net.preactivations([a + t * (c - a)]) for z in layer)
    assert ("x1 lies on a bent hyperplane" in text) == (bits(0) != bits(near1))
    assert ("x2 lies on a bent hyperplane" in text) == (bits(1) != bits(near2))
    assert f"endpoint distance D = {sum(u != v for u, v in zip(bits(0), bits(1)))}" in text


@pytest.mark.parametrize("samples", ["50000000", "1000000000"])
def test_fold_refuses_oversized_sampling_at_once(samples, capsys):
    import os
    import time
    spec = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "folding", "ex2.json")
    t = time.perf_counter()
    from exactsep.cli import main
    rc = main(["fold", spec, "--samples", samples])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "--max-samples" in err[0]
    assert time.perf_counter() - t < 2.0
