r"""
# A disc inside a ring, seen in 3D: the last layer only needs a flat cut

The hidden layers of the 2-3-3-3-1 networks of the [previous page](plot_03_circle_in_donut.md)
have three units, so every stage is a cloud of points in 3D space. The output unit can only cut
the last one with a flat plane, and training has put the red disc on one side of it and the blue
ring on the other. Drag the figure to turn it.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import train_mlp
from nnexplain.animate import animate_explorable, animate_layers
from nnexplain.checks import Checks
from nnexplain.datasets import make_circle_in_donut
from nnexplain.distributions import collapsed_fraction, dead_units
from nnexplain.explorable import Explorable
from nnexplain.journey import journey
from nnexplain.plot import plot_stage_3d

# Experiment dials (the same networks as on the previous page)
SIZES = [2, 3, 3, 3, 1]
ACTIVATIONS = {"tanh": "tanh", "ReLU": "relu", "tanh/ReLU/tanh": ["tanh", "relu", "tanh"]}
ANIMATED = "tanh"  # whose journey is animated in 3D
N_SAMPLES = 600
EPOCHS = 30
BATCH_SIZE = 16
LR = 0.01  # Adam
SEED = 0
checks = Checks()

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
options = {"epochs": EPOCHS, "batch_size": BATCH_SIZE, "lr": LR, "evaluate": False}
nets = {
    name: train_mlp(SIZES, X, y, activation=activation, seed=SEED, **options)
    for name, activation in ACTIVATIONS.items()
}

# %%
# ## Each network's journey, computed once
#
# `journey` runs the data (and a grid) through a network once and keeps every stage in 3D: the
# input and the output of each hidden layer. The player below, the panels and the checks of
# this page all read these journeys.

journeys = {
    name: journey(net, X, projection="3d", include_affine=False) for name, net in nets.items()
}
explorable = Explorable.from_journeys(journeys, y, dial="activation", title="in 3D")
flat_cut = {name: j.flat_cuts(y) for name, j in journeys.items()}  # the best cut, per stage
for name, j in journeys.items():  # the readout that follows the stage slider
    explorable.set_readout({"activation": name}, j.flat_cut_readout(flat_cut[name]))
animation = animate_explorable(  # the video without JavaScript
    explorable, frames_per_transition=4, pause_frames=2
)

# %%
# The input plane is the floor \(z = 0\); each stage is the output of one hidden layer, in its
# own three coordinates. tanh keeps the points inside the cube \((-1, 1)^3\); ReLU keeps them
# in the corner where every coordinate is \(\ge 0\), on its faces, edges and tip. The readout
# follows the stage: the share of points the best flat cut of that stage puts on the right
# side (a logistic regression fitted to it), from the input's, where no plane does much
# better than guessing, to the last layer's 100 %.

first = journeys["tanh"].labels[0]
checks.at_most(flat_cut["tanh"][0], 0.6, f"{first}: the best flat cut separates", fmt=".1%")
for name in journeys:
    cut = flat_cut[name][-1]
    checks.at_least(cut, 1.0, f"{name}, last hidden layer: the best flat cut", fmt=".0%")
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

# %%
# ## The last hidden layer and the output's plane
#
# Each panel shows the three coordinates of the last hidden layer and, in grey, the plane where
# the output unit switches from blue to red. Every red point lies on one side of it, every blue
# point on the other. The margin checked below is the smallest distance from a point to the
# plane. With `SEED = 0` two of the three units of the ReLU network's last layer are dead
# (they output 0 for every point): its whole last layer lies on a single line, and one number
# along that line decides the class.

fig = plt.figure(figsize=(10.5, 3.7), layout="constrained")
for i, (name, net) in enumerate(nets.items()):
    ax = fig.add_subplot(1, 3, i + 1, projection="3d")
    h = journeys[name].stages[-1]  # the last hidden layer
    plot_stage_3d(h, y, ax=ax, plane=net.layers[-1], markersize=2.5, alpha=0.6)
    ax.set_title(f"{name}: {journeys[name].labels[-1]}")
    w, c = net.layers[-1].W[:, 0], net.layers[-1].b[0]
    margin = np.abs(h @ w + c).min() / np.linalg.norm(w)
    checks.above(margin, 0.0, f"{name}: smallest distance of a point to the plane", fmt=".3f")
    if name == "ReLU":
        checks.close(dead_units(h).sum(), 2, "ReLU: dead units of the last layer", tol=0)

# %%
# ## The ReLU network collapses dimensions, layer after layer
#
# The input and the output of each ReLU of the ReLU network, each panel on its own scale. After
# every ReLU the points lie on the walls of the positive corner (a coordinate exactly 0), on its
# edges (two coordinates 0) or at its tip (all three 0). The checks below (for `SEED = 0`) show
# the red disc pushed onto ever fewer dimensions: after layer 2 most red points sit exactly at
# the tip, after layer 3 almost all of them, while every blue point lies on one edge, spread out
# along it. Two different inputs that land on the same point can never be told apart again: the
# network has thrown away everything about the disc except "it is the disc".

relu = journeys["ReLU"]
fig = plt.figure(figsize=(11, 3.2), layout="constrained")
for i, (h, label) in enumerate(zip(relu.stages, relu.labels, strict=True)):
    ax = fig.add_subplot(1, 4, i + 1, projection="3d")
    plot_stage_3d(h, y, ax=ax, markersize=2.5, alpha=0.6)  # the input plane is z = 0
    ax.set_title(label)
red_tip = [collapsed_fraction(h[y == 1], zeros=3) for h in relu.stages[1:]]
blue_edge = collapsed_fraction(relu.stages[-1][y == 0], zeros=2)
checks.above(red_tip[1], 0.5, "layer 2: red points at the tip (all 3 coordinates 0)", fmt=".0%")
checks.at_least(red_tip[2], 0.95, "layer 3: red points at the tip", fmt=".0%")
checks.at_least(blue_edge, 1.0, "layer 3: blue points on an edge (2 coordinates 0)", fmt=".0%")
checks

# %%
# ## The tanh network's journey, in 3D
#
# The data move from the input plane (the floor, \(z = 0\)) through every stage of the tanh
# network, drawn in their own three coordinates while the camera turns slowly; the wire frame is
# the cube \((-1, 1)^3\) that tanh cannot leave. Each affine map tilts and stretches the cloud out
# of the cube; each tanh pulls it back in, squeezing what went far. After the last tanh the red
# disc and the blue ring sit at opposite sides of the cube.

fig = plt.figure(figsize=(4.2, 4.2), layout="constrained")
ax = fig.add_subplot(projection="3d")
ax.set_axis_off()  # no panes and ticks: three times faster to draw
anim = animate_layers(
    nets[ANIMATED],
    X,
    y,
    lines=False,
    projection="3d",
    frames_per_transition=9,
    pause_frames=3,
    ax=ax,
    azim_per_frame=1.0,
    cube=True,  # the cube (-1, 1)^3 that tanh cannot leave
    title_fmt=f"{ANIMATED}: {{label}}",
    markersize=1.5,
)
