"""separation.regular-orbits: The regular representation separates exactly the G-orbits: two inputs are
identified iff one is a permutation of the other by an element of G.

Hypotheses:
  - hidden layers = the regular G-set, full, complete bias
  - non-polynomial activation

Provenance: [derived] (a [secondary] claim: the regular representation is maximal)
Source: docs/theory/separation.md, 'Consequences of Theorem A' (item 4)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.regular_orbits
Run it: ``exactsep prove --claim separation.regular-orbits``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import regular_orbits as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
