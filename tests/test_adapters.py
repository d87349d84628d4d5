"""Tests for nnexplain.adapters: networks from plain arrays, PyTorch, Keras and scikit-learn.

The oracle is the other library's own forward pass, in float64, to 1e-10.
"""

import warnings

import matplotlib

matplotlib.use("Agg")

import os

import numpy as np
import pytest

from nnexplain import MLP, animate, plot
from nnexplain.activations import LeakyReLU
from nnexplain.adapters import from_any, from_keras, from_sklearn, from_torch
from nnexplain.datasets import make_blobs, make_circle_in_donut, make_moons

X, Y = make_circle_in_donut(80, seed=1)
RNG = np.random.default_rng(0)
X_WIDE = RNG.normal(scale=2.0, size=(64, 2))


# -------------------------------------------------------------------------- nets from arrays


def _array_net(output="sigmoid"):
    """2 -> 3 (tanh) -> 2 (leaky ReLU, no bias) -> 1 sigmoid or 3 softmax, from plain arrays."""
    rng = np.random.default_rng(3)
    n_out = 1 if output == "sigmoid" else 3
    weights = [
        (rng.normal(size=(2, 3)), rng.normal(size=3)),
        (rng.normal(size=(3, 2)), None),
        (rng.normal(size=(2, n_out)), rng.normal(size=n_out)),
    ]
    return MLP.from_weights(weights, ["tanh", LeakyReLU(0.1), output]), weights


def test_from_weights_forward_is_the_formula():
    net, weights = _array_net()
    (W1, b1), (W2, _), (W3, b3) = weights
    h = np.tanh(X @ W1 + b1)
    z = h @ W2
    h = np.where(z > 0, z, 0.1 * z)
    want = 1 / (1 + np.exp(-(h @ W3 + b3)))
    np.testing.assert_allclose(net.forward(X), want, rtol=0, atol=1e-14)
    assert repr(net) == "MLP(2-3-2-1, tanh/leaky_relu -> sigmoid, bias=False)"


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_every_helper_draws_a_net_made_from_arrays(pyplot, output):
    net, _ = _array_net(output)
    y = Y if output == "sigmoid" else (np.arange(len(X)) % 3)

    ax = pyplot.figure(figsize=(2, 2), dpi=40).add_subplot()
    anim = animate.animate_layers(
        net,
        X,
        y,
        frames_per_transition=2,
        pause_frames=0,
        min_stage_s=0,  # no holds: the frame count below is the moves alone
        end_hold_s=0,
        include_output=True,
        ax=ax,
    )
    n = anim.n_frames
    assert n == 7 + 6 * 2  # 7 stages: input, 3 x (affine, activation)
    for k in (0, n - 1):
        anim._func(k)
        anim._fig.canvas.draw()
    # the last stage is named; a speck in the shared frame also says how small it is
    assert ax.get_title().split("  (spans")[0] == f"output: {output}"

    boundary = plot.plot_decision_boundary(net, X, y, resolution=20)
    assert boundary.filled is not None and len(boundary.points) == len(np.unique(y))
    # a hidden stage of width 2: the boundary the last layer sees
    hidden = plot.plot_decision_boundary(net, X, y, stage="layer 2: leaky_relu", resolution=20)
    assert hidden.filled.axes.get_title() == "layer 2: leaky_relu"

    trace = net.trace(X)
    axes = plot.plot_activation_histograms(
        [trace.post_activations], row_labels=["arrays"], range=None
    )
    assert axes.shape == (1, 3)
    heights = [sum(p.get_data().values.sum() for p in ax.patches) for ax in axes[0]]
    # every sample of every unit is counted: 80 samples x (3, 2, n_out) units
    assert heights == [80 * 3, 80 * 2, 80 * (1 if output == "sigmoid" else 3)]


def test_from_any_reads_triples_and_hints_at_transposed_weights():
    net = from_any([(np.eye(2), np.zeros(2), "tanh"), (np.ones((2, 1)), None, "sigmoid")])
    assert repr(net) == "MLP(2-2-1, tanh -> sigmoid, bias=False)"
    with pytest.raises(ValueError, match=r"consecutive widths.*\(n_in, n_out\).*transpose"):
        from_any([(np.ones((3, 2)), None, "tanh"), (np.ones((1, 3)), None, "sigmoid")])
    with pytest.raises(TypeError, match=r"stage 1 must be a \(W, b, activation\) triple"):
        from_any([(np.eye(2), None, "tanh"), (np.eye(2), None)])


