"""hierarchy.subconjugacy: If H is subconjugate to K then G/H is at least as strong as G/K: the G/H
partition refines the G/K partition, with a G-map certificate G/H -> G/K.

Hypotheses:
  - H <= gKg^-1 for some g
  - full layers, complete bias, one hidden layer

Provenance: [derived] (simulation lemma)
Source: docs/theory/separation.md, 'Block sums and the hierarchy of G/H'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.separation.subconjugacy
Run it: ``exactsep prove --claim hierarchy.subconjugacy``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.separation import subconjugacy as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
