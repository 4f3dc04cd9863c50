"""Running the registry: seeded instance sweeps, adversarial search, parallel execution, reports.

>>> from exactsep.proofs import run_claims
>>> rep = run_claims(["groups.burnside"], level="quick", workers=1, adversarial=False)
>>> rep.ok, rep.claims[0].status
(True, 'passed')
"""
from __future__ import annotations

import os
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ..errors import InvalidSpecError
from .certificates import make_certificate
from .registry import Claim, all_claims, get_claim, is_undecided, jsonable, load_claims
from .sampling import check_level

__all__ = ["run_claims", "ProveReport", "ClaimResult", "execute_task", "execute_tasks", "find_counterexample",
           "instances_for", "write_certificates", "shrink_counterexample", "default_shrink_candidates"]

ADVERSARIAL_EXAMPLES = {"quick": 15, "full": 120}


def _rng(seed: int, claim_id: str) -> random.Random:
    return random.Random(f"exactsep-proofs:{seed}:{claim_id}")


def instances_for(c: Claim, level: str = "quick", seed: int = 0) -> List[dict]:
    """The seeded instances of a claim at a level (the same on every machine for the same seed)."""
    check_level(level)
    return [jsonable(i) for i in c.instances(level, _rng(seed, c.id))]


# ----------------------------------------------------------------------------- tasks (run in workers)
def _check_one(c: Claim, inst: dict) -> Tuple[Optional[dict], Optional[str]]:
    try:
        return c.check(inst), None
    except Exception as e:  # an engine crashing on a valid instance is reported, not hidden
        return None, f"{type(e).__name__}: {e}"


def find_counterexample(c: Claim, seed: int = 0, max_examples: int = 50) -> Dict[str, Any]:
    """Adversarial search with hypothesis: the smallest instance (after shrinking) on which the claim
    fails, or ``{"found": False}``. Returns ``{"found", "examples", "instance", "outcome"}``."""
    if c.strategy is None:
        return {"found": False, "examples": 0}
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.errors import NoSuchExample
    count = [0]

    def fails(inst) -> bool:
        count[0] += 1
        out, err = _check_one(c, jsonable(inst))
        return err is None and not out["holds"] and not is_undecided(out)

    s = settings(max_examples=max_examples, deadline=None, database=None, derandomize=False,
                 suppress_health_check=list(HealthCheck),
                 phases=[Phase.generate, Phase.shrink])
    try:
        with hypothesis_storage():
            inst = find(c.strategy(), fails, settings=s, random=random.Random(f"adversarial:{seed}:{c.id}"))
    except NoSuchExample:
        return {"found": False, "examples": count[0]}
    inst = jsonable(inst)
    return {"found": True, "examples": count[0], "instance": inst, "outcome": c.check(inst)}


