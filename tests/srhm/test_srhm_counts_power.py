"""Counts of the SRHM at any size: exact ints, or the exact power form when the integer is too long."""
from __future__ import annotations

import subprocess
import sys
import time

from hypothesis import given, settings, strategies as st

import exactsep.srhm.grammar as grammar
from exactsep.srhm.grammar import Power, exact_power


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 50), st.integers(0, 400), st.integers(1, 9), st.integers(5, 60))
def test_power_form_agrees_with_the_integer(base, exponent, coefficient, limit):
    old = grammar.MAX_EXACT_DIGITS
    grammar.MAX_EXACT_DIGITS = limit
    try:
        v = exact_power(base, exponent, coefficient)
    finally:
        grammar.MAX_EXACT_DIGITS = old
    exact = coefficient * base ** exponent
    if isinstance(v, int):
        assert v == exact and len(str(exact)) <= limit + 1
    else:
        assert isinstance(v, Power) and (v.base, v.exponent, v.coefficient) == (base, exponent, coefficient)
        assert v.digits == len(str(exact)) and v.digits > limit


def test_huge_count_is_instant_from_the_cli():
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "exactsep.cli", "srhm", "--L", "50", "--s", "4", "--v", "3", "--m", "2",
                        "--nc", "2", "--s0", "1", "--sparsity", "A", "--count", "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert time.perf_counter() - t < 30
    import json
    out = json.loads(r.stdout)
    assert out["inputs_per_class"]["base"] == 32 and out["num_nodes"] == (4 ** 50 - 1) // 3
