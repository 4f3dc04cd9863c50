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

    @classmethod
    def from_torch(cls, model: Any, *, activation: Any = "relu", output_activation: Any = None,
                   floats: str = "exact") -> "Network":
        """A network from a PyTorch ``nn.Sequential`` of ``Linear`` layers and point-wise activations, or from
        a ``state_dict`` (a mapping of names to tensors, e.g. ``model.state_dict()``). PyTorch is not a
        dependency of exactsep: nothing is imported unless a torch object is passed.

        A Sequential is read module by module: ``Linear`` gives a layer; ``ReLU``, ``LeakyReLU(a)``,
        ``Hardtanh()``, ``ReLU6`` (and ``Identity`` / ``Dropout``, which change nothing at evaluation) set
        the activation of the layer before them; anything else is refused. A state_dict is read like an
        ``.npz`` export (:meth:`from_npz`): ``<name>.weight`` / ``<name>.bias`` in order, ``activation``
        on the hidden layers, ``output_activation`` on the last.

        Every float is converted to the exact rational it stores (a dyadic rational ``m / 2^k``; float32
        values are exactly representable in float64 first); :func:`float_conversion` states it.
        ``floats="refuse"`` refuses float weights instead.

        >>> import torch                                                 # doctest: +SKIP
        >>> model = torch.nn.Sequential(torch.nn.Linear(1, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))  # doctest: +SKIP
        >>> Network.from_torch(model).widths                             # doctest: +SKIP
        (1, 2, 1)
        """
        arrays, acts, out_act = torch_arrays(model)
        if acts is None:                                   # a state_dict: activations from the arguments
            return cls.from_npz(arrays, activation=activation, output_activation=output_activation, floats=floats)
        return cls.from_npz(arrays, activation=acts[:-1] if len(acts) > 1 else [], output_activation=out_act,
                            floats=floats)

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


# ----------------------------------------------------------------------------- PyTorch and float inputs
_TORCH_ACTIVATIONS = {"ReLU": "relu", "ReLU6": "relu6", "Hardtanh": "hardtanh"}
_TORCH_NEUTRAL = {"Identity", "Dropout", "Flatten"}


def torch_arrays(model: Any):
    """``(arrays, activations, output_activation)`` of a PyTorch ``nn.Sequential`` (``activations``: one
    per Linear layer, the activation that follows it, or None) or ``(arrays, None, None)`` for a
    ``state_dict``. ``arrays`` maps ``"<i>.weight"`` / ``"<i>.bias"`` to numpy arrays in layer order."""
    import numpy as np

    def to_numpy(t, name):
        if hasattr(t, "detach"):
            t = t.detach().cpu()
            if str(getattr(t, "dtype", "")) in ("torch.bfloat16", "torch.float16"):
                t = t.float()                    # exact: every half / bfloat16 value is a float32 value
            return t.numpy()
        if isinstance(t, np.ndarray):
            return t
        raise InvalidSpecError(f"state_dict entry {name!r} is a {type(t).__name__}, not a tensor")

    if hasattr(model, "state_dict") and hasattr(model, "named_children"):
        arrays, acts = {}, []
        children = list(model.named_children())
        if not children:
            children = [("0", model)]
        for name, mod in children:
            kind = type(mod).__name__
            if kind == "Linear":
                i = len(acts)
                arrays[f"{i}.weight"] = to_numpy(mod.weight, f"{name}.weight")
                if mod.bias is not None:
                    arrays[f"{i}.bias"] = to_numpy(mod.bias, f"{name}.bias")
                acts.append(None)
            elif kind in _TORCH_ACTIVATIONS or kind == "LeakyReLU":
                if not acts or acts[-1] is not None:
                    raise InvalidSpecError(f"module {name!r} ({kind}) must follow a Linear layer")
                if kind == "LeakyReLU":
                    acts[-1] = f"leaky_relu:{Fraction(float(mod.negative_slope))}"
                elif kind == "Hardtanh" and (float(mod.min_val), float(mod.max_val)) != (-1.0, 1.0):
                    raise InvalidSpecError(f"module {name!r}: only Hardtanh(-1, 1) is supported, got "
                                           f"Hardtanh({mod.min_val}, {mod.max_val})")
                else:
                    acts[-1] = _TORCH_ACTIVATIONS[kind]
            elif kind in _TORCH_NEUTRAL:
                continue
            else:
                raise InvalidSpecError(f"module {name!r} is a {kind}; exactsep reads nn.Sequential models of Linear "
                                       f"layers and ReLU / LeakyReLU / Hardtanh / ReLU6 activations")
        if not acts:
            raise InvalidSpecError("the model has no Linear layer")
        return arrays, acts, acts[-1]
    if hasattr(model, "keys") and hasattr(model, "__getitem__"):
        arrays = {}
        for k in model.keys():
            if not isinstance(k, str):
                raise InvalidSpecError(f"state_dict keys must be strings, got {k!r}")
            arrays[k] = to_numpy(model[k], k)
        return arrays, None, None
    raise InvalidSpecError(f"expected a torch nn.Sequential or a state_dict mapping, got {type(model).__name__}")


@dataclass(frozen=True)
class FloatConversion:
    """What the exact conversion of float weights did: ``entries`` float numbers (of ``dtypes``) in
    ``arrays`` became the dyadic rationals ``m / 2^k`` they store, with ``k <= max_exponent``; ``example``
    shows one non-trivial value."""

    arrays: Tuple[str, ...]
    dtypes: Tuple[str, ...]
    entries: int
    max_exponent: int
    example: str

    def describe(self) -> str:
        if not self.entries:
            return "no float weights (exact integers)"
        return (f"{self.entries} {'/'.join(self.dtypes)} weights converted exactly: each float is the dyadic "
                f"rational m/2^k it stores (largest k = {self.max_exponent})" + (f"; e.g. {self.example}" if self.example else ""))

    def to_json(self) -> dict:
        return {"arrays": list(self.arrays), "dtypes": list(self.dtypes), "entries": self.entries,
                "max_exponent": self.max_exponent, "example": self.example, "statement": self.describe()}


def float_conversion(arrays: Any) -> FloatConversion:
    """Describe the exact conversion of the float arrays of a mapping name -> numpy array.

    >>> import numpy as np
    >>> fc = float_conversion({"W0": np.array([[0.1, 0.5]], dtype=np.float32), "b0": np.array([1, 2])})
    >>> fc.entries, fc.dtypes, fc.max_exponent
    (2, ('float32',), 27)
    >>> fc.example
    '0.1 (float32) = 13421773/134217728'
    """
    import numpy as np
    names, dtypes, n, kmax, example = [], [], 0, 0, ""
    for name in (arrays.keys() if hasattr(arrays, "keys") else arrays.files):
        a = np.asarray(arrays[name])
        if a.dtype.kind != "f":
            continue
        names.append(str(name))
        if str(a.dtype) not in dtypes:
            dtypes.append(str(a.dtype))
        n += a.size
        for v in a.reshape(-1).tolist():
            if v != v or v in (float("inf"), float("-inf")):
                continue
            q = Fraction(v)
            k = q.denominator.bit_length() - 1
            if k > kmax:
                kmax = k
                example = f"{str(a.dtype.type(v))} ({a.dtype}) = {q}"
    return FloatConversion(tuple(names), tuple(dtypes), n, kmax, example)
