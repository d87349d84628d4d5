import math

import numpy as np
import pytest

from nnexplain.activations import Identity, Sigmoid, Softmax, Tanh
from nnexplain.losses import (
    LOSSES,
    BinaryCrossEntropy,
    MeanSquaredError,
    SoftmaxCrossEntropy,
    get_loss,
)

# Only overflow, invalid operations and division by zero are errors: exp(-1000) == 0.0 is exact.
_STRICT = {"over": "raise", "invalid": "raise", "divide": "raise"}


def _rel_err(a, b, floor=1e-8):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)))


def _numerical_grad(fun, z, eps=1e-5):
    g = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[idx] += eps
        zm[idx] -= eps
        g[idx] = (fun(zp) - fun(zm)) / (2 * eps)
    return g


def _bce_case(n_outputs=1):
    rng = np.random.default_rng(0)
    z = rng.normal(scale=2.0, size=(6, n_outputs))
    y = rng.integers(0, 2, size=(6, n_outputs)).astype(float)
    return z, y


def _ce_case():
    rng = np.random.default_rng(1)
    return rng.normal(scale=2.0, size=(5, 4)), np.array([0, 3, 1, 1, 2])


# --------------------------------------------------------------------------------------------
# values
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n_outputs", [1, 3])
def test_bce_value(n_outputs):
    z, y = _bce_case(n_outputs)
    p = 1.0 / (1.0 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert BinaryCrossEntropy()(z, y) == pytest.approx(expected, rel=1e-13)


def test_bce_hand_computed():
    # z = 0 gives p = 1/2 whatever the label: loss log 2.
    assert BinaryCrossEntropy()(np.zeros((3, 1)), [0, 1, 1]) == pytest.approx(
        math.log(2), rel=1e-15
    )
    # z = 2, y = 1: -log sigmoid(2) = log(1 + e^-2).
    assert BinaryCrossEntropy()([[2.0]], [1]) == pytest.approx(math.log1p(math.exp(-2)), rel=1e-15)


def test_bce_accepts_1d_and_column_targets():
    z, y = _bce_case(1)
    assert BinaryCrossEntropy()(z, y[:, 0]) == BinaryCrossEntropy()(z, y)


def test_cross_entropy_value():
    z, y = _ce_case()
    log_softmax = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    expected = -np.mean(log_softmax[np.arange(5), y])
    assert SoftmaxCrossEntropy()(z, y) == pytest.approx(expected, rel=1e-13)
    # Uniform logits over k classes: log k.
    assert SoftmaxCrossEntropy()(np.zeros((2, 4)), [0, 3]) == pytest.approx(math.log(4), rel=1e-15)


def test_mse_value():
    out = np.array([[1.0, 2.0], [0.0, -1.0]])
    y = np.array([[0.0, 2.0], [1.0, 1.0]])
    assert MeanSquaredError()(out, y) == pytest.approx((1 + 0 + 1 + 4) / 4, rel=1e-15)
    assert MeanSquaredError()([[3.0], [1.0]], [1.0, 1.0]) == pytest.approx(2.0, rel=1e-15)


# --------------------------------------------------------------------------------------------
# gradients
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loss", "case"),
    [
        (BinaryCrossEntropy(), lambda: _bce_case(1)),
        (BinaryCrossEntropy(), lambda: _bce_case(3)),
        (SoftmaxCrossEntropy(), _ce_case),
        (MeanSquaredError(), lambda: _bce_case(2)),
    ],
    ids=["bce", "bce_3_outputs", "cross_entropy", "mse"],
)
def test_grad_matches_finite_differences(loss, case):
    z, y = case()
    g = loss.grad(z, y)
    assert g.shape == z.shape
    assert _rel_err(g, _numerical_grad(lambda v: loss(v, y), z)) < 1e-6


def test_closed_form_gradients():
    z, y = _bce_case(1)
    p = 1.0 / (1.0 + np.exp(-z))
    np.testing.assert_allclose(BinaryCrossEntropy().grad(z, y), (p - y) / 6, rtol=1e-13)
    z, y = _ce_case()
    onehot = np.eye(4)[y]
    soft = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(SoftmaxCrossEntropy().grad(z, y), (soft - onehot) / 5, rtol=1e-12)


