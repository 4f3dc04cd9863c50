"""groups.burnside: Burnside / Cauchy-Frobenius: the number of orbits of G on X equals the average
number of points fixed by an element of G.

Hypotheses:
  - G a finite permutation group
  - X a finite G-set

Provenance: [paper] (standard theorem: [Bu] Burnside 1911, the orbit-counting lemma)
Source: docs/theory/groups.md, 'Orbits and stabilisers'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.groups.burnside
Run it: ``exactsep prove --claim groups.burnside``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.groups import burnside as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
