"""srhm.class-sizes: Every class of an (S)RHM has exactly (mA)^N distinct inputs (A = (s0+1)^s for
sparsity A, binomial(s(s0+1), s) for B, N = 1 + s + ... + s^(L-1)), and the classes are disjoint.

Hypotheses:
  - rules drawn without replacement per level (m <= v^(s-1), m n_c <= v^s)
  - placements: sparsity A (child k in one of the s0+1 slots of sub-patch k) or B (the s children in
    - any s of the s(s0+1) slots, in order)

Provenance: [derived ✓]
Source: docs/theory/srhm.md, 'Sizes' and 'Exact indexing'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.srhm.class_sizes
Run it: ``exactsep prove --claim srhm.class-sizes``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.srhm import class_sizes as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
