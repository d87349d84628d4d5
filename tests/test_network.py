import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnexplain.activations import ACTIVATIONS, get_activation
from nnexplain.losses import get_loss
from nnexplain.network import MLP, Dense, Stage, Trace, check_mlp

# (loss, output activation, number of outputs): every loss on the output it is made for, and MSE
# also on a squashing output.
HEADS = {
    "bce": ("bce", "sigmoid", 1),
    "bce_2_outputs": ("bce", "sigmoid", 2),
    "cross_entropy": ("cross_entropy", "softmax", 3),
    "mse_identity": ("mse", "identity", 2),
    "mse_tanh": ("mse", "tanh", 2),
}
N_IN = 3
HIDDEN_WIDTHS = {1: [], 2: [4], 4: [4, 3, 4]}  # number of layers -> hidden widths

# Every hidden activation on the deeper nets; one layer has no hidden activation to vary.
GRAD_CASES = [
    pytest.param(head, hidden, depth, bias, id=f"{head}-{hidden}-{depth}L-{'b' if bias else 'nob'}")
    for head in HEADS
    for depth in HIDDEN_WIDTHS
    for hidden in (["tanh"] if depth == 1 else list(ACTIVATIONS))
    for bias in (True, False)
]


def _targets(head, n, rng):
    loss, _, k = HEADS[head]
    if loss == "bce":
        return rng.integers(0, 2, size=(n, k)).astype(float)
    if loss == "cross_entropy":
        return rng.integers(0, k, size=n)
    return rng.normal(size=(n, k))


def _random_net(head, hidden, depth, bias, seed=0):
    loss, out, k = HEADS[head]
    net = MLP([N_IN, *HIDDEN_WIDTHS[depth], k], hidden, out, bias=bias, seed=seed)
    rng = np.random.default_rng(seed + 1)
    # Random biases too (they start at zero), scaled so that no unit sits saturated.
    net.parameters[:] = rng.normal(scale=0.7, size=net.n_params)
    X = rng.normal(size=(7, N_IN))
    return net, X, _targets(head, 7, rng), loss


def _flat(pairs):
    return np.concatenate([np.ravel(a) for pair in pairs for a in pair if a is not None])


def _numerical_gradient(net, X, y, loss, eps=1e-5):
    p = net.parameters  # every layer's W and b are views into it
    g = np.empty_like(p)
    for k in range(p.size):
        old = p[k]
        p[k] = old + eps
        up = net.loss(X, y, loss)
        p[k] = old - eps
        down = net.loss(X, y, loss)
        p[k] = old
        g[k] = (up - down) / (2 * eps)
    return g


def _rel_err(a, b, floor=1e-4):
    # Relative error with an absolute floor: with eps = 1e-5 the central differences carry a
    # rounding error of about 1e-16 * |L| / eps ~ 1e-11, which is a relative error above 1e-6 on
    # gradient entries below 1e-5. Entries under the floor are compared to 1e-10 absolutely.
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)))


def _chain(f, z, dh):
    """dh times the derivative of f at z (the Jacobian for softmax)."""
    if f.name == "softmax":
        return np.einsum("ni,nij->nj", dh, f.grad(z))
    return dh * f.grad(z)


def _reference_backprop(net, X, y, loss):
    """Plain backpropagation, written for reading rather than speed."""
    loss = get_loss(loss)
    weights, acts = net.get_weights(), net.activations
    hs, zs = [X], []
    for (W, b), f in zip(weights, acts, strict=True):
        z = hs[-1] @ W + (0.0 if b is None else b)
        zs.append(z)
        hs.append(f(z))
    if loss.output is not None:  # cross-entropies take the logits
        delta = loss.grad(zs[-1], y)
        value = loss(zs[-1], y)
    else:
        delta = _chain(acts[-1], zs[-1], loss.grad(hs[-1], y))
        value = loss(hs[-1], y)
    grads = [None] * len(weights)
    for i in reversed(range(len(weights))):
        W, b = weights[i]
        grads[i] = (hs[i].T @ delta, None if b is None else delta.sum(axis=0))
        if i > 0:
            delta = _chain(acts[i - 1], zs[i - 1], delta @ W.T)
    return value, grads


