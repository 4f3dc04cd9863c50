"""The registry, the runner and the quick catalogue through the API."""
import json
from fractions import Fraction

import pytest

from exactsep.errors import InvalidSpecError
from exactsep.proofs import (all_claims, claim, get_claim, instances_for, jsonable, outcome, run_claims,
                             unregister)
from exactsep.proofs.registry import missing_requirements

ISSUE_CLAIMS = [
    "separation.nonpolynomial-agree", "separation.poly-never-finer", "separation.poly-degree-reaches",
    "separation.depth-refines", "separation.depth-refines-naive", "separation.invariant-features",
    "separation.all-invariant-bottleneck", "hierarchy.subconjugacy", "hierarchy.preorder-not-partial-order",
    "hierarchy.block-sums-intersection", "separation.regular-orbits", "fundim.upper-bound",
    "fundim.attained-nonincreasing", "folding.one-hidden-layer-chi-zero", "groups.burnside",
    "groups.orbit-stabilizer", "groups.orbitals-commutant", "srhm.class-sizes", "srhm.label-invariance",
    "fundim.fiber-disconnected-exists", "fundim.fiber-non-constant-dimension-exists",
    "fundim.fiber-non-transitive-action-exists", "separation.spec-test-vectors", "groups.table-of-marks",
    "hierarchy.incomparable-strictly-ordered",
]


def test_the_issue_claims_are_registered_with_statements_and_provenance():
    ids = {c.id: c for c in all_claims()}
    for cid in ISSUE_CLAIMS:
        assert cid in ids, cid
        c = ids[cid]
        assert c.statement and c.provenance.startswith("[") and c.source
    # every registered claim serialises
    for c in ids.values():
        json.dumps(c.to_json())


def test_quick_registry_passes_on_the_shipped_code():
    """The README's main job, through the API: every claim passes or is refuted as expected (all the
    engines have landed, so no claim may be skipped, failed or errored)."""
    rep = run_claims(level="quick", workers=2, seed=0)
    bad = [(c.id, c.status, c.reason, c.error_messages) for c in rep.claims
           if c.status not in ("passed", "refuted")]
    assert rep.ok and not bad, bad
    assert sum(c.checked for c in rep.claims) > 300
    for c in rep.claims:
        if c.status == "refuted":
            assert c.expect == "refuted" and c.counterexample is not None
    md = rep.to_markdown()
    assert "| claim | family | instances checked | passed | counterexamples found | errors | time (s) |" in md
    assert "groups.burnside" in md
    d = rep.to_json()
    assert d["ok"] is True and json.dumps(d)


def test_seeded_instances_are_reproducible_and_seed_dependent():
    c = get_claim("fundim.upper-bound")
    a, b = instances_for(c, "quick", 0), instances_for(c, "quick", 0)
    assert a == b
    assert instances_for(c, "quick", 1) != a


def test_outcome_and_jsonable_are_exact():
    o = outcome(True, "x", value=Fraction(1, 2), items=(1, 2), n=3)
    assert o == {"holds": True, "check": "x", "computed": {"value": "1/2", "items": [1, 2], "n": 3}}
    with pytest.raises(InvalidSpecError, match="float"):
        jsonable({"x": 0.5})


def test_duplicate_ids_and_bad_options_are_refused():
    @claim(id="test.registry-dup", statement="s", instances=lambda level, rng: [])
    def one(inst):
        return outcome(True, "c")
    try:
        with pytest.raises(InvalidSpecError, match="duplicate claim id"):
            @claim(id="test.registry-dup", statement="s", instances=lambda level, rng: [])
            def two(inst):
                return outcome(True, "c")
        with pytest.raises(InvalidSpecError, match="quantifier"):
            claim(id="test.x", statement="s", instances=lambda l, r: [], quantifier="most")
        with pytest.raises(InvalidSpecError, match="expect"):
            claim(id="test.x", statement="s", instances=lambda l, r: [], expect="maybe")
    finally:
        unregister("test.registry-dup")


def test_unknown_claim_and_level():
    with pytest.raises(InvalidSpecError, match="unknown claim"):
        get_claim("no.such-claim")
    with pytest.raises(InvalidSpecError, match="no claim matches"):
        run_claims(["no.such-claim"])
    with pytest.raises(InvalidSpecError, match="level"):
        run_claims(["groups.burnside"], level="medium")


