r"""
# One layer, three moves: turn and stretch, slide, then squash or collapse

A dense layer computes \(h' = f(hW + b)\): the matrix \(W\) turns and stretches the plane
(straight lines stay straight), the bias \(b\) slides it, and only the activation \(f\) bends
it. Scrub through the three moves below and switch the activation: tanh squeezes the plane into
the square \((-1, 1)^2\), ReLU collapses every negative coordinate onto 0.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import make_circle_in_donut, make_grid_lines
from nnexplain.distributions import collapsed_fraction
from nnexplain.explorable import Explorable
from nnexplain.plot import plot_grid, plot_points
from nnexplain.warps import map_stages

# Experiment dials
W = np.array([[1.5, 0.8], [-0.6, 1.2]])  # the layer's weights (row convention: h @ W)
B = np.array([0.4, -0.6])  # the layer's bias
ACTIVATIONS = {"tanh": "tanh", "ReLU": "relu"}  # a dial of the figure
SCALES = [0.25, 0.5, 1, 2, 4]  # the other dial: W multiplied by each
N_POINTS = 400  # data points carried along (a disc inside a ring)
SEED = 0
checks = Checks()

# %%
# Each weight scale and activation is one variant: the same points and grid through
# \(f(h\,(sW) + b)\), move by move (`map_stages`).

X, y = make_circle_in_donut(N_POINTS, seed=SEED)
lines = make_grid_lines((-1.4, 1.4), n_lines=13, n_points_per_line=81)
explorable = Explorable(
    y,
    dials={"weight scale": [f"{s:g}" for s in SCALES], "activation": list(ACTIVATIONS)},
    title="one layer",
    default={"weight scale": "1", "activation": "tanh"},
)
mapped = {}  # (activation, scale) -> the points after each move
for key in explorable.keys:
    name, scale = key["activation"], float(key["weight scale"])
    h = mapped[name, scale] = map_stages(X, scale * W, B, ACTIVATIONS[name])[0]
    grid = map_stages(lines, scale * W, B, ACTIVATIONS[name])[0]
    labels = ["input h", f"linear: h({scale:g} W)", "bias: + b", f"activation: {name}"]
    explorable.add_variant(key, h, labels=labels, lines=grid)
# the video without JavaScript
animation = animate_explorable(explorable, frames_per_transition=12, pause_frames=12)

# %%
# The readout under the dials counts what the last move does to the points.


def far_share(z):
    """Share of the points with a coordinate |z| > 1.5, where tanh's slope is below 0.2."""
    return np.mean(np.abs(z).max(axis=1) > 1.5)


def readout(name, scale, h):
    """What the last move does to the points, for the dial's setting."""
    if name == "tanh":
        return (
            f"tanh, W × {scale:g}: {far_share(h[2]):.0%} of the points have a coordinate "
            "|hW + b| > 1.5 (tanh's slope < 0.2)"
        )
    axis = collapsed_fraction(h[3]) - collapsed_fraction(h[3], zeros=2)
    origin = collapsed_fraction(h[3], zeros=2)
    return f"ReLU, W × {scale:g}: {axis:.0%} of the points on an axis, {origin:.0%} at the origin"


for (name, scale), h in mapped.items():
    explorable.set_readout(
        {"weight scale": f"{scale:g}", "activation": name}, readout(name, scale, h)
    )
stages = {name: mapped[name, 1.0] for name in ACTIVATIONS}  # W as it is: the stills below
grids = {name: map_stages(lines, W, B, act)[0] for name, act in ACTIVATIONS.items()}

# %%
# Watch the last move. With tanh the middle of the grid barely changes while everything
# \(hW + b\) sent far away is pulled in to the edges of the square. With ReLU the grid
# collapses onto the two positive half-axes. Every stage is drawn in the same frame, so the
# slide by \(b\) and the squash are seen as moves. Turn the **weight scale**: the larger
# \(W\), the more points \(hW + b\) sends past \(|z| = 1.5\), where tanh is saturated (the
# readout counts them).
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).
#
# ## tanh, stage by stage
#
# The same moves as still pictures; the first three panels share one scale, the last has its
# own. In the second and third panels the grid lines are still straight and parallel: only an
# affine map has acted. In the last they are curved and bunched up near the border of the
# square, where tanh is saturated: its slope \(1 - \tanh^2 z\) is below 0.2 once
# \(|z| > 1.5\), and \(hW + b\) sent nearly a third of the points that far.


def draw_stages(name):
    """The grid and the data at each stage of f(hW + b), one panel per stage."""
    titles = ["input h", "linear: hW", "bias: hW + b", f"{name}(hW + b)"]
    fig, axes = plt.subplots(1, 4, figsize=(10, 2.9), layout="constrained")
    for ax, grid, points, title in zip(axes, grids[name], stages[name], titles, strict=True):
        plot_grid(grid, ax=ax)
        plot_points(points, y, ax=ax, markersize=2)
        ax.set_title(title)
        ax.set_aspect("equal")
    low, high = np.min(grids[name][:3]), np.max(grids[name][:3])
    for ax in axes[:3]:
        ax.set(xlim=(low, high), ylim=(low, high))


def bend(grid):
    """Largest distance of a grid line's points from the chord through its two ends."""
    ends = grid[:, [0, -1]]
    chord = ends[:, 1] - ends[:, 0]
    normal = np.stack([-chord[:, 1], chord[:, 0]], axis=1) / np.linalg.norm(chord, axis=1)[:, None]
    return np.abs(np.einsum("lpd,ld->lp", grid - ends[:, :1], normal)).max()


# %%
# Draw tanh's four stages, then measure how straight the grid lines stay in each.


draw_stages("tanh")
z = stages["tanh"][2]  # hW + b
# (the affine stages' lines are straight by construction: only the activation's are checked)
checks.above(bend(grids["tanh"][3]), 0.05, "tanh(hW + b): grid lines bend by", fmt=".2f")
saturated = checks.between(  # the readout of the figure above, as it opens
    far_share(z),
    0.25,
    0.4,
    "W × 1: points with a coordinate |hW + b| > 1.5 (tanh's slope < 0.2)",
    fmt=".0%",
)
big = map_stages(X, SCALES[-1] * W, B, "tanh")[0][2]
_ = checks.above(far_share(big), 2 * saturated, f"W × {SCALES[-1]}: the same share", fmt=".0%")

# %%
# ## ReLU, stage by stage
#
# Same \(W\) and \(b\), with ReLU. A point with one negative coordinate lands on an axis, one
# with two lands on the origin: the bottom-left quarter of the plane is crushed to a single
# point. Points that were far apart can end up on top of each other, which is what lets a
# network pile a whole class into one corner ([the disc inside a ring](plot_03_circle_in_donut.md)
# shows it).

draw_stages("ReLU")
h = stages["ReLU"][-1]
on_axis = collapsed_fraction(h) - collapsed_fraction(h, zeros=2)
checks.between(on_axis, 0.5, 0.7, "ReLU: points on an axis (one coordinate 0)", fmt=".0%")
checks.between(collapsed_fraction(h, zeros=2), 0.2, 0.3, "ReLU: points at the origin", fmt=".0%")
checks
