"""Tests for nnexplain.frames: easing, holds, interpolation between stages, path frames, replay."""

import numpy as np
import pytest

from nnexplain import MLP
from nnexplain.datasets import make_circle_in_donut, make_grid_lines
from nnexplain.frames import (
    Frames,
    blend,
    ease,
    hold_order,
    interpolate,
    path_frames,
    replay,
)
from nnexplain.warps import rotation, stages

RNG = np.random.default_rng(0)
POINTS = RNG.normal(size=(7, 2))
LINES = make_grid_lines((-1.0, 1.0), n_lines=4, n_points_per_line=5)  # (8, 5, 2)


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


# -- holds, path frames, replay -----------------------------------------------------------------


@pytest.mark.parametrize(("n", "pause"), [(1, 0), (1, 3), (4, 0), (5, 2)])
def test_hold_order_holds_first_and_last(n, pause):
    order = hold_order(n, pause)
    assert len(order) == n + 2 * pause
    assert order[: pause + 1].tolist() == [0] * (pause + 1)
    assert order[-pause - 1 :].tolist() == [n - 1] * (pause + 1)
    assert np.all(np.diff(order) >= 0) and set(order.tolist()) == set(range(n))


def test_hold_order_errors():
    with pytest.raises(ValueError, match="pause_frames must be an int >= 0"):
        hold_order(3, -1)
    with pytest.raises(TypeError, match="n_frames must be an int"):
        hold_order(2.5, 0)


def test_path_frames_follow_the_path():
    frames = path_frames(lambda p, t: p @ rotation(t * np.pi), LINES, n_frames=5)
    assert frames.shape == (5, 8, 5, 2)
    np.testing.assert_array_equal(frames[0], LINES)
    np.testing.assert_allclose(frames[2], LINES @ rotation(np.pi / 2))
    eased = path_frames(blend(np.tanh), POINTS, n_frames=3, easing="ease_in_out")
    np.testing.assert_allclose(eased[1], 0.5 * POINTS + 0.5 * np.tanh(POINTS))


def test_path_frames_errors():
    with pytest.raises(TypeError, match=r"path must be a callable path\(points, t\)"):
        path_frames("tanh", POINTS)
    with pytest.raises(ValueError, match="n_frames must be an int >= 2"):
        path_frames(blend(np.tanh), POINTS, n_frames=1)
    with pytest.raises(ValueError, match="it must keep the points"):
        path_frames(lambda p, t: p[:2], POINTS, n_frames=2)


def test_replay_sets_each_snapshot_on_a_copy():
    X, y = make_circle_in_donut(60, seed=0)
    net = MLP([2, 3, 1], seed=0)
    history = net.fit(X, y, epochs=2, snapshot_every=2, seed=0, evaluate=False)
    before = net.predict_proba(X)
    outputs = replay(net, history.snapshots, lambda work: work.predict_proba(X[:3]))
    assert len(outputs) == len(history.snapshots) >= 2
    for out, snap in zip(outputs, history.snapshots, strict=True):
        work = MLP([2, 3, 1], seed=1)
        work.set_weights(snap.weights)
        np.testing.assert_allclose(out, work.predict_proba(X[:3]))
    np.testing.assert_array_equal(net.predict_proba(X), before)  # the network is untouched
    with pytest.raises(ValueError, match="snapshot_every"):
        replay(net, [], len)


def test_first_and_last_pause_hold_the_ends():
    from nnexplain.frames import interpolate, stage_seconds

    fr = interpolate(
        [np.zeros((3, 2)), np.ones((3, 2)), 2 * np.ones((3, 2))],
        frames_per_transition=4,
        pause_frames=1,
        first_pause=5,
        last_pause=9,
    )
    np.testing.assert_array_equal(np.bincount(fr.stage_index), [6, 4 + 2, 4 + 10])
    np.testing.assert_allclose(stage_seconds(fr, 100), [0.6, 0.6, 1.4])
    assert np.all(fr.positions[-10:] == 2)
    with pytest.raises(ValueError, match="last_pause"):
        interpolate([np.zeros((1, 2))] * 2, last_pause=-1)
    with pytest.raises(TypeError, match="frames must be Frames"):
        stage_seconds(np.zeros(3), 40)


def test_frames_for_counts_frames_that_last():
    from nnexplain.frames import frames_for

    assert frames_for(1.5, 40) == 38 and frames_for(1.6, 40) == 40 and frames_for(0, 40) == 0
    with pytest.raises(ValueError, match="interval"):
        frames_for(1.0, 0)


