"""Networks from the objects users hold: numpy .npz weight files and PyTorch models / state_dicts (PyTorch is
optional: its tests skip without it). Float weights are converted exactly and the conversion is stated."""
import json
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.cli import main
from exactsep.cliutil import read_network
from exactsep.errors import InvalidSpecError, NonExactInputError
from exactsep.nets import Network, float_conversion
from exactsep.nets.network import num_params


@st.composite
def float32_mlps(draw, max_n0=2, max_hidden=2, max_width=3):
    """Widths and float32 weights that are small dyadic rationals m/8 (so float64 arithmetic on integer inputs
    is exact and can serve as an independent evaluation)."""
    n0 = draw(st.integers(1, max_n0))
    widths = [n0] + draw(st.lists(st.integers(1, max_width), min_size=1, max_size=max_hidden)) + [1]
    Ws, bs = [], []
    for a, b in zip(widths, widths[1:]):
        Ws.append(np.array(draw(st.lists(st.integers(-16, 16), min_size=a * b, max_size=a * b)),
                           dtype=np.float32).reshape(b, a) / 8)
        bs.append(np.array(draw(st.lists(st.integers(-16, 16), min_size=b, max_size=b)), dtype=np.float32) / 8)
    return widths, Ws, bs


def _float_forward(Ws, bs, x):
    v = np.asarray(x, dtype=np.float64)
    for i, (W, b) in enumerate(zip(Ws, bs)):
        v = W.astype(np.float64) @ v + b.astype(np.float64)
        if i < len(Ws) - 1:
            v = np.maximum(v, 0)
    return v


@settings(max_examples=40, deadline=None)
@given(float32_mlps(), st.lists(st.integers(-5, 5), min_size=2, max_size=2))
def test_npz_float_weights_are_converted_exactly(mlp, x):
    widths, Ws, bs = mlp
    arrays = {}
    for i, (W, b) in enumerate(zip(Ws, bs)):
        arrays[f"W{i}"], arrays[f"b{i}"] = W, b
    net = Network.from_npz(arrays, floats="exact")
    assert net.widths == tuple(widths)
    flat = [Fraction(float(v)) for W, b in zip(Ws, bs) for v in list(W.reshape(-1)) + list(b)]
    assert [Fraction(v) for v in net.flat()] == flat                     # the stored binary values, exactly
    x = x[:widths[0]]
    assert [Fraction(v) for v in net(x)] == [Fraction(float(v)) for v in _float_forward(Ws, bs, x)]
    fc = float_conversion(arrays)
    assert fc.entries == num_params(widths) and fc.dtypes == ("float32",) and fc.max_exponent <= 3


def test_float_conversion_states_the_dyadic_value():
    fc = float_conversion({"w": np.array([0.1], dtype=np.float32)})
    assert Fraction(13421773, 2 ** 27) == Fraction(float(np.float32(0.1)))
    assert "13421773/134217728" in fc.describe() and "dyadic" in fc.describe()
    assert float_conversion({"w": np.array([1, 2])}).describe() == "no float weights (exact integers)"


def _write_npz(tmp_path, widths, theta, name="net.npz", dtype=np.float64):
    net = Network.from_flat(widths, theta)
    arrays = {}
    for i, L in enumerate(net.layers):
        arrays[f"W{i}"] = np.array([[float(v) for v in r] for r in L.W], dtype=dtype)
        arrays[f"b{i}"] = np.array([float(v) for v in L.b], dtype=dtype)
    p = tmp_path / name
    np.savez(p, **arrays)
    return str(p)


# f(x) = x as 1/2 ReLU(2x - 1) - 1/4 ReLU(-4x + 2) + 1/2 (the T3 construction with dyadic weights: exact as floats)
T3 = {"widths": [1, 2, 1], "theta": [2, -4, -1, 2, "1/2", "-1/4", "1/2"]}