# --------------------------------------------------------------------------------------------
# gradients
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("head", "hidden", "depth", "bias"), GRAD_CASES)
def test_gradients_match_finite_differences(head, hidden, depth, bias):
    net, X, y, loss = _random_net(head, hidden, depth, bias)
    value, grads = net.gradients(X, y, loss)
    assert value == pytest.approx(net.loss(X, y, loss), rel=1e-14)
    assert [tuple(None if a is None else a.shape for a in pair) for pair in grads] == [
        tuple(None if a is None else a.shape for a in pair) for pair in net.get_weights()
    ]
    assert _rel_err(_flat(grads), _numerical_gradient(net, X, y, loss)) < 1e-6


@pytest.mark.parametrize(("head", "hidden", "depth", "bias"), GRAD_CASES)
def test_fast_kernel_matches_reference_backprop(head, hidden, depth, bias):
    net, X, y, loss = _random_net(head, hidden, depth, bias, seed=5)
    value, grads = net.gradients(X, y, loss)
    ref_value, ref = _reference_backprop(net, X, y, loss)
    assert value == pytest.approx(ref_value, rel=1e-14)
    for (dW, db), (rW, rb) in zip(grads, ref, strict=True):
        np.testing.assert_allclose(dW, rW, rtol=1e-12, atol=1e-15)
        if rb is None:
            assert db is None
        else:
            np.testing.assert_allclose(db, rb, rtol=1e-12, atol=1e-15)


def test_gradients_with_mixed_bias_layers():
    # from_weights may build layers with and without bias in one network.
    rng = np.random.default_rng(0)
    for b1, b2 in [(rng.normal(size=3), None), (None, rng.normal(size=1))]:
        net = MLP.from_weights(
            [(rng.normal(size=(2, 3)), b1), (rng.normal(size=(3, 1)), b2)], ["tanh", "sigmoid"]
        )
        X, y = rng.normal(size=(5, 2)), rng.integers(0, 2, size=5)
        _, grads = net.gradients(X, y)
        _, ref = _reference_backprop(net, X, y, "bce")
        np.testing.assert_allclose(_flat(grads), _flat(ref), rtol=1e-12, atol=1e-15)


def test_gradients_do_not_depend_on_workspace_reuse():
    net, X, y, loss = _random_net("cross_entropy", "relu", 4, True)
    first = _flat(net.gradients(X, y, loss)[1])
    net.gradients(X[:3], y[:3], loss)
    np.testing.assert_array_equal(_flat(net.gradients(X, y, loss)[1]), first)


def test_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    net = MLP([3, 5, 4, 3], ["tanh", "relu"], "softmax", seed=0)
    net.parameters[:] = rng.normal(scale=0.7, size=net.n_params)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, size=6)
    params = [
        [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in pair]
        for pair in net.get_weights()
    ]
    (W1, b1), (W2, b2), (W3, b3) = params
    h = torch.relu(torch.tanh(torch.tensor(X) @ W1 + b1) @ W2 + b2)
    logits = h @ W3 + b3
    value = torch.nn.functional.cross_entropy(logits, torch.tensor(y))
    value.backward()
    np.testing.assert_allclose(net.decision_function(X), logits.detach().numpy(), rtol=1e-10)
    np.testing.assert_allclose(
        net.predict_proba(X), torch.softmax(logits, 1).detach().numpy(), rtol=1e-10
    )
    ours, grads = net.gradients(X, y)
    assert ours == pytest.approx(value.item(), rel=1e-10)
    for pair, tpair in zip(grads, params, strict=True):
        for a, t in zip(pair, tpair, strict=True):
            np.testing.assert_allclose(a, t.grad.numpy(), rtol=1e-10, atol=1e-14)


