"""Exact feedforward networks over Q.

A :class:`Network` is a list of :class:`Layer` s, each ``x -> act(W x + b)``; ``activation=None``
means an affine layer (the usual last layer). Parameters are exact rationals (``int``/``Fraction``).

The ReLU architecture ``(n0, n1, ..., nd)`` has the flat parameter order W1 row-major, b1, W2
row-major, b2, ..., Wd, bd (row i of W_l = incoming weights of neuron i); hidden layers use ReLU,
the last layer is affine.

>>> from exactsep.nets import Network
>>> net = Network.from_flat([1, 2, 1], [1, -1, 0, 1, 1, 1, 0])
>>> net.widths, net.num_params
((1, 2, 1), 7)
>>> net([3])
[3]
>>> net.pattern([3])          # per hidden layer, +1 / 0 / -1 sign of each pre-activation
((1, -1),)
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError, ShapeError
from ..numbers import normalize, exact_matrix, exact_vector, Rational
from .activations import Activation, get_activation


@dataclass(frozen=True)
class Layer:
    """One layer ``x -> activation(W x + b)``; ``W`` has shape (out, in)."""

    W: Tuple[Tuple[Rational, ...], ...]
    b: Tuple[Rational, ...]
    activation: Optional[Activation] = None

    @classmethod
    def make(cls, W: Any, b: Any, activation: Any = None) -> "Layer":
        Wr = exact_matrix(W, what="weight matrix W")
        if not Wr:
            raise ShapeError("weight matrix W has no rows")
        br = exact_vector(b, length=len(Wr), what="bias b")
        return cls(tuple(tuple(r) for r in Wr), tuple(br), get_activation(activation))

    @property
    def n_in(self) -> int:
        return len(self.W[0])

    @property
    def n_out(self) -> int:
        return len(self.W)

    def preactivation(self, x: Sequence[Rational]) -> List[Rational]:
        return [sum((w * xi for w, xi in zip(row, x)), bi) for row, bi in zip(self.W, self.b)]

    def __call__(self, x: Sequence[Rational]) -> List[Rational]:
        z = self.preactivation(x)
        return z if self.activation is None else [self.activation.exact(v) for v in z]


@dataclass(frozen=True)
class Network:
    """A feedforward network: a tuple of layers with matching shapes."""

    layers: Tuple[Layer, ...]

    def __post_init__(self):
        if not self.layers:
            raise InvalidSpecError("a network needs at least one layer")
        for i in range(1, len(self.layers)):
            if self.layers[i].n_in != self.layers[i - 1].n_out:
                raise ShapeError(
                    f"layer {i} expects {self.layers[i].n_in} inputs but layer {i - 1} has {self.layers[i - 1].n_out} outputs")

    # -- construction --
    @classmethod
    def from_layers(cls, layers: Sequence[Any]) -> "Network":
        """From ``Layer`` objects or dicts ``{"W": ..., "b": ..., "activation": ...}``."""
        out = []
        for i, L in enumerate(layers):
            if isinstance(L, Layer):
                out.append(L)
            elif isinstance(L, dict):
                if "W" not in L or "b" not in L:
                    raise InvalidSpecError(f"layer {i} needs keys 'W' and 'b'")
                out.append(Layer.make(L["W"], L["b"], L.get("activation")))
            else:
                raise InvalidSpecError(f"layer {i} must be a Layer or a dict, got {type(L).__name__}")
        return cls(tuple(out))

    @classmethod
    def from_flat(cls, widths: Sequence[int], theta: Sequence[Any], activation: str = "relu") -> "Network":
        """ReLU (or other ``activation``) network of architecture ``widths`` from flat parameters."""
        widths = check_widths(widths)
        D = num_params(widths)
        if isinstance(theta, (str, bytes)) or not hasattr(theta, "__len__"):
            raise ShapeError("theta must be a list of numbers")
        if len(theta) != D:
            raise ShapeError(f"theta has {len(theta)} entries; architecture {list(widths)} needs {D}")
        th = exact_vector(theta, what="theta")
        layers, pos = [], 0
        for l in range(1, len(widths)):
            n_in, n_out = widths[l - 1], widths[l]
            W = [th[pos + i * n_in: pos + (i + 1) * n_in] for i in range(n_out)]
            pos += n_in * n_out
            b = th[pos: pos + n_out]
            pos += n_out
            act = activation if l < len(widths) - 1 else None
            layers.append(Layer(tuple(tuple(r) for r in W), tuple(b), get_activation(act)))
        return cls(tuple(layers))

    @classmethod
    def from_npz(cls, path: Any, *, activation: Any = "relu", output_activation: Any = None,
                 floats: str = "refuse", transpose: bool = False) -> "Network":
        """Load weights from a numpy ``.npz`` file (or an already opened ``np.load`` result / dict).

        Key conventions, tried in this order:

        1. ``W0, b0, W1, b1, ...`` (also ``W1, b1, W2, ...``; layers in index order);
        2. PyTorch ``state_dict`` export names ``<name>.weight`` / ``<name>.bias`` (e.g. ``0.weight``,
           ``fc1.weight``, ``net.2.weight``), in the file's order (``np.savez(f, **{k: v.numpy() for k, v
           in model.state_dict().items()})`` keeps the module order); a missing bias is zero.

        Weight arrays have shape (out, in) like ``torch.nn.Linear``; ``transpose=True`` reads (in, out)
        kernels (Keras). Hidden layers get ``activation`` (a string, or a list with one entry per hidden
        layer); the last layer gets ``output_activation`` (default: affine).

        Float arrays are refused (:class:`NonExactInputError`) unless ``floats="exact"``: then every float
        is converted to the exact rational it stores, ``Fraction(float)`` (e.g. 0.1 becomes
        3602879701896397/36028797018963968). Integer arrays are always exact.

        >>> import io, numpy as np
        >>> buf = io.BytesIO()
        >>> np.savez(buf, W0=np.array([[1, -1]]), b0=np.array([0]), W1=np.array([[2]]), b1=np.array([1]))
        >>> _ = buf.seek(0)
        >>> Network.from_npz(buf)([3, 1])
        [5]
        >>> buf = io.BytesIO(); np.savez(buf, **{"0.weight": np.array([[0.5]]), "0.bias": np.array([0.25])})
        >>> _ = buf.seek(0)
        >>> Network.from_npz(buf, floats="exact")([1])
        [Fraction(3, 4)]
        """
        import re
        import numpy as np
        from ..errors import NonExactInputError
        if floats not in ("refuse", "exact"):
            raise InvalidSpecError(f"floats must be 'refuse' or 'exact', got {floats!r}")
        if isinstance(path, dict):
            data, files = path, list(path.keys())
        elif hasattr(path, "files") and hasattr(path, "__getitem__"):
            data, files = path, list(path.files)
        else:
            try:
                data = np.load(path, allow_pickle=False)
            except (OSError, ValueError) as e:
                raise InvalidSpecError(f"cannot read npz file {path!r}: {e}") from None
            if not hasattr(data, "files"):
                raise InvalidSpecError(f"{path!r} is not an .npz archive (np.savez); got a single array")
            files = list(data.files)
            try:
                data = {k: data[k] for k in files}          # read everything, then close the file
            except ValueError as e:
                raise InvalidSpecError(f"cannot read npz file {path!r}: {e}") from None
        pairs = []
        idx = {}
        for k in files:
            m = re.fullmatch(r"([Wb])_?(\d+)", k)
            if m:
                idx.setdefault(int(m.group(2)), {})[m.group(1)] = k
        if idx and all("W" in v for v in idx.values()):
            pairs = [(idx[i]["W"], idx[i].get("b")) for i in sorted(idx)]
        else:
            for k in files:
                if k.endswith(".weight") or k == "weight":
                    stem = k[: -len("weight")]
                    bk = stem + "bias"
                    pairs.append((k, bk if bk in files else None))
        if not pairs:
            raise InvalidSpecError(
                f"npz file has no weights under a known key convention (W0, b0, W1, ... or <name>.weight / "
                f"<name>.bias); found keys {files[:8]}")

        def conv(arr, name):
            a = np.asarray(arr)
            if a.dtype.kind in "iu":
                return [[int(v) for v in row] for row in a.reshape(a.shape[0], -1).tolist()] if a.ndim == 2 \
                    else [int(v) for v in a.tolist()]
            if a.dtype.kind == "f":
                if floats != "exact":
                    raise NonExactInputError(
                        f"npz array {name!r} holds floats ({a.dtype}); pass floats='exact' (CLI: --npz-floats exact) "
                        "to convert each float to the exact rational it stores")
                if not np.all(np.isfinite(a)):
                    raise NonExactInputError(f"npz array {name!r} has non-finite entries")
                to = lambda v: normalize(Fraction(float(v)))
                return [[to(v) for v in row] for row in a.tolist()] if a.ndim == 2 else [to(v) for v in a.tolist()]
            raise NonExactInputError(f"npz array {name!r} has unsupported dtype {a.dtype}")

        n_layers = len(pairs)
        hidden = activation if isinstance(activation, (list, tuple)) else [activation] * (n_layers - 1)
        if len(hidden) != n_layers - 1:
            raise InvalidSpecError(f"activation list has {len(hidden)} entries; the file has {n_layers - 1} hidden layers")
        layers = []
        for i, (wk, bk) in enumerate(pairs):
            Wa = np.asarray(data[wk])
            if Wa.ndim != 2:
                raise ShapeError(f"npz array {wk!r} must be 2-dimensional, has shape {Wa.shape}")
            if transpose:
                Wa = Wa.T
            W = conv(Wa, wk)
            b = conv(np.asarray(data[bk]).reshape(-1), bk) if bk is not None else [0] * len(W)
            act = hidden[i] if i < n_layers - 1 else output_activation
            layers.append(Layer.make(W, b, act))
        return cls.from_layers(layers)

    # -- shape --
    @property
    def widths(self) -> Tuple[int, ...]:
        return (self.layers[0].n_in,) + tuple(L.n_out for L in self.layers)

    @property
    def num_params(self) -> int:
        return num_params(self.widths)

    def flat(self) -> List[Rational]:
        out: List[Rational] = []
        for L in self.layers:
            for r in L.W:
                out.extend(r)
            out.extend(L.b)
        return out

    # -- evaluation --
    def _check_input(self, x: Any) -> List[Rational]:
        return exact_vector(x, length=self.widths[0], what="input")

    def __call__(self, x: Any) -> List[Rational]:
        """Exact output; integral values come back as ``int``."""
        return [normalize(v) for v in self.forward(x)[-1]]

    def forward(self, x: Any) -> List[List[Rational]]:
        """Activations after every layer (index 0 is the input)."""
        v = self._check_input(x)
        outs = [v]
        for L in self.layers:
            v = L(v)
            outs.append(v)
        return outs

    def preactivations(self, x: Any) -> List[List[Rational]]:
        """Pre-activations ``W x + b`` of every layer."""
        v = self._check_input(x)
        pres = []
        for L in self.layers:
            z = L.preactivation(v)
            pres.append(z)
            v = z if L.activation is None else [L.activation.exact(t) for t in z]
        return pres

    def pattern(self, x: Any) -> Tuple[Tuple[int, ...], ...]:
        """Ternary activation pattern: for every layer with an activation, the sign (+1, 0, -1)
        of each pre-activation."""
        pres = self.preactivations(x)
        return tuple(tuple((z > 0) - (z < 0) for z in zs)
                     for L, zs in zip(self.layers, pres) if L.activation is not None)


def check_widths(widths: Any) -> Tuple[int, ...]:
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__len__") or len(widths) < 2:
        raise InvalidSpecError(f"widths must be a list of at least two positive integers, got {widths!r}")
    out = []
    for w in widths:
        if isinstance(w, bool) or not isinstance(w, int) or w < 1:
            raise InvalidSpecError(f"widths must be positive integers, got {list(widths)!r}")
        out.append(int(w))
    return tuple(out)


def num_params(widths: Sequence[int]) -> int:
    return sum(widths[l] * widths[l - 1] + widths[l] for l in range(1, len(widths)))
