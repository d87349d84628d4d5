r"""
# Explain a network you trained yourself

A network trained elsewhere (scikit-learn, PyTorch, Keras, or your own arrays) becomes an
nnexplain network with one call, computes the same outputs to rounding, and gets every figure of
this site. Here three 2-3-2-1 networks that scikit-learn trained on a disc inside a ring, with
tanh, ReLU and the sigmoid, travel through their layers in 3D. No flat cut separates the classes
at the input; after the first hidden layer's activation one does as well as the whole network,
in all three: 100 % with tanh, 83 % with ReLU. The sigmoid network, stuck at 50 %, had the
classes 74 % apart after its first layer: its second layer lost them.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.adapters import from_sklearn
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import make_circle_in_donut
from nnexplain.explorable import Explorable
from nnexplain.journey import journey
from nnexplain.plot import plot_decision_boundary

# Experiment dials
HIDDEN = (3, 2)  # hidden widths: 3 units (drawn in 3D), then 2 (a plane)
ACTIVATIONS = {"tanh": "tanh", "ReLU": "relu", "sigmoid": "logistic"}  # scikit-learn's names
SHOWN = "tanh"  # the network of the first figures, and where the explorable opens
N_SAMPLES = 400
MAX_ITER = 1000  # at most this many epochs (stops when the loss does)
LR = 0.01  # Adam
SEED = 3

checks = Checks()

# %%
# ## A network trained with scikit-learn, drawn by nnexplain
#
# The colour is the probability of red that the converted tanh network gives to each point of
# the plane; the black line is where it is 0.5. scikit-learn trained it (its `MLPClassifier`),
# and one like it with ReLU and one with the sigmoid; `from_sklearn` copied each one's weight
# matrices and biases and read its activations. scikit-learn is not a dependency of nnexplain
# (the `[digits]` extra installs it): without it, the script trains nnexplain's own `MLP` of
# the same shapes instead.

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
try:
    from sklearn.neural_network import MLPClassifier
except ImportError:  # the same shapes, trained by nnexplain
    MLPClassifier = None
nets, reference = {}, {}  # activation -> converted network, scikit-learn's probabilities
for name, act in ACTIVATIONS.items():
    if MLPClassifier is None:
        own = "sigmoid" if act == "logistic" else act
        nets[name] = MLP([2, *HIDDEN, 1], own, seed=SEED)
        nets[name].fit(X, y, epochs=60, batch_size=16, lr=LR, seed=SEED, evaluate=False)
        reference[name] = nets[name].predict_proba(X), nets[name].accuracy(X, y)
        continue
    clf = MLPClassifier(
        HIDDEN, activation=act, learning_rate_init=LR, max_iter=MAX_ITER, random_state=SEED
    ).fit(X, y)
    nets[name] = from_sklearn(clf)  # copies coefs_ and intercepts_, reads the activations
    reference[name] = clf.predict_proba(X)[:, 1], clf.score(X, y)
net = nets[SHOWN]
fig, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
plot_decision_boundary(net, X, y, ax=ax, resolution=150)
ax.set_title(f"{net!r}: {net.accuracy(X, y):.0%} correct", fontsize=10)

# %%
# ## One call converts it, and the outputs agree
#
# `from_sklearn` copies the weight matrices and biases and reads the activations (`"tanh"`,
# `"relu"` or `"logistic"` = sigmoid). Each copy computes the same probabilities as its
# original, up to floating-point rounding: the largest difference over the 400 points is below
# \(10^{-15}\), and the accuracy is the same (both checked at the end of the page).
# `from_torch`, `from_keras` and `from_any` (which also takes plain
# `(W, b, activation)` triples) do the same for the other libraries.

for name, converted in nets.items():
    print(f"{name}: {converted!r}")
gap = checks.below(
    max(np.max(np.abs(nets[n].predict_proba(X) - reference[n][0])) for n in nets),
    1e-15,
    f"the copies compute the originals' probabilities: largest difference over {len(X)} points",
    fmt=".1e",
)
_ = checks.true(
    all(nets[n].accuracy(X, y) == reference[n][1] for n in nets),
    "each copy's accuracy is its original's",
    shown=", ".join(f"{n} {reference[n][1]:.1%}" for n in nets),
)

# %%
# ## The journey in 3D, for each activation
#
# The points and a grid of the input plane travel through every stage of the converted network:
# layer 1's affine map, its activation, layer 2's affine map, its activation. Layer 1 has three
# units and is drawn as it is, in 3D (the input plane is the floor \(z = 0\)); layer 2 has two.
# The readout follows the stage slider: the share of points the best flat cut of that stage
# puts on the right side. No flat cut separates the classes at the input, nor after layer 1's
# affine map, which only turns and stretches the plane. After layer 1's activation a flat cut
# does as well as the network itself: all of the points with tanh, 83 % with ReLU, whose
# network gets no more. Choose **sigmoid**: its network, which scikit-learn left at 50 %, has
# the classes 74 % apart after layer 1, and its layer 2 squeezes them back together. Drag the
# view to turn it.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

journeys = {name: journey(n, X, projection="3d") for name, n in nets.items()}
explorable = Explorable.from_journeys(
    journeys, y, dial="activation", title="your network, in 3D", default={"activation": SHOWN}
)
cuts = {name: j.flat_cuts(y) for name, j in journeys.items()}
for name, j in journeys.items():  # the readout that follows the stage slider
    explorable.set_readout({"activation": name}, j.flat_cut_readout(cuts[name]))
animation = animate_explorable(explorable, frames_per_transition=6, pause_frames=4)
at = {label: k for k, label in enumerate(journeys[SHOWN].labels)}
_ = checks.below(cuts[SHOWN][at["input"]], 0.7, "input: the best flat cut separates", fmt=".1%")
_ = checks.below(
    max(c[at["layer 1: affine"]] for c in cuts.values()),
    0.7,
    "after layer 1's affine map, the best flat cut of any of the three",
    fmt=".1%",
)
accuracy = {name: n.accuracy(X, y) for name, n in nets.items()}
_ = checks.at_least(  # stage 2 is layer 1's activation; the control, each network's accuracy
    min(cuts[name][2] - accuracy[name] for name in nets),
    -0.005,
    "after layer 1's activation, a flat cut's share minus its network's accuracy, worst of three",
    fmt="+.1%",
)
if MLPClassifier is not None:  # scikit-learn's sigmoid network, which did not learn
    _ = checks.below(
        cuts["sigmoid"][-1],
        cuts["sigmoid"][2] - 0.1,
        "sigmoid network: the best flat cut after layer 2, vs after layer 1",
        fmt=".1%",
    )

# %%
# ## What the output layer sees
#
# The last hidden layer has 2 units, so its space is a plane too, and the boundary can be drawn
# there: each point of that plane is sent through the rest of the network. Right, after layer
# 2's tanh: the output unit, one sigmoid of \(hW + b\), is a straight line in this plane, and
# it gets as many points right as the whole network. Left, just before the tanh: the same data;
# there the boundary bends, because the tanh is still to come.

shown = journeys[SHOWN]
stages = zip(shown.labels, shown.widths, strict=True)
print(" -> ".join(f"{label} ({width})" for label, width in stages))
fig, axes = plt.subplots(1, 2, figsize=(8, 3.9), layout="constrained")
for ax, stage in zip(axes, ("layer 2: affine", "layer 2: tanh"), strict=True):
    plot_decision_boundary(net, X, y, stage=stage, ax=ax, resolution=150)
    ax.set(title=stage, xlabel="unit 1", ylabel="unit 2")
_ = checks.at_least(
    cuts[SHOWN][at["layer 2: tanh"]],
    net.accuracy(X, y),
    "after layer 2's tanh a straight line does as well as the network",
    fmt=".1%",
)

# %%
# ## Checked at build time
#
# Every number the page states, measured when the site was built.

checks
