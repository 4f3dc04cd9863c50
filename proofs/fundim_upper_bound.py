"""fundim.upper-bound: Every batch functional dimension of a ReLU network is at most U = D - N (D
parameters, N = sum of the hidden widths). The scaling argument: for each hidden neuron, multiplying
its incoming row and bias by lambda > 0 and its outgoing column by 1/lambda leaves the function
unchanged, so the generator of that one-parameter group (+theta on the row and bias, -theta on the
column) is in the kernel of every batch Jacobian; at a batch of points off every hidden zero set
each neuron has a nonzero incoming row or bias on coordinates private to its generator, so the N
generators are linearly independent and the rank is at most D - N.

Hypotheses:
  - ReLU hidden layers, affine output layer
  - rational parameters
  - batch points off every hidden zero set

Provenance: [derived ✓] (the scaling argument, checked: the generators are exact kernel vectors; the abstract of [GLMW] speaks of a 'theoretical maximum' without giving a formula)
Source: docs/theory/fundim.md, 'The bound U'

Implementation (instances, exact check, independent verification): exactsep.proofs.claims.fundim.batch_rank_upper_bound
Run it: ``exactsep prove --claim fundim.upper-bound``; re-check a certificate: ``exactsep verify CERT.json``.
"""
from exactsep.proofs.claims.fundim import batch_rank_upper_bound as CLAIM  # noqa: F401  (registered on import)

__all__ = ["CLAIM"]
