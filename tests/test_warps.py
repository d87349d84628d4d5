"""Tests for nnexplain.warps: matrices, maps on points and polylines, stages and frames."""

import numpy as np
import pytest

from nnexplain import MLP, Dense
from nnexplain.datasets import make_grid_lines
from nnexplain.warps import (
    MapPath,
    apply_activation,
    apply_affine,
    apply_layer,
    apply_network,
    as_map,
    blend,
    chain,
    map_path,
    map_stages,
    rotation,
    scaling,
    shear,
    stages,
    warp_frames,
)

RNG = np.random.default_rng(0)
POINTS = RNG.normal(size=(7, 2))
LINES = make_grid_lines((-1.0, 1.0), n_lines=4, n_points_per_line=5)  # (8, 5, 2)


# -- matrices ----------------------------------------------------------------------------------


@pytest.mark.parametrize("theta", [0.0, 0.3, np.pi / 2, -2.0, 7.0])
def test_rotation_is_orthonormal_with_det_one(theta):
    R = rotation(theta)
    np.testing.assert_allclose(R @ R.T, np.eye(2), atol=1e-15)
    assert np.linalg.det(R) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("theta", "start", "end"),
    [
        (np.pi / 2, [1.0, 0.0], [0.0, 1.0]),  # x axis to y axis: counter-clockwise
        (np.pi / 2, [0.0, 1.0], [-1.0, 0.0]),
        (np.pi, [1.0, 2.0], [-1.0, -2.0]),
        (np.pi / 4, [1.0, 0.0], [np.sqrt(0.5), np.sqrt(0.5)]),
    ],
)
def test_rotation_turns_row_vectors_counter_clockwise(theta, start, end):
    np.testing.assert_allclose(np.array([start]) @ rotation(theta), [end], atol=1e-15)


def test_rotation_angle_increases_polar_angle():
    p = np.array([[np.cos(0.2), np.sin(0.2)]])
    q = p @ rotation(0.5)
    assert np.arctan2(q[0, 1], q[0, 0]) == pytest.approx(0.7)


def test_scaling_and_shear():
    p = np.array([[2.0, 3.0]])
    np.testing.assert_array_equal(p @ scaling(2.0, -1.0), [[4.0, -3.0]])
    np.testing.assert_array_equal(p @ shear(0.5), [[3.5, 3.0]])
    np.testing.assert_array_equal(p @ shear(0.5, axis="y"), [[2.0, 4.0]])


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: rotation("a"), TypeError, "theta must be a real number"),
        (lambda: rotation(np.inf), ValueError, "theta must be finite"),
        (lambda: shear(1.0, axis="z"), ValueError, r"unknown axis 'z'.*\['x', 'y'\]"),
    ],
)
def test_matrix_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()


# -- maps on points and polylines ----------------------------------------------------------------


def test_apply_affine_points_and_polylines_match_manual():
    W, b = RNG.normal(size=(2, 3)), RNG.normal(size=3)
    np.testing.assert_allclose(apply_affine(POINTS, W, b), POINTS @ W + b)
    out = apply_affine(LINES, W, b)
    assert out.shape == (8, 5, 3)
    for i in range(LINES.shape[0]):
        np.testing.assert_allclose(out[i], LINES[i] @ W + b)
    np.testing.assert_allclose(apply_affine(POINTS, W), POINTS @ W)


