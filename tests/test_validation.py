import numpy as np
import pytest

from nnexplain._validation import (
    check_array,
    check_bool,
    check_choice,
    check_dtype,
    check_extent,
    check_instance,
    check_int,
    check_interval,
    check_labels,
    check_positive,
    check_random_state,
    check_range,
    check_real,
    describe,
)

# --------------------------------------------------------------------------------------------
# check_random_state
# --------------------------------------------------------------------------------------------


def test_random_state_int_is_reproducible():
    a, b = check_random_state(3), check_random_state(np.int64(3))
    assert a.integers(1 << 30) == b.integers(1 << 30)
    assert check_random_state(3).random() == np.random.default_rng(3).random()


def test_random_state_generator_is_returned_as_is():
    rng = np.random.default_rng(0)
    assert check_random_state(rng) is rng


def test_random_state_none_is_fresh():
    assert isinstance(check_random_state(None), np.random.Generator)
    assert check_random_state(None) is not check_random_state(None)


@pytest.mark.parametrize("bad", ["1", 1.0, True, np.bool_(False), [1], np.random.RandomState(0)])
def test_random_state_wrong_type(bad):
    with pytest.raises(
        TypeError, match=r"seed must be None, a non-negative int or a numpy\.random"
    ):
        check_random_state(bad)


def test_random_state_message_names_argument_and_value():
    with pytest.raises(TypeError, match=r"random_state must be .*; got 'abc' \(type str\)"):
        check_random_state("abc", "random_state")
    with pytest.raises(ValueError, match="seed must be a non-negative int; got -2"):
        check_random_state(-2)


# --------------------------------------------------------------------------------------------
# check_int, check_positive
# --------------------------------------------------------------------------------------------


def test_check_int():
    assert check_int(3, "n") == 3 and type(check_int(np.int32(3), "n")) is int
    assert check_int(0, "n", minimum=0) == 0
    assert check_int(-5, "n", minimum=None) == -5
    with pytest.raises(ValueError, match="n must be an int >= 1; got 0"):
        check_int(0, "n")
    with pytest.raises(ValueError, match="width must be an int >= 2; got 1"):
        check_int(1, "width", minimum=2)
    with pytest.raises(TypeError, match=r"n must be an int; got 2.0 \(type float\)"):
        check_int(2.0, "n")
    with pytest.raises(TypeError, match=r"n must be an int; got True \(type bool\)"):
        check_int(True, "n")


def test_check_positive():
    assert check_positive(2, "lr") == 2.0 and type(check_positive(2, "lr")) is float
    assert check_positive(0, "noise", allow_zero=True) == 0.0
    with pytest.raises(ValueError, match="lr must be a finite number > 0; got 0.0"):
        check_positive(0, "lr")
    with pytest.raises(ValueError, match="noise must be a finite number >= 0; got -1.0"):
        check_positive(-1, "noise", allow_zero=True)
    for bad in (np.inf, np.nan):
        with pytest.raises(ValueError, match="lr must be a finite number > 0"):
            check_positive(bad, "lr")
    with pytest.raises(TypeError, match=r"lr must be a real number; got '1' \(type str\)"):
        check_positive("1", "lr")
    with pytest.raises(TypeError, match="lr must be a real number; got False"):
        check_positive(False, "lr")
    with pytest.raises(TypeError, match="lr must be a real number"):
        check_positive(1j, "lr")


def test_long_values_are_shortened_in_messages():
    with pytest.raises(TypeError, match=r"got '[x]{56}\.\.\. \(type str\)"):
        check_int("x" * 200, "n")


# --------------------------------------------------------------------------------------------
# check_choice
# --------------------------------------------------------------------------------------------


def test_check_choice_mapping_and_list():
    choices = {"tanh": 1, "leaky_relu": 2}
    assert check_choice("TANH", "activation", choices) == 1
    assert check_choice("Leaky-ReLU", "activation", choices) == 2
    assert check_choice("leaky relu", "activation", choices) == 2
    assert check_choice("Step", "unit", ["epoch", "step"]) == "step"


def test_check_choice_errors_list_valid_names():
    with pytest.raises(
        ValueError, match=r"unknown activation 'swish'; valid names are \['leaky_relu', 'tanh'\]"
    ):
        check_choice("swish", "activation", {"tanh": 1, "leaky_relu": 2})
    with pytest.raises(TypeError, match=r"activation must be a str, one of \['tanh'\]; got 3"):
        check_choice(3, "activation", {"tanh": 1})


# --------------------------------------------------------------------------------------------
# check_array
# --------------------------------------------------------------------------------------------


def test_check_array_converts():
    out = check_array([[1, 2], [3, 4]])
    assert out.dtype == np.float64 and out.shape == (2, 2)
    assert check_array(np.ones((2, 2), np.float32), dtype=None).dtype == np.float32
    assert check_array(np.ones((2, 2), np.int32), dtype=None).dtype == np.float64
    assert check_array([[True, False]]).dtype == np.float64
    assert check_array([1.0, 2.0], ndim=(1, 2)).shape == (2,)
    assert check_array(np.zeros((0, 2)), allow_empty=True).shape == (0, 2)
    assert np.isnan(check_array([[np.nan]], finite=False)[0, 0])


