import math

import numpy as np
import pytest

from nnexplain.optimizers import OPTIMIZERS, SGD, Adam, Momentum, get_optimizer


def test_sgd_step_by_hand():
    p = np.array([1.0, 2.0])
    opt = SGD(lr=0.1)
    opt.step(p, np.array([0.5, -1.0]))
    np.testing.assert_array_equal(p, [1.0 - 0.05, 2.0 + 0.1])
    opt.step(p, np.array([0.5, -1.0]))
    np.testing.assert_allclose(p, [0.9, 2.2], rtol=1e-15)
    assert opt.t == 2


def test_momentum_two_steps_by_hand():
    p = np.array([1.0, -1.0])
    g1, g2 = np.array([0.5, 2.0]), np.array([-1.0, 1.0])
    opt = Momentum(lr=0.1, momentum=0.9)
    opt.step(p, g1)  # v1 = g1
    np.testing.assert_allclose(p, [1.0 - 0.1 * 0.5, -1.0 - 0.1 * 2.0], rtol=1e-15)
    opt.step(p, g2)  # v2 = 0.9 v1 + g2 = [-0.55, 2.8]
    np.testing.assert_allclose(p, [0.95 + 0.055, -1.2 - 0.28], rtol=1e-15)
    np.testing.assert_allclose(opt.velocity, [-0.55, 2.8], rtol=1e-15)


def test_adam_two_steps_by_hand():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    p = np.array([1.0, -2.0])
    g1, g2 = np.array([2.0, -0.5]), np.array([1.0, 0.5])
    opt = Adam(lr=lr)

    # Step 1: m = 0.1 g1, v = 0.001 g1^2; bias correction divides by 0.1 and 0.001, so the step
    # is lr * g1 / (|g1| + eps): lr times the sign of g1.
    opt.step(p, g1)
    expected1 = np.array([1.0 - lr * 2.0 / (2.0 + eps), -2.0 + lr * 0.5 / (0.5 + eps)])
    np.testing.assert_allclose(p, expected1, rtol=1e-15)

    # Step 2, written out entry by entry.
    expected2 = []
    for p1, a, b in zip(expected1, g1, g2, strict=True):
        m = b1 * (1 - b1) * a + (1 - b1) * b
        v = b2 * (1 - b2) * a * a + (1 - b2) * b * b
        m_hat, v_hat = m / (1 - b1**2), v / (1 - b2**2)
        expected2.append(p1 - lr * m_hat / (math.sqrt(v_hat) + eps))
    opt.step(p, g2)
    np.testing.assert_allclose(p, expected2, rtol=1e-14)
    # First entry: m_hat = (0.18 + 0.1) / 0.19, v_hat = (0.003996 + 0.001) / 0.001999.
    assert expected2[0] == pytest.approx(
        expected1[0] - 0.1 * (0.28 / 0.19) / (math.sqrt(0.004996 / 0.001999) + 1e-8), rel=1e-13
    )


def test_pytorch_default_hyper_parameters():
    adam = Adam()
    assert (adam.lr, adam.beta1, adam.beta2, adam.eps) == (0.001, 0.9, 0.999, 1e-8)
    # SGD and momentum use Keras' learning rate 0.01 and the usual momentum 0.9 (torch.optim.SGD
    # has lr=0.001 and momentum=0), as documented in their docstrings.
    assert SGD().lr == 0.01
    assert (Momentum().lr, Momentum().momentum) == (0.01, 0.9)


def test_adam_defaults_are_torchs():
    torch = pytest.importorskip("torch")
    import inspect

    sig = inspect.signature(torch.optim.Adam.__init__).parameters
    assert sig["lr"].default == Adam().lr
    assert sig["betas"].default == (Adam().beta1, Adam().beta2)
    assert sig["eps"].default == Adam().eps


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        pytest.param(lambda: SGD(lr=0.05), lambda t, p: t.optim.SGD([p], lr=0.05), id="sgd"),
        pytest.param(
            lambda: Momentum(lr=0.05, momentum=0.8),
            lambda t, p: t.optim.SGD([p], lr=0.05, momentum=0.8),
            id="momentum",
        ),
        pytest.param(
            lambda: Adam(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6),
            lambda t, p: t.optim.Adam([p], lr=0.01, betas=(0.8, 0.99), eps=1e-6),
            id="adam",
        ),
        pytest.param(lambda: Adam(), lambda t, p: t.optim.Adam([p]), id="adam_defaults"),
    ],
)
def test_matches_torch_optim(ours, theirs):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    p0 = rng.normal(size=(3, 4))
    grads = rng.normal(size=(10, 3, 4)) * np.logspace(-3, 1, 10)[:, None, None]
    p = p0.copy()
    opt = ours()
    tp = torch.tensor(p0, dtype=torch.float64, requires_grad=True)
    topt = theirs(torch, tp)
    for g in grads:
        opt.step(p, g)
        tp.grad = torch.tensor(g, dtype=torch.float64)
        topt.step()
    np.testing.assert_allclose(p, tp.detach().numpy(), rtol=1e-12, atol=1e-12)