@pytest.mark.parametrize("name", ["tanh", "relu", "sigmoid"])
def test_apply_activation_is_elementwise(name):
    f = {
        "tanh": np.tanh,
        "relu": lambda x: np.maximum(x, 0),
        "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    }[name]
    np.testing.assert_allclose(apply_activation(POINTS, name), f(POINTS))
    np.testing.assert_allclose(apply_activation(LINES, name), f(LINES))


def test_apply_activation_accepts_callables_and_none():
    np.testing.assert_array_equal(apply_activation(POINTS, np.abs), np.abs(POINTS))
    np.testing.assert_array_equal(apply_activation(POINTS, None), POINTS)


def test_apply_layer_and_network_match_forward():
    net = MLP([2, 3, 2], activation="tanh", output="identity", seed=1)
    layer = net.layers[0]
    np.testing.assert_allclose(apply_layer(POINTS, layer), np.tanh(POINTS @ layer.W + layer.b))
    np.testing.assert_allclose(apply_network(POINTS, net), net.forward(POINTS))
    out = apply_network(LINES, net)
    assert out.shape == (8, 5, 2)
    np.testing.assert_allclose(out.reshape(-1, 2), net.forward(LINES.reshape(-1, 2)))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: apply_affine(POINTS, np.eye(3)), ValueError, r"\(7, 2\).*\(3, 3\)"),
        (lambda: apply_affine(LINES, np.eye(3)), ValueError, r"\(8, 5, 2\).*\(3, 3\)"),
        (lambda: apply_affine(POINTS, np.eye(2), [1.0, 2.0, 3.0]), ValueError, r"\(3,\).*\(2, 2\)"),
        (lambda: apply_affine(np.zeros(3), np.eye(2)), ValueError, r"shape \(3,\)"),
        (lambda: apply_network(np.zeros((4, 3)), MLP([2, 1], seed=0)), ValueError, r"\(4, 3\).*2"),
        (lambda: apply_layer(POINTS, "tanh"), TypeError, "Dense layer"),
        (lambda: apply_network(POINTS, "net"), TypeError, "net must be an nnexplain MLP"),
    ],
)
def test_shape_errors_name_both_shapes(call, error, match):
    with pytest.raises(error, match=match):
        call()


# -- stages ------------------------------------------------------------------------------------


def test_stages_of_points_match_trace():
    net = MLP([2, 3, 3, 1], activation=["tanh", "relu"], seed=0)
    arrays, labels = stages(net, POINTS)
    trace = net.trace(POINTS)
    assert labels == trace.labels
    for a, b in zip(arrays, trace.arrays, strict=True):
        np.testing.assert_array_equal(a, b)


def test_stages_of_polylines_keep_their_shape():
    net = MLP([2, 3, 1], seed=0)
    arrays, labels = stages(net, LINES, include_affine=False)
    assert labels == ["input", "layer 1: tanh", "output: sigmoid"]
    assert [a.shape for a in arrays] == [(8, 5, 2), (8, 5, 3), (8, 5, 1)]
    np.testing.assert_allclose(arrays[1], np.tanh(LINES @ net.layers[0].W + net.layers[0].b))


def test_stages_without_output():
    net = MLP([2, 3, 3, 1], seed=0)
    _, labels = stages(net, POINTS, include_output=False)
    assert labels == [
        "input",
        "layer 1: affine",
        "layer 1: tanh",
        "layer 2: affine",
        "layer 2: tanh",
    ]


def test_map_stages_decomposes_one_layer():
    W, b = rotation(0.4) * 2.0, np.array([0.5, -1.0])
    arrays, labels = map_stages(POINTS, W=W, b=b, activation="tanh")
    assert labels == ["input", "linear: xW", "bias: xW + b", "activation: tanh"]
    np.testing.assert_array_equal(arrays[0], POINTS)
    np.testing.assert_allclose(arrays[1], POINTS @ W)
    np.testing.assert_allclose(arrays[2], POINTS @ W + b)
    np.testing.assert_allclose(arrays[3], np.tanh(POINTS @ W + b))
    layer = Dense.from_arrays(W, b, "tanh")
    np.testing.assert_allclose(arrays[3], apply_layer(POINTS, layer))


def test_map_stages_skips_missing_parts():
    arrays, labels = map_stages(LINES, b=[1.0, 0.0], activation="relu")
    assert labels == ["input", "bias: x + b", "activation: relu"]
    np.testing.assert_allclose(arrays[-1], np.maximum(LINES + [1.0, 0.0], 0))


