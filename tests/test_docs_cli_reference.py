"""The CLI reference of the documentation is generated from the argparse parsers: every command and every
flag of `exactsep` appears in it (docs/_ext/exactsep_docs.py, used by `sphinx-build`)."""
import argparse
import importlib.util
from pathlib import Path

import pytest

from exactsep.cli import build_parser

EXT = Path(__file__).resolve().parents[1] / "docs" / "_ext" / "exactsep_docs.py"


def _ext():
    if not EXT.is_file():
        pytest.skip("not running from a repository checkout")
    spec = importlib.util.spec_from_file_location("exactsep_docs_ext", EXT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _walk(p, path):
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sp in a.choices.items():
                yield path + [name], sp
                yield from _walk(sp, path + [name])


def test_every_command_and_flag_is_in_the_reference():
    text = "\n".join(_ext().cli_rst())
    commands = list(_walk(build_parser(), ["exactsep"]))
    assert len(commands) >= 12
    for path, sp in commands:
        assert f"``{' '.join(path)}``" in text, path
        for a in sp._actions:
            for flag in a.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"``{flag}" in text or f", {flag}" in text, (path, flag)
