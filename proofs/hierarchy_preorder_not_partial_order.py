"""hierarchy.preorder-not-partial-order: Separation power of transitive G-sets is only a preorder:
there are H < K (non-conjugate, e.g. A3 < S3 acting on Q^3) whose one-layer architectures G/H and
G/K separate exactly the same inputs.

Hypotheses:
  - one hidden layer, full, complete bias
  - inputs: all of {0,1,2}^n

Provenance: [derived ✓]
Source: docs/theory/separation.md, 'Block sums and the hierarchy of G/H' (only a preorder), test vector E1

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.preorder_not_partial
Run it: ``exactsep prove --claim hierarchy.preorder-not-partial-order``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import preorder_not_partial as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
