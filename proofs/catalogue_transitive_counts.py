"""catalogue.transitive-counts: The catalogue's enumeration finds 1, 1, 2, 5, 5, 16, 7, 50 conjugacy
classes of transitive permutation groups of degree 1..8.

Hypotheses:
  - classes up to conjugacy in S_n

Provenance: [paper] ([BM] Butler and McKay 1983; OEIS A002106)
Source: docs/theory/groups.md, 'The catalogue of small groups'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.groups.transitive_counts
Run it: ``exactsep prove --claim catalogue.transitive-counts``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.groups import transitive_counts as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
