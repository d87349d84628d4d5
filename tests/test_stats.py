import numpy as np
import pytest

from nnexplain import MLP
from nnexplain.initializers import Normal
from nnexplain.stats import (
    DeadFraction,
    activation_histograms,
    backward_gains,
    dead_fraction,
    dead_units,
    gradient_norms,
    layer_activations,
    saturation_fraction,
    template_similarity,
    weight_scale_experiment,
    winner_neuron,
)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


# ------------------------------------------------------------------------ activation_histograms


def test_histograms_match_numpy_per_layer():
    rng = np.random.default_rng(0)
    layers = [rng.uniform(size=(50, 4)), rng.uniform(-0.2, 1.2, size=(30, 7))]
    counts, edges = activation_histograms(layers, bins=30, range=(0, 1))
    assert counts.shape == (2, 30)
    np.testing.assert_allclose(edges, np.linspace(0, 1, 31))
    for c, a in zip(counts, layers, strict=True):
        np.testing.assert_array_equal(c, np.histogram(a.ravel(), bins=30, range=(0, 1))[0])
    # values outside the range are not counted
    assert counts[1].sum() == np.count_nonzero((layers[1] >= 0) & (layers[1] <= 1))


def test_histograms_range_none_spans_all_layers():
    counts, edges = activation_histograms([np.array([[0.0, 1.0]]), np.array([[4.0]])], bins=4)
    # default range is (0, 1): the 4.0 is dropped
    assert counts.sum() == 2
    counts, edges = activation_histograms(
        [np.array([[0.0, 1.0]]), np.array([[4.0]])], bins=4, range=None
    )
    np.testing.assert_allclose(edges, [0, 1, 2, 3, 4])
    np.testing.assert_array_equal(counts, [[1, 1, 0, 0], [0, 0, 0, 1]])


def test_histograms_accept_stages_and_one_array():
    net = MLP([2, 3, 1], activation="sigmoid", seed=0)
    stages = layer_activations(net, np.random.default_rng(0).normal(size=(20, 2)))
    counts, _ = activation_histograms(stages, bins=5)
    assert counts.shape == (2, 5) and counts.sum() == 20 * 3 + 20 * 1
    counts, _ = activation_histograms(np.full((3, 3), 0.5), bins=2)
    np.testing.assert_array_equal(counts, [[0, 9]])


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "match"),
    [
        ([], {}, ValueError, "empty"),
        ("abc", {}, TypeError, "stages_or_arrays must be"),
        ([np.zeros((2, 2))], {"bins": 0}, ValueError, "bins"),
        ([np.zeros((2, 2))], {"range": (1, 0)}, ValueError, "range"),
        ([np.zeros((2, 2))], {"range": 1.0}, TypeError, "range"),
        ([np.full((2, 2), np.nan)], {}, ValueError, "NaN"),
    ],
)
def test_histograms_bad_input(data, kwargs, error, match):
    with pytest.raises(error, match=match):
        activation_histograms(data, **kwargs)


# ---------------------------------------------------------------------- saturation_fraction


def test_saturation_tanh_closed_form():
    # tanh(2) = 0.964 is not saturated, tanh(3) = 0.99505 is: 4 of 8 saturated
    x = np.array([0.0, 0.5, 1.0, 2.0, 3.0, -3.0, 5.0, -10.0])
    assert saturation_fraction(np.tanh(x), "tanh") == 0.5
    # tol=0.1: |tanh x| > 0.9 for |x| > atanh(0.9) = 1.47: 2 is now saturated too
    assert saturation_fraction(np.tanh(x), "tanh", tol=0.1) == 5 / 8


def test_saturation_seed_001_table():
    # seed 001: tanh of these inputs rounds to +-1 everywhere except at 0
    x = np.array([255, 150, 100, 10, 0, -10, -100, -150, -255], dtype=float)
    assert saturation_fraction(np.tanh(x), "tanh") == pytest.approx(8 / 9)
    assert saturation_fraction(sigmoid(x), "sigmoid") == pytest.approx(8 / 9)


