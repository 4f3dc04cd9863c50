"""The tamper suite: certificates of a quick sweep, every kind of field mutated, run through verify.

Every mutation that makes a certificate false or inconsistent (header edits, descriptor contradictions,
swapped instances and headers, witness-kind swaps, recomputed forgeries, oversized instances) must be
rejected with a CertificateError naming what is wrong: never accepted, never a traceback. Untampered
certificates verify. A new claim is covered automatically: it needs a stored instance schema, and its
certificate goes through the same mutations.
"""
import copy
import json
import os
import subprocess
import sys
import time
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
import hypothesis.strategies as st

from exactsep.errors import CertificateError
from exactsep.proofs import get_claim, instances_for, make_certificate, verify_certificate
from exactsep.proofs.certificates import CLAIM_CERTIFICATE_FIELDS
from exactsep.proofs.registry import all_claims
from exactsep.proofs.schema import check_instance, stored_schema

# claims whose first quick check takes more than a few seconds are left to the sweep run in benchmarks
SLOW = {"catalogue.transitive-counts", "folding.closed-walk-chi-at-least-half", "fundim.attained-nonincreasing",
        "fundim.attained-nonincreasing-naive", "fundim.fiber-non-constant-dimension-exists",
        "fundim.fiber-disconnected-exists", "folding.asymmetry-exists", "folding.sub-additivity-fails-exists",
        "folding.super-additivity-fails-exists", "folding.stability", "fundim.precomposition-theorem-8-7",
        "fundim.precomposition-theorem-8-7-orthant"}
CLAIMS = sorted(c.id for c in all_claims() if not c.missing())
FAST = [cid for cid in CLAIMS if cid not in SLOW]


@lru_cache(maxsize=None)
def _cert_json(cid: str) -> str:
    c = get_claim(cid)
    inst = instances_for(c, "quick", 0)[0]
    return json.dumps(make_certificate(c, inst, c.check(inst)))


def cert_of(cid: str) -> dict:
    return json.loads(_cert_json(cid))


def rejected(cert, match=None):
    with pytest.raises(CertificateError, match=match):
        verify_certificate(cert)


# ----------------------------------------------------------------------------- every claim is bound
@pytest.mark.parametrize("cid", CLAIMS)
def test_every_claim_has_a_stored_schema_admitting_its_catalogue(cid):
    """A new claim, or a changed catalogue, fails here until `python -m exactsep.proofs.schema --write`."""
    schema = stored_schema(cid)
    assert schema is not None, f"{cid} has no stored instance schema"
    for inst in instances_for(get_claim(cid), "quick", 0):
        check_instance(schema, inst, cid)


@pytest.mark.parametrize("cid", FAST)
def test_untampered_certificates_verify(cid):
    res = verify_certificate(cert_of(cid))
    assert res.claim == cid
    assert res.verdict in ("holds", "counterexample", "witness", "not-a-witness", "undecided")


# ----------------------------------------------------------------------------- header
HEADER_EDITS = [("statement", "something else"), ("hypotheses", ["G abelian"]), ("provenance", "[paper]"),
                ("quantifier", "exists"), ("version", 999), ("format", "other"), ("result", "undecided"),
                ("holds", "yes"), ("check", "another check"), ("kind", "claim-instance2")]


@pytest.mark.parametrize("cid", FAST)
def test_header_edits_dropped_and_unknown_fields_are_rejected(cid):
    cert = cert_of(cid)
    for key, val in HEADER_EDITS:
        if cert.get(key) != val:
            rejected(dict(cert, **{key: val}))
    for key in CLAIM_CERTIFICATE_FIELDS:
        rejected({k: v for k, v in cert.items() if k != key})
    rejected(dict(cert, extra_field=1), match="unknown field")
    rejected(dict(cert, provenance="x" * 1_000_000))


def test_swapped_headers_and_instances_between_claims_are_rejected():
    ids = FAST[::3]
    for a in ids:
        for b in ids:
            if a == b:
                continue
            A, B = cert_of(a), cert_of(b)
            header = {k: B[k] for k in ("claim", "statement", "hypotheses", "provenance", "quantifier")}
            swapped = dict(A, **header)                   # another claim's header on this instance
            rejected(swapped)
            rejected(dict(A, instance=B["instance"]))     # another claim's instance under this header


