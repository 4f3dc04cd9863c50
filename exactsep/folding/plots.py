"""Plots of a folding result (optional extra: ``pip install exactsep[plot]``, i.e. matplotlib).

* :func:`plot_walk`: the Hamming distance from the start ``d_H(pi_1, pi_i)`` and the travelled distance
  ``sum d_H(pi_i, pi_{i+1})`` along t (a step plot over the exact pieces): r1 is the top of the first
  curve, r2 the end of the second.
* :func:`plot_profile`: the running profile chi_k along the walk.
* :func:`plot_folding`: both side by side, saved as a PNG.

matplotlib is imported inside the functions (with the non-interactive Agg backend when saving).
"""
from __future__ import annotations

from itertools import accumulate
from typing import Any, Optional

from .core import walk_stats

__all__ = ["plot_walk", "plot_profile", "plot_folding"]


def _plt():
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - depends on the environment
        from ..errors import InvalidInputError
        raise InvalidInputError("plotting needs matplotlib: pip install 'exactsep[plot]'") from None
    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        try:
            matplotlib.use("Agg")
        except Exception:  # pragma: no cover
            pass
    import matplotlib.pyplot as plt
    return plt


def plot_walk(result, path: Optional[str] = None, ax: Any = None):
    """Step plot of d_H(pi_1, .) and of the travelled Hamming distance along t. Returns the axes."""
    plt = _plt()
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(6, 3.5))
    s = walk_stats(result.walk)                          # the walk is already de-duplicated
    d = list(s.distances_from_start)
    travelled = [0, *accumulate(s.steps)]
    xs = list(result.walk_t)
    if all(isinstance(t, int) for t in xs) and len(set(xs)) == len(xs) and xs == list(range(len(xs))):
        xlabel = "step of the walk"
    else:
        xlabel = "t along the segment"
    xs = [float(t) for t in xs]
    if xlabel.startswith("t") and xs[-1] < 1.0:          # extend the last pattern to the end of the segment
        xs, d, travelled = xs + [1.0], d + [d[-1]], travelled + [travelled[-1]]
    ax.step(xs, d, where="post", label=r"$d_H(\pi_1,\pi_i)$ (max = $r_1$ = %d)" % result.r1)
    ax.step(xs, travelled, where="post", linestyle="--", label=r"travelled (total = $r_2$ = %d)" % result.r2)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Hamming distance")
    ax.set_title(f"walk: chi = {result.chi}")
    ax.legend(loc="upper left", fontsize=8)
    if own and path:
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return ax


def plot_profile(result, path: Optional[str] = None, ax: Any = None):
    """The running profile chi_k along the de-duplicated walk. Returns the axes."""
    plt = _plt()
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(6, 3.5))
    ks = list(range(1, len(result.profile) + 1))
    ax.plot(ks, [float(c) for c in result.profile], marker="o")
    ax.set_xlabel("k (patterns of the walk so far)")
    ax.set_ylabel(r"$\chi_k$")
    ax.set_ylim(-0.05, 1.0)
    ax.set_title(f"profile: chi = {result.chi}, reverse = {result.chi_reverse}")
    if own and path:
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return ax


def plot_folding(result, path: str):
    """Walk and profile side by side, saved to ``path`` (PNG). Returns the path."""
    plt = _plt()
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 3.8))
    plot_walk(result, ax=a)
    plot_profile(result, ax=b)
    fig.tight_layout()
    try:
        fig.savefig(path, dpi=120)
    except OSError as e:
        from ..errors import InvalidInputError
        raise InvalidInputError(f"cannot write plot file {path!r}: {e.strerror}") from None
    finally:
        plt.close(fig)
    return path
