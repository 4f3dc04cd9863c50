"""Instance schemas of the claims: every field a certificate's instance may carry, typed and bounded.

A claim's instances come from its catalogue (``instances(level, rng)``) and its adversarial strategy. The
schema of a claim is inferred from all of them (both levels, several seeds, strategy examples) and stored
with the package (``instance_schemas.json``); ``python -m exactsep.proofs.schema --write`` regenerates it
and the test suite fails when a claim has no schema or its catalogue produces an instance the stored
schema does not admit. For every field path (``spec.layers[].gset.kind``: ``[]`` stands for any list
element) the schema records

* the JSON types seen (``int``, ``str``, ``bool``, ``null``, ``list``, ``dict``);
* for a string field with at most 12 distinct values: the values (an enumeration);
* for integers: the largest absolute value seen; for strings and lists: the largest length seen;
* for objects: the keys seen, and the keys present every time (required).

:func:`check_instance` refuses, with the path, an instance with an unknown field, a missing required
field, a value of another type or outside the enumeration, or an integer, string or list larger than
``slack`` times the largest seen (at least 16; ``slack`` is 2, or the environment variable
``EXACTSEP_CERT_SLACK``, set by ``exactsep verify --size-slack``). The bounds are the certificates' first
budget: a certificate whose instance is far larger than anything the claim's catalogue and search produce
is refused at once (:class:`~exactsep.errors.CertificateLimitError`), before any check runs. With the bound
lifted, the checks still run under the estimates of :mod:`exactsep.limits` (memory budget, element tables,
Jacobian entries, rule symbols), so an instance they cannot afford is refused with the estimate and its flag.

>>> from exactsep.proofs.schema import infer_schema, check_instance
>>> s = infer_schema([{"n": 3, "name": "S3"}, {"n": 5, "name": "A5"}])
>>> check_instance(s, {"n": 4, "name": "S3"}, "doc")
>>> check_instance(s, {"n": "4", "name": "S3"}, "doc")
Traceback (most recent call last):
...
exactsep.errors.CertificateError: certificate for doc: instance field 'n' is a str; the claim's instances have int there
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

from ..errors import CertificateError, CertificateLimitError

__all__ = ["infer_schema", "check_instance", "stored_schema", "build_schemas", "SCHEMA_FILE"]

SCHEMA_FILE = Path(__file__).with_name("instance_schemas.json")
ENUM_LIMIT = 12
MIN_BOUND = 16


def _type(x: Any) -> str:
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "bool"
    return {int: "int", str: "str", list: "list", dict: "dict", float: "float"}.get(type(x), type(x).__name__)


def _walk(x: Any, path: str, out: Dict[str, dict]) -> None:
    e = out.setdefault(path, {"types": set(), "values": set(), "max_abs": 0, "max_len": 0,
                              "keys": set(), "required": None})
    t = _type(x)
    e["types"].add(t)
    if t == "str":
        e["max_len"] = max(e["max_len"], len(x))
        if e["values"] is not None:
            e["values"].add(x)
            if len(e["values"]) > ENUM_LIMIT:
                e["values"] = None
    elif t == "int":
        e["max_abs"] = max(e["max_abs"], abs(x))
    elif t == "list":
        e["max_len"] = max(e["max_len"], len(x))
        for v in x:
            _walk(v, path + "[]", out)
    elif t == "dict":
        keys = set(x)
        e["keys"] |= keys
        e["required"] = keys if e["required"] is None else e["required"] & keys
        for k, v in x.items():
            _walk(v, f"{path}.{k}" if path else str(k), out)


def infer_schema(instances: Iterable[dict]) -> Dict[str, dict]:
    """The schema (path -> field description) admitting every instance given (see the module docstring)."""
    raw: Dict[str, dict] = {}
    for inst in instances:
        _walk(inst, "", raw)
    out = {}
    for path, e in sorted(raw.items()):
        d: Dict[str, Any] = {"types": sorted(e["types"])}
        if e["types"] == {"str"} and e["values"] is not None:
            d["enum"] = sorted(e["values"])
        if "int" in e["types"]:
            d["max_abs"] = e["max_abs"]
        if e["types"] & {"str", "list"}:
            d["max_len"] = e["max_len"]
        if "dict" in e["types"]:
            d["keys"] = sorted(e["keys"])
            d["required"] = sorted(e["required"] or ())
        out[path] = d
    return out


SLACK_FLAG = "raise it with verify --size-slack F or EXACTSEP_CERT_SLACK"


def check_instance(schema: Dict[str, dict], instance: Any, claim_id: str) -> None:
    """Raise CertificateError (naming the field) unless ``instance`` is admitted by ``schema``."""
    def fail(msg: str):
        raise CertificateError(f"certificate for {claim_id}: {msg}")

    def oversized(msg: str):
        raise CertificateLimitError(f"certificate for {claim_id}: {msg}")

    from ..limits import cert_slack
    slack = cert_slack()

    def _bound(m: int) -> int:
        return max(int(slack * m), MIN_BOUND)

    stack = [(instance, "")]
    while stack:
        x, path = stack.pop()
        name = path or "(the instance)"
        d = schema.get(path)
        if d is None:
            fail(f"instance field {name!r} is not a field of this claim's instances")
        t = _type(x)
        if t not in d["types"]:
            fail(f"instance field {name!r} is a {t}; the claim's instances have {' or '.join(d['types'])} there")
        if t == "str":
            if "enum" in d and x not in d["enum"]:
                fail(f"instance field {name!r} is {x[:40]!r}, not one of {d['enum']}")
            if len(x) > _bound(d.get("max_len", 0)):
                oversized(f"instance field {name!r} has {len(x)} characters; this claim's instances have at most "
                          f"{d.get('max_len', 0)} (refused above {_bound(d.get('max_len', 0))}; {SLACK_FLAG})")
        elif t == "int":
            if abs(x) > _bound(d.get("max_abs", 0)):
                oversized(f"instance field {name!r} is {x if abs(x) < 10 ** 30 else 'an integer of %d digits' % len(str(abs(x)))}; "
                          f"this claim's instances have absolute value at most {d.get('max_abs', 0)} (refused above "
                          f"{_bound(d.get('max_abs', 0))}; {SLACK_FLAG})")
        elif t == "list":
            if len(x) > _bound(d.get("max_len", 0)):
                oversized(f"instance field {name!r} has {len(x)} entries; this claim's instances have at most "
                          f"{d.get('max_len', 0)} (refused above {_bound(d.get('max_len', 0))}; {SLACK_FLAG})")
            stack.extend((v, path + "[]") for v in x)
        elif t == "dict":
            missing = [k for k in d.get("required", []) if k not in x]
            if missing:
                fail(f"instance field {(path + '.' if path else '') + missing[0]!r} is missing")
            for k, v in x.items():
                if k not in d.get("keys", []):
                    fail(f"instance field {(path + '.' if path else '') + str(k)!r} is not a field of this "
                         f"claim's instances")
                stack.append((v, f"{path}.{k}" if path else str(k)))


@lru_cache(maxsize=1)
def _stored() -> Dict[str, Any]:
    try:
        return json.loads(SCHEMA_FILE.read_text())
    except FileNotFoundError:
        return {}


def stored_schema(claim_id: str) -> Optional[Dict[str, dict]]:
    """The stored schema of a built-in claim, or None (claims from other directories have none)."""
    return _stored().get("claims", {}).get(claim_id)


def _strategy_examples(c, n: int) -> List[dict]:
    if c.strategy is None:
        return []
    from hypothesis import HealthCheck, given, settings
    from .registry import jsonable
    out: List[dict] = []

    @settings(max_examples=n, database=None, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(c.strategy())
    def collect(inst):
        out.append(jsonable(inst))
    collect()
    return out


def claim_instances(c, seeds: Iterable[int] = (0, 1, 2), strategy_examples: int = 60) -> List[dict]:
    """Every instance the schema of claim ``c`` is inferred from: both levels, the seeds, strategy examples."""
    from .runner import instances_for
    insts: List[dict] = []
    for level in ("quick", "full"):
        for seed in seeds:
            insts.extend(instances_for(c, level, seed))
    insts.extend(_strategy_examples(c, strategy_examples))
    return insts


def build_schemas(claims=None) -> Dict[str, Any]:
    """Infer the schema of every claim (default: the built-in ones) from :func:`claim_instances`."""
    from .registry import all_claims
    from .. import __version__
    claims = list(all_claims()) if claims is None else list(claims)
    return {"about": "instance schemas inferred by exactsep.proofs.schema.build_schemas; regenerate with "
                     "python -m exactsep.proofs.schema --write",
            "exactsep_version": __version__,
            "claims": {c.id: infer_schema(claim_instances(c)) for c in claims}}


def main(argv=None) -> int:
    import argparse
    ap = argparse.ArgumentParser(prog="python -m exactsep.proofs.schema",
                                 description="Infer the instance schema of every built-in claim.")
    ap.add_argument("--write", action="store_true", help=f"write {SCHEMA_FILE.name} next to this module "
                                                         "(default: print it)")
    args = ap.parse_args(argv)
    text = json.dumps(build_schemas(), indent=1, sort_keys=True) + "\n"
    if args.write:
        SCHEMA_FILE.write_text(text)
        print(f"wrote {SCHEMA_FILE}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":    # pragma: no cover
    raise SystemExit(main())