def test_from_any_returns_an_mlp_and_rejects_other_objects():
    net = MLP([2, 3, 1], seed=0)
    assert from_any(net) is net
    with pytest.raises(TypeError, match=r"cannot read a network from 'model'.*torch\.nn"):
        from_any("model")
    with pytest.raises(TypeError, match="cannot read a network from 3"):
        from_any(3)


# -------------------------------------------------------------------------------------- torch


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def _torch_forward(module, X):
    import torch

    module.double().eval()
    with torch.no_grad():
        return module(torch.from_numpy(X)).numpy()


def _assert_same_forward(module, net, X=X_WIDE):
    np.testing.assert_allclose(net.forward(X), _torch_forward(module, X), rtol=0, atol=1e-10)


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda nn: nn.Tanh(), "tanh"),
        (lambda nn: nn.ReLU(), "relu"),
        (lambda nn: nn.Sigmoid(), "sigmoid"),
        (lambda nn: nn.LeakyReLU(0.2), "leaky_relu"),
        (lambda nn: nn.LeakyReLU(), "leaky_relu"),
        (lambda nn: nn.ELU(alpha=0.7), "elu"),
        (lambda nn: nn.Softplus(), "softplus"),
        (lambda nn: nn.GELU(), "gelu"),
        (lambda nn: nn.Identity(), "identity"),
    ],
)
def test_from_torch_matches_torch(torch, make, name):
    nn = torch.nn
    torch.manual_seed(0)
    module = nn.Sequential(nn.Linear(2, 5), make(nn), nn.Linear(5, 4), make(nn), nn.Linear(4, 1))
    net = from_torch(module.double())
    assert [a.name for a in net.activations] == [name, name, "identity"]
    assert net.sizes == [2, 5, 4, 1]
    _assert_same_forward(module, net)
    if name == "leaky_relu":
        assert net.activations[0].alpha == module[1].negative_slope
    if name == "elu":
        assert net.activations[0].alpha == 0.7


def test_from_torch_copies_weights_transposed(torch):
    nn = torch.nn
    layer = nn.Linear(2, 3)
    net = from_torch(nn.Sequential(layer, nn.Tanh()))
    np.testing.assert_array_equal(net.layers[0].W, layer.weight.detach().double().numpy().T)
    np.testing.assert_array_equal(net.layers[0].b, layer.bias.detach().double().numpy())
    assert net.layers[0].W.dtype == np.float64
    # a copy: changing the torch weights later leaves the MLP alone
    with torch.no_grad():
        layer.weight.add_(1.0)
    assert not np.array_equal(net.layers[0].W, layer.weight.detach().double().numpy().T)


def test_from_torch_softmax_output_nesting_dropout_and_no_bias(torch):
    nn = torch.nn
    torch.manual_seed(1)
    module = nn.Sequential(
        nn.Sequential(nn.Linear(2, 6), nn.ReLU(), nn.Dropout(0.5)),
        nn.Linear(6, 4, bias=False),
        nn.Tanh(),
        nn.Linear(4, 3),
        nn.Softmax(dim=-1),
    )
    net = from_torch(module)
    assert repr(net) == "MLP(2-6-4-3, relu/tanh -> softmax, bias=False)"
    assert net.layers[1].b is None
    _assert_same_forward(module, net)
    np.testing.assert_allclose(net.forward(X_WIDE).sum(axis=1), 1.0)


def test_from_torch_inserts_identity_between_consecutive_linear_layers(torch):
    nn = torch.nn
    torch.manual_seed(2)
    module = nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 3), nn.Sigmoid(), nn.Linear(3, 2))
    net = from_torch(module)
    assert [a.name for a in net.activations] == ["identity", "sigmoid", "identity"]
    assert len(net.trace(X_WIDE)) == 7  # every Linear is a stage of its own
    _assert_same_forward(module, net)


def test_from_torch_single_linear(torch):
    layer = torch.nn.Linear(2, 2)
    net = from_torch(layer)
    assert repr(net) == "MLP(2-2, identity)"
    _assert_same_forward(layer, net)


