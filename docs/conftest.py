# The documentation's Python files are not test modules: only the Markdown pages are collected (their
# ">>>" examples run as doctests with the test suite).
collect_ignore = ["conf.py", "_ext"]
