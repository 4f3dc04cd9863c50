"""Hypothesis strategies for RHM/SRHM grammars (for property-based tests of SRHM code).

>>> from hypothesis import find
>>> from exactsep.srhm.strategies import small_grammars
>>> g = find(small_grammars(max_inputs=2000), lambda g: g.L == 2 and g.s0 == 1)
>>> g.total_inputs <= 2000
True
"""
from __future__ import annotations

import hypothesis.strategies as st

__all__ = ["grammar_params", "grammars", "small_grammars"]


@st.composite
def grammar_params(draw, max_L: int = 3, max_s: int = 3, max_v: int = 4, max_s0: int = 2):
    """Valid ``(L, s, v, m, n_c, s0, sparsity)``: ``m <= v**(s-1)``, ``m n_c <= v**s``."""
    L = draw(st.integers(1, max_L))
    s = draw(st.integers(1, max_s))
    v = draw(st.integers(1, max_v))
    m_max = v ** (s - 1)
    m = draw(st.integers(1, m_max))
    n_c = draw(st.integers(1, v ** s // m))
    s0 = draw(st.integers(0, max_s0))
    sparsity = draw(st.sampled_from(["A", "B"]))
    return L, s, v, m, n_c, s0, sparsity


@st.composite
def grammars(draw, **kw):
    """A random grammar with random parameters (``grammar_params(**kw)``) and seed."""
    from .grammar import random_grammar
    L, s, v, m, n_c, s0, sp = draw(grammar_params(**kw))
    return random_grammar(L, s, v, m, n_c, s0, sp, seed=draw(st.integers(0, 2 ** 31)))


@st.composite
def small_grammars(draw, max_inputs: int = 5000, **kw):
    """A random grammar whose support has at most ``max_inputs`` inputs (for exhaustive checks)."""
    from .grammar import random_grammar
    L, s, v, m, n_c, s0, sp = draw(grammar_params(**kw).filter(lambda p: _total(*p) <= max_inputs))
    return random_grammar(L, s, v, m, n_c, s0, sp, seed=draw(st.integers(0, 2 ** 31)))


def _total(L, s, v, m, n_c, s0, sp):
    from math import comb
    A = (s0 + 1) ** s if sp == "A" else comb(s * (s0 + 1), s)
    N = sum(s ** l for l in range(L))
    return n_c * (m * A) ** N
