"""Sample-complexity laws (values, provenance, Eq. 5 from Eq. 3) and the ``exactsep srhm`` command."""
import json
import subprocess
import sys

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from exactsep.cli import main
from exactsep.srhm import (labels, random_grammar, rhm_correlation_threshold, rhm_deep_cnn_sample_complexity,
                           rhm_deep_fcn_sample_complexity, rhm_max_dataset_size, shallow_sample_complexity,
                           srhm_cnn_sample_complexity, srhm_lcn_fixed_d_exponents, srhm_lcn_sample_complexity,
                           srhm_one_step_threshold)
from exactsep.errors import InvalidInputError
from exactsep.srhm.data import NPZ_ARRAYS


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.integers(2, 4), st.integers(1, 6), st.integers(1, 6), st.integers(0, 4))
def test_laws(L, s, m, n_c, s0):
    laws = [rhm_max_dataset_size(L, s, m, n_c), shallow_sample_complexity(L, s, m, n_c),
            rhm_deep_cnn_sample_complexity(L, m, n_c), rhm_deep_fcn_sample_complexity(L, m, n_c),
            rhm_correlation_threshold(L, m, n_c), srhm_lcn_sample_complexity(L, s, m, n_c, s0),
            srhm_cnn_sample_complexity(L, m, n_c, s0), srhm_one_step_threshold(L, m, n_c, s0)]
    for law in laws:
        assert law.provenance.startswith("[") and law.formula and law.constant
        assert json.loads(json.dumps(law.to_json()))["name"] == law.name
    # the RHM support size is the exact count of a grammar with these parameters
    v = max(m, n_c, 2)
    if m <= v ** (s - 1) and m * n_c <= v ** s:
        assert laws[0].value == random_grammar(L, s, v, m, n_c).total_inputs
    # the one-step argument multiplies the RHM threshold by (s0+1)^L, like the LCN law without C0
    assert laws[7].value == (s0 + 1) ** L * laws[4].value == laws[5].value
    # at L = 2 the LCN and CNN laws coincide up to constants (docs/theory/srhm.md, "Worked instances")
    if L == 2:
        assert laws[5].value == laws[6].value


@pytest.mark.parametrize("L, s, m, n_c, s0", [(2, 2, 2, 2, 1), (3, 2, 4, 4, 2), (2, 3, 9, 3, 1), (3, 3, 3, 3, 0)])
def test_eq5_follows_from_eq3(L, s, m, n_c, s0):
    """P*_LCN = s^(L/2) (s0+1)^L n_c m^L equals n_c F^(a-1/2) d^(a+1/2), a = ln m / ln s, d = s^L / F."""
    eq3 = sympy.sqrt(s) ** L * srhm_lcn_sample_complexity(L, s, m, n_c, s0).value
    ex = srhm_lcn_fixed_d_exponents(s, m)
    F = sympy.Rational(1, (s0 + 1) ** L)
    d = s ** L / F
    eq5 = n_c * F ** sympy.sympify(ex["F_exponent"]) * d ** sympy.sympify(ex["d_exponent"])
    assert sympy.simplify(sympy.expand_log(sympy.log(eq5) - sympy.log(eq3), force=True)) == 0
    assert ex["sparser_is_easier"] == str(m * m > s)


def test_law_input_checks():
    with pytest.raises(InvalidInputError):
        srhm_cnn_sample_complexity(0, 2, 2, 1)
    with pytest.raises(InvalidInputError):
        srhm_lcn_fixed_d_exponents(1, 2)


# ------------------------------------------------------------------ CLI
BASE = ["srhm", "--L", "2", "--s", "2", "--v", "3", "--m", "2", "--nc", "2", "--s0", "1", "--sparsity", "A"]


def test_cli_count_json(capsys):
    assert main(BASE + ["--seed", "0", "--count", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert (rep["input_length"], rep["inputs_per_class"], rep["total_inputs"]) == (16, 512, 1024)
    assert rep["blank_deletion_fibre"] == 64


def test_cli_count_big_exact(capsys):
    assert main(["srhm", "--L", "4", "--s", "3", "--v", "9", "--m", "9", "--nc", "9", "--s0", "3", "--sparsity", "B",
                 "--count", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["total_inputs"] == 9 * (9 * 220) ** 40 and rep["input_length"] == 12 ** 4


def test_cli_sample_npz(tmp_path, capsys):
    out = tmp_path / "d.npz"
    assert main(["srhm", "--L", "3", "--s", "2", "--v", "8", "--m", "8", "--nc", "8", "--s0", "1", "--sample", "500",
                 "--out", str(out), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["sample"]["size"] == 500
    d = np.load(out)
    assert sorted(d.files) == sorted(NPZ_ARRAYS) == ["indices", "labels", "symbols", "x"]   # no undocumented copy
    assert d["x"].shape == (500, 8, 64) and d["x"].dtype == np.uint8
    assert (d["x"].argmax(axis=1) == np.where(d["symbols"] == 8, 0, d["symbols"])).all()
    g = random_grammar(3, 2, 8, 8, 8, s0=1, seed=0)
    assert (labels(g, d["symbols"]) == d["labels"]).all()
    assert len(np.unique(d["symbols"], axis=0)) == 500


def test_cli_separability_and_sensitivity(capsys):
    assert main(["srhm", "--L", "2", "--s", "2", "--v", "4", "--m", "2", "--nc", "3", "--s0", "1", "--sparsity", "B",
                 "--seed", "1", "--separability", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["separability"]["min_window"] == 4
    assert main(BASE + ["--separability", "--depth", "2", "--filter-size", "3"]) == 0
    assert "separate" in capsys.readouterr().out
    assert main(BASE + ["--sensitivity", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert len(rep["input_sensitivities"]) == 2 and "/" in rep["input_sensitivities"][0]["D"]


@pytest.mark.parametrize("extra", [
    ["--L", "2", "--s", "2", "--v", "3", "--m", "4", "--nc", "2"],
    ["--L", "x", "--s", "2", "--v", "3", "--m", "2", "--nc", "2"],
    ["--s", "2", "--v", "3", "--m", "2", "--nc", "2"],
    ["--L", "2", "--s", "2", "--v", "3", "--m", "2", "--nc", "2", "--sparsity", "C"],
    ["--L", "2", "--s", "2", "--v", "3", "--m", "2", "--nc", "2", "--sample", "17"],
    ["--L", "2", "--s", "2", "--v", "3", "--m", "2", "--nc", "2", "--out", "x.npz"],
    ["--L", "2", "--s", "2", "--v", "3", "--m", "2", "--nc", "2", "--s0", "-1"],
])
def test_cli_bad_parameters_one_line_exit_2(extra, capsys):
    assert main(["srhm"] + extra) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("exactsep: error:")


def test_cli_bad_parameters_process_exit_code():
    r = subprocess.run([sys.executable, "-m", "exactsep.cli"] + BASE[:7] + ["--m", "4", "--nc", "2"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "m <= v**(s-1)" in r.stderr
