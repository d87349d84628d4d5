import numpy as np
import pytest

from nnexplain import MLP
from nnexplain.distributions import (
    DeadFraction,
    activation_histograms,
    dead_fraction,
    dead_units,
    histograms,
    layer_activations,
    saturation_fraction,
)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


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


def test_log10_histograms_bin_decades_of_the_nonzero_values_and_keep_the_tails():
    # 10^-3, 10^-1 (twice, one negative), 10^2 and 10^9 (beyond the range); the zero is left out
    values = np.array([1e-3, -0.1, 0.1, 0.0, 100.0, 1e9])
    counts, edges = histograms([[values]], bins=3, value_range=(-3.0, 3.0), log10=True)
    np.testing.assert_array_equal(edges, [[-3.0, -1.0, 1.0, 3.0]])
    # the control: numpy's histogram of the same logs, clipped by hand to the range
    logs = np.clip(np.log10(np.abs(values[values != 0])), -3.0, 3.0)
    np.testing.assert_array_equal(counts[0, 0], np.histogram(logs, edges[0])[0])
    assert counts[0, 0].tolist() == [1.0, 2.0, 2.0]  # 10^9 counted in the last bin


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


def test_layer_activations_are_the_activation_stages():
    net = MLP([2, 3, 4, 1], activation=["tanh", "relu"], seed=0)
    X = np.random.default_rng(0).normal(size=(10, 2))
    stages = layer_activations(net, X)
    assert [s.label for s in stages] == ["layer 1: tanh", "layer 2: relu", "output: sigmoid"]
    for s, a in zip(stages, net.trace(X).post_activations, strict=True):
        np.testing.assert_array_equal(s.values, a)
    hidden = layer_activations(net, X, include_output=False)
    assert [s.label for s in hidden] == ["layer 1: tanh", "layer 2: relu"]


def test_stage_values_and_lists_are_public():
    from nnexplain import MLP
    from nnexplain.distributions import stage_value_list, stage_values

    trace = MLP([2, 3, 1], seed=0).trace(np.ones((4, 2)))
    np.testing.assert_array_equal(stage_values(trace[2]), trace[2].values)
    assert stage_values(np.arange(3.0)).shape == (3, 1)
    assert [a.shape for a in stage_value_list(trace)] == [(4, 2), (4, 3), (4, 3), (4, 1), (4, 1)]
    with pytest.raises(TypeError, match="layers must be a Trace"):
        stage_value_list("abc", "layers")


def test_collapsed_fraction_counts_zero_coordinates():
    from nnexplain import MLP
    from nnexplain.distributions import collapsed_fraction

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


def test_distinct_kept_counts_per_column():
    from nnexplain.distributions import distinct_kept

    assert distinct_kept([-1.0, 0.0, 1.0, 2.0], [0.0, 0.0, 1.0, 2.0]) == 0.75
    before = np.array([[-2.0, 1.0], [-1.0, 1.0], [3.0, 2.0]])  # 3 + 2 distinct values
    after = np.maximum(before, 0)  # column 0 keeps 0 and 3; column 1 keeps 1 and 2
    assert distinct_kept(before, after) == 4 / 5
    assert distinct_kept(before, np.tanh(before)) == 1.0
    # the same value in two columns counts once per column
    assert distinct_kept(np.ones((3, 2)), np.ones((3, 2))) == 1.0
    with pytest.raises(ValueError, match="same shape"):
        distinct_kept(before, after[:2])
