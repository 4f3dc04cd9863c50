"""folding.one-hidden-layer-chi-zero: chi = 0 for every one-hidden-layer network and every segment:
each hidden pre-activation is affine along the segment, so no bit flips twice and the walk is a
Hamming geodesic.

Hypotheses:
  - one hidden layer with a sign-bit activation (relu, leaky relu)
  - bits of the hidden layer only
  - the exact walk (endpoint patterns and open pieces)

Provenance: [derived]
Source: docs/theory/folding.md, 'Properties' (one hidden layer never folds) and 'Worked examples' (Ex. 1)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding.one_hidden_layer_chi_zero
Run it: ``exactsep prove --claim folding.one-hidden-layer-chi-zero``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding import one_hidden_layer_chi_zero as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