def test_a_claim_whose_engine_is_missing_is_skipped_not_passed():
    @claim(id="test.needs-missing-engine", statement="s", requires=("exactsep.no_such_part",),
           instances=lambda level, rng: [{"n": 1}])
    def needs(inst):
        return outcome(True, "c")
    try:
        assert missing_requirements(("exactsep.no_such_part", "exactsep.groups:PermGroup")) == ["exactsep.no_such_part"]
        rep = run_claims(["test.needs-missing-engine"], workers=1)
        (c,) = rep.claims
        assert c.status == "skipped" and "exactsep.no_such_part" in c.reason and c.checked == 0
    finally:
        unregister("test.needs-missing-engine")


def test_exists_claim_passes_with_one_witness_and_fails_without():
    @claim(id="test.exists", statement="some n is even", quantifier="exists",
           instances=lambda level, rng: [{"n": 1}, {"n": 3}, {"n": 4}])
    def exists(inst):
        return outcome(inst["n"] % 2 == 0, "n even", n=inst["n"])

    @claim(id="test.exists-none", statement="some n is even", quantifier="exists",
           instances=lambda level, rng: [{"n": 1}, {"n": 3}])
    def exists_none(inst):
        return outcome(inst["n"] % 2 == 0, "n even", n=inst["n"])
    try:
        rep = run_claims(["test.exists", "test.exists-none"], workers=1)
        st = {c.id: c.status for c in rep.claims}
        assert st == {"test.exists": "passed", "test.exists-none": "failed"}
        assert not rep.ok
        # the text report says the claim is existential and counts witnesses among candidates
        text = rep.to_text().splitlines()
        line = next(l for l in text if "test.exists " in l)
        assert "exists: 1 of 3 candidates are witnesses (one suffices)" in line and "instances" not in line
    finally:
        unregister("test.exists")
        unregister("test.exists-none")


def test_engine_crash_is_an_error_not_a_pass():
    @claim(id="test.crash", statement="s", instances=lambda level, rng: [{"n": 1}])
    def crash(inst):
        raise KeyError("boom")
    try:
        rep = run_claims(["test.crash"], workers=1)
        (c,) = rep.claims
        assert c.status == "error" and "KeyError" in c.error_messages[0] and not rep.ok
    finally:
        unregister("test.crash")


def test_every_builtin_claim_has_a_statement_module_in_the_top_level_proofs_directory():
    import os
    import exactsep
    root = os.path.dirname(os.path.dirname(os.path.abspath(exactsep.__file__)))
    d = os.path.join(root, "proofs")
    if not os.path.isdir(d):
        pytest.skip("not running from a repository checkout")
    files = set(os.listdir(d))
    for c in all_claims():
        if c.module.startswith("exactsep.proofs.claims"):
            fname = c.id.replace(".", "_").replace("-", "_") + ".py"
            assert fname in files, fname
            text = open(os.path.join(d, fname)).read()
            assert c.check.__name__ in text and c.module in text
            assert f"Provenance: {c.provenance}\nSource: {c.source}\n" in text, fname   # kept in sync with the claim


def test_user_claim_modules_are_discovered_from_a_proofs_directory(tmp_path):
    (tmp_path / "my_claim.py").write_text(
        "from exactsep.proofs import claim, outcome\n"
        "@claim(id='user.squares', statement='n^2 >= n for integers n', provenance='[derived]',\n"
        "       instances=lambda level, rng: [{'n': rng.randint(-5, 5)} for _ in range(4)])\n"
        "def squares(inst):\n"
        "    return outcome(inst['n'] ** 2 >= inst['n'], 'n*n >= n', square=inst['n'] ** 2)\n")
    try:
        rep = run_claims(["user.squares"], workers=1, extra_dirs=[str(tmp_path)])
        assert rep.claims[0].status == "passed" and rep.claims[0].checked == 4
    finally:
        unregister("user.squares")


def test_the_top_level_statement_modules_are_imported_from_a_checkout():
    import sys
    from exactsep.proofs.registry import _proofs_dirs
    dirs = _proofs_dirs()
    if not dirs:
        pytest.skip("not running from a repository checkout")
    all_claims()
    loaded = [m for name, m in list(sys.modules.items()) if name.startswith("_exactsep_proofs_")]
    assert any(getattr(m, "CLAIM", None) is get_claim("groups.burnside") for m in loaded)
