r"""
# Training bends the boundary and pulls the classes apart at the same time

Replaying the weights saved during training shows two faces of one change: in the input plane
the red region closes around the disc, while in the last hidden layer the two classes, mixed at
the start, become separable by a single flat cut. Move the epoch slider below.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.animate import animate_explorable, animate_replay
from nnexplain.checks import Checks
from nnexplain.datasets import make_circle_in_donut
from nnexplain.explorable import Explorable
from nnexplain.fields import data_extent
from nnexplain.plot import plot_training_curves
from nnexplain.replay import training_replay
from nnexplain.separability import linear_separability

# Experiment dials
N_SAMPLES = 400
SIZES = [2, 3, 3, 1]  # try [2, 2, 2, 1]: a width-2 net never closes the curve
ACTIVATION = "tanh"
EPOCHS = 40
LR = 0.01
SNAPSHOT_EVERY = 40  # optimiser steps between two frames
SEED = 0
RESOLUTION = 41  # grid points per axis of the decision fields
checks = Checks()

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
net = MLP(SIZES, activation=ACTIVATION, seed=SEED)
history = net.fit(
    X, y, epochs=EPOCHS, batch_size=16, lr=LR, seed=SEED,
    snapshot_every=SNAPSHOT_EVERY, snapshot_unit="step",
)  # fmt: skip

# %%
# ## Every snapshot, replayed once
#
# `training_replay` puts the network at each saved snapshot once and keeps what the views
# below read: the decision field over the plane, the last hidden layer, the accuracy and each
# unit's map. The player, the video and the checks all come from this one replay.

replay = training_replay(
    net, history, X, y, resolution=RESOLUTION, extent=data_extent(X), units=True
)
explorable = Explorable.from_replay(replay, y, title="training")
# the readout follows the snapshot: how well one flat cut separates the last hidden layer
flat_cut = [linear_separability(h, y) for h in replay.hidden]
explorable.set_readout(
    None,
    [
        f"{label}: the best flat cut of the last hidden layer separates {cut:.1%}"
        for label, cut in zip(explorable.variant().labels, flat_cut, strict=True)
    ],
)
animation = animate_explorable(  # the video without JavaScript
    explorable, frames_per_transition=2, pause_frames=1
)

# %%
# Each stage is one snapshot of the weights: the shading is the network's probability of red
# over the input plane, the small maps what each hidden unit responds to (at the final
# weights). The readout follows the slider: the share of points that the best flat cut of the
# last hidden layer separates at that snapshot, from the untrained network's to 100 %.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).
#
# ## Training, with a snapshot every few steps
#
# `fit(..., snapshot_every=k, snapshot_unit="step")` keeps a copy of every weight every `k`
# steps, plus the starting and final weights. The curves show loss and accuracy after each epoch.
#
# **How this differs from seed 004.** The article trains its tanh networks with Adam for 20
# epochs, batches of 16, on 2000 points, and shows the layers after training. Here a 2-3-3-1
# network trains on 400 points for 40 epochs at a learning rate of 0.01 (batches of 16, Adam),
# so that the replay is short enough to watch and every snapshot is cheap to build; the page
# after this one, [a ring needs width](plot_07_ring_needs_width.md), uses the article's own
# settings.

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
anim = animate_replay(replay, y, axes=panels)

# %%
# ## What the replay shows, checked
#
# The red region is closed when no point on the border of the plane is predicted red; the last
# hidden layer is separable when one flat cut puts every point on its side.


def red_share(field):
    """The share of the border of the plane where the network predicts red."""
    v = field.values
    return np.mean(np.concatenate([v[0], v[-1], v[:, 0], v[:, -1]]) > 0.5)


red_border_0, red_border = red_share(replay.fields[0]), red_share(replay.fields[-1])
separable_0, separable = flat_cut[0], flat_cut[-1]  # as the readout above shows
checks.above(red_border_0, 0.0, "start: share of the border predicted red", fmt=".0%")
checks.at_most(red_border, 0.0, "end: share of the border predicted red", fmt=".0%")
start, end = replay.labels[0], replay.labels[-1]
checks.at_most(separable_0, 0.7, f"{start}: last hidden layer, best flat cut", fmt=".1%")
checks.at_least(separable, 1.0, f"{end}: last hidden layer, best flat cut", fmt=".1%")
checks.at_least(net.accuracy(X, y), 1.0, "end: training accuracy", fmt=".1%")
checks
