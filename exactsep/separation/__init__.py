"""Separation power of equivariant networks: exact indistinguishability partitions, with witnesses.

* :class:`Architecture` (with :meth:`Architecture.from_spec` for the CLI's JSON SPEC);
* :func:`partition` (CR for non-polynomial activations, ES for ``poly:d``), :func:`separated`;
* :func:`witness` (a concrete separating network, re-evaluated exactly), :func:`random_network`;
* :func:`depth_threshold`, :func:`uniform_depth_bound`, :func:`invariant_feature_check`,
  :func:`multiplicity_check`;
* :func:`compare` (finer / coarser / equal / incomparable, with G-map certificates),
  :func:`transitive_hierarchy` (the Hasse diagram of the transitive G-sets G/H).

The characterisation used (spec ``separation.md`` §2) is a reconstruction of [SP]; the test-suite
holds it against witnesses (separated pairs) and random exact networks (identified pairs).
"""
from .architecture import Architecture, HiddenLayer, parse_group, parse_gset
from .api import (PartitionResult, partition, separated, DepthResult, depth_threshold, uniform_depth_bound,
                  InvariantFeatureCheck, invariant_feature_check, MultiplicityCheck, multiplicity_check,
                  is_refinement)
from .cr import colour_refinement, colour_refinement_reference
from .es import es_partition
from .witness import Witness, witness, random_network, WitnessNotFoundError

__all__ = ["Architecture", "HiddenLayer", "parse_group", "parse_gset", "PartitionResult", "partition", "separated",
           "DepthResult", "depth_threshold", "uniform_depth_bound", "InvariantFeatureCheck",
           "invariant_feature_check", "MultiplicityCheck", "multiplicity_check", "is_refinement",
           "colour_refinement", "colour_refinement_reference", "es_partition", "Witness", "witness",
           "random_network", "WitnessNotFoundError"]
from .hierarchy import gmap, Comparison, compare, sample_inputs, transitive_hierarchy, hierarchy_to_dot, hierarchy_to_png

__all__ += ["gmap", "Comparison", "compare", "sample_inputs", "transitive_hierarchy", "hierarchy_to_dot",
            "hierarchy_to_png"]
from .universality import MembershipResult, in_universality_class, node_maps, polynomial_in_span_of_node_algebras

__all__ += ["MembershipResult", "in_universality_class", "node_maps", "polynomial_in_span_of_node_algebras"]
