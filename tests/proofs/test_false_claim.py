"""A deliberately false claim is refuted with a minimal (shrunk) counterexample and a genuine certificate."""

import hypothesis.strategies as st
import pytest

from exactsep.cli import main
from exactsep.proofs import claim, outcome, run_claims, unregister, verify_certificate

S3_SPEC = {"group": "S3", "input": "natural", "layers": [{"gset": "natural"}]}


def _partition(activation, inputs):
    from exactsep.separation import Architecture, partition
    return partition(Architecture.from_spec(dict(S3_SPEC, activation=activation)), inputs).classes


def _strategy():
    vec = st.lists(st.integers(-3, 3), min_size=3, max_size=3)
    return st.builds(lambda a, b: {"inputs": [a, b]}, vec, vec)


@pytest.fixture
def false_claim():
    @claim(id="test.poly2-like-relu",
           statement="poly:2 separates like ReLU for S_3 on Q^3 (one hidden natural layer) - FALSE",
           provenance="[test]", source="tests/proofs/test_false_claim.py",
           instances=lambda level, rng: [{"inputs": [[1, 5, 6], [2, 3, 7]]}, {"inputs": [[0, 0, 3], [-1, 2, 2]]},
                                         {"inputs": [[1, 2, 3], [3, 2, 1]]}],
           strategy=_strategy, requires=("exactsep.separation:partition",),
           size=lambda inst: sum(abs(x) for v in inst["inputs"] for x in v))
    def poly2_like_relu(inst):
        p2 = _partition({"poly": 2}, inst["inputs"])
        relu = _partition("relu", inst["inputs"])
        return outcome(p2 == relu, "partition(poly:2) == partition(relu)",
                       poly2=[list(c) for c in p2], relu=[list(c) for c in relu])
    yield poly2_like_relu
    unregister("test.poly2-like-relu")


def test_false_claim_is_refuted_with_a_minimal_counterexample(false_claim):
    rep = run_claims(["test.poly2-like-relu"], workers=1, max_examples=60)
    (c,) = rep.claims
    assert c.status == "failed" and not rep.ok
    assert c.counterexamples >= 2            # the two seeded E6 pairs (and whatever the adversarial search finds)
    cert = c.counterexample
    assert cert["holds"] is False
    # genuine: an independent re-check confirms that the claim fails on it
    res = verify_certificate(cert)
    assert res.holds is False
    a, b = cert["instance"]["inputs"]
    # minimal: no larger than the smallest seeded counterexample (sum of |entries| 20 and 8) ...
    assert sum(abs(x) for x in a + b) <= 8
    # ... and 1-minimal: no single shrinking move keeps it a counterexample
    from exactsep.proofs.runner import default_shrink_candidates
    from exactsep.proofs import get_claim
    claim_ = get_claim("test.poly2-like-relu")
    for cand in default_shrink_candidates(cert["instance"]):
        if claim_.size_of(cand) < claim_.size_of(cert["instance"]):
            assert claim_.check(cand)["holds"], cand
    # and it really separates under ReLU but not under t^2
    assert cert["computed"]["relu"] == [[0], [1]] and cert["computed"]["poly2"] == [[0, 1]]


def test_false_claim_cli_exits_1_and_writes_the_certificate(false_claim, tmp_path, capsys):
    d = tmp_path / "certs"
    rc = main(["prove", "--claim", "test.poly2-like-relu", "--workers", "1", "--counterexample-dir", str(d),
               "--max-examples", "30"])
    assert rc == 1
    err = capsys.readouterr().err
    assert "test.poly2-like-relu FAILS; minimal counterexample" in err
    path = d / "test.poly2-like-relu" / "counterexample.json"
    assert str(path) in err and path.is_file()
    assert main(["verify", str(path)]) == 0      # a genuine counterexample verifies
    out = capsys.readouterr().out
    assert "the claim FAILS on this instance (a genuine counterexample)" in out
