r"""
# One layer, three moves: turn and stretch, slide, then squash or fold

A dense layer computes \(h' = f(hW + b)\). Taken apart, that is three maps of the plane applied one
after the other: the matrix \(W\) rotates, stretches and shears (straight lines stay straight), the
bias \(b\) slides everything, and only then the activation \(f\) bends the plane, coordinate by
coordinate. tanh squashes the plane into the square \((-1, 1)^2\), gently in the middle and hard at
the edges; ReLU folds every negative coordinate onto 0, so three quarters of the plane collapse
onto the two positive half-axes. Without the third move, stacking layers would only ever give one
more affine map.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.animate import animate_warp
from nnexplain.datasets import make_circle_in_donut, make_grid_lines
from nnexplain.plot import plot_grid, plot_points
from nnexplain.warps import chain, map_stages

# Experiment dials
W = np.array([[1.5, 0.8], [-0.6, 1.2]])  # the layer's weights (row convention: h @ W)
B = np.array([0.4, -0.6])  # the layer's bias
ACTIVATION = "tanh"  # the activation of the animation: try "relu" or "sigmoid"
N_POINTS = 400  # data points carried along (a disc inside a ring)
SEED = 0

X, y = make_circle_in_donut(N_POINTS, seed=SEED)
lines = make_grid_lines((-1.4, 1.4), n_lines=13, n_points_per_line=81)


def draw_stages(activation):
    """The grid and the data at each stage of f(hW + b), one panel per stage.

    The first three panels share one scale, so that the slide by b shows; the activation's
    output gets its own.
    """
    line_stages, _ = map_stages(lines, W, B, activation)
    point_stages, _ = map_stages(X, W, B, activation)
    titles = ["input h", "linear: hW", "bias: hW + b", f"activation: {activation}(hW + b)"]
    fig, axes = plt.subplots(1, 4, figsize=(11, 3.1), layout="constrained")
    for ax, grid, points, title in zip(axes, line_stages, point_stages, titles, strict=True):
        plot_grid(grid, ax=ax)
        plot_points(points, y, ax=ax, markersize=2)
        ax.set_title(title)
        ax.set_aspect("equal")
    low, high = np.min(line_stages[:3]), np.max(line_stages[:3])
    for ax in axes[:3]:
        ax.set(xlim=(low, high), ylim=(low, high))
    return point_stages


# %%
# ## The layer in motion
#
# The grid and the data go through the three moves in turn: first \(hW\) (the red line starts on
# the x axis, the green one on the y axis), then \(+\,b\), then the activation. Watch the last
# move: with tanh the middle of the grid barely changes while its far corners are pulled in
# towards the edges of \((-1, 1)^2\).

fig, ax = plt.subplots(figsize=(4.5, 4.5), layout="constrained")
anim = animate_warp(
    chain(W, (None, B), ACTIVATION),  # hW, then + b, then the activation, a third of the time each
    lines=lines,
    points=X,
    labels=y,
    n_frames=90,
    pause_frames=8,
    easing="linear",
    ax=ax,
    title=f"h -> hW -> hW + b -> {ACTIVATION}(hW + b)",
    markersize=2,
)

# %%
# ## tanh, stage by stage
#
# The same three moves as still pictures; the first three panels are drawn on one scale, the last
# on its own. The second and third panels differ from the input only by an affine map: the
# gridlines are still straight, parallel and evenly spaced. In the last panel they are
# curved and bunched up near the border of the square: everything that \(hW + b\) sent far away is
# now squeezed into a thin band, where tanh is saturated (its slope is below 0.2 once
# \(|z| > 1.5\)).

tanh_stages = draw_stages("tanh")
z = tanh_stages[2]  # hW + b
print(
    f"hW + b spans x in [{z[:, 0].min():.2f}, {z[:, 0].max():.2f}], "
    f"y in [{z[:, 1].min():.2f}, {z[:, 1].max():.2f}]"
)
print(f"points with a saturated coordinate (|z| > 1.5): {np.mean(np.abs(z).max(axis=1) > 1.5):.0%}")

# %%
# ## ReLU, stage by stage
#
# Same \(W\) and \(b\), with ReLU. Every point with a negative coordinate has it set to 0: the left
# half of the plane lands on the y axis, the bottom half on the x axis, and the bottom-left quarter
# on the origin. Points that were far apart can end up on top of each other, which is what lets a
# network pile a whole class into one corner.

relu_stages = draw_stages("relu")
h = relu_stages[-1]
print(f"points with one coordinate set to 0: {np.mean(np.sum(h == 0, axis=1) == 1):.0%}")
print(f"points sent to the origin:            {np.mean(np.all(h == 0, axis=1)):.0%}")
print(f"points left untouched:                {np.mean(np.all(h > 0, axis=1)):.0%}")
