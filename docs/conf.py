"""Sphinx configuration of the exactsep documentation (Sphinx + MyST Markdown; see the README for why).

Build: ``pip install -e ".[docs]" && sphinx-build -W --keep-going docs docs/_build/html``
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))          # the package, from the checkout
sys.path.insert(0, os.path.join(HERE, "_ext"))     # the docs' own extension

import exactsep  # noqa: E402

project = "exactsep"
author = "the exactsep developers"
copyright = "the exactsep developers"
release = version = exactsep.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "exactsep_docs",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_generated/*.txt", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_default_options = {"show-inheritance": False, "member-order": "bysource"}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
autosummary_generate = False
add_module_names = False
# the docstrings are written for the terminal (``help()``) and for doctests: they refer to names with
# plain double backquotes; cross-references that Sphinx cannot resolve are not errors
nitpicky = False
suppress_warnings = []

html_theme = "furo"
html_title = f"exactsep {release}"
html_static_path = []
html_show_sourcelink = True
pygments_style = "sphinx"
