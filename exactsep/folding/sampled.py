"""The sampled estimator of chi (the common practice), beside the exact value.

:func:`sampled_chi` takes ``n`` evenly spaced samples ``t_k = k/(n-1)`` (both endpoints included; the
authors' grid is n = 11) and reads each pattern EXACTLY (rational arithmetic), so the difference from
:func:`exactsep.folding.fold` is the sampling error alone, never rounding. A sample that falls exactly on
a breakpoint reads the neuron at 0 as off (like the authors' code). :func:`float_sampled_chi` is the
float64 numpy version users would otherwise write (for comparison and benchmarks; its patterns can be
wrong near breakpoints, so ``exact`` is False).

>>> from exactsep.nets import Network
>>> net = Network.from_layers([
...     {"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
...     {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"}])
>>> s = sampled_chi(net, [0], [40], n=11)          # Ex. 2, the authors' grid: under-estimates 1/2
>>> s.chi, s.r1, s.r2
(Fraction(1, 4), 3, 4)
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Optional, Sequence, Tuple

import numpy as np

from ..errors import InvalidInputError, InvalidSpecError
from ..numbers import exact, exact_vector, fraction_str, normalize, Rational
from .core import BITS, _bit_columns, _sign_to_bits, dedupe_walk, walk_stats

__all__ = ["SampledFolding", "sampled_chi", "float_sampled_chi", "sample_grid"]


@dataclass(frozen=True)
class SampledFolding:
    """chi from samples: ``ts`` the sample positions, ``walk`` the de-duplicated sampled walk."""

    chi: Rational
    chi_reverse: Rational
    r1: int
    r2: int
    n: int
    ts: Tuple[Rational, ...]
    walk: Tuple[Tuple[int, ...], ...]
    exact: bool = True
    method: str = "exact rational sampling"

    def to_json(self) -> dict:
        return {"chi": fraction_str(self.chi), "chi_reverse": fraction_str(self.chi_reverse),
                "r1": self.r1, "r2": self.r2, "n": self.n, "exact": self.exact, "method": self.method}


def sample_grid(n: int) -> Tuple[Rational, ...]:
    """``n`` evenly spaced exact rationals in [0, 1], endpoints included (n >= 2).

    >>> [str(t) for t in sample_grid(5)]
    ['0', '1/4', '1/2', '3/4', '1']
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise InvalidInputError(f"the number of samples must be an integer >= 2, got {n!r}")
    n = int(n)
    return tuple(normalize(Fraction(k, n - 1)) for k in range(n))


def _result(W: np.ndarray, ts, n, exact_flag, method) -> SampledFolding:
    Wd = dedupe_walk(W)
    f, r = walk_stats(Wd), walk_stats(Wd[::-1])
    return SampledFolding(f.chi, r.chi, f.r1, f.r2, n, tuple(ts),
                          tuple(map(tuple, Wd.tolist())), exact_flag, method)


def sampled_chi(net, x1: Any, x2: Any, n: int = 11, *, layers: Optional[Iterable[int]] = None, bits: str = "sign",
                ts: Optional[Sequence[Any]] = None) -> SampledFolding:
    """chi from ``n`` evenly spaced samples on the segment (or the given sample positions ``ts`` in
    [0, 1], sorted), patterns read exactly. Same ``layers``/``bits`` as :func:`~exactsep.folding.fold`."""
    if bits not in BITS:
        raise InvalidSpecError(f"bits must be one of {', '.join(BITS)}; got {bits!r}")
    if ts is None and isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= 2:
        from ..limits import check_memory
        bits_per_sample = sum(L.n_out for L in net.layers)
        # one exact Fraction per sample (about 200 bytes with its two ints) and one int8 per bit
        check_memory(int(n) * (200 + bits_per_sample), f"the sampled estimate with {int(n):,} samples")
    grid = sample_grid(n) if ts is None else tuple(exact(t, what="sample position") for t in ts)
    if ts is not None:
        if len(grid) < 1 or any(not 0 <= t <= 1 for t in grid) or list(grid) != sorted(grid):
            raise InvalidInputError("sample positions must be sorted rationals in [0, 1]")
    if any(L.activation is not None and not L.activation.piecewise_linear for L in net.layers):
        from .smooth import sampled_patterns_smooth
        codes, pl, widths, certified = sampled_patterns_smooth(net, x1, x2, grid)
        exact_flag, method = certified, "certified ball-arithmetic sampling"
    else:
        from ..nets.segment import segment_partition
        part = segment_partition(net, x1, x2, bits="piece" if bits == "piece" else "sign")
        codes = np.array([[v for layer in part.pattern_at(t) for v in layer] for t in grid], dtype=np.int8)
        pl, widths = part.pattern_layers, part.widths
        exact_flag, method = True, "exact rational sampling"
    cols, _ = _bit_columns(net, pl, widths, layers)
    if bits != "piece":
        codes = _sign_to_bits(net, pl, widths, codes, bits)
    return _result(codes[:, cols], grid, len(grid), exact_flag, method)


def float_sampled_chi(net, x1: Any, x2: Any, n: int = 11, *, layers: Optional[Iterable[int]] = None) -> SampledFolding:
    """The common float64 practice: ``n`` samples ``t = k/(n-1)`` in float64, bits ``z > 0`` computed in
    floating point. Only for comparison (``exact=False``): near a breakpoint the bits may be wrong.

    >>> from exactsep.nets import Network
    >>> net = Network.from_layers([{"W": [[1]], "b": [0], "activation": "relu"},
    ...                            {"W": [[-1]], "b": [1], "activation": "relu"}])
    >>> float_sampled_chi(net, [-2], [2], n=5).r2
    2
    """
    A = [np.array([[float(v) for v in row] for row in L.W]) for L in net.layers]
    B = [np.array([float(v) for v in L.b]) for L in net.layers]
    a = np.array([float(v) for v in exact_vector(x1, length=net.widths[0], what="x1")])
    b = np.array([float(v) for v in exact_vector(x2, length=net.widths[0], what="x2")])
    t = (np.arange(int(n)) / (int(n) - 1))[:, None]      # k/(n-1) correctly rounded (linspace can be 1 ulp off)
    X = a + t * (b - a)
    codes, pl, widths = [], [], []
    for i, (L, W, c) in enumerate(zip(net.layers, A, B)):
        Z = X @ W.T + c
        if L.activation is None:
            X = Z
            continue
        codes.append((Z > 0).astype(np.int8))
        pl.append(i)
        widths.append(Z.shape[1])
        X = np.vectorize(L.activation.float)(Z) if L.activation.name not in ("relu",) else np.maximum(Z, 0.0)
    codes = np.concatenate(codes, axis=1) if codes else np.zeros((len(t), 0), dtype=np.int8)
    cols, _ = _bit_columns(net, pl, widths, layers)
    return _result(codes[:, cols], [normalize(Fraction(float(v))) for v in t[:, 0]], int(n), False,
                   "float64 sampling")
