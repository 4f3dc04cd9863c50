"""A crash-safe store of decided instances: ``exactsep prove --store FILE.sqlite --resume``.

One SQLite file (the standard library's :mod:`sqlite3`) holds, for each claim at a *claim version*
(:func:`claim_version`: the claim's own version number and a digest of its statement, hypotheses and
source module) the instance list of a level and seed (its *plan*, so a resumed run neither redraws
nor re-enumerates the catalogue) and the result of every decided task. A result is committed as
soon as it arrives (write-ahead log; a killed run loses at most the tasks still running), so a
decided instance is never lost and never decided twice: a resumed run reads the decided ones back
and runs only the others.

The store is bound to the package version that wrote it: a store of another exactsep version, a
file that is not a store, or a corrupt one is refused with :class:`~exactsep.errors.StoreError`
(the CLI prints one line and exits 2).

>>> import os, tempfile
>>> from exactsep.proofs import get_claim
>>> path = os.path.join(tempfile.mkdtemp(), "run.sqlite")
>>> st = ProveStore(path)
>>> c = get_claim("groups.burnside")
>>> v = claim_version(c)
>>> st.save_plan(c.id, v, "quick", 0, [{"n": 1}, {"n": 2}])
>>> st.record(c.id, v, task_key("instance", "quick", 0, 1), {"kind": "instance", "holds": True})
True
>>> st.record(c.id, v, task_key("instance", "quick", 0, 1), {"kind": "instance", "holds": True})   # once only
False
>>> st.close()
>>> st = ProveStore(path, resume=True)
>>> st.load_plan(c.id, v, "quick", 0), list(st.decided(c.id, v))
([{'n': 1}, {'n': 2}], ['instance:quick:0:1'])
>>> st.close()
>>> ProveStore(path)
Traceback (most recent call last):
...
exactsep.errors.StoreError: store ... already holds 1 decided task(s); pass --resume to continue it, or choose a new file
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
import sqlite3
import time
from typing import Dict, List, Optional, Tuple

from .. import __version__
from ..errors import StoreError

__all__ = ["ProveStore", "claim_version", "task_key", "STORE_FORMAT", "STORE_SCHEMA"]

STORE_FORMAT = "exactsep-prove-store"
STORE_SCHEMA = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plans (
    claim TEXT NOT NULL, claim_version TEXT NOT NULL, level TEXT NOT NULL, seed INTEGER NOT NULL,
    size INTEGER NOT NULL, instances TEXT NOT NULL, digest TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (claim, claim_version, level, seed));
CREATE TABLE IF NOT EXISTS results (
    claim TEXT NOT NULL, claim_version TEXT NOT NULL, task TEXT NOT NULL,
    summary TEXT NOT NULL, certificate TEXT, decided REAL NOT NULL,
    PRIMARY KEY (claim, claim_version, task));
"""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def claim_version(c) -> str:
    """The version under which a claim's results are stored: ``"v<version>-<digest>"`` where ``version`` is the
    claim's own version number (1 when it has none) and the digest covers its statement, hypotheses,
    quantifier, expectation and the source of the module that implements it (so an edited claim module,
    e.g. a user's ``--proofs-dir`` claim, never reuses stale results)."""
    parts = [c.id, c.statement, "\n".join(c.hypotheses), c.quantifier, getattr(c, "expect", "holds"),
             getattr(c, "drops", "")]
    try:
        parts.append(inspect.getsource(inspect.getmodule(c.check)))
    except (OSError, TypeError):
        parts.append(getattr(c.check, "__qualname__", ""))
    return f"v{getattr(c, 'version', 1)}-{_digest(chr(0).join(map(str, parts)))}"


def task_key(kind: str, level: str, seed: int, index_or_examples: int) -> str:
    """The key of a task within a claim: ``"instance:<level>:<seed>:<index>"`` or
    ``"adversarial:<seed>:<max examples>"``."""
    if kind == "instance":
        return f"instance:{level}:{seed}:{index_or_examples}"
    return f"adversarial:{seed}:{index_or_examples}"


