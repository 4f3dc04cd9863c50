"""Recomputed forgeries: mutate a catalogue instance, run the claim's own registered check, and see whether it
prints a counterexample.

This is the forgery of the certificates issue done generically: an attacker edits an instance (drops a hidden
layer, adds one with fresh weights, changes a width, an integer, a flag, a list) and recomputes the verdict
with the package's own check, which verify would then accept. For a claim registered as holding, such a
"counterexample" can only come from an instance outside the claim's hypotheses that the registered check does
not refuse (a missing scope predicate, an unbound descriptive field), or from a bug. So every such hit fails
here, with the instance; a new claim is covered automatically.
"""
import copy
import json
import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
import hypothesis.strategies as st

from exactsep.proofs import get_claim, instances_for
from exactsep.proofs.registry import all_claims, is_undecided

from .test_tamper import SLOW, _paths

HOLDING = sorted(c.id for c in all_claims()
                 if not c.missing() and c.quantifier == "forall" and not c.expected_refuted and c.id not in SLOW)


def _nparams(w):
    return sum(w[i + 1] * (w[i] + 1) for i in range(len(w) - 1))


def mutate(inst: dict, rng: random.Random) -> dict:
    """One structural edit: an architecture change with fresh weights of the right count, or a leaf edit
    (an integer moved, a boolean flipped, a rational or a word replaced, a list shortened or extended)."""
    x = copy.deepcopy(inst)
    w = x.get("widths")
    if isinstance(w, list) and len(w) >= 2 and isinstance(x.get("theta"), list) and rng.random() < 0.5:
        w = list(w)
        op = rng.choice(["add", "drop", "change"])
        if op == "add":
            w.insert(rng.randint(1, len(w) - 1), rng.randint(1, 3))
        elif op == "drop" and len(w) > 2:
            w.pop(rng.randint(1, len(w) - 2))
        else:
            i = rng.randint(1, len(w) - 2) if len(w) > 2 else 0
            w[i] = max(1, w[i] + rng.choice([-1, 1]))
        x["widths"] = w
        x["theta"] = [rng.randint(-3, 3) for _ in range(_nparams(w))]
        return x
    leaves = [(p, v) for p, v in _paths(x) if p and not isinstance(v, dict)]
    if not leaves:
        return x
    path, value = rng.choice(leaves)
    parent = x
    for k in path[:-1]:
        parent = parent[k]
    if isinstance(value, list):
        if value and rng.random() < 0.5:
            parent[path[-1]] = value[:-1]
        elif value:
            parent[path[-1]] = value + [copy.deepcopy(value[-1])]
    elif isinstance(value, bool):
        parent[path[-1]] = not value
    elif isinstance(value, int):
        parent[path[-1]] = value + rng.choice([-2, -1, 1, 2, 5])
    elif isinstance(value, str):
        try:
            parent[path[-1]] = str(Fraction(value) + rng.choice([-1, 1, Fraction(1, 2)]))
        except (ValueError, ZeroDivisionError):
            parent[path[-1]] = rng.choice(["relu", "tanh", "natural", "regular", "A", "B", "leaky_relu:1/10"])
    return x


@pytest.mark.parametrize("cid", HOLDING)
def test_recomputed_forgeries_never_print_a_counterexample(cid):
    c = get_claim(cid)
    insts = instances_for(c, "quick", 0)[:6]
    tried = []

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.randoms(use_true_random=False), st.integers(1, 2))
    def run(rng, edits):
        inst = rng.choice(insts)
        for _ in range(edits):
            inst = mutate(inst, rng)
        inst = json.loads(json.dumps(inst))
        try:
            out = c.check(inst)            # the registered check: descriptors bound, hypotheses checked
        except Exception:                  # refused (out of scope, malformed): never a counterexample
            tried.append("refused")
            return
        tried.append("checked")
        assert is_undecided(out) or out["holds"], (
            f"{cid}: an edited instance gives a counterexample; either its hypotheses are not all checked by the "
            f"scope predicate or the claim has a bug: {json.dumps(inst)[:600]}")

    run()
    assert tried