# -- parametrised maps --------------------------------------------------------------------------


def test_warp_frames_rotation_by_growing_angle():
    frames = warp_frames(MapPath(lambda p, t: p @ rotation(t * np.pi)), POINTS, n_frames=5)
    assert frames.shape == (5, 7, 2)
    np.testing.assert_array_equal(frames[0], POINTS)
    np.testing.assert_allclose(frames[2], POINTS @ rotation(np.pi / 2))
    np.testing.assert_allclose(frames[-1], -POINTS, atol=1e-12)
    # a rotation keeps every radius
    np.testing.assert_allclose(
        np.linalg.norm(frames, axis=-1), np.linalg.norm(POINTS, axis=-1)[None].repeat(5, 0)
    )


def test_map_path_of_a_rotation_matrix_stays_a_rotation():
    frames = warp_frames(rotation(np.pi / 2), LINES, n_frames=9)
    radii = np.linalg.norm(frames, axis=-1)
    np.testing.assert_allclose(radii, np.broadcast_to(np.linalg.norm(LINES, axis=-1), radii.shape))
    np.testing.assert_allclose(frames[-1], LINES @ rotation(np.pi / 2))


def test_map_path_blends_matrices_biases_and_activations():
    W = scaling(2.0, 0.5)
    np.testing.assert_allclose(map_path(W)(POINTS, 0.5), POINTS @ (0.5 * np.eye(2) + 0.5 * W))
    b = np.array([1.0, -2.0])
    np.testing.assert_allclose(map_path((None, b))(POINTS, 0.25), POINTS + 0.25 * b)
    np.testing.assert_allclose(map_path((W, b))(POINTS, 1.0), POINTS @ W + b)
    np.testing.assert_allclose(map_path("tanh")(POINTS, 0.5), 0.5 * POINTS + 0.5 * np.tanh(POINTS))
    np.testing.assert_allclose(blend(np.tanh)(POINTS, 1.0), np.tanh(POINTS))


def test_map_path_of_a_layer_ends_at_the_layer():
    layer = Dense.from_arrays(shear(0.5), [0.2, -0.1], "relu")
    path = map_path(layer)
    np.testing.assert_array_equal(path(POINTS, 0.0), POINTS)
    np.testing.assert_allclose(path(POINTS, 0.5), POINTS @ layer.W + layer.b)
    np.testing.assert_allclose(path(POINTS, 1.0), apply_layer(POINTS, layer))


def test_map_path_errors():
    with pytest.raises(ValueError, match=r"shape \(2, 3\).*square"):
        map_path(np.ones((2, 3)))
    with pytest.raises(TypeError, match="transform must be"):
        map_path(3.0)
    with pytest.raises(ValueError, match="n_frames must be an int >= 2"):
        warp_frames("tanh", POINTS, n_frames=1)


# -- one dispatcher: as_map, MapPath, chain --------------------------------------------------------


@pytest.mark.parametrize(
    ("transform", "expected", "description"),
    [
        (rotation(np.pi / 2), lambda p: p @ rotation(np.pi / 2), "a rotation by 90 degrees"),
        (shear(0.5), lambda p: p @ shear(0.5), "a linear map"),
        ((shear(0.5), [1.0, 2.0]), lambda p: p @ shear(0.5) + [1.0, 2.0], "an affine map"),
        ((None, [1.0, 2.0]), lambda p: p + [1.0, 2.0], "a translation"),
        ("tanh", np.tanh, "tanh"),
        (lambda p: 2 * p, lambda p: 2 * p, "a map"),
        (MapPath(lambda p, t: p * (1 + t)), lambda p: 2 * p, "a path"),
    ],
)
def test_as_map_applies_the_map_on_points_and_polylines(transform, expected, description):
    m = as_map(transform)
    np.testing.assert_allclose(m.apply(POINTS), expected(POINTS), atol=1e-12)
    np.testing.assert_allclose(m(LINES), expected(LINES), atol=1e-12)
    assert m.description == description
    # the path starts at the identity and ends at the map
    np.testing.assert_allclose(m.path(POINTS, 0.0), POINTS, atol=1e-12)
    np.testing.assert_allclose(m.path(POINTS, 1.0), expected(POINTS), atol=1e-12)


