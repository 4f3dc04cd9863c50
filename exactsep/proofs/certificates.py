"""Certificates: one JSON object per checked instance, and their independent re-checking.

A claim certificate is ::

    {"format": "exactsep-certificate", "version": 1, "kind": "claim-instance",
     "claim": id, "statement": ..., "hypotheses": [...], "provenance": ..., "quantifier": ...,
     "instance": {...}, "check": "what was compared", "computed": {...}, "holds": true | false,
     "result": "holds" | "fails"}

:func:`verify_certificate` re-checks it from scratch: it recomputes the check on the instance (the
computed objects and the verdict must agree field by field) and then runs the claim's independent
verification (a second method: brute force, exact witness networks, another algorithm). Any
disagreement raises :class:`~exactsep.errors.CertificateError`. Certificates of other kinds (for
instance the fiber certificates of :mod:`exactsep.relu`) are dispatched by their ``kind`` field.

>>> from exactsep.proofs import get_claim, make_certificate, verify_certificate
>>> c = get_claim("groups.burnside")
>>> inst = {"group": {"name": "S3", "generators": [[1, 0, 2], [1, 2, 0]], "degree": 3, "order": 6,
...         "family": "symmetric"}, "gset": {"kind": "power", "k": 2, "size": 9}}
>>> cert = make_certificate(c, inst, c.check(inst))
>>> cert["holds"], cert["computed"]["orbits"]
(True, 2)
>>> verify_certificate(cert).holds
True
>>> cert["computed"]["orbits"] = 3
>>> verify_certificate(cert)
Traceback (most recent call last):
...
exactsep.errors.CertificateError: certificate for groups.burnside: the recomputed 'computed' differs at orbits: certificate has 3, recomputation gives 2
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Tuple

from .. import __version__
from ..errors import CertificateError, CertificateLimitError, ComputationLimitError, ExactsepError
from .registry import Claim, get_claim, is_undecided, jsonable

__all__ = ["make_certificate", "verify_certificate", "VerificationResult", "CERTIFICATE_FORMAT",
           "CERTIFICATE_VERSION", "CLAIM_CERTIFICATE_FIELDS", "load_certificate", "MAX_CERTIFICATE_BYTES"]

CERTIFICATE_FORMAT = "exactsep-certificate"


def make_certificate(c: Claim, instance: dict, out: dict) -> dict:
    """The certificate of one checked instance (``out`` is the claim's outcome on it)."""
    return {"format": CERTIFICATE_FORMAT, "version": CERTIFICATE_VERSION, "kind": "claim-instance", "claim": c.id,
            "statement": c.statement, "hypotheses": list(c.hypotheses), "provenance": c.provenance,
            "quantifier": c.quantifier, "instance": jsonable(instance), "check": out["check"],
            "computed": out["computed"], "holds": out["holds"], "result": _result(out),
            "exactsep_version": __version__}


def _result(out: dict) -> str:
    return "holds" if out["holds"] else ("undecided" if is_undecided(out) else "fails")


@dataclass(frozen=True)
class VerificationResult:
    """What ``verify_certificate`` established: the claim, the verdict re-derived, the checks it ran."""
    kind: str
    claim: str
    holds: bool
    checks: Tuple[str, ...] = ()
    quantifier: str = "forall"
    verdict: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "claim": self.claim, "holds": self.holds, "verified": True,
                "verdict": self.verdict, "quantifier": self.quantifier, "checks": list(self.checks)}


def _first_difference(a: Any, b: Any, path: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{path + '.' if path else ''}{k} (present in only one)"
            d = _first_difference(a[k], b[k], f"{path + '.' if path else ''}{k}")
            if d:
                return d
        return ""
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path} (lengths {len(a)} and {len(b)})"
        for i, (x, y) in enumerate(zip(a, b)):
            d = _first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return ""
    return "" if a == b and type(a) == type(b) else f"{path}: certificate has {json.dumps(a)}, recomputation gives {json.dumps(b)}"


