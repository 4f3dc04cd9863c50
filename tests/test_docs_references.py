"""The project is self-contained: no file points to material it does not ship, and every reference to a section
of a theory page (docs/theory/NAME.md, "Section") names a heading that exists."""
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
THEORY = ROOT / "docs" / "theory"
SKIP_DIRS = {".git", "_build", "__pycache__", ".hypothesis", "node_modules"}
TEXT_SUFFIXES = {".py", ".md", ".cfg", ".toml", ".txt", ".rst", ".json", ".out", ""}

# references to the research notes the project was written from, which it does not ship
FORBIDDEN = [re.compile(p) for p in (
    r"shared[/]research", r"spec[ ]§",   # (character classes: this file must not contain the phrases it bans)
    r"\.md §", r"spec E[0-9]", r"spec ``", r"spec section",
    r"(?<!docs/theory/)\b(?:separation|fundim|folding|srhm)\.md\b", r"\becosystem\.md\b")]
SECTION_REF = re.compile(r"docs/theory/(\w+)\.md(?:,\s*|\s*\(|,?\s*\n\s*)(?:\\?[\"'])([^\"'\\]{1,80}?)(?:\\?[\"'])")


def _text_files():
    if not THEORY.is_dir():
        pytest.skip("not running from a repository checkout")
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info")
                       and not d.startswith((".venv", "venv"))]
        for name in filenames:
            p = Path(dirpath) / name
            if p.suffix in TEXT_SUFFIXES and p.name != "test_docs_references.py":
                try:
                    yield p, p.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):
                    continue


def _headings(page: Path):
    return {m.group(1).strip() for m in re.finditer(r"^#+\s+(.+?)\s*$", page.read_text(encoding="utf-8"), re.M)}


def test_no_file_points_to_unshipped_research_notes():
    bad = []
    for p, text in _text_files():
        for pat in FORBIDDEN:
            for m in pat.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                bad.append(f"{p.relative_to(ROOT)}:{line}: {m.group(0)!r}")
    assert not bad, "references to material the project does not ship:\n" + "\n".join(bad)


def test_theory_section_references_name_existing_headings():
    pages = {p.stem: _headings(p) for p in THEORY.glob("*.md")}
    assert {"separation", "fundim", "folding", "srhm", "groups"} <= set(pages)
    bad, seen = [], 0
    for p, text in _text_files():
        for m in SECTION_REF.finditer(text):
            page, section = m.group(1), " ".join(m.group(2).replace('"""', " ").split())
            seen += 1
            if page not in pages or section not in pages[page]:
                line = text.count("\n", 0, m.start()) + 1
                bad.append(f"{p.relative_to(ROOT)}:{line}: docs/theory/{page}.md, {section!r}")
    assert seen > 20
    assert not bad, "references to sections that do not exist:\n" + "\n".join(bad)


def test_every_claim_source_points_to_the_theory_pages_or_a_readme():
    from exactsep.proofs import all_claims
    for c in all_claims():
        if c.module.startswith("exactsep.proofs.claims"):
            assert c.source.startswith("docs/theory/"), (c.id, c.source)


def test_no_bar_inside_math_in_markdown_tables():
    """A '|' inside $...$ in a table row splits the cell (write \\lvert ... \\rvert instead)."""
    bad = []
    for p in (ROOT / "docs").rglob("*.md"):
        if "_build" in p.parts:
            continue
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("|") and any("|" in m for m in re.findall(r"\$([^$]*)\$", line)):
                bad.append(f"{p.relative_to(ROOT)}:{i}")
    assert not bad, bad
