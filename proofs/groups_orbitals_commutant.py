"""groups.orbitals-commutant: The number of orbitals of G on Y x X equals dim Hom_G(Q^X, Q^Y), the
dimension of the commutant computed by the kernel as the nullspace of the equivariance constraints.

Hypotheses:
  - G a finite permutation group
  - X, Y finite G-sets

Provenance: [derived; standard fact]
Source: docs/theory/groups.md, 'Orbitals and equivariant maps'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.groups.orbitals_commutant
Run it: ``exactsep prove --claim groups.orbitals-commutant``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.groups import orbitals_commutant as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