# --------------------------------------------------------------------------------------------
# stability
# --------------------------------------------------------------------------------------------


def test_bce_extreme_logits():
    z = np.array([[1000.0], [-1000.0]])
    with np.errstate(**_STRICT):
        right = BinaryCrossEntropy()(z, [1, 0])
        wrong = BinaryCrossEntropy()(z, [0, 1])
        g_right = BinaryCrossEntropy().grad(z, [1, 0])
        g_wrong = BinaryCrossEntropy().grad(z, [0, 1])
    assert right == 0.0  # log sigmoid(1000) is 0 to double precision
    assert wrong == pytest.approx(1000.0, rel=1e-15)  # -log sigmoid(-1000) = 1000
    np.testing.assert_array_equal(g_right, [[0.0], [0.0]])
    np.testing.assert_array_equal(g_wrong, [[0.5], [-0.5]])


def test_cross_entropy_extreme_logits():
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 1000.0]])
    with np.errstate(**_STRICT):
        right = SoftmaxCrossEntropy()(z, [0, 1])
        wrong = SoftmaxCrossEntropy()(z, [1, 0])
        g = SoftmaxCrossEntropy().grad(z, [1, 0])
    assert right == pytest.approx(math.log(2) / 2, rel=1e-14)  # second row: a tie of two
    assert wrong == pytest.approx((2000.0 + 2000.0 + math.log(2)) / 2, rel=1e-15)
    assert np.all(np.isfinite(g))
    np.testing.assert_allclose(g, [[0.5, -0.5, 0.0], [-0.5, 0.25, 0.25]], atol=1e-300)


# --------------------------------------------------------------------------------------------
# delta: what training uses, must be the gradient with respect to the logits
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loss", "act", "case"),
    [
        (BinaryCrossEntropy(), Sigmoid(), lambda: _bce_case(2)),
        (SoftmaxCrossEntropy(), Softmax(), _ce_case),
        (MeanSquaredError(), Identity(), lambda: _bce_case(2)),
        (MeanSquaredError(), Tanh(), lambda: _bce_case(2)),
        (MeanSquaredError(), Sigmoid(), lambda: _bce_case(1)),
        (MeanSquaredError(), Softmax(), lambda: _bce_case(3)),
    ],
    ids=["bce", "cross_entropy", "mse_identity", "mse_tanh", "mse_sigmoid", "mse_softmax"],
)
def test_delta_is_gradient_wrt_logits(loss, act, case):
    z, y = case()
    t = loss.check_targets(y, *z.shape)
    target = loss.prepare(t, z.shape[1], z.dtype)
    a = act(z)
    delta = loss.delta(z, a, target, act, np.empty_like(z))
    if loss.output is not None:
        np.testing.assert_allclose(delta, loss.grad(z, y), rtol=1e-14, atol=1e-17)
    # For every loss: the derivative of L(f(z)) (or L(z) for a logit loss) with respect to z.
    value = (lambda v: loss(v, y)) if loss.output else (lambda v: loss(act(v), y))
    assert _rel_err(delta, _numerical_grad(value, z)) < 1e-6


def test_prepare_makes_one_hot():
    t = SoftmaxCrossEntropy().check_targets([2, 0], 2, 3)
    np.testing.assert_array_equal(
        SoftmaxCrossEntropy().prepare(t, 3, np.float64), [[0, 0, 1], [1, 0, 0]]
    )


