"""The authors' statements in the registry: the refuted d_chi proposition end to end (prove, certificate,
verify), witness quality and the degenerate outcome, naive forms naming the hypothesis they drop, the
generated statement modules and documentation page."""
import copy
import json
import os
import subprocess
import sys
from fractions import Fraction

import pytest

from exactsep.errors import CertificateError
from exactsep.proofs import (claim, get_claim, instances_for, make_certificate, outcome, run_claims, unregister,
                             verify_certificate, all_claims)

NEW = ["folding.stability", "folding.asymmetry-exists", "folding.flatness-invariance",
       "folding.sub-additivity-fails-exists", "folding.super-additivity-fails-exists",
       "folding.chi-zero-iff-r1-equals-r2", "folding.closed-walk-chi-at-least-half", "folding.closed-walk-full-bits",
       "folding.d-chi-pseudo-metric", "folding.d-chi-one-hidden-layer", "folding.hamming-convexity-lemma",
       "folding.hamming-convexity-lemma-deep", "folding.walk-refinement", "folding.walk-refinement-any-order-naive",
       "srhm.informative-position-probability", "fundim.precomposition-theorem-8-7",
       "fundim.precomposition-theorem-8-7-orthant"]


def _root():
    import exactsep
    return os.path.dirname(os.path.dirname(os.path.abspath(exactsep.__file__)))


@pytest.mark.parametrize("cid", NEW)
def test_new_claims_have_instances_and_verifying_certificates(cid):
    c = get_claim(cid)
    insts = instances_for(c, "quick", 0)
    assert insts
    inst = insts[0]
    cert = json.loads(json.dumps(make_certificate(c, inst, c.check(inst))))
    res = verify_certificate(cert)
    assert res.holds == cert["holds"] and len(res.checks) >= 2
    assert c.source.startswith("docs/theory/") and "[paper]" not in c.provenance


def test_the_issues_d_chi_example():
    # issue 18: u1 = relu(x + 1), u2 = relu(x - 20), v = relu(u1 - 2 u2 - 11) (v's bit counts: affine output after it)
    from exactsep.proofs.claims.folding_authors import d_chi_values
    from exactsep.nets import Network
    net = Network.from_flat([1, 2, 1, 1], [1, 1, 1, -20, 1, -2, -11, 1, 0])
    d, chis = d_chi_values(net, [[0], [25], [40]])
    assert (chis[(0, 2)], chis[(2, 0)]) == (Fraction(1, 3), Fraction(1, 3))
    assert d[(0, 1)] == d[(1, 2)] == 0 and d[(0, 2)] == Fraction(1, 3)
    out = get_claim("folding.d-chi-pseudo-metric").check({"widths": [1, 2, 1, 1],
                                                            "theta": [1, 1, 1, -20, 1, -2, -11, 1, 0],
                                                            "points": [[0], [25], [40]]})
    assert not out["holds"] and not out["computed"]["holds_triangle"]


@pytest.fixture(scope="module")
def dchi_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("certs")
    root = _root()
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "exactsep.cli", "prove", "--quick", "--claim", "folding.d-chi-pseudo-metric",
                        "--workers", "1", "--certificates", str(d), "--json"], capture_output=True, text=True, env=env)
    return r, d, env


def test_prove_refutes_d_chi_with_a_small_generic_counterexample(dchi_run):
    r, d, env = dchi_run
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    c = rep["claims"][0]
    assert c["status"] == "refuted" and "false as stated" in c["reason"]
    cx = c["counterexample"]["instance"]
    # no larger than the issue's example: two hidden layers, three hidden neurons, heights <= 20
    hidden = cx["widths"][1:-1]
    assert len(hidden) <= 2 and sum(hidden) <= 3
    from exactsep.relu.quality import max_height
    assert max_height(cx["theta"] + [v for p in cx["points"] for v in p]) <= 20
    assert c["counterexample"]["computed"]["network_quality"]["generic"]
    assert "is refuted as expected (the statement is false as stated)" in r.stderr


