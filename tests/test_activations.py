import math

import numpy as np
import pytest

from nnexplain.activations import (
    ACTIVATIONS,
    ELU,
    GELU,
    Identity,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Softmax,
    Softplus,
    Tanh,
    get_activation,
)

ELEMENTWISE = [name for name in ACTIVATIONS if name != "softmax"]

# Points in [-6, 6] that stay away from 0, where ReLU, leaky ReLU and ELU have a kink.
_rng = np.random.default_rng(0)
X = np.sort(_rng.uniform(-6, 6, size=200))
X = X[np.abs(X) > 1e-2]

_Phi = np.vectorize(lambda t: 0.5 * math.erfc(-t / math.sqrt(2.0)))  # standard normal CDF

# Closed forms written out independently of the module, on inputs where they do not overflow.
CLOSED_FORMS = {
    "identity": lambda x: x,
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "tanh": lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)),
    "relu": lambda x: np.where(x > 0, x, 0.0),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.01 * x),
    "elu": lambda x: np.where(x > 0, x, np.exp(x) - 1.0),
    "softplus": lambda x: np.log(1.0 + np.exp(x)),
    "gelu": lambda x: x * _Phi(x),
}


def _rel_err(a, b, floor=1e-6):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)))


def _central_diff(f, x, eps=1e-5):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


# --------------------------------------------------------------------------------------------
# values and derivatives
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_values_match_closed_form(name):
    f = get_activation(name)
    np.testing.assert_allclose(f(X), CLOSED_FORMS[name](X), rtol=1e-13, atol=1e-15)


def test_known_values():
    assert Sigmoid()(0.0) == 0.5
    assert Tanh()(0.0) == 0.0
    assert GELU()(1.0) == pytest.approx(0.8413447460685429, rel=1e-14)  # 1 * Phi(1)
    assert GELU()(0.0) == 0.0
    # Far in the left tail Phi(-10) = 7.619853024160527e-24 keeps its relative precision.
    assert GELU()(-10.0) == pytest.approx(-10 * 7.619853024160527e-24, rel=1e-13)
    assert Softplus()(0.0) == pytest.approx(math.log(2.0), rel=1e-15)
    assert ELU(alpha=2.0)(-1.0) == pytest.approx(2.0 * (math.exp(-1.0) - 1.0), rel=1e-15)
    assert LeakyReLU(alpha=0.2)(-3.0) == pytest.approx(-0.6, rel=1e-15)
    assert ReLU()(-3.0) == 0.0 and ReLU()(3.0) == 3.0


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_grad_matches_finite_differences(name):
    f = get_activation(name)
    assert _rel_err(f.grad(X), _central_diff(f, X)) < 1e-6


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_grad_closed_form(name):
    s = 1.0 / (1.0 + np.exp(-X))
    expected = {
        "identity": np.ones_like(X),
        "sigmoid": s * (1 - s),
        "tanh": 1.0 / np.cosh(X) ** 2,
        "relu": (X > 0).astype(float),
        "leaky_relu": np.where(X > 0, 1.0, 0.01),
        "elu": np.where(X > 0, 1.0, np.exp(X)),
        "softplus": s,
        "gelu": _Phi(X) + X * np.exp(-(X**2) / 2) / math.sqrt(2 * math.pi),
    }[name]
    np.testing.assert_allclose(get_activation(name).grad(X), expected, rtol=1e-12, atol=1e-15)


def test_relu_subgradient_at_zero_is_zero():
    assert ReLU().grad(np.array([0.0]))[0] == 0.0
    assert LeakyReLU(alpha=0.3).grad(np.array([0.0]))[0] == 0.3


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_backward_and_buffer_variants_agree(name):
    f = get_activation(name)
    rng = np.random.default_rng(1)
    x = rng.normal(scale=2.0, size=(7, 4))
    dy = rng.normal(size=(7, 4))
    y = f(x)
    if name == "softmax":
        expected = np.einsum("ni,nij->nj", dy, f.grad(x))
    else:
        expected = dy * f.grad(x)
    np.testing.assert_allclose(f.backward(dy, x, y), expected, rtol=1e-12, atol=1e-15)

    out = np.full_like(x, np.nan)
    f._forward_into(x, out)
    np.testing.assert_array_equal(out, y)
    out = np.full_like(x, np.nan)
    dy_copy = dy.copy()
    got = f._backward_into(dy, x, y, out)
    np.testing.assert_allclose(got, f.backward(dy, x, y), rtol=1e-15, atol=0)
    if got is not dy:  # Identity may return dy itself; nobody else may touch it
        np.testing.assert_array_equal(dy, dy_copy)


