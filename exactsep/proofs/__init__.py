"""The theorem registry of exactsep: claims checked exactly on a catalogue of small groups, with
certificates that ``exactsep verify`` re-checks from scratch.

The claim implementations live in :mod:`exactsep.proofs.claims` (so they work from an installed
package); the repository's top-level ``proofs/`` directory holds one readable statement module per
claim that imports them, and is discovered automatically when running from a checkout. Extra
directories of user claim modules can be given with ``$EXACTSEP_PROOFS_PATH`` or ``--proofs-dir``.

Vocabulary: a :class:`Claim` quantifies ``"forall"`` over its instances (a failing instance is a
counterexample: the smallest one, shrunk by hypothesis and by greedy moves, is reported with its
certificate) or ``"exists"`` (candidates; one witness establishes it); ``expect="refuted"`` marks the
naive form of a theorem with a hypothesis dropped, whose counterexample the run must find. Every
checked instance yields a certificate (:func:`make_certificate`) that :func:`verify_certificate`
re-derives from scratch and holds against an independent method.

>>> from exactsep.proofs import all_claims, run_claims
>>> "groups.burnside" in [c.id for c in all_claims()]
True
"""
from .registry import (Claim, claim, outcome, register, unregister, get_claim, all_claims, load_claims, jsonable)
from .certificates import make_certificate, verify_certificate, VerificationResult, load_certificate
from .runner import (run_claims, ProveReport, ClaimResult, find_counterexample, instances_for,
                     write_certificates)
from .catalogue import (subgroup_classes, transitive_groups, named_groups, catalogue_groups, gset_catalogue,
                        group_from_descriptor, gset_from_descriptor)

__all__ = ["Claim", "claim", "outcome", "register", "unregister", "get_claim", "all_claims", "load_claims",
           "jsonable", "make_certificate", "verify_certificate", "VerificationResult", "load_certificate",
           "run_claims", "ProveReport", "ClaimResult", "find_counterexample", "instances_for",
           "write_certificates", "subgroup_classes", "transitive_groups", "named_groups", "catalogue_groups",
           "gset_catalogue", "group_from_descriptor", "gset_from_descriptor"]