def test_saturation_sigmoid_closed_form():
    # sigmoid(x) < 0.01 for x < -log(99) = -4.595
    x = np.array([-5.0, -4.0, 0.0, 4.0, 5.0, 10.0])
    assert saturation_fraction(sigmoid(x), "sigmoid") == 0.5
    assert saturation_fraction(sigmoid(x), "logistic") == 0.5


@pytest.mark.parametrize(
    ("activation", "tol", "error", "match"),
    [
        ("relu", 0.01, ValueError, "relu"),
        ("tanh", 0.6, ValueError, r"tol must be in \(0, 0.5\)"),
        ("tanh", 0.0, ValueError, "tol"),
        ("tanh", "x", TypeError, "tol"),
        ("bogus", 0.01, ValueError, "unknown activation"),
    ],
)
def test_saturation_bad_input(activation, tol, error, match):
    with pytest.raises(error, match=match):
        saturation_fraction([0.5], activation, tol=tol)


# --------------------------------------------------------------------------- dead units


def test_dead_fraction_crafted():
    h = np.array(
        [
            [0.0, 0.0, 1.0],
            [0.0, 2.0, 1.0],
            [0.0, 0.0, 3.0],
            [0.0, 5.0, 0.5],
        ]
    )
    result = dead_fraction(h)
    assert isinstance(result, DeadFraction)
    assert result == (1 / 3, 6 / 12)
    assert result.units == 1 / 3 and result.entries == 0.5
    np.testing.assert_array_equal(dead_units(h), [True, False, False])
    # with a tolerance, the 0.5 and 1.0 entries count as zero: column 2 still has a 3.0
    assert dead_fraction(h, atol=1.0) == (1 / 3, 9 / 12)
    np.testing.assert_array_equal(dead_units(h, atol=3.0), [True, False, True])


def test_dead_units_of_a_relu_layer_with_negative_bias():
    net = MLP([2, 4, 1], activation="relu", seed=0)
    W, b = net.layers[0].W.copy(), np.array([-100.0, -100.0, 0.0, 0.0])
    net.layers[0].b = b
    X = np.random.default_rng(0).uniform(-1, 1, size=(100, 2))
    hidden = layer_activations(net, X, include_output=False)[0]
    mask = dead_units(hidden)
    assert mask[:2].all()
    assert dead_fraction(hidden).units == np.mean(np.all(np.maximum(X @ W + b, 0) == 0, axis=0))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [({"atol": -1.0}, ValueError, "atol"), ({"atol": "a"}, TypeError, "atol")],
)
def test_dead_fraction_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        dead_fraction(np.zeros((2, 2)), **kwargs)


# ---------------------------------------------------------------- gradients and activations


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


def test_layer_activations_are_the_activation_stages():
    net = MLP([2, 3, 4, 1], activation=["tanh", "relu"], seed=0)
    X = np.random.default_rng(0).normal(size=(10, 2))
    stages = layer_activations(net, X)
    assert [s.label for s in stages] == ["layer 1: tanh", "layer 2: relu", "output: sigmoid"]
    for s, a in zip(stages, net.trace(X).post_activations, strict=True):
        np.testing.assert_array_equal(s.values, a)
    hidden = layer_activations(net, X, include_output=False)
    assert [s.label for s in hidden] == ["layer 1: tanh", "layer 2: relu"]


# ------------------------------------------------------------------ weight_scale_experiment


def test_weight_scale_experiment_equals_the_article_loop():
    # the article's code, written out with the same generator: input first, then one matrix a layer
    rng = np.random.default_rng(3)
    x = rng.standard_normal((1000, 100))
    expected = []
    for _ in range(5):
        x = sigmoid(x @ rng.normal(0.0, 1.0, size=(100, 100)))
        expected.append(x)
    got = weight_scale_experiment(init=1.0, seed=3)
    assert len(got) == 5
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-12)