# --------------------------------------------------------------------------------------------
# bad targets
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [BinaryCrossEntropy(), MeanSquaredError()])
def test_wrong_shape_names_both(loss):
    with pytest.raises(ValueError, match=r"y has shape \(3, 2\) but .* outputs of shape \(3, 1\)"):
        loss(np.zeros((3, 1)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"y has shape \(4, 1\) but .* outputs of shape \(3, 1\)"):
        loss(np.zeros((3, 1)), np.zeros(4))


def test_bce_values_outside_unit_interval():
    with pytest.raises(ValueError, match=r"takes class labels 0 and 1; y\[1\] is 2\.0"):
        BinaryCrossEntropy()(np.zeros((2, 1)), [0, 2])
    with pytest.raises(ValueError, match=r"takes class labels 0 and 1; y\[0\] is -0\.5"):
        BinaryCrossEntropy().grad(np.zeros((2, 1)), [-0.5, 1])


def test_cross_entropy_bad_labels():
    z = np.zeros((3, 3))
    with pytest.raises(ValueError, match=r"outside the classes 0..2: found \[3\]"):
        SoftmaxCrossEntropy()(z, [0, 1, 3])
    with pytest.raises(ValueError, match=r"outside the classes 0..2: found \[-1\]"):
        SoftmaxCrossEntropy()(z, [0, -1, 2])
    with pytest.raises(ValueError, match="whole-number class labels"):
        SoftmaxCrossEntropy()(z, [0, 0.5, 2])
    with pytest.raises(ValueError, match="y has 2 labels but X has 3 samples"):
        SoftmaxCrossEntropy()(z, [0, 1])


def test_cross_entropy_needs_two_outputs():
    with pytest.raises(ValueError, match="cross_entropy needs at least 2 outputs.*got 1"):
        SoftmaxCrossEntropy()(np.zeros((3, 1)), [0, 0, 0])


def test_bad_logits():
    with pytest.raises(ValueError, match=r"logits must be a 2D array; got shape \(3,\)"):
        MeanSquaredError()(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="logits contains NaN"):
        BinaryCrossEntropy()([[np.nan]], [1])


# --------------------------------------------------------------------------------------------
# registry
# --------------------------------------------------------------------------------------------


def test_registry():
    assert set(LOSSES) == {"binary_cross_entropy", "cross_entropy", "mse"}
    assert BinaryCrossEntropy.output == "sigmoid"
    assert SoftmaxCrossEntropy.output == "softmax"
    assert MeanSquaredError.output is None
    for name, cls in LOSSES.items():
        assert cls.name == name and isinstance(get_loss(name), cls)


@pytest.mark.parametrize(
    ("given", "cls"),
    [
        ("bce", BinaryCrossEntropy),
        ("BCE", BinaryCrossEntropy),
        ("binary_crossentropy", BinaryCrossEntropy),
        ("binary-cross-entropy", BinaryCrossEntropy),
        ("ce", SoftmaxCrossEntropy),
        ("sparse_categorical_crossentropy", SoftmaxCrossEntropy),
        ("softmax_cross_entropy", SoftmaxCrossEntropy),
        ("mean_squared_error", MeanSquaredError),
        ("MSE", MeanSquaredError),
    ],
)
def test_aliases(given, cls):
    assert type(get_loss(given)) is cls


def test_get_loss_instance_repr_and_errors():
    loss = MeanSquaredError()
    assert get_loss(loss) is loss
    assert repr(BinaryCrossEntropy()) == "BinaryCrossEntropy()"
    assert BinaryCrossEntropy() == BinaryCrossEntropy() != MeanSquaredError()
    with pytest.raises(ValueError, match=r"unknown loss 'hinge'; valid names are \[.*'mse'"):
        get_loss("hinge")
    with pytest.raises(TypeError, match="loss must be a str"):
        get_loss(3)


@pytest.mark.parametrize(
    ("y", "where"),
    [([0.0, 0.5, 1.0], r"y\[1\] is 0\.5"), ([[0, 1], [1, 0.9]], r"y\[1, 1\] is 0\.9")],
)
def test_bce_refuses_soft_targets_and_names_the_entry(y, where):
    z = np.zeros(np.shape(y)).reshape(len(y), -1)
    with pytest.raises(ValueError, match=r"takes class labels 0 and 1; " + where + ".*loss='mse'"):
        BinaryCrossEntropy()(z, y)


def test_soft_targets_for_a_sigmoid_net_train_with_mse():
    from nnexplain.network import MLP

    X = np.linspace(-1, 1, 20)[:, None]
    y = np.full(20, 0.5)
    net = MLP([1, 1], output="sigmoid", seed=0)
    with pytest.raises(ValueError, match="Soft targets are refused"):
        net.fit(X, y, epochs=1, seed=0)
    history = net.fit(X, y, loss="mse", lr=0.1, epochs=200, seed=0)
    assert np.isnan(history.accuracy[-1])  # not a classifier's accuracy
    np.testing.assert_allclose(net.forward(X), 0.5, atol=0.02)
