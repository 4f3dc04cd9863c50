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
...         "family": "symmetric"}, "gset": {"kind": "power", "k": 2}}
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
from ..errors import CertificateError, ExactsepError
from .registry import Claim, get_claim, jsonable

__all__ = ["make_certificate", "verify_certificate", "VerificationResult", "CERTIFICATE_FORMAT",
           "load_certificate"]

CERTIFICATE_FORMAT = "exactsep-certificate"


def make_certificate(c: Claim, instance: dict, out: dict) -> dict:
    """The certificate of one checked instance (``out`` is the claim's outcome on it)."""
    return {"format": CERTIFICATE_FORMAT, "version": 1, "kind": "claim-instance", "claim": c.id,
            "statement": c.statement, "hypotheses": list(c.hypotheses), "provenance": c.provenance,
            "quantifier": c.quantifier, "instance": jsonable(instance), "check": out["check"],
            "computed": out["computed"], "holds": out["holds"], "result": "holds" if out["holds"] else "fails",
            "exactsep_version": __version__}


@dataclass(frozen=True)
class VerificationResult:
    """What ``verify_certificate`` established: the claim, the verdict re-derived, the checks it ran."""
    kind: str
    claim: str
    holds: bool
    checks: Tuple[str, ...] = ()
    quantifier: str = "forall"

    def to_json(self) -> dict:
        return {"kind": self.kind, "claim": self.claim, "holds": self.holds, "verified": True,
                "quantifier": self.quantifier, "checks": list(self.checks)}


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


def _verify_claim_certificate(cert: dict) -> VerificationResult:
    for key in ("claim", "instance", "computed", "holds", "check"):
        if key not in cert:
            raise CertificateError(f"certificate has no {key!r} field")
    try:
        c = get_claim(str(cert["claim"]))
    except ExactsepError as e:
        raise CertificateError(f"certificate names an unknown claim: {e}") from None
    missing = c.missing()
    if missing:
        raise CertificateError(f"cannot verify {c.id}: it needs {', '.join(missing)}, which is not available")
    if "result" in cert and cert["result"] != ("holds" if cert["holds"] is True else "fails"):
        raise CertificateError(f"certificate for {c.id}: 'result' ({cert['result']!r}) contradicts 'holds' "
                               f"({cert['holds']!r})")
    if cert.get("statement", c.statement) != c.statement:
        raise CertificateError(f"certificate for {c.id}: its statement differs from the registered claim's")
    if not isinstance(cert["instance"], dict):
        raise CertificateError(f"certificate for {c.id}: the instance is not an object")
    try:
        out = c.check(cert["instance"])
    except ExactsepError as e:
        raise CertificateError(f"certificate for {c.id}: the instance does not check: {e}") from None
    for key in ("check", "computed", "holds"):
        d = _first_difference(cert[key], out[key])
        if d:
            where = f" at {d}" if key == "computed" else f": certificate has {json.dumps(cert[key])}, " \
                                                          f"recomputation gives {json.dumps(out[key])}"
            if key == "computed":
                raise CertificateError(f"certificate for {c.id}: the recomputed 'computed' differs{where}")
            raise CertificateError(f"certificate for {c.id}: the recomputed '{key}' differs{where}")
    checks = [f"recomputed: {out['check']}"]
    if c.verify is not None:
        try:
            extra = c.verify(dict(cert, computed=out["computed"]))
        except CertificateError:
            raise
        except ExactsepError as e:
            raise CertificateError(f"certificate for {c.id}: independent verification failed: {e}") from None
        checks.extend(extra or [])
    return VerificationResult("claim-instance", c.id, bool(out["holds"]), tuple(checks), c.quantifier)


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
        if cert.get("format") not in (None, CERTIFICATE_FORMAT):
            raise CertificateError(f"unknown certificate format {cert.get('format')!r}")
        return _verify_claim_certificate(cert)
    # other kinds: fiber certificates of exactsep.relu (its verifier names unknown kinds itself)
    from ..relu.search import verify_certificate
    try:
        res = verify_certificate(cert)
    except CertificateError:
        raise
    except ExactsepError as e:
        raise CertificateError(f"exactsep.relu rejects the certificate: {e}") from None
    if not res.valid:
        raise CertificateError(f"exactsep.relu.verify_certificate rejects the certificate: {res.reason}")
    return VerificationResult(str(kind), str(kind), True,
                              ("verified by exactsep.relu.verify_certificate" + (f": {res.proves}" if res.proves else ""),)
                              + tuple(str(c) for c in res.checks))


def load_certificate(path: str) -> dict:
    """Read a certificate file (exact JSON: floats refused)."""
    from ..cliutil import load_json
    return load_json(path, what="certificate")
