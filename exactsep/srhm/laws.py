"""Sample-complexity laws of the RHM and SRHM papers (docs/theory/srhm.md, "Sample
complexity").

These are *measured scaling laws* with unknown constants, not theorems: each function returns a
:class:`ScalingLaw` whose ``value`` is the exact integer (or ``Fraction``) of the law **without** its
unknown prefactor, a ``formula``, the ``constant`` it omits, and a ``provenance`` field stating where the
law comes from ([secondary] = known only from third-party readings of the paper, [paper] = verbatim,
[derived] = reconstructed). Do not test predictions at toy sizes: the constants are unknown.

>>> law = srhm_lcn_sample_complexity(L=2, s=2, m=2, n_c=2, s0=1)
>>> law.value, law.formula
(32, 'C0(s,L) * (s0+1)^L * n_c * m^L')
>>> law.provenance
'[secondary] SRHM paper Eq. 3 as read by a third-party note (equation number unconfirmed); the (s0+1)^L factor is derived from the one-step argument of App. C (Eq. 12), the factor C0 ~ s^(L/2) is empirical'
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Dict, Union

from ..errors import InvalidInputError
from ..numbers import to_json_number

__all__ = ["ScalingLaw", "rhm_max_dataset_size", "shallow_sample_complexity", "rhm_deep_cnn_sample_complexity",
           "rhm_correlation_threshold", "rhm_deep_fcn_sample_complexity", "srhm_lcn_sample_complexity",
           "srhm_cnn_sample_complexity", "srhm_lcn_fixed_d_exponents", "srhm_one_step_threshold"]


@dataclass(frozen=True)
class ScalingLaw:
    """A sample-complexity law: ``P* ~ constant * value``."""
    name: str
    value: Union[int, Fraction]
    formula: str
    constant: str
    provenance: str
    note: str = ""

    def to_json(self) -> Dict[str, Any]:
        return {"name": self.name, "value": to_json_number(self.value), "formula": self.formula,
                "constant": self.constant, "provenance": self.provenance, "note": self.note}


def _ints(**kw) -> None:
    for name, x in kw.items():
        lo = 0 if name == "s0" else 1
        if isinstance(x, bool) or not isinstance(x, int) or x < lo:
            raise InvalidInputError(f"{name} must be an integer >= {lo}, got {x!r}")


def _N(L: int, s: int) -> int:
    return sum(s ** l for l in range(L))


def rhm_max_dataset_size(L: int, s: int, m: int, n_c: int) -> ScalingLaw:
    """``P_max = n_c m^N``, ``N = (s^L - 1)/(s - 1)``: the number of distinct RHM inputs (exact count).

    >>> rhm_max_dataset_size(2, 2, 2, 2).value
    16
    """
    _ints(L=L, s=s, m=m, n_c=n_c)
    return ScalingLaw("rhm_max_dataset_size", n_c * m ** _N(L, s), "n_c * m^((s^L-1)/(s-1))", "1 (exact count)",
                      "[secondary: code] and [derived ✓]: the size of the support (docs/theory/srhm.md, 'Data and labels')")


def shallow_sample_complexity(L: int, s: int, m: int, n_c: int) -> ScalingLaw:
    """Two-layer fully connected networks need a number of examples proportional to ``P_max``.

    >>> shallow_sample_complexity(2, 2, 2, 2).value
    16
    """
    _ints(L=L, s=s, m=m, n_c=n_c)
    return ScalingLaw("shallow_sample_complexity", n_c * m ** _N(L, s), "C * P_max = C * n_c * m^((s^L-1)/(s-1))",
                      "C (unknown)", "[secondary] RHM paper: shallow nets need ~P_max examples",
                      "exponential in the input dimension d = s^L")


def rhm_deep_cnn_sample_complexity(L: int, m: int, n_c: int) -> ScalingLaw:
    """Deep CNNs (depth L+1, filter = stride = s, feature learning): ``P* ~ n_c m^L``.

    >>> rhm_deep_cnn_sample_complexity(3, 8, 8).value
    4096
    """
    _ints(L=L, m=m, n_c=n_c)
    return ScalingLaw("rhm_deep_cnn_sample_complexity", n_c * m ** L, "C * n_c * m^L", "C (unknown; no prefactor stated)",
                      "[secondary] RHM paper: measured law from curve collapse; P*/n_c ~ d^(ln m/ln s)",
                      "threshold error definition (10% test error vs 10% of chance) unconfirmed")


def rhm_deep_fcn_sample_complexity(L: int, m: int, n_c: int) -> ScalingLaw:
    """Deep fully connected networks: the deep-CNN law up to an extra factor of about ``2^L``.

    >>> rhm_deep_fcn_sample_complexity(2, 2, 2).value
    32
    """
    _ints(L=L, m=m, n_c=n_c)
    return ScalingLaw("rhm_deep_fcn_sample_complexity", 2 ** L * n_c * m ** L, "C * 2^L * n_c * m^L", "C (unknown)",
                      "[secondary] RHM paper: 'up to an extra factor of about 2^L'")


def rhm_correlation_threshold(L: int, m: int, n_c: int) -> ScalingLaw:
    """The correlation argument: signal ``(v/m^L)^(1/2)`` and noise ``(v n_c/P)^(1/2)`` balance at
    ``P_c = n_c m^L``.

    >>> rhm_correlation_threshold(2, 2, 2).value
    8
    """
    _ints(L=L, m=m, n_c=n_c)
    return ScalingLaw("rhm_correlation_threshold", n_c * m ** L, "n_c * m^L", "order-one (signal = noise)",
                      "[secondary] RHM paper 'Eq. 10'; the balance itself is elementary algebra")


def srhm_lcn_sample_complexity(L: int, s: int, m: int, n_c: int, s0: int) -> ScalingLaw:
    """SRHM, locally connected network (no weight sharing): ``P* ~ C0(s,L) (s0+1)^L n_c m^L``, ``C0 ~ s^(L/2)``."""
    _ints(L=L, s=s, m=m, n_c=n_c, s0=s0)
    return ScalingLaw("srhm_lcn_sample_complexity", (s0 + 1) ** L * n_c * m ** L, "C0(s,L) * (s0+1)^L * n_c * m^L",
                      "C0(s,L) ~ s^(L/2) (empirical)",
                      "[secondary] SRHM paper Eq. 3 as read by a third-party note (equation number unconfirmed); "
                      "the (s0+1)^L factor is derived from the one-step argument of App. C (Eq. 12), the factor "
                      "C0 ~ s^(L/2) is empirical",
                      "maximal setting m = v^(s-1), n_c = v; P* = training-set size at 10% test error")


def srhm_cnn_sample_complexity(L: int, m: int, n_c: int, s0: int) -> ScalingLaw:
    """SRHM, CNN (weight sharing): ``P* ~ C1 (s0+1)^2 n_c m^L``, quadratic in ``s0+1`` for every ``L``.

    >>> srhm_cnn_sample_complexity(2, 2, 2, 1).value
    32
    """
    _ints(L=L, m=m, n_c=n_c, s0=s0)
    return ScalingLaw("srhm_cnn_sample_complexity", (s0 + 1) ** 2 * n_c * m ** L, "C1 * (s0+1)^2 * n_c * m^L",
                      "C1 (unknown)",
                      "[secondary] SRHM paper Eq. 4 (number unconfirmed); [paper] §6: 'Yet, the quadratic "
                      "dependence on s0+1 remains to be understood' - not derived",
                      "maximal setting m = v^(s-1), n_c = v")


def srhm_lcn_fixed_d_exponents(s: int, m: int) -> Dict[str, str]:
    """Eq. 5 at fixed input dimension: ``P*_LCN ~ n_c F^(ln m/ln s - 1/2) d^(ln m/ln s + 1/2)`` with
    ``F = (s0+1)^-L``; the exponents are irrational in general, so they are returned as exact symbolic
    strings (sympy). Sparser data are easier for the LCN iff ``m > sqrt(s)``.

    >>> srhm_lcn_fixed_d_exponents(2, 4)["F_exponent"]
    '3/2'
    """
    _ints(s=s, m=m)
    if s < 2:
        raise InvalidInputError("the exponent ln m / ln s needs s >= 2")
    import sympy
    a = sympy.log(m) / sympy.log(s)
    a = sympy.nsimplify(sympy.simplify(a)) if sympy.simplify(a).is_rational else sympy.simplify(a)
    half = sympy.Rational(1, 2)
    return {"F_exponent": str(sympy.simplify(a - half)), "d_exponent": str(sympy.simplify(a + half)),
            "sparser_is_easier": str(m * m > s),
            "provenance": "[secondary] SRHM 'Eq. 5'; follows from Eq. 3 with s^L = d F [derived]"}


def srhm_one_step_threshold(L: int, m: int, n_c: int, s0: int) -> ScalingLaw:
    """App. C one-step argument: each first-layer LCN weight sees an informative position with probability
    ``(s0+1)^-L``, so the RHM threshold ``n_c m^L`` becomes ``(s0+1)^L n_c m^L``.

    >>> srhm_one_step_threshold(2, 2, 2, 2).value
    72
    """
    _ints(L=L, m=m, n_c=n_c, s0=s0)
    return ScalingLaw("srhm_one_step_threshold", (s0 + 1) ** L * n_c * m ** L, "(s0+1)^L * n_c * m^L",
                      "order-one", "[secondary] SRHM App. C 'Eq. 12'; the s^(L/2) factor and the CNN's "
                      "quadratic law are not derived by it")
