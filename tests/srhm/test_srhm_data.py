"""Exact data: Instance I, the index bijection, parsing, structure, blank deletion, sampling, encodings.

Every exhaustive check holds exactsep's vectorised index/decoder/parser against the independent
recursive reference of srhm_reference.py (docs/theory/srhm.md, "Sizes", "Exact indexing")."""
import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import ComputationLimitError, ExactsepError, InvalidInputError, ShapeError
from exactsep.srhm import (delete_blanks, derivations_to_indices, enumerate_dataset, enumerate_derivations,
                           float_whitened_one_hot, grammar_from_rules, indices_to_derivations, inputs_of, labels,
                           one_hot, orbit_size, parse, random_grammar, sample, sample_derivations)
from exactsep.srhm.strategies import small_grammars

import srhm_reference as ref

HAND = [[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]]


def hand(s0=0, sparsity="A"):
    return grammar_from_rules(HAND, v=3, s0=s0, sparsity=sparsity)


# ------------------------------------------------------------------ Instance I (docs/theory/srhm.md)
def test_instance_I_rhm_classes():
    g = hand()
    ds = enumerate_dataset(g)
    classes = {c: sorted(g.format_input(x) for x, y in zip(ds.inputs, ds.labels) if y == c) for c in (0, 1)}
    assert classes[0] == ["0000", "0022", "0111", "0120", "1211", "1220", "2200", "2222"]
    assert classes[1] == ["0101", "0112", "1101", "1112", "1201", "1212", "2001", "2012"]
    assert len(set(classes[0]) | set(classes[1])) == 16          # disjoint, 16 of the 81 strings


@pytest.mark.parametrize("s0, row", [
    # d, informative, A, |X_a|, |X|, fibre A^N, height-1 tau-orbit, root tau-orbit, n_c m^L
    (0, (4, 4, 1, 8, 16, 1, 1, 1, 8)),
    (1, (16, 4, 4, 512, 1024, 64, 16, 4, 8)),
    (2, (36, 4, 9, 5832, 11664, 729, 81, 9, 8)),
])
def test_instance_I_table(s0, row):
    for g in (hand(s0), random_grammar(2, 2, 3, 2, 2, s0=s0, seed=7)):
        got = (g.input_length, g.informative_positions, g.placements_per_node, g.inputs_per_class, g.total_inputs,
               orbit_size(g, rules=False), orbit_size(g, [1], rules=False), orbit_size(g, [2], rules=False),
               g.n_c * g.m ** g.L)
        assert got == row
        # and by exhaustive enumeration: distinct inputs, class sizes, fibres
        ds = enumerate_dataset(g)
        assert len({x.tobytes() for x in ds.inputs}) == row[4]
        assert Counter(ds.labels.tolist()) == {0: row[3], 1: row[3]}
        fib = Counter(x.tobytes() for x in delete_blanks(g, ds.inputs))
        assert set(fib.values()) == {row[5]} and len(fib) == 16


def test_instance_I_srhm_example_and_moves():
    g = hand(1)
    sup = ref.support(g)
    x = "0_1_____2_0_____"
    assert [x[i:i + 4] for i in range(0, 16, 4)] == ["0_1_", "____", "2_0_", "____"]
    for t in (x, "____0_1_2_0_____", "_01_____2_0_____"):      # root-level tau, level-1 tau
        arr = g.read_input(t)
        assert sup[tuple(arr.tolist())] == 0
        assert labels(g, arr) .tolist() == [0]


