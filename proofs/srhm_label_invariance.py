"""srhm.label-invariance: Labels are invariant under synonym exchanges and re-placements at every
level; for sparsity A the group (Z_m x Z_{s0+1}^s)^N acts simply transitively on each class (order =
class size).

Hypotheses:
  - labels by unique bottom-up parsing
  - rules drawn without replacement per level (every tuple has a unique parent)
  - transformations: synonym exchanges re-draw rule choices, re-placements re-draw placements, at
    - every level up to the one transformed

Provenance: [derived ✓]
Source: docs/theory/srhm.md, 'Transformations and invariance'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.srhm.label_invariance
Run it: ``exactsep prove --claim srhm.label-invariance``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.srhm import label_invariance as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