@pytest.mark.parametrize("seed", [0, 1])
def test_weight_scale_experiment_reproduces_seed_002(seed):
    std1 = weight_scale_experiment(init=1.0, seed=seed)
    small = weight_scale_experiment(init=0.01, seed=seed)
    xavier = weight_scale_experiment(init="xavier", seed=seed)
    for layer in std1:  # piled at 0 and 1
        assert saturation_fraction(layer, "sigmoid", tol=0.1) > 0.7
        assert saturation_fraction(layer, "sigmoid") > 0.4
    assert small[-1].std() < 0.02  # every unit says 0.5
    assert abs(small[-1].mean() - 0.5) < 0.01
    for layer in xavier[1:]:  # spread, not saturated
        assert layer.std() > 0.08
        assert saturation_fraction(layer, "sigmoid") < 0.01
        counts, _ = activation_histograms([layer], bins=30)
        assert np.count_nonzero(counts) >= 15


def test_weight_scale_experiment_options():
    X = np.random.default_rng(0).normal(size=(20, 7))
    acts = weight_scale_experiment(X, n_layers=3, width=4, activation="relu", init="he", seed=0)
    assert [a.shape for a in acts] == [(20, 4)] * 3
    assert min(a.min() for a in acts) >= 0
    again = weight_scale_experiment(X, n_layers=3, width=4, activation="relu", init="he", seed=0)
    np.testing.assert_array_equal(acts[-1], again[-1])
    assert weight_scale_experiment(n_samples=8, width=3, seed=0)[0].shape == (8, 3)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"init": -1.0}, ValueError, "weight std and must be > 0"),
        ({"init": "bogus"}, ValueError, "unknown init"),
        ({"n_layers": 0}, ValueError, "n_layers"),
        ({"width": 2.5}, TypeError, "width"),
        ({"activation": "nope"}, ValueError, "unknown activation"),
        ({"X": np.zeros(3)}, ValueError, "X must be a 2D array"),
    ],
)
def test_weight_scale_experiment_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        weight_scale_experiment(**kwargs, seed=0)


# ------------------------------------------------------------------ templates and winners


def test_template_similarity_closed_form():
    T = np.array([[1.0, 0.0, 3.0], [0.0, 2.0, 4.0]])
    W = np.column_stack([5 * T[:, 0], -T[:, 1], [4.0, -3.0]])  # same, opposite, orthogonal
    np.testing.assert_allclose(template_similarity(W, T), [1.0, -1.0, 0.0], atol=1e-15)
    # 45 degrees
    assert template_similarity([[1.0], [1.0]], [[1.0], [0.0]])[0] == pytest.approx(2**-0.5)


def test_template_similarity_pairwise():
    rng = np.random.default_rng(0)
    W, T = rng.normal(size=(6, 3)), rng.normal(size=(6, 5))
    S = template_similarity(W, T, pairwise=True)
    assert S.shape == (3, 5)
    for i in range(3):
        for j in range(5):
            cos = W[:, i] @ T[:, j] / np.linalg.norm(W[:, i]) / np.linalg.norm(T[:, j])
            assert S[i, j] == pytest.approx(cos)
    np.testing.assert_allclose(
        np.diag(template_similarity(W, T[:, :3], pairwise=True)), template_similarity(W, T[:, :3])
    )


def test_template_similarity_of_a_from_samples_layer_is_one_at_start():
    X = np.random.default_rng(0).uniform(size=(20, 16))
    from nnexplain.initializers import FromSamples

    net = MLP([16, 8, 3], activation="relu", init=[FromSamples(X), "glorot_uniform"], seed=0)
    np.testing.assert_allclose(template_similarity(net.layers[0].W, X[:8].T), 1.0)


