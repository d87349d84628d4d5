"""Random bad inputs through the public API: only the project's named errors come out.

Hypothesis draws wrong shapes, dtypes and values (NaN, infinities, huge numbers, strings,
None, ragged lists, object and complex arrays) for one argument of a public function at a time,
the others being good. The function may succeed; when it fails, the error is a ``ValueError`` or
``TypeError`` (or one of the project's own classes, which derive from them), raised by nnexplain
itself -- its innermost frame is in the package, not deep inside numpy or matplotlib -- and no
RuntimeWarning leaks (pyproject turns them into errors).
"""

import traceback
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnexplain
from nnexplain import MLP, datasets, get_activation, get_loss, get_optimizer
from nnexplain.activations import ACTIVATIONS
from nnexplain.io import load_points, save_model
from nnexplain.training import DivergenceError

PACKAGE = Path(nnexplain.__file__).parent
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

finite_or_not = st.floats(allow_nan=True, allow_infinity=True, width=64)
numbers = st.one_of(
    finite_or_not,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1e-300, 1e300, np.float32(3.0), np.int8(-3), True]),
)
arrays = hnp.arrays(
    dtype=st.sampled_from(
        [np.float64, np.float32, np.int64, np.uint8, np.bool_, np.complex128, "U3", object]
    ),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
    elements=None,
    fill=st.nothing(),
).filter(lambda a: a.dtype != object or a.size == 0)
junk = st.one_of(
    st.none(),
    st.text(max_size=4),
    st.binary(max_size=4),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.lists(st.one_of(numbers, st.lists(numbers, max_size=3)), max_size=4),  # ragged too
    numbers,
    arrays,
)


def _call(function, *args, **kwargs):
    """Run ``function``; a failure must be one of ours, raised from inside the package."""
    try:
        return function(*args, **kwargs)
    except (ValueError, TypeError, DivergenceError) as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        innermost = Path(frames[-1].filename).resolve()
        assert PACKAGE in innermost.parents, (
            f"{type(exc).__name__} from {innermost}:{frames[-1].lineno}: {exc}"
        )
        assert str(exc), "an error needs a message"
        return None


def _data(n=12):
    return datasets.make_moons(n, noise=0.1, seed=0)


# ------------------------------------------------------------------------------------ networks


@SETTINGS
@given(
    argument=st.sampled_from(["sizes", "width", "activation", "output", "init", "seed", "dtype"]),
    value=junk,
)
def test_mlp_construction(argument, value):
    # A valid but huge width would allocate gigabytes (MLP has no upper bound on widths).
    assume(not (isinstance(value, (int, np.integer)) and value > 1000))
    kwargs = {"sizes": [2, 3, 1]}
    if argument == "width":
        kwargs["sizes"] = [2, value, 1]
    else:
        kwargs[argument] = value
    _call(MLP, **kwargs)


@SETTINGS
@given(method=st.sampled_from(["forward", "trace", "predict", "predict_proba"]), X=junk)
def test_forward_methods(method, X):
    net = MLP([2, 3, 1], seed=0)
    out = _call(getattr(net, method), X)
    if out is not None and method != "trace":
        assert np.all(np.isfinite(out))


@SETTINGS
@given(
    argument=st.sampled_from(
        ["X", "y", "epochs", "batch_size", "lr", "optimizer", "validation_split", "seed"]
    ),
    value=junk,
)
def test_fit(argument, value):
    X, y = _data()
    if argument == "epochs" and isinstance(value, (int, np.integer)) and value > 2:
        value = 2  # a valid count, however large, would only take long
    kwargs = {"X": X, "y": y, "epochs": 2, "seed": 0, argument: value}
    net = MLP([2, 3, 1], seed=0)
    if _call(net.fit, **kwargs) is not None:
        assert np.all(np.isfinite(net.parameters))