def test_float32_params_stay_float32():
    for opt in (SGD(), Momentum(), Adam()):
        p = np.ones(3, dtype=np.float32)
        opt.step(p, np.full(3, 0.5, dtype=np.float32))
        assert p.dtype == np.float32 and np.all(p < 1)


def test_reset_forgets_state():
    opt = Adam(lr=0.1)
    p = np.zeros(2)
    opt.step(p, np.array([1.0, -1.0]))
    opt.reset()
    assert opt.t == 0 and opt.m is None
    q = np.zeros(2)
    opt.step(q, np.array([1.0, -1.0]))
    np.testing.assert_array_equal(p, q)  # the same first step again
    mom = Momentum()
    mom.step(np.zeros(2), np.ones(2))
    mom.reset()
    assert mom.velocity is None and mom.t == 0


# --------------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [SGD, Momentum, Adam])
@pytest.mark.parametrize("lr", [0, -0.1, math.inf, math.nan])
def test_non_positive_lr(cls, lr):
    with pytest.raises(ValueError, match="lr must be a finite number > 0"):
        cls(lr=lr)


def test_lr_type():
    with pytest.raises(TypeError, match="lr must be a real number; got '0.1'"):
        SGD(lr="0.1")


@pytest.mark.parametrize("name", ["beta1", "beta2"])
@pytest.mark.parametrize("value", [1.0, 1.5])
def test_betas_at_or_above_one(name, value):
    with pytest.raises(ValueError, match=rf"{name} must be in \[0, 1\); got {value}"):
        Adam(**{name: value})


@pytest.mark.parametrize("name", ["beta1", "beta2"])
def test_negative_betas(name):
    with pytest.raises(ValueError, match=f"{name} must be a finite number >= 0"):
        Adam(**{name: -0.1})


def test_beta_zero_is_allowed():
    p = np.zeros(1)
    Adam(lr=0.1, beta1=0.0, beta2=0.0).step(p, np.array([3.0]))
    np.testing.assert_allclose(p, [-0.1 * 3.0 / (3.0 + 1e-8)], rtol=1e-15)


def test_bad_momentum_and_eps():
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\); got 1"):
        Momentum(momentum=1)
    with pytest.raises(ValueError, match="momentum must be a finite number >= 0"):
        Momentum(momentum=-0.5)
    with pytest.raises(ValueError, match="eps must be a finite number > 0"):
        Adam(eps=0)


@pytest.mark.parametrize("cls", [SGD, Momentum, Adam])
def test_mismatched_shapes(cls):
    opt = cls()
    with pytest.raises(ValueError, match=r"params has shape \(3,\) but grads has shape \(1,\)"):
        opt.step(np.zeros(3), np.zeros(1))  # would broadcast silently
    opt.step(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match=r"params has shape \(3,\) but grads has shape \(2, 3\)"):
        opt.step(np.zeros(3), np.zeros((2, 3)))


@pytest.mark.parametrize("cls", [SGD, Momentum, Adam])
def test_params_must_be_arrays(cls):
    with pytest.raises(TypeError, match="params and grads must be numpy arrays"):
        cls().step([0.0, 1.0], np.zeros(2))


# --------------------------------------------------------------------------------------------
# registry
# --------------------------------------------------------------------------------------------


def test_registry_and_repr():
    assert set(OPTIMIZERS) == {"sgd", "momentum", "adam"}
    assert isinstance(get_optimizer("ADAM"), Adam)
    assert get_optimizer("sgd", lr=0.5).lr == 0.5
    assert (
        repr(get_optimizer("adam", lr=0.01)) == "Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08)"
    )
    assert repr(Momentum()) == "Momentum(lr=0.01, momentum=0.9)"
    assert repr(SGD()) == "SGD(lr=0.01)"
    opt = SGD()
    assert get_optimizer(opt) is opt


def test_registry_errors():
    with pytest.raises(ValueError, match=r"unknown optimizer 'rmsprop'; valid names are \["):
        get_optimizer("rmsprop")
    with pytest.raises(TypeError, match="optimizer must be a str"):
        get_optimizer(None)
    with pytest.raises(
        TypeError, match="hyper-parameters can only be given with an optimizer name"
    ):
        get_optimizer(SGD(), lr=0.1)
    with pytest.raises(TypeError):
        get_optimizer("sgd", momentum=0.9)
