"""groups.orbit-stabilizer: Orbit-stabilizer: |G| = |G x| * |Stab_G(x)| for every point x of every
G-set.

Hypotheses:
  - G a finite permutation group
  - X a finite G-set

Provenance: [paper] (standard theorem: [Bu] Burnside 1911)
Source: docs/theory/groups.md, 'Orbits and stabilisers'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.groups.orbit_stabilizer
Run it: ``exactsep prove --claim groups.orbit-stabilizer``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.groups import orbit_stabilizer as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
