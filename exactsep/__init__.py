"""exactsep: exact computational algebra for the theory of neural-network expressivity.

Public results are exact (ints and Fractions); every rank, rref, nullspace and solve goes
through :mod:`exactsep.linalg`, backed by python-flint.
"""
__version__ = "0.1.0"
