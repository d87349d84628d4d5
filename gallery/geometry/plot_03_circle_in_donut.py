r"""
# A disc inside a ring: tanh pulls the classes apart, ReLU flattens them

No straight line separates the red disc from the blue ring around it, yet a network with three
hidden layers of three units, 2-3-3-3-1, learns to: layer by layer, the classes become
separable by a flat plane. Choose the activation and the seed below and scrub through the
layers: tanh keeps the red disc at least a third as spread (against the ring) as it is in the
input, in every one of ten runs; ReLU sets coordinates to exactly 0 and, in half of the runs,
crushes the whole disc into a heap six times tighter than that, or more.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import palette, train_mlp
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import make_circle_in_donut
from nnexplain.distributions import collapsed_fraction, dead_units
from nnexplain.explorable import Explorable
from nnexplain.plot import plot_points
from nnexplain.projections import project_stages
from nnexplain.separability import linear_separability

# Experiment dials
SIZES = [2, 3, 3, 3, 1]  # seed 000's network: 3 hidden layers of 3 units
ACTIVATIONS = {  # name on the page -> activation of each hidden layer
    "tanh": "tanh",
    "ReLU": "relu",
    "tanh/ReLU/tanh": ["tanh", "relu", "tanh"],
}
COLORS = {  # the site's activation palette; the mixed network in neutral ink
    "tanh": palette.ACTIVATIONS["tanh"]["color"],
    "ReLU": palette.ACTIVATIONS["relu"]["color"],
    "tanh/ReLU/tanh": palette.NEUTRAL["ink"],
}
SEEDS = range(10)  # trainings per network for the claims that depend on the seed
N_SAMPLES = 600
EPOCHS = 30
BATCH_SIZE = 16
LR = 0.01  # Adam
SEED = 0  # the networks drawn
checks = Checks()

# %%
# Each network is trained from ten seeds; the explorable holds every run, the seed as a slider.

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
options = {"epochs": EPOCHS, "batch_size": BATCH_SIZE, "lr": LR, "evaluate": False}
runs = {  # every network, every seed: the first seed is the one drawn
    name: [train_mlp(SIZES, X, y, activation=act, seed=s, **options) for s in SEEDS]
    for name, act in ACTIVATIONS.items()
}
nets = {name: nets_of[SEED] for name, nets_of in runs.items()}
# one variant per activation and seed: the seed is a dial too (a slider)
every = {(name, str(s)): runs[name][s] for name in ACTIVATIONS for s in SEEDS}
explorable = Explorable.from_networks(
    every, X, y, dial=("activation", "seed"), title="disc in a ring"
)
# the video without JavaScript
animation = animate_explorable(explorable, frames_per_transition=4, pause_frames=2)

# %%
# The readout under the dials: the disc's spread over the ring's in the last hidden layer, next
# to the same number for the input, the control.


def spread_ratio(h):
    """Mean distance of the red points to their centre over the same for the blue points."""
    spread = [np.linalg.norm(h[y == k] - h[y == k].mean(axis=0), axis=1).mean() for k in (0, 1)]
    return spread[1] / spread[0] if spread[0] > 0 else np.nan  # nan: every unit dead


def last_hidden(net):
    return net.trace(X).post_activations[-2]


input_spread = spread_ratio(X)  # the control: how spread the disc is before any layer


def spread_line(name, seed):
    """The readout: the red/blue spread of a run's last hidden layer, against the input's."""
    r = spread_ratio(last_hidden(runs[name][seed]))
    shown = "every unit dead" if np.isnan(r) else f"{r:.3f}"
    return f"{name}, seed {seed}: red/blue spread in layer 3 = {shown} (input: {input_spread:.3f})"


for name, seed in every:
    explorable.set_readout({"activation": name, "seed": seed}, spread_line(name, int(seed)))

# %%
# Move the seed slider to see all ten runs of each network. Each stage has 3 coordinates and
# is drawn as it is: the input plane is the floor \(z = 0\).
# Drag the view to turn it, point at a dot to follow it through every stage; the small maps
# show what each hidden unit responds to over the input plane (purple negative, green
# positive) and the output's probability of red.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).
#
# ## Where the classes become separable
#
# The output unit only draws a flat plane through the last hidden layer, so the layers before
# it must make the classes linearly separable. Left: how well the best flat cut that a
# logistic regression finds separates them at each stage (the activations' outputs; the
# affine maps in between change nothing here, they only turn and stretch). On the input plane
# no line beats a coin by much; after layer 2 all three networks are separable. Right: after
# each of its ReLU layers, the share of points with a coordinate set to exactly 0, flattened
# onto a face of the positive corner; tanh never does that.


def stage_values(net):
    """The input and the output of each hidden layer."""
    return [X, *net.trace(X).post_activations[:-1]]


stage_names = ["input", "layer 1", "layer 2", "layer 3"]
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.3), layout="constrained")
for (name, net), size, style in zip(nets.items(), (9, 5, 5), ("-", "--", "-"), strict=True):
    separable = [linear_separability(h, y) for h in stage_values(net)]
    left.plot(stage_names, separable, style, marker="o", ms=size, color=COLORS[name], label=name)
relu_layers = stage_values(nets["ReLU"])[1:]
flat = [collapsed_fraction(h) for h in relu_layers]
right.bar(stage_names[1:], flat, color=COLORS["ReLU"], width=0.5)
left.set(title="linear separability", ylabel="accuracy of the best flat cut", ylim=(0.45, 1.03))
left.legend(loc="lower right")
right.set(title="ReLU network", ylabel="points with a coordinate = 0", ylim=(0, 1.05))

for name, net in nets.items():
    checks.at_least(net.accuracy(X, y), 1.0, f"{name}, seed {SEED}: training accuracy", fmt=".0%")
checks.at_most(linear_separability(X, y), 0.6, "input plane: best flat cut", fmt=".1%")
for name, net in nets.items():
    h2 = stage_values(net)[2]
    checks.at_least(linear_separability(h2, y), 1.0, f"{name}: layer 2 separable", fmt=".0%")
fewest = checks.at_least(
    min(flat), 0.45, "ReLU, seed 0: flattened points, fewest of 3 layers", fmt=".0%"
)

# %%
# ## The last hidden layer of each network
#
# The stage just before the output, projected on the two main directions of a PCA fitted on all
# stages of the network. With tanh both classes stay spread out. With ReLU two of the three
# units of the last layer are dead (0 for every point): the whole layer lies on one line, and
# the red disc has collapsed to a dot at one end of it, at most a hundredth of the ring's
# spread. The mixed network flattens every point in its middle (ReLU) layer and spreads them
# again in the last.


fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.6), layout="constrained")
for ax, (name, net) in zip(axes, nets.items(), strict=True):
    stages = stage_values(net)
    last = project_stages(stages, "pca")[0][-1]  # PCA on input ... last hidden
    plot_points(last, y, ax=ax, markersize=2.5)
    ax.set(title=f"{name}\nred/blue spread {spread_ratio(stages[-1]):.3f}", xlabel="PC 1")
    ax.set_aspect("equal", adjustable="datalim")

last = {name: stage_values(net)[-1] for name, net in nets.items()}
checks.at_least(  # the readout of the figure above, as it opens
    spread_ratio(last["tanh"]),
    0.3 * input_spread,
    f"tanh, seed {SEED}: red/blue spread in layer 3 (input: {input_spread:.3f})",
    fmt=".3f",
)
checks.at_most(spread_ratio(last["ReLU"]), 0.01, "ReLU, seed 0: red/blue spread", fmt=".3f")
checks.close(dead_units(last["ReLU"]).sum(), 2, "ReLU, seed 0: dead units of layer 3", tol=0)
mixed = stage_values(nets["tanh/ReLU/tanh"])
checks.at_least(collapsed_fraction(mixed[2]), 0.45, "mixed: flattened after layer 2", fmt=".0%")
spread = checks.at_least(
    spread_ratio(mixed[3]), 0.1, "mixed: red/blue spread after layer 3", fmt=".3f"
)

# %%
# ## Is it the seed? Ten trainings of each network
#
# Each dot is one training run (same data, another seed for the weights): the red-to-blue
# spread in its last hidden layer, on a log scale; a hollow dot is a run that stopped below
# 100 % (at the right edge: a run whose every unit died). Every tanh run keeps the red disc
# at least 0.3 times as spread as it is in the input (0.326), though half of them end below
# that: tanh does not spread the disc out, it keeps it from collapsing. ReLU crushes it to a
# heap under a sixth of the input's spread in half of the runs, piles up the ring instead in
# others, and kills units: once a unit's input is negative for every point, it outputs 0 for
# good.

fig, ax = plt.subplots(figsize=(6.5, 2.8), layout="constrained")
summary = {}
for row, (name, nets_of) in enumerate(runs.items()):
    ratio = np.array([spread_ratio(stage_values(net)[-1]) for net in nets_of])
    solved = np.array([net.accuracy(X, y) == 1.0 for net in nets_of])
    summary[name] = ratio, solved
    shown = np.clip(np.nan_to_num(ratio, nan=1e3), 1e-3, 1e3)  # all-dead runs: at the edge
    for full, face in ((True, COLORS[name]), (False, "none")):
        ax.scatter(shown[solved == full], [row] * np.sum(solved == full), s=40,
                   facecolors=face, edgecolors=COLORS[name])  # fmt: skip
ax.set(xscale="log", yticks=range(3), yticklabels=list(runs), ylim=(2.5, -0.5))
ax.set_xlabel("spread of red / spread of blue in the last hidden layer")
ax.axvline(1, color="0.8", zorder=0)

n = len(SEEDS)
tanh_ratio, tanh_solved = summary["tanh"]
relu_ratio, relu_solved = summary["ReLU"]
checks.at_least(tanh_solved.sum(), n, f"tanh: runs at 100 % (of {n})", fmt="d")
third = 0.3 * input_spread  # the control: the disc's spread before any layer
checks.at_least(tanh_ratio.min(), third, f"tanh: red/blue spread, lowest of {n}", fmt=".3f")
below_input = np.sum(tanh_ratio < input_spread)
checks.at_least(below_input, 1, f"tanh: runs ending below the input's spread (of {n})", fmt="d")
crushed = np.sum(relu_ratio < input_spread / 6)
checks.between(crushed, 4, 6, f"ReLU: runs under a sixth of the input's spread (of {n})", fmt="d")
checks.at_least(np.sum(relu_ratio > 10), 1, "ReLU: runs that pile up the ring instead", fmt="d")
checks.at_most(relu_solved.sum(), n - 1, f"ReLU: runs at 100 % (of {n})", fmt="d")
dead = [dead_units(stage_values(net)[-1]).sum() for net in runs["ReLU"]]
checks.at_least(np.count_nonzero(dead), 1, "ReLU: runs with a dead unit in layer 3", fmt="d")
flat_all = [collapsed_fraction(h) for net in runs["ReLU"] for h in stage_values(net)[1:]]
checks.at_least(min(flat_all), 0.45, f"ReLU: flattened points, fewest of {n} x 3 layers", fmt=".0%")
checks