@pytest.mark.parametrize(
    ("W", "T", "error", "match"),
    [
        (np.ones((3, 2)), np.ones((4, 2)), ValueError, "templates have 4 rows but W has 3"),
        (np.ones((3, 2)), np.ones((3, 3)), ValueError, "pairwise=True"),
        (np.zeros((3, 2)), np.ones((3, 2)), ValueError, "W has all-zero columns"),
        (np.ones((3, 2)), np.zeros((3, 2)), ValueError, "templates has all-zero columns"),
        (np.ones(3), np.ones(3), ValueError, "W must be a 2D array"),
    ],
)
def test_template_similarity_bad_input(W, T, error, match):
    with pytest.raises(error, match=match):
        template_similarity(W, T)


def test_winner_neuron_is_argmax_of_inner_products():
    rng = np.random.default_rng(0)
    W, X = rng.normal(size=(10, 6)), rng.normal(size=(7, 10))
    np.testing.assert_array_equal(winner_neuron(W, X), np.argmax(X @ W, axis=1))
    assert winner_neuron(W, X[2]) == int(np.argmax(X[2] @ W))
    assert isinstance(winner_neuron(W, X[2]), int)
    with pytest.raises(ValueError, match="x has 3 features"):
        winner_neuron(W, np.ones(3))


def test_class_means_are_columns_of_per_class_averages():
    from nnexplain.stats import class_means

    X = np.array([[0.0, 2.0], [2.0, 4.0], [10.0, 10.0]])
    y = np.array([0, 0, 1])
    np.testing.assert_allclose(class_means(X, y), [[1.0, 10.0], [3.0, 10.0]])
    centred = class_means(X, y, centred=True)
    np.testing.assert_allclose(centred, [[1.0 - 4.0, 10.0 - 4.0], [3.0 - 16 / 3, 10.0 - 16 / 3]])


def test_class_means_needs_every_class():
    from nnexplain.stats import class_means

    with pytest.raises(ValueError, match=r"no sample of the classes \[1\]"):
        class_means(np.zeros((3, 2)), np.array([0, 2, 2]))


# --- comparing representations (seed 003) ----------------------------------------------------


def _rotation(n, seed):
    Q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(n, n)))
    return Q


def test_linear_cka_is_one_for_a_rotated_scaled_shifted_copy():
    from nnexplain.stats import linear_cka

    A = np.random.default_rng(0).normal(size=(200, 6))
    assert linear_cka(A, A) == pytest.approx(1.0)
    assert linear_cka(A, -3.0 * A @ _rotation(6, 1) + 7.0) == pytest.approx(1.0)


def test_linear_cka_of_one_unit_each_is_the_squared_correlation():
    from nnexplain.stats import linear_cka

    rng = np.random.default_rng(1)
    a = rng.normal(size=100)
    b = 0.5 * a + rng.normal(size=100)
    r = np.corrcoef(a, b)[0, 1]
    assert linear_cka(a[:, None], b[:, None]) == pytest.approx(r**2)


def test_linear_cka_symmetric_and_near_zero_for_independent_data():
    from nnexplain.stats import linear_cka

    rng = np.random.default_rng(2)
    A, B = rng.normal(size=(5000, 3)), rng.normal(size=(5000, 4))
    assert linear_cka(A, B) == pytest.approx(linear_cka(B, A))
    assert linear_cka(A, B) < 0.01
    # Keeping only some directions of A: CKA between A and its first column is 1/3 for
    # isotropic A (||A^T a||^2 / (||A^T A|| ||a^T a||) = n^2 / (n sqrt(3) n)).
    raw = rng.normal(size=(300, 3))
    iso = np.linalg.qr(raw - raw.mean(axis=0))[0]  # centred, orthonormal columns
    assert linear_cka(iso, iso[:, :1]) == pytest.approx(1 / np.sqrt(3))


def test_linear_cka_errors():
    from nnexplain.stats import linear_cka

    with pytest.raises(ValueError, match="A has 3 rows but B has 4"):
        linear_cka(np.zeros((3, 2)), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="B is constant over the samples"):
        linear_cka(np.eye(3), np.ones((3, 2)))