# --------------------------------------------------------------------------------------------
# trace
# --------------------------------------------------------------------------------------------


def test_trace_labels():
    net = MLP([2, 3, 3, 3, 1], ["tanh", "relu", "tanh"], seed=0)
    trace = net.trace([[0.5, -0.5], [0.1, 0.2]])
    assert trace.labels == [
        "input",
        "layer 1: affine",
        "layer 1: tanh",
        "layer 2: affine",
        "layer 2: relu",
        "layer 3: affine",
        "layer 3: tanh",
        "output: affine",
        "output: sigmoid",
    ]
    assert isinstance(trace, Trace) and isinstance(trace[0], Stage)
    assert [s.kind for s in trace[:3]] == ["input", "affine", "activation"]
    assert [s.width for s in trace] == [2, 3, 3, 3, 3, 3, 3, 1, 1]
    assert repr(trace[2]) == "Stage('layer 1: tanh', shape=(2, 3))"
    assert repr(trace).startswith("Trace(9 stages, 2 samples: input, layer 1: affine")


@settings(max_examples=60, deadline=None)
@given(
    widths=st.lists(st.integers(1, 5), min_size=2, max_size=5),
    hidden=st.lists(st.sampled_from(sorted(ACTIVATIONS)), min_size=3, max_size=3),
    output=st.sampled_from(["sigmoid", "softmax", "identity", "tanh", "relu"]),
    bias=st.booleans(),
    n_samples=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_trace_property(widths, hidden, output, bias, n_samples, seed):
    n_hidden = len(widths) - 2
    acts = hidden[:n_hidden]
    net = MLP(widths, acts, output, bias=bias, seed=seed)
    rng = np.random.default_rng(seed)
    net.parameters[:] = rng.normal(size=net.n_params)
    X = rng.normal(scale=2.0, size=(n_samples, widths[0]))
    trace = net.trace(X)

    n_layers = len(widths) - 1
    assert len(trace) == 1 + 2 * n_layers
    expected_labels = ["input"]
    for i, act in enumerate([*acts, output], 1):
        where = "output" if i == n_layers else f"layer {i}"
        expected_labels += [f"{where}: affine", f"{where}: {act}"]
    assert trace.labels == expected_labels

    # Recompute every stage by hand from the weights.
    np.testing.assert_array_equal(trace.input, X)
    h = X
    for i, ((W, b), act) in enumerate(zip(net.get_weights(), [*acts, output], strict=True)):
        z = h @ W + (0.0 if b is None else b)
        h = get_activation(act)(z)
        for stage, want in ((trace[1 + 2 * i], z), (trace[2 + 2 * i], h)):
            assert stage.values.shape == (n_samples, widths[i + 1])
            assert stage.layer == i + 1
            np.testing.assert_allclose(stage.values, want, rtol=1e-12, atol=1e-12)

    np.testing.assert_array_equal(trace.output, net.forward(X))
    np.testing.assert_array_equal(trace.pre_activations[-1], net.decision_function(X))
    assert len(trace.pre_activations) == len(trace.post_activations) == n_layers
    assert trace.arrays[-1] is trace.output
    proba = net.predict_proba(X)
    if output == "sigmoid" and widths[-1] == 1:
        np.testing.assert_array_equal(proba, trace.output[:, 0])
    else:
        np.testing.assert_array_equal(proba, trace.output)


# --------------------------------------------------------------------------------------------
# description, weights, views
# --------------------------------------------------------------------------------------------


def test_repr():
    assert repr(MLP([2, 3, 3, 3, 1], ["tanh", "relu", "tanh"])) == (
        "MLP(2-3-3-3-1, tanh/relu/tanh -> sigmoid)"
    )
    assert repr(MLP([2, 3, 3, 3, 1])) == "MLP(2-3-3-3-1, tanh -> sigmoid)"
    assert repr(MLP([2, 3, 1], bias=False)) == "MLP(2-3-1, tanh -> sigmoid, bias=False)"
    assert repr(MLP([2, 4, 3], "relu")) == "MLP(2-4-3, relu -> softmax)"
    assert repr(MLP([2, 1])) == "MLP(2-1, sigmoid)"
    assert repr(MLP([2, 5, 2], output="identity")) == "MLP(2-5-2, tanh -> identity)"
    assert repr(Dense(2, 3, "tanh")) == "Dense(2 -> 3, tanh)"
    assert repr(Dense(2, 3, bias=False)) == "Dense(2 -> 3, identity, bias=False)"


def test_description_attributes():
    net = MLP([2, 3, 3, 1], seed=0)
    assert net.sizes == [2, 3, 3, 1]
    assert [a.name for a in net.activations] == ["tanh", "tanh", "sigmoid"]
    assert net.n_params == (2 + 1) * 3 + (3 + 1) * 3 + (3 + 1) * 1
    assert net.bias is True
    assert net.default_loss().name == "binary_cross_entropy"
    assert MLP([2, 3]).default_loss().name == "cross_entropy"
    assert MLP([2, 3], output="identity").default_loss().name == "mse"


def test_biases_start_at_zero_and_seed_is_reproducible():
    a, b = MLP([2, 4, 1], seed=3), MLP([2, 4, 1], seed=3)
    np.testing.assert_array_equal(a.parameters, b.parameters)
    assert not np.array_equal(a.parameters, MLP([2, 4, 1], seed=4).parameters)
    assert all(np.all(bias == 0) for _, bias in a.get_weights())


def test_get_set_weights_round_trip():
    a, b = MLP([2, 3, 2], seed=0), MLP([2, 3, 2], seed=1)
    weights = a.get_weights()
    b.set_weights(weights)
    np.testing.assert_array_equal(b.parameters, a.parameters)
    weights[0][0][0, 0] = 99.0  # get_weights returns copies
    assert a.layers[0].W[0, 0] != 99.0
    X = np.random.default_rng(0).normal(size=(4, 2))
    np.testing.assert_array_equal(a.forward(X), b.forward(X))


def test_set_weights_errors():
    net = MLP([2, 3, 1], seed=0)
    good = net.get_weights()
    with pytest.raises(
        ValueError, match=r"layer 2: W has shape \(4, 1\) but this layer needs \(3, 1\)"
    ):
        net.set_weights([good[0], (np.zeros((4, 1)), np.zeros(1))])
    with pytest.raises(
        ValueError, match=r"layer 1: b has shape \(2,\) but this layer needs \(3,\)"
    ):
        net.set_weights([(good[0][0], np.zeros(2)), good[1]])
    with pytest.raises(ValueError, match="weights has 1 \\(W, b\\) pairs but the network has 2"):
        net.set_weights(good[:1])
    with pytest.raises(ValueError, match="layer 2: b is None but the layer has a bias"):
        net.set_weights([good[0], (good[1][0], None)])
    with pytest.raises(TypeError, match=r"weights\[1\] must be a \(W, b\) pair"):
        net.set_weights([good[0], good[1][0]])
    nobias = MLP([2, 3, 1], bias=False)
    with pytest.raises(ValueError, match="layer 1: a b was given but the layer has no bias"):
        nobias.set_weights([(np.zeros((2, 3)), np.zeros(3)), (np.zeros((3, 1)), None)])


@pytest.mark.parametrize(
    "bad_last",
    [
        (np.zeros((4, 1)), np.zeros(1)),  # wrong shape
        (np.full((3, 1), np.nan), np.zeros(1)),  # NaN
        (np.zeros((3, 1)), None),  # missing bias
        "not a pair",
    ],
    ids=["shape", "nan", "no_bias", "not_a_pair"],
)
def test_set_weights_is_all_or_nothing(bad_last):
    net = MLP([2, 3, 3, 1], seed=0)
    before = net.parameters.copy()
    new = [(W + 1.0, b + 1.0) for W, b in net.get_weights()]
    with pytest.raises((TypeError, ValueError), match=r"(layer 3|weights\[2\])"):
        net.set_weights([new[0], new[1], bad_last])
    np.testing.assert_array_equal(net.parameters, before)  # layers 1 and 2 were not written


def test_set_weights_keeps_the_old_weights_on_keyboard_interrupt(monkeypatch):
    net = MLP([2, 3, 1], seed=0)
    before = net.parameters.copy()
    new = [(W + 1.0, b + 1.0) for W, b in net.get_weights()]

    def interrupted(self, value):
        raise KeyboardInterrupt

    monkeypatch.setattr(Dense, "b", Dense.b.setter(interrupted))
    with pytest.raises(KeyboardInterrupt):
        net.set_weights(new)  # W of layer 1 is written, then Ctrl-C
    np.testing.assert_array_equal(net.parameters, before)


@pytest.mark.parametrize(
    ("weights", "activations", "error", "match"),
    [
        ([(np.zeros((2, 3)), None), (np.zeros((4, 1)), None)], ["tanh", "sigmoid"], ValueError,
         r"weights\[1\]: W has shape \(4, 1\) but weights\[0\] gives 3 outputs; expected shape "
         r"\(3, n_out\)"),
        ([(np.zeros(3), None)], ["sigmoid"], ValueError,
         r"weights\[0\] \(W, b\): W must be a 2D array; got shape \(3,\)"),
        ([(np.zeros((2, 3)), np.zeros(2))], ["sigmoid"], ValueError,
         r"weights\[0\] \(W, b\): b has shape \(2,\) but this layer needs \(3,\)"),
        ([(np.zeros((2, 3)), None), np.zeros(3)], ["tanh", "sigmoid"], TypeError,
         r"^weights\[1\] must be a \(W, b\) pair or a 2D matrix W; got array of shape \(3,\), "
         r"dtype float64$"),
        ([np.zeros((2, 3)), "W2"], ["tanh", "sigmoid"], TypeError,
         r"^weights\[1\] must be a \(W, b\) pair or a 2D matrix W; got 'W2' \(type str\)$"),
        ([(np.zeros((2, 1)), None)], ["swish"], ValueError, r"activations\[0\]: unknown"),
    ],
    ids=["chain", "W_1d", "b_shape", "not_a_pair", "a_string", "activation"],
)  # fmt: skip
def test_from_weights_errors_name_the_entry_and_shape(weights, activations, error, match):
    with pytest.raises(error, match=match):
        MLP.from_weights(weights, activations)


def test_from_weights_reads_bare_matrices_as_zero_bias():
    rng = np.random.default_rng(0)
    W1, W2 = rng.normal(size=(2, 4)), rng.normal(size=(4, 1))
    bare = MLP.from_weights([W1, W2.tolist()], ["tanh", "sigmoid"])
    paired = MLP.from_weights([(W1, np.zeros(4)), (W2, np.zeros(1))], ["tanh", "sigmoid"])
    assert bare.bias and bare.sizes == [2, 4, 1]
    np.testing.assert_array_equal(bare.parameters, paired.parameters)
    X = rng.normal(size=(5, 2))
    np.testing.assert_allclose(bare.forward(X), 1 / (1 + np.exp(-np.tanh(X @ W1) @ W2)))


def test_from_weights_errors_print_no_array():
    with pytest.raises(TypeError) as err:
        MLP.from_weights([np.ones((40, 40, 3))], ["tanh"])
    assert str(err.value).count("\n") == 0 and "array(" not in str(err.value)


def test_from_weights_and_from_layers():
    rng = np.random.default_rng(0)
    W1, b1, W2, b2 = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(3, 2)), None
    net = MLP.from_weights([(W1, b1), (W2, b2)], ["relu", "softmax"])
    assert repr(net) == "MLP(2-3-2, relu -> softmax, bias=False)"
    X = rng.normal(size=(5, 2))
    z = np.maximum(X @ W1 + b1, 0) @ W2
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-14)
    W1[0, 0] = 42.0  # the network holds copies
    assert net.layers[0].W[0, 0] != 42.0

    layers = [Dense(2, 4, "tanh", seed=0), Dense(4, 1, "sigmoid", seed=1)]
    net = MLP.from_layers(layers)
    layers[0].W[...] = 0.0  # copied, not shared
    assert np.any(net.layers[0].W != 0)
    np.testing.assert_array_equal(net.copy().parameters, net.parameters)
    assert net.copy().parameters is not net.parameters

    with pytest.raises(ValueError, match="got 2 weight entries but 1 activations"):
        MLP.from_weights([(W1, b1), (np.zeros((3, 2)), None)], ["relu"])
    with pytest.raises(ValueError, match="layer 1 gives 4 outputs but layer 2 takes 3 inputs"):
        MLP.from_layers([Dense(2, 4), Dense(3, 1)])
    with pytest.raises(TypeError, match="layers must be a non-empty sequence of Dense layers"):
        MLP.from_layers([])
    with pytest.raises(ValueError, match="layers mix dtypes"):
        MLP.from_layers([Dense(2, 4), Dense(4, 1, dtype=np.float32)])


