"""folding.chi-zero-iff-r1-equals-r2: Edge case: chi(Gamma) = 0 if r1(Gamma) = r2(Gamma), and
conversely when r2 >= 1 (chi = 1 - r1/r2); for every ReLU network and segment, exactsep.folding's
chi agrees with the definition on the exact walk.

Hypotheses:
  - ReLU hidden layers; bits of every hidden layer or of a chosen subset of layers
  - the exact walk; chi = 0 when r2 = 0 (then r1 = r2 = 0)

Provenance: [secondary] (the authors' talk); immediate from the definition [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 5). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties'), 'Edge cases' ('chi(Gamma) = 0 if r1(Gamma) = r2(Gamma)')

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.chi_zero_iff_r1_equals_r2
Run it: ``exactsep prove --claim folding.chi-zero-iff-r1-equals-r2``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import chi_zero_iff_r1_equals_r2 as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
