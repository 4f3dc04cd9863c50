"""fundim.precomposition-theorem-8-7-orthant: (As restated, with its last clause.) [GLMW] Theorem
8.7, one step: let theta be a nice parameter of architecture (n1, ..., nd) whose functional
dimension is realised on a finite set of the open positive orthant with nonzero labels, and A: R^n0
-> R^n1 a surjective affine map satisfying Lemma 8.5 (every row nonzero; for each k a point y_k of
the open positive orthant with row k of A zero at y_k, the other rows nonzero, every neuron of theta
nonzero at ReLU(A y_k), and the k-th column of the input Jacobian of F_theta there nonzero). Then
dim_fun(A, theta) = n0 n1 + dim_fun(theta), and this value is realised on a finite set Z of the open
positive orthant of R^n0 with nonzero labels (dim_fun+(A, theta) = n0 n1 + dim_fun(theta)). Checked
on n0 <= 2 with every hypothesis decided exactly ('nice' by exactsep's genericity conditions); an
instance whose hypotheses fail is vacuous and says which fails. Registered as refuted: exactsep
finds instances meeting every hypothesis where the orthant does not suffice.

Hypotheses:
  - theta nice: exactsep's proxy (exactsep.relu.quality generic and the general-position checks)
  - dim_fun+(theta) = dim_fun(theta) (a realising set in the open positive orthant, nonzero labels)
  - A surjective
  - Lemma 8.5 (i)-(iv) with every y_k in the open positive orthant
  - n0 <= 2 (the existence of y_k is decided exactly on the line row_k = 0)

Provenance: [secondary] (the blog post's restatement of [GLMW] Theorem 8.7); refuted as restated by exactsep [derived ✓]
Source: docs/theory/fundim.md, 'When U is attained'. Stated in: the restatement of [GLMW] Lemmas 8.2, 8.5 and Theorem 8.7 in the blog post 'Questions on functional dimension of ReLU networks' (GitHub repository cornwell/cornwell.github.io, _posts/2024-12-20-precomposing-funcdim.md), a secondary source: the full text of [GLMW] was not available

Expected outcome: REFUTED. The statement is false as its source states it; `exactsep prove` succeeds
when it finds (and prints) a counterexample in the statement's own setting, with its certificate.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.precomposition_theorem_8_7_orthant
Run it: ``exactsep prove --claim fundim.precomposition-theorem-8-7-orthant``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import precomposition_theorem_8_7_orthant as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