def test_layer_arrays_are_views_into_parameters():
    net = MLP([2, 3, 1], seed=0)
    net.layers[0].W[1, 2] = 7.0
    net.layers[1].b[0] = -3.0
    assert 7.0 in net.parameters and -3.0 in net.parameters
    net.parameters[:] = 0.5
    assert np.all(net.layers[0].W == 0.5) and np.all(net.layers[1].b == 0.5)
    net.layers[1].W = np.ones((3, 1))  # the setter writes into the view
    assert np.count_nonzero(net.parameters == 1.0) == 3


def test_float32_network():
    net = MLP([2, 4, 3], "relu", seed=0, dtype=np.float32)
    X = np.random.default_rng(0).normal(size=(10, 2))  # float64 input
    assert net.parameters.dtype == np.float32
    assert net.forward(X).dtype == np.float32
    assert all(s.values.dtype == np.float32 for s in net.trace(X))
    _, grads = net.gradients(X, np.arange(10) % 3)
    assert all(a.dtype == np.float32 for pair in grads for a in pair)
    net.fit(X, np.arange(10) % 3, epochs=3, batch_size=4, seed=0)
    assert net.parameters.dtype == np.float32 and np.all(np.isfinite(net.parameters))
    ref = MLP([2, 4, 3], "relu", seed=0)
    ref.parameters[:] = net.parameters
    np.testing.assert_allclose(net.forward(X), ref.forward(X), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="dtype must be float64 or float32; got int64"):
        MLP([2, 1], dtype=np.int64)


