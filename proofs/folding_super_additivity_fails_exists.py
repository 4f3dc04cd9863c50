"""folding.super-additivity-fails-exists: Non-additivity (2): super-additivity fails on some
straight segment: there are a ReLU network and x1, x2, x3 on a line (x2 between) with chi(Gamma_1 +
Gamma_2) < chi(Gamma_1) + chi(Gamma_2) (interaction I < 0). Generic witness, smallest architecture
first, shrunk.

Hypotheses:
  - ReLU hidden layers, affine output layer, bits of every hidden layer
  - Gamma_1 = Gamma(x1, x2), Gamma_2 = Gamma(x2, x3) with x2 strictly between x1 and x3 on a line,
    - sharing pi(x2); the interaction I = chi(Gamma_1 + Gamma_2) - chi(Gamma_1) - chi(Gamma_2)
  - the witness parameter is generic in the sense of exactsep.relu.quality

Provenance: [secondary] (the authors' talk and AAAI project page); the witnesses are exactsep's own
Source: docs/theory/folding.md, 'Properties' (item 4). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties'), property 4 ('[Non-additivity] Is neither sub- nor super-additive') and PDF page 14 (slide numbered 19, the interaction coefficient I(k)); the project page of M. Lewandowski et al., 'Exploiting Space Folding by Neural Networks', AAAI 2026: posts/exploiting-space-folding.html in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io (commit a2f242f; removed from the site in commit f2814af), section 'What we establish in this paper' ('non-additivity under concatenation')

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.
Witness quality: every witness records its genericity conditions (exactsep.relu.quality);
the claim passes with a generic witness and reports DEGENERATE when all are degenerate.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.super_additivity_fails
Run it: ``exactsep prove --claim folding.super-additivity-fails-exists``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import super_additivity_fails as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