def test_linear_map_r2_exact_map_noise_and_held_out():
    from nnexplain.stats import linear_map_r2

    rng = np.random.default_rng(3)
    A = rng.normal(size=(300, 5))
    M = rng.normal(size=(5, 2))
    assert linear_map_r2(A, A @ M + 4.0) == pytest.approx(1.0)
    # Half the variance of B is unexplained noise: R^2 about 1/2 on held-out samples.
    A2 = rng.normal(size=(20000, 5))
    B, B2 = A @ M, A2 @ M
    noise_sd = np.sqrt(np.var(B2, axis=0).mean())
    B = B + rng.normal(scale=noise_sd, size=B.shape)
    B2 = B2 + rng.normal(scale=noise_sd, size=B2.shape)
    assert linear_map_r2(A, B, test=(A2, B2)) == pytest.approx(0.5, abs=0.03)
    # Independent target: in-sample R^2 is inflated by fitting noise, held out it is <= ~0.
    C, C2 = rng.normal(size=(300, 2)), rng.normal(size=(20000, 2))
    assert linear_map_r2(A, C, test=(A2, C2)) < 0.01 < linear_map_r2(A, C)


def test_linear_map_r2_errors():
    from nnexplain.stats import linear_map_r2

    A = np.zeros((5, 2)) + np.arange(5)[:, None]
    with pytest.raises(TypeError, match="test must be a pair"):
        linear_map_r2(A, A, test=A)
    with pytest.raises(ValueError, match="test has 3 source and 2 target units"):
        linear_map_r2(A, A, test=(np.zeros((4, 3)), np.zeros((4, 2))))
    with pytest.raises(ValueError, match="target is constant"):
        linear_map_r2(A, np.ones((5, 1)))


def test_activation_weighted_mean():
    from nnexplain.stats import activation_weighted_mean

    X = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 4.0]])
    H = np.array([[1.0, 0.0, 0.0], [1.0, 2.0, 0.0]])
    R = activation_weighted_mean(X, H)
    assert R.shape == (3, 3)
    np.testing.assert_allclose(R[:, 0], X.mean(axis=0))  # equal responses: the plain mean
    np.testing.assert_allclose(R[:, 1], X[1])  # responds to one input only: that input
    np.testing.assert_array_equal(R[:, 2], 0.0)  # dead unit
    with pytest.raises(ValueError, match="H must be non-negative"):
        activation_weighted_mean(X, -H)


def test_gradient_by_class_sums_to_the_gradient_and_is_made_of_that_class():
    from nnexplain import MLP
    from nnexplain.stats import gradient_by_class

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


def test_weight_scale_inits_are_seed_002s_four_scales():
    from nnexplain.initializers import HeNormal, Normal, XavierNormal
    from nnexplain.stats import weight_scale_inits

    inits = weight_scale_inits()
    assert list(inits) == ["std 1", "std 0.01", "Xavier", "He"]
    assert isinstance(inits["std 1"], Normal) and isinstance(inits["He"], HeNormal)
    assert isinstance(inits["Xavier"], XavierNormal)
    assert weight_scale_inits()["He"] is not inits["He"]  # fresh objects every call
    # the stds they draw with, for 100 inputs: 1, 0.01, sqrt(1/100), sqrt(2/100)
    rng = np.random.default_rng(0)
    stds = [init((100, 400), rng).std() for init in inits.values()]
    np.testing.assert_allclose(stds, [1.0, 0.01, 0.1, np.sqrt(0.02)], rtol=0.03)


def test_stage_values_and_lists_are_public():
    from nnexplain import MLP
    from nnexplain.stats import stage_value_list, stage_values

    trace = MLP([2, 3, 1], seed=0).trace(np.ones((4, 2)))
    np.testing.assert_array_equal(stage_values(trace[2]), trace[2].values)
    assert stage_values(np.arange(3.0)).shape == (3, 1)
    assert [a.shape for a in stage_value_list(trace)] == [(4, 2), (4, 3), (4, 3), (4, 1), (4, 1)]
    with pytest.raises(TypeError, match="layers must be a Trace"):
        stage_value_list("abc", "layers")


