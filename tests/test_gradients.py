import numpy as np
import pytest

from nnexplain import MLP
from nnexplain.gradients import backward_gains, gradient_norms
from nnexplain.initializers import Normal


def test_gradient_norms_match_gradients():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(40, 3)), rng.integers(0, 2, 40)
    net = MLP([3, 5, 4, 1], seed=0)
    _, grads = net.gradients(X, y)
    norms = gradient_norms(net, X, y)
    np.testing.assert_allclose(norms, [np.sqrt(np.sum(dW**2)) for dW, _ in grads])
    assert norms.shape == (3,)


def test_gradient_norms_vanish_towards_the_input_with_sigmoid():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 20))
    y = (X[:, 0] > 0).astype(int)
    net = MLP([20] + [20] * 6 + [1], activation="sigmoid", seed=0)
    norms = gradient_norms(net, X, y)
    assert norms[0] < 0.01 * norms[-1]


def test_gradient_norms_needs_mlp():
    with pytest.raises(TypeError, match="net must be an nnexplain MLP"):
        gradient_norms("net", [[0.0]], [0])


def test_gradient_by_class_sums_to_the_gradient_and_is_made_of_that_class():
    from nnexplain import MLP
    from nnexplain.gradients import gradient_by_class

    rng = np.random.default_rng(4)
    X = rng.normal(size=(60, 5))
    y = np.arange(60) % 3
    net = MLP([5, 4, 3], activation="relu", seed=0)
    G = gradient_by_class(net, X, y)
    assert G.shape == (3, 5, 4)
    _, grads = net.gradients(X, y)
    np.testing.assert_allclose(G.sum(axis=0), grads[0][0], atol=1e-12)
    # Class 1's part changes only when class-1 samples change.
    X2 = X.copy()
    X2[y == 0] *= 2.0
    G2 = gradient_by_class(net, X2, y)
    np.testing.assert_allclose(G2[1], G[1])
    assert not np.allclose(G2[0], G[0])
    np.testing.assert_allclose(gradient_by_class(net, X, y, layer=1).sum(0), grads[1][0])
    with pytest.raises(ValueError, match="layer must be in 0..1"):
        gradient_by_class(net, X, y, layer=2)


def _torch_deltas(net, X, y):
    """The oracle: torch autograd's dL/dz of every layer, for a softmax cross-entropy MLP."""
    torch = pytest.importorskip("torch")
    h = torch.tensor(X, requires_grad=True)
    zs = []
    for k, (W, b) in enumerate(net.get_weights()):
        z = h @ torch.tensor(W) + torch.tensor(b)
        z.retain_grad()
        zs.append(z)
        h = torch.tanh(z) if k < len(net.layers) - 1 else z
    torch.nn.functional.cross_entropy(zs[-1], torch.tensor(y)).backward()
    return [z.grad.numpy() for z in zs]


def test_backward_gains_match_torch_autograd():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 4)), rng.integers(0, 3, 30)
    net = MLP([4, 6, 5, 3], activation="tanh", seed=0)
    gains = backward_gains(net, X, y)
    deltas = _torch_deltas(net, X, y)
    np.testing.assert_allclose(gains.delta, [np.linalg.norm(d) for d in deltas], rtol=1e-10)
    for k in range(2):  # hidden layers: delta W^T, then times tanh'(z)
        W = net.get_weights()[k + 1][0]
        through_w = np.linalg.norm(deltas[k + 1] @ W.T)
        assert gains.weights[k] == pytest.approx(through_w / np.linalg.norm(deltas[k + 1]))
        assert gains.slope[k] == pytest.approx(np.linalg.norm(deltas[k]) / through_w)


def test_backward_gains_of_a_linear_network_are_the_weights_alone():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(50, 8)), rng.integers(0, 2, 50)
    net = MLP([8, 200, 200, 2], activation="identity", init=Normal(std=0.05), seed=1)
    gains = backward_gains(net, X, y)
    np.testing.assert_allclose(gains.slope, 1.0)  # f' = 1
    np.testing.assert_allclose(gains.weights * gains.slope, gains.delta[:-1] / gains.delta[1:])
    # random weights of std sigma scale a vector by about sqrt(n_out) sigma
    assert gains.weights[0] == pytest.approx(np.sqrt(200) * 0.05, rel=0.1)


def test_backward_gains_sigmoid_slope_never_exceeds_a_quarter():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(100, 10)), rng.integers(0, 2, 100)
    gains = backward_gains(MLP([10, 20, 20, 20, 1], activation="sigmoid", seed=0), X, y)
    assert np.all(gains.slope <= 0.25) and np.all(gains.slope > 0.1)


def test_backward_gains_needs_mlp():
    with pytest.raises(TypeError, match="net must be an nnexplain MLP"):
        backward_gains("net", [[0.0]], [0])


def test_max_slope_of_the_usual_activations():
    from nnexplain.gradients import max_slope

    assert max_slope("sigmoid") == pytest.approx(0.25, abs=1e-9)
    assert max_slope("tanh") == pytest.approx(1.0, abs=1e-9)
    assert max_slope("relu") == 1.0
    assert max_slope("gelu") == pytest.approx(1.1289, abs=1e-4)
    with pytest.raises(ValueError, match="x_max"):
        max_slope("tanh", x_max=-1.0)
    with pytest.raises(ValueError, match="activation"):
        max_slope("nope")


def test_backward_signal_bound_holds_and_is_tight_for_one_unit_per_layer():
    from nnexplain import MLP
    from nnexplain.gradients import backward_gains, backward_signal_bound
    from nnexplain.initializers import Normal

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(50, 2)), rng.integers(0, 2, 50)
    for act in ["sigmoid", "tanh", "relu", "gelu"]:
        for std in [0.1, 1.0, 3.0]:
            net = MLP([2, 8, 8, 8, 1], activation=act, init=Normal(std), seed=3)
            norms = backward_gains(net, X, y).delta
            bound = backward_signal_bound(net)
            assert bound[-1] == 1.0 and bound.shape == (4,)
            assert np.all(norms / norms[-1] <= bound * (1 + 1e-12)), (act, std)
    # one unit per layer, identity hidden activation: the bound is an equality
    net = MLP.from_weights(
        [([[2.0]], [0.0]), ([[-0.5]], [0.0]), ([[3.0]], [0.0])], ["identity", "identity", "sigmoid"]
    )
    norms = backward_gains(net, np.ones((1, 1)), [1]).delta
    np.testing.assert_allclose(norms / norms[-1], [1.5, 3.0, 1.0])
    np.testing.assert_allclose(backward_signal_bound(net), [1.5, 3.0, 1.0])
    with pytest.raises(TypeError, match="net"):
        backward_signal_bound("net")
