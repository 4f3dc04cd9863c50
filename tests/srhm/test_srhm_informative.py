"""Informative positions of the SRHM: the decoder over all placement assignments, the product over levels and an
independent recursive expansion agree; every position has probability (s0+1)^(-L)."""
from fractions import Fraction

import pytest

from exactsep.proofs.claims import srhm as S


@pytest.mark.parametrize("L,s,s0,sparsity", [(2, 2, 1, "A"), (2, 2, 1, "B"), (1, 3, 2, "A"), (2, 3, 1, "B"),
                                             (3, 2, 1, "A")])
def test_three_methods_agree(L, s, s0, sparsity, monkeypatch):
    g = S._info_grammar(dict(L=L, s=s, s0=s0, sparsity=sparsity, seed=1))
    brute, total, m1 = S.informative_counts(g)
    monkeypatch.setattr(S, "BRUTE_FORCE_PLACEMENTS", 0)
    prod, total2, m2 = S.informative_counts(g)
    assert "decoded" in m1 and "product" in m2 and brute == prod and total == total2
    rec, total3 = S._info_brute(L, s, s0, sparsity)
    assert total3 == total and [rec.get(p, 0) for p in range(g.input_length)] == brute
    assert {Fraction(c, total) for c in brute} == {Fraction(1, (s0 + 1) ** L)}


def test_the_issues_sizes():
    # issue 18: L = s = 2, s0 = 1: 16 positions, 4 informative, 1/4; L = 3, s = 2, s0 = 2: 216, 8, 1/27
    for (L, s, s0, d, k) in ((2, 2, 1, 16, 4), (3, 2, 2, 216, 8)):
        for sp in "AB":
            out = S.informative_position_probability.check(dict(L=L, s=s, s0=s0, sparsity=sp, seed=0))
            c = out["computed"]
            assert out["holds"] and (c["input_length"], c["informative_per_input"]) == (d, k)
            assert c["probability"] == str(Fraction(1, (s0 + 1) ** L))
