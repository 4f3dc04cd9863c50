"""ReLU functional dimension, exact activation regions, parameter symmetries and fibers.

Modules: :mod:`~exactsep.relu.fundim` (batch / functional dimension), :mod:`~exactsep.relu.regions`
(exact activation regions), :mod:`~exactsep.relu.lp` (exact LP), :mod:`~exactsep.relu.symmetry`
(permutations and positive scalings, canonical forms), :mod:`~exactsep.relu.fibers` (same-function
decisions, hidden directions), :mod:`~exactsep.relu.search` (counterexample search and certificates).

>>> from exactsep.nets import Network
>>> from exactsep.relu import functional_dimension
>>> functional_dimension(Network.from_flat([1, 1, 1], [1, -1, 0, 0])).value      # T4
2
"""
import importlib

_EXPORTS = {
    "fundim": ["BatchDimension", "FunctionalDimension", "Genericity", "batch_functional_dimension",
               "functional_dimension", "upper_bound"],
    "regions": ["Region", "RegionEnumeration", "enumerate_regions"],
    "symmetry": ["act", "canonical_form", "orbit_dimension", "orbit_tangent"],
    "fibers": ["certified_moves", "classify_fiber_point", "difference_network", "hidden_directions",
               "minimal_width_one_hidden_layer", "move", "same_function"],
    "search": ["search", "verify_certificate"],
}
_WHERE = {name: mod for mod, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name):   # lazy: `import exactsep.relu.cli` stays light
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
