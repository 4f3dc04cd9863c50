"""The test vectors E1, E2, E3 and the n = 3 part of E6 (docs/theory/separation.md, "Test vectors"), reproduced exactly,
each by CR, by the independent plain-Python reference CR and by ES (stable algebra or degree d)."""
from fractions import Fraction as F

import pytest

from exactsep.groups import GSet, PermGroup, cyclic, symmetric
from exactsep.separation import Architecture, colour_refinement_reference, partition

E1_G = PermGroup([(1, 0, 2), (1, 2, 0)])
E1_INPUTS = [(1, 2, 3), (3, 1, 2), (2, 1, 3), (0, 0, 6), (2, 2, 2), (0, 2, 4), (0, 0, 3), (-1, 2, 2),
             (F(1, 2), F(1, 3), F(1, 6)), (F(1, 6), F(1, 2), F(1, 3))]
E1_ORBIT = ((0, 1, 2), (3,), (4,), (5,), (6,), (7,), (8, 9))
E1_SUM = ((0, 1, 2, 3, 4, 5), (6, 7), (8, 9))


def _e1_hidden(name):
    G = E1_G
    return {"regular": GSet.regular(G), "S2": GSet.cosets(G, [(1, 0, 2)]),
            "nat+inv": GSet.natural(G) + GSet.trivial(G),
            "A3": GSet.from_images(G, [(1, 0), (0, 1)]), "G": GSet.trivial(G)}[name]


def _all_methods(arch, inputs):
    cr = partition(arch, inputs).classes
    ref = colour_refinement_reference(arch, inputs)
    es = partition(arch, inputs, method="es").classes
    assert cr == ref == es
    return cr


@pytest.mark.parametrize("L", [1, 2, 3])
@pytest.mark.parametrize("hidden,expected", [("regular", E1_ORBIT), ("S2", E1_ORBIT), ("nat+inv", E1_ORBIT),
                                             ("A3", E1_SUM), ("G", E1_SUM)])
def test_E1(hidden, expected, L):
    arch = Architecture(E1_G, GSet.natural(E1_G), [_e1_hidden(hidden)] * L, activation="relu")
    assert _all_methods(arch, E1_INPUTS) == expected


E2_G = PermGroup([(1, 2, 3, 0)])
E2_INPUTS = [(1, 2, 3, 4), (2, 3, 4, 1), (3, 4, 1, 2), (1, 4, 3, 2), (2, 1, 4, 3), (4, 0, 6, 0), (0, 0, 0, 10),
             (F(5, 2),) * 4]


@pytest.mark.parametrize("L", [1, 2])
@pytest.mark.parametrize("hidden,expected", [
    ("regular", ((0, 1, 2), (3, 4), (5,), (6,), (7,))),
    ("C2", ((0, 1, 2, 3, 4), (5, 6), (7,))),
    ("G", ((0, 1, 2, 3, 4, 5, 6, 7),)),
    ("C2,regular", ((0, 1, 2, 3, 4), (5, 6), (7,))),
])
def test_E2(hidden, expected, L):
    G = E2_G
    sets = {"regular": GSet.regular(G), "C2": GSet.from_images(G, [(1, 0)]), "G": GSet.trivial(G)}
    layers = [sets[h] for h in hidden.split(",")]
    if len(layers) == 1:
        layers = layers * L
    elif L == 2:
        layers = [layers[0]] + [layers[1]] * 2
    arch = Architecture(G, GSet.natural(G), layers)
    assert _all_methods(arch, E2_INPUTS) == expected


E3_INPUTS = [(1, 1, 2, 1, 2, 2), (1, 1, 2, 2, 1, 2), (2, 1, 1, 2, 1, 2), (1, 2, 1, 2, 1, 2), (1, 1, 1, 2, 2, 2)]
ROT = ((0, 2), (1,), (3,), (4,))
COARSE = ((0, 1, 2), (3,), (4,))


@pytest.mark.parametrize("k,L,expected", [
    (1, 1, ((0, 1, 2, 3, 4),)), (1, 2, ((0, 1, 2, 3, 4),)), (1, 4, ((0, 1, 2, 3, 4),)),
    (2, 1, COARSE), (2, 2, COARSE), (2, 3, ROT), (2, 4, ROT),
    (3, 1, COARSE), (3, 2, ROT), (3, 3, ROT),
    (6, 1, ROT), (6, 2, ROT),
])
def test_E3(k, L, expected):
    G = cyclic(6)
    X = GSet.natural(G)
    arch = Architecture(G, X, [(X, f"conv:{k}")] * L)
    assert _all_methods(arch, E3_INPUTS) == expected


def _window_rule(u, w):
    """Test vector E3 rule: the multiset of cyclic windows of length w."""
    n = len(u)
    return sorted(tuple(u[(i + j) % n] for j in range(w)) for i in range(n))


@pytest.mark.parametrize("k,L", [(2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (4, 1)])
def test_E3_window_rule(k, L):
    """[derived ✓] rule, checked independently of the test vector list: windows of length L(k-1)+1."""
    G = cyclic(6)
    X = GSet.natural(G)
    arch = Architecture(G, X, [(X, f"conv:{k}")] * L)
    got = partition(arch, E3_INPUTS).classes
    w = min(L * (k - 1) + 1, 6)
    if w >= 6:
        sig = [min(tuple(u[(i + j) % 6] for j in range(6)) for i in range(6)) for u in E3_INPUTS]
    else:
        sig = [tuple(_window_rule(u, w)) for u in E3_INPUTS]
    from exactsep.separation.cr import classes_from_signatures
    assert got == classes_from_signatures(sig)


E6_INPUTS = [(1, 5, 6), (2, 3, 7), (6, 1, 5), (0, 0, 3), (-1, 2, 2), (1, 2, 3)]
E6_COARSE = ((0, 1, 2), (3, 4), (5,))
E6_FINE = ((0, 2), (1,), (3,), (4,), (5,))


@pytest.mark.parametrize("d,L,expected", [
    (1, 1, E6_COARSE), (1, 2, E6_COARSE), (1, 3, E6_COARSE), (2, 1, E6_COARSE),
    (2, 2, E6_FINE), (3, 1, E6_FINE), (3, 2, E6_FINE)])
def test_E6_polynomial(d, L, expected):
    G = symmetric(3)
    X = GSet.natural(G)
    arch = Architecture(G, X, [X] * L, activation={"poly": d})
    assert partition(arch, E6_INPUTS).classes == expected


def test_E6_nonpolynomial_and_power_sums():
    G = symmetric(3)
    X = GSet.natural(G)
    assert partition(Architecture(G, X, [X]), E6_INPUTS).classes == E6_FINE
    p = lambda v, k: sum(x ** k for x in v)  # noqa: E731
    for a, b in [(0, 1), (3, 4)]:
        u, v = E6_INPUTS[a], E6_INPUTS[b]
        assert p(u, 1) == p(v, 1) and p(u, 2) == p(v, 2) and p(u, 3) != p(v, 3)
