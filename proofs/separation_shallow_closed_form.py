"""separation.shallow-closed-form: For one hidden layer G/H, a ~ b iff the multisets over cosets gH of
the H-orbit-sum vectors Pi_H(g^-1 a) and Pi_H(g^-1 b) agree (colour refinement == the closed form).

Hypotheses:
  - one hidden layer G/H, full, complete bias
  - non-polynomial activation
  - invariant output

Provenance: [derived ✓]
Source: docs/theory/separation.md, 'Consequences of Theorem A' (item 3)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.shallow_closed_form
Run it: ``exactsep prove --claim separation.shallow-closed-form``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import shallow_closed_form as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