def test_from_torch_matches_a_trained_classifier(torch):
    """A network trained by torch gives the same predictions once copied."""
    nn = torch.nn
    torch.manual_seed(0)
    Xm, ym = make_moons(200, noise=0.1, seed=0)
    module = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid()).double()
    xt, yt = torch.from_numpy(Xm), torch.from_numpy(ym.astype(float))[:, None]
    for _ in range(300):  # plain gradient descent (torch.optim takes seconds to import)
        module.zero_grad()
        nn.functional.binary_cross_entropy(module(xt), yt).backward()
        with torch.no_grad():
            for p in module.parameters():
                p -= 0.5 * p.grad
    net = from_torch(module)
    _assert_same_forward(module, net, Xm)
    assert net.accuracy(Xm, ym) > 0.85


@pytest.mark.parametrize(
    ("layers", "error", "match"),
    [
        (
            lambda nn: [nn.Linear(2, 2), nn.Conv1d(1, 1, 1)],
            TypeError,
            r"layer 1 \(Conv1d\) is not supported; supported: Linear, Tanh, ReLU",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.SiLU()],
            TypeError,
            r"layer 1 \(SiLU\) is not supported.*GELU\(approximate='none'\)",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))],
            TypeError,
            r"layer 1\.1 \(BatchNorm1d\) is not supported",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.GELU(approximate="tanh")],
            ValueError,
            r"layer 1 \(GELU\): approximate='tanh' is not supported",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.Softplus(beta=2)],
            ValueError,
            r"layer 1 \(Softplus\): beta=2 is not supported; only Softplus\(beta=1\)",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.Softmax(dim=-1), nn.Linear(2, 2)],
            ValueError,
            r"layer 1 \(Softmax\) is not the last layer; softmax is supported as the output",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.Softmax(dim=0)],
            ValueError,
            r"layer 1 \(Softmax\): dim=0 is not supported",
        ),
        (
            lambda nn: [nn.ReLU(), nn.Linear(2, 2)],
            ValueError,
            r"layer 0 \(ReLU\) is an activation before any affine layer",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.ReLU(), nn.Tanh()],
            ValueError,
            r"layer 2 \(Tanh\) follows another activation",
        ),
        (
            lambda nn: [nn.Linear(2, 2), nn.LeakyReLU(-0.5)],
            ValueError,
            r"layer 1 \(LeakyReLU\): alpha must be a finite number >= 0; got -0\.5",
        ),
        (lambda nn: [nn.Dropout()], ValueError, r"no affine layer"),
    ],
)
def test_from_torch_unsupported_layers_are_named(torch, layers, error, match):
    module = torch.nn.Sequential(*layers(torch.nn))
    with pytest.raises(error, match=match):
        from_torch(module)


def test_from_torch_rejects_custom_modules(torch):
    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(2, 1)

        def forward(self, x):
            return self.fc(x)

    with pytest.raises(TypeError, match=r"torch\.nn\.Sequential.*got Net.*MLP\.from_weights"):
        from_torch(Net())


def test_from_any_dispatches_to_torch(torch):
    module = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
    net = from_any(module)
    _assert_same_forward(module, net)


# ------------------------------------------------------------------------------------ sklearn


def _fit(estimator, X, y):
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return estimator.fit(X, y)


@pytest.mark.parametrize("activation", ["identity", "logistic", "tanh", "relu"])
def test_from_sklearn_binary_classifier(activation):
    neural = pytest.importorskip("sklearn.neural_network")
    Xm, ym = make_moons(120, noise=0.1, seed=0)
    clf = _fit(
        neural.MLPClassifier((5, 4), activation=activation, max_iter=50, random_state=0), Xm, ym
    )
    assert clf.out_activation_ == "logistic"
    net = from_sklearn(clf)
    expected = {"identity": "identity", "logistic": "sigmoid"}.get(activation, activation)
    assert [a.name for a in net.activations] == [expected, expected, "sigmoid"]
    np.testing.assert_allclose(
        net.predict_proba(X_WIDE), clf.predict_proba(X_WIDE)[:, 1], rtol=0, atol=1e-10
    )
    np.testing.assert_array_equal(net.predict(X_WIDE), clf.predict(X_WIDE))


