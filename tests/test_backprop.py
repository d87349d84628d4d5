"""The private gradient kernel and training loop of nnexplain._backprop, against oracles."""

import numpy as np
import pytest

from nnexplain import _backprop
from nnexplain._backprop import Batches, Workspace, gradient_into
from nnexplain.datasets import make_circle_in_donut
from nnexplain.network import MLP, Dense


def _numeric_gradient(net, X, y, eps=1e-6):
    """Central finite differences of the mean loss over the flat parameters (the oracle)."""
    grad = np.empty_like(net.parameters)
    for i in range(net.parameters.size):
        keep = net.parameters[i]
        net.parameters[i] = keep + eps
        up = net.loss(X, y)
        net.parameters[i] = keep - eps
        down = net.loss(X, y)
        net.parameters[i] = keep
        grad[i] = (up - down) / (2 * eps)
    return grad


@pytest.mark.parametrize("bias", [True, False])
def test_gradient_into_matches_finite_differences(bias):
    X, y = make_circle_in_donut(12, seed=0)
    net = MLP([2, 3, 3, 1], "tanh", bias=bias, seed=1)
    loss = net.resolve_loss()
    ws = Workspace(net.layers, X.shape[0])
    grad = np.full_like(net.parameters, np.nan)
    target = loss.prepare(loss.check_targets(y, 12, 1), 1, net.dtype)
    gradient_into(ws, ws.augment(X), target, loss, grad)
    np.testing.assert_allclose(grad, _numeric_gradient(net, X, y), rtol=1e-6, atol=1e-9)
    # The forward buffers hold the network's output.
    np.testing.assert_allclose(ws.a[-1], net.forward(X), rtol=1e-12)


def test_workspace_reads_layers_in_place():
    net = MLP([2, 2, 1], seed=0)
    ws = Workspace(net.layers, 4)
    assert ws.forward_plan[0][0].base is net.layers[0].Wb.base or np.shares_memory(
        ws.forward_plan[0][0], net.parameters
    )
    assert ws.augment(np.zeros((4, 2))).shape == (4, 3)
    assert Workspace(MLP([2, 2, 1], bias=False).layers, 4).augment(np.zeros((4, 2))).shape == (
        4,
        2,
    )


def test_mixed_bias_layers_get_a_column_of_ones_only_where_needed():
    layers = [Dense(2, 3, "tanh", bias=False, seed=0), Dense(3, 1, "sigmoid", seed=1)]
    net = MLP.from_layers(layers)
    X, y = make_circle_in_donut(10, seed=2)
    value, grads = net.gradients(X, y)
    assert grads[0][1] is None and grads[1][1].shape == (1,)
    flat = np.concatenate([g.ravel() for pair in grads for g in pair if g is not None])
    np.testing.assert_allclose(flat, _numeric_gradient(net, X, y), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("shuffle", [True, False])
def test_batches_cover_every_row_once_per_epoch(shuffle):
    X = np.arange(20.0).reshape(10, 2)
    targets = np.arange(10.0).reshape(10, 1)
    net = MLP([2, 1], seed=0)
    batches = Batches(net.layers, X, targets, 4, shuffle=shuffle, rng=np.random.default_rng(0))
    assert len(batches) == 3
    seen = [tb[:, 0].copy() for _, _, tb in batches.epoch()]
    assert [len(s) for s in seen] == [4, 4, 2]
    rows = np.concatenate(seen)
    assert sorted(rows.tolist()) == list(range(10))
    assert (rows.tolist() == list(range(10))) is not shuffle
    for _, Xb, tb in batches.epoch():  # inputs carry their column of ones and match targets
        np.testing.assert_array_equal(Xb[:, 0], 2 * tb[:, 0])
        np.testing.assert_array_equal(Xb[:, 2], 1.0)


def test_gathered_batches_train_exactly_like_sliced_ones(monkeypatch):
    X, y = make_circle_in_donut(101, seed=0)
    options = {"epochs": 3, "batch_size": 16, "seed": 4, "snapshot_every": 5}
    sliced = MLP([2, 3, 1], seed=0)
    h1 = sliced.fit(X, y, snapshot_unit="step", **options)
    monkeypatch.setattr(_backprop, "_GATHER_ABOVE", 0)
    gathered = MLP([2, 3, 1], seed=0)
    h2 = gathered.fit(X, y, snapshot_unit="step", **options)
    np.testing.assert_array_equal(sliced.parameters, gathered.parameters)
    assert h1.loss == h2.loss and [s.step for s in h1.snapshots] == [s.step for s in h2.snapshots]


def test_fit_of_network_and_training_are_one_loop():
    from nnexplain.training import fit

    X, y = make_circle_in_donut(64, seed=0)
    a, b = MLP([2, 3, 1], seed=0), MLP([2, 3, 1], seed=0)
    ha = a.fit(X, y, epochs=2, seed=1, validation_split=0.25)
    hb = fit(b, X, y, epochs=2, seed=1, validation_split=0.25)
    np.testing.assert_array_equal(a.parameters, b.parameters)
    assert ha.loss == hb.loss and ha.val_accuracy == hb.val_accuracy
    assert ha.epoch == [1, 2] and ha.steps == 2 * 2  # 48 training rows, batches of 32


def test_snapshots_first_last_and_fractional_epochs():
    X, y = make_circle_in_donut(40, seed=0)
    net = MLP([2, 2, 1], seed=0)
    h = net.fit(X, y, epochs=2, batch_size=10, snapshot_every=3, snapshot_unit="step", seed=0)
    assert [s.step for s in h.snapshots] == [0, 3, 6, 8]
    assert [s.epoch for s in h.snapshots] == [0.0, 0.75, 1.5, 2.0]
    np.testing.assert_array_equal(h.snapshots[-1].weights[0][0], net.layers[0].W)
