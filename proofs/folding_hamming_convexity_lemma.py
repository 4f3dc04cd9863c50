"""folding.hamming-convexity-lemma: Lemma 1 of the talk: for an affine arrangement of lines in the
plane with realizable patterns Omega and any B subset of Omega, the union R_B of the closed regions
of B is convex iff B is Hamming-convex relative to Omega (for p, q in B every realizable pattern on
a shortest Hamming path from p to q is in B). Checked for every subset B, the convexity of R_B
decided geometrically (connected through shared edges and locally convex at every vertex:
Tietze-Nakajima).

Hypotheses:
  - an arrangement of 1 to 4 distinct affine lines in R^2 (parallel and concurrent lines allowed)
  - regions closed (the polytopes {x : h_i(x) >= 0 for the 1-bits, <= 0 for the 0-bits}); Omega =
    - the patterns of the two-dimensional cells
  - every subset B of Omega

Provenance: [secondary] (the authors' talk, Lemma 1); checked exhaustively by exactsep [derived ✓]
Source: docs/theory/folding.md, 'Convexity of unions of regions'. Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 7 ('Equivalence of Convexity Notions': Lemma 1 and Definition 2; 'Lemma 1 holds for 1-layer ReLU NN, not deeper!') and PDF page 6 (intervals in the Hamming space)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.hamming_convexity_lemma
Run it: ``exactsep prove --claim folding.hamming-convexity-lemma``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import hamming_convexity_lemma as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
