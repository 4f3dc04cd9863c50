"""Small helpers shared by the CLI modules: reading JSON specs and network files, printing results."""
from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from .errors import InvalidSpecError


def read_text(path: str, what: str = "spec") -> str:
    """The text of a file (``-`` for standard input), through the input limits of :mod:`exactsep.limits`:
    a missing or unreadable file, a file above the size limit or bytes that are not UTF-8 are an
    :class:`InvalidSpecError` naming the file (and the byte position / the limit)."""
    from .limits import human_bytes, max_file_bytes
    limit = max_file_bytes()
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read(limit + 1).encode()
        else:
            with open(path, "rb") as f:
                data = f.read(limit + 1)
    except OSError as e:
        raise InvalidSpecError(f"cannot read {what} file {path!r}: {e.strerror or e}") from None
    if len(data) > limit:
        raise InvalidSpecError(f"{what} file {path!r} is larger than the input limit of {human_bytes(limit)}; "
                               f"raise it with --max-file-size or EXACTSEP_MAX_FILE_BYTES")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InvalidSpecError(f"{what} file {path!r} is not UTF-8 text (byte {e.start} is 0x{data[e.start]:02x})") from None


def parse_json(text: str, source: str = "input", what: str = "spec") -> Any:
    """Parse JSON text through the input limits: floats refused (exactness), ``Infinity``/``NaN``
    refused, nesting deeper than the limit refused before parsing, integers longer than the digit
    limit refused. Every refusal names ``source`` and, where it has one, the position.

    >>> parse_json('{"a": [1, "1/2"]}')
    {'a': [1, '1/2']}
    >>> parse_json('[[[1]]]', source="inline")
    [[[1]]]
    """
    from .errors import NonExactInputError
    from .limits import max_int_digits, max_json_depth
    depth_limit = max_json_depth()
    depth = _json_depth(text, depth_limit)
    if depth > depth_limit:
        raise InvalidSpecError(f"{what} {source} nests JSON deeper than the limit of {depth_limit} levels; "
                               f"raise it with --max-json-depth or EXACTSEP_MAX_JSON_DEPTH")
    digits = max_int_digits()

    def parse_int(s: str) -> int:
        n = len(s) - (s[0] == "-")
        if n > digits:
            raise NonExactInputError(f"{what} {source} has an integer with {n} digits, above the limit of {digits}; "
                                     f"raise it with --max-digits or EXACTSEP_MAX_DIGITS")
        return _int_no_limit(s)

    def parse_constant(s: str):
        raise NonExactInputError(f"{what} {source} holds the JSON constant {s}, which is not a finite exact number")

    try:
        return json.loads(text, parse_float=_refuse_float, parse_int=parse_int, parse_constant=parse_constant)
    except json.JSONDecodeError as e:
        raise InvalidSpecError(f"{what} {source} is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:  # pragma: no cover - the depth scan refuses this first
        raise InvalidSpecError(f"{what} {source} nests JSON too deeply") from None


def load_json(path: str, what: str = "spec") -> Any:
    """Read and parse a JSON file (``-`` for standard input) through the one input reader
    (:func:`read_text` then :func:`parse_json`)."""
    return parse_json(read_text(path, what), source=f"file {path!r}" if path != "-" else "on standard input", what=what)


NETWORK_SUFFIXES = (".json", ".npz", ".pt", ".pth")


@dataclass(frozen=True)
class NetworkInput:
    """A network read by :func:`read_network`: the ``network``, where it came from (``source``: ``"json"``,
    ``"npz"`` or ``"torch"``, ``path``), the rest of a JSON spec (``spec``, e.g. ``x1``/``x2`` of a folding
    spec) and, for weight files, the statement of the exact float conversion (``conversion``)."""

    network: Any
    source: str
    path: str
    spec: dict
    conversion: Any = None

    def describe(self) -> str:
        """One line for the text output."""
        w = list(self.network.widths)
        if self.source == "json":
            return f"network {w} from {self.path} (exact JSON numbers)"
        return f"network {w} from {self.path} ({self.source} weights); {self.conversion.describe()}"

    def to_json(self) -> dict:
        out = {"source": self.source, "path": self.path, "widths": list(self.network.widths)}
        if self.conversion is not None:
            out["float_conversion"] = self.conversion.to_json()
        return out


def read_network(path: str, *, floats: str = "exact", activation: Any = "relu", what: str = "network") -> NetworkInput:
    """Read a network from ``path`` (``-`` is JSON on standard input):

    * ``.json``: ``{"widths": [n0, ..., nd], "theta": [...]}`` (ReLU hidden layers, affine output) or
      ``{"layers": [{"W": ..., "b": ..., "activation": ...}, ...]}``; numbers must be exact (ints or
      fraction strings), as everywhere in exactsep;
    * ``.npz``: numpy arrays ``W0, b0, W1, ...`` or a PyTorch ``state_dict`` export (``<name>.weight`` /
      ``<name>.bias``), see :meth:`exactsep.nets.Network.from_npz`;
    * ``.pt`` / ``.pth``: a PyTorch ``state_dict`` saved with ``torch.save(model.state_dict(), path)``
      (read with ``weights_only=True``, never unpickling code; needs PyTorch, which exactsep does not
      depend on).

    Weight files hold floats: with ``floats="exact"`` (the default) each is converted to the exact dyadic
    rational it stores, and ``conversion`` states it; ``floats="refuse"`` refuses them. Weight files get
    ``activation`` on their hidden layers and an affine last layer.
    """
    from .limits import human_bytes, max_file_bytes
    from .nets.network import Network, float_conversion
    if floats not in ("exact", "refuse"):
        raise InvalidSpecError(f"floats must be 'exact' or 'refuse', got {floats!r}")
    low = path.lower()
    if path == "-" or low.endswith(".json") or not low.endswith(NETWORK_SUFFIXES):
        spec = load_json(path, what)
        if not isinstance(spec, dict):
            raise InvalidSpecError(f"{what} file {path!r} must be a JSON object with 'widths' and 'theta' or 'layers'")
        if "widths" in spec and "theta" in spec:
            net = Network.from_flat(spec["widths"], spec["theta"])
        elif "layers" in spec:
            if not isinstance(spec["layers"], list):
                raise InvalidSpecError(f"{what} file {path!r}: 'layers' must be a list of {{W, b, activation}} objects")
            net = Network.from_layers(spec["layers"])
        else:
            raise InvalidSpecError(f"{what} file {path!r} must be a JSON object with keys 'widths' and 'theta' (or "
                                   f"'layers'); weight files may be .npz or .pt")
        return NetworkInput(net, "json", path, spec)
    import os
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise InvalidSpecError(f"cannot read {what} file {path!r}: {e.strerror or e}") from None
    if size > max_file_bytes():
        raise InvalidSpecError(f"{what} file {path!r} is larger than the input limit of {human_bytes(max_file_bytes())}; "
                               f"raise it with --max-file-size or EXACTSEP_MAX_FILE_BYTES")
    if low.endswith(".npz"):
        import numpy as np
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
        except (OSError, ValueError, AttributeError) as e:
            raise InvalidSpecError(f"cannot read {what} file {path!r} as an .npz archive: {e}") from None
        source = "npz"
    else:
        arrays = _torch_state_dict(path, what)
        source = "torch"
    net = Network.from_npz(arrays, activation=activation, floats=floats)
    return NetworkInput(net, source, path, {}, float_conversion(arrays))


def _torch_state_dict(path: str, what: str) -> dict:
    try:
        import torch
    except ImportError:
        raise InvalidSpecError(f"reading the PyTorch file {path!r} needs PyTorch, which exactsep does not depend on: "
                               f"pip install torch, or save the weights with numpy (np.savez) and pass the .npz") from None
    from .nets.network import torch_arrays
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:        # torch raises several types (UnpicklingError, RuntimeError, ...)
        raise InvalidSpecError(f"cannot read {what} file {path!r} as a PyTorch state_dict (saved with "
                               f"torch.save(model.state_dict(), path); whole pickled models are not loaded): "
                               f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    if isinstance(obj, dict) and "state_dict" in obj and hasattr(obj["state_dict"], "keys"):
        obj = obj["state_dict"]
    if not hasattr(obj, "keys"):
        raise InvalidSpecError(f"{what} file {path!r} holds a {type(obj).__name__}, not a state_dict")
    arrays, _, _ = torch_arrays(obj)
    return arrays


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _json_depth(text: str, stop_above: int) -> int:
    """Deepest bracket nesting outside JSON strings (stops counting once above ``stop_above``)."""
    depth = best = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        if m.group() in "[{":
            depth += 1
            if depth > best:
                best = depth
                if best > stop_above:
                    return best
        else:
            depth -= 1
    return best


def _int_no_limit(s: str) -> int:
    """int(s) for a string already checked against exactsep's own digit limit (which may be above
    Python's default 4,300-digit conversion limit)."""
    try:
        return int(s)
    except ValueError:
        if not hasattr(sys, "set_int_max_str_digits"):  # pragma: no cover - Python without the limit
            raise
        old = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return int(s)
        finally:
            sys.set_int_max_str_digits(old)


@contextmanager
def writing(path: str, what: str) -> Iterator[str]:
    """Around code that writes the output file ``path``; yields the path to write to.

    The code writes a temporary file next to ``path`` (same extension, so format detection works), which
    replaces ``path`` only when the block finishes: an error or Ctrl-C leaves no partial file, and an
    existing file keeps its old content until the new one is complete (existing files are overwritten,
    as documented in the CLI reference). A path that exists and is not a regular file (a device such as
    ``/dev/stdout``, a pipe) is written directly. An OS error (missing directory, no permission, a full disk)
    becomes an InvalidSpecError naming the file, so the CLI prints one line, exit 2.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp(); target = os.path.join(d, "out.txt")
    >>> with writing(target, "text") as tmp:
    ...     _ = open(tmp, "w").write("done")
    >>> open(target).read(), sorted(os.listdir(d))
    ('done', ['out.txt'])
    """
    import os
    special = _special_file(path)
    head, tail = os.path.split(path)
    stem, ext = os.path.splitext(tail)
    # a device or a pipe (/dev/stdout, /dev/full) is written directly, a regular file through a temporary one
    tmp = path if special else os.path.join(head, f".{stem}.partial-{os.getpid()}{ext}")
    try:
        yield tmp
        if tmp != path:
            os.replace(tmp, path)
    except OSError as e:
        if tmp != path:
            _remove_quietly(tmp)
        raise InvalidSpecError(f"cannot write the {what} file {path!r}: {e.strerror or e}") from None
    except BaseException:
        if tmp != path:
            _remove_quietly(tmp)
        raise


def check_output_path(path: str, what: str, flag: str, image: bool = False) -> None:
    """Refuse, before any work, an output path that cannot be written: a directory-like name, a missing
    directory, a directory without write permission, or (``image=True``) a format matplotlib cannot write.
    The error (InvalidSpecError) names the flag, so the CLI prints one line, exit 2.

    >>> check_output_path("/no/such/dir/out.dot", "DOT", "--dot")
    Traceback (most recent call last):
    ...
    exactsep.errors.InvalidSpecError: --dot: cannot write the DOT file '/no/such/dir/out.dot': the directory '/no/such/dir' does not exist
    """
    import os
    p = str(path)
    if os.path.basename(p) in ("", ".", "..") or p.endswith(os.sep) or os.path.isdir(p):
        raise InvalidSpecError(f"{flag} needs a file name, got the directory {p!r}")
    if _special_file(p):
        return                                  # a device or a pipe: written directly (writing())
    head = os.path.dirname(p) or "."
    if not os.path.isdir(head):
        raise InvalidSpecError(f"{flag}: cannot write the {what} file {p!r}: the directory {head!r} does not exist")
    if not os.access(head, os.W_OK | os.X_OK):
        raise InvalidSpecError(f"{flag}: cannot write the {what} file {p!r}: no permission to write in {head!r}")
    if image:
        check_image_path(p, flag)


def check_image_path(path: str, flag: str = "--png") -> None:
    """InvalidSpecError unless ``path`` names a file with an image format matplotlib writes."""
    import os
    p = str(path)
    if os.path.basename(p) in ("", ".png") or p.endswith(os.sep):
        raise InvalidSpecError(f"{flag} needs a file name, got the directory-like path {p!r}")
    try:
        from matplotlib.backend_bases import FigureCanvasBase
    except ImportError:
        from .errors import InvalidInputError
        raise InvalidInputError(f"{flag} needs matplotlib (pip install exactsep[plot])") from None
    ext = os.path.splitext(p)[1].lower().lstrip(".")
    supported = FigureCanvasBase.get_supported_filetypes()
    if ext not in supported:
        raise InvalidSpecError(f"cannot draw to {p!r}: unknown image format {ext!r} "
                               f"(supported: {', '.join(sorted(supported))})")


def check_output_dir(path: str, flag: str) -> None:
    """Create the output directory ``path`` (or accept an existing one) before any work; one clear
    InvalidSpecError when it is a file or cannot be created."""
    import os
    p = str(path)
    if os.path.exists(p) and not os.path.isdir(p):
        raise InvalidSpecError(f"{flag} needs a directory, but {p!r} is an existing file")
    try:
        os.makedirs(p, exist_ok=True)
    except OSError as e:
        raise InvalidSpecError(f"{flag}: cannot create the directory {p!r}: {e.strerror or e}") from None
    if not os.access(p, os.W_OK | os.X_OK):
        raise InvalidSpecError(f"{flag}: no permission to write in the directory {p!r}")


def _special_file(path: str) -> bool:
    """An existing path that is not a regular file (a device such as /dev/stdout, a pipe); False when absent."""
    import os
    import stat
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False                            # absent (or unreadable: the write will say so)


def _remove_quietly(path: str) -> None:
    import os
    try:
        os.remove(path)
    except OSError:
        pass


def _refuse_float(s: str):
    from .errors import NonExactInputError
    raise NonExactInputError(
        f"the JSON number {s} is a float; write exact numbers as integers or strings such as \"1/2\" or \"0.5\"")


def add_progress_flags(p, what: str = "progress") -> None:
    """``--progress`` / ``--no-progress`` (mutually exclusive; default None = when stderr is a terminal)."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help=f"{what} on stderr (default: when stderr is a terminal)")
    g.add_argument("--no-progress", dest="progress", action="store_false", help="no progress output")


def throttled_progress(message, every: float = 1.0):
    """A ``progress(done, total)`` callback printing ``"progress: " + message(done, total)`` on stderr at most
    once per ``every`` seconds, and always when ``done == total``."""
    import sys
    import time
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= every or done == total:
            last[0] = now
            sys.stderr.write(f"progress: {message(done, total)}\n")
            sys.stderr.flush()
    return progress


def show_progress(args) -> bool:
    """Whether to print progress: the flag, else whether stderr is a terminal."""
    import sys
    flag = getattr(args, "progress", None)
    return flag if flag is not None else sys.stderr.isatty()


def _json_default(o: Any) -> Any:
    if hasattr(o, "to_json"):
        return o.to_json()
    raise TypeError(f"{type(o).__name__} is not JSON serialisable")


#: Integers of more decimal digits than this are written to JSON as decimal strings: many JSON readers
#: (Python's by default, 4,300 digits) refuse longer integers.
JSON_INT_DIGITS = 4000


def _long_ints_as_strings(o: Any) -> Any:
    if isinstance(o, bool):
        return o
    if isinstance(o, int):
        return str(o) if o.bit_length() > 3.32 * JSON_INT_DIGITS and len(str(o)) > JSON_INT_DIGITS else o
    if isinstance(o, dict):
        return {k: _long_ints_as_strings(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_long_ints_as_strings(v) for v in o]
    if hasattr(o, "to_json"):
        return _long_ints_as_strings(o.to_json())
    return o


def emit(obj: Any, as_json: bool, text: str = "") -> None:
    """Print ``obj`` as JSON (integers of more than :data:`JSON_INT_DIGITS` digits as decimal strings) or
    ``text``."""
    if as_json:
        print(json.dumps(_long_ints_as_strings(obj), indent=2, sort_keys=False, default=_json_default))
    else:
        print(text)