#: Every field of a claim certificate (all required; any other field is refused).
CLAIM_CERTIFICATE_FIELDS = ("format", "version", "kind", "claim", "statement", "hypotheses", "provenance",
                            "quantifier", "instance", "check", "computed", "holds", "result", "exactsep_version")
#: The version of the claim-certificate format this exactsep writes and reads.
CERTIFICATE_VERSION = 1


def _check_header(cert: dict) -> Claim:
    """The certificate's fields are exactly :data:`CLAIM_CERTIFICATE_FIELDS`, typed, and its header equals
    the registry's entry for its claim (statement, hypotheses, provenance, quantifier)."""
    unknown = sorted(set(cert) - set(CLAIM_CERTIFICATE_FIELDS), key=str)
    if unknown:
        raise CertificateError(f"certificate has an unknown field {str(unknown[0])[:60]!r} (a claim certificate has "
                               f"exactly: {', '.join(CLAIM_CERTIFICATE_FIELDS)})")
    for key in CLAIM_CERTIFICATE_FIELDS:
        if key not in cert:
            raise CertificateError(f"certificate has no {key!r} field")
    types = {"format": str, "version": int, "claim": str, "statement": str, "hypotheses": list,
             "provenance": str, "quantifier": str, "instance": dict, "check": str, "computed": dict,
             "holds": bool, "result": str, "exactsep_version": str}
    for key, t in types.items():
        v = cert[key]
        if not isinstance(v, t) or (t is int and isinstance(v, bool)):
            raise CertificateError(f"certificate field {key!r} must be a {t.__name__}, got {type(v).__name__}")
    if cert["format"] != CERTIFICATE_FORMAT:
        raise CertificateError(f"unknown certificate format {cert['format'][:60]!r}")
    if cert["version"] != CERTIFICATE_VERSION:
        raise CertificateError(f"certificate format version {cert['version']}; this exactsep reads version "
                               f"{CERTIFICATE_VERSION}")
    try:
        c = get_claim(cert["claim"])
    except ExactsepError as e:
        raise CertificateError(f"certificate names an unknown claim: {e}") from None
    for key, want in (("statement", c.statement), ("hypotheses", list(c.hypotheses)),
                      ("provenance", c.provenance), ("quantifier", c.quantifier)):
        if cert[key] != want:
            raise CertificateError(f"certificate for {c.id}: its {key} differs from the registered claim's "
                                   f"(registry: {json.dumps(want)[:120]})")
    if cert["result"] != _result(cert):
        raise CertificateError(f"certificate for {c.id}: 'result' ({cert['result'][:40]!r}) contradicts 'holds' "
                               f"({cert['holds']!r})")
    return c


def _run(c: Claim, what: str, f, *args):
    """Run a claim's check or verification; any failure is a CertificateError naming it (never a traceback)."""
    try:
        return f(*args)
    except CertificateError:
        raise
    except ComputationLimitError as e:
        raise CertificateLimitError(f"certificate for {c.id}: {what}: {e}") from None
    except ExactsepError as e:
        raise CertificateError(f"certificate for {c.id}: {what}: {e}") from None
    except RecursionError:
        raise CertificateError(f"certificate for {c.id}: {what}: the instance is nested too deeply") from None
    except MemoryError:
        raise CertificateError(f"certificate for {c.id}: {what}: out of memory") from None
    except Exception as e:          # a malformed instance the check did not anticipate
        raise CertificateError(f"certificate for {c.id}: {what}: the instance is malformed "
                               f"({type(e).__name__}: {str(e)[:120]})") from None