def test_frame_limits_frame_every_frame_on_its_points():
    from nnexplain.frames import frame_limits, interpolate

    a = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    fr = interpolate([a, -a * 4], frames_per_transition=5, pause_frames=0, easing="linear")
    lim = frame_limits(fr, margin=0.1)
    assert lim.shape == (fr.n_frames, 2, 2)
    np.testing.assert_allclose(lim[0], [[-0.1, 1.1], [-0.1, 1.1]])
    np.testing.assert_allclose(lim[-1], [[-4.4, 0.4], [-4.4, 0.4]])
    for k in range(fr.n_frames):  # the points always fill 1 / 1.2^2 of the view
        span = np.ptp(fr.positions[k], axis=0)
        np.testing.assert_allclose(np.prod(span) / np.prod(np.diff(lim[k]).ravel()), 1 / 1.44)
    flat = interpolate([np.zeros((2, 2))] * 2, frames_per_transition=0)
    assert np.all(np.diff(frame_limits(flat), axis=2) > 0)  # a point keeps a view


def test_player_position_holds_then_moves_and_stops_at_the_last_stage():
    from nnexplain.frames import PLAYER_TIMING, player_position

    h, m = PLAYER_TIMING["hold_ms"], PLAYER_TIMING["move_ms"]
    per = h + m
    # a stage is held for h ms, then half a move later the points are half way
    times = [0, h / 2, h, h + m / 2, per, per + h, per + h + m / 4, 10 * per]
    got = player_position(times, 4)
    np.testing.assert_allclose(got, [0, 0, 0, 0.5, 1, 1, 1.25, 3])
    assert player_position(h + m / 2, 4, start=2) == 2.5
    assert player_position(per, 2, start=0.6) == 1  # starts from the stage it is on
    fine = player_position(np.linspace(0, 6 * per, 2001), 5)
    assert np.all(np.diff(fine) >= 0) and fine[-1] == 4
    with pytest.raises(ValueError, match="elapsed_ms must be >= 0"):
        player_position(-1, 3)
    with pytest.raises(ValueError, match="move_ms > 0"):
        player_position(1, 3, timing={"hold_ms": 1, "move_ms": 0})


# --------------------------------------------------------------------------------------------
# one frame for every stage (issue 18: a slide, a stretch or a squash must be seen)
# --------------------------------------------------------------------------------------------


def test_fixed_frame_holds_the_origin_every_stage_and_the_input_grid_only():
    from nnexplain.frames import fixed_frame

    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    grid = [np.full((1, 2, 2), -1.0), np.full((1, 2, 2), 100.0)]  # a later grid flies off
    frame = fixed_frame([x, x + [2.0, 0.0]], grid, margin=0.0)
    np.testing.assert_array_equal(frame, [[-1.0, 5.0], [-1.0, 4.0]])
    # the margin is a fraction of the widest span, the same on every side
    np.testing.assert_allclose(fixed_frame([x], margin=0.1), [[-0.4, 3.4], [-0.4, 4.4]])
    # without points, every stage of the grid sets it; 2D and 3D stages mix (z = 0 padded)
    no_points = fixed_frame([np.zeros((0, 2))] * 2, grid, margin=0)
    np.testing.assert_array_equal(no_points, [[-1, 100]] * 2)
    mixed = fixed_frame([x, np.array([[0.0, 0.0, -5.0], [1.0, 1.0, 1.0]])], margin=0)
    np.testing.assert_array_equal(mixed, [[0, 3], [0, 4], [-5, 1]])


def test_stage_spans_measure_a_squash_against_the_input():
    from nnexplain.frames import fixed_frame, stage_spans

    x = np.random.default_rng(0).uniform(-3, 3, size=(200, 2))
    stages = [x, np.tanh(x), x / 1000]
    spans = stage_spans(stages, fixed_frame(stages))
    assert spans[0] == pytest.approx(np.ptp(x, axis=0).max() / (np.ptp(x, axis=0).max() * 1.1))
    assert spans[1] == pytest.approx(spans[0] * np.ptp(np.tanh(x), 0).max() / np.ptp(x, 0).max())
    assert spans[2] < 1e-3  # a speck: the player offers a zoom, the video's title says so


@pytest.mark.parametrize(
    "args, error, match",
    [
        (([np.zeros(2)],), ValueError, r"stages\[0\] has shape \(2,\)"),
        (("x",), TypeError, "stages must be a non-empty list"),
        (([],), TypeError, "stages must be a non-empty list"),
        (([np.full((2, 2), np.nan)],), ValueError, r"stages\[0\] contains NaN"),
        (([np.zeros((2, 2))], None, "0.1"), TypeError, "margin must be a real number"),
        (([np.zeros((2, 2))], None, 2.0), ValueError, r"margin must be a fraction in \[0, 1\]"),
    ],
)
def test_fixed_frame_names_what_is_wrong(args, error, match):
    from nnexplain.frames import fixed_frame

    stages, *rest = args
    lines = rest[0] if rest else None
    kw = {"margin": rest[1]} if len(rest) > 1 else {}
    with pytest.raises(error, match=match):
        fixed_frame(stages, lines, **kw)
