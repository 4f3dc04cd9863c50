"""fundim.fiber-non-transitive-action-exists: There exist fibers on which the symmetry group acts
non-transitively (found by exactsep.relu's counterexample search and certified).

Hypotheses:
  - small ReLU architectures (n0, ..., 1) with small rational parameters

Provenance: [paper] (abstract of [GLMW]; the witnesses are exactsep's own)
Source: docs/theory/fundim.md, 'Hidden symmetries and fibers'

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.fiber_non_transitive
Run it: ``exactsep prove --claim fundim.fiber-non-transitive-action-exists``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import fiber_non_transitive as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
