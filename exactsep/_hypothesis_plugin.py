"""The hypothesis entry point of exactsep (kept separate from :mod:`exactsep.strategies` so that
hypothesis can load it while ``exactsep.strategies`` itself is being imported)."""


def _hypothesis_setup_hook() -> None:
    """Register strategies for exactsep's types; the strategies module is resolved lazily."""
    import hypothesis.strategies as st
    from .groups import GSet, PermGroup

    def _perm_groups():
        from .strategies import perm_groups
        return perm_groups()

    def _gsets():
        from .strategies import gsets
        return gsets()

    st.register_type_strategy(PermGroup, st.deferred(_perm_groups))
    st.register_type_strategy(GSet, st.deferred(_gsets))
