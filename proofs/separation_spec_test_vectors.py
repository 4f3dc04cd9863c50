"""separation.spec-test-vectors: The test vectors E1, E2, E3 and E6 (n = 3) of the separation spec
reproduce exactly.

Hypotheses:
  - as stated in separation.md §3

Provenance: [derived ✓]
Source: separation.md §3

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.spec_test_vectors
Run it: ``exactsep prove --claim separation.spec-test-vectors``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import spec_test_vectors as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
