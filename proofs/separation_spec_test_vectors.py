"""separation.spec-test-vectors: The test vectors E1, E2, E3 and E6 (n = 3) of
docs/theory/separation.md reproduce exactly.

Hypotheses:
  - as stated with the test vectors

Provenance: [derived ✓]
Source: docs/theory/separation.md, 'Test vectors'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.spec_test_vectors
Run it: ``exactsep prove --claim separation.spec-test-vectors``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import spec_test_vectors as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
