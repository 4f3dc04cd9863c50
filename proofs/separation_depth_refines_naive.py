"""separation.depth-refines-naive: (Naive form, without the identity-in-span hypothesis.) Adding a
hidden layer never merges two classes: the depth-2 partition refines the depth-1 partition.

Hypotheses:
  - any equivariant layer spaces (the second layer's span need not contain the identity)
  - complete bias
  - non-polynomial activation

Provenance: [derived] (the identity-in-span hypothesis dropped)
Source: docs/theory/separation.md, 'Depth' (monotone under repetition needs the identity in the span)

Expected outcome: REFUTED. This is the naive form of a claim with a hypothesis dropped;
it drops: the repeated layer's span contains the identity. `exactsep prove` succeeds when it finds
(and prints) a counterexample, whose certificate says how it violates that hypothesis.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.depth_refines_naive
Run it: ``exactsep prove --claim separation.depth-refines-naive``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import depth_refines_naive as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
