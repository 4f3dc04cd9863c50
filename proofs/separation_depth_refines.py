"""separation.depth-refines: When the repeated layer's span contains the identity, partitions only
refine with depth, and the node partition stabilises by the uniform bound L0 + 2|Y| - 1.

Hypotheses:
  - the repeated hidden layer Y has id in the span of its basis (full, conv:k, pointnet)
  - complete bias
  - non-polynomial activation

Provenance: [derived] ([secondary] claim: depth improves up to a threshold)
Source: docs/theory/separation.md, 'Depth'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.depth_refines
Run it: ``exactsep prove --claim separation.depth-refines``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import depth_refines as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
