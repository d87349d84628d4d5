import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.contour import QuadContourSet
from matplotlib.lines import Line2D

from nnexplain import MLP, Dense
from nnexplain.experiments import weight_scale_experiment
from nnexplain.palette import class_color
from nnexplain.plot import (
    plot_activation,
    plot_activation_histograms,
    plot_decision_boundary,
    plot_grid,
    plot_points,
    plot_seed_accuracies,
    plot_stage,
    plot_stage_3d,
    plot_training_curves,
    plot_warp,
)
from nnexplain.training import History, SeedRuns


def span_x(artist):
    """x interval covered by an axvspan (a Rectangle in new matplotlib, a Polygon in old)."""
    if hasattr(artist, "get_width"):
        return artist.get_x(), artist.get_x() + artist.get_width()
    xs = np.asarray(artist.get_xy())[:, 0]
    return xs.min(), xs.max()


@pytest.fixture
def xor_net():
    """A 2-2-1 tanh network whose hidden layer has width 2, trained a little on XOR."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 2)) + np.repeat([[1, 1], [-1, -1], [1, -1], [-1, 1]], 20, axis=0)
    y = np.repeat([0, 0, 1, 1], 20)
    net = MLP([2, 4, 2, 1], activation="tanh", seed=0)
    net.fit(X, y, epochs=20, lr=0.01, seed=0)
    return net, X, y


# ---------------------------------------------------------------------------- plot_activation


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu"])
def test_plot_activation_lines_are_the_function(pyplot, name):
    from nnexplain.activations import get_activation

    f = get_activation(name)
    art = plot_activation(name, x_range=(-4, 4), n_points=101)
    x = np.linspace(-4, 4, 101)
    np.testing.assert_allclose(art.function.get_xdata(), x)
    np.testing.assert_allclose(art.function.get_ydata(), f(x))
    np.testing.assert_allclose(art.derivative.get_ydata(), f.grad(x))


def test_plot_activation_tanh_saturation_spans(pyplot):
    # tanh'(x) = 1 - tanh(x)^2 < 0.01 exactly when |x| > atanh(sqrt(0.99)) = 2.993
    art = plot_activation("tanh", x_range=(-6, 6), n_points=12001)
    edge = np.arctanh(np.sqrt(0.99))
    spans = sorted(span_x(s) for s in art.saturation)
    assert len(spans) == 2
    np.testing.assert_allclose(spans[0], (-6, -edge), atol=1e-3)
    np.testing.assert_allclose(spans[1], (edge, 6), atol=1e-3)


def test_plot_activation_wide_range_and_relu(pyplot):
    art = plot_activation("sigmoid", x_range=(-255, 255), derivative=False)
    assert art.derivative is None
    assert art.function.axes.get_xlim() == (-255, 255)
    # sigmoid'(x) < 0.01 * 0.25 for |x| > 5.99: almost the whole axis is saturated
    covered = sum(b - a for a, b in map(span_x, art.saturation))
    assert covered > 0.95 * 510
    relu = plot_activation("relu", x_range=(-2, 2), n_points=401)
    (span,) = relu.saturation  # every negative x
    np.testing.assert_allclose(span_x(span), (-2, 0), atol=0.011)
    assert plot_activation("identity", shade_saturation=True).saturation == []


def test_plot_activation_uses_ax_and_forwards_kwargs(pyplot):
    fig, ax = pyplot.subplots()
    art = plot_activation("tanh", ax=ax, color="green", lw=3, shade_saturation=False)
    assert art.function.axes is ax
    assert art.function.get_color() == "green" and art.function.get_linewidth() == 3
    assert art.derivative.get_color() == "green"
    assert art.saturation == []


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"activation": "softmax"}, ValueError, "elementwise"),
        ({"activation": "nope"}, ValueError, "unknown activation"),
        ({"activation": "tanh", "x_range": (1, -1)}, ValueError, "x_range"),
        ({"activation": "tanh", "x_range": 3}, TypeError, "x_range"),
        ({"activation": "tanh", "saturation_tol": 2}, ValueError, "saturation_tol"),
        ({"activation": "tanh", "saturation_tol": "x"}, TypeError, "saturation_tol must be a real"),
        ({"activation": "tanh", "x_range": ("a", "b")}, TypeError, "x_range must hold two real"),
        ({"activation": "tanh", "x_range": (0, np.nan)}, ValueError, "x_range must be finite"),
        ({"activation": "tanh", "n_points": "9"}, TypeError, "n_points must be an int"),
    ],
)
def test_plot_activation_bad_input(pyplot, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_activation(**kwargs)


# ------------------------------------------------------------------------ points, grid, warp


def test_plot_points_one_line_per_class(pyplot):
    X = np.arange(12.0).reshape(6, 2)
    y = np.array([2, 0, 2, 0, 0, 2])
    lines = plot_points(X, y)
    assert len(lines) == 2 and all(isinstance(ln, Line2D) for ln in lines)
    for line, k in zip(lines, [0, 2], strict=True):
        np.testing.assert_array_equal(line.get_xdata(), X[y == k, 0])
        np.testing.assert_array_equal(line.get_ydata(), X[y == k, 1])
        assert to_rgba(line.get_color()) == to_rgba(class_color(k))
        # classes 0 and 1 are dots; class 2 and up have their own marker
        assert line.get_linestyle() == "None" and line.get_marker() == "o^"[k // 2]
    assert to_rgba(class_color(1))[0] > 0.7  # class 1 is red


def test_plot_points_kwargs_and_ax(pyplot):
    fig, ax = pyplot.subplots()
    (line,) = plot_points(np.zeros((3, 2)), ax=ax, color="k", marker="s")
    assert line.axes is ax and line.get_color() == "k" and line.get_marker() == "s"
    with pytest.raises(ValueError, match="X has 3 features"):
        plot_points(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="y has 2 labels but X has 3"):
        plot_points(np.zeros((3, 2)), [0, 1])


def test_plot_grid_one_segment_per_line(pyplot):
    from nnexplain.datasets import make_grid_lines

    lines = make_grid_lines((-1, 1), n_lines=5, n_points_per_line=7)
    fig, ax = pyplot.subplots()
    coll = plot_grid(lines, ax=ax, colors="red", linewidths=2)
    assert isinstance(coll, LineCollection) and coll.axes is ax
    segments = coll.get_segments()
    assert len(segments) == 10
    np.testing.assert_array_equal(segments[3], lines[3])
    assert to_rgba(coll.get_colors()[0]) == to_rgba("red")
    with pytest.raises(ValueError, match="lines must be a 3D array"):
        plot_grid(np.zeros((4, 2)))


@pytest.mark.parametrize(
    ("transform", "expected"),
    [
        (np.array([[0.0, 1.0], [-1.0, 0.0]]), lambda p: p @ np.array([[0.0, 1.0], [-1.0, 0.0]])),
        ((np.eye(2), np.array([1.0, -2.0])), lambda p: p + [1.0, -2.0]),
        ("tanh", np.tanh),
        ("relu", lambda p: np.maximum(p, 0)),
        (lambda p: 2 * p, lambda p: 2 * p),
        (Dense.from_arrays(2 * np.eye(2), [0.0, 1.0], "tanh"), lambda p: np.tanh(2 * p + [0, 1])),
    ],
)
def test_plot_warp_after_panel_is_the_map(pyplot, transform, expected):
    from nnexplain.datasets import make_grid_lines

    lines = make_grid_lines((-2, 2), 4, 5)
    pts = np.array([[0.5, -1.0], [1.5, 2.0], [-0.3, 0.1]])
    axes = plot_warp(transform, lines, pts, y=[0, 1, 1])
    assert axes.shape == (2,)
    before, after = axes
    (coll_before,) = before.collections
    (coll_after,) = after.collections
    np.testing.assert_allclose(np.array(coll_before.get_segments()), lines)
    np.testing.assert_allclose(np.array(coll_after.get_segments()), expected(lines))
    assert len(after.lines) == 2  # two classes
    np.testing.assert_allclose(after.lines[1].get_xydata(), expected(pts[1:]))


def test_plot_warp_mlp_default_grid_and_axes(pyplot):
    net = MLP([2, 3, 2], activation="tanh", output="identity", seed=0)
    fig, axes = pyplot.subplots(1, 2)
    out = plot_warp(net, axes=axes)
    assert out[0] is axes[0] and out[1] is axes[1]
    segs = np.array(out[0].collections[0].get_segments())
    assert segs.shape == (34, 101, 2) and segs.min() == -2 and segs.max() == 2
    np.testing.assert_allclose(
        np.array(out[1].collections[0].get_segments()),
        net.forward(segs.reshape(-1, 2)).reshape(segs.shape),
    )
    assert len(plot_warp("tanh", lines=False, points=np.ones((2, 2)))[0].collections) == 0


@pytest.mark.parametrize(
    ("transform", "error", "match"),
    [
        (42, TypeError, "transform must be"),
        (np.ones((2, 3)), ValueError, "3-dimensional points"),
        (MLP([2, 1], seed=0), ValueError, "1-dimensional points"),
    ],
)
def test_plot_warp_bad_input(pyplot, transform, error, match):
    with pytest.raises(error, match=match):
        plot_warp(transform)


# ------------------------------------------------------------------------ decision boundary


def test_decision_boundary_input_space(pyplot, xor_net):
    net, X, y = xor_net
    fig, ax = pyplot.subplots()
    art = plot_decision_boundary(net, X, y, ax=ax, resolution=30, alpha=0.4)
    assert isinstance(art.filled, QuadContourSet) and art.filled.axes is ax
    assert art.filled.get_alpha() == 0.4  # kwargs reach contourf
    assert isinstance(art.boundary, QuadContourSet)
    np.testing.assert_allclose(art.boundary.levels, [0.5])
    assert len(art.points) == 2
    np.testing.assert_allclose(art.points[0].get_xydata(), X[y == 0])
    # the boundary is where predict_proba is 0.5
    for path in art.boundary.allsegs[0]:
        np.testing.assert_allclose(net.predict_proba(path), 0.5, atol=0.02)
    xmin, xmax = ax.get_xlim()
    assert xmin < X[:, 0].min() and xmax > X[:, 0].max()


def test_decision_boundary_hidden_stage_is_the_rest_of_the_network(pyplot, xor_net):
    net, X, y = xor_net
    art = plot_decision_boundary(net, X, y, stage="layer 2: tanh", resolution=25)
    trace = net.trace(X)
    hidden = trace[4].values  # input, aff1, tanh1, aff2, tanh2
    np.testing.assert_allclose(
        np.vstack([ln.get_xydata() for ln in art.points]),
        np.vstack([hidden[y == 0], hidden[y == 1]]),
    )
    # the boundary is where the output layer alone gives 0.5
    out = net.layers[-1]
    for path in art.boundary.allsegs[0]:
        np.testing.assert_allclose(out(path)[:, 0], 0.5, atol=0.02)
    assert art.filled.axes.get_title() == "layer 2: tanh"
    # the same stage by index, and an affine stage whose rest starts with the tanh
    by_index = plot_decision_boundary(net, X, y, stage=4, resolution=25)
    np.testing.assert_allclose(by_index.boundary.allsegs[0][0], art.boundary.allsegs[0][0])
    aff = plot_decision_boundary(net, X, y, stage=3, resolution=25)
    for path in aff.boundary.allsegs[0]:
        np.testing.assert_allclose(out(np.tanh(path))[:, 0], 0.5, atol=0.02)


def test_decision_boundary_softmax_and_no_data(pyplot):
    net = MLP([2, 3], output="softmax", seed=0)
    art = plot_decision_boundary(net, resolution=20, extent=(-3, 3, -3, 3))
    assert art.points == [] and len(art.filled.levels) == 4
    assert art.filled.axes.get_xlim() == (-3, 3)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"stage": "layer 1: tanh"}, ValueError, "width 4"),
        ({"stage": "nope"}, ValueError, "unknown stage"),
        ({"stage": 99}, ValueError, "out of range"),
        ({"stage": -1}, ValueError, "is the network's output"),
        ({"stage": 1.5}, TypeError, "stage must be"),
        ({"extent": (0, 1)}, TypeError, "extent"),
    ],
)
def test_decision_boundary_bad_input(pyplot, xor_net, kwargs, error, match):
    net, X, y = xor_net
    with pytest.raises(error, match=match):
        plot_decision_boundary(net, X, y, resolution=10, **kwargs)


def test_decision_boundary_needs_a_classifier(pyplot):
    with pytest.raises(ValueError, match="needs a classifier"):
        plot_decision_boundary(MLP([2, 1], output="identity", seed=0))
    with pytest.raises(TypeError, match="net must be an nnexplain MLP"):
        plot_decision_boundary(np.eye(2))


# ----------------------------------------------------------------------- histograms grid


def test_activation_histograms_grid_bar_heights(pyplot):
    rows = [
        weight_scale_experiment(init=s, n_layers=3, width=20, n_samples=50, seed=0)
        for s in (1.0, 0.01)
    ]
    axes = plot_activation_histograms(rows, row_labels=["std 1", "std 0.01"], bins=30)
    assert axes.shape == (2, 3)
    for i, row in enumerate(rows):
        for j, acts in enumerate(row):
            (steps,) = axes[i, j].patches  # one filled StepPatch per panel
            heights, edges, _ = steps.get_data()
            expected = np.histogram(acts.ravel(), bins=30, range=(0, 1))
            np.testing.assert_array_equal(heights, expected[0])
            np.testing.assert_allclose(edges, expected[1])
    assert axes[0, 0].get_ylabel() == "std 1" and axes[0, 2].get_title() == "layer 3"
    # a row shares its y axis, rows do not
    assert axes[0, 0].get_shared_y_axes().joined(axes[0, 0], axes[0, 2])
    assert not axes[0, 0].get_shared_y_axes().joined(axes[0, 0], axes[1, 0])


def test_activation_histograms_given_axes_and_kwargs(pyplot):
    fig, axes = pyplot.subplots(1, 2)
    data = [[np.full((4, 4), 0.2), np.full((4, 4), 0.9)]]
    out = plot_activation_histograms(
        data, row_labels=["r"], col_labels=["a", "b"], bins=10, axes=axes, color="purple"
    )
    assert out[0, 0] is axes[0] and out[0, 1] is axes[1]
    assert to_rgba(axes[1].patches[0].get_facecolor()) == to_rgba("purple")
    assert axes[1].get_title() == "b"


@pytest.mark.parametrize(
    ("data", "kwargs", "match"),
    [
        ([[np.zeros(3)], [np.zeros(3), np.zeros(3)]], {"row_labels": ["a", "b"]}, "same number"),
        ([[np.zeros(3)]], {"row_labels": ["a", "b"]}, "row_labels has 2"),
        ([[np.zeros(3)]], {"row_labels": ["a"], "col_labels": ["x", "y"]}, "col_labels has 2"),
        ([[np.zeros(3)]], {"row_labels": ["a"], "axes": [1, 2, 3]}, "axes must hold 1"),
    ],
)
def test_activation_histograms_bad_input(pyplot, data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_activation_histograms(data, **kwargs)


# ------------------------------------------------------------------- curves and stages


def test_training_curves_line_data_equal_history(pyplot):
    h = History(
        epoch=[1, 2, 3],
        loss=[0.9, 0.5, 0.3],
        accuracy=[0.5, 0.7, 0.9],
        val_loss=[1.0, 0.6, 0.4],
        val_accuracy=[0.4, 0.6, 0.8],
    )
    fig, axes = pyplot.subplots(1, 2)
    out = plot_training_curves(h, axes=axes, lw=4)
    assert out[0] is axes[0]
    loss_lines, acc_lines = axes[0].lines, axes[1].lines
    assert [list(ln.get_ydata()) for ln in loss_lines] == [h.loss, h.val_loss]
    assert [list(ln.get_ydata()) for ln in acc_lines] == [h.accuracy, h.val_accuracy]
    assert list(loss_lines[0].get_xdata()) == h.epoch
    assert loss_lines[0].get_linewidth() == 4


def test_training_curves_from_fit_without_validation(pyplot):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    h = MLP([2, 3, 1], seed=0).fit(X, (X[:, 0] > 0).astype(int), epochs=3, seed=0)
    axes = plot_training_curves(h)
    assert len(axes[0].lines) == 1 and list(axes[0].lines[0].get_ydata()) == h.loss
    with pytest.raises(ValueError, match="no epochs"):
        plot_training_curves(History())
    with pytest.raises(TypeError, match="history must be a History"):
        plot_training_curves({"loss": [1.0]})


def test_plot_stage_projections(pyplot, xor_net):
    net, X, y = xor_net
    stage = net.trace(X)[2]  # width 4
    lines = plot_stage(stage, y)
    np.testing.assert_allclose(lines[0].get_xydata(), stage.values[y == 0, :2])
    assert lines[0].axes.get_title() == "layer 1: tanh"
    fig, ax = pyplot.subplots()
    lines = plot_stage(stage.values, y, projection="pca", ax=ax, markersize=9)
    assert lines[0].axes is ax and lines[0].get_markersize() == 9
    coords = np.vstack([ln.get_xydata() for ln in lines])
    # PCA coordinates are centred and their first axis carries the most variance
    np.testing.assert_allclose(coords.mean(axis=0), 0, atol=1e-12)
    assert coords[:, 0].var() >= coords[:, 1].var()
    one = plot_stage(np.arange(3.0)[:, None])
    np.testing.assert_array_equal(one[0].get_ydata(), 0)
    with pytest.raises(ValueError, match="projection must be"):
        plot_stage(stage, projection="tsne")


def test_training_curves_overlay_runs_with_labels_and_colours(pyplot):
    a = History(epoch=[1, 2], loss=[0.9, 0.5], accuracy=[0.5, 0.7])
    b = History(epoch=[1, 2], loss=[0.8, 0.2], accuracy=[0.6, 0.9])
    axes = plot_training_curves(a, label="Xavier", color="tab:green")
    plot_training_curves(b, axes=axes, label="He", color="tab:purple")
    lines = axes[0].lines
    assert [ln.get_label() for ln in lines] == ["Xavier, training", "He, training"]
    assert [ln.get_color() for ln in lines] == ["tab:green", "tab:purple"]
    assert list(lines[1].get_ydata()) == b.loss


# ------------------------------------------------------------------------ 3D stage


def test_plot_stage_3d_points_plane_and_cube(pyplot):
    rng = np.random.default_rng(1)
    h = rng.uniform(-1, 1, size=(40, 3))
    y = (h @ [1.0, -2.0, 0.5] > 0.1).astype(int)
    out = Dense.from_arrays(np.array([[1.0], [-2.0], [0.5]]), [-0.1], "sigmoid")
    art = plot_stage_3d(h, y, plane=out, cube=True, markersize=4)
    ax = art.points[0].axes
    assert ax.name == "3d" and len(art.points) == 2 and len(art.cube) == 12
    for k, line in enumerate(art.points):
        np.testing.assert_allclose(np.column_stack(line.get_data_3d()), h[y == k])
        assert line.get_markersize() == 4 and to_rgba(line.get_color()) == to_rgba(class_color(k))
    # every vertex of the drawn plane satisfies h w + c = 0
    verts = np.asarray(art.plane._faces).reshape(-1, 3)  # the surface's 3D quads
    assert len(verts) > 100
    np.testing.assert_allclose(verts @ [1.0, -2.0, 0.5] - 0.1, 0, atol=1e-9)
    lo = h.min(axis=0) - 0.1
    assert ax.get_xlim()[0] == pytest.approx(lo[0]) and ax.get_zlim()[0] == pytest.approx(lo[2])
    # the cube's edges run along (-1, 1)
    edge_ends = np.concatenate([np.column_stack(e.get_data_3d()) for e in art.cube])
    assert set(np.unique(edge_ends)) == {-1.0, 1.0}


def test_plot_stage_3d_pads_narrow_stages_with_zeros(pyplot):
    fig = pyplot.figure()
    ax = fig.add_subplot(projection="3d")
    art = plot_stage_3d(np.array([[1.0, 2.0], [3.0, 4.0]]), ax=ax, plane=([0, 0, 1.0], 0.5))
    np.testing.assert_array_equal(np.column_stack(art.points[0].get_data_3d())[:, 2], 0.0)
    assert art.plane is not None and art.cube == []


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"values": np.zeros((3, 4))}, ValueError, "width <= 3"),
        ({"plane": "flat"}, TypeError, "plane must be a Dense"),
        ({"plane": ([0, 0, 0], 1.0)}, ValueError, "non-zero vector of 3"),
        ({"plane": ([1, 0, 0], "c")}, TypeError, "plane\\[1\\] must be a finite real"),
        ({"y": [0, 1]}, ValueError, "y"),
    ],
)
def test_plot_stage_3d_bad_input(pyplot, kwargs, error, match):
    args = {"values": np.zeros((3, 3)), **kwargs}
    with pytest.raises(error, match=match):
        plot_stage_3d(**args)
    with pytest.raises(ValueError, match="needs a 3D Axes"):
        plot_stage_3d(np.zeros((3, 3)), ax=pyplot.subplots()[1])


def test_decision_boundary_softmax_regions_keep_the_class_colours(pyplot):
    net = MLP([2, 3], output="softmax", seed=0)
    art = plot_decision_boundary(net, resolution=20, extent=(-3, 3, -3, 3))
    cmap = art.filled.get_cmap()
    for k in range(3):
        assert to_rgba(cmap(k / 2)) == to_rgba(class_color(k))


def test_histograms_and_stage_3d_refuse_strings_for_numbers(pyplot):
    rows = [weight_scale_experiment(init=1.0, n_layers=2, width=5, n_samples=10, seed=0)]
    with pytest.raises(TypeError, match="range must hold two real numbers"):
        plot_activation_histograms(rows, row_labels=["a"], range=("a", "b"))
    with pytest.raises(TypeError, match="pad must be a real number"):
        plot_stage_3d(np.ones((3, 3)), plane=([1, 0, 0], 0.0), pad="x")


def test_plot_seed_accuracies_one_row_per_network(pyplot):
    acc = np.array([0.5, 1.0, 0.75])
    runs = {"a": SeedRuns((0, 1, 2), [None] * 3, acc), "b": [0.9, 0.9]}
    lines = plot_seed_accuracies(runs, threshold=0.99, color="k")
    assert len(lines) == 2
    np.testing.assert_array_equal(lines[0].get_xdata(), acc)
    np.testing.assert_array_equal(lines[1].get_xdata(), [0.9, 0.9])
    assert np.all(np.abs(lines[0].get_ydata() - 0) <= 0.15)
    assert np.all(np.abs(lines[1].get_ydata() - 1) <= 0.15)
    assert lines[0].get_color() == "k"
    ax = lines[0].axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first row on top
    assert ax.lines[-1].get_xdata()[0] == 0.99  # the threshold line
    again = plot_seed_accuracies(runs)
    np.testing.assert_array_equal(again[0].get_ydata(), lines[0].get_ydata())


@pytest.mark.parametrize(
    ("runs", "error", "match"),
    [
        ({}, TypeError, "runs must be a non-empty dict"),
        ([0.5], TypeError, "runs must be a non-empty dict"),
        ({"a": [1.5]}, ValueError, r"runs\['a'\] must hold accuracies in \[0, 1\]"),
        ({"a": []}, ValueError, r"runs\['a'\] is empty"),
    ],
)
def test_plot_seed_accuracies_bad_input(pyplot, runs, error, match):
    with pytest.raises(error, match=match):
        plot_seed_accuracies(runs)