@pytest.mark.parametrize("command", [["fundim", "--enumerate"], ["regions"]])
def test_cli_npz_gives_the_json_answer_and_states_the_conversion(tmp_path, capsys, command):
    js = tmp_path / "t.json"
    js.write_text(json.dumps(T3))
    npz = _write_npz(tmp_path, T3["widths"], T3["theta"])
    assert main([command[0], str(js), "--json"] + command[1:]) == 0
    a = json.loads(capsys.readouterr().out)
    assert main([command[0], npz, "--json"] + command[1:]) == 0
    b = json.loads(capsys.readouterr().out)
    conv = b.pop("input")
    a.pop("input")
    assert a == b
    assert conv["source"] == "npz" and conv["float_conversion"]["entries"] == 7
    assert main([command[0], npz] + command[1:]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "npz weights" in first and "converted exactly" in first
    assert main([command[0], npz, "--floats", "refuse"] + command[1:]) == 2
    assert "floats" in capsys.readouterr().err


def test_cli_same_function_across_formats(tmp_path, capsys):
    js = tmp_path / "t.json"
    js.write_text(json.dumps(T3))
    npz = _write_npz(tmp_path, T3["widths"], T3["theta"], dtype=np.float32)
    assert main(["same-function", str(js), npz, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["same_function"] is True and [i["source"] for i in out["inputs"]] == ["json", "npz"]
    other = _write_npz(tmp_path, [1, 2, 1], [2, -4, -1, 2, "1/2", "-1/4", 1], name="other.npz")
    assert main(["same-function", npz, other]) == 0
    assert "different functions" in capsys.readouterr().out


def test_json_layers_form_and_bad_files(tmp_path, capsys):
    p = tmp_path / "l.json"
    p.write_text(json.dumps({"layers": [{"W": [[1]], "b": [0], "activation": "relu"}, {"W": [[1]], "b": [0]}]}))
    assert read_network(str(p)).network.widths == (1, 1, 1)
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InvalidSpecError, match="npz"):
        read_network(str(bad))
    with pytest.raises(InvalidSpecError, match="cannot read"):
        read_network(str(tmp_path / "missing.npz"))
    assert main(["regions", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_pt_file_without_torch_is_one_clear_line(tmp_path, capsys, monkeypatch):
    p = tmp_path / "w.pt"
    p.write_bytes(b"\x80\x02}q\x00.")
    monkeypatch.setitem(sys.modules, "torch", None)          # import torch -> ImportError
    assert main(["fundim", str(p)]) == 2
    err = capsys.readouterr().err
    assert "PyTorch" in err and "np.savez" in err and err.count("\n") == 1


# ----------------------------------------------------------------------------- PyTorch (optional)
def _torch():
    return pytest.importorskip("torch")


@settings(max_examples=25, deadline=None)
@given(float32_mlps(), st.lists(st.integers(-5, 5), min_size=2, max_size=2))
def test_torch_sequential_and_state_dict_match_torch_float64(mlp, x):
    torch = _torch()
    widths, Ws, bs = mlp
    mods = []
    for i, (W, b) in enumerate(zip(Ws, bs)):
        lin = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b))
        mods.append(lin)
        if i < len(Ws) - 1:
            mods.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*mods)
    net = Network.from_torch(model)
    assert net == Network.from_torch(model.state_dict())
    x = x[:widths[0]]
    with torch.no_grad():
        ref = model.double()(torch.tensor([x], dtype=torch.float64))[0].tolist()   # exact: dyadic weights m/8
    assert [Fraction(v) for v in net(x)] == [Fraction(v) for v in ref]


def test_torch_activations_and_refusals():
    torch = _torch()
    nn = torch.nn
    net = Network.from_torch(nn.Sequential(nn.Linear(1, 2), nn.LeakyReLU(0.125), nn.Dropout(0.5), nn.Linear(2, 1)))
    assert net.layers[0].activation.spec == "leaky_relu:1/8" and net.layers[1].activation is None
    with pytest.raises(InvalidSpecError, match="Conv1d"):
        Network.from_torch(nn.Sequential(nn.Conv1d(1, 1, 1)))
    with pytest.raises(InvalidSpecError, match="must follow a Linear"):
        Network.from_torch(nn.Sequential(nn.ReLU(), nn.Linear(1, 1)))
    with pytest.raises(NonExactInputError, match="floats"):
        Network.from_torch(nn.Sequential(nn.Linear(1, 1)), floats="refuse")


def test_cli_reads_a_torch_state_dict_file(tmp_path, capsys):
    torch = _torch()
    nn = torch.nn
    model = nn.Sequential(nn.Linear(1, 2), nn.ReLU(), nn.Linear(2, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[2.0], [-4.0]]))
        model[0].bias.copy_(torch.tensor([-1.0, 2.0]))
        model[2].weight.copy_(torch.tensor([[0.5, -0.25]]))
        model[2].bias.copy_(torch.tensor([0.5]))
    pt = tmp_path / "m.pt"
    torch.save(model.state_dict(), pt)
    js = tmp_path / "t.json"
    js.write_text(json.dumps(T3))
    ident = tmp_path / "id.json"
    ident.write_text(json.dumps({"widths": [1, 2, 1], "theta": [1, -1, 0, 0, 1, -1, 0]}))   # ReLU(x) - ReLU(-x)
    assert main(["same-function", str(pt), str(ident), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["same_function"] is True and out["inputs"][0]["source"] == "torch"
    assert main(["fundim", str(pt)]) == 0
    assert "torch weights" in capsys.readouterr().out
    torch.save(model, tmp_path / "whole.pt")                  # a pickled module is not unpickled
    assert main(["fundim", str(tmp_path / "whole.pt")]) == 2
    assert "state_dict" in capsys.readouterr().err
