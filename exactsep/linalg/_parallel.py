"""Independent eliminations modulo several primes, spread over the machine's cores.

python-flint matrices cannot be pickled, so a worker pool cannot receive them; a forked child
inherits the parent's memory instead. The child computes its share of the primes and sends back
plain integers through a pipe. Where ``fork`` is unavailable (not Linux/macOS), the machine has one
core, the matrix is small, or anything goes wrong in the child, the work runs sequentially in the
parent: the results are the same integers either way (each is a deterministic function of the
matrix and the prime), so parallelism never changes an answer.

>>> import flint
>>> F = flint.fmpz_mat([[1, 2], [2, 4]])
>>> ranks_mod_primes(F, [1000003, 998244353], min_entries=0)
[1, 1]
"""
from __future__ import annotations

import json
import os
import sys
from typing import List, Sequence

import flint

#: below this many entries the fork costs more than it saves
PARALLEL_MIN_ENTRIES = 150_000


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith(("linux", "darwin")) and \
        os.environ.get("EXACTSEP_NO_FORK", "") == ""


def _rank_mod(F, p: int) -> int:
    return flint.nmod_mat(F, p).rank()


def ranks_mod_primes(F, primes: Sequence[int], *, min_entries: int = None) -> List[int]:
    """``[rank of F mod p for p in primes]``, in order; two processes when it pays."""
    primes = list(primes)
    threshold = PARALLEL_MIN_ENTRIES if min_entries is None else min_entries
    if len(primes) < 2 or available_cores() < 2 or not _can_fork() or F.nrows() * F.ncols() < threshold:
        return [_rank_mod(F, p) for p in primes]
    split = (len(primes) + 1) // 2
    mine, theirs = primes[:split], primes[split:]
    try:
        rfd, wfd = os.pipe()
        pid = os.fork()
    except OSError:
        return [_rank_mod(F, p) for p in primes]
    if pid == 0:  # child: compute, send, leave without running any of the parent's exit handlers
        code = 1
        try:
            os.close(rfd)
            data = json.dumps([_rank_mod(F, p) for p in theirs]).encode()
            with os.fdopen(wfd, "wb") as w:
                w.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(wfd)
    try:
        out = [_rank_mod(F, p) for p in mine]
    finally:
        with os.fdopen(rfd, "rb") as r:
            data = r.read()
        _, status = os.waitpid(pid, 0)
    try:
        got = json.loads(data.decode()) if status == 0 else None
    except ValueError:
        got = None
    if not isinstance(got, list) or len(got) != len(theirs) or not all(isinstance(x, int) for x in got):
        got = [_rank_mod(F, p) for p in theirs]
    return out + got
