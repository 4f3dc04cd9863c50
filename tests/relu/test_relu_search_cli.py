"""Certificates: search finds them, verify re-checks them and rejects tampered ones; the CLI."""
import copy
import json

import pytest

from exactsep.cli import main
from exactsep.errors import CertificateError
from exactsep.relu.search import KINDS, search, verify_certificate


@pytest.fixture(scope="module")
def found():
    return search(budget=120, seed=3, per_kind=2)


def test_search_finds_every_kind_and_all_verify(found):
    kinds = {c["kind"] for c in found.certificates}
    assert set(KINDS) <= kinds
    for c in found.certificates:
        assert verify_certificate(c).valid


def _tamper(cert):
    c = copy.deepcopy(cert)
    key = "theta" if "theta" in c else "theta_b"
    th = list(c[key])
    th[-1] = str(__import__("fractions").Fraction(th[-1]) + 1)     # move the output bias: a different function
    c[key] = th
    return c


def test_tampered_certificates_are_rejected(found):
    for cert in found.certificates:
        bad = _tamper(cert)
        if cert["kind"] == "dimension_below_upper_bound":
            # a bias shift keeps the dimension; tamper with the claimed value instead
            bad = dict(cert, functional_dimension=cert["functional_dimension"] + 1)
        assert not verify_certificate(bad).valid
    with pytest.raises(CertificateError):
        verify_certificate({"kind": "no_such_kind", "widths": [1, 1, 1]})
    with pytest.raises(CertificateError):
        verify_certificate({"kind": "non_transitive_action", "widths": [1, -1, 1], "theta_a": [], "theta_b": []})


def test_path_certificate_with_a_bad_step_is_rejected():
    cert = {"kind": "non_constant_dimension_on_fiber", "widths": [1, 2, 1], "theta_a": [2, -2, 0, 5, "1/2", 0, 0],
            "theta_b": [2, 0, 0, -3, "1/2", 5, 0],
            "path": [{"kind": "output_layer", "theta": [2, 0, 0, -3, "1/2", 5, 0]}]}   # changes hidden params
    assert not verify_certificate(cert).valid


def _write(tmp_path, name, obj):
    p = tmp_path / name
    p.write_text(json.dumps(obj))
    return str(p)


