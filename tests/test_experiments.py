import numpy as np
import pytest

from nnexplain.distributions import activation_histograms, saturation_fraction
from nnexplain.experiments import weight_scale_experiment


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


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


def test_weight_scale_inits_are_seed_002s_four_scales():
    from nnexplain.experiments import weight_scale_inits
    from nnexplain.initializers import HeNormal, Normal, XavierNormal

    inits = weight_scale_inits()
    assert list(inits) == ["std 1", "std 0.01", "Xavier", "He"]
    assert isinstance(inits["std 1"], Normal) and isinstance(inits["He"], HeNormal)
    assert isinstance(inits["Xavier"], XavierNormal)
    assert weight_scale_inits()["He"] is not inits["He"]  # fresh objects every call
    # the stds they draw with, for 100 inputs: 1, 0.01, sqrt(1/100), sqrt(2/100)
    rng = np.random.default_rng(0)
    stds = [init((100, 400), rng).std() for init in inits.values()]
    np.testing.assert_allclose(stds, [1.0, 0.01, 0.1, np.sqrt(0.02)], rtol=0.03)