@SETTINGS
@given(weights=junk, position=st.integers(0, 1))
def test_set_weights_is_all_or_nothing(weights, position):
    net = MLP([2, 3, 1], seed=0)
    before = net.parameters.copy()
    pairs = net.get_weights()
    pairs[position] = (weights, pairs[position][1])
    if _call(net.set_weights, pairs) is None and not np.array_equal(net.parameters, before):
        # set_weights returns None on success too: only a failure must leave nothing changed
        with pytest.raises((ValueError, TypeError)):
            MLP([2, 3, 1], seed=0).set_weights(pairs)
        raise AssertionError("a failed set_weights changed the network")


# ------------------------------------------------------------------ losses, activations, optimisers


@SETTINGS
@given(name=st.sampled_from(["bce", "cross_entropy", "mse"]), z=junk, y=junk)
def test_losses(name, z, y):
    loss = get_loss(name)
    _call(loss, z, y)
    _call(loss.grad, z, y)


@SETTINGS
@given(name=junk)
def test_registries(name):
    for get in (get_activation, get_loss, get_optimizer, nnexplain.get_initializer):
        _call(get, name)


@SETTINGS
@given(
    name=st.sampled_from(sorted(ACTIVATIONS)),
    x=hnp.arrays(
        dtype=st.sampled_from([np.float64, np.float32]),
        shape=hnp.array_shapes(min_dims=1, max_dims=2, max_side=5),
        elements=st.floats(allow_nan=False, allow_infinity=False, width=32),
    ),
)
def test_activations_never_warn_on_finite_input(name, x):
    # Any finite input, however large: no RuntimeWarning (overflow), no NaN out.
    activation = get_activation(name)
    assert not np.any(np.isnan(activation(x)))
    assert not np.any(np.isnan(activation.grad(x)))


# -------------------------------------------------------------------------------- data sets, io


@SETTINGS
@given(
    maker=st.sampled_from(
        [
            (datasets.make_moons, "noise"),
            (datasets.make_moons, "n_samples"),
            (datasets.make_xor, "noise"),
            (datasets.make_spirals, "n_turns"),
            (datasets.make_spirals, "n_classes"),
            (datasets.make_blobs, "centers"),
            (datasets.make_blobs, "cluster_std"),
            (datasets.make_disc_in_ring, "ring"),
            (datasets.make_circle_in_donut, "inner_radius"),
            (datasets.make_sine_boundary, "amplitude"),
            (datasets.make_grid_points, "extent"),
            (datasets.make_grid_lines, "n_lines"),
        ]
    ),
    value=junk,
)
def test_dataset_makers(maker, value):
    make, argument = maker
    kwargs = {argument: value}
    grids = (datasets.make_grid_points, datasets.make_grid_lines)
    if argument != "n_samples" and make not in grids:
        kwargs["n_samples"] = 20
    out = _call(make, **kwargs)
    if out is not None:
        X = out[0] if isinstance(out, tuple) else out
        assert np.all(np.isfinite(X))


@SETTINGS
@given(
    X=arrays,
    y=st.one_of(st.none(), arrays),
    suffix=st.sampled_from([".npy", ".npz", ".csv"]),
)
def test_points_files(tmp_path_factory, X, y, suffix):
    path = tmp_path_factory.mktemp("points") / f"p{suffix}"
    if suffix == ".npy":
        np.save(path, X, allow_pickle=X.dtype == object)
    elif suffix == ".npz":
        np.savez(path, X=X, **({} if y is None else {"y": y}))
    else:
        path.write_text("\n".join(",".join(map(str, row)) for row in np.atleast_2d(X)))
    points = _call(load_points, path)
    if points is not None:
        assert np.all(np.isfinite(points.X))
        assert points.y is None or (points.y.min() >= 0 and points.y.max() <= 9999)


@SETTINGS
@given(path=junk.filter(lambda p: not isinstance(p, str)))
def test_save_model_paths(path):
    _call(save_model, path, MLP([2, 1], seed=0))
