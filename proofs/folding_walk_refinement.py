"""folding.walk-refinement: Walk refinement (the talk's Motzkin-Straus lemma): refine a walk into
single-bit flips so that, between consecutive patterns, the coordinates moving back toward pi_1
(D_i) flip before those moving away (I_i); then r1 and r2 are preserved. Proof: r2 = sum of d_H over
the steps is kept by any refinement along shortest paths; inside a step the distance to pi_1 first
decreases by |D_i| then increases by |I_i|, so it never exceeds the larger end distance. The talk's
example Gamma = (0000, 1100, 0011) has r1 = 2, r2 = 6.

Hypotheses:
  - a walk of patterns (consecutive duplicates removed): exact walks of ReLU networks (every layer
    - or a subset) and arbitrary walks on the cube
  - within a step: D_i first, then I_i (each in increasing index)

Provenance: [secondary] (the authors' talk; the talk's example values are published facts); the proof is [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 7). Stated in: M. Lewandowski, 'On Space Folding by Neural Networks', talk, Tromso, 12 May 2026, slides/space-folding-tromso-2026.pdf in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io, PDF page 17 ('Motzkin-Straus View of Space Folding', 'Lemma (Informal)', the example Gamma = (0000, 1100, 0011) with r1 = 2, r2 = 6)

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding_authors.walk_refinement
Run it: ``exactsep prove --claim folding.walk-refinement``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding_authors import walk_refinement as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