def test_cli_fundim_same_function_and_errors(tmp_path, capsys):
    spec = _write(tmp_path, "a.json", {"widths": [1, 2, 1], "theta": [2, -3, -1, "3/2", "1/2", "-1/3", "1/2"]})
    assert main(["fundim", spec, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["functional_dimension"] == 4 and out["upper_bound"] == 5 and out["certified"] is True
    assert out["regions"] == 2
    ident = _write(tmp_path, "b.json", {"widths": [1, 2, 1], "theta": [1, -1, 0, 0, 1, -1, 0]})
    assert main(["same-function", spec, ident, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["same_function"] is True
    shifted = _write(tmp_path, "c.json", {"widths": [1, 2, 1], "theta": [1, -1, 0, 0, 1, -1, "1/3"]})
    assert main(["same-function", spec, shifted]) == 0
    assert "different functions" in capsys.readouterr().out
    for bad in ({"widths": [1, 2, 1], "theta": [1, 2]}, {"widths": [1, -2, 1], "theta": [1]},
                {"widths": [1, 2, 1]}, [1, 2]):
        assert main(["fundim", _write(tmp_path, "bad.json", bad)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("exactsep: error:") and err.count("\n") == 1
    p = tmp_path / "float.json"
    p.write_text('{"widths": [1, 1, 1], "theta": [1, 0.5, 1, 0]}')
    assert main(["fundim", str(p)]) == 2
    assert "float" in capsys.readouterr().err


def test_cli_fibers_search_and_verify(tmp_path, capsys):
    out = tmp_path / "certs"
    assert main(["fibers", "search", "--arch", "1,2,1", "--budget", "30", "--out", str(out), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["found"] == len(res["files"]) > 0
    f = res["files"][0]
    assert main(["fibers", "verify", f]) == 0
    assert capsys.readouterr().out.startswith("certificate verified: fibers.")
    assert main(["fibers", "verify", f, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verified"] is True
    cert = json.loads(open(f).read())
    cert = _tamper(cert) if "theta_b" in cert else dict(cert, functional_dimension=99)
    bad = _write(tmp_path, "bad.json", cert)
    assert main(["fibers", "verify", bad]) == 1
    err = capsys.readouterr().err
    assert err.startswith("exactsep fibers verify: REJECTED") and err.count("\n") == 1
    assert main(["fibers", "search", "--arch", "1,x"]) == 2


def test_cli_fundim_says_when_the_region_count_is_partial(tmp_path, capsys):
    """A certified cheap start counts only the regions its random points hit: the output must say so, and the
    complete count (--enumerate) must agree with `exactsep regions`."""
    spec = {"widths": [2, 3, 1], "theta": [3, -3, 0, -2, 2, 3, 0, 0, 2, -2, -1, 1, 2]}
    f = _write(tmp_path, "n.json", spec)
    assert main(["fundim", f, "--json"]) == 0
    cheap = json.loads(capsys.readouterr().out)
    assert main(["regions", f, "--json"]) == 0
    total = json.loads(capsys.readouterr().out)["num_regions"]
    assert main(["fundim", f, "--enumerate", "--json"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert full["regions_complete"] and full["regions"] == total
    assert cheap["regions"] <= total
    assert cheap["regions_complete"] == (cheap["method"] == "complete_enumeration")
    assert main(["fundim", f]) == 0
    text = capsys.readouterr().out
    if not cheap["regions_complete"]:
        assert f"at least {cheap['regions']}" in text and "partial" in text
    assert main(["fundim", f, "--enumerate"]) == 0
    text = capsys.readouterr().out
    assert f"regions: {total} (all activation regions" in text
    assert "None" not in text          # general position is explained, never printed as a bare None


from hypothesis import given, settings  # noqa: E402

from _relu_helpers import relu_nets  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(relu_nets(max_n0=2, max_hidden_layers=2, max_width=3))
def test_fundim_region_counts_and_genericity_wording(net):
    from exactsep.relu.fundim import functional_dimension
    from exactsep.relu.regions import enumerate_regions
    total = len(enumerate_regions(net).regions)
    fd = functional_dimension(net)
    assert fd.regions is None or (fd.regions == total if fd.regions_complete else fd.regions <= total)
    g = functional_dimension(net, enumerate_all=True).genericity
    line = g.describe()
    if g.general_position is False:
        assert g.failed_checks() and "no (" in line
    elif g.general_position is None:
        assert g.unchecked() and "undecided" in line
    else:
        assert not g.failed_checks() and not g.unchecked()
    assert "None" not in line


@pytest.mark.parametrize("argv,needle", [
    (["--arch", "1,1000,1"], "--max-parameters"),
    (["--budget", "1000000000", "--no-progress"], "--progress"),
    (["--budget", "0"], "positive"),
    (["--per-kind", "-1"], "positive"),
])
def test_oversized_or_invalid_searches_are_refused_at_once(argv, needle, capsys):
    import time
    t = time.perf_counter()
    rc = main(["fibers", "search", *argv])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and needle in err[0] and "Traceback" not in err[0]
    assert time.perf_counter() - t < 1.0


def test_a_long_search_runs_with_progress_on_stderr(capsys, monkeypatch):
    import exactsep.relu.cli as rcli
    monkeypatch.setattr(rcli, "MAX_SILENT_DRAWS", 40)
    assert main(["fibers", "search", "--arch", "1,1,1", "--budget", "41", "--no-progress"]) == 2
    capsys.readouterr()
    rc = main(["fibers", "search", "--arch", "1,1,1", "--budget", "41", "--progress", "--per-kind", "1",
               "--kind", "non_transitive_action", "--json"])
    out = capsys.readouterr()
    assert rc == 0 and "progress: fibers search:" in out.err
    assert json.loads(out.out)["tried"] >= 1