def _verify_claim_certificate(cert: dict) -> VerificationResult:
    c = _check_header(cert)
    missing = c.missing()
    if missing:
        raise CertificateError(f"cannot verify {c.id}: it needs {', '.join(missing)}, which is not available")
    from .bind import bind_instance
    from .schema import check_instance, stored_schema
    schema = stored_schema(c.id)
    notes = []
    if schema is not None:
        check_instance(schema, cert["instance"], c.id)
        notes.append("instance admitted by the claim's stored schema (fields, types, sizes)")
    else:
        notes.append("no stored instance schema for this claim (not a built-in claim): fields not checked")
    notes += _run(c, "the instance's descriptors do not bind", bind_instance, cert["instance"])
    out = _run(c, "the instance does not check", c.check, cert["instance"])
    for key in ("check", "computed", "holds"):
        d = _first_difference(cert[key], out[key])
        if d:
            where = f" at {d}" if key == "computed" else f": certificate has {json.dumps(cert[key])}, " \
                                                          f"recomputation gives {json.dumps(out[key])}"
            if key == "computed":
                raise CertificateError(f"certificate for {c.id}: the recomputed 'computed' differs{where}")
            raise CertificateError(f"certificate for {c.id}: the recomputed '{key}' differs{where}")
    checks = notes + [f"recomputed: {out['check']}"]
    if c.verify is not None:
        extra = _run(c, "independent verification failed", c.verify, dict(cert, computed=out["computed"]))
        checks.extend(extra or [])
    if cert["exactsep_version"] != __version__:
        checks.append(f"issued by exactsep {cert['exactsep_version'][:40]}, verified by exactsep {__version__}")
    verdict = "undecided" if is_undecided(out) else _verdict(c, bool(out["holds"]))
    return VerificationResult("claim-instance", c.id, bool(out["holds"]), tuple(checks), c.quantifier, verdict)


def _verdict(c: Claim, holds: bool) -> str:
    """What a valid claim certificate proves: ``holds`` / ``counterexample`` (forall claims), ``witness`` /
    ``not-a-witness`` (exists claims)."""
    if c.quantifier == "exists":
        return "witness" if holds else "not-a-witness"
    return "holds" if holds else "counterexample"


def verify_certificate(cert: Any) -> VerificationResult:
    """Re-check a certificate from scratch; raises CertificateError if it does not verify.

    Claim certificates (``kind == "claim-instance"``) are re-derived through the registry; other kinds
    are passed to the part of exactsep that issues them (``exactsep.relu.verify_certificate`` for fiber
    certificates), when that part is installed.
    """
    if not isinstance(cert, dict):
        raise CertificateError("a certificate must be a JSON object")
    kind = cert.get("kind")
    if kind == "claim-instance":
        return _verify_claim_certificate(cert)
    # other kinds: fiber certificates of exactsep.relu (its verifier names unknown kinds itself)
    from ..relu.search import verify_certificate
    try:
        res = verify_certificate(cert)
    except CertificateError:
        raise
    except ComputationLimitError as e:
        raise CertificateLimitError(f"exactsep.relu refuses the certificate: {e}") from None
    except ExactsepError as e:
        raise CertificateError(f"exactsep.relu rejects the certificate: {e}") from None
    if not res.valid:
        raise CertificateError(f"exactsep.relu.verify_certificate rejects the certificate: {res.reason}")
    return VerificationResult(str(kind), str(kind), True,
                              ("verified by exactsep.relu.verify_certificate" + (f": {res.proves}" if res.proves else ""),)
                              + tuple(str(c) for c in res.checks), "exists", "witness")


#: Largest certificate file read (bytes; environment variable ``EXACTSEP_MAX_CERTIFICATE_BYTES``).
MAX_CERTIFICATE_BYTES = 16 * 2 ** 20


def load_certificate(path: str) -> dict:
    """Read a certificate file through the one input reader (exact JSON: floats, ``NaN``, deep nesting and
    over-long integers refused), at most :data:`MAX_CERTIFICATE_BYTES` (an InvalidSpecError otherwise)."""
    import os
    from ..cliutil import load_json
    from ..errors import InvalidSpecError
    from ..limits import human_bytes
    try:
        limit = int(os.environ.get("EXACTSEP_MAX_CERTIFICATE_BYTES", MAX_CERTIFICATE_BYTES))
    except ValueError:
        limit = MAX_CERTIFICATE_BYTES
    if path != "-":
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0            # the reader names the problem
        if size > limit:
            raise InvalidSpecError(f"certificate file {path!r} is larger than the certificate limit of "
                                   f"{human_bytes(limit)}; raise it with EXACTSEP_MAX_CERTIFICATE_BYTES")
    return load_json(path, what="certificate")
