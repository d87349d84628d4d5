r"""
# Explain a network you trained yourself

A network trained elsewhere (scikit-learn, PyTorch, Keras, or your own arrays) becomes an
nnexplain network with one call, computes the same outputs to rounding, and gets every figure of
this site. Here a 2-3-2-1 network trained by scikit-learn on a disc inside a ring draws its
decision boundary and its journey through the layers.
"""

import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.adapters import from_any, from_sklearn
from nnexplain.animate import animate_layers
from nnexplain.checks import Checks
from nnexplain.datasets import make_circle_in_donut
from nnexplain.io import load_model, save_model
from nnexplain.plot import plot_decision_boundary
from nnexplain.separability import linear_separability

# Experiment dials
HIDDEN = (3, 2)  # hidden widths; the last is 2: a plane we can draw
ACTIVATION = "tanh"  # or "relu", "logistic", "identity"
N_SAMPLES = 400
MAX_ITER = 1000  # at most this many epochs (stops when the loss does)
LR = 0.01  # Adam
FRAMES_PER_STAGE = 14  # frames of each move from one stage to the next
PAUSE_FRAMES = 6  # frames each stage is held
SEED = 3

checks = Checks()

# %%
# ## A network trained with scikit-learn, drawn by nnexplain
#
# The colour is the probability of red that the converted network gives to each point of the
# plane; the black line is where it is 0.5. scikit-learn trained it (its `MLPClassifier`, two
# tanh hidden layers); `from_sklearn` copied its weight matrices and biases and read its
# activations (`"tanh"` hidden, `"logistic"` = sigmoid output). scikit-learn is not a
# dependency of nnexplain (the `[digits]` extra installs it): without it, the script trains
# nnexplain's own `MLP` of the same shape instead.

X, y = make_circle_in_donut(N_SAMPLES, seed=SEED)
try:
    from sklearn.neural_network import MLPClassifier
except ImportError:
    net = MLP([2, *HIDDEN, 1], ACTIVATION, seed=SEED)
    net.fit(X, y, epochs=60, batch_size=16, lr=LR, seed=SEED, evaluate=False)
    reference, reference_accuracy = net.predict_proba(X), net.accuracy(X, y)
else:
    clf = MLPClassifier(
        HIDDEN,
        activation=ACTIVATION,
        learning_rate_init=LR,
        max_iter=MAX_ITER,
        random_state=SEED,
    )
    clf.fit(X, y)
    net = from_sklearn(clf)  # copies coefs_ and intercepts_
    reference = clf.predict_proba(X)[:, 1]  # probability of class 1
    reference_accuracy = clf.score(X, y)

fig, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
plot_decision_boundary(net, X, y, ax=ax, resolution=150)
ax.set_title(f"{net!r}: {net.accuracy(X, y):.0%} correct", fontsize=10)

# %%
# ## One call converts it, and the outputs agree
#
# `from_sklearn` copies the weight matrices and biases and reads the activations (`"tanh"`
# hidden, `"logistic"` = sigmoid output). The copy computes the same probabilities as the
# original, up to floating-point rounding: the largest difference over the 400 points is below
# \(10^{-15}\), and the accuracy is the same (both checked at the end of the page).
# `from_torch`, `from_keras` and `from_any` (which also takes plain
# `(W, b, activation)` triples) do the same for the other libraries.

print(net)
gap = checks.below(
    np.max(np.abs(net.predict_proba(X) - reference)),
    1e-15,
    f"the copy computes the original's probabilities: largest difference over {len(X)} points",
    fmt=".1e",
)
_ = checks.close(
    net.accuracy(X, y), reference_accuracy, "the copy's accuracy is the original's", tol=0
)

# %%
# ## Save it, load it back
#
# `save_model` writes one `.npz` file, a zip of NumPy arrays (the weights `W0, b0, W1, ...` and
# the activation names) that any NumPy reads without pickle; `load_model` reads it back. The
# file lives in a temporary folder that disappears at the end of the `with` block. The loaded
# network computes exactly the same outputs: the difference is 0.

with tempfile.TemporaryDirectory() as folder:
    path = save_model(Path(folder) / "model.npz", net)
    with np.load(path) as arrays:
        print(f"{path.name}, {path.stat().st_size} bytes: {sorted(arrays)}")
    loaded = load_model(path)
_ = checks.at_most(
    np.max(np.abs(loaded.forward(X) - net.forward(X))),
    0.0,
    "the loaded network computes exactly the saved one's outputs: largest difference",
)

# %%
# ## A model trained on logits
#
# A PyTorch classifier usually ends in a plain `Linear` layer and trains with
# `BCEWithLogitsLoss` (`CrossEntropyLoss` for several classes); a Keras one with a loss built
# with `from_logits=True`. The sigmoid is in the loss, not in the model: the model gives a score
# (a logit), and its copy is not a classifier: `accuracy` refuses it. `output="sigmoid"` (or
# `"softmax"`) gives the copy the activation the loss applied, and with it the original's
# predictions. The logits model here is the network above without its output sigmoid, exactly
# what `from_torch` reads from `nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 2),
# nn.Tanh(), nn.Linear(2, 1))`:
#
# ```python
# net = from_torch(model, output="sigmoid")  # BCEWithLogitsLoss
# net = from_torch(model, output="softmax")  # CrossEntropyLoss, one logit per class
# net = from_keras(model, output="sigmoid")  # BinaryCrossentropy(from_logits=True)
# ```
#
# The command line takes the same option: `nnexplain plot --model model.npz --data points.csv
# --out boundary.png --output sigmoid`.

