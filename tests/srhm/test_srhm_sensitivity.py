"""Sensitivities: the exact input-level values against brute-force pair enumeration, the closed forms
against exact enumeration (docs/theory/srhm.md, "Sensitivities"), and the sampled estimator."""
import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidInputError, InvalidSpecError
from exactsep.srhm import (closed_form_input_diffeo_sensitivity, enumerate_derivations, exact_input_sensitivity,
                           grammar_from_rules, leaf_marginals, nodes_to_redraw, one_hot, random_grammar,
                           sampled_sensitivity, closed_form_D01_maximal)
from exactsep.srhm.strategies import small_grammars

HAND = [[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]]


def brute_sensitivity(g, kind, level, single=False):
    """Direct definition: x uniform, every re-draw outcome of the chosen digits, y uniform; exact."""
    der = enumerate_derivations(g)
    X = one_hot(g, der).astype(np.int64).reshape(len(der), -1)
    mask = nodes_to_redraw(g, level, single)
    radix = g.m if kind == "synonym" else g.placements_per_node
    k = int(mask.sum())
    num = Fraction(0)
    outcomes = list(itertools.product(range(radix), repeat=k))
    for i in range(len(der)):
        t = der[[i] * len(outcomes)].copy()
        arr = np.array(outcomes, dtype=np.int64).reshape(len(outcomes), k)
        if kind == "synonym":
            t.rules[:, mask] = arr
        else:
            t.placements[:, mask] = arr
        Y = one_hot(g, t).astype(np.int64).reshape(len(outcomes), -1)
        num += Fraction(int(((Y - X[i]) ** 2).sum()), len(outcomes))
    num /= len(der)
    sq = (X ** 2).sum(1)
    den = Fraction(int(2 * len(X) * sq.sum() - 2 * (X.sum(0) ** 2).sum()), len(X) ** 2)
    return num / den


@settings(max_examples=15, deadline=None)
@given(small_grammars(max_inputs=300, max_L=2), st.sampled_from(["synonym", "diffeo"]), st.data())
def test_exact_matches_brute_force(g, kind, data):
    level = data.draw(st.integers(1, g.L))
    single = data.draw(st.booleans())
    if g.total_inputs < 2:
        return
    assert exact_input_sensitivity(g, kind, level, single) == brute_sensitivity(g, kind, level, single)


def test_instance_I_values_by_brute_force():
    g = grammar_from_rules(HAND, v=3, s0=1)
    for kind in ("synonym", "diffeo"):
        for level in (1, 2):
            for single in (False, True):
                assert exact_input_sensitivity(g, kind, level, single) == brute_sensitivity(g, kind, level, single)
    r = exact_input_sensitivity(g, "diffeo", 1, detail=True)
    assert r.value == r.numerator / r.denominator and r.support_size == 1024
    assert r.to_json()["value"] == "64/117"


@pytest.mark.parametrize("L, s, v, s0", [(2, 2, 2, 1), (2, 2, 2, 2), (1, 2, 3, 1), (1, 3, 2, 1), (2, 2, 3, 1),
                                         (1, 2, 2, 3), (1, 4, 2, 1), (3, 1, 2, 1)])
def test_closed_form_D01_maximal(L, s, v, s0):
    """Sensitivities [derived ✓]: maximal sparsity A, tau_1 re-drawing every feature's slot."""
    g = random_grammar(L, s, v, v ** (s - 1), v, s0=s0, sparsity="A", seed=L + s + v + s0)
    exact = exact_input_sensitivity(g, "diffeo", 1)
    assert exact == closed_form_D01_maximal(L, s0, v) == closed_form_input_diffeo_sensitivity(g)
    # the single-level variant at level 1 is the same transformation
    assert exact_input_sensitivity(g, "diffeo", 1, single_level=True) == exact


@settings(max_examples=20, deadline=None)
@given(small_grammars(max_inputs=20000))
def test_general_closed_form_vs_enumeration(g):
    if g.sparsity != "A" or g.total_inputs < 2:
        return
    assert closed_form_input_diffeo_sensitivity(g) == exact_input_sensitivity(g, "diffeo", 1)


def test_non_maximal_departs_from_spec_formula():
    g = grammar_from_rules(HAND, v=3, s0=1)                # m=2 < v^(s-1)=3: leaf marginals not uniform
    assert closed_form_input_diffeo_sensitivity(g) == exact_input_sensitivity(g, "diffeo", 1)
    assert closed_form_input_diffeo_sensitivity(g) != closed_form_D01_maximal(2, 1, 3)
    assert sum(leaf_marginals(g)[0]) == 1
    with pytest.raises(InvalidSpecError):
        closed_form_input_diffeo_sensitivity(g.with_sparsity(1, "B"))


def test_sampled_estimator_converges_to_exact():
    g = random_grammar(2, 2, 3, 2, 3, s0=1, seed=4)
    for kind, level in (("diffeo", 1), ("synonym", 2), ("diffeo", 2)):
        exact = float(exact_input_sensitivity(g, kind, level))
        est = sampled_sensitivity(lambda x: x, g, kind, level, n_per_class=3000, seed=1)
        assert abs(est.value - exact) < 0.03


def test_sampled_estimator_properties():
    g = random_grammar(2, 2, 3, 3, 3, s0=2, seed=0)
    f = lambda x: [x, np.maximum(x.reshape(len(x), -1) @ np.ones((x[0].size, 4)) - 3, 0)]
    a = sampled_sensitivity(f, g, "diffeo", 1, n_per_class=50, seed=3)
    assert len(a.values) == 2 and a.batch_size == 150
    # whitening is affine: same draws, same ratio at the input level
    b = sampled_sensitivity(lambda x: x, g, "diffeo", 1, n_per_class=50, seed=3, encoding="srhm")
    c = sampled_sensitivity(lambda x: x, g, "diffeo", 1, n_per_class=50, seed=3, encoding="centered")
    assert abs(a.values[0] - b.value) < 1e-9 and abs(a.values[0] - c.value) < 1e-9
    # denominator = mean over all ordered pairs of the reference batch, diagonal included
    seen = []

    def record(x):
        seen.append(x.copy())
        return x
    d = sampled_sensitivity(record, g, "diffeo", 1, n_per_class=50, seed=3)
    X = seen[0].reshape(150, -1)
    pair = ((X[:, None] - X[None]) ** 2).sum(-1).mean()
    assert abs(pair - d.denominators[0]) < 1e-9
    assert abs(((X - seen[1].reshape(150, -1)) ** 2).sum(-1).mean() - d.numerators[0]) < 1e-9
    assert (np.bincount(np.repeat(np.arange(3), 50)) == 50).all()
    # level 0: identity, zero sensitivity; an invariant representation: zero at every level
    assert sampled_sensitivity(lambda x: x, g, "synonym", 0, n_per_class=5).value == 0
    with pytest.raises(InvalidInputError):
        sampled_sensitivity(lambda x: x, g, "diffeo", 1, n_per_class=0)
    with pytest.raises(InvalidInputError):
        sampled_sensitivity(lambda x: x, g, "diffeo", 1, encoding="bits")


def test_exact_errors():
    g = random_grammar(2, 2, 3, 2, 2, s0=1)
    with pytest.raises(InvalidInputError):
        exact_input_sensitivity(g, "warp", 1)
    with pytest.raises(InvalidInputError):
        closed_form_D01_maximal(0, 1, 2)
