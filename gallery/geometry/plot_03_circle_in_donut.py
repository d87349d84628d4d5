r"""
# A disc inside a ring: tanh pulls the classes apart, ReLU piles one of them up

No straight line separates a disc from the ring around it, yet a network with three hidden layers
of only three units, 2-3-3-3-1, learns to. Each layer lifts the plane into 3D space, turns and
stretches it, and bends it with its activation, until a flat plane in the last hidden layer can
cut red from blue. How it bends depends on the activation: tanh squeezes the outside of the space
into the edges of a cube, which leaves the disc spread out in the middle; ReLU flattens every
negative coordinate to 0, and after three layers the whole disc is crushed into a small heap near
a corner while the ring is spread far from it.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import train_mlp
from nnexplain.animate import animate_layers
from nnexplain.datasets import make_circle_in_donut, make_grid_lines
from nnexplain.plot import plot_decision_boundary, plot_points
from nnexplain.projections import project_stages
from nnexplain.stats import dead_units

# Experiment dials
SIZES = [2, 3, 3, 3, 1]  # seed 000's network: 3 hidden layers of 3 units
ACTIVATIONS = {  # name on the page -> activation of each hidden layer
    "tanh": "tanh",
    "ReLU": "relu",
    "tanh/ReLU/tanh": ["tanh", "relu", "tanh"],
}
ANIMATED = "tanh"  # whose journey is animated
N_SEEDS = 5  # trainings per network in the last cell
N_SAMPLES = 600
EPOCHS = 30
BATCH_SIZE = 16
LR = 0.01  # Adam
SEED = 0


def spread_ratio(h, y):
    """Mean distance of the red points to their centre over the same for the blue points."""
    spread = [np.linalg.norm(h[y == k] - h[y == k].mean(axis=0), axis=1).mean() for k in (0, 1)]
    return spread[1] / spread[0]


# %%
# ## Three networks learn the same problem
#
# The red disc (class 1) sits inside the blue ring (class 0), with a gap between them. Each
# network is trained with Adam from the same seed; all three reach 100 % on the training points,
# but their decision regions already look different: tanh draws a smooth round boundary, ReLU a
# polygon (its output is piecewise linear in the input).

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
options = {"epochs": EPOCHS, "batch_size": BATCH_SIZE, "lr": LR, "evaluate": False}
nets = {}
for name, activation in ACTIVATIONS.items():
    nets[name] = net = train_mlp(SIZES, X, y, activation=activation, seed=SEED, **options)
    print(f"{net!r:40} accuracy {net.accuracy(X, y):.1%}")

fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.7), layout="constrained")
for ax, (name, net) in zip(axes, nets.items(), strict=True):
    plot_decision_boundary(net, X, y, ax=ax, resolution=120)
    ax.set_title(f"{name}: {net.accuracy(X, y):.0%}")

# %%
# ## The journey through the tanh network
#
# The data and a grid travel through the network stage by stage: layer 1's affine map, its tanh,
# layer 2's affine map, and so on. Each stage has 3 coordinates; the picture is a projection on
# the two main directions of a PCA fitted **once** on all stages together, so the camera does not
# move between stages (the flat input plane is one plane inside that 3D space, so it is seen at a
# slant, the disc as an ellipse). Watch the tanh steps: the outer ring is squeezed towards the
# edges while the red disc, in the middle, keeps its size, and ends up alone on one side.

fig, ax = plt.subplots(figsize=(5.4, 3.4), layout="constrained")
anim = animate_layers(
    nets[ANIMATED],
    X,
    y,
    lines=make_grid_lines((-1.3, 1.3), n_lines=11, n_points_per_line=41),
    projection="pca",
    frames_per_transition=12,
    pause_frames=5,
    ax=ax,
    title_fmt=f"{ANIMATED}: {{label}}",
    markersize=2,
)

# %%
# ## The last hidden layer of each network, projected
#
# The stage just before the output, projected the same way (one PCA per network, fitted on all
# its stages). The output unit only draws a flat plane through this space, so the classes must
# be linearly separable here, and they are. With tanh both classes stay spread out; with ReLU the
# red disc has collapsed to a dot, far from a long streak of blue; the mixed network folds in the
# middle layer and spreads again in the last.

fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.6), layout="constrained")
for ax, (name, net) in zip(axes, nets.items(), strict=True):
    trace = net.trace(X)
    last = project_stages(trace.arrays[:-2], "pca")[0][-1]  # PCA on input ... last hidden
    plot_points(last, y, ax=ax, markersize=2.5)
    ax.set(title=f"{name}: {trace[-3].label}", xlabel="PC 1", ylabel="PC 2")
    ax.set_aspect("equal", adjustable="datalim")
    h = trace.post_activations[-2]
    print(
        f"{name:15} red/blue spread {spread_ratio(h, y):.3f}, red points with a zero "
        f"coordinate {np.mean((h[y == 1] == 0).any(axis=1)):.0%}, "
        f"dead units {dead_units(h).sum()} of {h.shape[1]}"
    )

# %%
# ## Is it the seed? Five more trainings of each network
#
# One training run can be a fluke, so here are five seeds per network (the data stay the same).
# Each cell gives the accuracy and the red-to-blue spread ratio in the last hidden layer. ReLU
# networks usually crush the red disc to a heap a hundred times tighter than the ring (ratio
# about 0.01 or less); tanh networks keep it between a tenth of the ring's spread and all of it
# (ratio 0.1 to 1). ReLU
# also kills units: a unit whose input is negative for every point outputs 0 everywhere and that
# direction collapses for good; in a layer of 3 that leaves a plane or a line. Occasionally a
# run piles up the ring instead, or stops below 100 %.

print(f"{'seed':>4}" + "".join(f"{name:>24}" for name in ACTIVATIONS))
for seed in range(N_SEEDS):
    cells = []
    for activation in ACTIVATIONS.values():
        net = train_mlp(SIZES, X, y, activation=activation, seed=seed, **options)
        h = net.trace(X).post_activations[-2]
        dead = dead_units(h).sum()
        cells.append(f"{net.accuracy(X, y):.0%}, {spread_ratio(h, y):6.3f}, {dead} dead")
    print(f"{seed:>4}" + "".join(f"{cell:>24}" for cell in cells))

# %%
# ## Explore the three journeys yourself
#
# Choose the activation, scrub through the stages (or press play), drag the 3D view to turn it,
# and point at a dot to follow it through every stage. The small maps under the stages show what
# each hidden unit responds to over the input plane (purple negative, orange positive), and the
# output's probability of red.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

from nnexplain.explorable import Explorable

explorable = Explorable.from_networks(nets, X, y, dial="activation", title="A disc inside a ring")
explorable.animate(frames_per_transition=4, pause_frames=2)  # the video without JavaScript
