"""Transformations and the invariance group (docs/theory/srhm.md, "Transformations and invariance"): label invariance, which digits move,
orbit sizes against string-level orbits, the group's simple transitivity on each class."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import InvalidInputError, InvalidSpecError
from exactsep.srhm import (InvarianceGroup, derivations_to_indices, diffeomorphism, enumerate_derivations,
                           grammar_from_rules, inputs_of, labels, nodes_to_redraw, orbit_size, random_grammar,
                           sample_derivations, synonym_exchange, transform, verify_label_invariance)
from exactsep.srhm.strategies import small_grammars

import srhm_reference as ref

HAND = [[["01", "22"], ["10", "00"]], [["01", "12"], ["20", "11"], ["00", "22"]]]


@settings(max_examples=30, deadline=None)
@given(small_grammars(max_inputs=10 ** 7), st.integers(0, 10 ** 6), st.booleans())
def test_labels_invariant_under_all_transformations(g, seed, single):
    der = sample_derivations(g, min(60, g.total_inputs), seed=seed)
    rep = verify_label_invariance(g, der, seed=seed, single_level=single)
    assert rep.invariant and rep.checked >= len(der) * 2 * g.L
    # parsing the transformed input gives back exactly the transformed digits
    for kind in ("synonym", "diffeo"):
        for level in range(1, g.L + 1):
            t = transform(g, der, kind, level, seed=seed, single_level=single)
            r = parse_ok(g, t)
            assert r


def parse_ok(g, der):
    from exactsep.srhm import parse
    r = parse(g, inputs_of(g, der))
    return bool(r.valid.all()) and (derivations_to_indices(g, r.derivations) == derivations_to_indices(g, der)).all()


@settings(max_examples=30, deadline=None)
@given(small_grammars(max_inputs=10 ** 7), st.integers(0, 10 ** 6), st.integers(0, 3), st.booleans())
def test_transformations_touch_only_their_nodes(g, seed, level, single):
    level = min(level, g.L)
    if single and level == 0:
        level = 1
    der = sample_derivations(g, min(40, g.total_inputs), seed=seed)
    mask = nodes_to_redraw(g, level, single)
    h = g.node_heights()
    assert (mask == ((h == level) if single else (h <= level))).all()
    a = synonym_exchange(g, der, level, seed=seed, single_level=single)
    assert (a.classes == der.classes).all() and (a.placements == der.placements).all()
    assert (a.rules[:, ~mask] == der.rules[:, ~mask]).all()
    b = diffeomorphism(g, der, level, seed=seed, single_level=single)
    assert (b.rules == der.rules).all() and (b.placements[:, ~mask] == der.placements[:, ~mask]).all()
    if g.m > 1 and mask.any():
        c = synonym_exchange(g, der, level, seed=seed, single_level=single, force_change=True)
        assert (c.rules[:, mask] != der.rules[:, mask]).all()
    if g.placements_per_node > 1 and mask.any():
        c = diffeomorphism(g, der, level, seed=seed, single_level=single, force_change=True)
        assert (c.placements[:, mask] != der.placements[:, mask]).all()


def test_level_zero_is_identity_and_level_checks():
    g = random_grammar(2, 2, 3, 2, 2, s0=1, seed=0)
    der = sample_derivations(g, 20, seed=0)
    for f in (synonym_exchange, diffeomorphism):
        same = f(g, der, 0, seed=1)
        assert (derivations_to_indices(g, same) == derivations_to_indices(g, der)).all()
        with pytest.raises(InvalidInputError):
            f(g, der, 3)
        with pytest.raises(InvalidInputError):
            f(g, der, 0, single_level=True)
    with pytest.raises(InvalidInputError):
        transform(g, der, "rotate", 1)
    with pytest.raises(InvalidInputError):
        synonym_exchange(random_grammar(2, 2, 3, 1, 2), sample_derivations(random_grammar(2, 2, 3, 1, 2), 3),
                         1, force_change=True)


@pytest.mark.parametrize("s0", [1, 2])
def test_string_level_tau_orbits(s0):
    """Height-h tau orbits computed on strings (moving child blocks inside their aligned group, no digit
    code) = the digit-level orbits = A^(s^(L-h)); the union over heights' moves stays in the class."""
    g = grammar_from_rules(HAND, v=3, s0=s0)
    der = enumerate_derivations(g)
    X = inputs_of(g, der)
    sup = ref.support(g)
    rng = np.random.default_rng(0)
    for i in rng.choice(len(X), 6, replace=False):
        x = tuple(X[i].tolist())
        for h in (1, 2):
            orbit = set(ref.height_moves(g, x, h))
            assert len(orbit) == orbit_size(g, [h], rules=False) == g.placements_per_node ** (g.s ** (g.L - h))
            assert all(sup.get(y) == sup[x] for y in orbit)
            # the same set from the digits: all derivations agreeing with x except height-h placements
            mask = g.node_heights() != h
            same = ((der.rules == der.rules[i]).all(1) & (der.placements[:, mask] == der.placements[i, mask]).all(1)
                    & (der.classes == der.classes[i]))
            assert orbit == {tuple(r) for r in X[same].tolist()}