stages = [(layer.W, layer.b, layer.activation) for layer in loaded.layers]
stages[-1] = (*stages[-1][:2], "identity")  # what a final nn.Linear gives: logits
logits_model = from_any(stages)
print(f"logits model: {logits_model!r}")
try:
    logits_model.accuracy(X, y)
    refused = False
except ValueError as exc:
    print(f"accuracy refuses it: {exc}")
    refused = True
_ = checks.true(refused, "accuracy refuses a model that ends in logits", shown=str(refused))
explained = from_any(logits_model, output="sigmoid")
print(f"with output='sigmoid': {explained!r}")
_ = checks.at_most(
    np.max(np.abs(explained.predict_proba(X) - loaded.predict_proba(X))),
    1e-15,
    "with output='sigmoid' it gives the original's probabilities: largest difference",
    fmt=".1e",
)

# %%
# ## What the output layer sees
#
# The last hidden layer has 2 units, so its space is a plane too, and the boundary can be drawn
# there: each point of that plane is sent through the rest of the network. Right, after layer
# 2's tanh: the output unit, one sigmoid of \(hW + b\), is a straight line in this plane, and
# it gets as many points right as the whole network. Left, just before the tanh: the same data;
# there the boundary bends, because the tanh is still to come.

trace = loaded.trace(X)
print(" -> ".join(f"{stage.label} ({stage.width})" for stage in trace))
fig, axes = plt.subplots(1, 2, figsize=(8, 3.9), layout="constrained")
for ax, stage in zip(axes, ("layer 2: affine", "layer 2: tanh"), strict=True):
    plot_decision_boundary(loaded, X, y, stage=stage, ax=ax, resolution=150)
    ax.set(title=stage, xlabel="unit 1", ylabel="unit 2")
separable = {stage.label: linear_separability(stage.values, y) for stage in trace}
_ = checks.at_least(
    separable["layer 2: tanh"],
    loaded.accuracy(X, y),
    "after layer 2's tanh a straight line does as well as the network",
    fmt=".1%",
)

# %%
# ## The journey, layer by layer
#
# The points and a grid of the input plane travel through every stage of the loaded network:
# layer 1's affine map, its tanh, layer 2's affine map, its tanh (layer 1 has 3 units: the
# picture shows the first two). No straight line separates the classes at the input, nor after
# layer 1's affine map, which only turns and stretches the plane; layer 1's tanh is the step
# after which a flat cut does (the fraction a logistic fit gets right at each stage, checked
# below).

fig, ax = plt.subplots(figsize=(3.6, 4.4), layout="constrained")
anim = animate_layers(
    loaded,
    X,
    y,
    projection="first_two",
    frames_per_transition=FRAMES_PER_STAGE,
    pause_frames=PAUSE_FRAMES,
    ax=ax,
    markersize=2,
)
_ = checks.below(separable["input"], 0.7, "a straight line at the input gets", fmt=".1%")
_ = checks.below(
    separable["layer 1: affine"], 0.7, "a flat cut after layer 1's affine map gets", fmt=".1%"
)
_ = checks.at_least(
    separable["layer 1: tanh"], 0.99, "a flat cut after layer 1's tanh gets", fmt=".1%"
)

# %%
# ## The same from the command line
#
# Without writing any Python, the `nnexplain` command (installed with the package; `python -m
# nnexplain` is the same) reads points from a CSV file with columns `x,y,label` (or an `.npy` /
# `.npz` file), trains a small network if you have none, and draws the same figures:
#
# ```bash
# nnexplain train --data points.csv --hidden 3,2 --activation tanh --out model.npz
# nnexplain animate --model model.npz --data points.csv --out journey.mp4
# nnexplain plot --model model.npz --data points.csv --out boundary.png --kind boundary
# ```
#
# `nnexplain animate --projection 3d` turns the camera around 3D stages, and `nnexplain plot
# --kind histograms` or `--kind stages` draws the other figures; each command has `--help`. To
# write your own points for it: `np.savetxt("points.csv", np.column_stack([X, y]),
# delimiter=",", header="x,y,label", comments="")`.
#
# A network trained elsewhere becomes such a `model.npz` in one line. For a PyTorch
# `nn.Sequential` of `Linear` layers and activations, e.g. `model = nn.Sequential(nn.Linear(2,
# 3), nn.Tanh(), nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1), nn.Sigmoid())`:
#
# ```python
# from nnexplain.adapters import from_torch
# from nnexplain.io import save_model
#
# save_model("model.npz", from_torch(model))
# ```
#
# `from_keras(model)` does the same for a Keras `Sequential` of `Dense` layers,
# `from_sklearn(clf)` for a fitted `MLPClassifier` as above, and `from_any` for all of these and
# for a list of `(W, b, activation)` arrays from anywhere else.

# %%
# ## Checked at build time
#
# Every number the page states, measured when the site was built.

checks
