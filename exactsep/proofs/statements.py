"""Text generated from the registry, so that it cannot drift from the code: the readable statement modules of
the repository's ``proofs/`` directory, its README table, and the documentation page listing every statement of
the papers' authors that exactsep checks, with its source and its outcome.

A claim states an *authors' statement* when its provenance tag is ``[paper]`` or ``[secondary]`` (a paper, or the
authors' talks, web pages and restatements); ``[derived]`` claims are exactsep's own reasoning.

>>> from exactsep.proofs import get_claim
>>> from exactsep.proofs.statements import is_authors_statement, statement_module
>>> is_authors_statement(get_claim("folding.d-chi-pseudo-metric")), is_authors_statement(get_claim("groups.burnside"))
(True, False)
>>> is_authors_statement(get_claim("folding.closed-walk-full-bits"))
False
>>> print(statement_module(get_claim("groups.burnside")).splitlines()[0])
\"\"\"groups.burnside: Burnside / Cauchy-Frobenius: the number of orbits of G on X equals the average
"""
from __future__ import annotations

import os
import textwrap
from typing import Dict, List, Optional, Sequence

from .registry import Claim, all_claims

__all__ = ["is_authors_statement", "statement_module", "statement_module_name", "write_statement_modules",
           "readme_table", "authors_page", "AUTHORS_PAGE_INTRO"]


def is_authors_statement(c: Claim) -> bool:
    """True for a claim whose provenance is a paper or the authors' own material (``[paper]`` / ``[secondary]``),
    including the authors' statements exactsep registers as refuted; standard mathematics (a provenance naming a
    standard theorem or the OEIS) is not an authors' statement."""
    tag = c.provenance.strip()
    if "standard" in tag or "OEIS" in tag:
        return False
    return tag.startswith("[paper]") or tag.startswith("[secondary]")


def statement_module_name(c: Claim) -> str:
    """The file name of a claim's statement module: ``folding.d-chi-pseudo-metric`` -> ``folding_d_chi_pseudo_metric.py``."""
    return c.id.replace(".", "_").replace("-", "_") + ".py"