def test_from_sklearn_multiclass_and_regressor():
    neural = pytest.importorskip("sklearn.neural_network")
    y3 = np.arange(len(X)) % 3
    clf = _fit(neural.MLPClassifier((6,), max_iter=30, random_state=0), X, y3)
    assert clf.out_activation_ == "softmax"
    net = from_sklearn(clf)
    assert repr(net) == "MLP(2-6-3, relu -> softmax)"
    np.testing.assert_allclose(net.forward(X_WIDE), clf.predict_proba(X_WIDE), rtol=0, atol=1e-10)

    targets = np.column_stack([np.sin(X[:, 0]), X[:, 1] ** 2])
    reg = _fit(
        neural.MLPRegressor(
            hidden_layer_sizes=(4, 4), activation="tanh", max_iter=30, random_state=0
        ),
        X,
        targets,
    )
    net = from_sklearn(reg)
    assert repr(net) == "MLP(2-4-4-2, tanh -> identity)"
    np.testing.assert_allclose(net.forward(X_WIDE), reg.predict(X_WIDE), rtol=0, atol=1e-10)
    np.testing.assert_allclose(from_any(reg).forward(X_WIDE), reg.predict(X_WIDE), atol=1e-10)


def test_from_sklearn_errors():
    neural = pytest.importorskip("sklearn.neural_network")
    with pytest.raises(ValueError, match="this MLPClassifier is not fitted; call its fit"):
        from_sklearn(neural.MLPClassifier())
    with pytest.raises(TypeError, match="fitted sklearn MLPClassifier or MLPRegressor; got"):
        from_sklearn(object())
    clf = _fit(neural.MLPClassifier((3,), max_iter=5, random_state=0), X, Y)
    clf.activation = "softsign"
    with pytest.raises(ValueError, match=r"activation='softsign' is not supported; supported"):
        from_sklearn(clf)


# -------------------------------------------------------------------------------------- keras
# Keras is not a test dependency: its real models are tested when it is installed; the reading
# logic is tested on small stand-ins with the same interface (class name, get_config,
# get_weights).


def _keras_like(class_name, config=None, weights=()):
    def get_config(self):
        return dict(config or {})

    def get_weights(self):
        return [np.asarray(w) for w in weights]

    cls = type(class_name, (), {"get_config": get_config, "get_weights": get_weights})
    return cls()


class _Sequential:
    def __init__(self, layers):
        self.layers = layers


def test_from_keras_reads_dense_layers_and_activation_layers():
    rng = np.random.default_rng(5)
    W1, b1, W2, W3, b3 = (rng.normal(size=s) for s in [(2, 4), 4, (4, 3), (3, 2), 2])
    model = _Sequential(
        [
            _keras_like("InputLayer"),
            _keras_like("Dense", {"activation": "tanh", "use_bias": True}, [W1, b1]),
            _keras_like("Dropout", {"rate": 0.5}),
            _keras_like("Dense", {"activation": "linear", "use_bias": False}, [W2]),
            _keras_like("LeakyReLU", {"negative_slope": 0.3}),
            _keras_like("Dense", {"activation": "linear", "use_bias": True}, [W3, b3]),
            _keras_like("Activation", {"activation": "softmax"}),
        ]
    )
    net = from_keras(model)
    assert repr(net) == "MLP(2-4-3-2, tanh/leaky_relu -> softmax, bias=False)"
    h = np.tanh(X @ W1 + b1) @ W2
    h = np.where(h > 0, h, 0.3 * h) @ W3 + b3
    e = np.exp(h - h.max(axis=1, keepdims=True))
    np.testing.assert_allclose(net.forward(X), e / e.sum(axis=1, keepdims=True), atol=1e-14)


@pytest.mark.parametrize(
    ("layers", "error", "match"),
    [
        (
            [_keras_like("Conv2D", {})],
            TypeError,
            r"layer 0 \(Conv2D\) is not supported; supported: Dense with activation",
        ),
        (
            [_keras_like("Dense", {"activation": "swish"}, [np.eye(2), np.zeros(2)])],
            ValueError,
            r"layer 0 \(Dense\): activation 'swish' is not supported; supported activations",
        ),
        (
            [_keras_like("Dense", {"activation": "relu"}, [])],
            ValueError,
            r"layer 0 \(Dense\) has 0 weight arrays; build the model first",
        ),
        (
            [
                _keras_like("Dense", {"activation": "relu"}, [np.eye(2), np.zeros(2)]),
                _keras_like("Activation", {"activation": "tanh"}),
            ],
            ValueError,
            r"layer 1 \(Activation\) follows another activation",
        ),
    ],
)
def test_from_keras_errors(layers, error, match):
    with pytest.raises(error, match=match):
        from_keras(_Sequential(layers))
    with pytest.raises(TypeError, match="from_keras reads a keras.Sequential model"):
        from_keras(3)


