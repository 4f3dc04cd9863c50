"""fundim.fiber-disconnected-exists: There exist disconnected fibers. The witnesses are found by
exactsep's search and certified; both parameters of a witness are required generic (no zero weight
row, column or output weight, every hidden neuron active on some region and inactive on another, no
coinciding bent hyperplanes, small heights), and a claim whose only witnesses are degenerate reports
that. The functional dimension used is exactsep's: the supremum of batch ranks over parametrically
smooth points, computed at every parameter; [GLMW] defines it at generic ('ordinary') parameters,
which the genericity conditions approximate.

Hypotheses:
  - ReLU architectures (n0, ..., 1) with small rational parameters, searched smallest first
  - functional dimension as computed by exactsep.relu.functional_dimension (complete region
    - enumeration, certified rank), at every parameter
  - witness genericity as in exactsep.relu.quality (recorded per point)

Provenance: [paper] (abstract of [GLMW]: such fibers exist; the witnesses are exactsep's own)
Source: docs/theory/fundim.md, 'Hidden symmetries and fibers'

Quantifier: EXISTS. The instances are candidate witnesses; the claim is established when
one of them checks.
Witness quality: every witness records its genericity conditions (exactsep.relu.quality);
the claim passes with a generic witness and reports DEGENERATE when all are degenerate.

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.fiber_disconnected
Run it: ``exactsep prove --claim fundim.fiber-disconnected-exists``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import fiber_disconnected as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