# --------------------------------------------------------------------------------------------
# softmax
# --------------------------------------------------------------------------------------------


def test_softmax_values_and_rows_sum_to_one():
    rng = np.random.default_rng(2)
    x = rng.normal(scale=3.0, size=(6, 5))
    y = Softmax()(x)
    np.testing.assert_allclose(y, np.exp(x) / np.exp(x).sum(axis=1, keepdims=True), rtol=1e-14)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-15)
    assert np.all(y > 0)


def test_softmax_is_shift_invariant_and_stable():
    x = np.array([[1000.0, 999.0, -1000.0], [-1000.0, -1001.0, -3000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = Softmax()(x)
    ref = np.exp([1.0, 0.0]) / np.exp([1.0, 0.0]).sum()
    np.testing.assert_allclose(y[:, :2], [ref, ref], rtol=1e-15)
    assert y[0, 2] == 0.0 and y[1, 2] == 0.0


def test_softmax_jacobian_matches_finite_differences():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 5))
    f = Softmax()
    J = f.grad(x)
    assert J.shape == (4, 5, 5)
    eps = 1e-5
    fd = np.empty_like(J)
    for j in range(5):
        e = np.zeros(5)
        e[j] = eps
        fd[:, :, j] = (f(x + e) - f(x - e)) / (2 * eps)  # column j: d f_i / d x_j
    assert _rel_err(J, fd, floor=1e-6) < 1e-6
    # Each Jacobian row sums to 0 (the outputs always sum to 1); it is symmetric.
    np.testing.assert_allclose(J.sum(axis=2), 0.0, atol=1e-15)
    np.testing.assert_allclose(J, np.swapaxes(J, 1, 2), atol=0)


# --------------------------------------------------------------------------------------------
# numerical stability and dtypes
# --------------------------------------------------------------------------------------------

# Underflow (exp(-1000) == 0.0) is the exact answer here, so only overflow, invalid operations
# and division by zero are errors. pyproject also turns any RuntimeWarning into an error.
_STRICT = {"over": "raise", "invalid": "raise", "divide": "raise"}


def test_sigmoid_saturates_exactly_without_warning():
    with np.errstate(**_STRICT):
        y = Sigmoid()(np.array([1000.0, -1000.0]))
        g = Sigmoid().grad(np.array([1000.0, -1000.0]))
    assert y[0] == 1.0 and y[1] == 0.0
    assert g[0] == 0.0 and g[1] == 0.0


def test_softplus_is_exact_at_extremes_without_warning():
    with np.errstate(**_STRICT):
        y = Softplus()(np.array([1000.0, -1000.0]))
        g = Softplus().grad(np.array([1000.0, -1000.0]))
    assert y[0] == 1000.0 and y[1] == 0.0
    assert g[0] == 1.0 and g[1] == 0.0


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_extreme_inputs_are_finite(name):
    f = get_activation(name)
    x = np.array([[1000.0, -1000.0, 0.0]])
    with np.errstate(**_STRICT):
        y, g = f(x), f.grad(x)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(g))