def test_from_keras_matches_keras():
    # Keras 3 runs on a backend; PyTorch is the one the test environment installs.
    os.environ.setdefault("KERAS_BACKEND", "torch")
    keras = pytest.importorskip("keras")
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(5, activation="tanh"),
            keras.layers.Dense(4, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    net = from_any(model)
    assert repr(net) == "MLP(2-5-4-3, tanh/relu -> softmax)"
    want = keras.ops.convert_to_numpy(model(X_WIDE.astype("float32"))).astype(np.float64)
    # keras computes in float32: compare our float64 pass with its float32 pass loosely, and
    # with a float64 recomputation from its own weights exactly
    np.testing.assert_allclose(net.forward(X_WIDE), want, atol=1e-5)
    (W1, b1), (W2, b2), (W3, b3) = (
        [np.asarray(w, dtype=np.float64) for w in layer.get_weights()] for layer in model.layers
    )
    h = np.maximum(np.tanh(X_WIDE @ W1 + b1) @ W2 + b2, 0) @ W3 + b3
    e = np.exp(h - h.max(axis=1, keepdims=True))
    np.testing.assert_allclose(net.forward(X_WIDE), e / e.sum(axis=1, keepdims=True), atol=1e-10)


# ------------------------------------------------------------------------------------- logits


def _train_torch_on_logits(torch, module, X, target, loss_fn, steps=300, lr=0.5):
    """Plain gradient descent on a logits loss (torch.optim takes seconds to import)."""
    xt = torch.from_numpy(X)
    for _ in range(steps):
        module.zero_grad()
        loss_fn(module(xt), target).backward()
        with torch.no_grad():
            for p in module.parameters():
                p -= lr * p.grad
    return module


def test_from_torch_output_sigmoid_for_a_bce_with_logits_model(torch):
    nn = torch.nn
    torch.manual_seed(0)
    Xm, ym = make_moons(200, noise=0.2, seed=0)
    module = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1)).double()
    target = torch.from_numpy(ym.astype(float))[:, None]
    _train_torch_on_logits(torch, module, Xm, target, nn.BCEWithLogitsLoss())
    with torch.no_grad():
        logits = module(torch.from_numpy(Xm))
        torch_acc = ((logits[:, 0] > 0).long() == torch.from_numpy(ym)).double().mean().item()
        torch_proba = torch.sigmoid(logits)[:, 0].numpy()

    # without output=, the copy is the model as it is: logits, not a classifier
    with pytest.raises(ValueError, match="accuracy needs a classifier"):
        from_torch(module).accuracy(Xm, ym)
    net = from_torch(module, output="sigmoid")
    assert repr(net) == "MLP(2-8-1, tanh -> sigmoid)"
    assert 0.8 < torch_acc < 1.0  # trained, and not trivially perfect
    assert net.accuracy(Xm, ym) == torch_acc
    np.testing.assert_allclose(net.predict_proba(Xm), torch_proba, rtol=0, atol=1e-12)
    assert from_any(module, output="sigmoid").accuracy(Xm, ym) == torch_acc


def test_from_torch_output_softmax_for_a_cross_entropy_model(torch):
    nn = torch.nn
    torch.manual_seed(1)
    Xs, ys = make_blobs(300, centers=3, cluster_std=2.0, seed=0)
    module = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3)).double()
    target = torch.from_numpy(ys).long()
    _train_torch_on_logits(torch, module, Xs, target, nn.CrossEntropyLoss(), steps=300, lr=0.1)
    with torch.no_grad():
        logits = module(torch.from_numpy(Xs))
        torch_acc = (logits.argmax(dim=1) == target).double().mean().item()
        torch_proba = torch.softmax(logits, dim=1).numpy()

    net = from_torch(module, output="softmax")
    assert repr(net) == "MLP(2-16-3, relu -> softmax)"
    assert 0.5 < torch_acc < 1.0
    assert net.accuracy(Xs, ys) == torch_acc
    np.testing.assert_allclose(net.predict_proba(Xs), torch_proba, rtol=0, atol=1e-12)


