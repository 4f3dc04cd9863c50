"""separation.all-invariant-bottleneck: The hypothesis Y != {} matters: replacing a hidden layer by
the trivial G-set alone (an all-invariant layer) can coarsen the partition.

Hypotheses:
  - full layers, complete bias
  - non-polynomial activation
  - the hidden layer replaced by the trivial G-set alone (an all-invariant layer)

Provenance: [derived ✓]
Source: docs/theory/separation.md, 'Invariant features and multiplicity'

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.all_invariant_bottleneck
Run it: ``exactsep prove --claim separation.all-invariant-bottleneck``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import all_invariant_bottleneck as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
