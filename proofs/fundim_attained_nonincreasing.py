"""fundim.attained-nonincreasing: For non-increasing widths n0 >= n1 >= ... >= n_{d-1} with no chain
of three or more width-1 hidden layers, the bound U is attained: a sampled parameter reaches batch
functional dimension U on a sampled batch. This whole-architecture statement and its width-one
exception are exactsep's own (an induction on layers suggested by [GLMW]'s one-step precomposition
result, Theorem 8.7, whose hypotheses are not checked here; see fundim.precomposition-theorem-8-7).

Hypotheses:
  - n0 >= n1 >= ... >= n_{d-1}
  - no three consecutive width-1 hidden layers (the width-one-chain exception)
  - U is attained on a positive-measure set, so up to 300 seeded random candidates suffice in
    - practice

Provenance: [derived] (the induction on layers and the width-one exception are exactsep's; [GLMW] Theorem 8.7 is a one-step result with its own hypotheses)
Source: docs/theory/fundim.md, 'The bound U' (equality) and 'When U is attained'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.bound_attained_nonincreasing
Run it: ``exactsep prove --claim fundim.attained-nonincreasing``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import bound_attained_nonincreasing as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
