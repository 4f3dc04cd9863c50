"""Implementations of the registered claims, one module per part of exactsep.

The readable statement modules in the repository's top-level ``proofs/`` directory import these.
"""
