"""folding.deterministic-bounds: For every ReLU network and segment, chi lies in [0, 1 - 1/r2] and
satisfies the deterministic bounds (1 - D/L)/2 <= chi <= 1 - D/L and |chi - chi_reverse| <= D/L (D =
Hamming distance of the endpoint patterns, L = r2).

Hypotheses:
  - ReLU hidden layers, bits of every hidden layer
  - the exact walk
  - r2 >= 1 (else chi = 0)

Provenance: [paper] (web page of the AAAI paper; the range is [derived])
Source: docs/theory/folding.md, 'Properties' (item 5 and the range)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding.deterministic_bounds
Run it: ``exactsep prove --claim folding.deterministic-bounds``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding import deterministic_bounds as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
