"""exactsep.numbers: exact parsing, normalisation, refusal of floats."""
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import NonExactInputError, ShapeError
from exactsep.numbers import exact, exact_vector, exact_matrix, normalize, fraction_str, to_json_number


@settings(max_examples=100, deadline=None)
@given(st.fractions(max_denominator=10**6))
def test_exact_roundtrips_fractions_and_strings(q):
    x = exact(q)
    assert x == q
    assert type(x) is (int if q.denominator == 1 else Fraction)
    assert exact(str(q)) == q
    assert exact(fraction_str(q)) == q
    j = to_json_number(q)
    assert (j == q) if isinstance(j, int) else (Fraction(j) == q and q.denominator != 1)


@settings(max_examples=50, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=6))
def test_decimal_strings_are_exact(d):
    assert exact(str(d)) == Fraction(d)
    assert exact(d) == Fraction(d)


@settings(max_examples=50, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_every_float_is_refused(x):
    with pytest.raises(NonExactInputError, match="float"):
        exact(x)
    with pytest.raises(NonExactInputError):
        exact(np.float64(x))


def test_specific_values():
    assert exact("3/4") == Fraction(3, 4)
    assert exact(" -6/4 ") == Fraction(-3, 2)
    assert exact("4/2") == 2 and type(exact("4/2")) is int
    assert exact("1e-3") == Fraction(1, 1000)
    assert exact(np.int64(7)) == 7 and type(exact(np.int64(7))) is int
    assert exact(Fraction(6, 3)) == 2 and type(exact(Fraction(6, 3))) is int
    import flint
    assert exact(flint.fmpz(5)) == 5 and type(exact(flint.fmpz(5))) is int
    assert exact(flint.fmpq(1, 3)) == Fraction(1, 3) and type(exact(flint.fmpq(1, 3))) is Fraction
    assert normalize(Fraction(4, 1)) == 4 and type(normalize(Fraction(4, 1))) is int


@pytest.mark.parametrize("bad", ["abc", "1/0", "nan", "inf", "", "1/2/3", True, np.bool_(True), 1j, None, [1]])
def test_bad_values_refused(bad):
    with pytest.raises(NonExactInputError):
        exact(bad)


def test_error_names_the_value():
    with pytest.raises(NonExactInputError, match="0.5 is a float"):
        exact(0.5)
    with pytest.raises(NonExactInputError, match="'x/2'"):
        exact("x/2")


def test_vectors_and_matrices():
    assert exact_vector(["1/2", 2, np.int32(3)]) == [Fraction(1, 2), 2, 3]
    assert exact_vector(np.array([1, 2])) == [1, 2]
    with pytest.raises(NonExactInputError, match="float"):
        exact_vector(np.array([1.0, 2.0]))
    with pytest.raises(ShapeError):
        exact_vector([[1], [2]])
    with pytest.raises(ShapeError):
        exact_vector(5)
    with pytest.raises(ShapeError, match="length"):
        exact_vector([1, 2], length=3)
    assert exact_matrix([[1, "1/2"], [3, 4]]) == [[1, Fraction(1, 2)], [3, 4]]
    with pytest.raises(ShapeError, match="ragged"):
        exact_matrix([[1, 2], [3]])
    with pytest.raises(ShapeError, match="shape"):
        exact_matrix([[1, 2]], shape=(2, 2))
    with pytest.raises(NonExactInputError):
        exact_matrix(np.array([[0.5]]))


@pytest.mark.parametrize("text", ["١/٢", "٣", "1_000", "abc", "", ".", "e5", "Infinity", "NaN", "0x10", "1e999999",
                                  "9" * 5000, "1/" + "7" * 5000])
def test_strings_that_are_not_ascii_exact_numbers_or_exceed_the_digit_limit_are_refused(text):
    from exactsep.errors import NonExactInputError
    from exactsep.numbers import exact
    with pytest.raises(NonExactInputError):
        exact(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(-10 ** 30, 10 ** 30), st.integers(1, 10 ** 30))
def test_ascii_fraction_and_decimal_strings_read_back_exactly(p, q):
    from fractions import Fraction
    from exactsep.numbers import exact
    assert exact(f"{p}/{q}") == Fraction(p, q)
    assert exact(f" {p} ") == p
    assert exact(f"{p}e-3") == Fraction(p, 1000)


@pytest.mark.parametrize("argv", [["fibers", "search", "--budget", "٣"], ["srhm", "--L", "٢", "--count"],
                                  ["group", "--max-order=٥٠"]])
def test_cli_numbers_with_non_ascii_digits_are_one_line_exit_2(argv, capsys):
    from exactsep.cli import main
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "non-ASCII digits" in err[0]
