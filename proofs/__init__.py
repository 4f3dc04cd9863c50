"""The statements of exactsep's theorem registry, one readable module per claim.

Each module states one claim (statement, hypotheses, provenance tag of the spec) and re-exports the
registered :class:`exactsep.proofs.Claim` as ``CLAIM``. The implementations live in
``exactsep/proofs/claims/`` so that an installed exactsep (without this repository) has the same
registry; ``exactsep.proofs`` also discovers the modules of this directory when run from a checkout,
so a new claim can be written here with the ``exactsep.proofs.claim`` decorator.
"""