# ----------------------------------------------------------------------------- instance fields
def _paths(obj, path=()):
    yield path, obj
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, path + (i,))


def _set(obj, path, value):
    cur = obj
    for k in path[:-1]:
        cur = cur[k]
    cur[path[-1]] = value


def _drop(obj, path):
    cur = obj
    for k in path[:-1]:
        cur = cur[k]
    del cur[path[-1]]


def _schema_path(path) -> str:
    out = ""
    for p in path:
        out = out + "[]" if isinstance(p, int) else (f"{out}.{p}" if out else p)
    return out


SAMPLES = {"int": 7, "str": "s", "bool": True, "null": None, "list": [1], "dict": {"x": 1}}


@pytest.mark.parametrize("cid", FAST)
def test_dropped_keys_type_changes_and_oversized_values_are_rejected_fast(cid):
    cert = cert_of(cid)
    schema = stored_schema(cid)
    for path, value in list(_paths(cert["instance"]))[1:]:
        where = _schema_path(path)
        parent = _schema_path(path[:-1])
        if isinstance(path[-1], str) and path[-1] in schema[parent].get("required", []):
            bad = copy.deepcopy(cert)
            _drop(bad["instance"], path)
            rejected(bad, match="missing")
        for t, new in SAMPLES.items():
            if t in schema[where]["types"]:
                continue
            bad = copy.deepcopy(cert)
            _set(bad["instance"], path, new)
            rejected(bad)
        if isinstance(value, int) and not isinstance(value, bool):
            bad = copy.deepcopy(cert)
            _set(bad["instance"], path, 10 ** 12)
            t = time.perf_counter()
            rejected(bad)
            assert time.perf_counter() - t < 1.0
        if isinstance(path[-1], str):
            bad = copy.deepcopy(cert)
            _set(bad["instance"], path[:-1] + (path[-1] + "_extra",), value)
            rejected(bad, match="not a field")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(FAST), st.data())
def test_any_instance_leaf_edit_is_rejected_or_reverified_never_a_traceback(cid, data):
    """A random edit of an instance leaf either makes the certificate invalid (rejected) or describes another
    instance on which every recomputed field agrees: verify never crashes and never accepts a certificate
    whose recorded verdict or computed objects differ from the recomputation."""
    cert = cert_of(cid)
    leaves = [(p, v) for p, v in _paths(cert["instance"]) if p and not isinstance(v, (dict, list))]
    path, value = data.draw(st.sampled_from(leaves))
    new = data.draw(st.one_of(st.integers(-5, 5), st.sampled_from(["1/2", "-3", "relu", "", "natural"]),
                              st.booleans(), st.none()))
    bad = copy.deepcopy(cert)
    _set(bad["instance"], path, new)
    try:
        res = verify_certificate(bad)
    except CertificateError:
        return
    # accepted: the recomputation agreed with every recorded field
    c = get_claim(cid)
    out = c.check(bad["instance"])
    assert out["holds"] == bad["holds"] and out["computed"] == bad["computed"] and res.claim == cid


# ----------------------------------------------------------------------------- descriptors
def _group_cert():
    return cert_of("groups.burnside")


@pytest.mark.parametrize("edit", [
    {"name": "A4"}, {"order": 7}, {"family": "alternating"}, {"family": "cyclic"}, {"name": "S9"},
    {"generators": [[1, 0]], "degree": 2}, {"family": "transitive", "name": "T3_1"}, {"family": "product"},
    {"family": "random", "name": "S3"}])
def test_group_descriptor_contradictions_are_rejected(edit):
    cert = _group_cert()
    g = cert["instance"]["group"]
    if all(g.get(k) == v for k, v in edit.items()):
        pytest.skip("the edit leaves the descriptor unchanged")
    cert["instance"]["group"] = dict(g, **edit)
    rejected(cert)


def test_gset_size_and_subgroup_order_are_bound():
    for cid in ("groups.burnside", "groups.orbit-stabilizer"):
        for inst in instances_for(get_claim(cid), "quick", 0)[:30]:
            c = get_claim(cid)
            cert = make_certificate(c, inst, c.check(inst))
            bad = copy.deepcopy(cert)
            bad["instance"]["gset"]["size"] += 1
            rejected(bad)
            if "subgroup_order" in inst["gset"]:
                bad = copy.deepcopy(cert)
                bad["instance"]["gset"]["subgroup_order"] += 1
                rejected(bad)


