"""Equivariant layer spaces and exact equivariant networks.

* :mod:`.spaces`: bases of layer spaces (``full`` orbital basis, ``pointnet``, ``conv:k``, explicit
  matrices checked to be equivariant) and bias partitions.
* :mod:`.network`: exact equivariant networks (ReLU / polynomial exactly over Q, smooth activations
  in certified ``arb`` interval arithmetic).
"""
from .spaces import EquivariantBasis, layer_basis, check_equivariant, bias_blocks, parse_space, cyclic_generator
from .network import EquivariantLayer, EquivariantNetwork, parse_activation

__all__ = ["EquivariantBasis", "layer_basis", "check_equivariant", "bias_blocks", "parse_space",
           "cyclic_generator", "EquivariantLayer", "EquivariantNetwork", "parse_activation"]
