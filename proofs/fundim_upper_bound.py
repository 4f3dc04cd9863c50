"""fundim.upper-bound: Every batch functional dimension of a ReLU network is at most U = D - sum of
hidden widths.

Hypotheses:
  - ReLU hidden layers, affine output layer
  - rational parameters
  - batch points off every hidden zero set

Provenance: [paper] (abstract: the theoretical maximum)
Source: docs/theory/fundim.md, 'The bound U'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.batch_rank_upper_bound
Run it: ``exactsep prove --claim fundim.upper-bound``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import batch_rank_upper_bound as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