def test_no_bias():
    net = MLP([2, 3, 1], bias=False, seed=0)
    assert all(layer.b is None for layer in net.layers)
    assert all(b is None for _, b in net.get_weights())
    assert net.n_params == 2 * 3 + 3 * 1
    np.testing.assert_array_equal(net.forward(np.zeros((1, 2))), [[0.5]])  # f(0) without bias
    with pytest.raises(ValueError, match="this layer has no bias"):
        net.layers[0].b = np.zeros(3)


def test_predict_and_accuracy():
    net = MLP.from_weights([(np.array([[1.0], [0.0]]), np.zeros(1))], ["sigmoid"])
    X = np.array([[2.0, 0.0], [-1.0, 5.0], [0.0, 0.0]])
    np.testing.assert_array_equal(net.predict(X), [1, 0, 1])  # threshold 0.5, inclusive
    assert net.accuracy(X, [1, 1, 1]) == pytest.approx(2 / 3)
    soft = MLP.from_weights([(np.eye(2), np.zeros(2))], ["softmax"])
    np.testing.assert_array_equal(soft.predict([[1.0, 2.0], [3.0, 0.0]]), [1, 0])
    assert soft.accuracy([[1.0, 2.0], [3.0, 0.0]], [1, 1]) == 0.5
    reg = MLP([2, 1], output="identity")
    with pytest.raises(ValueError, match="accuracy needs a classifier.*output is identity"):
        reg.accuracy(X, [0, 1, 0])


