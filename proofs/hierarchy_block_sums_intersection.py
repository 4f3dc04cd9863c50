"""hierarchy.block-sums-intersection: For one hidden layer X_1 = Y_1 + Y_2 (disjoint union), the
partition is the common refinement (intersection of relations) of the partitions for Y_1 and Y_2.

Hypotheses:
  - one hidden layer, full, complete bias
  - non-polynomial activation

Provenance: [derived ✓]
Source: docs/theory/separation.md, 'Block sums and the hierarchy of G/H' (shallow block sums)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.block_sums
Run it: ``exactsep prove --claim hierarchy.block-sums-intersection``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import block_sums as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
