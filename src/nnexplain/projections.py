r"""Views of wide stages on a screen: keep two (or three) coordinates, or a PCA fitted once.

A hidden layer of width 3 or more cannot be drawn as it is. Seed 000 draws its 3-unit layers
projected onto a plane; here that projection is either the first coordinates
(:func:`first_two`) or a principal component analysis (:class:`PCAProjection`) fitted **once** on
all the stages stacked together. One fit for all stages is what keeps the camera still while the
points move from stage to stage: a PCA refitted on every stage would turn and flip the picture
and show motion that the network never made.

Stages of different widths are padded with zeros to the widest (the plane of the input becomes
the :math:`z = 0` plane of 3D space), as in :func:`nnexplain.warps.interpolate`. Every function
accepts a stage of shape ``(n_points, width)`` or polylines of shape
``(n_lines, n_points_per_line, width)`` and projects the last axis.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_array, check_choice, check_int

__all__ = ["METHODS", "PCAProjection", "first_two", "project_stages"]

#: Projection methods of :func:`project_stages`.
METHODS = ("first_two", "pca", "3d")


def _check_stage(X, name="X") -> np.ndarray:
    X = check_array(X, name, ndim=None, dtype=None)
    if X.ndim < 2:
        raise ValueError(
            f"{name} has shape {X.shape}; a stage must be (n_points, width) or "
            f"(n_lines, n_points_per_line, width). A 1D array of n values is one coordinate: "
            f"pass X[:, None]"
        )
    return X


def _pad(X, width) -> np.ndarray:
    """``X`` with zero columns appended on the last axis up to ``width`` (or cut to it)."""
    if X.shape[-1] >= width:
        return X[..., :width]
    out = np.zeros((*X.shape[:-1], width), dtype=np.result_type(X, np.float64))
    out[..., : X.shape[-1]] = X
    return out


def first_two(X, n_components=2) -> np.ndarray:
    """The first ``n_components`` coordinates of every point.

    Parameters
    ----------
    X : array-like of shape (n_points, width) or (n_lines, n_points_per_line, width)
    n_components : int, default=2

    Returns
    -------
    ndarray of shape (..., n_components)
        A stage narrower than ``n_components`` is padded with zeros (a width-1 output layer lies
        on the x axis).

    Examples
    --------
    >>> first_two([[1.0, 2.0, 3.0]]).tolist()
    [[1.0, 2.0]]
    >>> first_two([[5.0]]).tolist()
    [[5.0, 0.0]]
    """
    X = _check_stage(X)
    return _pad(X, check_int(n_components, "n_components"))


class PCAProjection:
    r"""Principal components of all the stages of a forward pass, fitted once.

    :meth:`fit` pads every stage to the widest with zeros, stacks all their points, and keeps the
    mean :math:`\mu` and the first ``n_components`` right singular vectors :math:`V` of the
    centred stack; :meth:`transform` maps a stage to :math:`(x - \mu) V^\top`. Because the map is
    the same affine map for every stage, straight-line motion between stages stays straight after
    projection, and the picture does not jump.

    Parameters
    ----------
    n_components : int, default=2
        2 for a flat view, 3 for a 3D axes.

    Attributes
    ----------
    mean_ : ndarray of shape (width,)
    components_ : ndarray of shape (n_components, width)
        Orthonormal rows, ordered by decreasing variance, each with its largest-magnitude entry
        positive (a fixed sign so that the picture does not mirror between runs). When the stages
        have fewer than ``n_components`` dimensions, the extra rows are zero and the extra output
        coordinates are 0.
    explained_variance_ratio_ : ndarray of shape (n_components,)
    width_ : int
        The common (widest) width.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> stages = [rng.normal(size=(50, 2)), rng.normal(size=(50, 3))]
    >>> pca = PCAProjection(2).fit(stages)
    >>> pca.transform(stages[1]).shape
    (50, 2)
    """

    def __init__(self, n_components=2):
        self.n_components = check_int(n_components, "n_components")

    def fit(self, stages) -> PCAProjection:
        """Fit on a list of stages (or one stage).

        Parameters
        ----------
        stages : list of array-like of shape (..., width_i), or one array

        Returns
        -------
        self
        """
        if isinstance(stages, np.ndarray):
            stages = [stages]
        if not isinstance(stages, (list, tuple)) or len(stages) == 0:
            raise TypeError(
                f"stages must be a non-empty list of arrays; got {type(stages).__name__}"
            )
        arrays = [_check_stage(s, f"stages[{i}]") for i, s in enumerate(stages)]
        width = max(a.shape[-1] for a in arrays)
        stacked = np.concatenate([_pad(a, width).reshape(-1, width) for a in arrays])
        self.width_ = width
        self.mean_ = stacked.mean(axis=0)
        _, sing, Vt = np.linalg.svd(stacked - self.mean_, full_matrices=False)
        # Fixed signs: the largest-magnitude entry of every component is positive.
        signs = np.sign(Vt[np.arange(Vt.shape[0]), np.argmax(np.abs(Vt), axis=1)])
        Vt = Vt * np.where(signs == 0, 1.0, signs)[:, None]
        var = sing**2
        total = var.sum()
        k = self.n_components
        components = np.zeros((k, width))
        ratio = np.zeros(k)
        m = min(k, Vt.shape[0])
        components[:m] = Vt[:m]
        ratio[:m] = var[:m] / total if total > 0 else 0.0
        self.components_ = components
        self.explained_variance_ratio_ = ratio
        return self

    def transform(self, X) -> np.ndarray:
        """Project a stage with the fitted components.

        Parameters
        ----------
        X : array-like of shape (n_points, width) or (n_lines, n_points_per_line, width)
            ``width`` at most the fitted width; narrower stages are padded with zeros.

        Returns
        -------
        ndarray of shape (..., n_components)
        """
        if not hasattr(self, "components_"):
            raise RuntimeError("this PCAProjection is not fitted yet; call fit(stages) first")
        X = _check_stage(X)
        if X.shape[-1] > self.width_:
            raise ValueError(
                f"X has shape {X.shape}, wider than the {self.width_} coordinates this "
                f"projection was fitted on"
            )
        return (_pad(X, self.width_) - self.mean_) @ self.components_.T

    def fit_transform(self, stages) -> list[np.ndarray]:
        """Fit on ``stages`` and return every stage projected."""
        return [self.fit(stages).transform(s) for s in stages]

    def __repr__(self) -> str:
        fitted = f", fitted on width {self.width_}" if hasattr(self, "components_") else ""
        return f"PCAProjection(n_components={self.n_components}{fitted})"


def project_stages(stages, method="first_two", n_components=2):
    """Project every stage to 2D (or 3D) for drawing, with one projection for all stages.

    Parameters
    ----------
    stages : list of array-like of shape (..., width_i)
        E.g. the arrays of :func:`nnexplain.warps.stages`.
    method : {"first_two", "pca", "3d"}, default="first_two"
        - ``"first_two"``: the first ``n_components`` coordinates (zero-padded);
        - ``"pca"``: a :class:`PCAProjection` with ``n_components`` fitted once on all stages;
        - ``"3d"``: three coordinates for a 3D axes: the first three when no stage is wider than
          3 (zero-padded, so a 2D input lies in the z = 0 plane), else a 3-component PCA.
          ``n_components`` is ignored.
    n_components : int, default=2

    Returns
    -------
    projected : list of ndarray of shape (..., n_components)
        One per stage (3 columns for ``"3d"``).
    projection : PCAProjection or None
        The fitted PCA (``None`` when coordinates are kept as they are), to project more points
        (a grid, a decision boundary) the same way.
    """
    method = check_choice(method, "method", METHODS)
    if isinstance(stages, np.ndarray) or not isinstance(stages, (list, tuple)) or not stages:
        raise TypeError(f"stages must be a non-empty list of arrays; got {type(stages).__name__}")
    arrays = [_check_stage(s, f"stages[{i}]") for i, s in enumerate(stages)]
    n_components = check_int(n_components, "n_components")
    if method == "3d":
        n_components = 3
        if max(a.shape[-1] for a in arrays) <= 3:
            method = "first_two"
        else:
            method = "pca"
    if method == "first_two":
        return [_pad(a, n_components) for a in arrays], None
    pca = PCAProjection(n_components).fit(arrays)
    return [pca.transform(a) for a in arrays], pca
