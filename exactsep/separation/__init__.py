"""Separation power of equivariant networks: exact indistinguishability partitions, with witnesses.

* :class:`Architecture` (with :meth:`Architecture.from_spec` for the CLI's JSON SPEC);
* :func:`partition` (CR for non-polynomial activations, ES for ``poly:d``), :func:`separated`,
  :func:`entrywise_partitions` (per output point, equivariant outputs);
* :func:`witness` (a concrete separating network, re-evaluated exactly or in certified ``arb``
  intervals), :func:`random_network` (random exact networks, for the identified direction);
* :func:`depth_threshold`, :func:`uniform_depth_bound`, :func:`invariant_feature_check`,
  :func:`multiplicity_check`;
* :func:`compare` (finer / coarser / equal / incomparable, with G-map certificates and refuting
  pairs), :func:`gmap`, :func:`transitive_hierarchy` (the Hasse diagram of the transitive G-sets G/H),
  :func:`hierarchy_to_dot`, :func:`hierarchy_to_png`;
* :func:`in_universality_class` (shallow invariant nets, [UC] Th. 13, test vector E7).

The characterisation used (docs/theory/separation.md, "Colour refinement (Theorem A)") is a reconstruction of
[SP] ([derived]); the
test-suite holds it against witnesses (separated pairs), random exact networks (identified pairs), a
plain-Python reference CR and the evaluation-space algorithm ES.

>>> from exactsep.groups import symmetric, GSet
>>> G = symmetric(3); X = GSet.natural(G)
>>> partition(Architecture(G, X, [GSet.regular(G)]), [[1, 2, 3], [2, 3, 1], [0, 0, 6]]).classes
((0, 1), (2,))
"""
from .architecture import Architecture, HiddenLayer, parse_group, parse_gset
from .api import (PartitionResult, partition, separated, entrywise_partitions, DepthResult, depth_threshold,
                  uniform_depth_bound, InvariantFeatureCheck, invariant_feature_check, MultiplicityCheck,
                  multiplicity_check, is_refinement)
from .cr import colour_refinement, colour_refinement_reference
from .es import es_partition
from .witness import Witness, witness, random_network, WitnessNotFoundError
from .hierarchy import gmap, Comparison, compare, sample_inputs, transitive_hierarchy, hierarchy_to_dot, hierarchy_to_png
from .universality import MembershipResult, in_universality_class, node_maps, polynomial_in_span_of_node_algebras
from .graphs import GraphPartition, graph_partition, read_graph_file

__all__ = ["Architecture", "HiddenLayer", "parse_group", "parse_gset", "PartitionResult", "partition", "separated",
           "entrywise_partitions", "DepthResult", "depth_threshold", "uniform_depth_bound", "InvariantFeatureCheck",
           "invariant_feature_check", "MultiplicityCheck", "multiplicity_check", "is_refinement",
           "colour_refinement", "colour_refinement_reference", "es_partition", "Witness", "witness",
           "random_network", "WitnessNotFoundError", "gmap", "Comparison", "compare", "sample_inputs",
           "transitive_hierarchy", "hierarchy_to_dot", "hierarchy_to_png", "MembershipResult",
           "in_universality_class", "node_maps", "polynomial_in_span_of_node_algebras",
           "GraphPartition", "graph_partition", "read_graph_file"]