# ---------------------------------------------------------------- separability and collapse


def test_linear_separability_oracles():
    from nnexplain.datasets import make_circle_in_donut
    from nnexplain.stats import linear_separability

    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 3))
    score = X @ [1.0, -2.0, 0.5] + 0.3
    X, y = X[np.abs(score) > 0.05][:400], (score[np.abs(score) > 0.05][:400] > 0).astype(int)
    assert linear_separability(X, y) == 1.0  # separable by construction, with a small margin
    # labels that no plane can follow: the disc inside the ring, and random labels
    Xr, yr = make_circle_in_donut(400, seed=0)
    assert linear_separability(Xr, yr) < 0.7
    assert linear_separability(np.c_[Xr, (Xr**2).sum(1)], yr) == 1.0  # lifted: a plane cuts it
    assert 0.4 < linear_separability(X, rng.integers(0, 2, 400)) < 0.65
    # a constant (dead) column changes nothing; the result is a fraction of samples
    np.testing.assert_equal(linear_separability(np.c_[X, np.zeros(400)], y), 1.0)
    assert linear_separability(X[:, :1] * 1e6, y) == linear_separability(X[:, :1], y)


def test_linear_separability_rejects_bad_input():
    from nnexplain.stats import linear_separability

    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="labels outside the classes 0..1"):
        linear_separability(X, [0, 1, 2, 1])
    with pytest.raises(ValueError, match="y has 3 labels but X has 4"):
        linear_separability(X, [0, 1, 1])
    with pytest.raises(TypeError, match="n_iter must be an int"):
        linear_separability(X, [0, 1, 1, 0], n_iter=2.5)


def test_collapsed_fraction_counts_zero_coordinates():
    from nnexplain import MLP
    from nnexplain.stats import collapsed_fraction

    h = np.array([[0.0, 2.0, 1.0], [0.0, 0.0, 0.0], [1.0, 3.0, 2.0], [4.0, 0.0, 1e-9]])
    assert collapsed_fraction(h) == 0.75
    assert collapsed_fraction(h, zeros=2) == 0.25
    assert collapsed_fraction(h, zeros=2, atol=1e-6) == 0.5
    assert collapsed_fraction(h, zeros=3) == 0.25
    # a ReLU stage of a real trace: exactly the rows with a zero
    trace = MLP([2, 4, 1], activation="relu", seed=0).trace(
        np.random.default_rng(1).normal(size=(50, 2))
    )
    H = trace.post_activations[0]
    assert collapsed_fraction(trace.post_activations[0]) == np.mean((H == 0).any(axis=1))
    with pytest.raises(ValueError, match="zeros must be at most the width 3"):
        collapsed_fraction(h, zeros=4)
    with pytest.raises(TypeError, match="zeros must be an int"):
        collapsed_fraction(h, zeros=1.0)


# ------------------------------------------------------------------ backward_gains


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


# -- backward signal and its bound (activations/03) ---------------------------------------------
def test_max_slope_of_the_usual_activations():
    from nnexplain.stats import max_slope

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
    from nnexplain.initializers import Normal
    from nnexplain.stats import backward_gains, backward_signal_bound

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


def test_distinct_kept_counts_per_column():
    from nnexplain.stats import distinct_kept

    assert distinct_kept([-1.0, 0.0, 1.0, 2.0], [0.0, 0.0, 1.0, 2.0]) == 0.75
    before = np.array([[-2.0, 1.0], [-1.0, 1.0], [3.0, 2.0]])  # 3 + 2 distinct values
    after = np.maximum(before, 0)  # column 0 keeps 0 and 3; column 1 keeps 1 and 2
    assert distinct_kept(before, after) == 4 / 5
    assert distinct_kept(before, np.tanh(before)) == 1.0
    # the same value in two columns counts once per column
    assert distinct_kept(np.ones((3, 2)), np.ones((3, 2))) == 1.0
    with pytest.raises(ValueError, match="same shape"):
        distinct_kept(before, after[:2])
