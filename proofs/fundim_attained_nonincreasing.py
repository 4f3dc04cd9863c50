"""fundim.attained-nonincreasing: For non-increasing widths n0 >= n1 >= ... >= n_{d-1} with no chain of
three or more width-1 hidden layers, the bound U is attained: a sampled parameter reaches batch
functional dimension U on a sampled batch.

Hypotheses:
  - n0 >= n1 >= ... >= n_{d-1}
  - no three consecutive width-1 hidden layers (the width-one-chain exception)
  - U is attained on a positive-measure set, so up to 300 seeded random candidates suffice in practice

Provenance: [secondary] ([GLMW] Thm 8.7 via the blog; [derived] induction)
Source: docs/theory/fundim.md, 'The bound U' (equality) and 'When U is attained'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.bound_attained_nonincreasing
Run it: ``exactsep prove --claim fundim.attained-nonincreasing``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import bound_attained_nonincreasing as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