def test_verify_accepts_the_d_chi_counterexample_and_rejects_a_tampered_one(dchi_run, tmp_path):
    r, d, env = dchi_run
    path = d / "folding.d-chi-pseudo-metric" / "counterexample.json"
    v = subprocess.run([sys.executable, "-m", "exactsep.cli", "verify", str(path)], capture_output=True, text=True,
                       env=env)
    assert v.returncode == 0, v.stderr
    assert "FAILS on this instance (a genuine counterexample)" in v.stdout
    assert "triangle inequality fails" in v.stdout
    cert = json.loads(path.read_text())
    bad = copy.deepcopy(cert)
    bad["computed"]["d"]["13"] = "0"
    with pytest.raises(CertificateError):
        verify_certificate(bad)


def test_existence_claims_record_witness_quality_and_pass_only_with_generic_witnesses():
    rep = run_claims(["folding.asymmetry-exists", "fundim.fiber-disconnected-exists"], level="quick", workers=1)
    for c in rep.claims:
        assert c.status == "passed" and c.generic_witnesses >= 1
        for cert in c.certificates:
            q = cert["computed"]["witness_quality"]
            assert q is None or "generic" in q


def test_a_claim_with_only_degenerate_witnesses_reports_degenerate():
    @claim(id="test.degenerate-witness", statement="a witness exists", quantifier="exists", witness_quality=True,
           instances=lambda level, rng: [{"k": 1}, {"k": 2}])
    def degenerate(inst):
        return outcome(True, "always", witness_quality={"generic": False, "failed": ["zero output weights"]})
    try:
        rep = run_claims(["test.degenerate-witness"], workers=1, adversarial=False)
        c = rep.claims[0]
        assert c.status == "degenerate" and c.generic_witnesses == 0 and "zero output weights" in c.reason
        assert rep.ok and "DEGENERATE" in rep.to_text()
    finally:
        unregister("test.degenerate-witness")


def test_tampered_witness_quality_is_rejected():
    c = get_claim("fundim.fiber-disconnected-exists")
    inst = instances_for(c, "quick", 0)[0]
    cert = json.loads(json.dumps(make_certificate(c, inst, c.check(inst))))
    assert cert["computed"]["witness_quality"]["generic"] is True
    bad = copy.deepcopy(cert)
    bad["computed"]["witness_quality"]["theta_a"]["max_height"] = 1000
    with pytest.raises(CertificateError):
        verify_certificate(bad)


def test_naive_forms_name_the_dropped_hypothesis_and_the_scope_of_their_counterexample():
    naive = [c for c in all_claims() if c.expected_refuted and c.module.startswith("exactsep.proofs.claims")]
    assert {"separation.depth-refines-naive", "fundim.attained-nonincreasing-naive",
            "folding.walk-refinement-any-order-naive", "folding.hamming-convexity-lemma-deep"} <= \
        {c.id for c in naive if c.drops}
    rep = run_claims(["separation.depth-refines-naive", "folding.walk-refinement-any-order-naive"], level="quick",
                     workers=1)
    for r in rep.claims:
        assert r.status == "refuted" and r.drops in r.reason and "not contradicted" in r.reason
        assert "not contradicted" in r.counterexample["computed"]["scope"]
    md = rep.to_markdown(certificate_dir="certs")
    assert "## Separation power" in md and "## Space folding" in md and "`certs/separation.depth-refines-naive/`" in md
    assert "What it shows:" in md


def test_statement_modules_of_the_new_claims_are_generated_from_the_registry():
    from exactsep.proofs.statements import statement_module, statement_module_name
    d = os.path.join(_root(), "proofs")
    if not os.path.isdir(d):
        pytest.skip("not running from a repository checkout")
    for cid in NEW:
        c = get_claim(cid)
        assert open(os.path.join(d, statement_module_name(c)), encoding="utf-8").read() == statement_module(c)


def test_authors_page_lists_every_authors_statement_with_source_and_outcome():
    from exactsep.proofs.statements import authors_page, is_authors_statement
    rep = run_claims(["folding.d-chi-pseudo-metric", "folding.flatness-invariance"], level="quick", workers=1)
    page = authors_page(rep)
    authors = [c for c in all_claims() if is_authors_statement(c)]
    assert "### `folding.closed-walk-full-bits`" not in page and "### `groups.burnside`" not in page
    for c in authors:
        assert f"### `{c.id}`" in page
    assert "**refuted**" in page and "Minimal counterexample" in page and "not run" in page
    assert page.count("- **Source**:") == len(authors)
