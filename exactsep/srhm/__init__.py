"""The Random Hierarchy Model and the Sparse Random Hierarchy Model, exactly.

Grammars (:mod:`.grammar`), the exact data (mixed-radix index, parsing, enumeration, sampling
without replacement, encodings: :mod:`.data`), transformations and the invariance group
(:mod:`.transforms`), sensitivities (:mod:`.sensitivity`), sample-complexity laws (:mod:`.laws`) and
the separability certificate for cyclic CNNs (:mod:`.separability`). Theory: docs/theory/srhm.md.

>>> from exactsep.srhm import random_grammar, sample, labels
>>> g = random_grammar(L=2, s=2, v=3, m=2, n_c=2, s0=1, sparsity="A", seed=0)
>>> ds = sample(g, 100, seed=1)
>>> bool((labels(g, ds.inputs) == ds.labels).all())
True
"""
from .grammar import (Grammar, random_grammar, rhm_grammar, grammar_from_rules, number_of_grammars,
                      BLANK_CHAR)
from .data import (Derivations, ParseResult, Dataset, indices_to_derivations, derivations_to_indices,
                   decode_leaves, inputs_of, parse, labels, enumerate_derivations, sample_derivations, sample,
                   enumerate_dataset, one_hot, float_whitened_one_hot, delete_blanks)
from .transforms import (nodes_to_redraw, synonym_exchange, diffeomorphism, transform, InvarianceGroup,
                         GroupElement, orbit_size, InvarianceReport, verify_label_invariance)
from .sensitivity import (SampledSensitivity, sampled_sensitivity, ExactSensitivity, exact_input_sensitivity,
                          closed_form_input_diffeo_sensitivity, closed_form_D01_maximal, leaf_marginals)
from .laws import (ScalingLaw, rhm_max_dataset_size, shallow_sample_complexity, rhm_deep_cnn_sample_complexity,
                   rhm_correlation_threshold, rhm_deep_fcn_sample_complexity, srhm_lcn_sample_complexity,
                   srhm_cnn_sample_complexity, srhm_lcn_fixed_d_exponents, srhm_one_step_threshold)
from .separability import (cyclic_window_ids, indistinguishability_classes, CyclicCNNSeparability,
                           cyclic_cnn_separability, SmallestSeparatingCNN, smallest_separating_cyclic_cnn,
                           cyclic_cnn_architecture_spec, window_length, RotationWitness, rotation_witness)
