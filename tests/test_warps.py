"""Tests for nnexplain.warps: matrices, maps on points and polylines, stages and frames."""

import numpy as np
import pytest

from nnexplain import MLP, Dense
from nnexplain.datasets import make_grid_lines
from nnexplain.warps import (
    Frames,
    Path,
    apply_activation,
    apply_affine,
    apply_layer,
    apply_network,
    blend,
    ease,
    interpolate,
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


# -- easing and interpolation -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["linear", "ease_in_out", "cosine"])
def test_ease_endpoints_and_monotone(kind):
    assert ease(0.0, kind) == 0.0
    assert ease(1.0, kind) == 1.0
    assert ease(0.5, kind) == pytest.approx(0.5)
    values = ease(np.linspace(0, 1, 101), kind)
    assert np.all(np.diff(values) > 0)


def test_ease_in_out_is_smoothstep_with_zero_end_speed():
    t = np.array([0.1, 0.25, 0.9])
    np.testing.assert_allclose(ease(t, "ease_in_out"), 3 * t**2 - 2 * t**3)
    h = 1e-6
    assert ease(h) / h < 1e-5


def test_ease_unknown_kind_lists_valid():
    with pytest.raises(ValueError, match=r"cosine.*ease_in_out.*linear"):
        ease(0.5, "bounce")


def test_interpolate_first_and_last_frames_are_the_stages_exactly():
    net = MLP([2, 3, 3, 1], seed=0)
    arrays, labels = stages(net, POINTS)
    fr = interpolate(arrays, labels=labels, frames_per_transition=7, pause_frames=3)
    assert isinstance(fr, Frames)
    n = len(arrays)
    assert fr.n_frames == n * 4 + (n - 1) * 7
    np.testing.assert_array_equal(fr.positions[0, :, :2], arrays[0])
    np.testing.assert_array_equal(fr.positions[-1, :, :1], arrays[-1])
    # padding with zeros to the widest stage
    assert fr.positions.shape == (fr.n_frames, 7, 3)
    assert np.all(fr.positions[0, :, 2] == 0) and np.all(fr.positions[-1, :, 1:] == 0)
    assert fr.frame_labels[0] == "input" and fr.frame_labels[-1] == "output: sigmoid"
    assert fr.stage_index[0] == 0 and fr.stage_index[-1] == n - 1


def test_interpolate_straight_lines_and_holds():
    a, b = np.zeros((3, 2)), np.ones((3, 2)) * [2.0, -4.0]
    fr = interpolate([a, b], frames_per_transition=3, pause_frames=1, easing="linear")
    assert fr.n_frames == 2 * 2 + 3
    np.testing.assert_array_equal(fr.positions[:2], [a, a])
    for k, s in zip(range(2, 5), [0.25, 0.5, 0.75], strict=True):
        np.testing.assert_allclose(fr.positions[k], s * b)
    np.testing.assert_array_equal(fr.positions[5:], [b, b])
    np.testing.assert_allclose(fr.t, [0, 0, 0.25, 0.5, 0.75, 1, 1])
    assert fr.stage_index.tolist() == [0, 0, 1, 1, 1, 1, 1]


def test_interpolate_polylines():
    fr = interpolate([LINES, LINES * 2], frames_per_transition=2, pause_frames=0)
    assert fr.positions.shape == (4, 8, 5, 2)
    np.testing.assert_array_equal(fr.positions[-1], LINES * 2)


@pytest.mark.parametrize(
    ("stages_", "match"),
    [
        ([np.zeros((3, 2)), np.zeros((4, 2))], r"stages\[1\] has shape \(4, 2\).*\(3, 2\)"),
        ([np.zeros(3)], r"stages\[0\] has shape \(3,\)"),
        ([], "empty"),
    ],
)
def test_interpolate_errors(stages_, match):
    with pytest.raises(ValueError, match=match):
        interpolate(stages_)


def test_interpolate_labels_must_match():
    with pytest.raises(ValueError, match="labels has 1 entries but there are 2 stages"):
        interpolate([POINTS, POINTS], labels=["a"])


# -- parametrised maps --------------------------------------------------------------------------


def test_warp_frames_rotation_by_growing_angle():
    frames = warp_frames(Path(lambda p, t: p @ rotation(t * np.pi)), POINTS, n_frames=5)
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
