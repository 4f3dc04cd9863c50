"""Every value-taking flag of every command, fed hostile values: negative, zero, non-numbers, non-ASCII
digits, exponents, empty strings. Each run must end with exit 0 (a value that happens to be fine) or 2, with
exactly one line on stderr when it fails, no traceback, in bounded time. The flags are found by walking the
parser, so a new command or flag is covered automatically; a new command needs a cheap base invocation in
``BASE`` (the test fails until it has one)."""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import time

import pytest

from exactsep.cli import _all_subparsers, build_parser, main

HOSTILE = ["-1", "0", "x", "\u0663", "1e3", "", "99999999999999999999999", "-0.5"]

#: Flags whose value is a path or a name rather than a number; they have their own corpora (output paths in
#: test_fuzz_cli, names in test_bad_group_names).
NOT_NUMERIC = {"--group", "--generators", "--dot", "--png", "--plot", "--out", "--npz", "--inputs", "--report",
               "--store", "--scheduler", "--claim", "--proofs-dir", "--arch", "--kind", "--x1", "--x2", "--layers",
               "--activation", "--sparsity", "--expect", "--level", "--executor", "--floats", "--bits", "--method",
               "--memory-budget", "--max-file-size", "--sample", "--certificates", "--counterexample-dir"}

#: The global limit flags are the same object on every command: tried on one cheap command.
GLOBAL = {"--max-digits", "--max-json-depth"}

#: Flags that start long but legitimate work at a large value (they are bounded by other limits).
SLOW_WHEN_LARGE = {"--max-order", "--max-examples", "--max-regions", "--max-jacobian-entries", "--max-rules",
                   "--max-entries", "--max-samples", "--max-parameters", "--max-witness-layers", "--workers",
                   "--batch-size", "--per-kind", "--scheduler-timeout", "--depth", "--filter-size"}


def _write(tmp, name, obj):
    p = tmp / name
    p.write_text(json.dumps(obj))
    return str(p)


def _base(tmp):
    relu = _write(tmp, "net.json", {"widths": [1, 2, 1], "theta": [1, -1, 0, 0, 1, -1, 0]})
    sep = _write(tmp, "sep.json", {"group": "S3", "input": "natural", "layers": [{"gset": "natural"}],
                                   "activation": "relu", "output": "invariant", "inputs": [[1, 2, 3], [3, 1, 1]]})
    graphs = _write(tmp, "g.json", [[[0, 1], [1, 2]], [[0, 1], [0, 2]]])
    fold = _write(tmp, "fold.json", {"layers": [{"W": [[1], [1]], "b": [0, -1], "activation": "relu"},
                                                {"W": [[1, -2]], "b": [0], "activation": None}], "x1": [0], "x2": [3]})
    return {
        "demo": None,                                  # a tour of every part: only the global flags
        "group": ["group", "--group", "S3"],
        "separate": ["separate", sep],
        "graphs": ["graphs", graphs],
        "hierarchy": ["hierarchy", "--group", "S3"],
        "fundim": ["fundim", relu],
        "same-function": ["same-function", relu, relu],
        "regions": ["regions", relu],
        "fibers search": ["fibers", "search", "--arch", "1,1,1", "--budget", "3"],
        "fibers": ["fibers", "search", "--arch", "1,1,1", "--budget", "3"],
        "fibers verify": None,                         # only the global limits (answers 1 for a bad certificate)
        "fold": ["fold", fold],
        "srhm": ["srhm", "--L", "2", "--s", "2", "--v", "3", "--m", "2", "--nc", "2", "--count"],
        "prove": ["prove", "--claim", "groups.burnside", "--no-adversarial"],
        "verify": None,
        "claims": ["claims"],
    }


def _numeric_flags():
    out = []
    for sp in _all_subparsers(build_parser()):
        name = sp.prog.split(" ", 1)[1] if " " in sp.prog else ""
        if not name:
            continue
        for a in sp._actions:
            if not a.option_strings or a.nargs == 0 or isinstance(a, argparse._HelpAction):
                continue
            flag = max(a.option_strings, key=len)
            if flag in NOT_NUMERIC or a.choices is not None or (flag in GLOBAL and name != "group"):
                continue
            out.append((name, flag))
    return sorted(set(out))


FLAGS = _numeric_flags()


def _run(args):
    err, out = io.StringIO(), io.StringIO()
    t = time.perf_counter()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            rc = main(args)
        except SystemExit as e:
            rc = e.code
    return rc, err.getvalue(), time.perf_counter() - t


def test_every_command_has_a_base_invocation(tmp_path):
    names = {sp.prog.split(" ", 1)[1] for sp in _all_subparsers(build_parser()) if " " in sp.prog}
    assert names <= set(_base(tmp_path)), sorted(names - set(_base(tmp_path)))
    assert len(FLAGS) > 20


@pytest.mark.parametrize("cmd,flag", FLAGS, ids=lambda x: x)
def test_hostile_values_of_every_numeric_flag(tmp_path, cmd, flag):
    base = _base(tmp_path)[cmd]
    if base is None:
        pytest.skip(f"{cmd} has no cheap base invocation")
    values = [v for v in HOSTILE if not (flag in SLOW_WHEN_LARGE and v in ("99999999999999999999999", "1e3"))]
    for v in values:
        rc, err, elapsed = _run(base + [flag, v])
        assert "Traceback" not in err, (cmd, flag, v, err)
        assert rc in (0, 2), (cmd, flag, v, rc, err)
        if rc == 2:
            lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("progress:")]
            assert len(lines) == 1, (cmd, flag, v, err)
        assert elapsed < 60, (cmd, flag, v, elapsed)
