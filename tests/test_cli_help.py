"""Every command has a description and every flag a help text (walks the parser, so a new command or
flag without help fails here)."""
from __future__ import annotations

import argparse

from exactsep.cli import _all_subparsers, build_parser


def test_every_command_and_flag_has_help():
    p = build_parser()
    missing = []
    for sp in _all_subparsers(p):
        if not (sp.description or "").strip():
            missing.append(f"{sp.prog}: no description")
        for a in sp._actions:
            if isinstance(a, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            if not a.help or a.help == argparse.SUPPRESS:
                missing.append(f"{sp.prog}: {'/'.join(a.option_strings) or a.dest} has no help")
    assert not missing, "\n".join(missing)


def test_help_of_every_command_renders(capsys):
    p = build_parser()
    for sp in _all_subparsers(p):
        text = sp.format_help()
        assert sp.prog.split()[-1] in text and "usage:" in text