def _wrap(text: str, width: int = 100, indent: str = "") -> List[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [indent]


def statement_module(c: Claim) -> str:
    """The text of the readable statement module of a built-in claim (the format of ``proofs/*.py``)."""
    lines = _wrap(f'"""{c.id}: {c.statement}')
    lines.append("")
    if c.hypotheses:
        lines.append("Hypotheses:")
        for h in c.hypotheses:
            lines += _wrap(h, indent="  - ")[:1] + [("    " + l.strip()) for l in _wrap(h, indent="  - ")[1:]]
        lines.append("")
    lines += [f"Provenance: {c.provenance}", f"Source: {c.source}", ""]
    if c.quantifier == "exists":
        lines += ["Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when",
                  "one of them checks."]
        if c.witness_quality:
            lines += ["Witness quality: every witness records its genericity conditions (exactsep.relu.quality);",
                      "the claim passes with a generic witness and reports DEGENERATE when all are degenerate."]
        lines.append("")
    if c.expected_refuted:
        if c.drops:
            lines += ["Expected outcome: REFUTED. This is the naive form of a claim with a hypothesis dropped;"]
            lines += _wrap(f"it drops: {c.drops}. `exactsep prove` succeeds when it finds (and prints) a "
                           f"counterexample, whose certificate says how it violates that hypothesis.")
        else:
            lines += _wrap("Expected outcome: REFUTED. The statement is false as its source states it; `exactsep "
                           "prove` succeeds when it finds (and prints) a counterexample in the statement's own "
                           "setting, with its certificate.")
        lines.append("")
    lines += [f"Implementation (instances, exact check, independent verification): {c.module}.{c.check.__name__}",
              f"Run it: ``exactsep prove --claim {c.id}``; re-check a certificate: ``exactsep verify CERT.json``.",
              '"""',
              f"from {c.module} import {c.check.__name__} as CLAIM  # noqa: F401  (registered on import)", "",
              '__all__ = ["CLAIM"]', ""]
    return "\n".join(lines)


def _builtin(claims: Optional[Sequence[Claim]] = None) -> List[Claim]:
    return [c for c in (all_claims() if claims is None else claims) if c.module.startswith("exactsep.proofs.claims")]


def write_statement_modules(directory: str, claims: Optional[Sequence[Claim]] = None) -> List[str]:
    """(Re)write the statement module of every built-in claim under ``directory`` whose words changed (a module
    that differs only in line wrapping is left alone); returns the files written."""
    changed = []
    for c in _builtin(claims):
        path = os.path.join(directory, statement_module_name(c))
        text = statement_module(c)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old is None or " ".join(old.split()) != " ".join(text.split()):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            changed.append(path)
    return changed


def _esc(t: str) -> str:
    return str(t).replace("|", "\\|")


def readme_table(claims: Optional[Sequence[Claim]] = None) -> str:
    """The claims table of ``proofs/README.md``."""
    rows = ["| claim | quantifier | provenance | statement |", "|---|---|---|---|"]
    for c in _builtin(claims):
        q = c.quantifier + (" (expected refuted)" if c.expected_refuted else "")
        rows.append(f"| `{c.id}` | {q} | {_esc(c.provenance)} | {_esc(c.statement)} |")
    return "\n".join(rows)


AUTHORS_PAGE_INTRO = (
    "Every statement of the papers' authors that exactsep checks: from the papers themselves ([paper]) and from "
    "the authors' talks, project pages and faithful restatements ([secondary]). Each is a claim of the theorem "
    "registry (`exactsep claims`), checked exactly on instances exactsep searches for, with a certificate per "
    "instance that `exactsep verify` re-checks. This page is generated from the registry and a run of it "
    "(`exactsep.proofs.statements.authors_page`), so it cannot drift from the code. A statement registered as "
    "*refuted* is one the package shows false as stated (or, for a naive form, without a hypothesis it names).")


def _outcome_text(c: Claim, r) -> str:
    if r is None:
        return "not run"
    if r.status == "refuted":
        import json
        cx = r.counterexample["instance"] if r.counterexample else None
        what = f" Minimal counterexample: `{json.dumps(cx, separators=(', ', ': '))}`." if cx is not None else ""
        scope = (r.counterexample or {}).get("computed", {}).get("scope") or r.reason
        scope = scope[:1].upper() + scope[1:]
        return (f"**refuted**: {r.counterexamples} counterexample(s) among {r.checked} instances and the adversarial "
                f"search.{what} {scope}.")
    if c.quantifier == "exists":
        gen = "" if r.generic_witnesses is None else f", {r.generic_witnesses} generic"
        return f"**{r.status}**: {r.passed} of {r.checked} candidate searches found a witness{gen}" + (
            f" ({r.reason})" if r.reason and r.status != "passed" else "")
    return f"**{r.status}** on {r.passed} of {r.checked} instances" + (f" ({r.reason})" if r.reason and
                                                                        r.status != "passed" else "")


def authors_page(report=None, *, level: str = "quick", seed: int = 0, workers: Optional[int] = 1,
                 title: Optional[str] = "Statements of the authors, checked") -> str:
    """The Markdown page listing every authors' statement the registry checks (see the module docstring), its
    source, provenance and outcome. ``report``: a :class:`~exactsep.proofs.ProveReport` to use; by default the
    authors' claims are run at ``level`` (quick: seconds) with ``seed``. ``title=None`` leaves out the title
    (for inclusion in a page that has one)."""
    claims = [c for c in all_claims() if is_authors_statement(c)]
    if report is None:
        from .runner import run_claims
        report = run_claims([c.id for c in claims], level=level, seed=seed, workers=workers)
    results: Dict[str, object] = {r.id: r for r in report.claims}
    from .runner import PARTS, part_of
    out = ([f"# {title}", ""] if title else []) + [AUTHORS_PAGE_INTRO, "",
           f"Run: level `{report.level}`, seed {report.seed}; reproduce with "
           f"`exactsep prove --level {report.level} --seed {report.seed} --claim ID --certificates DIR`.", ""]
    order = []
    for _, p in PARTS:
        if p not in order:
            order.append(p)
    by_part: Dict[str, List[Claim]] = {}
    for c in claims:
        by_part.setdefault(part_of(c.id), []).append(c)
    for part in sorted(by_part, key=lambda p: order.index(p) if p in order else len(order)):
        out += [f"## {part}", ""]
        for c in by_part[part]:
            r = results.get(c.id)
            out += [f"### `{c.id}`", "", c.statement, ""]
            if c.hypotheses:
                out += ["Hypotheses: " + "; ".join(c.hypotheses) + ".", ""]
            out += [f"- **Source**: {c.source}", f"- **Provenance**: {c.provenance}",
                    f"- **Outcome**: {_outcome_text(c, r)}", ""]
    return "\n".join(out).rstrip() + "\n"
