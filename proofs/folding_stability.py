"""folding.stability: Stability: several samples in the same linear region do not change r1, r2 or
chi. Exactly: for every ReLU network and segment, a sampled walk that takes one or more samples in
every open piece of the exact segment partition (and both endpoints), with its repeated patterns
KEPT, has the r1, r2 and chi of the exact walk (a repeated pattern adds d_H = 0 to r2 and no new
distance to r1).

Hypotheses:
  - ReLU hidden layers; bits of every hidden layer or of a chosen subset of layers
  - samples strictly inside the pieces, at least one per piece, plus both endpoints
  - r1, r2 computed by the definition on the walk with repetitions (no de-duplication)

Provenance: [secondary] (the authors' talk and AAAI project page); the one-line proof is [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 1). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties'), property 1 ('[Stability] Multiple steps in the same linear region do not influence its values'); the project page of M. Lewandowski et al., 'Exploiting Space Folding by Neural Networks', AAAI 2026: posts/exploiting-space-folding.html in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io (commit a2f242f; removed from the site in commit f2814af), section 'What we establish in this paper'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.stability
Run it: ``exactsep prove --claim folding.stability``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import stability as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
