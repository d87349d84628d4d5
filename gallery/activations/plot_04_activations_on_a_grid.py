r"""
# What an activation does to the plane

A layer applies its activation to each coordinate separately, so a 2D picture shows all of it:
tanh squashes the plane into the square \((-1, 1)^2\), barely moving the centre and crushing the
periphery against the edges; ReLU leaves the positive quadrant alone and folds the other three
onto its two axes (half of the plane lands on a half-axis, a quarter on the single point 0);
sigmoid squashes like tanh but into \((0, 1)^2\), with the centre moved to \((0.5, 0.5)\) and
shrunk four times.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.activations import get_activation
from nnexplain.animate import animate_warp
from nnexplain.datasets import make_grid_lines
from nnexplain.plot import plot_warp

# Experiment dials
EXTENT = 3.0  # the grid covers [-EXTENT, EXTENT]^2
N_LINES = 17  # grid lines per direction
N_POINTS = 400  # random points, coloured by quadrant
ANIMATED = "relu"  # the activation of the animation; try "tanh"
N_FRAMES = 40
SEED = 0

rng = np.random.default_rng(SEED)
points = rng.uniform(-EXTENT, EXTENT, size=(N_POINTS, 2))
# quadrant I (+, +) = 0 blue, II (-, +) = 1 red, III (-, -) = 2 green, IV (+, -) = 3 orange
px, py = points.T
quadrant = np.select([(px > 0) & (py > 0), py > 0, px < 0], [0, 1, 2], default=3)
lines = make_grid_lines((-EXTENT, EXTENT), n_lines=N_LINES, n_points_per_line=201)
ticks = np.linspace(-EXTENT, EXTENT, N_LINES)

# %%
# ## tanh: squash the periphery, keep the centre
#
# Look at the spacing of the grid lines after the map. Near the origin \(\tanh x \approx x\) and
# the spacing is almost unchanged; towards the border every extra unit of input moves the output
# less, and the outer lines pile up against the edges of \((-1, 1)^2\). Far-away points of
# different colours end up nearly on top of each other: that is saturation, in two dimensions.

tanh = get_activation("tanh")
axes = plot_warp(tanh, lines=lines, points=points, y=quadrant)
gaps = np.diff(tanh(ticks))
print(f"grid spacing {ticks[1] - ticks[0]:.3f} becomes {gaps[N_LINES // 2]:.3f} at the centre")
print(f"and {gaps[-1]:.4f} at the border ({gaps[N_LINES // 2] / gaps[-1]:.0f} times smaller)")

# %%
# ## ReLU: fold three quadrants onto the axes
#
# The blue quadrant (both coordinates positive) does not move at all. In the red and orange
# quadrants one coordinate is negative and becomes 0: those points land on a half-axis. The whole
# green quadrant collapses onto the single point \((0, 0)\). Count the points: only the blue
# quarter keeps two dimensions of information.

relu = get_activation("relu")
axes = plot_warp(relu, lines=lines, points=points, y=quadrant)
out = relu(points)
on_origin = np.all(out == 0, axis=1)
on_axis = np.any(out == 0, axis=1) & ~on_origin
print(f"unchanged: {np.mean(np.all(out == points, axis=1)):.1%}")
print(f"on a half-axis: {on_axis.mean():.1%}, at the origin: {on_origin.mean():.1%}")

# %%
# ## sigmoid: shift, then squash into the unit square
#
# Sigmoid is tanh rescaled, \(\sigma(x) = (1 + \tanh(x/2))/2\): the same squashing, but the
# centre of the plane moves to \((0.5, 0.5)\), every output is positive, and near the centre
# distances shrink by the sigmoid's slope there, \(1/4\).

sigmoid = get_activation("sigmoid")
axes = plot_warp(sigmoid, lines=lines, points=points, y=quadrant)
gaps = np.diff(sigmoid(ticks))
print(f"origin goes to {sigmoid(np.zeros(2))}; the square becomes ", end="")
print(f"[{sigmoid(-EXTENT):.3f}, {sigmoid(EXTENT):.3f}]^2")
print(f"grid spacing at the centre {ticks[1] - ticks[0]:.3f} -> {gaps[N_LINES // 2]:.3f}")

# %%
# ## The grid morphing under ReLU
#
# The frames blend the identity into the activation, \((1 - t)\,x + t\,f(x)\) for \(t\) from 0
# to 1. Watch the blue quadrant stay put while the red points slide right onto the y axis, the
# orange ones up onto the x axis, and the green ones into the corner \((0, 0)\); set
# `ANIMATED = "tanh"` to see the squashing instead.

fig, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
anim = animate_warp(
    ANIMATED,
    lines=lines[:, ::4],
    points=points,
    labels=quadrant,
    n_frames=N_FRAMES,
    ax=ax,
    line_kw={"colors": "0.5", "linewidths": 0.7},
)
ax.set(xlim=(-EXTENT - 0.2, EXTENT + 0.2), ylim=(-EXTENT - 0.2, EXTENT + 0.2))
print(f"{anim.frames.shape[0]} frames, each of shape {anim.frames.shape[1:]}")