def test_spec_group_must_be_the_instance_group():
    cert = cert_of("separation.regular-orbits")
    n = cert["instance"]["group"]["degree"]
    other = copy.deepcopy(cert)
    other["instance"]["spec"]["group"] = {"generators": [list(range(n))], "degree": n}
    rejected(other)


# ----------------------------------------------------------------------------- forgeries
def test_fiber_witness_relabelled_for_another_claim_is_rejected():
    src = get_claim("fundim.fiber-non-transitive-action-exists")
    inst = instances_for(src, "quick", 0)[0]
    cert = make_certificate(src, inst, src.check(inst))
    dst = get_claim("fundim.fiber-disconnected-exists")
    forged = dict(cert, claim=dst.id, statement=dst.statement, hypotheses=list(dst.hypotheses),
                  provenance=dst.provenance, quantifier=dst.quantifier)
    rejected(forged)
    with pytest.raises(Exception):
        dst.check(inst)


def test_a_search_that_finds_nothing_is_undecided_never_a_counterexample():
    c = get_claim("fundim.attained-nonincreasing-naive")
    inst = {"widths": [2, 1, 1], "max_candidates": 0, "points": 6, "seed": 1}
    out = c.check(inst)
    cert = make_certificate(c, inst, out)
    assert cert["result"] == "undecided"
    res = verify_certificate(json.loads(json.dumps(cert)))
    assert res.verdict == "undecided"
    # the same with the verdict written as a counterexample is rejected
    rejected(dict(cert, result="fails", computed={k: v for k, v in cert["computed"].items() if k != "undecided"}))
    # a width-one chain (n0, 1, 1, 1, 1): refuted by the ramp argument, valid for every parameter
    inst = {"widths": [1, 1, 1, 1, 1], "max_candidates": 3, "points": 6, "seed": 1}
    cert = make_certificate(c, inst, c.check(inst))
    res = verify_certificate(json.loads(json.dumps(cert)))
    assert res.verdict == "counterexample" and any("ramp" in m for m in res.checks)


def test_out_of_scope_and_unregistered_instances_are_rejected_not_counterexamples():
    c = get_claim("fundim.width-one-chain-below-bound")
    cert = cert_of(c.id)
    bad = copy.deepcopy(cert)
    bad["instance"]["widths"] = [2, 2, 1, 1, 1]          # not a width-one chain
    rejected(bad)
    tv = cert_of("separation.spec-test-vectors")
    merged = copy.deepcopy(tv)
    merged["instance"]["expected"] = [sum(merged["instance"]["expected"], [])]
    rejected(merged)


RESOURCE_EDITS = [
    ("groups.burnside", {"group": {"name": "random", "degree": 10 ** 8, "generators": [], "order": 1,
                                   "family": "random"}}),
    ("groups.burnside", {"group": {"name": "random", "degree": 20000, "order": 20000, "family": "random",
                                   "generators": [list(range(1, 20000)) + [0]]}}),
    ("groups.burnside", {"gset": {"kind": "power", "k": 40, "size": 3 ** 40}}),
    ("groups.orbitals-commutant", {"group": {"name": "S5", "degree": 5, "order": 120, "family": "symmetric",
                                             "generators": [[1, 2, 3, 4, 0], [1, 0, 2, 3, 4]]},
                                   "gset": {"kind": "regular", "size": 120}, "target": {"kind": "regular", "size": 120}}),
    ("groups.burnside", {"group": {"name": "S12", "degree": 12, "order": 479001600, "family": "symmetric",
                                   "generators": [list(range(1, 12)) + [0], [1, 0] + list(range(2, 12))]}}),
]


@pytest.mark.parametrize("cid,edit", RESOURCE_EDITS)
def test_resource_certificates_are_refused_within_a_second(cid, edit):
    cert = cert_of(cid)
    cert["instance"].update(edit)
    t = time.perf_counter()
    rejected(cert)
    assert time.perf_counter() - t < 1.0


