r"""
# Training bends the boundary and pulls the classes apart at the same time

A trained network is the end of a process. Replaying the parameters saved during training shows
the two faces of the same change: in the input plane the decision boundary grows from a band
across the plane into a closed curve around the disc, while in the last hidden layer the two
classes, mixed at the start, drift apart until a single plane separates them. The output layer
is that plane; the curve on the left is the same plane seen back through the network's warp.
"""

import matplotlib.pyplot as plt

from nnexplain import MLP
from nnexplain.animate import animate_training
from nnexplain.datasets import make_circle_in_donut
from nnexplain.plot import plot_training_curves

# Experiment dials
N_SAMPLES = 400
SIZES = [2, 3, 3, 1]  # try [2, 2, 2, 1]: a width-2 net never closes the curve
ACTIVATION = "tanh"
EPOCHS = 40
LR = 0.01
SNAPSHOT_EVERY = 40  # optimiser steps between two frames
SEED = 0

# %%
# ## Training, with a snapshot every few steps
#
# `fit(..., snapshot_every=k, snapshot_unit="step")` keeps a copy of every weight every `k`
# steps, plus the starting and final weights. The curves show loss and accuracy after each epoch;
# the replay below shows what the weights were doing meanwhile.

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
net = MLP(SIZES, activation=ACTIVATION, seed=SEED)
history = net.fit(
    X,
    y,
    epochs=EPOCHS,
    batch_size=16,
    lr=LR,
    seed=SEED,
    snapshot_every=SNAPSHOT_EVERY,
    snapshot_unit="step",
)
print(f"{net}: {history}")
print(f"{len(history.snapshots)} snapshots, one every {SNAPSHOT_EVERY} steps")

axes = plot_training_curves(history)

# %%
# ## The replay
#
# Left: the network's output over the plane (red: disc, blue: ring) with the data. Right: the
# same points in the last hidden layer, projected on the two directions that the PCA of all
# snapshots together finds, so that the points move and the camera does not. Watch the two
# colours on the right separate while the red region on the left closes around the disc.

fig, panels = plt.subplots(1, 2, figsize=(8, 4), layout="constrained")
anim = animate_training(net, history, X, y, axes=panels, resolution=60)
