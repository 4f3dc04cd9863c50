"""Network.from_npz: key conventions, exact float conversion on request, refusal otherwise."""
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidSpecError, NonExactInputError, ShapeError
from exactsep.nets import Network


def _forward_int(Ws, bs, x):
    v = np.array(x, dtype=object)
    for i, (W, b) in enumerate(zip(Ws, bs)):
        v = W.astype(object) @ v + b.astype(object)
        if i < len(Ws) - 1:
            v = np.array([max(t, 0) for t in v], dtype=object)
    return [int(t) for t in v]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=2, max_size=4), st.integers(0, 2 ** 31), st.booleans())
def test_integer_npz_matches_direct_evaluation(tmp_path_factory, widths, seed, one_based):
    rng = np.random.default_rng(seed)
    Ws = [rng.integers(-5, 6, size=(widths[l], widths[l - 1])) for l in range(1, len(widths))]
    bs = [rng.integers(-5, 6, size=widths[l]) for l in range(1, len(widths))]
    off = 1 if one_based else 0
    arrays = {}
    for i, (W, b) in enumerate(zip(Ws, bs)):
        arrays[f"W{i + off}"] = W
        arrays[f"b{i + off}"] = b
    f = tmp_path_factory.mktemp("npz") / "net.npz"
    np.savez(f, **arrays)
    net = Network.from_npz(f)
    assert net.widths == tuple(widths)
    x = [int(v) for v in rng.integers(-4, 5, size=widths[0])]
    assert net(x) == _forward_int(Ws, bs, x)


def test_state_dict_names_in_file_order_and_missing_bias(tmp_path):
    f = tmp_path / "sd.npz"
    np.savez(f, **{"fc1.weight": np.array([[1, 2]]), "fc1.bias": np.array([-1]),
                   "fc2.weight": np.array([[3]])})
    net = Network.from_npz(f)
    assert net.widths == (2, 1, 1) and net.layers[1].b == (0,)
    assert net.layers[0].activation.name == "relu" and net.layers[1].activation is None
    assert net([1, 1]) == [6]


def test_floats_refused_unless_exact(tmp_path):
    f = tmp_path / "f.npz"
    np.savez(f, W0=np.array([[0.1, 0.5]]), b0=np.array([0.0]))
    with pytest.raises(NonExactInputError, match="floats"):
        Network.from_npz(f)
    net = Network.from_npz(f, floats="exact")
    assert net.layers[0].W == ((Fraction(0.1), Fraction(1, 2)),)
    with pytest.raises(InvalidSpecError):
        Network.from_npz(f, floats="round")


def test_transpose_activation_list_and_errors(tmp_path):
    f = tmp_path / "k.npz"
    np.savez(f, W0=np.array([[1, 2, 3]]).T, b0=np.array([0]), W1=np.array([[2]]), b1=np.array([1]))
    net = Network.from_npz(f, transpose=True, activation=["leaky_relu:1/2"])
    assert net.widths == (3, 1, 1)
    assert net([-1, 0, 0]) == [Fraction(0)]          # 2 * (1/2 * -1) + 1
    with pytest.raises(InvalidSpecError):
        Network.from_npz(f, activation=["relu", "relu"])
    g = tmp_path / "bad.npz"
    np.savez(g, W0=np.array([[1, 2]]), b0=np.array([0]), W1=np.array([[1, 1]]), b1=np.array([0]))
    with pytest.raises(ShapeError):
        Network.from_npz(g)
    h = tmp_path / "none.npz"
    np.savez(h, foo=np.array([1]))
    with pytest.raises(InvalidSpecError, match="key convention"):
        Network.from_npz(h)
    with pytest.raises(InvalidSpecError):
        Network.from_npz(tmp_path / "missing.npz")
