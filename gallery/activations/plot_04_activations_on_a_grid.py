r"""
# What an activation does to the plane

A layer applies its activation to each coordinate separately, so a 2D picture shows all of it.
tanh squashes the whole plane into the square \((-1, 1)^2\) and, near the origin, loses nothing:
every point stays in its own quadrant and no two points meet. ReLU leaves the positive quadrant
alone and collapses the other three onto its two half-axes, merging a whole quarter of the plane
into the single point 0, at any input scale. Spread the inputs far out and tanh merges points
too: float32 rounds it to \(\pm 1\) (turn the *input spread* dial).
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.activations import get_activation
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import make_grid_lines
from nnexplain.explorable import Explorable
from nnexplain.palette import NEUTRAL
from nnexplain.plot import plot_grid, plot_points, plot_warp

# Experiment dials
EXTENT = 3.0  # the grid covers [-EXTENT, EXTENT]^2
N_LINES = 17  # grid lines per direction
N_POINTS = 400  # random points, marked by quadrant
LEAKY_ALPHA = 0.1  # slope of leaky ReLU for negative inputs
DIAL = {  # the activations of the explorable figure, as the reader sees them
    "tanh": get_activation("tanh"),
    "sigmoid": get_activation("sigmoid"),
    "ReLU": get_activation("relu"),
    "leaky ReLU": get_activation("leaky_relu", alpha=LEAKY_ALPHA),
    "GELU": get_activation("gelu"),
}
N_STAGES = 5  # stages of the explorable: t = 0 (input grid) ... t = 1 (activated)
SPREADS = [1, 3, 10, 30, 100]  # the explorable's input spread dial: inputs within +-spread
FAR = 30  # a spread where float32 tanh rounds many inputs to +-1
SEED = 0
checks = Checks()

# %%
# 400 random points marked by quadrant, the grid lines, and `distinct_after`, the readout's count.


rng = np.random.default_rng(SEED)
points = rng.uniform(-EXTENT, EXTENT, size=(N_POINTS, 2))
# the quadrant of each point: I (+, +) = 0, II (-, +) = 1, III (-, -) = 2, IV (+, -) = 3
px, py = points.T
quadrant = np.select([(px > 0) & (py > 0), py > 0, px < 0], [0, 1, 2], default=3)
lines = make_grid_lines((-EXTENT, EXTENT), n_lines=N_LINES, n_points_per_line=201)
tanh, relu, sigmoid = DIAL["tanh"], DIAL["ReLU"], DIAL["sigmoid"]


def distinct_after(f, spread):
    """Points still distinct after ``f`` when the inputs reach +-spread, in float32."""
    x = (points * spread / EXTENT).astype(np.float32)
    return len(np.unique(f(x), axis=0))


# %%
# ## The plane through tanh and through ReLU
#
# The same grid and random points, before the activation and after it, each panel on its own
# scale.

fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), layout="constrained")
panels = [("input", None), ("tanh", tanh), ("ReLU", relu)]
for ax, (title, f) in zip(axes, panels, strict=True):
    plot_grid(lines if f is None else f(lines), ax=ax)
    plot_points(points if f is None else f(points), quadrant, ax=ax)
    ax.set(title=title, aspect="equal")
n_third = int(np.sum(quadrant == 2))  # quadrant III, where ReLU zeroes both coordinates
axes[2].plot(0, 0, "o", ms=12, mfc="none", mec=NEUTRAL["ink"], mew=1.5)
note = {"arrowprops": {"arrowstyle": "->"}, "bbox": {"fc": "white", "ec": "0.6"}}
axes[2].annotate(f"all {n_third} triangles", (0, 0), (0.5, 0.6), **note)

# %%
# ## Where to look
#
# The points are marked by the quadrant they start in: I blue dots, II red dots, III black
# triangles, IV black diamonds. Under **tanh** (middle) the four kinds stay in four separate
# quadrants, only closer together: tanh keeps the sign of each
# coordinate and is one-to-one on paper (a bijection of the plane onto \((-1, 1)^2\)), so on
# these inputs, within \(\pm 3\), different points stay different. What it does lose is
# *resolution*: look at the spacing of the grid lines, unchanged near the origin, where
# \(\tanh x \approx x\), and piled against the edges at the border. Two far-away points of the
# same quadrant end up very close, which is saturation in two dimensions; far enough out, float32
# cannot tell them apart at all (\(\tanh 9.1\) is already the largest float32 below 1), the
# [saturation](plot_02_saturation.md) page's \(\tanh(100) = \tanh(150)\) in the plane.
#
# Under **ReLU** (right) the blue quadrant does not move at all. In the red and diamond
# quadrants one coordinate is negative and becomes 0: those points land on a half-axis, where
# they still differ by their other coordinate. The whole quadrant of triangles collapses onto the
# single point \((0, 0)\): those points can no longer be told apart by any later layer.

tanh_out, relu_out = tanh(points), relu(points)
outputs = {"tanh": tanh_out, "ReLU": relu_out}
n_distinct = {name: len(np.unique(out, axis=0)) for name, out in outputs.items()}
n_tanh = distinct_after(tanh, EXTENT)  # the readout of the figure below, as it opens
checks.close(n_tanh, N_POINTS, f"tanh, inputs within ±{EXTENT:g}: distinct points (float32)", tol=0)
merged = n_distinct["ReLU"]
checks.close(
    merged,
    N_POINTS - n_third + 1,
    "ReLU: distinct points (triangles all at 0)",
    tol=0,
)
unchanged = np.mean(np.all(relu_out == points, axis=1))
checks.between(unchanged, 0.2, 0.3, "ReLU: points not moved at all (blue)", fmt=".0%")
ticks = np.linspace(-EXTENT, EXTENT, N_LINES)
gaps = np.diff(tanh(ticks))
squeeze = gaps[N_LINES // 2] / gaps[-1]
squeeze = checks.above(
    squeeze,
    10,
    "tanh: grid spacing at the centre / at the border",
    fmt=".0f",
)

# %%
# ## Turn the dial
#
# Choose an activation and move the slider from \(t = 0\), the input grid, to \(t = 1\), the
# grid after the activation; in between the points travel on straight lines,
# \((1 - t)\,x + t\,f(x)\). Compare **ReLU** with **leaky ReLU**: the leak (slope
# \(0.1\) for negative inputs) keeps the three negative quadrants as thin copies instead of
# collapsing them, so no two points merge. **Sigmoid** squashes like tanh but moves the centre to
# \((0.5, 0.5)\). **GELU** dips below zero for negative inputs and comes back up, so it is not
# one-to-one either: the inputs \(-0.1\) and \(-2\) come out within 0.001 of each other.
#
# Then turn **input spread**, how far out the inputs reach. Every stage is drawn in one frame,
# so at \(\pm 30\) tanh's square is a speck in the middle (zoom in on it): the points pile onto
# its edges and corners, and the readout counts how many are still distinct. ReLU's count does
# not move: it merges the same quarter of the plane at every scale.

explorable = Explorable.from_warp(
    DIAL,
    lines=lines[:, ::8] / EXTENT,
    points=points / EXTENT,
    y=quadrant,
    n_stages=N_STAGES,
    dial="activation",
    title="the plane, coordinate by coordinate",
    scales=SPREADS,
    scale_dial="input spread",
    default={"input spread": f"{EXTENT:g}", "activation": "tanh"},
)


def readout(name, spread):
    n = distinct_after(DIAL[name], spread)
    return f"{name}, inputs within ±{spread:g}: {n} of {N_POINTS} points stay distinct (float32)"


for key in explorable.keys:
    spread = float(key["input spread"])
    explorable.set_readout(key, readout(key["activation"], spread))
animation = animate_explorable(explorable, frames_per_transition=4, pause_frames=2)

# %%
# ### Checked: who merges points, and at which spread
#
# The leak keeps all 400 points apart; at \(\pm 30\), float32 tanh merges many of them while ReLU
# merges exactly as many as at \(\pm 3\); GELU's dip sends \(-0.1\) and \(-2\) to nearly the same
# output.

leaky_out = DIAL["leaky ReLU"](points)
n_leaky = len(np.unique(leaky_out, axis=0))
checks.close(n_leaky, N_POINTS, "leaky ReLU: distinct points after the map", tol=0)
n_far = distinct_after(tanh, FAR)  # the same points spread 10 times wider
checks.below(n_far, 0.75 * n_tanh, f"tanh, inputs within ±{FAR}: distinct points (float32)")
n_relu_far = distinct_after(relu, FAR)
checks.close(n_relu_far, merged, f"ReLU, inputs within ±{FAR}: distinct, as at ±{EXTENT:g}", tol=0)
gelu = DIAL["GELU"]
pair = gelu(np.array([-0.1, -2.0]))  # either side of the dip: nearly the same output
gelu_gap = checks.below(
    abs(pair[0] - pair[1]),
    0.001,
    "GELU: |gelu(-0.1) - gelu(-2)|",
    fmt=".1e",
)

# %%
# ## sigmoid: shift, then squash into the unit square
#
# Sigmoid is tanh rescaled, \(\sigma(x) = (1 + \tanh(x/2))/2\): the same squashing, but the
# centre of the plane moves to \((0.5, 0.5)\), every output is positive, and near the centre
# distances shrink by the sigmoid's slope there, \(1/4\). Like tanh it is one-to-one: the
# quadrants become the four quarters of the square around \((0.5, 0.5)\).

axes = plot_warp(sigmoid, lines=lines, points=points, y=quadrant)
centre_gap = np.diff(sigmoid(ticks))[N_LINES // 2] / (ticks[1] - ticks[0])
_ = checks.close(
    centre_gap,
    0.25,
    "sigmoid: spacing shrink at the centre",
    tol=0.01,
    fmt=".3f",
)

# %%
# ## Checked at build time
#
# The numbers behind every sentence above, measured while this page was built. The shapes of
# these functions are on [the first page](plot_01_shapes.md); what saturation costs a layer is
# on [saturation](plot_02_saturation.md); the same collapse, done by a trained network, is in
# [a disc inside a ring](../geometry/plot_03_circle_in_donut.md).

checks
