"""folding.asymmetry-exists: Asymmetry: there are a ReLU network and a segment with chi(Gamma) !=
chi(-Gamma) (-Gamma the reversed walk). The witness is searched on the smallest architectures first,
required generic (no zero weight row, column or output weight, every hidden neuron switching over
the input line, no coinciding bent hyperplanes, small heights) and shrunk toward small heights.

Hypotheses:
  - ReLU hidden layers, affine output layer, bits of every hidden layer
  - a straight segment
  - the witness parameter is generic in the sense of exactsep.relu.quality

Provenance: [secondary] (the authors' talk and AAAI project page); the witnesses are exactsep's own
Source: docs/theory/folding.md, 'Properties' (item 2). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties'), property 2 ('[Asymmetry] ... chi(Gamma) != chi(-Gamma)'); the project page of M. Lewandowski et al., 'Exploiting Space Folding by Neural Networks', AAAI 2026: posts/exploiting-space-folding.html in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io (commit a2f242f; removed from the site in commit f2814af), section 'What we establish in this paper' ('direction dependence')

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.
Witness quality: every witness records its genericity conditions (exactsep.relu.quality);
the claim passes with a generic witness and reports DEGENERATE when all are degenerate.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.asymmetry_exists
Run it: ``exactsep prove --claim folding.asymmetry-exists``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import asymmetry_exists as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
