"""fundim.fiber-non-constant-dimension-exists: There exist fibers with non-constant functional
dimension (found by exactsep.relu's counterexample search and certified).

Hypotheses:
  - small ReLU architectures (n0, ..., 1) with small rational parameters

Provenance: [paper] (abstract of [GLMW]; the witnesses are exactsep's own)
Source: docs/theory/fundim.md, 'Hidden symmetries and fibers'

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.fiber_non_constant_dimension
Run it: ``exactsep prove --claim fundim.fiber-non-constant-dimension-exists``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import fiber_non_constant_dimension as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
