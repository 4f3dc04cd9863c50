"""separation.invariant-features: Adding an invariant point * to a (non-empty, full) hidden layer, or
taking a hidden G-set with multiplicity 2, changes no partition.

Hypotheses:
  - full layers, complete bias
  - the layer's G-set Y is non-empty
  - non-polynomial activation

Provenance: [derived ✓] ([secondary] claims of [SP])
Source: docs/theory/separation.md, 'Invariant features and multiplicity'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.invariant_features
Run it: ``exactsep prove --claim separation.invariant-features``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import invariant_features as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
