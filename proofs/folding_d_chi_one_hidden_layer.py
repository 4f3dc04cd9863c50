"""folding.d-chi-one-hidden-layer: On one hidden layer d_chi IS a pseudo-metric, trivially: every
hidden pre-activation is affine along a segment, so chi = 0 on every segment
(folding.one-hidden-layer-chi-zero) and d_chi = 0 identically, which satisfies d(x, x) = 0, d >= 0,
symmetry and the triangle inequality.

Hypotheses:
  - one hidden layer with ReLU, affine output layer; bits of the hidden layer
  - exact walks along straight segments

Provenance: [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 6 and the derived property 'One hidden layer never folds')

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.d_chi_one_hidden_layer
Run it: ``exactsep prove --claim folding.d-chi-one-hidden-layer``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import d_chi_one_hidden_layer as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
