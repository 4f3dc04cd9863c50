"""srhm.informative-position-probability: In the SRHM every input position is informative
(non-blank) with probability exactly (s0+1)^(-L), for both sparsity placements, when every
informative node draws its placement uniformly and independently: a position is informative iff each
of its L ancestors puts the right child in the right slot, probability 1/(s0+1) per level (A: slot j
of sub-patch k holds child k with probability 1/(s0+1); B: a slot is one of the s chosen among
s(s0+1)). Each input has s^L informative positions out of d = (s(s0+1))^L (e.g. L = s = 2, s0 = 1: 4
of 16, 1/4; L = 3, s = 2, s0 = 2: 8 of 216, 1/27). Checked exactly over all placement assignments.

Hypotheses:
  - placements uniform and independent at every informative node (the authors' generator)
  - sparsity A or B; probability over the placements (rules and classes do not move positions)

Provenance: [secondary] (the SRHM paper's appendix on the first-layer gradient step, known from a third-party reading); exact for both placements [derived ✓]
Source: docs/theory/srhm.md, 'Sizes' (the marginal of an informative position). Stated in: U. Tomasini, M. Wyart, 'How Deep Networks Learn Sparse and Hierarchical Data: the Sparse Random Hierarchy Model', ICML 2024 (PMLR 235), appendix C (the one-step argument: each position is informative with probability (s0+1)^(-L)); the full text was not available, the statement is known from a third-party reading of the PMLR PDF

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.srhm.informative_position_probability
Run it: ``exactsep prove --claim srhm.informative-position-probability``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.srhm import informative_position_probability as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
