"""folding.hamming-convexity-lemma-deep: (Naive form.) Lemma 1 for networks with two hidden layers:
for the activation regions of a ReLU network with two hidden layers (bits of both layers) and any
set B of realizable patterns, the union of the closed regions of B is convex iff B is
Hamming-convex. The talk itself says the lemma holds for one hidden layer only; exactsep finds the
counterexample on the real line.

Hypotheses:
  - a ReLU network (1, n1, n2, 1): two hidden layers, bits of both, regions on the real line
  - every subset B of the realizable patterns

Provenance: [secondary] (the authors' talk: 'Lemma 1 holds for 1-layer ReLU NN, not deeper!'); the counterexample is exactsep's [derived ✓]
Source: docs/theory/folding.md, 'Convexity of unions of regions'. Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 7

Expected outcome: REFUTED. This is the naive form of a claim with a hypothesis dropped;
it drops: one hidden layer (the regions of an affine hyperplane arrangement). `exactsep prove`
succeeds when it finds (and prints) a counterexample, whose certificate says how it violates that
hypothesis.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.hamming_convexity_deep
Run it: ``exactsep prove --claim folding.hamming-convexity-lemma-deep``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import hamming_convexity_deep as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