def user_cache_dir() -> str:
    """exactsep's directory under the user's cache directory (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux,
    ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows): ``.../exactsep``."""
    import sys
    home = os.path.expanduser("~")
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
    elif sys.platform == "darwin":
        base = os.path.join(home, "Library", "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    return os.path.join(base, "exactsep")


@contextmanager
def hypothesis_storage():
    """While hypothesis searches for counterexamples, keep its files (e.g. the constants cache) under
    ``user_cache_dir()/hypothesis`` instead of ``./.hypothesis`` in whatever directory the command (or a dask
    worker) runs in. A directory chosen by the user through ``$HYPOTHESIS_STORAGE_DIRECTORY`` is respected;
    the previous setting is restored afterwards (so a test session keeps its own)."""
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        yield
        return
    from hypothesis import configuration
    previous = configuration.storage_directory(intent_to_write=False).home_directory
    target = os.path.join(user_cache_dir(), "hypothesis")
    try:
        os.makedirs(target, exist_ok=True)
    except OSError:                      # no writable cache directory: a private temporary one
        import tempfile
        target = tempfile.mkdtemp(prefix="exactsep-hypothesis-")
    configuration.set_hypothesis_home_dir(target)
    try:
        yield
    finally:
        configuration.set_hypothesis_home_dir(previous)


def _int_leaf_moves(obj, path=()):
    """Candidate simplifications of a JSON instance: each integer leaf moved toward 0 (to 0, halved, by one)."""
    if isinstance(obj, bool):
        return
    if isinstance(obj, int):
        for y in (0, obj // 2 if obj > 0 else -((-obj) // 2), obj - 1 if obj > 0 else obj + 1):
            if abs(y) < abs(obj):
                yield path, y
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _int_leaf_moves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _int_leaf_moves(v, path + (i,))


def _replaced(obj, path, value):
    if not path:
        return value
    import copy
    out = copy.deepcopy(obj)
    cur = out
    for k in path[:-1]:
        cur = cur[k]
    cur[path[-1]] = value
    return out


def default_shrink_candidates(instance: dict):
    """Generic shrinking moves: drop one element of an ``inputs`` / ``points`` list (keeping two), then move
    the integer entries of the data lists (``inputs``, ``points``, ``theta``, ``x1``, ``x2``) toward zero. Invalid candidates are harmless: an instance whose check raises never
    counts as a counterexample."""
    for key in ("inputs", "points", "candidates"):
        v = instance.get(key) if isinstance(instance, dict) else None
        if isinstance(v, list) and len(v) > 2:
            for i in range(len(v)):
                yield dict(instance, **{key: v[:i] + v[i + 1:]})
    if not isinstance(instance, dict):
        return
    for key in ("inputs", "points", "theta", "x1", "x2", "candidates"):
        if isinstance(instance.get(key), list):
            for path, y in _int_leaf_moves(instance[key], (key,)):
                yield _replaced(instance, path, y)


def shrink_counterexample(c: Claim, cert: dict, max_checks: int = 300) -> dict:
    """Greedy shrinking of a counterexample: apply the claim's ``shrink`` moves (default
    :func:`default_shrink_candidates`) while the claim still fails and the size decreases. The result is
    1-minimal for those moves (or the budget ran out), and its certificate is recomputed."""
    moves = c.shrink or default_shrink_candidates
    inst = cert["instance"]
    size = c.size_of(inst)
    checks = 0
    improved = True
    while improved and checks < max_checks:
        improved = False
        for cand in moves(inst):
            cand = jsonable(cand)
            cs = c.size_of(cand)
            if not cs < size:
                continue
            checks += 1
            out, err = _check_one(c, cand)
            if err is None and not out["holds"] and not is_undecided(out):
                inst, size, cert = cand, cs, make_certificate(c, cand, out)
                improved = True
                break
            if checks >= max_checks:
                break
    return cert


def execute_task(task: tuple) -> dict:
    """Run one task: ``("instance", claim_id, index, instance)`` or ``("adversarial", claim_id, seed, n)``."""
    kind, claim_id = task[0], task[1]
    c = get_claim(claim_id)
    t0 = time.perf_counter()
    if kind == "instance":
        _, _, idx, inst = task
        out, err = _check_one(c, inst)
        res = {"kind": "instance", "claim": claim_id, "index": idx, "family": c.family_of(inst),
               "error": err, "holds": None if out is None else out["holds"],
               "undecided": out is not None and is_undecided(out),
               "certificate": None if out is None else make_certificate(c, inst, out)}
        if err is not None:
            res["instance"] = inst
    else:
        _, _, seed, n = task
        r = find_counterexample(c, seed, n)
        res = {"kind": "adversarial", "claim": claim_id, "found": r["found"], "examples": r["examples"],
               "certificate": make_certificate(c, r["instance"], r["outcome"]) if r["found"] else None}
        if r["found"]:
            res["family"] = c.family_of(r["instance"])
    res["seconds"] = time.perf_counter() - t0
    return res


def _init_worker(extra_dirs):  # pragma: no cover - runs in worker processes
    load_claims(extra_dirs)


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ClaimResult:
    """The outcome of one claim over its catalogue."""
    id: str
    statement: str
    provenance: str
    quantifier: str
    status: str                       # passed | degenerate | refuted (expected) | failed | error | skipped
    expect: str = "holds"
    checked: int = 0
    passed: int = 0
    counterexamples: int = 0
    errors: int = 0
    seconds: float = 0.0
    families: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    adversarial_examples: int = 0
    counterexample: Optional[dict] = None     # the minimal counterexample's certificate
    error_messages: Tuple[str, ...] = ()
    reason: str = ""
    certificates: Tuple[dict, ...] = ()
    error_instance: Optional[dict] = None     # the first instance on which the check raised
    generic_witnesses: Optional[int] = None   # existence claims with witness quality: generic witnesses found
    drops: str = ""                           # a naive form: the hypothesis it drops
    source: str = ""

    @property
    def part(self) -> str:
        """The part of exactsep the claim belongs to (for grouping reports)."""
        return part_of(self.id)

    def to_json(self, with_certificates: bool = False) -> dict:
        d = {"id": self.id, "statement": self.statement, "provenance": self.provenance,
             "quantifier": self.quantifier, "expect": self.expect, "status": self.status, "checked": self.checked, "passed": self.passed,
             "counterexamples": self.counterexamples, "errors": self.errors,
             "seconds": round(self.seconds, 3), "adversarial_examples": self.adversarial_examples,
             "families": {k: dict(v, seconds=round(v["seconds"], 3)) for k, v in self.families.items()}}
        if self.reason:
            d["reason"] = self.reason
        if self.generic_witnesses is not None:
            d["generic_witnesses"] = self.generic_witnesses
        if self.drops:
            d["drops"] = self.drops
        if self.error_messages:
            d["error_messages"] = list(self.error_messages)
        if self.error_instance is not None:
            d["error_instance"] = self.error_instance
        if self.counterexample is not None:
            d["counterexample"] = self.counterexample
        if with_certificates:
            d["certificates"] = list(self.certificates)
        return d


@dataclass(frozen=True)
class ProveReport:
    """The outcome of a registry run."""
    level: str
    seed: int
    workers: int                      # local processes, or the dask cluster's workers (0: nothing ran)
    seconds: float
    claims: Tuple[ClaimResult, ...]
    executor: str = "process"
    resumed: int = 0                  # tasks read back from the store instead of run
    ran: int = 0                      # tasks run by this invocation
    store: Optional[str] = None
    scheduler: Optional[str] = None

    @property
    def ok(self) -> bool:
        """True when no claim failed or errored (skipped claims do not count against it; an existence claim
        established only by degenerate witnesses holds, and is reported as ``degenerate``, not ``passed``)."""
        return all(c.status in ("passed", "skipped", "refuted", "degenerate") for c in self.claims)

    def counts(self) -> Dict[str, int]:
        out: Dict[str, int] = {}
        for c in self.claims:
            out[c.status] = out.get(c.status, 0) + 1
        return out

    def to_json(self) -> dict:
        d = {"ok": self.ok, "level": self.level, "seed": self.seed, "executor": self.executor,
             "workers": self.workers, "seconds": round(self.seconds, 3), "summary": self.counts(),
             "instances_checked": sum(c.checked for c in self.claims)}
        if self.scheduler is not None:
            d["scheduler"] = self.scheduler
        if self.store is not None:
            d["store"] = self.store
            d["resumed_from_store"] = self.resumed
        d["tasks_run"] = self.ran
        d["claims"] = [c.to_json() for c in self.claims]
        return d

    def to_text(self) -> str:
        lines = []
        for c in self.claims:
            extra = f"  ({c.reason})" if c.reason else ""
            if c.quantifier == "exists":
                # an existence claim: the instances are candidates, one witness establishes it
                gen = "" if c.generic_witnesses is None else f", {c.generic_witnesses} generic"
                lines.append(f"{c.status.upper():8s} {c.id:42s} exists: {c.passed} of {c.checked} candidates are "
                             f"witnesses{gen} (one suffices), {c.seconds:.2f}s{extra}")
            else:
                lines.append(f"{c.status.upper():8s} {c.id:42s} {c.passed}/{c.checked} instances, "
                             f"{c.counterexamples} counterexamples, {c.seconds:.2f}s{extra}")
        n = self.counts()
        lines.append(f"{sum(c.checked for c in self.claims)} instances of {len(self.claims)} claims in "
                     f"{self.seconds:.1f}s: " + ", ".join(f"{v} {k}" for k, v in sorted(n.items())))
        where = (f"dask cluster {self.scheduler or '(local)'} with {self.workers} worker(s)"
                 if self.executor == "dask" else f"{self.workers} local worker(s)")
        if self.store is not None:
            lines.append(f"level {self.level}, seed {self.seed}, {where}; store {self.store}: {self.resumed} task(s) "
                         f"read back, {self.ran} run now (each committed when decided)")
        else:
            lines.append(f"level {self.level}, seed {self.seed}, {where}")
        return "\n".join(lines)

    def to_markdown(self, certificate_dir: Optional[str] = None) -> str:
        """A Markdown report: the claims grouped by part of exactsep (outcome, instances, provenance, source,
        certificate directory when ``certificate_dir`` is given), a table claim x group family, and every
        minimal counterexample with what it shows."""
        import json
        esc = lambda t: str(t).replace("|", "\\|").replace("\n", " ")
        out = ["# exactsep prove report", "",
               f"Level `{self.level}`, seed {self.seed}, {self.workers} worker(s), {self.seconds:.1f} s. "
               f"Result: **{'all claims hold' if self.ok else 'FAILURES'}** "
               f"({', '.join(f'{v} {k}' for k, v in sorted(self.counts().items()))}).", "",
               "Outcomes: *passed* (every instance holds, or a generic witness exists), *degenerate* (an existence "
               "claim whose only witnesses are degenerate parameters), *refuted* (a statement registered as false, "
               "e.g. a naive form with a hypothesis dropped, and its counterexample found), *failed*, *error*, "
               "*skipped*."]
        parts: Dict[str, List[ClaimResult]] = {}
        for c in self.claims:
            parts.setdefault(c.part, []).append(c)
        order = [p for _, p in PARTS] + ["Other"]
        for part in sorted(parts, key=lambda p: order.index(p) if p in order else len(order)):
            out += ["", f"## {part}", "", "| claim | outcome | instances | provenance | statement | source | "
                    "certificates |", "|---|---|---|---|---|---|---|"]
            for c in parts[part]:
                st = f"**{c.status}**" + (f": {c.reason}" if c.reason else "")
                if c.quantifier == "exists":
                    inst = f"{c.passed} of {c.checked} candidates are witnesses" + (
                        "" if c.generic_witnesses is None else f" ({c.generic_witnesses} generic)")
                else:
                    inst = f"{c.passed}/{c.checked} hold, {c.counterexamples} counterexample(s)"
                where = f"`{certificate_dir.rstrip('/')}/{c.id}/`" if certificate_dir else "-"
                out.append(f"| `{c.id}` | {esc(st)} | {esc(inst)} | {esc(c.provenance)} | {esc(c.statement)} | "
                           f"{esc(c.source)} | {where} |")
        out += ["", "## Claim x group family", "",
                "| claim | family | instances checked | passed | counterexamples found | errors | time (s) |",
                "|---|---|---:|---:|---:|---:|---:|"]
        for c in self.claims:
            if not c.families:
                out.append(f"| `{c.id}` | - | 0 | 0 | 0 | 0 | 0.00 |")
            for fam in sorted(c.families):
                f = c.families[fam]
                out.append(f"| `{c.id}` | {fam} | {f['checked']} | {f['passed']} | {f['counterexamples']} | "
                           f"{f['errors']} | {f['seconds']:.2f} |")
        bad = [c for c in self.claims if c.counterexample is not None]
        if bad:
            out += ["", "## Minimal counterexamples", ""]
            for c in bad:
                out += [f"### `{c.id}`", "", "```json", json.dumps(c.counterexample["instance"], indent=1),
                        "```", "", f"Check: {c.counterexample['check']}", ""]
                scope = c.counterexample.get("computed", {}).get("scope")
                if c.status == "refuted":
                    out += [f"What it shows: {scope or c.reason}", ""]
                if certificate_dir:
                    out += [f"Certificate: `{certificate_dir.rstrip('/')}/{c.id}/counterexample.json` "
                            f"(`exactsep verify` re-checks it).", ""]
        return "\n".join(out) + "\n"


def _aggregate(c: Claim, results: List[dict], seconds: float) -> ClaimResult:
    fams: Dict[str, Dict[str, Any]] = {}
    checked = passed = errors = n_undecided = 0
    failures: List[dict] = []
    certs: List[dict] = []
    msgs: List[str] = []
    adv_examples = 0
    adv_cert = None
    error_instance = None
    for r in results:
        if r["kind"] == "adversarial":
            adv_examples += r["examples"]
            if r["found"]:
                adv_cert = r["certificate"]
            continue
        f = fams.setdefault(r["family"], {"checked": 0, "passed": 0, "counterexamples": 0, "errors": 0,
                                          "seconds": 0.0})
        f["seconds"] += r["seconds"]
        if r["error"] is not None:
            errors += 1
            f["errors"] += 1
            msgs.append(r["error"])
            if error_instance is None:
                error_instance = r.get("instance")
            continue
        checked += 1
        f["checked"] += 1
        if r.get("certificate") is not None:        # a passing certificate not read back from a store is absent
            certs.append(r["certificate"])
        if r["holds"]:
            passed += 1
            f["passed"] += 1
        elif r.get("undecided") or (r.get("certificate") or {}).get("result") == "undecided":
            n_undecided += 1          # a bounded search found nothing: neither a pass nor a counterexample
        else:
            failures.append(r["certificate"])
            if c.quantifier == "forall":
                f["counterexamples"] += 1
    counterexample = None
    n_counter = 0
    if c.quantifier == "forall":
        n_counter = len(failures) + (1 if adv_cert is not None else 0)
        if adv_cert is not None:
            fam = c.family_of(adv_cert["instance"])
            f = fams.setdefault(fam, {"checked": 0, "passed": 0, "counterexamples": 0, "errors": 0,
                                      "seconds": 0.0})
            f["counterexamples"] += 1
        cands = failures + ([adv_cert] if adv_cert is not None else [])
        if cands:
            best = min(cands, key=lambda cert: (c.size_of(cert["instance"]), repr(cert["instance"])))
            counterexample = shrink_counterexample(c, best)
        status = "failed" if n_counter else ("error" if errors else ("undecided" if n_undecided else "passed"))
        reason = (f"{n_undecided} instance(s) undecided: a bounded search found nothing, which proves neither the "
                  f"claim nor a counterexample") if status == "undecided" else ""
        if status == "passed" and checked == 0:
            status, reason = "skipped", "no instances at this level"
        elif c.expected_refuted:
            if status == "failed":
                status, reason = "refuted", refuted_reason(c)
            elif status in ("passed", "undecided"):
                status, reason = "failed", "expected a counterexample, none proven" + (
                    f" ({n_undecided} instance(s) undecided)" if n_undecided else "")
    else:
        status = "passed" if passed else ("error" if errors else "failed")
        reason = "" if passed else "no witness among the candidates"
    generic = None
    if c.quantifier == "exists" and c.witness_quality:
        wq = [(cert["computed"].get("witness_quality") or {}) for cert in certs if cert["holds"]]
        generic = sum(1 for q in wq if q.get("generic") is True)
        if status == "passed" and generic == 0:
            fails = sorted({f for q in wq for f in q.get("failed", [])})
            status = "degenerate"
            reason = "only degenerate witnesses: " + ("; ".join(fails) if fails else "genericity not recorded")
    return ClaimResult(c.id, c.statement, c.provenance, c.quantifier, status, c.expect, checked, passed, n_counter,
                       errors, seconds, fams, adv_examples, counterexample, tuple(msgs[:5]), reason, tuple(certs),
                       error_instance, generic, c.drops, c.source)


def refuted_reason(c: Claim) -> str:
    """The reason line of an expected refutation: the hypothesis a naive form drops, or that the statement is
    false as its source states it."""
    if c.drops:
        return (f"refuted as expected: this naive form drops the hypothesis '{c.drops}'; the theorem with it is "
                f"not contradicted")
    return "refuted as expected: the statement is false as stated (the counterexample is in its own setting)"


PARTS = (("groups", "Groups"), ("catalogue", "Groups"), ("separation", "Separation power"),
         ("hierarchy", "Separation power"), ("fundim", "ReLU functional dimension and fibers"),
         ("folding", "Space folding"), ("srhm", "Sparse Random Hierarchy Model"))


def part_of(claim_id: str) -> str:
    """The part of exactsep a claim id belongs to (its prefix), for grouping reports."""
    prefix = claim_id.split(".", 1)[0]
    return dict(PARTS).get(prefix, "Other")


def _select(claim_ids: Optional[Sequence[str]], extra_dirs: Sequence[str]) -> List[Claim]:
    claims = all_claims(extra_dirs)
    if not claim_ids:
        return claims
    out = []
    for pat in claim_ids:
        import fnmatch
        hits = [c for c in claims if c.id == pat or c.id.startswith(pat) or fnmatch.fnmatchcase(c.id, pat)]
        if not hits:
            raise InvalidSpecError(f"no claim matches {pat!r}; known claims: {', '.join(c.id for c in claims)}")
        out.extend(h for h in hits if h not in out)
    return out


def run_claims(claim_ids: Optional[Sequence[str]] = None, *, level: str = "quick", seed: int = 0,
               workers: Optional[int] = 1, executor: str = "process", adversarial: bool = True,
               max_examples: Optional[int] = None, extra_dirs: Sequence[str] = (),
               scheduler: Optional[str] = None,
               progress: Optional[Callable[[int, int, str], None]] = None,
               store=None, resume: bool = False, scheduler_timeout: float = 10.0,
               batch_size: Optional[int] = None, certificates: bool = True) -> ProveReport:
    """Check the registry (or the claims ``claim_ids``: an id, a prefix such as ``"separation"`` or a glob such
    as ``"*naive"`` selects several).

    ``level`` ``"quick"`` or ``"full"``; ``workers`` processes (``None``: all cores; 1: in this process);
    ``executor`` ``"process"`` or ``"dask"`` (dask.distributed: ``scheduler`` the address of a running
    scheduler, ``tcp://host:port`` or a scheduler file, reached within ``scheduler_timeout`` seconds; without
    it a local cluster of ``workers`` processes); ``adversarial``: also run the hypothesis search
    (``max_examples`` per claim) for a shrunk counterexample; ``progress(done, total, label)`` is called after
    each task. ``store``: a path (or an open :class:`~exactsep.proofs.store.ProveStore`) where every decided
    task is committed as it arrives; with ``resume=True`` the tasks it already holds (same claim version, same
    package version) are read back instead of run. ``batch_size`` tasks are sent to a worker at a time
    (default: chosen from the number of tasks and workers). ``certificates=False`` lets a resumed run skip
    reading back the certificates its verdicts do not need (those of passing instances of ``forall`` claims),
    which are then missing from :attr:`ClaimResult.certificates`.
    """
    check_level(level)
    t_start = time.perf_counter()
    claims = _select(claim_ids, extra_dirs)
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise InvalidSpecError(f"workers must be a positive integer, got {workers!r}")
    if executor not in ("process", "dask"):
        raise InvalidSpecError(f"unknown executor {executor!r}; use 'process' or 'dask'")
    if scheduler is not None and executor != "dask":
        raise InvalidSpecError("a scheduler address needs the dask executor (--executor dask)")
    if batch_size is not None and (not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1):
        raise InvalidSpecError(f"batch size must be a positive integer, got {batch_size!r}")
    if resume and store is None:
        raise InvalidSpecError("resume needs a store: give --store FILE.sqlite")
    n_adv = ADVERSARIAL_EXAMPLES[level] if max_examples is None else max_examples
    from .store import ProveStore, claim_version, task_key
    own_store = store is not None and not isinstance(store, ProveStore)
    st = ProveStore(store, resume=resume) if own_store else store
    try:
        tasks: List[Optional[tuple]] = []              # None: a task read back from the store
        keys: List[Tuple[str, str, str]] = []          # (claim, claim version, task key) of each task
        skipped: Dict[str, str] = {}
        results: List[dict] = []
        pending: List[int] = []
        for c in claims:
            missing = c.missing()
            if missing:
                skipped[c.id] = f"needs {', '.join(missing)}, not available"
                continue
            cv = claim_version(c) if st is not None else ""
            n = st.plan_size(c.id, cv, level, seed) if st is not None else None
            insts = None
            if n is None:
                try:
                    insts = instances_for(c, level, seed)
                except Exception as e:  # a broken instance generator is an error of that claim
                    skipped[c.id] = f"error: instance generation failed: {type(e).__name__}: {e}"
                    continue
                if st is not None:
                    st.save_plan(c.id, cv, level, seed, insts)
                n = len(insts)
            decided = st.decided(c.id, cv) if st is not None else {}
            # a stored certificate is parsed only when the verdict needs it (a failure, a witness, an adversarial
            # find) or when the caller keeps every certificate
            need_all = certificates or c.quantifier == "exists"
            claim_tasks = [("instance", i) for i in range(n)]
            if adversarial and c.strategy is not None and c.quantifier == "forall" and n_adv > 0:
                claim_tasks.append(("adversarial", n_adv))
            for kind, arg in claim_tasks:
                key = task_key(kind, level, seed, arg)
                keys.append((c.id, cv, key))
                got = decided.get(key)
                if got is not None:
                    summary, cert_text = got
                    if cert_text is not None and (need_all or not summary.get("holds", True) or summary.get("found")):
                        summary["certificate"] = st.parse_certificate(c.id, key, cert_text)
                    results.append(summary)
                    tasks.append(None)
                    continue
                if kind == "instance":
                    if insts is None:
                        insts = st.load_plan(c.id, cv, level, seed)
                    tasks.append(("instance", c.id, arg, insts[arg]))
                else:
                    tasks.append(("adversarial", c.id, seed, arg))
                pending.append(len(tasks) - 1)
        total = len(tasks)
        resumed = len(results)
        if resumed and progress is not None:
            progress(resumed, total, "read from the store")
        # expensive tasks first helps the pool; adversarial searches are the longest
        pending.sort(key=lambda i: 0 if tasks[i][0] == "adversarial" else 1)

        def note(i: int, r: dict) -> None:
            if st is not None and r.get("error") is None:       # an engine error is not a decision: not stored
                st.record(*keys[i], r)
            results.append(r)
            if progress is not None:
                progress(len(results), total, r["claim"])

        used_workers = workers
        if not pending:
            # nothing to run (all resumed): a named cluster still reports its workers; a local one was not started
            used_workers = (_dask_worker_count(scheduler, scheduler_timeout) if scheduler else 0) \
                if executor == "dask" else workers
        elif executor == "dask":
            used_workers = _run_dask(tasks, pending, note, scheduler, extra_dirs, workers, scheduler_timeout,
                                     batch_size, st)
        elif workers == 1 or len(pending) <= 1:
            for i in pending:
                note(i, execute_task(tasks[i]))
        else:
            _run_processes(tasks, pending, note, workers, extra_dirs, batch_size)
    finally:
        if own_store and st is not None:
            st.close()
    by_claim: Dict[str, List[dict]] = {}
    secs: Dict[str, float] = {}
    for r in results:
        by_claim.setdefault(r["claim"], []).append(r)
        secs[r["claim"]] = secs.get(r["claim"], 0.0) + r["seconds"]
    out = []
    for c in claims:
        if c.id in skipped:
            reason = skipped[c.id]
            status = "error" if reason.startswith("error") else "skipped"
            out.append(ClaimResult(c.id, c.statement, c.provenance, c.quantifier, status, c.expect, reason=reason))
            continue
        rs = sorted(by_claim.get(c.id, []), key=lambda r: (r["kind"], r.get("index", 0)))
        out.append(_aggregate(c, rs, secs.get(c.id, 0.0)))
    return ProveReport(level, seed, used_workers, time.perf_counter() - t_start, tuple(out), executor=executor,
                       resumed=resumed, ran=len(results) - resumed, store=None if st is None else st.path,
                       scheduler=scheduler if executor == "dask" else None)


def execute_tasks(batch: Sequence[tuple]) -> List[dict]:
    """Run a batch of tasks (:func:`execute_task` on each, in order): the unit shipped to a worker."""
    return [execute_task(t) for t in batch]


def _batches(pending: Sequence[int], tasks: Sequence[tuple], workers: int, batch_size: Optional[int]) -> List[List[int]]:
    """Consecutive pending tasks grouped for shipping: adversarial searches alone, instance checks in batches
    (default: about 1/(8 workers) of the instance tasks, at most 16, so the pool stays balanced to the end)."""
    inst = [i for i in pending if tasks[i][0] == "instance"]
    if batch_size is None:
        batch_size = max(1, min(16, len(inst) // (8 * max(workers, 1))))
    out = [[i] for i in pending if tasks[i][0] != "instance"]
    out += [inst[k:k + batch_size] for k in range(0, len(inst), batch_size)]
    return out


def _run_processes(tasks, pending, note, workers, extra_dirs, batch_size) -> None:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed
    try:
        ctx = mp.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        ctx = None
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(tuple(extra_dirs),)) as ex:
        futs = {ex.submit(execute_tasks, [tasks[i] for i in b]): b for b in _batches(pending, tasks, workers, batch_size)}
        for fu in as_completed(futs):
            for i, r in zip(futs[fu], fu.result()):
                note(i, r)


def _worker_info() -> dict:  # pragma: no cover - runs on dask workers
    import sys as _sys
    from .. import __version__ as v
    return {"exactsep": v, "python": _sys.version.split()[0]}


def _dask_worker_count(scheduler: str, timeout: float) -> int:
    """The number of workers of the dask cluster at ``scheduler`` (an address or a scheduler file)."""
    try:
        from dask.distributed import Client  # type: ignore
    except ImportError:
        raise InvalidSpecError("--executor dask needs dask.distributed: pip install 'exactsep[dask]'") from None
    from ..errors import ExecutorError
    kw = {"scheduler_file": scheduler} if os.path.isfile(scheduler) else {"address": scheduler}
    try:
        client = Client(timeout=f"{timeout}s", set_as_default=False, **kw)
    except (OSError, TimeoutError, ValueError) as e:
        raise ExecutorError(f"cannot reach the dask scheduler at {scheduler} within {timeout:g} s "
                            f"({type(e).__name__}: {e})") from None
    try:
        return len(client.scheduler_info()["workers"])
    finally:
        client.close()


def _run_dask(tasks, pending, note, scheduler, extra_dirs, n_workers, timeout, batch_size, st) -> int:
    """Run the pending tasks on a dask.distributed cluster; returns the number of workers it had."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed  # type: ignore
        from distributed import KilledWorker  # type: ignore
    except ImportError:
        raise InvalidSpecError("--executor dask needs dask.distributed: pip install 'exactsep[dask]'") from None
    from .. import __version__
    from ..errors import ExecutorError
    if extra_dirs:
        raise InvalidSpecError("--executor dask runs the installed claims only; extra proofs directories are "
                               "not shipped to the cluster")
    import logging
    cluster = None
    where = scheduler or "a local cluster"
    try:
        if scheduler:
            kw = {"scheduler_file": scheduler} if os.path.isfile(scheduler) else {"address": scheduler}
            client = Client(timeout=f"{timeout}s", set_as_default=False, **kw)
        else:
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        if cluster is not None:
            cluster.close()
        raise ExecutorError(f"cannot reach the dask scheduler at {where} within {timeout:g} s "
                            f"({type(e).__name__}: {e})") from None
    kept = "" if st is None else f"; the decided ones are in the store {st.path}: re-run with --resume"
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (TimeoutError, OSError):
            raise ExecutorError(f"the dask scheduler at {where} has no workers (waited {timeout:g} s)") from None
        versions = client.run(_worker_info)
        bad = {w: i["exactsep"] for w, i in versions.items() if i["exactsep"] != __version__}
        if bad:
            raise ExecutorError(f"dask workers run another exactsep version than this one ({__version__}): "
                                + ", ".join(f"{w}: {v}" for w, v in sorted(bad.items())))
        n = len(client.scheduler_info()["workers"])
        batches = _batches(pending, tasks, n, batch_size)
        futs = client.map(execute_tasks, [[tasks[i] for i in b] for b in batches], pure=False)
        index = {f.key: b for f, b in zip(futs, batches)}
        queue = as_completed(futs, loop=client.loop)
        del futs                     # only the queue holds the futures: a result read is released at once
        lost = []
        for fu in queue:
            try:
                rs = fu.result()
            except KilledWorker as e:
                lost.append((index[fu.key], e))
                continue
            except Exception as e:
                raise ExecutorError(f"a dask task failed on the cluster at {where}: {type(e).__name__}: {e}"
                                    f"{kept}") from None
            finally:
                fu.release()         # so a worker dying later does not make the cluster recompute it
            for i, r in zip(index[fu.key], rs):
                note(i, r)
        if lost:
            nlost = sum(len(b) for b, _ in lost)
            raise ExecutorError(f"{nlost} task(s) were lost: the dask workers running them kept dying "
                                f"({lost[0][1]}){kept}")
        return n
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_certificates(report: ProveReport, directory: str, all_instances: bool = True) -> Dict[str, List[str]]:
    """Write the certificates of a run under ``directory/<claim id>/``: ``<index>.json`` for each checked
    instance (when ``all_instances``) and ``counterexample.json`` for a claim's minimal counterexample.
    Returns the paths written per claim id."""
    import json
    paths: Dict[str, List[str]] = {}
    for c in report.claims:
        d = os.path.join(directory, c.id)
        written = []
        certs = list(c.certificates) if all_instances else []
        if certs or c.counterexample is not None:
            os.makedirs(d, exist_ok=True)
        for i, cert in enumerate(certs):
            p = os.path.join(d, f"{i:04d}.json")
            with open(p, "w", encoding="utf-8") as f:
                json.dump(cert, f, indent=1)
            written.append(p)
        if c.counterexample is not None:
            p = os.path.join(d, "counterexample.json")
            with open(p, "w", encoding="utf-8") as f:
                json.dump(c.counterexample, f, indent=1)
            written.append(p)
        paths[c.id] = written
    return paths