# --------------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "error", "match"),
    [
        ([2, 0, 1], ValueError, r"sizes\[1\] must be an int >= 1; got 0"),
        ([2, -3, 1], ValueError, r"sizes\[1\] must be an int >= 1; got -3"),
        ([2, "3", 1], TypeError, r"sizes\[1\] must be an int; got '3'"),
        ([2, 3.0, 1], TypeError, r"sizes\[1\] must be an int"),
        (3, TypeError, "sizes must be a sequence of ints"),
        ("231", TypeError, "sizes must be a sequence of ints"),
        ([2], ValueError, "sizes needs at least an input and an output width"),
    ],
)
def test_bad_sizes(sizes, error, match):
    with pytest.raises(error, match=match):
        MLP(sizes)


def test_bad_inputs():
    net = MLP([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"X has 3 features \(shape \(4, 3\)\) but 2 are expected"):
        net.forward(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"X contains NaN or infinity \(1 of 4 values\)"):
        net.predict([[0.0, np.nan], [1.0, 2.0]])
    with pytest.raises(ValueError, match=r"X must be a 2D array; got shape \(2,\)"):
        net.trace([0.5, 0.5])
    with pytest.raises(ValueError, match="X is empty"):
        net.forward(np.zeros((0, 2)))
    with pytest.raises(TypeError, match="X must be an array of numbers"):
        net.forward("data")
    with pytest.raises(ValueError, match=r"X has 1 features"):
        net.gradients(np.zeros((3, 1)), [0, 1, 0])


def test_activation_list_length():
    with pytest.raises(ValueError, match="activation has 1 entries but the network has 2"):
        MLP([2, 3, 3, 1], activation=["tanh"])
    with pytest.raises(ValueError, match="init has 1 entries but the network has 3"):
        MLP([2, 3, 3, 1], init=["zeros"])


def test_loss_output_mismatch():
    net = MLP([2, 3, 3], seed=0)  # softmax output
    X, y = np.zeros((2, 2)), [0, 1]
    with pytest.raises(
        ValueError, match="loss 'binary_cross_entropy' .* needs a sigmoid output.*output is softmax"
    ):
        net.loss(X, y, loss="bce")
    with pytest.raises(ValueError, match="needs a softmax output layer"):
        MLP([2, 3, 1]).gradients(X, y, loss="cross_entropy")
    assert np.isfinite(net.loss(X, np.eye(3)[[0, 1]], loss="mse"))  # MSE fits any output


def test_bad_targets_in_gradients():
    net = MLP([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"y has shape \(2, 1\) but .* outputs of shape \(3, 1\)"):
        net.gradients(np.zeros((3, 2)), [0, 1])


def test_check_mlp_is_the_one_network_check():
    net = MLP([2, 3, 1], seed=0)
    assert check_mlp(net) is net
    assert check_mlp(net, n_inputs=2) is net
    with pytest.raises(TypeError, match=r"model must be an nnexplain MLP .*got 'abc' \(type str\)"):
        check_mlp("abc", "model")
    with pytest.raises(ValueError, match=r"net must be a network with 3 inputs; got MLP.* with 2"):
        check_mlp(net, n_inputs=3)
