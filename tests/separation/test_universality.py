"""E7: universality-class membership ([UC] Th. 13; docs/theory/separation.md, "Universality classes") by exact rank tests, with the n = 3
PointNet discrepancy noted there (x1 x2 x3 IS in the n = 3 PointNet class) flagged, not asserted away."""
import pytest
import sympy

from exactsep.groups import GSet, cyclic, symmetric
from exactsep.separation import Architecture, in_universality_class


def _pointnet(n):
    G = symmetric(n)
    X = GSet.natural(G)
    return Architecture(G, X, [(X, "pointnet")])


def _cnn1(n):
    G = cyclic(n)
    X = GSet.natural(G)
    return Architecture(G, X, [(X, "conv:1")])


def test_E7_n3():
    x = sympy.symbols("x0:3")
    s = sum(x)
    p2 = sum(t ** 2 for t in x)
    p3 = sum(t ** 3 for t in x)
    e3 = x[0] * x[1] * x[2]
    assert not in_universality_class(_cnn1(3), s ** 3, x).member
    assert in_universality_class(_pointnet(3), s ** 3, x).member
    r = in_universality_class(_pointnet(3), e3, x)
    assert r.member and r.proven          # the identity x1x2x3 = sum_i (x_i^3/3 - s x_i^2/2 + s^3/18)
    assert sympy.expand(sum(t ** 3 / 3 - s * t ** 2 / 2 + s ** 3 / 18 for t in x) - e3) == 0
    assert in_universality_class(_pointnet(3), p2 ** 2, x).member
    for f in (p2 ** 3, p3 ** 2, e3 ** 2):
        assert not in_universality_class(_pointnet(3), f, x).member


@pytest.mark.parametrize("n", [4, 5])
def test_E7_product_not_in_pointnet_class(n):
    x = sympy.symbols(f"x0:{n}")
    assert not in_universality_class(_pointnet(n), sympy.prod(x), x).member


def test_filter_size_one_class_contains_separable_sums_only():
    x = sympy.symbols("x0:4")
    assert in_universality_class(_cnn1(4), sum(t ** 5 - 2 * t for t in x), x).member
    assert not in_universality_class(_cnn1(4), x[0] * x[1] + x[1] * x[2] + x[2] * x[3] + x[3] * x[0], x).member
