"""folding.closed-walk-full-bits: With the bits of every hidden layer, a straight segment whose walk
starts and ends on the same pattern never leaves it (r2 = 0, chi = 0): with the pattern fixed every
pre-activation is affine, so the set of points with one full pattern is convex and contains the
whole segment. So the edge case 'chi >= 1/2 for closed walks' concerns layer subsets or paths that
are not straight.

Hypotheses:
  - ReLU hidden layers; the bits of every hidden layer
  - a straight segment with pi(x1) = pi(x2)

Provenance: [derived ✓]
Source: docs/theory/folding.md, 'Properties' (derived properties: 'No region is revisited')

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.closed_walk_full_bits
Run it: ``exactsep prove --claim folding.closed-walk-full-bits``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import closed_walk_full_bits as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
