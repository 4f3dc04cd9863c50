"""Same-function decisions and fiber exploration for ReLU parameters.

* :func:`same_function` decides ``F_a == F_b`` exactly and completely: the difference network
  (first layers stacked, later layers block-diagonal, output ``[W_a^d, -W_b^d]``, bias
  ``b_a^d - b_b^d``) is affine on each of its activation cells, and the cells cover a dense set; so
  ``F_a == F_b`` iff the difference vanishes at ``n0 + 1`` affinely independent points of every cell
  (unbounded ones included). When not equal, a rational point where the exact values differ is the
  certificate. Networks of different depths are padded with identity ReLU layers (post-activations
  are >= 0, so ``relu(a) = a``; a network without hidden layer is first written as
  ``x = relu(x) - relu(-x)``).
* :func:`hidden_directions` - kernel of the Jacobian on a decisive set (``n0 + 1`` points in every
  region) modulo the orbit tangent: first-order hidden directions.
* :func:`move` / :func:`certified_moves` - exact moves ``theta + t v`` checked with :func:`same_function`.
* :func:`classify_fiber_point` - the local picture at ``theta``.
* :func:`minimal_width_one_hidden_layer` - for ``(1, n, 1)``: the least width realising ``F`` with an
  explicit witness network (used by the disconnected-fiber certificates of :mod:`exactsep.relu.search`).

>>> from exactsep.nets import Network
>>> from exactsep.relu.fibers import same_function
>>> a = Network.from_flat([1, 2, 1], [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"])   # f(x) = x
>>> b = Network.from_flat([1, 2, 1], [1, -1, 0, 0, 1, -1, 0])                     # relu(x) - relu(-x)
>>> same_function(a, b).equal
True
>>> c = Network.from_flat([1, 2, 1], [1, -1, 0, 0, 1, -1, 1])
>>> r = same_function(a, c); r.equal, r.witness, r.values
(False, (0,), ((0,), (1,)))
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError, ShapeError
from ..nets.network import Layer, Network
from ..numbers import exact_vector, normalize, to_json_number, Rational, primitive_integer_vector
from .regions import RegionEnumeration, enumerate_regions

__all__ = ["SameFunction", "same_function", "difference_network", "HiddenDirections", "hidden_directions",
           "move", "certified_moves", "FiberNeighbourhood", "classify_fiber_point",
           "minimal_width_one_hidden_layer", "one_hidden_layer_breakpoints"]


def _as_net(x, widths=None):
    if isinstance(x, Network):
        return x
    if widths is None:
        raise InvalidSpecError("pass a Network, or widths and theta")
    return Network.from_flat(widths, x)


def _relu_hidden(net):
    for i, L in enumerate(net.layers[:-1]):
        if L.activation is None or L.activation.name != "relu":
            raise InvalidSpecError(f"layer {i + 1} is not a ReLU layer; same_function needs ReLU hidden layers")
    if net.layers[-1].activation is not None:
        raise InvalidSpecError("same_function expects an affine last layer")


def _hidden_stack(net, depth: int) -> Tuple[List[Layer], Layer]:
    """Hidden layers padded to ``depth`` hidden layers, and the affine output layer."""
    hidden = list(net.layers[:-1])
    out = net.layers[-1]
    if not hidden:
        n0 = net.widths[0]
        I = tuple(tuple(1 if i == j else 0 for j in range(n0)) for i in range(n0))
        negI = tuple(tuple(-v for v in r) for r in I)
        hidden = [Layer(I + negI, (0,) * (2 * n0), out.activation or _relu())]
        out = Layer(tuple(tuple(list(r) + [-v for v in r]) for r in out.W), out.b, None)
    while len(hidden) < depth:
        m = hidden[-1].n_out
        I = tuple(tuple(1 if i == j else 0 for j in range(m)) for i in range(m))
        hidden.append(Layer(I, (0,) * m, _relu()))
    return hidden, out


def _relu():
    from ..nets.activations import get_activation
    return get_activation("relu")


def difference_network(net_a: Network, net_b: Network) -> Network:
    """A ReLU network computing ``F_a - F_b`` (see module docs)."""
    _relu_hidden(net_a)
    _relu_hidden(net_b)
    if net_a.widths[0] != net_b.widths[0] or net_a.widths[-1] != net_b.widths[-1]:
        raise ShapeError(f"networks have different input/output sizes: {net_a.widths} vs {net_b.widths}")
    depth = max(len(net_a.layers) - 1, len(net_b.layers) - 1, 1)
    ha, oa = _hidden_stack(net_a, depth)
    hb, ob = _hidden_stack(net_b, depth)
    layers = []
    for l in range(depth):
        A, B = ha[l], hb[l]
        if l == 0:
            W = tuple(A.W) + tuple(B.W)
        else:
            W = tuple(tuple(r) + (0,) * B.n_in for r in A.W) + tuple((0,) * A.n_in + tuple(r) for r in B.W)
        layers.append(Layer(W, tuple(A.b) + tuple(B.b), _relu()))
    W = tuple(tuple(ra) + tuple(-v for v in rb) for ra, rb in zip(oa.W, ob.W))
    b = tuple(normalize(Fraction(x) - Fraction(y)) for x, y in zip(oa.b, ob.b))
    layers.append(Layer(W, b, None))
    return Network(tuple(layers))


@dataclass(frozen=True)
class SameFunction:
    """``equal``: whether the two networks compute the same function (exact and complete when
    ``complete``); ``witness``: a rational point where they differ (with ``values`` = (F_a, F_b)) or None;
    ``regions``: cells of the difference network checked."""

    equal: bool
    complete: bool
    witness: Optional[Tuple[Rational, ...]]
    values: Optional[Tuple[Tuple[Rational, ...], Tuple[Rational, ...]]]
    regions: int
    method: str

    def to_json(self) -> dict:
        return {"same_function": self.equal, "complete": self.complete,
                "witness": None if self.witness is None else [to_json_number(v) for v in self.witness],
                "values": None if self.values is None else [[to_json_number(v) for v in vs] for vs in self.values],
                "regions_checked": self.regions, "method": self.method}


def _vals(net, p):
    return [normalize(Fraction(v)) for v in net(p)]


def same_function(net_a: Network, net_b: Network, *, max_regions: Optional[int] = None,
                  progress: Optional[Callable[[int, int], None]] = None) -> SameFunction:
    """Decide exactly whether two ReLU networks compute the same function (see module docs).
    ``progress`` is passed to the region enumeration of the difference network."""
    diff = difference_network(net_a, net_b)
    n0 = net_a.widths[0]
    # quick certificate of difference at a few simple points
    probes = [[0] * n0] + [[1 if j == i else 0 for j in range(n0)] for i in range(n0)]
    for p in probes:
        va, vb = _vals(net_a, p), _vals(net_b, p)
        if va != vb:
            return SameFunction(False, True, tuple(p), (tuple(va), tuple(vb)), 0, "probe")
    R = enumerate_regions(diff, max_regions=max_regions, progress=progress)
    for reg in R.regions:
        for p in reg.points:
            va, vb = _vals(net_a, list(p)), _vals(net_b, list(p))
            if va != vb:
                return SameFunction(False, True, tuple(p), (tuple(va), tuple(vb)), len(R.regions),
                                    "difference_network_regions")
    return SameFunction(True, True, None, None, len(R.regions), "difference_network_regions")


# ----------------------------------------------------------------------------- hidden directions
@dataclass(frozen=True)
class HiddenDirections:
    """``kernel``: basis of ker J on a decisive set (primitive integer vectors); ``orbit_tangent_dim``;
    ``hidden``: kernel vectors completing an orbit-tangent basis to a kernel basis (first-order hidden
    directions, ``len(hidden) = dim ker - orbit dim``); ``functional_dimension``; ``certified``."""

    kernel: Tuple[Tuple[int, ...], ...]
    orbit_tangent_dim: int
    hidden: Tuple[Tuple[int, ...], ...]
    functional_dimension: int
    certified: bool

    @property
    def first_order_hidden_dimension(self) -> int:
        return len(self.hidden)

    def to_json(self) -> dict:
        return {"kernel_dimension": len(self.kernel), "orbit_dimension": self.orbit_tangent_dim,
                "first_order_hidden_dimension": len(self.hidden),
                "hidden_directions": [list(v) for v in self.hidden],
                "functional_dimension": self.functional_dimension, "certified": self.certified}


def hidden_directions(net: Network, regions: Optional[RegionEnumeration] = None) -> HiddenDirections:
    """First-order hidden directions at ``theta`` (docs/theory/fundim.md, "Exploring a fiber"). ``regions``: the
    :func:`enumerate_regions` of ``net`` when the caller already has it."""
    from ..linalg import nullspace, rank
    from .symmetry import orbit_tangent
    from .fundim import decisive_jacobian
    R = enumerate_regions(net) if regions is None else regions
    J, npts, _, _ = decisive_jacobian(net, R)
    D = net.num_params
    if J is not None:
        # J_int = diag(r) J diag(c): ker J = diag(c) ker J_int
        Kint = nullspace(J.matrix.tolist(), ncols=D)
        c = J.col_factors
        kernel = []
        for v in Kint:
            kernel.append(primitive_integer_vector([Fraction(x) * Fraction(ci) for x, ci in zip(v, c)]))
    else:
        kernel = [[1 if i == j else 0 for j in range(D)] for i in range(D)]
    T = orbit_tangent(net.widths, net.flat()) if len(net.widths) > 2 else []
    basis = [list(t) for t in T]
    r = int(rank(basis, proof=True)) if basis else 0
    od = r
    hidden = []
    for v in kernel:
        if int(rank(basis + [v], proof=True)) > r:
            basis.append(v)
            r += 1
            hidden.append(tuple(v))
    fd = D - len(kernel)
    return HiddenDirections(tuple(tuple(v) for v in kernel), od, tuple(hidden), fd, True)




def move(net: Network, direction: Sequence[Any], t: Any) -> Network:
    """The network with parameters ``theta + t * direction`` (exact)."""
    v = exact_vector(direction, length=net.num_params, what="direction")
    th = [normalize(Fraction(a) + Fraction(t) * Fraction(b)) for a, b in zip(net.flat(), v)]
    return Network.from_flat(net.widths, th)


def certified_moves(net: Network, direction: Sequence[Any], ts: Sequence[Any] = (Fraction(1, 2), 1, -1, 3)
                    ) -> List[Tuple[Rational, bool]]:
    """For each rational ``t``: whether ``theta + t v`` realises the same function (exact)."""
    out = []
    for t in ts:
        out.append((normalize(Fraction(t)), same_function(net, move(net, direction, t)).equal))
    return out


@dataclass(frozen=True)
class FiberNeighbourhood:
    """Local picture of the fiber at ``theta``.

    ``functional_dimension``, ``upper_bound`` U, ``num_params`` D, ``orbit_dimension``;
    ``first_order_hidden_dimension`` = D - dim_fun - orbit dim; ``exact_hidden_moves``: hidden
    directions v for which ``theta + t v`` was verified in the fiber for every tested t;
    ``mechanisms``: detected causes (dead / always-active neurons, coincident hyperplanes, zero output
    columns); ``classification``: one of ``"orbit_locally"`` (no first-order hidden direction: near a
    combinatorially stable theta the fiber is locally the orbit), ``"linear_hidden_symmetry"`` (an exact
    linear move in the fiber that is not tangent to the orbit), ``"first_order_hidden"`` (only first-order
    evidence)."""

    functional_dimension: int
    upper_bound: int
    num_params: int
    orbit_dimension: int
    first_order_hidden_dimension: int
    exact_hidden_moves: Tuple[Tuple[int, ...], ...]
    mechanisms: Tuple[str, ...]
    classification: str
    certified: bool

    def to_json(self) -> dict:
        return {"functional_dimension": self.functional_dimension, "upper_bound": self.upper_bound,
                "num_params": self.num_params, "orbit_dimension": self.orbit_dimension,
                "first_order_hidden_dimension": self.first_order_hidden_dimension,
                "exact_hidden_moves": [list(v) for v in self.exact_hidden_moves],
                "mechanisms": list(self.mechanisms), "classification": self.classification,
                "certified": self.certified}


def classify_fiber_point(net: Network, ts: Sequence[Any] = (Fraction(1, 2), -1)) -> FiberNeighbourhood:
    """Classify ``theta``'s fiber neighbourhood (docs/theory/fundim.md, "Hidden symmetries and fibers" and "Exploring a fiber")."""
    from .fundim import genericity, upper_bound
    R = enumerate_regions(net)
    H = hidden_directions(net, R)
    g = genericity(net, R)
    mech = []
    if g.dead_neurons:
        mech.append("dead_neurons:" + ",".join(f"{l}.{i}" for l, i in g.dead_neurons))
    by_layer = {}
    for l, i in g.always_active_neurons:
        by_layer.setdefault(l, []).append(i)
    for l, ns in by_layer.items():
        if len(ns) >= 2:
            mech.append(f"always_active_set:layer{l}:" + ",".join(map(str, ns)))
    if g.coincident:
        mech.append("coincident_hyperplanes")
    if g.zero_neurons:
        mech.append("zero_neurons")
    for l in range(1, len(net.widths) - 1):
        nxt = net.layers[l].W
        for i in range(net.widths[l]):
            if all(r[i] == 0 for r in nxt):
                mech.append(f"zero_outgoing_column:{l}.{i + 1}")
    exact_moves = []
    for v in H.hidden:
        if all(ok for _, ok in certified_moves(net, v, ts)):
            exact_moves.append(v)
    if not H.hidden:
        cls = "orbit_locally"
    elif exact_moves:
        cls = "linear_hidden_symmetry"
    else:
        cls = "first_order_hidden"
    return FiberNeighbourhood(H.functional_dimension, upper_bound(net.widths), net.num_params, H.orbit_tangent_dim,
                              len(H.hidden), tuple(exact_moves), tuple(mech), cls, H.certified)


