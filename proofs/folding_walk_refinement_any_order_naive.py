"""folding.walk-refinement-any-order-naive: (Naive form, without the order of flips.) Refining a
walk into single-bit flips in any order (here: coordinates moving away from pi_1 first, or by index)
preserves r1.

Hypotheses:
  - a walk of patterns (consecutive duplicates removed)
  - an order of the flips inside each step other than the lemma's

Provenance: [secondary] (the talk shows the away-first refinement of its example raising r1 from 2 to 4); the smallest counterexample is exactsep's [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 7). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 17

Expected outcome: REFUTED. This is the naive form of a claim with a hypothesis dropped;
it drops: coordinates moving back toward pi_1 flip before those moving away. `exactsep prove`
succeeds when it finds (and prints) a counterexample, whose certificate says how it violates that
hypothesis.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.walk_refinement_any_order
Run it: ``exactsep prove --claim folding.walk-refinement-any-order-naive``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import walk_refinement_any_order as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