@pytest.mark.parametrize("rules, s0", [(HAND, 1), (HAND, 0), ([[["0"], ["1"]], [["1"], ["0"]]], 2)])
def test_group_is_simply_transitive_on_each_class(rules, s0):
    g = grammar_from_rules(rules, v=len(rules[-1]) if len(rules) > 1 else 2, s0=s0)
    G = InvarianceGroup(g)
    assert G.order == g.inputs_per_class == orbit_size(g)
    der = enumerate_derivations(g)
    X = inputs_of(g, der)
    y = labels(g, X)
    for c in range(g.n_c):
        base = der[[int(np.nonzero(der.classes == c)[0][0])]]
        images = set()
        for h in G.elements():
            xs = inputs_of(g, G.act(h, base))
            images.add(xs[0].tobytes())
        cls = {x.tobytes() for x in X[y == c]}
        assert images == cls                       # transitive on the class, and |orbit| = |G|: free
        assert len(images) == G.order
    # transporter certificate and group law
    rng = np.random.default_rng(1)
    for _ in range(20):
        i, j = rng.integers(0, len(der), 2)
        if der.classes[i] != der.classes[j]:
            with pytest.raises(InvalidInputError):
                G.transporter(der[[i]], der[[j]])
            continue
        t = G.transporter(der[[i]], der[[j]])
        assert derivations_to_indices(g, G.act(t, der[[i]])).tolist() == derivations_to_indices(g, der[[j]]).tolist()
        h1, h2 = G.random_element(rng=rng), G.random_element(rng=rng)
        lhs = G.act(h1, G.act(h2, der[[i]]))
        rhs = G.act(G.compose(h1, h2), der[[i]])
        assert (derivations_to_indices(g, lhs) == derivations_to_indices(g, rhs)).all()


def test_placement_subgroup_orbits_are_blank_deletion_fibres():
    from exactsep.srhm import delete_blanks
    g = grammar_from_rules(HAND, v=3, s0=1)
    G = InvarianceGroup(g)
    der = enumerate_derivations(g)
    X = inputs_of(g, der)
    R = delete_blanks(g, X)
    i = 5
    orbit = set()
    for k in range(G.order):
        h = G.element_from_index(k)
        if h.rule_shift.any():
            continue
        orbit.add(inputs_of(g, G.act(h, der[[i]]))[0].tobytes())
    fibre = {x.tobytes() for x, r in zip(X, R) if (r == R[i]).all()}
    assert orbit == fibre and len(fibre) == orbit_size(g, rules=False) == 64


def test_group_needs_sparsity_A():
    with pytest.raises(InvalidSpecError):
        InvarianceGroup(random_grammar(2, 2, 3, 2, 2, s0=1, sparsity="B"))
    g = random_grammar(2, 2, 3, 2, 2, s0=1, sparsity="B")
    assert orbit_size(g, rules=False) == 6 ** 3
