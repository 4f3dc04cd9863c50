"""Separability by cyclic CNNs: the window rule against its brute-force definition and against the
separation engine (colour refinement), monotonicity, witnesses, smallest depth / filter size."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import ComputationLimitError, InvalidInputError
from exactsep.srhm import (cyclic_cnn_separability, cyclic_window_ids, enumerate_dataset, grammar_from_rules,
                           indistinguishability_classes, labels, random_grammar, sample,
                           smallest_separating_cyclic_cnn, window_length)
from exactsep.srhm.strategies import small_grammars

import srhm_reference as ref

HAND = [[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]]


def partition_of(ids):
    groups = {}
    for i, c in enumerate(np.asarray(ids).tolist()):
        groups.setdefault(c, []).append(i)
    return sorted(map(tuple, groups.values()))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9).flatmap(lambda n: st.lists(st.lists(st.integers(0, 2), min_size=n, max_size=n),
                                                      min_size=1, max_size=12)),
       st.integers(1, 4), st.integers(1, 4))
def test_window_classes_match_definition(rows, depth, k):
    X = np.array(rows)
    w = window_length(depth, k)
    got = partition_of(indistinguishability_classes(X, depth, k))
    keys = [frozenset(ref.window_multiset(x, min(w, len(x))).items()) for x in rows]
    want = partition_of([keys.index(kk) for kk in keys])
    assert got == want
    ids = cyclic_window_ids(X, w).ravel().tolist()
    n = len(rows[0])
    wins = [tuple(x[(j + t) % n] for t in range(min(w, n))) for x in rows for j in range(n)]
    assert len(set(ids)) == len(set(wins))
    assert len(set(zip(ids, wins))) == len(set(wins))            # equal ids iff equal windows


def test_separation_md_E3_vectors():
    """Test vector E3 of docs/theory/separation.md (the rule used here)."""
    U = np.array([[1, 1, 2, 1, 2, 2], [1, 1, 2, 2, 1, 2], [2, 1, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2], [1, 1, 1, 2, 2, 2]])
    three = [(0, 1, 2), (3,), (4,)]
    four = [(0, 2), (1,), (3,), (4,)]
    assert partition_of(indistinguishability_classes(U, 5, 1)) == [(0, 1, 2, 3, 4)]
    for L in (1, 2):
        assert partition_of(indistinguishability_classes(U, L, 2)) == three
    for L in (3, 4):
        assert partition_of(indistinguishability_classes(U, L, 2)) == four
    assert partition_of(indistinguishability_classes(U, 1, 3)) == three
    assert partition_of(indistinguishability_classes(U, 2, 3)) == four
    assert partition_of(indistinguishability_classes(U, 1, 6)) == four


@settings(max_examples=12, deadline=None)
@given(small_grammars(max_inputs=1500, max_L=2, max_s=2, max_v=3, max_s0=1), st.integers(1, 3), st.integers(1, 4))
def test_window_rule_agrees_with_separation_engine(g, depth, k):
    r1 = cyclic_cnn_separability(g, depth, k, method="window")
    r2 = cyclic_cnn_separability(g, depth, k, method="engine")
    assert (r1.separates, r1.num_indistinguishability_classes) == (r2.separates, r2.num_indistinguishability_classes)
    cyclic_cnn_separability(g, depth, k, method="both")       # raises CertificateError on any disagreement


@settings(max_examples=20, deadline=None)
@given(small_grammars(max_inputs=3000))
def test_smallest_window_is_the_boundary(g):
    res = smallest_separating_cyclic_cnn(g, confirm="never")
    n = g.input_length
    ds = enumerate_dataset(g)
    seps = [cyclic_cnn_separability(g, 1, w, method="window").separates for w in range(1, n + 1)]
    assert seps == sorted(seps)                                   # monotone in the window length
    if res.separable:
        assert seps.index(True) + 1 == res.min_window
        for k in range(1, 5):
            L = res.min_depth(k)
            if L is None:
                assert k == 1 and res.min_window > 1
                continue
            assert cyclic_cnn_separability(g, L, k, method="window").separates
            if L > 1:
                assert not cyclic_cnn_separability(g, L - 1, k, method="window").separates
        for L in range(1, 4):
            k = res.min_filter_size(L)
            assert cyclic_cnn_separability(g, L, k, method="window").separates
            if k > 1:
                assert not cyclic_cnn_separability(g, L, k - 1, method="window").separates
    else:
        assert not any(seps)
    if res.witness:                                               # a real inseparable pair, different classes
        a, b = (g.read_input(t) for t in res.witness)
        ya, yb = labels(g, np.stack([a, b]))
        assert ya != yb
        w = res.witness_window
        assert ref.window_multiset(a.tolist(), min(w, n)) == ref.window_multiset(b.tolist(), min(w, n))


def test_rotations_are_never_separated():
    g = grammar_from_rules(HAND, v=3)
    r = smallest_separating_cyclic_cnn(g)
    assert not r.separable
    a, b = r.witness
    assert any(b == a[i:] + a[:i] for i in range(len(a)))


def test_separable_instance_and_json():
    g = random_grammar(2, 2, 4, 2, 3, s0=1, sparsity="B", seed=1)
    r = smallest_separating_cyclic_cnn(g)
    assert r.min_window == 4 and "confirmed by the separation engine" in r.method
    js = r.to_json()
    assert js["min_depth_by_filter_size"]["2"] == 3 and js["min_filter_size_by_depth"]["1"] == 4
    one = cyclic_cnn_separability(g, 3, 2)
    assert one.separates and one.witness is None and one.whole_support


def test_on_a_dataset_and_limits():
    g = random_grammar(3, 2, 8, 8, 8, s0=1, seed=0)
    big = cyclic_cnn_separability(g, 2, 3)                   # too large to enumerate: a rotation witness settles it
    assert not big.separates and big.num_indistinguishability_classes is None
    ds = sample(g, 2000, seed=0)
    r = cyclic_cnn_separability(g, 2, 3, inputs=ds.inputs, method="window")
    assert r.num_inputs == 2000 and not r.whole_support
    with pytest.raises(InvalidInputError):
        cyclic_cnn_separability(g, 2, 3, inputs=np.full((1, 64), 8))
    with pytest.raises(InvalidInputError):
        cyclic_cnn_separability(g, 0, 3, inputs=ds.inputs)
    with pytest.raises(InvalidInputError):
        cyclic_cnn_separability(g, 1, 3, inputs=ds.inputs, method="magic")


def _check_rotation_pair(g, a, b, shift=None):
    A, B = g.read_input(a), g.read_input(b)
    ya, yb = labels(g, np.stack([A, B]))
    assert ya >= 0 and yb >= 0 and ya != yb
    shifts = [r for r in range(g.input_length) if (np.roll(A, r) == B).all()]
    assert shifts and (shift is None or shift in shifts)


def test_rotation_witness_certificates():
    from exactsep.srhm import rotation_witness
    from exactsep.separation import Architecture, partition
    from exactsep.srhm import cyclic_cnn_architecture_spec, one_hot
    g = random_grammar(2, 2, 3, 2, 2, s0=1, seed=0)
    rw = rotation_witness(g, n_samples=300, seed=1)
    _check_rotation_pair(g, rw.input, rw.rotated, rw.shift)
    # the separation engine agrees that the pair is indistinguishable (depth 3, conv:3)
    X = np.stack([g.read_input(rw.input), g.read_input(rw.rotated)])
    enc = one_hot(g, X).transpose(0, 2, 1).reshape(2, -1)
    arch = Architecture.from_spec(cyclic_cnn_architecture_spec(g, 3, 3))
    assert partition(arch, enc.tolist()).num_classes == 1
    # a separable instance has no rotation witness anywhere in its support
    h = random_grammar(2, 2, 4, 2, 3, s0=1, sparsity="B", seed=1)
    assert rotation_witness(h, inputs=enumerate_dataset(h).inputs) is None


def test_large_instances_decided_by_rotation_witness():
    g3 = random_grammar(2, 2, 10, 10, 10, s0=2, seed=0)                 # spec Instance III, 7.29M inputs
    r = smallest_separating_cyclic_cnn(g3)
    assert not r.separable and r.whole_support and "rotation witness" in r.method
    _check_rotation_pair(g3, *r.witness)
    s = cyclic_cnn_separability(g3, 3, 4)
    assert not s.separates and s.certified_for_support
    _check_rotation_pair(g3, *s.witness)
    one = random_grammar(4, 2, 4, 4, 1, seed=0)                          # one class: trivially separated
    assert smallest_separating_cyclic_cnn(one).min_window == 1 and cyclic_cnn_separability(one, 1, 1).separates
    with pytest.raises(ComputationLimitError):                            # undecided: no witness, too large
        smallest_separating_cyclic_cnn(random_grammar(2, 2, 4, 2, 3, s0=3, sparsity="B", seed=1), max_entries=10)
