"""Space folding (chi) along segments, exactly: walks of activation patterns, chi, the reverse chi,
running profiles, layer subsets, interaction coefficients, aggregates over many paths, the sampled
estimator beside it, smooth activations with certified root isolation, plots (optional matplotlib).

Theory: docs/theory/folding.md; the segment partition comes from :mod:`exactsep.nets.segment`.
"""
from .core import (FoldingResult, WalkStats, chi_of_walk, chi_profile, dedupe_walk, fold, fold_walk, interaction,
                   interaction_of_walks, interaction_profile, layer_subsets, walk_stats)
from .aggregate import (FoldingAggregate, aggregate_values, centroid_pairs, class_centroids, cross_class_pairs,
                        fold_pairs, median_exact, same_class_pairs)
from .plots import plot_folding, plot_profile, plot_walk
from .sampled import SampledFolding, float_sampled_chi, sample_grid, sampled_chi

__all__ = ["FoldingResult", "WalkStats", "chi_of_walk", "chi_profile", "dedupe_walk", "fold", "fold_walk",
           "interaction", "interaction_of_walks", "interaction_profile", "layer_subsets", "walk_stats",
           "SampledFolding", "float_sampled_chi", "sample_grid", "sampled_chi",
           "FoldingAggregate", "aggregate_values", "centroid_pairs", "class_centroids", "cross_class_pairs",
           "fold_pairs", "median_exact", "same_class_pairs", "plot_folding", "plot_profile", "plot_walk"]
