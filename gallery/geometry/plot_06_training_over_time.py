r"""
# Training bends the boundary and pulls the classes apart at the same time

Replaying the weights saved during training shows two faces of one change: in the input plane
the red region closes around the disc, while in the last hidden layer the two classes, mixed at
the start, become separable by a single flat cut. Move the epoch slider below.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.animate import animate_explorable, animate_training
from nnexplain.checks import Checks
from nnexplain.datasets import make_circle_in_donut
from nnexplain.explorable import Explorable
from nnexplain.fields import decision_field
from nnexplain.frames import replay
from nnexplain.plot import plot_training_curves
from nnexplain.separability import linear_separability

# Experiment dials
N_SAMPLES = 400
SIZES = [2, 3, 3, 1]  # try [2, 2, 2, 1]: a width-2 net never closes the curve
ACTIVATION = "tanh"
EPOCHS = 40
LR = 0.01
SNAPSHOT_EVERY = 40  # optimiser steps between two frames
SEED = 0
checks = Checks()

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
net = MLP(SIZES, activation=ACTIVATION, seed=SEED)
history = net.fit(
    X, y, epochs=EPOCHS, batch_size=16, lr=LR, seed=SEED,
    snapshot_every=SNAPSHOT_EVERY, snapshot_unit="step",
)  # fmt: skip
explorable = Explorable.from_snapshots(net, history, X, y, title="training")
# the video without JavaScript
animation = animate_explorable(explorable, frames_per_transition=2, pause_frames=1)

# %%
# Each stage is one snapshot of the weights: the shading is the network's probability of red
# over the input plane, the small maps what each hidden unit responds to.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).
#
# ## Training, with a snapshot every few steps
#
# `fit(..., snapshot_every=k, snapshot_unit="step")` keeps a copy of every weight every `k`
# steps, plus the starting and final weights. The curves show loss and accuracy after each epoch.

axes = plot_training_curves(history)

# %%
# ## The replay
#
# Left: the network's output over the plane (red: disc, blue: ring) with the data. Right: the
# same points in the last hidden layer, projected on the two directions that the PCA of all
# snapshots together finds, so that the points move and the camera does not. Watch the two
# colours on the right separate while the red region on the left closes around the disc: at the
# start part of the border of the plane is red and no flat cut separates the hidden layer; at
# the end no border point is red and one does.

fig, panels = plt.subplots(1, 2, figsize=(8, 4), layout="constrained")
anim = animate_training(net, history, X, y, axes=panels, resolution=60)


def measure(work):
    """Is the red region closed (no red on the border of the plane)? How separable is the
    last hidden layer?"""
    field = decision_field(work, X, resolution=41).values
    border = np.concatenate([field[0], field[-1], field[:, 0], field[:, -1]])
    return np.mean(border > 0.5), linear_separability(work.trace(X).post_activations[-2], y)


(red_border_0, separable_0), *_, (red_border, separable) = replay(net, history.snapshots, measure)
checks.above(red_border_0, 0.0, "start: share of the border predicted red", fmt=".0%")
checks.at_most(red_border, 0.0, "end: share of the border predicted red", fmt=".0%")
checks.at_most(separable_0, 0.7, "start: last hidden layer, best flat cut", fmt=".1%")
checks.at_least(separable, 1.0, "end: last hidden layer, best flat cut", fmt=".1%")
checks.at_least(net.accuracy(X, y), 1.0, "end: training accuracy", fmt=".1%")
checks
