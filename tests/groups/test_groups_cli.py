"""``exactsep group``: JSON fields, text output, DOT export, exit 2 on bad input."""
from __future__ import annotations

import json

import pytest

from exactsep.cli import main
from exactsep.groups import GSet, group_from_name, subgroup_classes


def run_json(capsys, *argv):
    assert main(["group", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name, classes", [("S3", 4), ("S4", 11), ("A4", 5), ("D4", 8), ("C6", 4), ("A5", 9)])
def test_json_fields(capsys, name, classes):
    d = run_json(capsys, "--group", name)
    G = group_from_name(name)
    assert d["order"] == G.order
    assert d["nr_subgroup_classes"] == classes == len(d["subgroup_classes"])
    orders = [c["order"] for c in d["subgroup_classes"]]
    assert orders == sorted(orders)
    for c in d["subgroup_classes"]:
        assert set(c) >= {"order", "length"} and c["length"] * c["normalizer_order"] == G.order
    tom = d["table_of_marks"]
    assert len(tom) == classes and all(len(r) == classes for r in tom)
    assert all(tom[i][j] == 0 for i in range(classes) for j in range(i + 1, classes))      # lower triangular
    assert [tom[i][i] for i in range(classes)] == [c["normalizer_order"] // c["order"] for c in d["subgroup_classes"]]
    assert d["orbits_on_tuples"] == [len(GSet.power(G, k).orbits()) for k in (1, 2, 3)]
    assert sum(c["size"] for c in d["conjugacy_classes"]) == G.order
    assert tom == [list(r) for r in subgroup_classes(G).marks]


def test_generators_inline_and_file(capsys, tmp_path):
    d = run_json(capsys, "--generators", "[[1,0,2,3],[1,2,3,0]]")
    assert d["order"] == 24 and d["nr_subgroup_classes"] == 11 and d["orbits_on_tuples"] == [1, 2, 5]
    f = tmp_path / "gens.json"
    f.write_text(json.dumps({"generators": [[1, 2, 0, 3, 4], [0, 1, 2, 4, 3]], "degree": 5}))
    d = run_json(capsys, "--generators", str(f))
    assert d["order"] == 6 and d["orbits_on_tuples"][0] == 2


def test_text_output_and_dot(capsys, tmp_path):
    dot = tmp_path / "lattice.dot"
    assert main(["group", "--group", "S4", "--dot", str(dot)]) == 0
    out = capsys.readouterr().out
    assert "order 24" in out and "11 conjugacy classes of subgroups" in out and "table of marks" in out
    text = dot.read_text()
    assert text.startswith("digraph S4") and text.count("[label=") == 11


@pytest.mark.parametrize("argv, words", [
    (["--group", "Q8"], "unknown group name"),
    (["--group", "S99"], "too large"),
    (["--group", "D2"], "dihedral"),
    (["--generators", "[[1,0,2],[1,0]]"], "different degrees"),
    (["--generators", "[[1,1,0]]"], "not a permutation"),
    (["--generators", "[[1,0,2]"], "not valid JSON"),
    (["--generators", "[[1.0,0]]"], "float"),
    (["--generators", "[]"], "empty"),
    (["--generators", "{\"gens\": []}"], "generators"),
    (["--group", "S6", "--max-order", "100"], "max_order"),
])
def test_bad_input_exit_2(capsys, argv, words):
    assert main(["group", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("exactsep: error:") and err.count("\n") == 1 and words in err
    assert "Traceback" not in err


def test_group_source_required(capsys):
    with pytest.raises(SystemExit) as e:
        main(["group", "--json"])
    assert e.value.code == 2


def test_a_huge_degree_is_refused_with_its_estimate(tmp_path, capsys):
    import time
    spec = tmp_path / "big.json"
    spec.write_text(json.dumps({"generators": [], "degree": 10 ** 8}))
    t = time.perf_counter()
    rc = main(["group", "--generators", str(spec)])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "100,000,000 points" in err[0] and "--memory-budget" in err[0]
    assert time.perf_counter() - t < 2.0
