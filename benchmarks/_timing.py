"""Timing helper shared by the benchmark scripts (they run from this directory)."""
import time


def best_time(fn, repeat: int):
    """``(best wall seconds over repeat runs, the result of the last run)``."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out