@pytest.mark.parametrize(
    ("X", "kwargs", "error", "match"),
    [
        ("abc", {}, TypeError, "X must be an array of numbers; got 'abc'"),
        (None, {}, TypeError, "X must be an array of numbers; got None"),
        ([[1, 2], [3]], {}, ValueError, "X could not be read as a rectangular array"),
        ([["a", "b"]], {}, TypeError, "X must hold numbers; got an array of dtype <U1"),
        ([[1 + 2j]], {}, TypeError, "X must hold real numbers; got dtype complex128"),
        ([1.0, 2.0], {}, ValueError, r"X must be a 2D array; got shape \(2,\) \(1D\)"),
        (np.zeros((1, 2, 2)), {"ndim": (1, 2)}, ValueError, "X must be a 1D or 2D array"),
        (np.zeros((0, 2)), {}, ValueError, r"X is empty \(shape \(0, 2\)\)"),
        (
            np.zeros((3, 2)),
            {"n_features": 4},
            ValueError,
            r"X has 2 features \(shape \(3, 2\)\) but 4",
        ),
        ([[np.nan, 1.0, np.inf]], {}, ValueError, r"X contains NaN or infinity \(2 of 3 values\)"),
        ([[1.0]], {"name": "grid", "ndim": 1}, ValueError, "grid must be a 1D array"),
    ],
)
def test_check_array_errors(X, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_array(X, **kwargs)


# --------------------------------------------------------------------------------------------
# check_labels
# --------------------------------------------------------------------------------------------


def test_check_labels_converts():
    out = check_labels([0.0, 1.0, 2.0])
    assert out.dtype == np.int64 and out.tolist() == [0, 1, 2]
    assert check_labels([[1], [0]]).tolist() == [1, 0]
    assert check_labels([0, 2], n_samples=2, n_classes=3).tolist() == [0, 2]


@pytest.mark.parametrize(
    ("y", "kwargs", "match"),
    [
        ([[0, 1], [1, 0]], {}, r"y must be 1D class labels; got shape \(2, 2\)"),
        ([0, 1, 1], {"n_samples": 4}, "y has 3 labels but X has 4 samples; they must match"),
        ([0, 1.5], {}, "y must hold whole-number class labels"),
        (
            [0, -1, 2, -3],
            {},
            r"y holds labels outside the classes 0..n_classes - 1: found \[-3, -1\]",
        ),
        ([0, 3, 5, 3], {"n_classes": 3}, r"outside the classes 0..2: found \[3, 5\]"),
        ([np.nan, 1], {}, "y contains NaN or infinity"),
        ([], {}, "y is empty"),
    ],
)
def test_check_labels_errors(y, kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_labels(y, **kwargs)


def test_check_labels_names_argument():
    with pytest.raises(ValueError, match=r"y_val has 1 labels"):
        check_labels([0], "y_val", n_samples=2)


# --------------------------------------------------------------------------------------------
# check_dtype: a non-dtype is a TypeError, a dtype outside the allowed set a ValueError
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float32, np.float64, "float32", np.dtype("float64")])
def test_check_dtype_accepts_floats(dtype):
    assert check_dtype(dtype) == np.dtype(dtype)
    assert isinstance(check_dtype(dtype), np.dtype)


@pytest.mark.parametrize("dtype", ["abc", None, 3.5, True, [1, 2]])
def test_check_dtype_non_dtype_is_type_error(dtype):
    with pytest.raises(TypeError, match=r"dtype must be a numpy dtype \(float64 or float32\); got"):
        check_dtype(dtype)


@pytest.mark.parametrize("dtype", [np.int64, bool, np.float16, "complex128"])
def test_check_dtype_wrong_dtype_is_value_error(dtype):
    expected = rf"dtype must be float64 or float32; got {np.dtype(dtype)}"
    with pytest.raises(ValueError, match=expected):
        check_dtype(dtype)


def test_check_dtype_allowed_and_name():
    assert check_dtype("float16", allowed=(np.float16,)) == np.float16
    with pytest.raises(ValueError, match="precision must be float32; got float64"):
        check_dtype(np.float64, "precision", allowed=(np.float32,))


# --------------------------------------------------------------------------------------------
# check_instance, check_bool
# --------------------------------------------------------------------------------------------


def test_check_instance():
    value = [1]
    assert check_instance(value, list, "xs") is value
    with pytest.raises(TypeError, match=r"xs must be a list; got 'a' \(type str\)"):
        check_instance("a", list, "xs")
    with pytest.raises(TypeError, match="xs must be a list or tuple; got 3"):
        check_instance(3, (list, tuple), "xs")
    with pytest.raises(TypeError, match="net must be an nnexplain MLP; got None"):
        check_instance(None, list, "net", what="an nnexplain MLP")


