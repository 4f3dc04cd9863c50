"""Finite permutation groups, G-sets, orbitals and subgroup structure."""
from .core import (PermGroup, GSet, Perm, compose, inverse, identity, orbit_labels, symmetric, alternating,
                   cyclic, dihedral, direct_product, group_from_name)

__all__ = ["PermGroup", "GSet", "Perm", "compose", "inverse", "identity", "orbit_labels", "symmetric",
           "alternating", "cyclic", "dihedral", "direct_product", "group_from_name"]
