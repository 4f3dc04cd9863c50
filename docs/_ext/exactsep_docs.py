"""Sphinx extension of the exactsep documentation.

* ``exactsep-cli`` directive: the command-line reference, generated from the argparse parsers of
  :func:`exactsep.cli.build_parser` (so a new command or flag appears without editing the docs). Each
  command gets a section with its usage line, description, and a table of its arguments with their help
  and default; sub-commands (``fibers search``) are walked recursively. The global limit flags, added to
  every command, are documented once.
* ``builder-inited`` hook: the figures of the tutorials are computed from exactsep itself at build time
  (:func:`make_figures`) into ``docs/_generated/``: a chi walk, the Hasse diagram of the G/H of S4, and the
  SRHM learning curves measured by ``examples/srhm/learn.py`` (``examples/srhm/learn_measured.json``).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.dirname(HERE)
GENERATED = os.path.join(DOCS, "_generated")
LIMIT_DESTS = {"memory_budget", "max_json_depth", "max_digits", "max_file_size"}


# ----------------------------------------------------------------------------- the CLI reference
def _subparsers(p: argparse.ArgumentParser) -> Dict[str, argparse.ArgumentParser]:
    out: Dict[str, argparse.ArgumentParser] = {}
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sp in action.choices.items():
                if sp not in out.values():
                    out[name] = sp
    return out


def _subparser_help(p: argparse.ArgumentParser) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for ch in action._choices_actions:
                out[ch.dest] = ch.help or ""
    return out


def _names(a: argparse.Action) -> str:
    if a.option_strings:
        flags = ", ".join(a.option_strings)
        if a.nargs == 0:
            return flags
        metavar = a.metavar or (a.dest.upper() if not a.choices else "{" + ",".join(map(str, a.choices)) + "}")
        if isinstance(metavar, tuple):
            metavar = " ".join(metavar)
        return f"{flags} {metavar}"
    return a.metavar or a.dest


def _default(a: argparse.Action) -> str:
    if a.nargs == 0 or a.default in (None, argparse.SUPPRESS, False) or a.option_strings == []:
        return ""
    return repr(a.default) if not isinstance(a.default, str) else a.default


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("`", "\\`").replace("\n", " ")


def _arguments(p: argparse.ArgumentParser, skip_limits: bool) -> List[argparse.Action]:
    out = []
    for a in p._actions:
        if isinstance(a, (argparse._HelpAction, argparse._SubParsersAction, argparse._VersionAction)):
            continue
        if skip_limits and a.dest in LIMIT_DESTS:
            continue
        out.append(a)
    return out


def cli_rst(prog: str = "exactsep") -> List[str]:
    """The reStructuredText of the CLI reference."""
    sys.path.insert(0, os.path.dirname(DOCS))
    from exactsep.cli import build_parser
    root = build_parser()
    lines: List[str] = []

    def table(actions: List[argparse.Action]) -> None:
        if not actions:
            lines.extend(["No arguments.", ""])
            return
        lines.extend([".. list-table::", "   :header-rows: 1", "   :widths: 30 55 15", "",
                      "   * - argument", "     - meaning", "     - default"])
        for a in actions:
            helptext = (a.help or "").replace("%(default)s", str(a.default))
            if a.choices and not a.option_strings:
                helptext += f" (one of: {', '.join(map(str, a.choices))})"
            elif a.choices:
                helptext += f" (choices: {', '.join(map(str, a.choices))})"
            lines.extend([f"   * - ``{_names(a)}``", f"     - {_escape(helptext) or '(no help text)'}",
                          f"     - {('``' + _default(a) + '``') if _default(a) else ''}"])
        lines.append("")

    def section(title: str, char: str) -> None:
        lines.extend([title, char * len(title), ""])

    def command(path: List[str], p: argparse.ArgumentParser, helps: Dict[str, str], level: int) -> None:
        name = " ".join(path)
        section(f"``{name}``", "-" if level == 1 else "~")
        short = helps.get(path[-1], "")
        if short:
            lines.extend([_escape(short[0].upper() + short[1:]) + ".", ""])
        if p.description and p.description != short:
            lines.extend([_escape(p.description), ""])
        usage = " ".join(p.format_usage().split())
        usage = usage.replace("usage: ", "", 1)
        lines.extend(["::", "", "   " + usage, ""])
        table(_arguments(p, skip_limits=True))
        if p.epilog:
            lines.extend(["::", ""] + ["   " + l for l in p.epilog.rstrip().splitlines()] + [""])
        subs = _subparsers(p)
        sub_helps = _subparser_help(p)
        for sname, sp in subs.items():
            command(path + [sname], sp, sub_helps, level + 1)

    lines.extend([_escape(root.description or ""), "", "::", "", "   " + " ".join(root.format_usage().split()).replace("usage: ", "", 1), ""])
    section("Limits accepted by every command", "-")
    lines.extend(["Each command also accepts these flags (before or after the command name); each has an environment "
                  "variable too (see :mod:`exactsep.limits`).", ""])
    table([a for a in root._actions if a.dest in LIMIT_DESTS])
    helps = _subparser_help(root)
    for name, sp in _subparsers(root).items():
        command([prog, name], sp, helps, 1)
    return lines


def _cli_directive():
    """The ``exactsep-cli`` directive class (docutils is imported only when Sphinx loads the extension, so
    :func:`cli_rst` can be tested without it)."""
    from docutils import nodes
    from docutils.parsers.rst import Directive, directives
    from docutils.statemachine import StringList

    class CliDirective(Directive):
        has_content = False
        option_spec = {"prog": directives.unchanged}

        def run(self):
            text = cli_rst(self.options.get("prog", "exactsep"))
            node = nodes.section()
            node.document = self.state.document
            self.state.nested_parse(StringList(text, source="<exactsep-cli>"), self.content_offset, node,
                                    match_titles=True)
            return node.children
    return CliDirective


# ----------------------------------------------------------------------------- figures
def make_figures(outdir: Optional[str] = None) -> List[str]:
    """Compute the documentation's figures from exactsep (and the examples' measured data)."""
    sys.path.insert(0, os.path.dirname(DOCS))
    import json
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from exactsep.folding import fold, plot_folding
    from exactsep.groups import symmetric
    from exactsep.nets import Network
    from exactsep.separation import hierarchy_to_png, transitive_hierarchy
    outdir = outdir or GENERATED
    os.makedirs(outdir, exist_ok=True)
    made = []

    # 1. a chi walk: Ex. 2 of docs/theory/folding.md
    root = os.path.dirname(DOCS)
    spec = json.load(open(os.path.join(root, "examples", "folding", "ex2.json"), encoding="utf-8"))
    res = fold(Network.from_layers(spec["layers"]), spec["x1"], spec["x2"])
    path = os.path.join(outdir, "chi_walk_ex2.png")
    plot_folding(res, path)
    made.append(path)

    # 2. the Hasse diagram of the G/H of S4, with equal power observed on inputs
    # inputs with equal sums (so G/G alone identifies them all) and different multisets and arrangements
    D = transitive_hierarchy(symmetric(4), [[0, 0, 2, 2], [0, 2, 0, 2], [0, 1, 1, 2], [1, 1, 1, 1], [0, 0, 0, 4],
                                             [0, 0, 1, 3], [0, 1, 0, 3], [1, 0, 2, 1]])
    path = os.path.join(outdir, "hasse_s4.png")
    hierarchy_to_png(D, path)
    made.append(path)

    # 3. SRHM learning curves from the measured data of examples/srhm/learn.py
    data = json.load(open(os.path.join(root, "examples", "srhm", "learn_measured.json"), encoding="utf-8"))
    rows = data["rows"]
    P = [r["P"] for r in rows]
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(P, [r["test_error"] for r in rows], "o-", label="test error")
    ax.plot(P, [r["S_2_1"] for r in rows], "s--", label="synonymic sensitivity $S_{2,1}$")
    ax.plot(P, [r["D_2_1"] for r in rows], "^--", label="diffeo sensitivity $D_{2,1}$")
    ax.axhline(data["chance_error"], color="0.6", lw=0.8, ls=":", label="chance error")
    ax.axvline(data["law_cnn"], color="0.3", lw=0.8, ls="-.", label="law $(s_0+1)^2 n_c m^L$ (no constant)")
    ax.set_xscale("log")
    ax.set_xticks(P)
    ax.set_xticklabels([str(p) for p in P])
    ax.minorticks_off()
    ax.set_xlabel("training-set size P")
    ax.set_title(data["title"], fontsize=8)
    ax.legend(fontsize=7)
    fig.tight_layout()
    path = os.path.join(outdir, "srhm_learning_curves.png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    made.append(path)
    return made


def make_authors_page(outdir: Optional[str] = None) -> str:
    """Generate the body of docs/authors-statements.md from the theorem registry: every statement of the
    papers' authors that exactsep checks, its source and its outcome on a quick run
    (:func:`exactsep.proofs.statements.authors_page`), so that the page cannot drift from the code."""
    sys.path.insert(0, os.path.dirname(DOCS))
    from exactsep.proofs.statements import authors_page
    outdir = outdir or GENERATED
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, "authors-statements.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(authors_page(title=None, level="quick", workers=None))
    return path


def _on_builder_inited(app) -> None:
    make_figures()
    make_authors_page()


def setup(app):
    app.add_directive("exactsep-cli", _cli_directive())
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