# ----------------------------------------------------------------------------- one hidden layer, n0 = 1
def one_hidden_layer_breakpoints(net: Network):
    """For a ``(1, n, 1)`` network: ``(breakpoints, jumps, left_slope, value_at_0)``: the points where the
    slope of ``F`` changes, the slope jumps there (nonzero), the slope at ``-inf`` and ``F(0)``."""
    w = net.widths
    if len(w) != 3 or w[0] != 1 or w[2] != 1:
        raise InvalidSpecError(f"needs a (1, n, 1) architecture, got {list(w)}")
    L1, L2 = net.layers
    jumps = {}
    left = Fraction(0)
    for i in range(w[1]):
        a, b, c = Fraction(L1.W[i][0]), Fraction(L1.b[i]), Fraction(L2.W[0][i])
        if a == 0 or c == 0:
            continue
        beta = -b / a
        # c * relu(a x + b): slope c*a on the side where a x + b > 0
        jumps[beta] = jumps.get(beta, Fraction(0)) + c * abs(a)
        if a < 0:
            left += c * a
    bps = tuple(sorted(bp for bp, j in jumps.items() if j != 0))
    return bps, tuple(jumps[bp] for bp in bps), left, Fraction(net([0])[0])


def minimal_width_one_hidden_layer(net: Network) -> Tuple[int, Network]:
    """Least width ``m`` such that a ``(1, m, 1)`` ReLU network computes ``F`` (for ``F`` from a
    ``(1, n, 1)`` network), and an explicit witness network of that width.

    [derived] With ``K`` breakpoints of jumps ``Delta_k`` and slope ``s`` at ``-inf``: each breakpoint needs
    a non-constant neuron; ``K`` neurons suffice iff some subset ``L`` of breakpoints (the left-facing
    neurons) has ``sum_L Delta_k = -s``; otherwise ``K + 1`` (a second neuron at one breakpoint adds any
    linear term). ``K = 0``: 0 neurons if ``s = 0`` (a 1-neuron constant network is used as witness), else 2.
    The witness is checked against ``F`` by the tests with :func:`same_function`.
    """
    bps, jumps, s, f0 = one_hidden_layer_breakpoints(net)
    K = len(bps)
    if K == 0:
        if s == 0:
            return 0, Network.from_flat([1, 1, 1], [0, -1, 0, f0])
        # F(x) = s x + f0 = s relu(x) - s relu(-x) + f0
        return 2, Network.from_flat([1, 2, 1], [1, -1, 0, 0, s, -s, f0])
    best = None
    for r in range(K + 1):
        for L in itertools.combinations(range(K), r):
            if sum((jumps[k] for k in L), Fraction(0)) == -s:
                best = set(L)
                break
        if best is not None:
            break
    a, b, c = [], [], []
    for k in range(K):
        if best is not None and k in best:
            a.append(-1); b.append(bps[k]); c.append(jumps[k])        # Delta relu(beta - x)
        else:
            a.append(1); b.append(-bps[k]); c.append(jumps[k])        # Delta relu(x - beta)
    if best is None:
        # fix the left slope with an opposite-facing pair at bps[0]: relu(x-b) - relu(b-x) = x - b
        cur_left = -sum((c[k] for k in range(K) if a[k] < 0), Fraction(0))
        extra = s - cur_left             # add extra * (x - beta0) = extra relu(x-b0) - extra relu(b0-x)
        # merge: neuron 0 keeps its orientation; add one neuron of the opposite orientation at bps[0]
        if a[0] > 0:
            c[0] += extra
            a.append(-1); b.append(bps[0]); c.append(-extra)
        else:
            c[0] -= extra
            a.append(1); b.append(-bps[0]); c.append(extra)
    m = len(a)
    tmp = Network.from_flat([1, m, 1], a + b + c + [0])
    d = f0 - Fraction(tmp([0])[0])
    return m, Network.from_flat([1, m, 1], a + b + c + [normalize(d)])
