import subprocess
import sys

import pytest

from exactsep.cli import main


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "demo" in out


def test_demo_json_covers_every_part_with_an_interpretation(capsys):
    import json
    from exactsep.demo import PARTS
    assert main(["demo", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert {s["part"] for s in rep["steps"]} == set(PARTS)
    for s in rep["steps"]:
        assert s["lines"] and s["meaning"] and "\n" not in s["meaning"] and s["theory"]
    assert rep["seconds"] < 120


def test_demo_results_agree_with_independent_computations(capsys):
    """The demo's numbers are recomputed here by other routes (orbit counting vs the kernel's nullspace of the
    equivariance constraints; exact chi vs the walk of patterns at piece midpoints)."""
    import json
    from fractions import Fraction
    from exactsep.groups import GSet, symmetric
    from exactsep.linalg import nullspace
    from exactsep.nets import Network
    assert main(["demo", "--json", "--part", "kernel", "--part", "folding", "--part", "prove"]) == 0
    steps = {s["title"]: s for s in json.loads(capsys.readouterr().out)["steps"]}
    G = symmetric(4)
    X = GSet.natural(G)
    # Hom_G(Q^4, Q^4): matrices M with P_g M = M P_g for the generators, as a nullspace
    n = 4
    rows = []
    for g in G.generators:
        for i in range(n):
            for j in range(n):
                r = [0] * (n * n)
                r[g[i] * n + g[j]] += 1         # (P_g M P_g^-1)[g i, g j] = M[i, j]
                r[i * n + j] -= 1
                rows.append(r)
    assert len(nullspace(rows, ncols=n * n)) == steps["dim Hom_G by counting orbitals"]["data"]["hom_dims"]["natural->natural"]
    net = Network.from_layers([
        {"W": [[1], [1], [1]], "b": [1, -21, -6], "activation": "relu"},
        {"W": [[1, -2, 0], [2, -4, 0], [1, 0, -2]], "b": [-10, -43, -6], "activation": "relu"}])
    fold_step = next(s for t, s in steps.items() if t.startswith("the segment"))
    ts = [Fraction(k, 800) for k in range(801)]                    # spacing below the shortest piece (1/80)
    walk = []
    for t in ts:
        p = tuple(int(z > 0) for layer in net.preactivations([40 * t]) for z in layer)
        if not walk or walk[-1] != p:
            walk.append(p)
    r1 = max(sum(a != b for a, b in zip(walk[0], p)) for p in walk)
    r2 = sum(sum(a != b for a, b in zip(p, q)) for p, q in zip(walk, walk[1:]))
    assert Fraction(fold_step["data"]["chi"]) == 1 - Fraction(r1, r2)
    prove = next(s for s in steps.values() if s["part"] == "prove")
    assert prove["data"]["statuses"]["separation.depth-refines-naive"] == "refuted"
    assert prove["data"]["certificate_verified"] is True


def test_demo_text_has_one_interpretation_per_step(capsys):
    assert main(["demo", "--part", "relu", "--part", "srhm"]) == 0
    out = capsys.readouterr().out
    assert out.count("=> ") == 4 and "ReLU functional dimension" in out and "Random Hierarchy Model" in out
    with pytest.raises(SystemExit) as e:
        main(["demo", "--part", "nope"])
    assert e.value.code == 2


def test_module_entry_point_runs():
    r = subprocess.run([sys.executable, "-m", "exactsep.cli", "demo"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "S4" in r.stdout