def test_check_bool():
    assert check_bool(np.True_, "flag") is True
    assert check_bool(False, "flag") is False
    for bad in (0, 1, "yes", None):
        with pytest.raises(TypeError, match=f"flag must be True or False; got {bad!r}"):
            check_bool(bad, "flag")


# --------------------------------------------------------------------------------------------
# check_real, check_interval
# --------------------------------------------------------------------------------------------


def test_check_real():
    assert check_real(-2, "mean") == -2.0 and isinstance(check_real(np.int8(3), "m"), float)
    with pytest.raises(ValueError, match="mean must be a finite number; got nan"):
        check_real(np.nan, "mean")
    with pytest.raises(TypeError, match=r"mean must be a real number; got True \(type bool\)"):
        check_real(True, "mean")


@pytest.mark.parametrize(
    ("value", "closed", "ok"),
    [
        (0.0, "left", True),
        (0.0, "neither", False),
        (1.0, "right", True),
        (1.0, "left", False),
        (0.5, "neither", True),
        (1.0, "both", True),
    ],
)
def test_check_interval_bounds(value, closed, ok):
    if ok:
        assert check_interval(value, "p", 0, 1, closed=closed) == value
    else:
        with pytest.raises(ValueError, match="p must be"):
            check_interval(value, "p", 0, 1, closed=closed)


def test_check_interval_messages():
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\); got 1.0"):
        check_interval(1.0, "p", 0, 1, closed="left")
    with pytest.raises(ValueError, match="p must be a finite number >= 0; got -0.1"):
        check_interval(-0.1, "p", 0, 1, closed="left")
    with pytest.raises(ValueError, match="p must be a finite number > 0; got 0.0"):
        check_interval(0, "p", 0, 1, closed="right")
    with pytest.raises(ValueError, match=r"tol must be in \(0, 0.5\) to stay apart; got 0.6"):
        check_interval(0.6, "tol", 0, 0.5, why=" to stay apart")
    with pytest.raises(ValueError, match=r"t must be in \(-1, 1\]; got -1.0"):
        check_interval(-1, "t", -1, 1, closed="right")
    with pytest.raises(TypeError, match="t must be a real number"):
        check_interval("0.5", "t", -1, 1)
    with pytest.raises(ValueError, match="closed must be"):
        check_interval(0.5, "t", 0, 1, closed="open")


def test_describe_shortens_and_names_type():
    assert describe("a") == "'a' (type str)"
    assert describe("x" * 100).endswith("... (type str)")
    assert describe(np.zeros((3, 4), np.float32)) == "array of shape (3, 4), dtype float32"
    assert describe({"a": [1, 2], "b": [3, 4]}).count("\n") == 0


# --------------------------------------------------------------------------------------------
# check_range, check_extent
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (("a", "b"), TypeError, "x must hold two real numbers"),
        ((1.0,), TypeError, r"x must be a pair \(low, high\); got \(1.0,\) \(type tuple\)"),
        (np.zeros((2, 1)), TypeError, r"x must be a pair .* array of shape \(2, 1\)"),
        ((1.0, 1.0), ValueError, r"x must be finite numbers with low < high; got \(1.0, 1.0\)"),
        ((0.0, np.inf), ValueError, "finite"),
        ((True, 2.0), TypeError, "real numbers"),
        (None, TypeError, "x must be a pair"),
    ],
)
def test_check_range_errors(value, error, match):
    with pytest.raises(error, match=match):
        check_range(value, "x")


def test_check_range_converts_and_allows_none_on_request():
    assert check_range([0, np.float32(2.5)], "x") == (0.0, 2.5)
    assert check_range(np.array([-1, 1]), "x") == (-1.0, 1.0)
    assert check_range(None, "x", allow_none=True) is None
    with pytest.raises(TypeError, match=r"range must be None or a pair \(low, high\)"):
        check_range(1.0, allow_none=True)


def test_check_extent_returns_floats():
    assert check_extent([0, 1, np.float32(2), 3]) == (0.0, 1.0, 2.0, 3.0)
    assert check_extent((-1, 2), allow_pair=True) == (-1.0, 2.0, -1.0, 2.0)


@pytest.mark.parametrize(
    ("extent", "kwargs", "error", "match"),
    [
        ((0, 1), {}, TypeError, r"extent must be \(xmin, xmax, ymin, ymax\); got \(0, 1\)"),
        ((0, 1, 2), {"allow_pair": True}, TypeError, r"\(low, high\) or \(xmin, xmax"),
        ("abcd", {}, TypeError, "extent must be"),
        (("a", 1, 0, 1), {}, TypeError, "extent must hold real numbers"),
        ((0, 1, 1, 1), {}, ValueError, "ymin < ymax; got \\(0.0, 1.0, 1.0, 1.0\\)"),
        ((1, -1), {"allow_pair": True}, ValueError, "xmin < xmax"),
        ((0, np.nan, 0, 1), {"name": "box"}, ValueError, "box must be finite"),
    ],
)
def test_check_extent_errors(extent, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_extent(extent, **kwargs)
