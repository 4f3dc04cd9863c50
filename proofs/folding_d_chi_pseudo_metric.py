"""folding.d-chi-pseudo-metric: (The talk's Proposition, as stated.) d_chi(x1, x2) = (chi(Gamma(x1,
x2)) + chi(Gamma(x2, x1))) / 2 is a pseudo-metric on the input space of a ReLU network: d_chi(x, x)
= 0, d_chi >= 0, symmetry, and the triangle inequality 'from the triangle inequality of d_H'. FALSE:
chi is not a distance between patterns but a ratio along one path, and the two sub-segments of a
folding segment can both be flat. The registry finds the smallest counterexample its search reaches
(a generic network with the points off every bent hyperplane first, then depth, width, heights).

Hypotheses:
  - ReLU hidden layers (two or more; on one hidden layer d_chi = 0, see
    - folding.d-chi-one-hidden-layer), affine output layer, bits of every hidden layer
  - exact walks along straight segments

Provenance: [secondary] (the authors' talk states it as a Proposition); refuted by exactsep [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 6). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 10 (slide numbered 14, 'Space Folding Measure - Properties'), 'Proposition' (d_chi is a pseudo-metric: '(1) Positivity: from bounds on chi; (2) Symmetry: from construction; (3) Triangle inequality: from the triangle inequality of d_H')

Expected outcome: REFUTED. The statement is false as its source states it; `exactsep prove` succeeds
when it finds (and prints) a counterexample in the statement's own setting, with its certificate.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.d_chi_pseudo_metric
Run it: ``exactsep prove --claim folding.d-chi-pseudo-metric``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import d_chi_pseudo_metric as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
