"""fundim.attained-nonincreasing-naive: (Naive form, without the width-1 caveat.) For every
non-increasing width sequence n0 >= n1 >= ... >= n_{d-1} the bound U is attained.

Hypotheses:
  - n0 >= n1 >= ... >= n_{d-1}
  - a counterexample needs a proof that no parameter attains U: the ramp argument (widths (n0, 1,
    - ..., 1) with at least three width-1 hidden layers, fundim.width-one-chain-below-bound); an
    - instance where only the search failed is undecided

Provenance: [derived] (the induction on layers read literally)
Source: docs/theory/fundim.md, 'When U is attained' (the induction vs. the width-one-chain exception)

Expected outcome: REFUTED. This is the naive form of a claim with a hypothesis dropped;
it drops: no three consecutive width-1 hidden layers. `exactsep prove` succeeds when it finds (and
prints) a counterexample, whose certificate says how it violates that hypothesis.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.bound_attained_naive
Run it: ``exactsep prove --claim fundim.attained-nonincreasing-naive``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import bound_attained_naive as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
