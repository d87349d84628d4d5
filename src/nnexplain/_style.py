"""Matplotlib's side of the visual language (private: :mod:`nnexplain.plot` re-exports the public
colormaps).

The colours themselves live in :mod:`nnexplain.palette`, which imports no matplotlib; this module
builds the colormaps and artist styles from them:

- :data:`PROBA_CMAP`: the probability of class 1, class 0's blue through white to class 1's red;
- :data:`SIGNED_CMAP`: signed values (weights), purple below zero, white at zero, green above;
- :data:`GRID_STYLE`, :data:`INPUT_GRID_STYLE`, :data:`POINT_STYLE`: neutral greys and markers.

The padded extent of a data set is :func:`nnexplain.fields.data_extent` (numpy only).

``matplotlib.pyplot`` is imported only inside the helpers that create a figure, so that importing
this module (and :mod:`nnexplain.plot`) never selects a backend: the ``nnexplain`` command
selects Agg first.

Also here: the Axes helpers (``get_ax``, ``get_axes``, ``panel_grid``) that
:mod:`nnexplain.plot`, :mod:`nnexplain.animate` and :mod:`nnexplain.cli` share.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, ListedColormap

from . import palette

#: Probability of class 1, from class 0's blue through white to class 1's red.
PROBA_CMAP = LinearSegmentedColormap.from_list("nnexplain_proba", list(palette.PROBABILITY))

#: Signed values: purple below zero, white at zero, green above (use a symmetric vmin/vmax).
SIGNED_CMAP = LinearSegmentedColormap.from_list(
    "nnexplain_signed",
    [palette.SIGNED["negative"], palette.SIGNED["zero"], palette.SIGNED["positive"]],
)

GRID_COLOR = palette.NEUTRAL["grid"]
#: Style of grid lines (``LineCollection`` keywords).
GRID_STYLE = {"colors": GRID_COLOR, "linewidths": 0.7, "zorder": 1}
#: Style of the original grid drawn under a moving one (``LineCollection`` keywords).
INPUT_GRID_STYLE = {"colors": palette.NEUTRAL["input_grid"], "linewidths": 0.6, "zorder": 0}
#: Style of data points (``Line2D`` keywords): markers only, no line.
POINT_STYLE = {"linestyle": "none", "marker": "o", "markersize": 3, "markeredgewidth": 0}

class_color = palette.class_color


def class_cmap(n_classes: int) -> ListedColormap:
    """A colormap whose value ``k`` is the colour of class ``k`` (for class-index images)."""
    return ListedColormap([class_color(k) for k in range(n_classes)])


def class_palette(classes, colors=None) -> dict:
    """Colour of each class: the class colours, or ``colors`` (a list or a dict) when given."""
    if colors is None:
        return {c: class_color(c) for c in classes}
    if isinstance(colors, dict):
        return {c: colors[c] for c in classes}
    colors = list(colors)
    if len(colors) < len(classes):
        raise ValueError(f"colors has {len(colors)} entries but there are {len(classes)} classes")
    return dict(zip(classes, colors, strict=False))


def get_ax(ax, *, three_d=None, figsize=None):
    """``ax``, or the Axes of a new figure when it is None.

    ``three_d=True``: the Axes must be (or is created) 3D; ``False``: it must be 2D; ``None``:
    any given Axes is accepted and a new one is 2D.
    """
    if ax is None:
        import matplotlib.pyplot as plt

        if not three_d and figsize is None:
            return plt.subplots()[1]
        fig = plt.figure(figsize=figsize or (5.5, 5.5), layout="constrained")
        return fig.add_subplot(projection="3d") if three_d else fig.add_subplot()
    is_3d = getattr(ax, "name", "") == "3d"
    if three_d is None:
        return ax
    if three_d and not is_3d:
        raise ValueError(
            "projection='3d' needs a 3D Axes: create it with "
            "fig.add_subplot(projection='3d') or pass ax=None"
        )
    if is_3d and not three_d:
        raise ValueError("a 3D Axes was given; use projection='3d' to draw in it")
    return ax


def get_axes(axes, shape, name="axes", **subplots_kw) -> np.ndarray:
    """``axes`` as an ndarray of the given shape, creating a figure when it is None."""
    if axes is None:
        import matplotlib.pyplot as plt

        grid = shape if len(shape) == 2 else (1, shape[0])  # a 1D row of panels
        _, axes = plt.subplots(*grid, squeeze=False, **subplots_kw)
        return axes.reshape(shape)
    arr = np.asarray(axes, dtype=object)
    if arr.size != math.prod(shape):
        raise ValueError(
            f"{name} must hold {math.prod(shape)} Axes (shape {shape}); got {arr.size}"
        )
    return arr.reshape(shape)


def panel_grid(n_panels, *, size=3.0, max_cols=4, **subplots_kw):
    """A figure with ``n_panels`` Axes in rows of at most ``max_cols`` (extra cells hidden).

    Returns
    -------
    fig : Figure
    axes : ndarray of shape (n_panels,) of Axes
    """
    import matplotlib.pyplot as plt

    ncols = min(max_cols, n_panels)
    nrows = -(-n_panels // ncols)
    kw = {"figsize": (size * ncols, size * nrows), "layout": "constrained", **subplots_kw}
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, **kw)
    for ax in axes.ravel()[n_panels:]:
        ax.set_visible(False)
    return fig, axes.ravel()[:n_panels]