def test_from_keras_output_for_models_trained_from_logits():
    os.environ.setdefault("KERAS_BACKEND", "torch")
    keras = pytest.importorskip("keras")
    keras.utils.set_random_seed(0)
    Xm, ym = make_moons(200, noise=0.2, seed=0)
    Xs, ys = make_blobs(300, centers=3, cluster_std=2.0, seed=0)
    cases = [
        (Xm, ym, 1, keras.losses.BinaryCrossentropy(from_logits=True), "sigmoid"),
        (Xs, ys, 3, keras.losses.SparseCategoricalCrossentropy(from_logits=True), "softmax"),
    ]
    metrics = {
        # on logits the binary threshold is 0 (a probability of 0.5)
        "sigmoid": keras.metrics.BinaryAccuracy(threshold=0.0),
        "softmax": keras.metrics.SparseCategoricalAccuracy(),
    }
    for X, y, n_out, loss, output in cases:
        model = keras.Sequential(
            [
                keras.Input((2,)),
                keras.layers.Dense(16, activation="tanh"),
                keras.layers.Dense(n_out),
            ]
        )
        model.compile(optimizer=keras.optimizers.Adam(0.05), loss=loss, metrics=[metrics[output]])
        model.fit(X.astype("float32"), y, epochs=40, batch_size=32, verbose=0)
        logits = keras.ops.convert_to_numpy(model(X.astype("float32"))).astype(np.float64)
        keras_pred = (logits[:, 0] > 0).astype(int) if n_out == 1 else logits.argmax(axis=1)
        keras_acc = float(np.mean(keras_pred == y))
        # Keras's own metric agrees with the predictions read off its logits
        _, metric = model.evaluate(X.astype("float32"), y, verbose=0)
        assert metric == pytest.approx(keras_acc, abs=1e-6)

        net = from_keras(model, output=output)
        assert net.activations[-1].name == output
        assert 0.5 < keras_acc
        # keras computes in float32: points within rounding of the boundary could flip
        assert net.accuracy(X, y) == pytest.approx(keras_acc, abs=1 / len(y))
        assert np.mean(net.predict(X) == keras_pred) >= 1 - 1 / len(y)
        assert from_any(model, output=output).accuracy(X, y) == net.accuracy(X, y)


@pytest.mark.parametrize(
    ("stages", "output", "match"),
    [
        ([(np.eye(2), None, "identity")], "relu", r"output must be None.*'sigmoid'.*got 'relu'"),
        ([(np.eye(2), None, "identity")], 1, r"output must be None.*got 1"),
        ([(np.eye(2), None, "tanh")], "sigmoid", r"already ends in tanh; leave output=None"),
        ([(np.ones((2, 1)), None, "identity")], "softmax", r"at least 2 output units.*has 1"),
    ],
)
def test_output_errors(stages, output, match):
    with pytest.raises(ValueError, match=match):
        from_any(stages, output=output)


def test_from_any_output_on_an_mlp_and_triples_keeps_weights_and_dtype():
    net = MLP([2, 3, 2], "tanh", output="identity", seed=0, dtype=np.float32)
    probs = from_any(net, output="softmax")
    assert probs is not net and net.activations[-1].name == "identity"
    assert probs.dtype == np.float32 and repr(probs) == "MLP(2-3-2, tanh -> softmax)"
    logits = net.forward(X_WIDE.astype(np.float32))
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    np.testing.assert_allclose(
        probs.forward(X_WIDE.astype(np.float32)), e / e.sum(axis=1, keepdims=True), rtol=1e-6
    )
    assert from_any(net) is net  # output=None keeps the model as it is
    W = np.array([[1.0], [-1.0]])
    triples = from_any([(W, np.zeros(1), "identity")], output="sigmoid")
    np.testing.assert_allclose(triples.predict_proba(X_WIDE), 1 / (1 + np.exp(-(X_WIDE @ W)[:, 0])))
