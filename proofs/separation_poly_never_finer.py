"""separation.poly-never-finer: A polynomial activation of degree d never separates more than a
non-polynomial one, and the poly:d partitions refine as d grows (d = 1, 2, 3).

Hypotheses:
  - full layers, complete bias, unbounded width
  - invariant output

Provenance: [derived ✓]
Source: docs/theory/separation.md, 'Polynomial activations (Theorem B)'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.poly_never_finer
Run it: ``exactsep prove --claim separation.poly-never-finer``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import poly_never_finer as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
