"""hierarchy.incomparable-strictly-ordered: Subgroups that are incomparable under subconjugacy can
still give strictly ordered separation power (e.g. S2 and A3 in S3 acting on Q^3: G/S2 is strictly
stronger than G/A3).

Hypotheses:
  - one hidden layer, full, complete bias
  - inputs: all of {0,1,2}^n

Provenance: [derived ✓]
Source: docs/theory/separation.md, 'Block sums and the hierarchy of G/H' (only a preorder)

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.incomparable_strictly_ordered
Run it: ``exactsep prove --claim hierarchy.incomparable-strictly-ordered``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import incomparable_strictly_ordered as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
