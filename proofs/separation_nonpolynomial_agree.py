"""separation.nonpolynomial-agree: Every non-polynomial activation (relu, sigmoid, tanh, leaky relu,
gelu, hard-tanh) gives the same partition of the inputs, and separated pairs have certified
witnesses for smooth activations.

Hypotheses:
  - full layers, complete bias, unbounded width
  - invariant output

Provenance: [derived] (a [secondary] claim of [SP])
Source: docs/theory/separation.md, 'Consequences of Theorem A' (item 1)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.nonpolynomial_agree
Run it: ``exactsep prove --claim separation.nonpolynomial-agree``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import nonpolynomial_agree as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
