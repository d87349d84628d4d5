"""Tests for nnexplain.fields: grids, decision fields and unit responses, against closed forms."""

import numpy as np
import pytest

from nnexplain import MLP, Dense
from nnexplain.fields import (
    DecisionField,
    data_extent,
    decision_field,
    plane_grid,
    unit_responses,
)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_plane_grid_rows_are_y_and_columns_are_x():
    g = plane_grid((-1.0, 3.0, 0.0, 1.0), resolution=5)
    assert g.shape == (5, 5) and g.extent == (-1.0, 3.0, 0.0, 1.0)
    np.testing.assert_array_equal(g.x, np.linspace(-1, 3, 5))
    np.testing.assert_array_equal(g.y, np.linspace(0, 1, 5))
    np.testing.assert_array_equal(g.points[:5, 0], g.x)  # row-major: the first row is y = 0
    assert np.all(g.points[:5, 1] == 0.0) and g.points.shape == (25, 2)


def test_data_extent_pads_each_side():
    X = np.array([[0.0, -1.0], [2.0, 1.0]])
    assert data_extent(X, 0.1) == pytest.approx((-0.2, 2.2, -1.2, 1.2))
    single = data_extent(np.ones((1, 2)), 0.5, minimum=1.0)
    assert single == pytest.approx((0.5, 1.5, 0.5, 1.5))


def test_single_layer_sigmoid_field_is_sigmoid_of_the_affine_map():
    net = MLP([2, 1], seed=3)
    W, b = net.layers[0].W, net.layers[0].b
    f = decision_field(net, extent=(-2, 2, -1, 3), resolution=7)
    assert isinstance(f, DecisionField) and f.kind == "sigmoid" and f.stage == "input"
    want = _sigmoid(f.grid.xx * W[0, 0] + f.grid.yy * W[1, 0] + b[0])
    np.testing.assert_allclose(f.values, want)
    np.testing.assert_allclose(f.proba.sum(axis=-1), 1.0)
    np.testing.assert_array_equal(f.predicted, (want > 0.5).astype(int))
    np.testing.assert_array_equal(f.boundary_levels, [0.5])
    assert f.data is None


def test_softmax_field_is_softmax_of_the_affine_map_and_its_argmax():
    net = MLP([2, 3], output="softmax", seed=0)
    W, b = net.layers[0].W, net.layers[0].b
    f = decision_field(net, extent=(-3, 3, -3, 3), resolution=9)
    z = f.grid.points @ W + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(f.proba.reshape(-1, 3), p, atol=1e-12)
    np.testing.assert_array_equal(f.values.ravel(), np.argmax(z, axis=1))
    assert f.n_classes == 3
    np.testing.assert_array_equal(f.boundary_levels, [0.5, 1.5])


def test_hidden_stage_field_is_the_rest_of_the_network():
    net = MLP([2, 2, 1], activation="tanh", seed=1)
    X = np.random.default_rng(0).normal(size=(20, 2))
    f = decision_field(net, X, stage="layer 1: tanh", resolution=6)
    out = net.layers[1]
    np.testing.assert_allclose(f.values.ravel(), out(f.grid.points)[:, 0])
    np.testing.assert_allclose(f.data, np.tanh(X @ net.layers[0].W + net.layers[0].b))
    # the extent covers the mapped data with a 10 % margin
    assert f.grid.extent == pytest.approx(data_extent(f.data, 0.1))
    # the affine stage: the rest starts with the tanh
    g = decision_field(net, X, stage=1, resolution=6)
    np.testing.assert_allclose(g.values.ravel(), out(np.tanh(g.grid.points))[:, 0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"stage": "nope"}, ValueError, "unknown stage"),
        ({"stage": 9}, ValueError, "out of range"),
        ({"stage": -1}, ValueError, "is the network's output"),
        ({"stage": 1.5}, TypeError, "stage must be"),
        ({"stage": "layer 1: tanh"}, ValueError, "width 3"),
        ({"extent": ("a", "b", 0, 1)}, TypeError, "extent must hold real numbers"),
        ({"extent": (0, 1)}, TypeError, r"extent must be \(xmin, xmax, ymin, ymax\)"),
        ({"resolution": 1}, ValueError, "resolution must be an int >= 2"),
        ({"X": np.zeros((3, 5))}, ValueError, "X"),
    ],
)
def test_decision_field_bad_input(kwargs, error, match):
    net = MLP([2, 3, 1], activation="tanh", seed=0)
    with pytest.raises(error, match=match):
        decision_field(net, **kwargs)


def test_decision_field_needs_a_classifier():
    with pytest.raises(ValueError, match="needs a classifier"):
        decision_field(MLP([2, 1], output="identity", seed=0))
    with pytest.raises(TypeError, match="net must be an nnexplain MLP"):
        decision_field(Dense.from_arrays(np.eye(2), [0.0, 0.0], "tanh"))


def test_unit_responses_are_each_units_output_on_the_grid():
    net = MLP([2, 3, 2, 1], activation="relu", seed=0)
    r = unit_responses(net, (-1, 1, -2, 2), resolution=5)
    assert r.labels == ["layer 1: relu", "layer 2: relu"] and r.n_units == 5
    assert [m.shape for m in r.maps] == [(5, 5, 3), (5, 5, 2)]
    L1 = net.layers[0]
    want = np.maximum(r.grid.points @ L1.W + L1.b, 0).reshape(5, 5, 3)
    np.testing.assert_allclose(r.maps[0], want)
    # unit j of layer 1 at grid point (row i, column k) is its output at (x[k], y[i])
    x, y = r.grid.x[4], r.grid.y[1]
    np.testing.assert_allclose(r.maps[0][1, 4], np.maximum(np.array([x, y]) @ L1.W + L1.b, 0))
    pre = unit_responses(net, resolution=3, pre_activation=True)
    assert pre.labels == ["layer 1: affine", "layer 2: affine"]


def test_unit_responses_errors():
    with pytest.raises(ValueError, match="2 inputs"):
        unit_responses(MLP([3, 2, 1], seed=0))
    with pytest.raises(ValueError, match="no hidden layer"):
        unit_responses(MLP([2, 1], seed=0))
    with pytest.raises(TypeError, match="net must be"):
        unit_responses("net")
