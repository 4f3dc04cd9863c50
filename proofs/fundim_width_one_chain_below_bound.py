"""fundim.width-one-chain-below-bound: A chain of three or more width-1 ReLU hidden layers (scalar
output) outputs a ramp, so every batch functional dimension is at most n0 + 3 < U = n0 + k + 1: U is
never attained.

Hypotheses:
  - widths (n0, 1, ..., 1, 1) with k >= 3 hidden layers

Provenance: [derived ✓]
Source: docs/theory/fundim.md, 'When U is attained' (the width-one-chain exception)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.width_one_chain
Run it: ``exactsep prove --claim fundim.width-one-chain-below-bound``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import width_one_chain as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
