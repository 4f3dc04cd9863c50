"""The theorem registry: claims, their instance catalogues and exact per-instance checks.

A *claim* is a statement with hypotheses and a provenance tag ([paper] / [secondary] /
[derived] / [derived ✓]), a catalogue of instances (JSON-able dicts drawn reproducibly from a seed,
plus an optional hypothesis strategy for adversarial search) and an exact ``check(instance)`` that
returns an :func:`outcome`: whether the statement holds on that instance, the objects it computed
and the check it performed. ``verify`` (optional) re-checks a certificate by an *independent*
method (brute force, witness networks evaluated exactly, a second algorithm).

Register a claim with the :func:`claim` decorator:

>>> from exactsep.proofs.registry import claim, outcome, get_claim, unregister
>>> @claim(id="doc.square-nonnegative", statement="n*n >= 0 for every integer n",
...        provenance="[derived]", source="doctest", instances=lambda level, rng: [{"n": rng.randint(-9, 9)}])
... def square_nonnegative(inst):
...     return outcome(inst["n"] ** 2 >= 0, "n*n >= 0", square=inst["n"] ** 2)
>>> get_claim("doc.square-nonnegative").check({"n": -3})["computed"]
{'square': 9}
>>> unregister("doc.square-nonnegative")

Claims are quantified ``"forall"`` (every instance must pass; a failing instance is a
counterexample) or ``"exists"`` (the instances are candidate witnesses; the claim is established
when one of them checks, and failing candidates are not counterexamples).
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError

__all__ = ["Claim", "claim", "outcome", "undecided", "is_undecided", "register", "unregister", "get_claim", "all_claims", "load_claims",
           "jsonable", "missing_requirements", "BUILTIN_CLAIM_MODULES"]

BUILTIN_CLAIM_MODULES = (
    "exactsep.proofs.claims.groups",
    "exactsep.proofs.claims.separation",
    "exactsep.proofs.claims.fundim",
    "exactsep.proofs.claims.folding",
    "exactsep.proofs.claims.folding_authors",
    "exactsep.proofs.claims.srhm",
)

_REGISTRY: Dict[str, "Claim"] = {}
_LOADED = False


@dataclass(frozen=True)
class Claim:
    """A checkable claim. ``check(instance) -> outcome dict``; ``instances(level, rng) -> list of instances``."""
    id: str
    statement: str
    check: Callable[[dict], dict]
    instances: Callable[[str, Any], Iterable[dict]]
    hypotheses: Tuple[str, ...] = ()
    provenance: str = "[derived]"
    source: str = ""
    quantifier: str = "forall"
    strategy: Optional[Callable[[], Any]] = None
    verify: Optional[Callable[[dict], List[str]]] = None
    requires: Tuple[str, ...] = ()
    family: Optional[Callable[[dict], str]] = None
    size: Optional[Callable[[dict], Any]] = None
    module: str = ""
    expect: str = "holds"
    shrink: Optional[Callable[[dict], Iterable[dict]]] = None
    drops: str = ""
    witness_quality: bool = False
    scope: Optional[Callable[[dict], Optional[str]]] = None

    @property
    def expected_refuted(self) -> bool:
        """True for a statement registered as known to be FALSE (a naive form whose hypothesis is missing):
        the run succeeds when it finds a counterexample."""
        return self.expect == "refuted"

    def family_of(self, instance: dict) -> str:
        if self.family is not None:
            return self.family(instance)
        g = instance.get("group") if isinstance(instance, dict) else None
        if isinstance(g, dict):
            return str(g.get("family", "custom"))
        return "-"

    def size_of(self, instance: dict):
        if self.size is not None:
            return self.size(instance)
        import json
        return len(json.dumps(jsonable(instance), sort_keys=True))

    def missing(self) -> List[str]:
        return missing_requirements(self.requires)

    def to_json(self) -> dict:
        return {"id": self.id, "statement": self.statement, "hypotheses": list(self.hypotheses),
                "provenance": self.provenance, "source": self.source, "quantifier": self.quantifier,
                "requires": list(self.requires), "adversarial": self.strategy is not None, "expect": self.expect,
                "independent_verification": self.verify is not None,
                **({"drops": self.drops} if self.drops else {}),
                **({"witness_quality": True} if self.witness_quality else {})}


def missing_requirements(requires: Sequence[str]) -> List[str]:
    """The requirements (``"module"`` or ``"module:attribute"``) that are not available."""
    out = []
    for req in requires:
        mod, _, attr = req.partition(":")
        try:
            m = importlib.import_module(mod)
        except ImportError:
            out.append(req)
            continue
        if attr and not hasattr(m, attr):
            out.append(req)
    return out


def outcome(holds: bool, check: str, **computed) -> dict:
    """The result of checking one instance: ``{"holds", "check", "computed"}`` (computed made JSON-able)."""
    return {"holds": bool(holds), "check": str(check), "computed": jsonable(computed)}


def undecided(check: str, **computed) -> dict:
    """The result of a check that could not decide the instance (a bounded search that found nothing): not a
    pass and never a counterexample. ``computed["undecided"]`` is True, so the certificate says so."""
    return outcome(False, check, undecided=True, **computed)


def is_undecided(out: dict) -> bool:
    """True for an outcome made by :func:`undecided`."""
    return bool(not out["holds"] and isinstance(out.get("computed"), dict) and out["computed"].get("undecided") is True)


def jsonable(obj: Any) -> Any:
    """Fractions -> strings ("1/2"), tuples/sets -> lists, numpy scalars -> ints; recursively."""
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, Fraction):
        return str(obj.numerator) if obj.denominator == 1 else f"{obj.numerator}/{obj.denominator}"
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted((jsonable(v) for v in obj), key=repr)
    try:
        import numpy as np
        if isinstance(obj, np.integer):
            return int(obj)
        if isinstance(obj, np.ndarray):
            return jsonable(obj.tolist())
        if isinstance(obj, np.bool_):
            return bool(obj)
    except ImportError:  # pragma: no cover
        pass
    if isinstance(obj, float):
        raise InvalidSpecError(f"a claim computed the float {obj!r}; certificates hold exact values only")
    return str(obj)


def register(c: Claim) -> Claim:
    """Add a claim to the registry (re-registering the same claim object is a no-op)."""
    old = _REGISTRY.get(c.id)
    if old is not None and old is not c and (old.module, old.check.__qualname__) != (c.module, c.check.__qualname__):
        raise InvalidSpecError(f"duplicate claim id {c.id!r} (from {old.module} and {c.module})")
    _REGISTRY[c.id] = c
    return c


def unregister(claim_id: str) -> None:
    _REGISTRY.pop(claim_id, None)


def _bind(claim_id: str, inst: dict) -> None:
    """Every group descriptor of the instance recomputed from its generators, spec.group the instance's group,
    G-set sizes recomputed (:func:`exactsep.proofs.bind.bind_instance`): an instance that contradicts itself is
    refused by every check, in ``prove`` as in ``verify``."""
    from ..errors import CertificateError, InvalidSpecError
    from .bind import bind_instance
    try:
        bind_instance(inst)
    except CertificateError as e:
        raise InvalidSpecError(f"{claim_id}: the instance contradicts itself: {e}") from None


def claim(*, id: str, statement: str, instances: Callable[[str, Any], Iterable[dict]],
          hypotheses: Sequence[str] = (), provenance: str = "[derived]", source: str = "",
          quantifier: str = "forall", strategy: Optional[Callable[[], Any]] = None,
          verify: Optional[Callable[[dict], List[str]]] = None, requires: Sequence[str] = (),
          family: Optional[Callable[[dict], str]] = None, size: Optional[Callable[[dict], Any]] = None,
          expect: str = "holds", shrink: Optional[Callable[[dict], Iterable[dict]]] = None, drops: str = "",
          witness_quality: bool = False, scope: Optional[Callable[[dict], Optional[str]]] = None):
    """Decorator registering ``check(instance) -> outcome`` as a claim; returns the :class:`Claim`.

    ``shrink(instance)`` yields smaller candidate instances for shrinking counterexamples (default: drop
    inputs / points, move integer leaves toward 0).
    ``expect="refuted"`` registers a statement known to be false (for instance a theorem with a hypothesis
    dropped): the run then succeeds when a counterexample is found and fails when none is. ``drops`` names the
    hypothesis such a naive form drops (empty for a statement that is false as its source states it); the
    check's ``computed["scope"]`` then says how the counterexample violates it.
    ``witness_quality=True`` (existence claims about ReLU networks): every witness's ``computed`` holds
    ``"witness_quality"`` (:func:`exactsep.relu.quality.witness_quality` as JSON, with ``"generic"``); the
    claim passes only with a generic witness and reports ``"degenerate"`` when every witness is degenerate.
    The registered check first binds the instance's descriptors (group order, name and family from the
    generators, ``spec.group`` equal to the instance's group, G-set sizes): a contradiction is an
    :class:`~exactsep.errors.InvalidSpecError`.
    ``scope(instance)`` checks the hypotheses that are predicates on the instance: ``None`` when the instance
    satisfies them, else the reason. The registered check runs it next and raises
    :class:`~exactsep.errors.OutOfScopeError` for an instance outside them, so ``prove`` reports an error
    (never a counterexample) and ``verify`` rejects the certificate.
    """
    if quantifier not in ("forall", "exists"):
        raise InvalidSpecError(f"quantifier must be 'forall' or 'exists', got {quantifier!r}")
    if expect not in ("holds", "refuted"):
        raise InvalidSpecError(f"expect must be 'holds' or 'refuted', got {expect!r}")
    if expect == "refuted" and quantifier != "forall":
        raise InvalidSpecError("only a 'forall' claim can be expected to be refuted")
    if drops and expect != "refuted":
        raise InvalidSpecError("'drops' names the hypothesis a naive form drops: only for expect='refuted'")
    if witness_quality and quantifier != "exists":
        raise InvalidSpecError("'witness_quality' applies to existence claims")

    def deco(check: Callable[[dict], dict]) -> Claim:
        inner = check

        def check(inst: dict, _inner=inner) -> dict:
            if isinstance(inst, dict):
                _bind(id, inst)
                reason = scope(inst) if scope is not None else None
                if reason:
                    from ..errors import OutOfScopeError
                    raise OutOfScopeError(f"{id}: the instance is outside the claim's hypotheses: {reason}")
            return _inner(inst)
        for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(check, attr, getattr(inner, attr, getattr(check, attr)))
        c = Claim(id=id, statement=statement, check=check, instances=instances, hypotheses=tuple(hypotheses),
                  provenance=provenance, source=source, quantifier=quantifier, strategy=strategy, verify=verify,
                  requires=tuple(requires), family=family, size=size, module=getattr(check, "__module__", ""),
                  expect=expect, shrink=shrink, drops=drops, witness_quality=witness_quality, scope=scope)
        return register(c)
    return deco


def _proofs_dirs(extra: Sequence[str] = ()) -> List[Path]:
    dirs = [Path(p) for p in extra]
    env = os.environ.get("EXACTSEP_PROOFS_PATH")
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    # the repository's top-level proofs/ directory (present when running from a checkout; it is deliberately
    # not a Python package, so an installed exactsep never ships a top-level "proofs" module)
    repo = Path(__file__).resolve().parents[2] / "proofs"
    if (repo / "README.md").is_file() and (repo.parent / "exactsep").is_dir() and (repo.parent / "setup.cfg").is_file():
        dirs.append(repo)
    out, seen = [], set()
    for d in dirs:
        r = d.resolve()
        if r not in seen and r.is_dir():
            seen.add(r)
            out.append(r)
    return out


def load_claims(extra_dirs: Sequence[str] = ()) -> None:
    """Import the built-in claim modules and the statement modules of every proofs directory
    (the repository's top-level ``proofs/``, ``$EXACTSEP_PROOFS_PATH``, ``extra_dirs``)."""
    global _LOADED
    if not _LOADED:
        for name in BUILTIN_CLAIM_MODULES:
            importlib.import_module(name)
        _LOADED = True
    for d in _proofs_dirs(extra_dirs):
        for path in sorted(d.glob("*.py")):
            if path.name.startswith("_"):
                continue
            modname = f"_exactsep_proofs_{abs(hash(str(d))) % 10 ** 8}.{path.stem}"
            if modname in sys.modules:
                continue
            spec = importlib.util.spec_from_file_location(modname, path)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[modname] = mod
            try:
                spec.loader.exec_module(mod)
            except Exception:
                del sys.modules[modname]
                raise


def all_claims(extra_dirs: Sequence[str] = ()) -> List[Claim]:
    """Every registered claim, sorted by id (loads the built-in ones first)."""
    load_claims(extra_dirs)
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def get_claim(claim_id: str) -> Claim:
    """The claim with this id (loads the built-in ones first); InvalidSpecError naming the known ids otherwise."""
    if claim_id not in _REGISTRY:
        load_claims()
    try:
        return _REGISTRY[claim_id]
    except KeyError:
        raise InvalidSpecError(f"unknown claim {claim_id!r}; known claims: {', '.join(sorted(_REGISTRY))}") from None
