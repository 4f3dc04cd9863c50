"""Hypotheses as predicates: a claim's ``scope`` runs before its check, so an instance outside the claim's
hypotheses is rejected (prove: an error; verify: an invalid certificate), never reported as a counterexample.
Every catalogue instance is inside the scope of its claim, and editing a certificate's instance to break a
hypothesis is rejected with the reason."""
from __future__ import annotations

import copy
import json

import pytest

from exactsep.errors import CertificateError, OutOfScopeError
from exactsep.proofs import get_claim, instances_for, make_certificate, verify_certificate
from exactsep.proofs.registry import all_claims
from exactsep.proofs.runner import _check_one

SCOPED = sorted(c.id for c in all_claims() if c.scope is not None and not c.missing())

#: Words of a stated hypothesis that are a property of the instance; a claim stating one needs a scope
#: predicate (a new claim stating such a hypothesis without one fails here).
CHECKABLE = ("full layers", "complete bias", "invariant output", "n0 >= n1 >= ... >= n_{d-1}")


def test_claims_stating_instance_hypotheses_have_a_scope_predicate():
    missing = [c.id for c in all_claims()
               if any(w in h for h in c.hypotheses for w in CHECKABLE) and c.scope is None
               and c.id != "separation.depth-refines"]          # its identity-in-span hypothesis is computed
    assert not missing, missing
    assert len(SCOPED) >= 10


@pytest.mark.parametrize("cid", SCOPED)
def test_catalogue_instances_are_in_scope(cid):
    c = get_claim(cid)
    for level in ("quick", "full"):
        for inst in instances_for(c, level, 0)[:40]:
            assert c.scope(inst) is None, (cid, level, inst)


SEPARATION_BREAKS = [
    (("layers", 0, "space"), {"conv": 1}, "full layers"),
    (("layers", 0, "bias"), "invariant", "complete bias"),
    (("output",), "equivariant", "invariant output"),
    (("activation",), {"poly": 2}, "non-polynomial"),
]


def _break(inst, path, value):
    inst = copy.deepcopy(inst)
    spec = inst["spec"]
    if path[0] == "layers":
        if not spec.get("layers"):
            return None
        L = spec["layers"][path[1]]
        if not isinstance(L, dict):
            spec["layers"][path[1]] = L = {"gset": L}
        L[path[2]] = value
    else:
        spec[path[0]] = value
    return inst


@pytest.mark.parametrize("cid", [c for c in SCOPED if c.startswith(("separation.", "hierarchy."))])
def test_breaking_a_hypothesis_is_out_of_scope_in_prove_and_verify(cid):
    c = get_claim(cid)
    insts = instances_for(c, "quick", 0)
    inst = next((i for i in insts if i.get("spec", {}).get("layers")), insts[0])
    cert = make_certificate(c, inst, c.check(inst))
    verify_certificate(json.loads(json.dumps(cert)))                 # untampered: verifies
    broke = 0
    for path, value, word in SEPARATION_BREAKS:
        bad = _break(inst, path, value)
        if bad is None or c.scope(bad) is None:
            continue                                                  # not a hypothesis of this claim
        broke += 1
        with pytest.raises(OutOfScopeError):
            c.check(bad)
        out, err = _check_one(c, bad)                                  # prove: an error, not a counterexample
        assert out is None and "outside the claim's hypotheses" in err
        forged = copy.deepcopy(cert)
        forged["instance"] = bad
        with pytest.raises(CertificateError):
            verify_certificate(forged)
    if not broke:
        # the hidden layer G/H is built by the check (full, complete bias by construction): nothing to break
        assert not inst["spec"].get("layers"), cid
        pytest.skip(f"{cid}: its architecture hypotheses hold by construction")


@pytest.mark.parametrize("widths,ok_strict,ok_naive", [
    ([2, 1, 1], True, True), ([1, 1, 1, 1, 1], False, True), ([1, 2, 1], False, False), ([3, 2, 2, 1], True, True)])
def test_width_hypotheses_of_the_attained_claims(widths, ok_strict, ok_naive):
    strict, naive = get_claim("fundim.attained-nonincreasing"), get_claim("fundim.attained-nonincreasing-naive")
    assert (strict.scope({"widths": widths}) is None) == ok_strict
    assert (naive.scope({"widths": widths}) is None) == ok_naive


@pytest.mark.parametrize("cid", [c for c in SCOPED if get_claim(c).strategy is not None])
def test_adversarial_strategies_stay_in_scope(cid):
    """A scope that rejected what the claim's own adversarial search generates would make that search
    vacuous (every candidate an error, none a counterexample)."""
    from hypothesis import HealthCheck, given, settings
    from exactsep.proofs import jsonable
    c = get_claim(cid)
    seen = []

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(c.strategy())
    def run(inst):
        seen.append(c.scope(jsonable(inst)))          # as prove's adversarial search passes it

    run()
    assert seen and all(r is None for r in seen), (cid, [r for r in seen if r][:2])