def test_huge_search_budgets_are_refused_within_a_second():
    for cid, key in (("fundim.attained-nonincreasing", "max_candidates"),
                     ("fundim.fiber-non-transitive-action-exists", "draws")):
        c = get_claim(cid)
        inst = dict(instances_for(c, "quick", 0)[0], **{key: 10 ** 12})
        cert = {"format": "exactsep-certificate", "version": 1, "kind": "claim-instance", "claim": cid,
                "statement": c.statement, "hypotheses": list(c.hypotheses), "provenance": c.provenance,
                "quantifier": c.quantifier, "instance": inst, "check": "x", "computed": {}, "holds": True,
                "result": "holds", "exactsep_version": "0"}
        t = time.perf_counter()
        rejected(cert)
        assert time.perf_counter() - t < 1.0


# ----------------------------------------------------------------------------- the CLI's exit status
def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "exactsep.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_verify_exit_status_and_expect(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(_cert_json("groups.burnside"))
    r = _cli("verify", str(good))
    assert r.returncode == 0 and ": holds:" in r.stdout
    assert _cli("verify", str(good), "--expect", "holds").returncode == 0
    r = _cli("verify", str(good), "--expect", "counterexample")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(dict(cert_of("groups.burnside"), quantifier="exists")))
    r = _cli("verify", str(bad))
    assert r.returncode == 1 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    unreadable = tmp_path / "u.json"
    unreadable.write_bytes(b"\xff\xfe")
    r = _cli("verify", str(unreadable))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = _cli("verify", str(good), "--json")
    assert json.loads(r.stdout)["verdict"] == "holds"


# ----------------------------------------------------------------------------- budgets behind the schema bound
LIFTED_RESOURCE_EDITS = [
    ("groups.burnside", {"group": {"name": "random", "degree": 20000, "order": 20000, "family": "random",
                                   "generators": [list(range(1, 20000)) + [0]]}, "gset": {"kind": "natural", "size": 20000}},
     "--max-table-entries"),
    ("groups.burnside", {"group": {"name": "S12", "degree": 12, "order": 479001600, "family": "symmetric",
                                   "generators": [list(range(1, 12)) + [0], [1, 0] + list(range(2, 12))]},
                         "gset": {"kind": "natural", "size": 12}}, "--max-table-entries"),
    ("groups.orbitals-commutant", {"group": {"name": "S5", "degree": 5, "order": 120, "family": "symmetric",
                                             "generators": [[1, 2, 3, 4, 0], [1, 0, 2, 3, 4]]},
                                   "gset": {"kind": "regular", "size": 120}, "target": {"kind": "regular", "size": 120}},
     "--memory-budget"),
]


@pytest.mark.parametrize("cid,edit,flag", LIFTED_RESOURCE_EDITS)
def test_with_the_size_bound_lifted_the_checks_still_refuse_what_they_cannot_afford(cid, edit, flag, monkeypatch):
    """verify --size-slack lifts the schema's size bound; the checks then run under the package's estimates
    (element tables, Schreier-Sims transversals, the commutant's constraint matrix), refused within a second
    with the estimate and the flag that lifts the limit, as a CertificateLimitError (not verified, not a
    tampering verdict)."""
    from exactsep.errors import CertificateLimitError
    monkeypatch.setenv("EXACTSEP_CERT_SLACK", "1e30")
    cert = cert_of(cid)
    cert["instance"].update(copy.deepcopy(edit))
    import sympy  # noqa: F401  (the import is start-up, not the check)
    t = time.perf_counter()
    with pytest.raises(CertificateLimitError, match="estimate|above the limit") as e:
        verify_certificate(cert)
    assert time.perf_counter() - t < 1.0
    assert flag in str(e.value)


def test_verify_prints_refused_over_a_limit_with_the_flag(tmp_path):
    cert = cert_of("groups.burnside")
    cert["instance"]["gset"] = {"kind": "power", "k": 40, "size": 3 ** 40}
    f = tmp_path / "big.json"
    f.write_text(json.dumps(cert))
    r = _cli("verify", str(f))
    assert r.returncode == 1 and "REFUSED (over a limit)" in r.stderr and "--size-slack" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    r = _cli("verify", "--size-slack", "nan", str(f))
    assert r.returncode == 2 and "size slack" in r.stderr and "Traceback" not in r.stderr
