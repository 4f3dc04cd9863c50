"""folding.closed-walk-chi-at-least-half: Edge case: chi(Gamma) >= 1/2 when the walk starts and ends
on the same pattern and leaves it (r2 >= 1). Proof: every pattern pi_k is reached from pi_1 and
returns to pi_n = pi_1, so 2 d_H(pi_1, pi_k) <= r2, hence r1 <= r2 / 2. Such walks occur on straight
segments only with the bits of a subset of layers (folding.closed-walk-full-bits); there the
statement holds.

Hypotheses:
  - ReLU hidden layers; the bits of a subset of the hidden layers (a straight segment)
  - pi_1 = pi_n (the walk is closed)
  - r2 >= 1: the walk leaves pi_1 (a segment inside one region has chi = 0 by the authors' code's
    - convention, so the edge case needs this)

Provenance: [secondary] (the authors' talk); the proof and the scope are [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 5). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties'), 'Edge cases' ('chi(Gamma) >= 1/2 if the path Gamma starts and finishes in the same activation pattern pi_1')

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.closed_walk_half
Run it: ``exactsep prove --claim folding.closed-walk-chi-at-least-half``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import closed_walk_half as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
