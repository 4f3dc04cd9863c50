"""Certificates: genuine ones verify (recomputation + an independent method), tampered ones are rejected."""
import copy
import json

import pytest
from hypothesis import given, settings
import hypothesis.strategies as st

from exactsep.errors import CertificateError
from exactsep.proofs import get_claim, instances_for, make_certificate, verify_certificate

# one cheap instance per claim, verified end to end (the independent checks run too)
FAST = ["groups.burnside", "groups.orbit-stabilizer", "groups.orbitals-commutant", "catalogue.transitive-counts",
        "folding.one-hidden-layer-chi-zero", "fundim.upper-bound", "fundim.width-one-chain-below-bound",
        "separation.regular-orbits", "separation.shallow-closed-form", "hierarchy.subconjugacy",
        "hierarchy.block-sums-intersection", "separation.poly-never-finer", "separation.invariant-features",
        "separation.depth-refines", "separation.nonpolynomial-agree", "separation.poly-degree-reaches",
        "folding.deterministic-bounds", "srhm.class-sizes", "srhm.label-invariance",
        "fundim.fiber-non-transitive-action-exists", "separation.spec-test-vectors", "groups.table-of-marks"]


def _first_cert(cid, index=0):
    c = get_claim(cid)
    inst = instances_for(c, "quick", 0)[index]
    return make_certificate(c, inst, c.check(inst))


@pytest.mark.parametrize("cid", FAST)
def test_genuine_certificates_verify(cid):
    if get_claim(cid).missing():
        pytest.skip(f"{cid} needs {get_claim(cid).missing()}")
    cert = _first_cert(cid)
    cert = json.loads(json.dumps(cert))          # through JSON, as from a file
    res = verify_certificate(cert)
    assert res.claim == cid and res.holds == cert["holds"]
    assert len(res.checks) >= 2                 # the recomputation and at least one independent check


def _leaves(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _leaves(v, path + (i,))
    else:
        yield path, obj


def _tamper(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if value is None:
        return 0
    if isinstance(value, str):
        return value + "1" if value[-1:].isdigit() else value + "x"
    return value


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["groups.burnside", "groups.orbitals-commutant", "folding.one-hidden-layer-chi-zero",
                        "fundim.upper-bound", "separation.shallow-closed-form"]), st.data())
def test_any_tampered_computed_value_is_rejected(cid, data):
    cert = _first_cert(cid)
    leaves = list(_leaves(cert["computed"]))
    path, value = data.draw(st.sampled_from(leaves))
    bad = copy.deepcopy(cert)
    cur = bad["computed"]
    for k in path[:-1]:
        cur = cur[k]
    cur[path[-1]] = _tamper(value)
    with pytest.raises(CertificateError):
        verify_certificate(bad)


def test_tampered_verdict_statement_instance_and_claim_are_rejected():
    c = get_claim("groups.burnside")
    inst = {"group": {"name": "S3", "degree": 3, "generators": [[1, 0, 2], [1, 2, 0]], "order": 6,
                      "family": "symmetric"}, "gset": {"kind": "natural", "size": 3}}
    cert = make_certificate(c, inst, c.check(inst))
    assert verify_certificate(cert).holds
    for key, val in [("holds", False), ("result", "fails"), ("statement", "something else"),
                     ("claim", "no.such-claim"), ("check", "a different check")]:
        bad = dict(cert, **{key: val})
        with pytest.raises(CertificateError):
            verify_certificate(bad)
    bad = copy.deepcopy(cert)
    bad["instance"]["gset"] = {"kind": "power", "k": 3, "size": 27}     # a different instance with the old results
    with pytest.raises(CertificateError):
        verify_certificate(bad)
    bad = dict(cert, holds=False, result="fails")       # consistent but false verdict
    with pytest.raises(CertificateError, match="holds"):
        verify_certificate(bad)
    for key in ("computed", "instance", "holds"):
        with pytest.raises(CertificateError, match=key):
            verify_certificate({k: v for k, v in cert.items() if k != key})
    with pytest.raises(CertificateError, match="unknown certificate kind"):
        verify_certificate({"kind": "mystery"})
    with pytest.raises(CertificateError):
        verify_certificate([1, 2])


def test_counterexample_certificate_of_a_refuted_claim_verifies_as_failing():
    from exactsep.proofs import run_claims
    rep = run_claims(["separation.depth-refines-naive"], workers=1, adversarial=False)
    (c,) = rep.claims
    assert c.status == "refuted"
    res = verify_certificate(json.loads(json.dumps(c.counterexample)))
    assert res.holds is False
    assert any("random exact networks" in m for m in res.checks)


def test_fiber_certificates_of_exactsep_relu_are_dispatched_by_kind():
    pytest.importorskip("exactsep.relu.search")
    t1 = {"kind": "non_transitive_action", "widths": [1, 1, 1, 1],
          "theta_a": [1, 0, -1, 1, -1, 1], "theta_b": [-1, 1, -1, 1, 1, 0]}       # test vector T1
    res = verify_certificate(t1)
    assert res.kind == "non_transitive_action" and res.holds
    with pytest.raises(CertificateError, match="rejects"):
        verify_certificate(dict(t1, theta_b=[-1, 1, -1, 1, 1, 1]))
