"""Finite permutation groups, G-sets, orbitals and subgroup structure.

>>> from exactsep.groups import symmetric, GSet
>>> G = symmetric(4)
>>> X = GSet.power(G, 2)
>>> X.num_orbitals(X)                       # dim Hom_G(Q^{[4]^2}, Q^{[4]^2})
15
>>> S = G.subgroup_classes()                # all 11 conjugacy classes of subgroups of S4
>>> len(S), S.num_subgroups, [c.order for c in S][:4]
(11, 30, [1, 2, 2, 3])
>>> S.decompose(X)                          # [4]^2 = S4/<transposition> + S4/S3 (off-diagonal + diagonal)
(0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0)
"""
from .core import (PermGroup, GSet, Perm, compose, inverse, identity, orbit_labels, symmetric, alternating,
                   cyclic, dihedral, direct_product, group_from_name, psl2, pgl2, agl, mathieu11, wreath_product)
from .subgroups import (ConjugacyClass, SubgroupClass, SubgroupClasses, TableOfMarks, conjugacy_classes,
                        subgroup_classes, table_of_marks, subgroup_lattice, lattice_to_dot, is_subconjugate,
                        cycle_type, element_order)

__all__ = ["PermGroup", "GSet", "Perm", "compose", "inverse", "identity", "orbit_labels", "symmetric",
           "alternating", "cyclic", "dihedral", "direct_product", "group_from_name", "psl2", "pgl2", "agl",
           "mathieu11", "wreath_product",
           "ConjugacyClass", "SubgroupClass", "SubgroupClasses", "TableOfMarks", "conjugacy_classes",
           "subgroup_classes", "table_of_marks", "subgroup_lattice", "lattice_to_dot", "is_subconjugate",
           "cycle_type", "element_order"]
