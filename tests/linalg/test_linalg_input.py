"""Input handling of the kernel: exact types in, floats refused, shapes checked, no flint leaking out."""
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactsep.errors import NonExactInputError, ShapeError
from exactsep.linalg import rank, rref, nullspace, solve, det, matmul, rank_mod_p, left_nullspace
from exactsep.linalg.core import to_int_matrix

FUNCS = [lambda M: rank(M), rref, nullspace, det, left_nullspace, lambda M: rank(M, proof=True)]


@pytest.mark.parametrize("f", FUNCS)
def test_python_float_refused(f):
    with pytest.raises(NonExactInputError, match="float"):
        f([[1, 0.5], [2, 3]])


@pytest.mark.parametrize("f", FUNCS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_numpy_float_array_refused(f, dtype):
    with pytest.raises(NonExactInputError, match="float"):
        f(np.array([[1, 2], [3, 4]], dtype=dtype))


def test_numpy_float_scalar_in_list_refused():
    with pytest.raises(NonExactInputError, match="float"):
        rank([[np.float64(1.0), 2]])


@pytest.mark.parametrize("f", FUNCS)
def test_ragged_refused(f):
    with pytest.raises(ShapeError, match="ragged"):
        f([[1, 2], [3]])


def test_non_matrix_refused():
    with pytest.raises(ShapeError):
        rank([1, 2, 3])
    with pytest.raises(ShapeError):
        rank(np.array([1, 2, 3]))
    with pytest.raises(ShapeError):
        rank("12")
    with pytest.raises(ShapeError):
        rank([[[1]]])


def test_bool_and_garbage_refused():
    with pytest.raises(NonExactInputError):
        rank([[True, 1]])
    with pytest.raises(NonExactInputError):
        rank(np.array([[True, False]]))
    with pytest.raises(NonExactInputError):
        rank([["abc", 1]])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(-10**20, 10**20), min_size=3, max_size=3), min_size=1, max_size=5))
def test_string_fraction_and_int_inputs_agree(M):
    as_str = [[str(x) for x in r] for r in M]
    as_frac = [[Fraction(x) for x in r] for r in M]
    assert rref(M) == rref(as_str) == rref(as_frac)
    assert rank(M).value == rank(as_str).value


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(-1000, 1000), min_size=4, max_size=4), min_size=1, max_size=6),
       st.sampled_from([np.int64, np.int32, np.int16, np.uint8]))
def test_numpy_integer_arrays_accepted(M, dtype):
    if dtype is np.uint8:
        M = [[abs(x) % 256 for x in r] for r in M]
    if dtype is np.int16:
        M = [[x % 30000 for x in r] for r in M]
    arr = np.array(M, dtype=dtype)
    assert rref(arr) == rref(M)
    assert nullspace(arr) == nullspace(M)
    assert rank(arr).value == rank(M).value
    # rows given as numpy arrays inside a list
    assert rref([np.array(r, dtype=dtype) for r in M]) == rref(M)


def test_outputs_are_python_numbers():
    M = [["1/2", 3, 5], [7, "2/3", 1], [1, 1, 1]]
    R, piv = rref(M)
    assert all(type(x) in (int, Fraction) for r in R for x in r)
    assert all(type(p) is int for p in piv)
    assert type(det(M)) in (int, Fraction)
    assert all(type(x) is int for v in nullspace([[1, 2, 3]]) for x in v)
    assert all(type(x) in (int, Fraction) for x in solve(M, [1, 2, 3]))
    assert all(type(x) in (int, Fraction) for r in matmul(M, M) for x in r)
    r = rank(M)
    assert type(r.value) is int and all(type(p) is int for p in r.primes)
    assert type(rank_mod_p(M, 5)) is int


def test_row_scaling_representation():
    A = to_int_matrix([["1/2", "1/3"], [2, 4]])
    assert A.flat == [3, 2, 2, 4] and A.row_den == [6, 1]
    assert A.to_rational_rows() == [[Fraction(1, 2), Fraction(1, 3)], [2, 4]]


def test_large_numpy_int_fast_path():
    rng = np.random.default_rng(0)
    X = rng.integers(-9, 10, (300, 300))
    A = to_int_matrix(X)
    assert A.flat[:5] == X.ravel()[:5].tolist() and A.row_den is None
    assert rank(X).value == 300


def test_empty_shapes():
    assert rref([]) == ([], ())
    assert nullspace([], ncols=3) == [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert nullspace(np.zeros((0, 2), dtype=np.int64)) == [[1, 0], [0, 1]]
    assert det([]) == 1
    assert solve([], []) == []