def test_seed_001_table():
    # Seed 001: unscaled inputs saturate tanh and sigmoid, so most of them are lost.
    x = np.array([255, 150, 100, 10, 0, -10, -100, -150, -255], dtype=float)
    np.testing.assert_array_equal(np.round(Tanh()(x), 7), [1, 1, 1, 1, 0, -1, -1, -1, -1])
    np.testing.assert_array_equal(
        np.round(Sigmoid()(x), 7), [1, 1, 1, 0.9999546, 0.5, 0.0000454, 0, 0, 0]
    )
    assert Sigmoid()(10.0) == pytest.approx(1 / (1 + math.exp(-10)), rel=1e-15)
    assert Sigmoid()(-10.0) == pytest.approx(math.exp(-10) / (1 + math.exp(-10)), rel=1e-15)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_float32_stays_float32(name):
    f = get_activation(name)
    x = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    y = f(x)
    assert y.dtype == np.float32
    assert f.grad(x).dtype == np.float32
    assert f.backward(np.ones_like(x), x, y).dtype == np.float32
    np.testing.assert_allclose(y, f(x.astype(np.float64)), rtol=1e-6, atol=1e-6)


def test_integer_input_is_evaluated_as_float():
    assert Sigmoid()(np.array([0, 1])).dtype == np.float64
    assert ReLU().grad(np.array([-1, 2])).tolist() == [0.0, 1.0]


# --------------------------------------------------------------------------------------------
# registry
# --------------------------------------------------------------------------------------------


def test_registry_names():
    assert set(ACTIVATIONS) == {
        "identity",
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "elu",
        "softplus",
        "gelu",
        "softmax",
    }
    for name, cls in ACTIVATIONS.items():
        assert cls.name == name
        assert get_activation(name).name == name
        assert str(get_activation(name)) == name
        assert cls.__doc__ and "math" in cls.__doc__  # the formula is in the docstring


@pytest.mark.parametrize(
    ("given", "cls"),
    [
        ("TANH", Tanh),
        ("Sigmoid", Sigmoid),
        ("linear", Identity),
        ("logistic", Sigmoid),
        ("leakyrelu", LeakyReLU),
        ("Leaky-ReLU", LeakyReLU),
        ("none", Identity),
        (None, Identity),
    ],
)
def test_aliases_and_case(given, cls):
    assert type(get_activation(given)) is cls


def test_instance_is_returned_as_is():
    f = ELU(alpha=0.5)
    assert get_activation(f) is f


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"unknown activation 'swish'; valid names are \[.*'tanh'"):
        get_activation("swish")


@pytest.mark.parametrize("bad", [3, 1.5, ["tanh"], np.tanh])
def test_wrong_type(bad):
    with pytest.raises(TypeError, match="activation must be a str"):
        get_activation(bad)


def test_parameters_and_repr():
    f = get_activation("leaky_relu", alpha=0.2)
    assert isinstance(f, LeakyReLU) and f.alpha == 0.2
    assert repr(f) == "LeakyReLU(alpha=0.2)"
    assert repr(Tanh()) == "Tanh()"
    assert repr(ELU()) == "ELU(alpha=1.0)"
    assert f == LeakyReLU(alpha=0.2) and f != LeakyReLU() and Tanh() != Sigmoid()
    assert hash(f) == hash(LeakyReLU(alpha=0.2))
    with pytest.raises(TypeError):
        get_activation("tanh", alpha=0.2)


def test_bad_parameters():
    with pytest.raises(ValueError, match="alpha must be a finite number >= 0; got -1.0"):
        LeakyReLU(alpha=-1)
    with pytest.raises(ValueError, match="alpha must be a finite number > 0; got 0.0"):
        ELU(alpha=0)
    with pytest.raises(TypeError, match="alpha must be a real number"):
        LeakyReLU(alpha="0.1")


def test_gelu_is_quiet_and_exact_in_the_far_tails():
    # pyproject turns RuntimeWarnings into errors: x * x used to overflow above about 1e154.
    gelu = get_activation("gelu")
    x = np.array([1e154, 1e155, 1e308, np.inf, -1e200, -np.inf, -40.0, 40.0])
    np.testing.assert_array_equal(gelu.grad(x), [1, 1, 1, 1, 0, 0, 0, 1])
    np.testing.assert_array_equal(gelu(x), [1e154, 1e155, 1e308, np.inf, 0, 0, 0, 40.0])
    assert gelu(np.float32(-1e30)).dtype == np.float32
    assert gelu.grad(np.array([1e20], dtype=np.float32)).dtype == np.float32
