"""The `exactsep separate` and `exactsep hierarchy` commands: JSON output, witnesses, text, bad specs."""
import json
from pathlib import Path

import pytest

from exactsep.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "separation"


def _write(tmp_path, obj, name="spec.json"):
    p = tmp_path / name
    p.write_text(obj if isinstance(obj, str) else json.dumps(obj))
    return str(p)


E2 = {"group": {"generators": [[1, 2, 3, 0]]}, "input": "natural",
      "layers": [{"gset": {"images": [[1, 0]]}, "space": "full"}, {"gset": "regular"}],
      "activation": "relu", "output": "invariant",
      "inputs": [[1, 2, 3, 4], [2, 3, 4, 1], [3, 4, 1, 2], [1, 4, 3, 2], [2, 1, 4, 3], [4, 0, 6, 0], [0, 0, 0, 10],
                 ["5/2", "5/2", "5/2", "5/2"]]}


def test_separate_json_E2_bottleneck(tmp_path, capsys):
    assert main(["separate", _write(tmp_path, E2), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["classes"] == [[0, 1, 2, 3, 4], [5, 6], [7]]
    assert out["method"] == "cr"


def test_separate_witnesses_per_class_pair(tmp_path, capsys):
    spec = dict(E2, layers=[{"gset": "regular"}])
    assert main(["separate", _write(tmp_path, spec), "--json", "--witness"]) == 0
    out = json.loads(capsys.readouterr().out)
    k = len(out["classes"])
    assert k == 5 and len(out["witnesses"]) == k * (k - 1) // 2
    for w in out["witnesses"]:
        assert w["verified"] and w["output_a"] != w["output_b"] and w["evaluation"] == "exact"
        i, j = w["classes"]
        assert w["inputs"] == [out["classes"][i][0], out["classes"][j][0]]


def test_separate_text_table_and_poly(tmp_path, capsys):
    spec = json.loads((EXAMPLES / "deepsets_poly2.json").read_text())
    assert main(["separate", _write(tmp_path, spec)]) == 0
    text = capsys.readouterr().out
    assert "method: es" in text and "classes: 3" in text


def test_separate_depth_threshold_flag(tmp_path, capsys):
    spec = json.loads((EXAMPLES / "cyclic_cnn_k2.json").read_text())
    assert main(["separate", _write(tmp_path, spec), "--json", "--depth-threshold"]) == 0
    out = json.loads(capsys.readouterr().out)
    dt = out["depth_threshold"]
    # every partition is labelled with its depth, from depth 1 (the repeated layer's first copy) on:
    # test vector E3 with k = 2 (docs/theory/separation.md, "Test vectors")
    assert [p["depth"] for p in dt["partitions"]] == list(range(1, dt["threshold"] + 1))
    assert dt["partitions"][0]["classes"] == dt["partitions"][1]["classes"] == [[0, 1, 2], [3], [4]]
    assert dt["partitions"][2]["classes"] == dt["partitions"][-1]["classes"] == [[0, 2], [1], [3], [4]]
    # the text output lists the same depths
    assert main(["separate", _write(tmp_path, spec), "--depth-threshold"]) == 0
    text = capsys.readouterr().out
    for p in dt["partitions"]:
        shown = " ".join("{" + ",".join(map(str, c)) + "}" for c in p["classes"])
        assert f"depth {p['depth']}: {shown}" in text


def test_graph_inputs_as_matrices(tmp_path, capsys):
    spec = json.loads((EXAMPLES / "ign_graphs_1wl.json").read_text())
    assert main(["separate", _write(tmp_path, spec), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [0, 1, 7] in out["classes"] and [2, 3] in out["classes"]     # C6 ~ 2K3, K33 ~ prism (1-WL)


@pytest.mark.parametrize("spec,msg", [
    ({"group": "Z7", "input": "natural", "inputs": [[1]]}, "unknown group name"),
    ({"group": "S3", "input": {"images": [[1, 0], [1, 2, 0]]}, "inputs": [[1, 2]]}, "different lengths"),
    ({"group": "S3", "input": {"images": [[1, 0, 2, 3]]}, "inputs": [[1, 2]]}, "one image list per group generator"),
    ('{"group": "S3", "input": "natural", "inputs": [[1, 2, 0.5]]}', "float"),
    ({"group": "S3", "input": "natural", "inputs": [[1, 2]]}, "length 2, expected 3"),
    ({"group": "S3", "input": "natural"}, "inputs"),
    ('{"group": "S3", ', "not valid JSON"),
    ({"group": "S3", "input": "natural", "layers": [{"gset": "natural", "space": {"basis": [[[1, 2, 0], [0, 1, 2], [2, 0, 1]]]}}],
      "inputs": [[1, 2, 3]]}, "not G-equivariant"),
])
def test_bad_specs_one_line_exit_2(tmp_path, capsys, spec, msg):
    assert main(["separate", _write(tmp_path, spec)]) == 2
    err = capsys.readouterr().err
    assert msg in err and err.count("\n") == 1 and "Traceback" not in err


def test_hierarchy_command(tmp_path, capsys):
    dot = tmp_path / "h.dot"
    assert main(["hierarchy", "--group", "S4", "--dot", str(dot), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["nodes"]) == 11 and dot.read_text().startswith("digraph")
    assert out["group_name"] == "S4" and out["files_written"] == [{"kind": "DOT", "path": str(dot)}]
    assert main(["hierarchy", "--group", "S4", "--dot", str(dot)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("transitive G-sets G/H of S4 (order 24)") and f"wrote DOT to {dot}" in text
    assert main(["hierarchy", "--generators", "[[1,0,2],[1,2,0]]"]) == 0
    assert "the group of order 6" in capsys.readouterr().out
    assert main(["hierarchy", "--group", "Q8"]) == 2


@pytest.mark.parametrize("name,expected", [
    ("deepsets_s3.json", [[0, 1, 2], [3], [4], [5], [6], [7], [8, 9]]),
    ("pointnet_sets.json", [[0, 1], [2], [3], [4], [5], [6]]),
    ("cyclic_cnn_k1.json", [[0, 1, 2, 3, 4]]),
    ("cyclic_cnn_k2.json", [[0, 1, 2], [3], [4]]),
    ("cyclic_cnn_k3.json", [[0, 2], [1], [3], [4]]),
    ("cyclic_cnn_k6.json", [[0, 2], [1], [3], [4]]),
    ("deepsets_poly2.json", [[0, 1, 2], [3, 4], [5]]),
])
def test_examples_match_their_documented_output(capsys, name, expected):
    """examples/separation/README.md lists these outputs."""
    assert main(["separate", str(EXAMPLES / name), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["classes"] == expected


def test_hierarchy_png_when_matplotlib_is_installed(tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "h.png"
    assert main(["hierarchy", "--group", "D4", "--png", str(png)]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert main(["hierarchy", "--group", "D4", "--png", str(png), "--json"]) == 0


def test_depth_threshold_output_is_the_one_the_example_readme_shows(capsys):
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    block = readme.split("depth_threshold.partitions", 1)[1].split("```")[1].strip().splitlines()
    assert main(["separate", str(EXAMPLES / "cyclic_cnn_k2.json"), "--depth-threshold"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-len(block):] == block


@pytest.mark.parametrize("path", ["x.foo", "dir/"])
def test_hierarchy_png_bad_path_is_one_line(tmp_path, capsys, path):
    pytest.importorskip("matplotlib")
    from exactsep.cli import main
    target = str(tmp_path / path) if not path.endswith("/") else str(tmp_path) + "/"
    assert main(["hierarchy", "--group", "S3", "--png", target]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / ".png").exists()
