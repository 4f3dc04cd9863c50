"""Independent computations modulo several primes, spread over the machine's cores.

python-flint matrices cannot be pickled, so a worker pool cannot receive them; a forked child
inherits the parent's memory instead. The child computes its share of the primes and sends back
plain JSON data (integers, lists) through a pipe. Where ``fork`` is unavailable (not Linux/macOS),
the machine has one core, the work is small, or anything goes wrong in the child, the work runs
sequentially in the parent: each result is a deterministic function of the matrix and the prime,
so parallelism never changes an answer.

>>> import flint
>>> F = flint.fmpz_mat([[1, 2], [2, 4]])
>>> ranks_mod_primes(F, [1000003, 998244353], min_entries=0)
[1, 1]
>>> parallel_map(lambda p: [p % 10, flint.nmod_mat(F, p).rank()], [1000003, 998244353], work=10**9)
[[3, 1], [3, 1]]
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any, Callable, List, Sequence

import flint

#: below this many matrix entries per computation the fork costs more than it saves
PARALLEL_MIN_ENTRIES = 150_000


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith(("linux", "darwin")) and \
        os.environ.get("EXACTSEP_NO_FORK", "") == ""


def parallel_map(job: Callable[[Any], Any], items: Sequence[Any], *, work: int,
               min_entries: int = None, on_item: Callable[[int, int], None] = None) -> List[Any]:
    """``[job(x) for x in items]``, the second half computed in a forked child when it pays.

    ``job`` must return JSON-serialisable data (ints, lists, None) and must not depend on state
    changed by earlier calls; ``work`` is the size of one computation (matrix entries), compared
    with :data:`PARALLEL_MIN_ENTRIES` (or ``min_entries``). ``on_item(done, shares)`` is called in
    the parent after each item it computed (``done`` items of its own, ``shares`` = number of
    processes at work), for progress reports.
    """
    def run(xs, shares):
        out = []
        for x in xs:
            out.append(job(x))
            if on_item is not None:
                on_item(len(out), shares)
        return out

    items = list(items)
    threshold = PARALLEL_MIN_ENTRIES if min_entries is None else min_entries
    if len(items) < 2 or available_cores() < 2 or not _can_fork() or work < threshold:
        return run(items, 1)
    split = (len(items) + 1) // 2
    mine, theirs = items[:split], items[split:]
    try:
        rfd, wfd = os.pipe()
        pid = os.fork()
    except OSError:
        return run(items, 1)
    if pid == 0:  # child: compute, send, leave without running any of the parent's exit handlers
        code = 1
        try:
            os.close(rfd)
            data = json.dumps([job(x) for x in theirs]).encode()
            with os.fdopen(wfd, "wb") as w:
                w.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(wfd)
    try:
        out = run(mine, 2)
    finally:
        with os.fdopen(rfd, "rb") as r:
            data = r.read()
        _, status = os.waitpid(pid, 0)
    try:
        got = json.loads(data.decode()) if status == 0 else None
    except ValueError:
        got = None
    if not isinstance(got, list) or len(got) != len(theirs):
        got = [job(x) for x in theirs]
    return out + got


def ranks_mod_primes(F, primes: Sequence[int], *, min_entries: int = None) -> List[int]:
    """``[rank of F mod p for p in primes]``, in order; two processes when it pays."""
    got = parallel_map(lambda p: flint.nmod_mat(F, p).rank(), primes,
                     work=F.nrows() * F.ncols(), min_entries=min_entries)
    if not all(isinstance(x, int) for x in got):      # a corrupted answer from the child: redo
        got = [flint.nmod_mat(F, p).rank() for p in primes]
    return got
