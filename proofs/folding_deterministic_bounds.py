"""folding.deterministic-bounds: For every ReLU network and segment, chi lies in [0, 1 - 1/r2] and
satisfies the deterministic bounds (1 - D/L)/2 <= chi <= 1 - D/L and |chi - chi_reverse| <= D/L (D =
Hamming distance of the endpoint patterns, L = r2). exactsep's proof: r1 >= D gives chi <= 1 - D/L;
the walk goes from pi_1 to the farthest pattern (length >= r1) and on to pi_n (length >= r1 - D), so
L >= 2 r1 - D, which is the lower bound; the reverse walk's r1 lies in [r1 - D, r1 + D] by the
triangle inequality, so |chi - chi_reverse| = |r1 - r1_reverse| / L <= D/L.

Hypotheses:
  - ReLU hidden layers, bits of every hidden layer
  - the exact walk
  - r2 >= 1 (else chi = 0)

Provenance: [secondary] (the authors' AAAI project page credits the bounds to a newer activation-path analysis; the AAAI paper itself only conjectured the reverse-path behaviour from experiments); the proof above and the range are [derived ✓]
Source: docs/theory/folding.md, 'Properties' (item 5 and the range). Stated in: the project page of M. Lewandowski et al., 'Exploiting Space Folding by Neural Networks', AAAI 2026, posts/exploiting-space-folding.html in the GitHub repository michalmariuszlewandowski/michalmariuszlewandowski.github.io (commit a2f242f; removed from the site in commit f2814af), section 'What the newer analysis adds'; that page names no title or venue for the newer analysis, so no further source can be given

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.folding.deterministic_bounds
Run it: ``exactsep prove --claim folding.deterministic-bounds``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.folding import deterministic_bounds as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