def test_as_map_of_layers_and_networks():
    layer = Dense.from_arrays(shear(0.5), [0.2, -0.1], "tanh")
    np.testing.assert_allclose(as_map(layer).apply(POINTS), np.tanh(POINTS @ layer.W + layer.b))
    assert as_map(layer).description == "a layer with tanh"
    net = MLP([2, 3, 2], output="identity", seed=0)
    m = as_map(net)
    np.testing.assert_allclose(m.apply(LINES), net.forward(LINES.reshape(-1, 2)).reshape(8, 5, 2))
    np.testing.assert_allclose(m.path(POINTS, 0.5), 0.5 * POINTS + 0.5 * net.forward(POINTS))
    assert m.name == repr(net)


def test_a_two_argument_function_must_be_wrapped_in_path():
    with pytest.raises(TypeError, match=r"f\(points\).*warps\.MapPath"):
        as_map(lambda p, t: p * t)
    with pytest.raises(TypeError, match="fn must be callable"):
        MapPath(3)


def test_as_map_errors_and_lazy_paths():
    with pytest.raises(TypeError, match="transform must be"):
        as_map(3.0)
    m = as_map(np.ones((2, 3)))  # a map to 3D: applies, but has no path of the plane
    assert m.apply(POINTS).shape == (7, 3)
    with pytest.raises(ValueError, match="square"):
        m.path  # noqa: B018
    with pytest.raises(ValueError, match="one row per point"):
        as_map(lambda p: p[:1]).apply(POINTS)


def test_chain_plays_each_part_in_turn():
    W, b = scaling(2.0, 0.5), np.array([1.0, -1.0])
    path = chain(W, (None, b), "relu")
    assert isinstance(path, MapPath)
    assert path.name == "a linear map, then a translation, then relu"
    np.testing.assert_array_equal(path(POINTS, 0.0), POINTS)
    # a third of the time each: at t = 1/6 the matrix is half-way, at 1/2 the bias too
    np.testing.assert_allclose(path(POINTS, 1 / 6), POINTS @ (0.5 * np.eye(2) + 0.5 * W))
    np.testing.assert_allclose(path(POINTS, 0.5), POINTS @ W + 0.5 * b)
    np.testing.assert_allclose(path(POINTS, 2 / 3), POINTS @ W + b)
    np.testing.assert_allclose(path(POINTS, 1.0), np.maximum(POINTS @ W + b, 0))
    # the same as the stages of map_stages, in straight lines
    arrays, _ = map_stages(POINTS, W, b, "relu")
    np.testing.assert_allclose(path(POINTS, 5 / 6), 0.5 * arrays[2] + 0.5 * arrays[3])
    with pytest.raises(ValueError, match="at least one"):
        chain()


def test_moved_frame_names_stay_importable_from_warps():
    from nnexplain import frames, warps

    for name in ("EASINGS", "Frames", "blend", "ease", "interpolate"):
        assert getattr(warps, name) is getattr(frames, name)


def test_look_alikes_of_networks_and_layers_are_not_taken_for_them():
    """One MLP check and one Dense check (isinstance), not a hasattr test that a look-alike
    passes."""

    class LooksLikeANet:
        sizes = [2, 1]

        def trace(self, X):
            return X

    with pytest.raises(TypeError, match="net must be an nnexplain MLP"):
        apply_network(POINTS, LooksLikeANet())
    with pytest.raises(TypeError, match="transform must be"):
        map_path(LooksLikeANet())