class ProveStore:
    """An open result store. ``resume=False`` refuses a file that already holds decided tasks (so a run
    never mixes into another by accident); ``resume=True`` continues it (or starts a missing file)."""

    def __init__(self, path: str, resume: bool = False):
        self.path = str(path)
        if os.path.isdir(self.path):
            raise StoreError(f"store {self.path} is a directory, not a file")
        existed = os.path.exists(self.path) and os.path.getsize(self.path) > 0
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from None
        try:
            self._open(existed, resume)
        except StoreError:
            self.conn.close()
            raise
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise StoreError(f"store {self.path} is not a readable exactsep store (corrupt or another kind of "
                             f"file: {e})") from None

    def _open(self, existed: bool, resume: bool) -> None:
        c = self.conn
        if existed:
            ok = c.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise StoreError(f"store {self.path} is corrupt (sqlite quick_check: {ok[0] if ok else 'no answer'})")
            tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "meta" not in tables:
                raise StoreError(f"{self.path} is an SQLite file but not an exactsep prove store (no 'meta' table)")
            meta = dict(c.execute("SELECT key, value FROM meta"))
            if meta.get("format") != STORE_FORMAT:
                raise StoreError(f"{self.path} is not an exactsep prove store (format {meta.get('format')!r})")
            if meta.get("schema") != str(STORE_SCHEMA):
                raise StoreError(f"store {self.path} has schema {meta.get('schema')!r}; this exactsep reads schema "
                                 f"{STORE_SCHEMA}: use a new --store file")
            if meta.get("exactsep_version") != __version__:
                raise StoreError(f"store {self.path} was written by exactsep {meta.get('exactsep_version')}, this is "
                                 f"exactsep {__version__}: results of another version are not reused; use a new "
                                 f"--store file")
            if not {"plans", "results"} <= tables:
                raise StoreError(f"store {self.path} is incomplete (missing tables); use a new --store file")
            n = c.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            if n and not resume:
                raise StoreError(f"store {self.path} already holds {n} decided task(s); pass --resume to continue "
                                 f"it, or choose a new file")
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA synchronous=NORMAL")      # with WAL: a committed result survives a crash of the process
        if not existed:
            c.executescript("BEGIN;" + _SCHEMA + "COMMIT;")
        with c:
            c.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
            c.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(STORE_SCHEMA),))
            c.execute("INSERT OR IGNORE INTO meta VALUES ('exactsep_version', ?)", (__version__,))
            c.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (repr(time.time()),))

    # -- plans
    def plan_size(self, claim: str, version: str, level: str, seed: int) -> Optional[int]:
        """The number of instances of the stored plan of (claim, version, level, seed), or None."""
        row = self._query("SELECT size FROM plans WHERE claim = ? AND claim_version = ? AND level = ? AND seed = ?",
                          (claim, version, level, int(seed))).fetchone()
        return None if row is None else int(row[0])

    def load_plan(self, claim: str, version: str, level: str, seed: int) -> Optional[List[dict]]:
        """The stored instance list of (claim, version, level, seed), or None."""
        row = self._query("SELECT instances, digest FROM plans WHERE claim = ? AND claim_version = ? AND level = ? "
                          "AND seed = ?", (claim, version, level, int(seed))).fetchone()
        if row is None:
            return None
        if _digest(row[0]) != row[1]:
            raise StoreError(f"store {self.path}: the stored instance list of {claim} is damaged (digest mismatch)")
        return json.loads(row[0])

    def save_plan(self, claim: str, version: str, level: str, seed: int, instances: List[dict]) -> None:
        text = json.dumps(instances, sort_keys=True, separators=(",", ":"))
        self._write("INSERT OR IGNORE INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (claim, version, level, int(seed), len(instances), text, _digest(text), time.time()))

    # -- results
    def decided(self, claim: str, version: str) -> Dict[str, Tuple[dict, Optional[str]]]:
        """Task key -> (stored result without its certificate, the certificate's JSON text or None) for every
        decided task of (claim, version); :meth:`parse_certificate` reads a certificate when it is needed."""
        rows = self._query("SELECT task, summary, certificate FROM results WHERE claim = ? AND claim_version = ?",
                           (claim, version)).fetchall()
        out = {}
        for task, text, cert in rows:
            try:
                out[task] = (json.loads(text), cert)
            except ValueError:
                raise StoreError(f"store {self.path}: the stored result of {claim} {task} is damaged") from None
        return out

    def parse_certificate(self, claim: str, task: str, text: str) -> dict:
        try:
            return json.loads(text)
        except ValueError:
            raise StoreError(f"store {self.path}: the stored certificate of {claim} {task} is damaged") from None

    def record(self, claim: str, version: str, task: str, result: dict) -> bool:
        """Store a decided task (committed at once). False when it was already stored (it is kept as it was)."""
        summary = {k: v for k, v in result.items() if k != "certificate"}
        cert = result.get("certificate")
        cur = self._write("INSERT OR IGNORE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                          (claim, version, task, json.dumps(summary, separators=(",", ":")),
                           None if cert is None else json.dumps(cert, separators=(",", ":")), time.time()))
        return cur.rowcount == 1

    def count(self) -> int:
        """The number of decided tasks in the store."""
        return self._query("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover
            pass

    def __enter__(self) -> "ProveStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- plumbing: every sqlite error becomes a StoreError naming the file
    def _query(self, sql: str, args=()):
        try:
            return self.conn.execute(sql, args)
        except sqlite3.Error as e:
            raise StoreError(f"store {self.path}: {e}") from None

    def _write(self, sql: str, args=()):
        try:
            with self.conn:
                return self.conn.execute(sql, args)
        except sqlite3.Error as e:
            raise StoreError(f"store {self.path}: cannot write ({e})") from None
