"""The exact LP against brute-force vertex enumeration and sympy; regions against sampling and each other."""
import itertools
from fractions import Fraction

from hypothesis import given, settings, strategies as st

from exactsep.linalg import rank, solve
from exactsep.nets import Network
from exactsep.relu.lp import max_slack_point, sympy_max_slack_point
from exactsep.relu.regions import enumerate_regions

from _relu_helpers import relu_nets, small_rationals


def brute_force_max_slack(constraints, n):
    """max s s.t. sigma (a.x + c) >= s, s <= 1: the optimum is attained at a vertex of the (x, s) polyhedron
    (it is bounded above in s; directions along which s is constant do not matter), i.e. where n + 1
    linearly independent constraints are tight; enumerate them all."""
    rows = [([-sig * Fraction(v) for v in a] + [Fraction(1)], Fraction(sig) * Fraction(c)) for a, c, sig in constraints]
    rows.append(([Fraction(0)] * n + [Fraction(1)], Fraction(1)))           # s <= 1
    best = None
    for S in itertools.combinations(range(len(rows)), n + 1):
        A = [rows[i][0] for i in S]
        if int(rank(A)) < n + 1:
            continue
        z = solve(A, [rows[i][1] for i in S])
        if all(sum(Fraction(r) * Fraction(v) for r, v in zip(row, z)) <= rhs for row, rhs in rows):
            best = Fraction(z[-1]) if best is None else max(best, Fraction(z[-1]))
    return best


constraint_lists = st.integers(1, 3).flatmap(lambda n: st.tuples(st.just(n), st.lists(
    st.tuples(st.lists(small_rationals(4, 3), min_size=n, max_size=n), small_rationals(4, 3), st.sampled_from([1, -1])),
    min_size=1, max_size=6)))


@settings(max_examples=80, deadline=None)
@given(constraint_lists)
def test_simplex_matches_vertex_enumeration(nc):
    n, cons = nc
    res = max_slack_point(cons, n, optimal=True)
    best = brute_force_max_slack(cons, n)
    if best is None or best <= 0:
        # the vertex set can be empty only when the constraints' normals do not span; then the optimum
        # is still attained along a line: fall back to the first-feasible mode agreeing
        assert res is None or best is None
    else:
        assert res is not None and res[0] == best
    quick = max_slack_point(cons, n)
    assert (quick is None) == (res is None)
    if quick is not None:
        s, x = quick
        assert s > 0
        for a, c, sig in cons:
            assert sig * (sum(Fraction(ai) * xi for ai, xi in zip(a, x)) + c) >= s


def test_simplex_matches_sympy_linprog_on_fixed_examples():
    import random
    rng = random.Random(4)
    agree = 0
    for _ in range(15):
        n = rng.randint(1, 3)
        cons = [([Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for _ in range(n)],
                 Fraction(rng.randint(-5, 5), rng.randint(1, 3)), rng.choice([1, -1])) for _ in range(rng.randint(1, 8))]
        try:
            theirs = sympy_max_slack_point(cons, n)
        except Exception:        # sympy's simplex sometimes gives up ("oscillating system"); see the README, "Why exactsep has its own exact LP"
            continue
        ours = max_slack_point(cons, n, optimal=True)
        assert (ours is None) == (theirs is None)
        if ours is not None:
            assert ours[0] == theirs[0]
        agree += 1
    assert agree >= 10


@settings(max_examples=40, deadline=None)
@given(relu_nets(n0=1, max_hidden_layers=3, max_width=4))
def test_line_partition_and_lp_search_agree_in_1d(net):
    A = enumerate_regions(net, method="line")
    B = enumerate_regions(net, method="lp")
    assert sorted(r.pattern for r in A.regions) == sorted(r.pattern for r in B.regions)
    for R in (A, B):
        for r in R.regions:
            assert len(r.points) == 2 and len(set(r.points)) == 2
            for p in r.points:
                assert net.pattern(p) == r.pattern


@settings(max_examples=15, deadline=None)
@given(relu_nets(n0=2, max_hidden_layers=2, max_width=3))
def test_regions_vs_dense_sampling_2d(net):
    R = enumerate_regions(net)
    pats = {r.pattern for r in R.regions}
    assert len(pats) == len(R.regions)
    for r in R.regions:
        assert len(r.points) == 3
        P = [list(p) for p in r.points]
        # affinely independent
        assert int(rank([[P[1][0] - P[0][0], P[1][1] - P[0][1]], [P[2][0] - P[0][0], P[2][1] - P[0][1]]])) == 2
        for p in P:
            assert net.pattern(p) == r.pattern
    seen = set()
    for i in range(-14, 15):
        for j in range(-14, 15):
            pt = net.pattern([Fraction(i, 2), Fraction(j, 2)])
            seen.add(pt)
            if all(0 not in layer for layer in pt):
                assert pt in pats
    # every region with no zero neuron found by sampling is found; regions missed by the grid are allowed
    assert {p for p in seen if all(0 not in l for l in p)} <= pats


def test_three_inputs_arrangement_count():
    # 4 generic hyperplanes in R^3: sum_{j<=3} C(4, j) = 15 regions
    W = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]]
    b = [0, 0, 0, -1]
    net = Network.from_layers([{"W": W, "b": b, "activation": "relu"}, {"W": [[1, 1, 1, 1]], "b": [0]}])
    assert len(enumerate_regions(net).regions) == 15


@settings(max_examples=60, deadline=None)
@given(relu_nets(n0=1, max_hidden_layers=3, max_width=3))
def test_line_region_points_are_the_exact_thirds_of_their_piece(net):
    """n0 = 1: the two points of a bounded region are its exact thirds (small height, e.g. -8/3 for the
    piece (-3, -2)), never a float turned into a fraction; unbounded ones are end -/+ 1, 2."""
    R = enumerate_regions(net)
    bps = list(R.breakpoints)
    for reg in R.regions:
        (a,), (b,) = reg.points
        assert all(isinstance(v, (int, Fraction)) for v in (a, b))
        lo = max((t for t in bps if t < a), default=None)
        hi = min((t for t in bps if t > a), default=None)
        if lo is not None and hi is not None:
            third = Fraction(hi - lo) / 3
            assert (a, b) == (lo + third, lo + 2 * third)
            # the height is bounded by the breakpoints' denominators (a float conversion has 2^k ones)
            assert (3 * Fraction(lo).denominator * Fraction(hi).denominator) % Fraction(a).denominator == 0
        elif lo is None and hi is not None:
            assert (a, b) == (hi - 1, hi - 2)
        elif hi is None and lo is not None:
            assert (a, b) == (lo + 1, lo + 2)
        assert tuple(net.pattern([a])) == reg.pattern == tuple(net.pattern([b]))

