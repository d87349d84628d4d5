"""Tests for nnexplain._style: one colour per meaning; the Axes helpers of plot, animate, cli."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from nnexplain import _style, palette, plot


def test_colormaps_are_built_from_the_palette():
    cmap = _style.class_cmap(3)
    for k in range(3):
        assert to_rgba(cmap(k)) == to_rgba(palette.class_color(k))
    # the probability colormap runs from class 0's colour through white to class 1's
    assert to_rgba(_style.PROBA_CMAP(0.0)) == pytest.approx(to_rgba(palette.CLASSES[0]))
    assert to_rgba(_style.PROBA_CMAP(1.0)) == pytest.approx(to_rgba(palette.CLASSES[1]))
    assert to_rgba(_style.PROBA_CMAP(0.5)) == pytest.approx((1, 1, 1, 1), abs=0.01)
    # signed values: the palette's negative colour at the bottom, positive at the top
    assert to_rgba(_style.SIGNED_CMAP(0.0)) == pytest.approx(to_rgba(palette.SIGNED["negative"]))
    assert to_rgba(_style.SIGNED_CMAP(1.0)) == pytest.approx(to_rgba(palette.SIGNED["positive"]))
    assert plot.PROBA_CMAP is _style.PROBA_CMAP and plot.SIGNED_CMAP is _style.SIGNED_CMAP


def test_class_palette_defaults_lists_and_dicts():
    assert _style.class_palette([0, 2]) == {0: "#1f77b4", 2: palette.NEUTRAL["ink"]}
    assert _style.class_palette([0, 1], ["k", "y"]) == {0: "k", 1: "y"}
    assert _style.class_palette([1], {1: "m", 0: "c"}) == {1: "m"}
    with pytest.raises(ValueError, match="colors has 1 entries but there are 2 classes"):
        _style.class_palette([0, 1], ["k"])


def test_panel_grid_hides_extra_cells(pyplot):
    fig, axes = _style.panel_grid(5, size=1.0, max_cols=3)
    assert axes.shape == (5,) and len(fig.axes) == 6
    assert [ax.get_visible() for ax in fig.axes] == [True] * 5 + [False]
    assert tuple(fig.get_size_inches()) == (3.0, 2.0)


def test_get_ax_and_get_axes(pyplot):
    ax = _style.get_ax(None)
    assert ax.name == "rectilinear"
    ax3 = _style.get_ax(None, three_d=True)
    assert ax3.name == "3d" and _style.get_ax(ax3) is ax3
    with pytest.raises(ValueError, match="needs a 3D Axes"):
        _style.get_ax(ax, three_d=True)
    with pytest.raises(ValueError, match="a 3D Axes was given"):
        _style.get_ax(ax3, three_d=False)
    axes = _style.get_axes(None, (2, 3))
    assert axes.shape == (2, 3)
    with pytest.raises(ValueError, match=r"axes must hold 2 Axes \(shape \(2,\)\); got 6"):
        _style.get_axes(axes, (2,))
    np.testing.assert_array_equal(_style.get_axes(list(axes.ravel()[:2]), (2,)), axes[0, :2])
