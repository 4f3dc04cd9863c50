"""Test-suite set-up: pytest runs in importlib mode (test files in different folders may share a
basename), so each test folder is put on sys.path for its helper modules (``_groups_brute``, ...)."""
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
for _name in sorted(os.listdir(_here)):
    _path = os.path.join(_here, _name)
    if os.path.isdir(_path) and not _name.startswith((".", "__")) and _path not in sys.path:
        sys.path.insert(0, _path)
