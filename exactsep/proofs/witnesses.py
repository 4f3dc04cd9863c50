"""Generic, small witnesses for the ReLU existence claims of the registry.

:func:`find_relu_witness` searches small ReLU architectures (smallest first) for a parameter with a property,
prefers *generic* parameters (the exact conditions of :func:`exactsep.relu.quality.witness_quality`: no zero
weight row or column, no zero output weight, every hidden neuron active on some region and inactive on
another, no coinciding bent hyperplanes, small heights) and shrinks the first generic witness toward small
heights (:func:`exactsep.relu.quality.shrink_parameters`) while the property and genericity still hold. When
an architecture yields only degenerate witnesses the next one is tried; the best degenerate witness is
returned (flagged ``generic: False``) only when no architecture yields a generic one, so that the claim can
report "only degenerate witnesses" as its own outcome (see :mod:`exactsep.proofs.runner`).

>>> from exactsep.proofs.witnesses import find_relu_witness
>>> w = find_relu_witness([[1, 2, 1]], 20, 0, lambda widths, theta, extra: (True, {}))
>>> w["generic"], w["widths"]
(True, [1, 2, 1])
"""
from __future__ import annotations

import random
from fractions import Fraction
from typing import Any, Callable, List, Optional, Sequence, Tuple

from ..errors import ExactsepError
from ..numbers import normalize, to_json_number

__all__ = ["random_theta", "find_relu_witness", "quality_json", "recheck_quality"]


def random_theta(rng: random.Random, widths: Sequence[int], max_num: int = 3, max_den: int = 2,
                 nonzero: bool = True) -> list:
    """Small random rationals ``p/q`` (``|p| <= max_num``, ``q <= max_den``), nonzero by default, one per
    parameter of the ReLU architecture ``widths``."""
    from ..nets.network import num_params
    out = []
    for _ in range(num_params(widths)):
        while True:
            v = Fraction(rng.randint(-max_num, max_num), rng.randint(1, max_den))
            if v != 0 or not nonzero:
                break
        out.append(normalize(v))
    return out


def quality_json(widths, theta) -> dict:
    """``witness_quality(widths, theta).to_json()``."""
    from ..relu.quality import witness_quality
    return witness_quality(widths, theta).to_json()


def recheck_quality(widths, theta, recorded: dict) -> List[str]:
    """Independent re-check of a recorded witness quality: the activity and coincidence conditions are
    recomputed from the LP enumeration of the regions (:func:`exactsep.relu.regions.enumerate_regions` with
    ``method="lp"``, a second algorithm for ``n0 = 1``) and must agree with the recorded generic verdict.
    Raises :class:`~exactsep.errors.CertificateError` on disagreement; returns the checks run."""
    from ..errors import CertificateError
    from ..relu.quality import witness_quality
    q = witness_quality(widths, theta, method="lp")
    if recorded.get("generic"):
        if not (q.conditions["every_neuron_switches"] and not q.coincident and q.conditions["no_zero_rows"]
                and q.conditions["no_zero_columns"] and q.conditions["no_zero_output_weights"]
                and q.conditions["small_heights"]):
            raise CertificateError("the witness is recorded as generic but the LP region enumeration finds: "
                                   + "; ".join(q.failed()))
        return [f"witness genericity re-derived from the LP enumeration of its {q.regions} regions: no dead, "
                f"always-active or identically-zero neuron, no coinciding bent hyperplanes, no zero weight row, "
                f"column or output weight, heights <= {q.height_bound}"]
    return [f"witness recorded as degenerate ({'; '.join(recorded.get('failed', []))}); the LP enumeration "
            f"finds: {q.describe()}"]


def find_relu_witness(archs: Sequence[Sequence[int]], draws: int, seed: int,
                      has_property: Callable[[List[int], list, Any], Tuple[bool, dict]],
                      draw_extra: Optional[Callable[[random.Random, List[int], list], Any]] = None, *,
                      max_num: int = 3, max_den: int = 2, shrink_checks: int = 120,
                      shrink_extra: Optional[Callable[[Any], List[Any]]] = None) -> Optional[dict]:
    """Search ``archs`` in the given order (list them smallest first): ``draws`` random parameters each, with
    ``draw_extra(rng, widths, theta)`` (points, segments, ...) per draw; ``has_property(widths, theta, extra)``
    returns ``(holds, info)``. Returns ``None`` when nothing has the property, else a dict ``{"widths",
    "theta", "extra", "info", "quality", "generic", "tried", "shrink_checks", "arch_index"}`` for the first
    generic witness (shrunk), or the first degenerate one when no architecture has a generic witness.
    ``shrink_extra(extra)`` lists smaller-height candidates for ``extra`` (tried after ``theta``)."""
    from ..relu.quality import shrink_parameters, witness_quality
    rng = random.Random(f"exactsep-witness:{seed}")
    degenerate = None
    tried = 0
    for ai, arch in enumerate(archs):
        widths = [int(w) for w in arch]
        for _ in range(draws):
            tried += 1
            theta = random_theta(rng, widths, max_num, max_den)
            extra = draw_extra(rng, widths, theta) if draw_extra is not None else None
            try:
                ok, info = has_property(widths, theta, extra)
            except ExactsepError:
                continue
            if not ok:
                continue
            q = witness_quality(widths, theta)
            if not q.generic:
                if degenerate is None:
                    degenerate = {"widths": widths, "theta": theta, "extra": extra, "info": info,
                                  "quality": q.to_json(), "generic": False, "arch_index": ai}
                continue

            def keep(th, extra=extra):
                good, _ = has_property(widths, th, extra)
                return good and witness_quality(widths, th).generic
            theta, checks = shrink_parameters(widths, theta, keep, max_checks=shrink_checks)
            if shrink_extra is not None:
                improved = True
                while improved and checks < 2 * shrink_checks:
                    improved = False
                    for cand in shrink_extra(extra):
                        checks += 1
                        try:
                            good, _ = has_property(widths, theta, cand)
                        except ExactsepError:
                            good = False
                        if good:
                            extra, improved = cand, True
                            break
            _, info = has_property(widths, theta, extra)
            return {"widths": widths, "theta": [to_json_number(v) for v in theta], "extra": extra, "info": info,
                    "quality": witness_quality(widths, theta).to_json(), "generic": True, "tried": tried,
                    "shrink_checks": checks, "arch_index": ai}
    if degenerate is not None:
        degenerate["theta"] = [to_json_number(v) for v in degenerate["theta"]]
        degenerate["tried"] = tried
        degenerate["shrink_checks"] = 0
    return degenerate
