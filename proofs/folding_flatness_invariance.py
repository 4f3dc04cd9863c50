"""folding.flatness-invariance: Flatness invariance: chi(Gamma) = 0 iff chi(-Gamma) = 0 for every
ReLU network and segment. Proof: with r2 >= 1, chi = 0 iff r1 = r2, i.e. the farthest pattern is
reached after the whole length, so the walk is a shortest Hamming path from pi_1 to pi_n; the
reversed walk is a shortest path from pi_n to pi_1, so chi(-Gamma) = 0; and r2 = 0 gives chi = 0
both ways.

Hypotheses:
  - ReLU hidden layers; bits of every hidden layer or of a chosen subset of layers
  - the exact walk (consecutive duplicates removed); chi = 0 when r2 = 0 (the authors' code's
    - convention)

Provenance: [secondary] (the authors' talk and AAAI project page); the proof is [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 3). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties'), property 3 ('[Flatness Invariance]'); the project page of M. Lewandowski et al., 'Exploiting Space Folding by Neural Networks', AAAI 2026: posts/exploiting-space-folding.html in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io (commit a2f242f; removed from the site in commit f2814af), section 'What we establish in this paper' ('invariance of flatness under path reversal')

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.flatness_invariance
Run it: ``exactsep prove --claim folding.flatness-invariance``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import flatness_invariance as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
