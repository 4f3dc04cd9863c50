"""Grammars: constraints, determinism, distinct rules per level, the blank, explicit rules, grammar counts."""
import itertools
import re
from math import comb

import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import ExactsepError, InvalidSpecError
from exactsep.srhm import Grammar, grammar_from_rules, number_of_grammars, random_grammar, rhm_grammar

from exactsep.srhm.strategies import grammar_params


@settings(max_examples=60, deadline=None)
@given(grammar_params(), st.integers(0, 2 ** 31))
def test_random_grammar_properties(params, seed):
    L, s, v, m, n_c, s0, sp = params
    g = random_grammar(L, s, v, m, n_c, s0, sp, seed=seed)
    # within each layer the m*k tuples are pairwise distinct, of length s, over 0..v-1
    for l, layer in enumerate(g.rules):
        assert len(layer) == (n_c if l == 0 else v)
        flat = [t for rhs in layer for t in rhs]
        assert all(len(rhs) == m for rhs in layer)
        assert len(set(flat)) == len(flat) == m * len(layer)
        assert all(len(t) == s and all(0 <= a < v for a in t) for t in flat)   # the blank v gets no rules
    assert m * n_c <= v ** s and m <= v ** (s - 1)
    # deterministic for a seed
    assert random_grammar(L, s, v, m, n_c, s0, sp, seed=seed) == g
    # exact sizes
    N = (s ** L - 1) // (s - 1) if s > 1 else L
    A = (s0 + 1) ** s if sp == "A" else comb(s * (s0 + 1), s)
    assert (g.num_nodes, g.placements_per_node) == (N, A)
    assert g.input_length == (s * (s0 + 1)) ** L
    assert g.total_inputs == n_c * (m * A) ** N


def test_seeds_differ_and_rhm_helper():
    a = random_grammar(3, 2, 8, 8, 8, s0=1, seed=0)
    b = random_grammar(3, 2, 8, 8, 8, s0=1, seed=1)
    assert a.rules != b.rules
    r = rhm_grammar(3, 2, 8, 8, 8, seed=0)
    assert r.rules == a.rules and r.s0 == 0 and a.rhm() == r


@pytest.mark.parametrize("kw, fragment", [
    (dict(L=2, s=2, v=3, m=4, n_c=2), "m <= v**(s-1)"),
    (dict(L=1, s=2, v=3, m=4, n_c=1), "m <= v**(s-1)"),
    (dict(L=1, s=2, v=3, m=3, n_c=4), "m * n_c"),
    (dict(L=2, s=2, v=3, m=3, n_c=4), "m * n_c"),
    (dict(L=0, s=2, v=3, m=2, n_c=2), "L"),
    (dict(L=2, s=2, v=3, m=2, n_c=2, s0=-1), "s0"),
    (dict(L=2, s=2, v=3, m=2, n_c=2, sparsity="C"), "sparsity"),
    (dict(L=2.0, s=2, v=3, m=2, n_c=2), "L"),
    (dict(L=2, s=2, v=3, m=2, n_c=2, seed=-3), "seed"),
])
def test_bad_parameters(kw, fragment):
    with pytest.raises(InvalidSpecError, match=re.escape(fragment)):
        random_grammar(**kw)


def test_large_tuple_space_draws_distinct():
    g = random_grammar(L=2, s=40, v=3, m=2, n_c=2, seed=5)         # 3**40 > 2**62: the fallback path
    flat = [t for layer in g.rules for rhs in layer for t in rhs]
    assert len(set(flat[:4])) == 4 and len(set(flat[4:])) == 6


def test_from_rules_checks():
    good = [[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]]
    g = grammar_from_rules(good, v=3, s0=2, sparsity="B")
    assert (g.L, g.s, g.v, g.m, g.n_c, g.s0, g.sparsity) == (2, 2, 3, 2, 2, 2, "B")
    assert Grammar.from_json(g.to_json()) == g
    bad = [
        [[["01", "22"], ["10"]], good[1]],                          # unequal m
        [[["01", "22"], ["10", "003"]], good[1]],                   # unequal s
        [[["01", "22"], ["10", "03"]], good[1]],                    # symbol out of range
        [good[0], good[1][:2]],                                     # a symbol without rules
        [good[0], [["01", "12"], ["20", "11"], ["00", "12"]]],      # ambiguous
        [],
    ]
    for rules in bad:
        with pytest.raises(InvalidSpecError):
            grammar_from_rules(rules, v=3)


def test_number_of_grammars_instance_I_and_brute_force():
    assert number_of_grammars(2, 2, 3, 2, 2) == 756 * 7560 == 5_715_360      # Instance I
    # brute force: assignments of unordered m-sets of distinct s-tuples to the parents of each layer
    for (L, s, v, m, n_c) in [(1, 2, 2, 1, 2), (1, 2, 2, 2, 2), (2, 2, 2, 2, 1), (1, 3, 2, 2, 3)]:
        tuples = list(itertools.product(range(v), repeat=s))

        def count(k):
            total = 0
            for chosen in itertools.permutations(tuples, m * k):
                blocks = [chosen[i * m:(i + 1) * m] for i in range(k)]
                if all(list(b) == sorted(b) for b in blocks):
                    total += 1
            return total
        brute = count(n_c) * count(v) ** (L - 1)
        assert number_of_grammars(L, s, v, m, n_c) == brute


def test_errors_are_exactsep_errors():
    with pytest.raises(ExactsepError):
        random_grammar(2, 2, 2, 3, 1)
    g = random_grammar(2, 2, 3, 2, 2, s0=1)
    with pytest.raises(ExactsepError):
        g.read_input("0_1_")
    with pytest.raises(ExactsepError):
        g.read_input("0_1_____2_0____9")
