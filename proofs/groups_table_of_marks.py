"""groups.table-of-marks: The table of marks is lower triangular (subgroup classes ordered by order)
with diagonal |N_G(H):H|, and it decomposes every G-set: the mark vector of X (points fixed by each
H_j) has non-negative integer multiplicities a_i with sum a_i = #orbits and sum a_i |G:H_i| = |X|.

Hypotheses:
  - G a finite permutation group of order <= 120

Provenance: [paper] (standard theorem: [Bu] Burnside 1911, marks)
Source: docs/theory/groups.md, 'Table of marks'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.groups.table_of_marks
Run it: ``exactsep prove --claim groups.table-of-marks``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.groups import table_of_marks as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
