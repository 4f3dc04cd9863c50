"""Witness quality: explicit genericity conditions for a ReLU parameter used as an existence witness,
and a greedy shrinker toward small heights.

A witness of "there exists a network with property P" is only convincing when it is not a degenerate
parameter that trivially has P (a zero output weight makes the network constant, a dead neuron frees its
incoming row, two coinciding bent hyperplanes let a slope be split between them). :func:`witness_quality`
checks, exactly and over the whole input domain ``R^n0``, the conditions below; a parameter passing all of
them is called *generic* here (a checkable proxy for the "ordinary" parameters of the functional-dimension
paper, docs/theory/fundim.md, "Genericity checks"):

1. no zero weight row (a hidden or output neuron whose incoming weights are all 0) and no zero weight
   column (an input coordinate or hidden neuron that no later neuron reads);
2. no zero output weight (every entry of the last weight matrix is nonzero);
3. every hidden neuron is active (pre-activation > 0) on some activation region and inactive (< 0) on
   another: no dead and no always-active neuron over ``R^n0``, and none identically 0 on a region;
4. no two bent hyperplanes coincide (``n0 = 1``: every breakpoint switches exactly one neuron, and every
   neuron that reaches 0 there switches: transversal crossings);
5. small heights: every entry ``p/q`` has ``max(|p|, q) <= height_bound`` (default
   :data:`WITNESS_MAX_HEIGHT`).

The regions come from the exact enumeration of :mod:`exactsep.relu.regions` (complete, exact LPs for
``n0 >= 2``).

>>> from exactsep.relu.quality import witness_quality
>>> q = witness_quality([1, 2, 1], [1, 1, 0, -1, 1, -1, 0])        # relu(x) - relu(x - 1)
>>> q.generic, q.max_height
(True, 1)
>>> bad = witness_quality([1, 1, 1, 1], [-2, 2, -1, -1, 0, "-3/2"])  # output weight 0: a constant network
>>> bad.generic
False
>>> for reason in bad.failed(): print(reason)
zero weight rows: layer 3 neuron 1
zero weight columns: layer 3 column 1
zero output weights at (output 1, neuron 1)
hidden neurons never active: layer 2 neuron 1
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Iterable, List, Optional, Sequence, Tuple

from ..errors import ExactsepError, InvalidSpecError
from ..nets.network import Network, check_widths
from ..numbers import exact_vector, normalize, Rational

__all__ = ["WITNESS_MAX_HEIGHT", "WitnessQuality", "witness_quality", "height", "max_height",
           "smaller_height_values", "shrink_parameters", "scaling_shrink", "CONDITIONS"]

#: the largest numerator / denominator (in absolute value) of a "small-height" witness entry
WITNESS_MAX_HEIGHT = 12

#: the condition names, in the order of the module docstring (keys of ``WitnessQuality.conditions``)
CONDITIONS = ("no_zero_rows", "no_zero_columns", "no_zero_output_weights", "every_neuron_switches",
              "no_coinciding_hyperplanes", "small_heights")


def height(q: Any) -> int:
    """The height ``max(|p|, q)`` of a rational ``p/q`` in lowest terms (0 = 0/1 has height 1).

    >>> height(Fraction(-3, 2)), height(5), height(0)
    (3, 5, 1)
    """
    f = Fraction(q)
    return max(abs(f.numerator), f.denominator)


def max_height(theta: Iterable[Any]) -> int:
    """The largest height of the entries (1 for an empty vector)."""
    return max((height(v) for v in theta), default=1)


@dataclass(frozen=True)
class WitnessQuality:
    """The exact genericity conditions of a ReLU parameter (see the module docstring).

    Index conventions: hidden neuron ``(layer, neuron)`` with layers 1.. and neurons 1.. (1-based);
    ``zero_columns`` lists ``(layer, column)`` of the weight matrix ``W^layer`` (column = input coordinate
    for layer 1, neuron of layer - 1 otherwise); ``zero_output_weights`` lists ``(output, neuron)``.
    ``coincident_breakpoints`` (``n0 = 1``) / ``coincident`` (any n0): exact evidence of coinciding bent
    hyperplanes; ``non_transversal`` (``n0 = 1``; ``None`` otherwise): breakpoints where a neuron reaches 0
    without switching.
    """

    widths: Tuple[int, ...]
    zero_rows: Tuple[Tuple[int, int], ...]
    zero_columns: Tuple[Tuple[int, int], ...]
    zero_output_weights: Tuple[Tuple[int, int], ...]
    dead_neurons: Tuple[Tuple[int, int], ...]
    always_active_neurons: Tuple[Tuple[int, int], ...]
    zero_neurons: Tuple[Tuple[int, int], ...]
    coincident: bool
    non_transversal: Optional[bool]
    max_height: int
    height_bound: int
    regions: int

    @property
    def conditions(self) -> dict:
        """``{condition name: passed}`` for the conditions of :data:`CONDITIONS`."""
        return {"no_zero_rows": not self.zero_rows,
                "no_zero_columns": not self.zero_columns,
                "no_zero_output_weights": not self.zero_output_weights,
                "every_neuron_switches": not (self.dead_neurons or self.always_active_neurons or self.zero_neurons),
                "no_coinciding_hyperplanes": not self.coincident and not self.non_transversal,
                "small_heights": self.max_height <= self.height_bound}

    @property
    def generic(self) -> bool:
        """True when every condition passed."""
        return all(self.conditions.values())

    def failed(self) -> Tuple[str, ...]:
        """The failed conditions, in words."""
        def nl(xs, what="neuron"):
            return "; ".join(f"layer {l} {what} {i}" for l, i in xs)
        out = []
        if self.zero_rows:
            out.append(f"zero weight rows: {nl(self.zero_rows)}")
        if self.zero_columns:
            out.append(f"zero weight columns: {nl(self.zero_columns, 'column')}")
        if self.zero_output_weights:
            out.append("zero output weights at " + ", ".join(f"(output {k}, neuron {j})"
                                                           for k, j in self.zero_output_weights))
        if self.dead_neurons:
            out.append(f"hidden neurons never active: {nl(self.dead_neurons)}")
        if self.always_active_neurons:
            out.append(f"hidden neurons never inactive: {nl(self.always_active_neurons)}")
        if self.zero_neurons:
            out.append(f"hidden neurons identically 0 on a region: {nl(self.zero_neurons)}")
        if self.coincident:
            out.append("two bent hyperplanes coincide")
        if self.non_transversal:
            out.append("a neuron reaches 0 without switching (non-transversal)")
        if self.max_height > self.height_bound:
            out.append(f"an entry of height {self.max_height} > {self.height_bound}")
        return tuple(out)

    def describe(self) -> str:
        return "generic (every condition holds)" if self.generic else "degenerate: " + "; ".join(self.failed())

    def to_json(self) -> dict:
        return {"generic": self.generic, "conditions": self.conditions, "failed": list(self.failed()),
                "zero_rows": [list(x) for x in self.zero_rows], "zero_columns": [list(x) for x in self.zero_columns],
                "zero_output_weights": [list(x) for x in self.zero_output_weights],
                "dead_neurons": [list(x) for x in self.dead_neurons],
                "always_active_neurons": [list(x) for x in self.always_active_neurons],
                "zero_neurons": [list(x) for x in self.zero_neurons], "coincident_hyperplanes": self.coincident,
                "non_transversal": self.non_transversal, "max_height": self.max_height,
                "height_bound": self.height_bound, "regions": self.regions}


def _as_net(widths_or_net, theta=None) -> Network:
    if isinstance(widths_or_net, Network):
        return widths_or_net
    return Network.from_flat(check_widths(widths_or_net), theta)


def witness_quality(widths_or_net: Any, theta: Any = None, *, height_bound: int = WITNESS_MAX_HEIGHT,
                    max_regions: Optional[int] = 20000, method: str = "auto") -> WitnessQuality:
    """The genericity conditions of the module docstring for a ReLU network (affine last layer), given as a
    :class:`~exactsep.nets.Network` or as ``(widths, theta)``. Exact; the activity conditions use the complete
    region enumeration over ``R^n0`` (bounded by ``max_regions``; ``method`` as in
    :func:`~exactsep.relu.regions.enumerate_regions`: ``"lp"`` gives an independent second enumeration for
    ``n0 = 1``, without the transversality check).
    """
    from .regions import enumerate_regions
    net = _as_net(widths_or_net, theta)
    for i, L in enumerate(net.layers[:-1]):
        if L.activation is None or L.activation.name != "relu":
            raise InvalidSpecError(f"witness_quality needs ReLU hidden layers; layer {i + 1} is not ReLU")
    if net.layers[-1].activation is not None:
        raise InvalidSpecError("witness_quality expects an affine last layer")
    zero_rows, zero_cols = [], []
    for l, L in enumerate(net.layers, start=1):
        for i, row in enumerate(L.W, start=1):
            if all(v == 0 for v in row):
                zero_rows.append((l, i))
        for j in range(L.n_in):
            if all(row[j] == 0 for row in L.W):
                zero_cols.append((l, j + 1))
    last = net.layers[-1]
    zero_out = [(k, j) for k, row in enumerate(last.W, start=1) for j, v in enumerate(row, start=1) if v == 0]
    if net.widths[0] == 1 and method == "auto":
        # the exact line partition directly (the region points and flat-neuron forms are not needed here)
        from ..nets.segment import line_partition
        part = line_partition(net, [0], [1])
        if max_regions is not None and part.num_pieces > max_regions:
            from ..errors import ComputationLimitError
            raise ComputationLimitError(f"more than max_regions = {max_regions} activation regions")
        patterns = [pc.pattern for pc in part.pieces]
        coincident = bool(part.coincident)
        nt = bool([cr for cr in part.crossings if set(cr.neurons) != set(cr.switched)])
    else:
        R = enumerate_regions(net, max_regions=max_regions, method=method)
        patterns = [r.pattern for r in R.regions]
        coincident = bool(R.coincident)
        nt = None if R.non_transversal is None else bool(R.non_transversal)
    dead, active, zero = [], [], []
    for l in range(len(net.layers) - 1):
        for i in range(net.layers[l].n_out):
            vals = {pat[l][i] for pat in patterns}
            if 1 not in vals:
                dead.append((l + 1, i + 1))
            if -1 not in vals:
                active.append((l + 1, i + 1))
            if 0 in vals:
                zero.append((l + 1, i + 1))
    return WitnessQuality(tuple(net.widths), tuple(zero_rows), tuple(zero_cols), tuple(zero_out), tuple(dead),
                          tuple(active), tuple(zero), coincident, nt, max_height(net.flat()),
                          int(height_bound), len(patterns))


# ----------------------------------------------------------------------------- shrinking toward small heights
def smaller_height_values(v: Any, limit: int = 8) -> List[Rational]:
    """Candidate replacements for ``v`` of strictly smaller height, nearest to ``v`` first (same sign), then 0 (the
    simplest value, also offered for ``v = +-1``). At most ``limit`` values; none for ``v = 0``.

    >>> smaller_height_values(Fraction(7, 3))
    [Fraction(5, 2), 2, 3, Fraction(3, 2), 1, 4, Fraction(1, 2), 0]
    """
    v = Fraction(v)
    h = height(v)
    if h <= 1 and v == 0:
        return []
    cands = set()
    for q in range(1, h):
        lo = int((v * q).__floor__())
        for p in (lo - 1, lo, lo + 1, lo + 2):
            f = Fraction(p, q)
            if height(f) < h:
                cands.add(f)
    for f in (Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(-1, 2), Fraction(2), Fraction(-2)):
        if height(f) < h:
            cands.add(f)
    same = sorted((c for c in cands if c != 0 and (c > 0) == (v > 0)), key=lambda c: (abs(c - v), height(c)))
    out = [normalize(c) for c in same[:limit - 1]]
    if v != 0:
        out.append(0)
    return out[:limit]


def _score(theta: Sequence[Any]) -> Tuple[int, int, int]:
    hs = [height(v) for v in theta]
    return (max(hs, default=1), sum(hs), sum(1 for v in theta if Fraction(v) != 0))


def scaling_shrink(widths: Sequence[int], theta: Sequence[Any]) -> List[Rational]:
    """A positive rescaling of hidden neurons (the same function: ``c * relu(z) = relu(c z) / ...``) that makes
    each neuron's incoming row and bias a primitive integer vector when that does not raise the largest
    height of the parameter; returns the (possibly unchanged) parameter."""
    from ..numbers import primitive_integer_vector
    from .symmetry import act
    widths = check_widths(widths)
    th = [normalize(Fraction(v)) for v in exact_vector(theta)]
    pos = 0
    for l in range(1, len(widths) - 1):
        n_in, n = widths[l - 1], widths[l]
        for i in range(n):
            row = th[pos + i * n_in: pos + (i + 1) * n_in] + [th[pos + n * n_in + i]]
            k = next((t for t, v in enumerate(row) if v != 0), None)
            if k is None:
                continue
            prim = primitive_integer_vector(row)
            lam = Fraction(prim[k]) / Fraction(row[k])
            if lam <= 0 or lam == 1:
                continue
            scal = [[Fraction(1)] * widths[m] for m in range(1, len(widths) - 1)]
            scal[l - 1][i] = lam
            cand = [normalize(Fraction(v)) for v in act(widths, th, scalings=scal)]
            if _score(cand) < _score(th):
                th = cand
        pos += n * n_in + n
    return th


def shrink_parameters(widths: Sequence[int], theta: Sequence[Any], keep: Callable[[List[Rational]], bool], *,
                      max_checks: int = 200) -> Tuple[List[Rational], int]:
    """Greedy shrinking of a witness parameter: repeatedly replace one entry by a value of smaller height
    (:func:`smaller_height_values`) or rescale hidden neurons (:func:`scaling_shrink`), keeping a change only
    when ``keep(theta)`` still holds and (largest height, sum of heights, number of nonzero entries) decreases.
    Returns the shrunk parameter and the number of ``keep`` calls (at most ``max_checks``)."""
    th = [normalize(Fraction(v)) for v in exact_vector(theta)]
    checks = 0
    sc = scaling_shrink(widths, th)
    if sc != th and _score(sc) < _score(th):
        checks += 1
        if keep(sc):
            th = sc
    improved = True
    while improved and checks < max_checks:
        improved = False
        order = sorted(range(len(th)), key=lambda i: -height(th[i]))
        for i in order:
            for v in smaller_height_values(th[i]):
                cand = list(th)
                cand[i] = v
                if not _score(cand) < _score(th):
                    continue
                checks += 1
                try:
                    ok = keep(cand)
                except ExactsepError:
                    ok = False
                if ok:
                    th = cand
                    improved = True
                    break
                if checks >= max_checks:
                    break
            if improved or checks >= max_checks:
                break
    return th, checks
