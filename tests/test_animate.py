"""Tests for nnexplain.animate: draw the first and last frames and check the artists' data."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from matplotlib.collections import LineCollection

from nnexplain import MLP, animate
from nnexplain.datasets import make_circle_in_donut, make_grid_lines
from nnexplain.warps import MapPath, rotation, shear, stages

LINES = make_grid_lines((-1.0, 1.0), n_lines=5, n_points_per_line=9)  # (10, 9, 2)
X, Y = make_circle_in_donut(120, seed=0)


@pytest.fixture
def ax(pyplot):
    """A small figure, cheap to draw."""
    return pyplot.figure(figsize=(2, 2), dpi=40).add_subplot()


def _draw(anim, k):
    """Draw frame ``k`` on the Agg canvas and return the artists the frame function updated."""
    artists = anim._func(k)
    anim._fig.canvas.draw()
    return artists


def _segments(collection):
    return np.array(collection.get_segments())


def _n_frames(anim):
    return anim.n_frames


def _point_data(lines):
    return np.concatenate([np.column_stack(line.get_data()) for line in lines])


@pytest.mark.parametrize(
    ("transform", "final"),
    [
        (rotation(np.pi / 3), lambda p: p @ rotation(np.pi / 3)),
        (shear(0.7), lambda p: p @ shear(0.7)),
        ((None, [0.5, -1.0]), lambda p: p + [0.5, -1.0]),
        ("tanh", np.tanh),
        ("relu", lambda p: np.maximum(p, 0)),
        ("sigmoid", lambda p: 1 / (1 + np.exp(-p))),
        (MapPath(lambda p, t: p @ rotation(t * np.pi)), lambda p: p @ rotation(np.pi)),
    ],
)
def test_animate_warp_first_and_last_frames(ax, transform, final):
    anim = animate.animate_warp(
        transform, lines=LINES, n_frames=12, pause_frames=2, ax=ax, end_hold_s=0
    )
    assert isinstance(anim, FuncAnimation)
    animator = anim
    assert _n_frames(anim) == 12 + 2 * 2
    _draw(anim, 0)
    np.testing.assert_array_equal(_segments(animator.grid), LINES)
    _draw(anim, _n_frames(anim) - 1)
    np.testing.assert_allclose(_segments(animator.grid), final(LINES), atol=1e-12)
    assert len(animator.grid.get_segments()) == 10
    assert isinstance(anim.alt, str) and anim.alt.endswith(".")


def test_animate_warp_creates_a_figure(pyplot):
    anim = animate.animate_warp("tanh", lines=LINES, n_frames=2)
    fig = anim._fig
    assert anim.alt.startswith("Animation of a square grid")
    assert anim.poster_frame == _n_frames(anim) - 1
    assert fig.axes[0].get_title() == "the plane under tanh"


def test_animate_warp_points_by_class_and_fixed_limits(pyplot):
    pts = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
    labels = np.array([0, 1, 1])
    anim = animate.animate_warp(
        rotation(np.pi / 2), lines=False, points=pts, labels=labels, n_frames=5, markersize=7
    )
    animator = anim
    c0, c1 = animator.points
    assert c0.get_linestyle() == "None" and c0.get_marker() == "o" and c0.get_markersize() == 7
    assert c0.get_color() != c1.get_color()
    ax = animator.ax
    limits = (ax.get_xlim(), ax.get_ylim())
    _draw(anim, 0)
    np.testing.assert_array_equal(np.column_stack(c1.get_data()), pts[1:])
    _draw(anim, _n_frames(anim) - 1)
    np.testing.assert_allclose(np.column_stack(c0.get_data()), [[0.0, 1.0]], atol=1e-15)
    np.testing.assert_allclose(
        np.column_stack(c1.get_data()), [[-1.0, 0.0], [1.0, -1.0]], atol=1e-15
    )
    assert (ax.get_xlim(), ax.get_ylim()) == limits
    # limits hold every frame
    frames = anim.frames
    assert limits[0][0] <= frames[..., 0].min() and frames[..., 0].max() <= limits[0][1]


def test_animate_warp_highlights_axes_and_returns_blit_artists(ax):
    anim = animate.animate_warp("relu", lines=LINES, n_frames=3, ax=ax)
    assert anim._blit
    artists = _draw(anim, 1)
    collection = anim.grid
    assert collection in artists
    colors = collection.get_colors()
    # grey grid lines; the lines on the x axis (solid) and the y axis (dashed) in ink, thick
    assert len(np.unique(colors, axis=0)) == 2
    thick = collection.get_linewidths() > 1
    styles = [str(s) for s, t in zip(collection.get_linestyles(), thick, strict=True) if t]
    assert thick.sum() == 2 and len(set(styles)) == 2


def test_animate_warp_uses_given_axes(pyplot):
    fig, ax = pyplot.subplots()
    anim = animate.animate_warp("tanh", lines=LINES, n_frames=3, ax=ax, title="tanh")
    assert anim._fig is fig and ax.get_title() == "tanh"
    assert any(isinstance(c, LineCollection) for c in ax.collections)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"transform": np.ones((2, 3))}, ValueError, "square"),
        ({"transform": "tanh", "lines": False}, ValueError, "nothing to draw"),
        ({"transform": "tanh", "points": np.zeros((3, 2)), "labels": [0, 1]}, ValueError, "labels"),
        ({"transform": "tanh", "lines": np.zeros((3, 2))}, ValueError, "lines must be a 3D"),
    ],
)
def test_animate_warp_errors(pyplot, kwargs, error, match):
    with pytest.raises(error, match=match):
        animate.animate_warp(**kwargs)


@pytest.fixture(scope="module")
def donut_net():
    net = MLP([2, 3, 3, 3, 1], activation="tanh", seed=0)
    net.fit(X, Y, epochs=20, lr=0.01, seed=0)
    return net


@pytest.mark.parametrize("projection", ["first_two", "pca"])
def test_animate_layers_first_and_last_frames(ax, donut_net, projection):
    anim = animate.animate_layers(
        donut_net,
        X,
        Y,
        lines=LINES,
        projection=projection,
        frames_per_transition=4,
        pause_frames=1,
        ax=ax,
        min_stage_s=0,
        end_hold_s=0,
        frame_stages=False,
    )
    animator = anim
    arrays, labels = stages(donut_net, X, include_output=False)
    assert len(labels) == 7 and labels[-1] == "layer 3: tanh"
    n = _n_frames(anim)
    assert n == 7 * 2 + 6 * 4
    ax = animator.ax
    limits = (ax.get_xlim(), ax.get_ylim())

    _draw(anim, 0)
    assert ax.get_title() == "input"
    expected = np.concatenate([X[Y == c] for c in (0, 1)])
    if projection == "first_two":
        np.testing.assert_array_equal(_point_data(animator.points), expected)
        np.testing.assert_array_equal(_segments(animator.grid), LINES)
    assert len(animator.grid.get_segments()) == 10

    _draw(anim, n // 2)
    assert ax.get_title() in labels
    _draw(anim, n - 1)
    assert ax.get_title() == "layer 3: tanh"
    last = np.concatenate([arrays[-1][Y == c] for c in (0, 1)])
    if projection == "first_two":
        np.testing.assert_allclose(_point_data(animator.points), last[:, :2])
    else:
        from nnexplain.projections import project_stages

        projected, _ = project_stages(arrays, "pca")
        want = np.concatenate([projected[-1][Y == c] for c in (0, 1)])
        np.testing.assert_allclose(_point_data(animator.points), want)
    assert (ax.get_xlim(), ax.get_ylim()) == limits
    assert ax.get_aspect() == 1.0
    # the limits cover the data of every frame
    pos = anim.frames.positions
    assert limits[0][0] <= pos[..., 0].min() and pos[..., 0].max() <= limits[0][1]
    assert limits[1][0] <= pos[..., 1].min() and pos[..., 1].max() <= limits[1][1]


def test_animate_layers_title_format_and_output(ax, donut_net):
    anim = animate.animate_layers(
        donut_net,
        X,
        Y,
        ax=ax,
        lines=False,
        include_output=True,
        include_affine=False,
        frames_per_transition=2,
        pause_frames=0,
        title_fmt="{index}/{n_stages}: {label}",
    )
    animator = anim
    assert animator.grid is None
    _draw(anim, _n_frames(anim) - 1)
    assert animator.ax.get_title() == "4/5: output: sigmoid"
    np.testing.assert_allclose(
        _point_data(animator.points)[:, 0],
        np.concatenate([donut_net.predict_proba(X)[Y == c] for c in (0, 1)]),
    )


def test_animate_layers_3d_turns_the_camera(pyplot, donut_net):
    ax = pyplot.figure(figsize=(2, 2), dpi=40).add_subplot(projection="3d")
    anim = animate.animate_layers(
        donut_net, X, Y, projection="3d", frames_per_transition=3, pause_frames=0, ax=ax
    )
    animator = anim
    assert ax.name == "3d" and not anim._blit
    _draw(anim, 0)
    azim0 = ax.azim
    pts = np.concatenate([np.column_stack(line.get_data_3d()) for line in animator.points])
    expected = np.concatenate([X[Y == c] for c in (0, 1)])
    np.testing.assert_array_equal(pts[:, :2], expected)
    np.testing.assert_array_equal(pts[:, 2], 0.0)
    _draw(anim, _n_frames(anim) - 1)
    assert ax.azim != azim0
    assert ax.get_title() == "layer 3: tanh"
    arrays, _ = stages(donut_net, X, include_output=False)
    pts = np.concatenate([np.column_stack(line.get_data_3d()) for line in animator.points])
    np.testing.assert_allclose(pts, np.concatenate([arrays[-1][Y == c] for c in (0, 1)]))


def test_animate_layers_errors(pyplot, donut_net):
    with pytest.raises(ValueError, match=r"unknown projection 'umap'"):
        animate.animate_layers(donut_net, X, Y, projection="umap")
    with pytest.raises(ValueError, match=r"X has shape \(4, 3\)"):
        animate.animate_layers(donut_net, np.zeros((4, 3)))
    fig, ax = pyplot.subplots()
    with pytest.raises(ValueError, match="3D Axes"):
        animate.animate_layers(donut_net, X, Y, projection="3d", ax=ax)


def _hidden(net, weights):
    work = net.copy()
    work.set_weights(weights)
    return work.trace(X).post_activations[-2]


def test_animate_training(pyplot):
    from nnexplain.projections import PCAProjection

    net = MLP([2, 4, 4, 1], seed=0)
    history = net.fit(X, Y, epochs=4, lr=0.01, snapshot_every=1, seed=0)
    before = net.get_weights()
    fig, axes = pyplot.subplots(1, 2, figsize=(3, 1.5), dpi=40)
    anim = animate.animate_training(net, history, X, Y, resolution=20, axes=axes)
    n = len(history.snapshots)
    assert anim._blit and len(anim.fields) == n == 5
    ax_b, ax_h = anim._fig.axes[:2]
    limits = ax_h.get_xlim(), ax_h.get_ylim()
    first_cs = _draw(anim, 0)[0]
    assert first_cs.axes is ax_b
    assert ax_b.get_title().startswith("epoch 0.00")
    last_cs = _draw(anim, n - 1)[0]
    # one image, its data updated frame by frame (no contourf rebuilt per frame)
    assert last_cs is first_cs and last_cs.axes is ax_b
    np.testing.assert_array_equal(last_cs.get_array(), anim.fields[-1].values)
    assert ax_b.get_title().startswith("epoch 4.00")
    # the field is the last snapshot's probability on the grid
    work = net.copy()
    work.set_weights(history.snapshots[-1].weights)
    np.testing.assert_allclose(anim.fields[-1].values.ravel()[[0, -1]], work.predict_proba(
        [[X[:, 0].min() - 0.15 * np.ptp(X[:, 0]), X[:, 1].min() - 0.15 * np.ptp(X[:, 1])],
         [X[:, 0].max() + 0.15 * np.ptp(X[:, 0]), X[:, 1].max() + 0.15 * np.ptp(X[:, 1])]]
    ))  # fmt: skip
    # the hidden layer is projected by one PCA fitted on every snapshot
    pca = PCAProjection(2).fit([_hidden(net, s.weights) for s in history.snapshots])
    want = pca.transform(_hidden(net, history.snapshots[-1].weights))
    np.testing.assert_allclose(anim.frames[-1], want)
    got = _point_data(anim._fig.axes[1].lines)
    np.testing.assert_allclose(got, np.concatenate([want[Y == c] for c in (0, 1)]))
    assert (ax_h.get_xlim(), ax_h.get_ylim()) == limits
    # the given network keeps its weights
    for (W0, b0), (W1, b1) in zip(before, net.get_weights(), strict=True):
        np.testing.assert_array_equal(W0, W1)
        np.testing.assert_array_equal(b0, b1)


def test_animate_training_needs_snapshots(pyplot):
    net = MLP([2, 3, 1], seed=0)
    history = net.fit(X, Y, epochs=1, seed=0)
    with pytest.raises(ValueError, match="snapshot_every"):
        animate.animate_training(net, history, X, Y)


def test_save_lives_in_video_only():
    from nnexplain import video

    assert not hasattr(animate, "save") and callable(video.save)


@pytest.mark.parametrize(
    ("interval", "error"),
    [(0, ValueError), (-40, ValueError), ("fast", TypeError), (np.inf, ValueError),
     (np.nan, ValueError), (True, TypeError)],
)  # fmt: skip
def test_interval_is_checked_where_it_is_given(pyplot, donut_net, interval, error):
    with pytest.raises(error, match="interval"):
        animate.animate_warp("tanh", lines=LINES, n_frames=2, interval=interval)
    with pytest.raises(error, match="interval"):
        animate.animate_layers(donut_net, X, Y, interval=interval)
    net = MLP([2, 3, 1], seed=0)
    history = net.fit(X, Y, epochs=1, snapshot_every=1, seed=0)
    with pytest.raises(error, match="interval"):
        animate.animate_training(net, history, X, Y, interval=interval)


def test_animation_exposes_frames_alt_and_poster(ax):
    anim = animate.animate_warp(
        shear(0.5), lines=LINES, n_frames=4, pause_frames=1, ax=ax, end_hold_s=0
    )
    assert isinstance(anim, animate.Animation) and isinstance(anim, FuncAnimation)
    assert anim.figure is ax.figure and anim.ax is ax
    assert anim.frames.shape == (4, *LINES.shape) and anim.n_frames == 6
    assert anim.poster_frame == 5 and anim.alt.endswith("to a linear map.")
    assert anim.fields is None and anim.image is None
    assert not any(name.startswith("nnexplain_") for name in vars(anim))
    assert not any(name.startswith("nnexplain_") for name in vars(ax.figure))
    _draw(anim, anim.poster_frame)


def test_animate_warp_takes_functions_of_the_points_and_paths(ax):
    anim = animate.animate_warp(lambda p: 2 * p, lines=LINES, n_frames=3, ax=ax)
    np.testing.assert_allclose(anim.frames[1], 1.5 * LINES)  # (1 - t) x + t f(x), t = 1/2
    assert ax.get_title() == "the plane under a map"
    _draw(anim, 0)
    with pytest.raises(TypeError, match="MapPath"):
        animate.animate_warp(lambda p, t: p, lines=LINES)


def test_animate_layers_3d_draws_the_cube(pyplot, donut_net):
    ax = pyplot.figure(figsize=(2, 2), dpi=40).add_subplot(projection="3d")
    anim = animate.animate_layers(
        donut_net, X, Y, projection="3d", frames_per_transition=1, pause_frames=0, ax=ax, cube=True
    )
    _draw(anim, 0)
    axes = [line for line in ax.lines if line.get_gid() == "origin axis"]
    cube = [line for line in ax.lines if line not in anim.points and line not in axes]
    assert len(cube) == 12 and len(anim.points) == 2 and len(axes) == 3
    assert set(np.unique(np.concatenate([line.get_data_3d() for line in cube]))) == {-1.0, 1.0}


def test_animate_training_softmax_keeps_the_class_colours(pyplot):
    from matplotlib.colors import to_rgba

    from nnexplain.palette import class_color

    y3 = (np.arange(len(X)) % 3).astype(int)
    net = MLP([2, 4, 3], output="softmax", seed=0)
    history = net.fit(X, y3, epochs=2, lr=0.01, snapshot_every=5, seed=0)
    fig, axes = pyplot.subplots(1, 2, figsize=(3, 1.5), dpi=40)
    anim = animate.animate_training(net, history, X, y3, resolution=12, axes=axes)
    image = anim.image
    assert image is _draw(anim, anim.n_frames - 1)[0]
    np.testing.assert_array_equal(image.get_array(), anim.fields[-1].predicted)
    for k in range(3):  # the image maps class k to the colour of class k
        assert to_rgba(image.cmap(image.norm(k))) == to_rgba(class_color(k))
    assert anim.fields[-1].kind == "softmax" and anim.frames.shape[1:] == (len(X), 2)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"azim_per_frame": "x"}, TypeError, "azim_per_frame must be a real number"),
        ({"elev": np.nan}, ValueError, "elev must be finite"),
        ({"title_fmt": "{nope}"}, ValueError, r"title_fmt '\{nope\}' cannot be formatted.*label"),
        ({"title_fmt": 3}, TypeError, "title_fmt must be a str"),
    ],
)
def test_animate_layers_checks_camera_and_titles(pyplot, donut_net, kwargs, error, match):
    with pytest.raises(error, match=match):
        animate.animate_layers(donut_net, X, Y, projection="3d", **kwargs)


# --------------------------------------------------------------------------------------------
# a reader can follow the default animations (issue 10): measured on the frames, not pixels
# --------------------------------------------------------------------------------------------


def test_animate_layers_defaults_give_each_stage_time_in_one_frame(ax, donut_net):
    from nnexplain.frames import fixed_frame, stage_seconds
    from nnexplain.journey import journey

    anim = animate.animate_layers(donut_net, X, Y, ax=ax)
    fr, interval = anim.frames, anim._interval
    seconds = stage_seconds(fr, interval)
    assert len(seconds) == 7 and seconds.min() >= 1.5
    held = np.flatnonzero(fr.t == fr.t[-1])  # the last frame is held >= 1.5 s
    assert np.all(np.diff(held) == 1) and held[-1] == anim.n_frames - 1
    assert len(held) * interval / 1000 >= 1.5
    # every frame's title names its stage; every frame is drawn in the journey's one frame,
    # which holds every stage's points and the origin, with equal scales and ticks
    from nnexplain.fields import data_extent

    j = journey(donut_net, X, lines=make_grid_lines(data_extent(X), 15, 61))
    frame = fixed_frame(j.stages, j.lines)
    assert anim.limits is None and ax.get_aspect() == 1.0 and len(ax.get_xticks())
    for k in range(anim.n_frames):
        _draw(anim, k) if k in (0, anim.n_frames // 2) else anim._func(k)
        assert ax.get_title().startswith(fr.frame_labels[k])
        view = np.array([ax.get_xlim(), ax.get_ylim()])
        assert np.all(view[:, 0] <= frame[:, 0] + 1e-9) and np.all(view[:, 1] >= frame[:, 1] - 1e-9)
        assert np.all((fr.positions[k] >= view[:, 0]) & (fr.positions[k] <= view[:, 1]))
    # holds are named, so a video draws a held frame once
    keys = anim.frame_keys
    assert np.sum(keys[1:] != keys[:-1]) + 1 == len(np.unique(fr.t))


def _slide(b):
    """A journey whose second stage only slides the first by ``b``."""
    from nnexplain.journey import Journey

    x = make_grid_lines((-1.0, 1.0), 5, 5).reshape(-1, 2)
    return Journey(["input", "input + b"], [x, x + b], None, "first_two", 2, [2, 2], network="+b")


@pytest.mark.parametrize("frame_stages", [False, True])
def test_a_stage_that_only_slides_moves_against_the_drawn_origin(pyplot, frame_stages):
    """In the fixed frame the points move on the canvas by b and the origin stays put; framed
    on its own (the zoom) the slide vanishes, and the title says so."""
    b = np.array([1.5, -0.5])
    ax = pyplot.figure(figsize=(3, 3), dpi=50).add_subplot()
    exact = {"frames_per_transition": 2, "pause_frames": 0, "min_stage_s": 0, "end_hold_s": 0}
    anim = animate.animate_journey(_slide(b), ax=ax, frame_stages=frame_stages, **exact)
    seen = []
    for k in (0, anim.n_frames - 1):
        _draw(anim, k)
        dots = np.column_stack(anim.points[0].get_data())
        origin = ax.transData.transform([0.0, 0.0])
        seen.append((ax.transData.transform(dots) - origin, origin, ax.get_title()))
    (start, origin0, _), (end, origin1, title) = seen
    moved = (end - start).mean(axis=0)
    if frame_stages:
        assert np.abs((end + origin1) - (start + origin0)).max() < 1.0  # the dots stay put
        assert title.endswith("(framed on its own)")
        return
    scale = ax.transData.transform([1.0, 1.0]) - ax.transData.transform([0.0, 0.0])
    np.testing.assert_allclose(moved, b * scale, rtol=1e-6)  # the slide, against the origin
    np.testing.assert_allclose(origin0, origin1)  # the origin is drawn in the same place
    axes = [line for line in ax.lines if line.get_gid() == "origin axis"]
    assert len(axes) == 2 and all(0.0 in np.ravel(line.get_data()) for line in axes)


def test_a_speck_of_a_stage_says_so_in_its_title(ax):
    from nnexplain.journey import Journey

    x = make_grid_lines((-1.0, 1.0), 5, 5).reshape(-1, 2)
    j = Journey(["input", "x / 100"], [x, x / 100], None, "first_two", 2, [2, 2], network="s")
    exact = {"frames_per_transition": 1, "pause_frames": 0, "min_stage_s": 0, "end_hold_s": 0}
    anim = animate.animate_journey(j, ax=ax, **exact)
    anim._func(0)
    assert ax.get_title() == "input"
    anim._func(anim.n_frames - 1)
    assert ax.get_title() == "x / 100  (spans 1% of the frame)"
    anim._draw_was_started = True


def test_explicit_short_counts_are_lengthened_to_the_minimum(ax, donut_net):
    from nnexplain.frames import stage_seconds

    anim = animate.animate_layers(
        donut_net, X, Y, ax=ax, frames_per_transition=3, pause_frames=0, interval=100
    )
    assert stage_seconds(anim.frames, 100).min() >= 1.5
    assert np.sum(anim.frames.t == anim.frames.t[-1]) >= 15
    with pytest.raises(ValueError, match="min_stage_s"):
        animate.animate_layers(donut_net, X, Y, ax=ax, min_stage_s=-1)


def test_animate_layers_3d_shows_the_output_plane_with_the_last_stage(pyplot, donut_net):
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    ax = pyplot.figure(figsize=(2, 2), dpi=40).add_subplot(projection="3d")
    anim = animate.animate_layers(donut_net, X, Y, projection="3d", ax=ax)
    assert isinstance(anim.plane, Poly3DCollection) and anim.plane in ax.collections
    last = len(anim.frames.labels) - 1
    for k in (0, anim.n_frames // 2, anim.n_frames - 1):
        _draw(anim, k)
        assert anim.plane.get_visible() == (anim.frames.t[k] == last)
    # the plane is hw + c = 0 of the output unit: the last stage's classes lie on its two sides
    w, c = donut_net.layers[-1].W[:, 0], donut_net.layers[-1].b[0]
    side = anim.frames.positions[-1] @ w + c > 0
    np.testing.assert_array_equal(side, donut_net.predict_proba(X).ravel() > 0.5)
    # the camera stands still while a stage is held
    azim = []
    for k in np.flatnonzero(anim.frames.t == last)[:3]:
        anim._func(k)
        azim.append(ax.azim)
    assert len(set(azim)) == 1


def test_no_plane_when_the_last_stage_is_projected(pyplot):
    net = MLP([2, 5, 1], seed=0)
    ax = pyplot.figure(figsize=(2, 2), dpi=40).add_subplot(projection="3d")
    anim = animate.animate_layers(net, X, Y, projection="3d", ax=ax, min_stage_s=0)
    assert anim.plane is None


def test_warp_and_training_hold_their_last_frame(ax, pyplot):
    anim = animate.animate_warp(shear(0.5), lines=LINES, n_frames=4, ax=ax)
    keys = anim.frame_keys
    assert np.sum(keys == keys[-1]) * anim._interval / 1000 >= 1.5
    assert np.sum(keys == keys[0]) * anim._interval / 1000 >= 1.5
    net = MLP([2, 3, 1], seed=0)
    history = net.fit(X, Y, epochs=2, lr=0.05, snapshot_every=10, seed=0)
    fig, axes = pyplot.subplots(1, 2, figsize=(3, 1.5), dpi=40)
    anim = animate.animate_training(net, history, X, Y, resolution=8, axes=axes)
    n = len(history.snapshots)
    assert (anim.n_frames - n + 1) * anim._interval / 1000 >= 1.5
    _draw(anim, anim.n_frames - 1)
    np.testing.assert_array_equal(anim.image.get_array(), anim.fields[-1].values)


def test_video_draws_a_held_frame_once(ax):
    from nnexplain.video import render_frames

    anim = animate.animate_warp(shear(0.5), lines=LINES, n_frames=3, pause_frames=4, ax=ax)
    calls = []
    func = anim._func
    anim._func = lambda k: calls.append(k) or func(k)
    frames = list(render_frames(anim, dpi=20))
    assert len(frames) == anim.n_frames
    assert len(calls) <= 1 + len(np.unique(anim.frame_keys))  # + matplotlib's first draw
    np.testing.assert_array_equal(frames[-1], frames[-2])
