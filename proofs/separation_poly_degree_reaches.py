"""separation.poly-degree-reaches: poly:d reaches the non-polynomial partition at a degree no larger
than the sufficient bound: the largest orbit size of X_1 for one hidden layer, 2 max|X_l| - 1 in
general.

Hypotheses:
  - full layers, complete bias, unbounded width
  - invariant output

Provenance: [derived]
Source: docs/theory/separation.md, 'Polynomial activations (Theorem B)' (sufficient degree)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.poly_degree_reaches
Run it: ``exactsep prove --claim separation.poly-degree-reaches``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import poly_degree_reaches as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