# ------------------------------------------------------------------ the whole support vs the reference
@settings(max_examples=25, deadline=None)
@given(small_grammars(max_inputs=3000))
def test_support_index_parse_against_reference(g):
    der = enumerate_derivations(g)
    X = inputs_of(g, der)
    sup = ref.support(g)                                     # independent recursive enumeration
    got = {tuple(x): int(c) for x, c in zip(X.tolist(), der.classes)}
    assert got == sup                                        # same support, same labels
    assert len(got) == g.total_inputs                        # the index is injective: |X| = n_c (mA)^N
    assert Counter(der.classes.tolist()) == {c: g.inputs_per_class for c in range(g.n_c)}
    # bijection: parse every input back to its digits and its index
    r = parse(g, X)
    assert r.valid.all()
    assert (derivations_to_indices(g, r.derivations) == np.arange(g.total_inputs)).all()
    # structure ("Sizes") and the reference parser, on a few inputs
    for x in X[:: max(1, len(X) // 40)].tolist():
        assert ref.structure_ok(g, x)
        assert ref.string_parse(g, x) == sup[tuple(x)]


@settings(max_examples=20, deadline=None)
@given(small_grammars(max_inputs=400, max_L=2, max_s=2, max_v=3, max_s0=1), st.data())
def test_strings_outside_the_support_are_rejected(g, data):
    """Exhaustively on all (v+1)^d strings when small, else on random strings: label >= 0 iff in the support."""
    sup = ref.support(g)
    if (g.v + 1) ** g.input_length <= 5000:
        X = np.array(list(itertools.product(range(g.v + 1), repeat=g.input_length)), dtype=np.int64)
    else:
        X = np.array(data.draw(st.lists(st.lists(st.integers(0, g.v), min_size=g.input_length,
                                                  max_size=g.input_length), min_size=1, max_size=40)))
        X = np.concatenate([X, np.array(list(sup)[:40])])
    y = labels(g, X)
    for x, c in zip(X.tolist(), y.tolist()):
        assert c == sup.get(tuple(x), -1)
        assert (ref.string_parse(g, x) if ref.string_parse(g, x) is not None else -1) == c


def test_maximal_rhm_covers_every_string():
    for (L, s, v) in [(2, 2, 2), (1, 2, 3), (2, 2, 3), (1, 3, 2)]:
        g = random_grammar(L, s, v, v ** (s - 1), v, seed=1)
        X = inputs_of(g, enumerate_derivations(g))
        assert len({x.tobytes() for x in X}) == v ** (s ** L) == g.total_inputs   # X = V^(s^L)


@settings(max_examples=25, deadline=None)
@given(small_grammars(max_inputs=3000))
def test_blank_deletion(g):
    ds = enumerate_dataset(g)
    R = delete_blanks(g, ds.inputs)
    rg = g.rhm()
    # onto the RHM support, labels preserved
    assert set(map(tuple, R.tolist())) == set(ref.support(rg))
    assert (labels(rg, R) == ds.labels).all()
    # fibres of size A^N
    fib = Counter(map(tuple, R.tolist()))
    assert set(fib.values()) == {g.placements_per_node ** g.num_nodes}


# ------------------------------------------------------------------ index, sampling
@settings(max_examples=40, deadline=None)
@given(small_grammars(max_inputs=10 ** 9, max_L=3), st.data())
def test_index_roundtrip_random(g, data):
    idx = data.draw(st.lists(st.integers(0, g.total_inputs - 1), min_size=1, max_size=30))
    der = indices_to_derivations(g, idx)
    assert derivations_to_indices(g, der).tolist() == idx
    r = parse(g, inputs_of(g, der))
    assert r.valid.all() and derivations_to_indices(g, r.derivations).tolist() == idx


def test_big_indices_beyond_int64():
    g = random_grammar(L=3, s=3, v=3, m=3, n_c=3, s0=1, sparsity="B", seed=0)
    assert g.total_inputs > 2 ** 64
    idx = [0, 1, g.total_inputs - 1, g.total_inputs // 3 + 12345]
    der = indices_to_derivations(g, idx)
    assert [int(i) for i in derivations_to_indices(g, der)] == idx
    ds = sample(g, 500, seed=3)
    assert len({x.tobytes() for x in ds.inputs}) == 500
    assert (labels(g, ds.inputs) == ds.labels).all()
    with pytest.raises(InvalidInputError):
        indices_to_derivations(g, [g.total_inputs])


@pytest.mark.parametrize("P", [1, 100, 700, 1024])
def test_sampling_without_replacement(P):
    g = random_grammar(2, 2, 3, 2, 2, s0=1, seed=0)
    a = sample(g, P, seed=11)
    b = sample(g, P, seed=11)
    assert (a.inputs == b.inputs).all()                                # deterministic for a seed
    assert len({x.tobytes() for x in a.inputs}) == P                   # distinct
    assert (labels(g, a.inputs) == a.labels).all()
    if P == g.total_inputs:
        assert sorted(a.indices().tolist()) == list(range(P))
    assert not np.array_equal(sample(g, 100, seed=12).inputs, sample(g, 100, seed=11).inputs)


@pytest.mark.parametrize("g, P", [(hand(), 8), (random_grammar(1, 2, 2, 2, 2, s0=1, seed=0), 3)])
def test_sampling_is_uniform_on_the_support(g, P):
    """Both sampling paths (index permutation prefix; digit draws with exact de-duplication): over many
    draws of P of the 16 inputs, every input appears about equally often (expected 400 P / 16 each)."""
    assert g.total_inputs == 16
    counts = Counter()
    rng = np.random.default_rng(0)
    for _ in range(400):
        idx = derivations_to_indices(g, sample_derivations(g, P, rng=rng)).tolist()
        assert len(set(idx)) == P
        counts.update(idx)
    assert set(counts) == set(range(16))
    mean = 400 * P / 16
    assert max(abs(c - mean) for c in counts.values()) < 6 * mean ** 0.5


def test_sampling_errors():
    g = hand()
    with pytest.raises(InvalidInputError):
        sample(g, 17)
    with pytest.raises(InvalidInputError):
        sample(g, -1)
    with pytest.raises(ComputationLimitError):
        enumerate_derivations(random_grammar(3, 2, 8, 8, 8, s0=1))
    assert len(sample_derivations(g, 40, seed=0, replace=True)) == 40


# ------------------------------------------------------------------ encodings
@settings(max_examples=20, deadline=None)
@given(small_grammars(max_inputs=10 ** 6), st.integers(0, 1000))
def test_one_hot_paths_agree(g, seed):
    der = sample_derivations(g, min(50, g.total_inputs), seed=seed)
    X = inputs_of(g, der)
    a = one_hot(g, der)
    b = one_hot(g, X)
    assert a.dtype == np.uint8 and a.shape == (len(der), g.v, g.input_length)
    assert (a == b).all()
    # blank = zero column, a symbol = a unit column
    assert ((a.sum(axis=1) == 1) == (X != g.blank)).all()
    back = np.where(a.any(axis=1), a.argmax(axis=1), g.blank)
    assert (back == X).all()


def test_whitened_encodings():
    g = random_grammar(2, 2, 3, 2, 2, s0=1, seed=0)
    der = sample_derivations(g, 10, seed=0)
    x = one_hot(g, der).astype(np.float64)
    w = float_whitened_one_hot(g, der, "srhm", dtype=np.float64)
    beta = (g.v - 1) ** -0.5
    assert np.allclose(w, x * (1 + beta) - beta)
    X = inputs_of(g, der)
    assert np.allclose(w.transpose(0, 2, 1)[X == g.blank], -beta)     # blank: the constant column -beta
    c = float_whitened_one_hot(g, der, "centered", dtype=np.float64)
    assert np.allclose(c, (x - 1 / 3) / np.sqrt(2 / 3))
    with pytest.raises(InvalidInputError):
        float_whitened_one_hot(g, der, "other")


def test_input_checks():
    g = hand(1)
    with pytest.raises(ShapeError):
        labels(g, np.zeros((2, 5), dtype=np.int64))
    with pytest.raises(InvalidInputError):
        labels(g, np.full((1, 16), 7))
    with pytest.raises(InvalidInputError):
        labels(g, np.zeros((1, 16)) + 0.5)
    with pytest.raises(ExactsepError):
        delete_blanks(g, np.full((1, 16), 3))


def test_instances_II_and_III_counts():
    g2 = random_grammar(2, 2, 2, 2, 2, s0=1, seed=0)                     # Instance II
    assert g2.total_inputs == 2 * 8 ** 3 == 1024
    assert len({x.tobytes() for x in inputs_of(g2.rhm(), enumerate_derivations(g2.rhm()))}) == 16
    g3 = random_grammar(2, 2, 10, 10, 10, s0=2, seed=0)                  # Instance III (Fig. 1)
    assert (g3.input_length, g3.placements_per_node, g3.num_nodes) == (36, 9, 3)
    assert (g3.inputs_per_class, g3.total_inputs) == (729_000, 7_290_000)
    ds = sample(g3, 7400, seed=0)                                         # the paper's P
    assert len({x.tobytes() for x in ds.inputs}) == 7400 and (labels(g3, ds.inputs) == ds.labels).all()


def test_degenerate_sizes():
    g = random_grammar(2, 2, 3, 2, 2, s0=1)
    assert len(sample(g, 0)) == 0 and one_hot(g, sample_derivations(g, 0)).shape == (0, 3, 16)
    assert labels(g, np.zeros((0, 16), dtype=np.int64)).shape == (0,)
    g = random_grammar(2, 1, 1, 1, 1, s0=2)                               # s = 1: a single moving feature
    X = enumerate_dataset(g).inputs
    assert sorted(g.format_input(x) for x in X) == sorted("_" * i + "0" + "_" * (8 - i) for i in range(9))
