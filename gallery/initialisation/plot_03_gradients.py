r"""
# Vanishing and exploding gradients, layer by layer

On the way back, each layer multiplies the error signal by its transposed weights and by the
activation's slope. On the 8x8 digits, at initialisation, a sigmoid network with Xavier weights
hands its first layer a gradient about 1500 times smaller than its output layer; tanh with
Xavier or He, and ReLU with He, pass it back within a factor of 2.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import load_digits
from nnexplain.distributions import histograms
from nnexplain.experiments import weight_scale_inits
from nnexplain.explorable import Explorable
from nnexplain.gradients import backward_gains, gradient_norms
from nnexplain.palette import init_style
from nnexplain.plot import plot_activation_histograms

# Experiment dials: a 64-100-100-100-100-100-10 classifier of the 8x8 digits, untrained.
HIDDEN = [100] * 5
ACTIVATIONS = ["sigmoid", "tanh", "relu"]
HISTOGRAM_ACTIVATION = "sigmoid"  # the activation of the gradient histograms
INITS = weight_scale_inits()  # std 1, std 0.01, Xavier sqrt(1 / n), He sqrt(2 / n)
DECADES = (-14.0, 0.0)  # the histograms: log10 |dL/dw| over this range
# the explorable opens on the headline
DEFAULT = {"init": "Xavier", "activation": "sigmoid"}
SEED = 0  # the networks drawn
SEEDS = range(10)  # the headline ratios, over this many weight draws
checks = Checks()

# %%
# ## Twelve untrained networks, one gradient norm per layer
#
# Three activations times four weight scales, all drawn from one seed; for each, the size of
# the gradient of every weight matrix on all 1797 digits.


X, y = load_digits()
sizes = [X.shape[1], *HIDDEN, 10]
nets = {
    (act, name): MLP(sizes, activation=act, init=init, seed=SEED)
    for act in ACTIVATIONS
    for name, init in INITS.items()
}
norms = {key: gradient_norms(net, X, y) for key, net in nets.items()}
layers = np.arange(1, len(sizes))
fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), sharey=True, layout="constrained")
for ax, act in zip(axes, ACTIVATIONS, strict=True):
    for name in INITS:
        ax.semilogy(layers, norms[act, name], "-", **init_style(name), label=name)
    ax.set(title=act, xlabel="layer (6 = output)", xticks=layers)
axes[0].set_ylabel(r"$\|\partial L / \partial W_\ell\|_F$")
axes[0].legend(fontsize="small", loc="lower right")
# %%
# Each line is one untrained network: the size \(\|\partial L / \partial W_\ell\|_F\) of the
# gradient of each weight matrix, for the cross-entropy loss on all 1797 digits, from layer 1
# (next to the input) to layer 6 (the output), on a log scale. A line that rises to the right
# is a vanishing gradient: look at **sigmoid** with **Xavier** (olive triangles) and
# **std 0.01** (hollow brown squares, 7 orders of magnitude). A line that falls to the right
# explodes: **tanh** with **std 1** (brown circles), 11 times larger in layer 1 than in layer 6.
#
# Flat lines can still be wrong. With **std 0.01**, tanh and ReLU shrink the signal by 10 per
# layer on the way forward (previous page) and by as much on the way back; a weight's gradient
# is the product of the two, about \(10^{-6}\) in every layer. **ReLU** with **std 1** is flat
# and enormous, about \(5 \times 10^4\): one step of gradient descent with a usual learning
# rate throws the weights far away.

ratio = {key: g[0] / g[-1] for key, g in norms.items()}  # layer 1 / layer 6
ratios = {}  # the same ratio for other weight draws
for act, name in [
    ("sigmoid", "Xavier"),
    ("tanh", "Xavier"),
    ("tanh", "He"),
    ("relu", "He"),
]:
    redrawn = [MLP(sizes, activation=act, init=INITS[name], seed=s) for s in SEEDS]
    ratios[act, name] = [np.divide(*gradient_norms(n, X, y)[[0, -1]]) for n in redrawn]
worst = max(
    max(r, 1 / r) for key, rs in ratios.items() if key[0] != "sigmoid" for r in rs
)

# %%
# ### Checked: the headline ratio, on this draw and on ten others

checks.between(
    ratio["sigmoid", "Xavier"],
    1 / 2000,
    1 / 1000,
    "sigmoid Xavier: layer 1 / layer 6",
    fmt=".2g",
)
checks.at_most(
    max(ratios["sigmoid", "Xavier"]),
    1 / 500,
    f"sigmoid Xavier: layer 1 / layer 6, largest of {len(SEEDS)} seeds",
    fmt=".2g",
)
_ = checks.at_most(
    worst,
    2.0,
    f"tanh Xavier/He, ReLU He: max(ratio, 1/ratio), worst of {len(SEEDS)} seeds",
)

# %%
# The other lines: sigmoid with std 0.01 vanishes, tanh with std 1 explodes, std 0.01 is tiny
# in every layer and ReLU with std 1 enormous.

checks.below(
    ratio["sigmoid", "std 0.01"], 1e-7, "sigmoid std 0.01: layer 1 / layer 6", fmt=".1g"
)
checks.above(ratio["tanh", "std 1"], 10, "tanh std 1: layer 1 / layer 6", fmt=".3g")
checks.at_most(
    max(norms[act, "std 0.01"].max() for act in ["tanh", "relu"]),
    1e-5,
    "tanh and ReLU std 0.01: largest gradient norm of any layer",
    fmt=".2g",
)
_ = checks.at_least(
    norms["relu", "std 1"].min(), 3e4, "ReLU std 1: smallest norm", fmt=".2g"
)
# %%
# ## Two factors per layer: the weights and the slope
#
# Backpropagation carries the error \(\delta_\ell = \partial L / \partial z_\ell\) from layer
# \(\ell + 1\) to layer \(\ell\) as
# \(\delta_\ell = (\delta_{\ell+1} W_{\ell+1}^\top) \odot f'(z_\ell)\): one product with the
# weights, one with the slope. The bars measure both gains, averaged over the five hidden
# layers; the black dot is their product, the factor the error is multiplied by per layer.
#
# The weights multiply it by about \(\sqrt{n}\,\sigma\) (\(n = 100\)): 10 for **std 1**, 0.1
# for **std 0.01**, 1 for **Xavier** and 1.4 for **He**. The sigmoid's slope never exceeds
# \(1/4\), so with Xavier the product is about 0.23 per layer, \(0.23^5 \approx 10^{-3}\) over
# five. But the slope is not the whole story: look at **sigmoid std 1**. Its units are
# saturated, the slope's gain falls to about 0.1, and the weights' gain of 10 makes up for it;
# the error reaches layer 1 nearly intact, and the weight gradient of layer 1 is only about 5
# times smaller than that of layer 6. A bound like \(1/4^L\) on the slopes says nothing until
# the weights are counted too (see [the vanishing-gradient page of the activation
# section](../activations/plot_03_vanishing_gradients.md)).

gains = {key: backward_gains(net, X, y) for key, net in nets.items()}
fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), sharey=True, layout="constrained")
x = np.arange(len(INITS))
for ax, act in zip(axes, ACTIVATIONS, strict=True):
    w = [gains[act, name].weights.mean() for name in INITS]
    s = [gains[act, name].slope.mean() for name in INITS]
    colors = [init_style(name, marker=False)["color"] for name in INITS]
    ax.bar(x - 0.2, w, 0.4, color=colors, alpha=0.45, label=r"weights $W^\top$")
    ax.bar(x + 0.2, s, 0.4, color=colors, hatch="//", label=r"slope $f'(z)$")
    ax.plot(x, np.multiply(w, s), "ko", label="product")
    ax.axhline(1, color="0.5", lw=0.8)
    ax.set(title=act, xticks=x, xticklabels=list(INITS), yscale="log")
axes[0].set_ylabel("gain per layer (backward)")
axes[0].legend(fontsize="x-small", loc="upper right")

# %%
# ### Checked: each gain against its closed form
#
# The slope's gain never exceeds the sigmoid's largest slope, \(1/4\); the weights' gain is
# \(\sqrt{n}\,\sigma\); sigmoid with std 1 passes the error back nearly intact.

sig1, sigx = gains["sigmoid", "std 1"], gains["sigmoid", "Xavier"]
checks.at_most(
    max(g.slope.max() for (act, _), g in gains.items() if act == "sigmoid"),
    0.25,
    "sigmoid: largest slope gain of any layer and initialisation",
    fmt=".3f",
)
for name, sigma in [("std 1", 1.0), ("Xavier", 0.1), ("He", np.sqrt(0.02))]:
    checks.close(
        gains["sigmoid", name].weights.mean() / (10 * sigma),
        1.0,
        f"{name}: weights' gain / (sqrt(n) sigma)",
        tol=0.1,
        fmt=".2f",
    )

# %%
# Sigmoid with std 1: a small slope gain, made up for by the weights' gain, so the error reaches
# layer 1 nearly intact; sigmoid with Xavier: the product of five gains.

checks.between(sig1.slope.mean(), 0.05, 0.15, "sigmoid std 1: slope gain", fmt=".2f")
checks.between(
    sig1.delta[0] / sig1.delta[-1],
    0.5,
    2.0,
    "sigmoid std 1: error at layer 1 / layer 6",
)
checks.between(
    ratio["sigmoid", "std 1"], 1 / 8, 1 / 4, "sigmoid std 1: layer 1 / layer 6"
)
_ = checks.between(
    np.prod(sigx.weights * sigx.slope),
    0.5e-3,
    2e-3,
    "sigmoid Xavier: product over 5 layers",
)
# %%
# ## The whole distribution of the gradients
#
# A norm is one number per layer. The histograms show every weight's gradient on a log scale
# (\(\log_{10} |\partial L / \partial w|\)) for the sigmoid networks: rows are the
# initialisations, columns the layers. Read each row from right (output) to left (input): for
# **std 0.01** the distribution slides left by 1 to 2 decades per layer, for **Xavier** and
# **He** by about half a decade. For **std 1** it stays within about half a decade of
# \(10^{-2.5}\) in every hidden layer, but wide, with a long tail to the left: the weights of
# units that are
# saturated for most samples get little. The output layer holds only 1000 weights (the hidden
# layers 6400 and 10000), hence its small bars.

every_grad = {  # (activation, init) -> dL/dW of each layer, for every network
    key: [dW for dW, _ in net.gradients(X, y)[1]] for key, net in nets.items()
}
log_grads = {  # the figure's networks: log10 |dL/dw| of the nonzero gradients
    name: [
        np.log10(np.abs(dW[dW != 0])) for dW in every_grad[HISTOGRAM_ACTIVATION, name]
    ]
    for name in INITS
}
col_labels = [f"layer {k}" for k in layers[:-1]] + ["layer 6 (output)"]
axes = plot_activation_histograms(
    list(log_grads.values()),
    row_labels=list(INITS),
    col_labels=col_labels,
    range=DECADES,
)
for ax in axes[-1]:
    ax.set_xlabel(r"$\log_{10} |\partial L / \partial w|$")

# %%
# ## Turn the dials: every activation, every scale
#
# The same histograms for any of the twelve networks, one layer per stage, from the output
# (layer 6) back to the input (layer 1), the way the error travels. It opens on sigmoid with
# Xavier: the histogram slides left at every step back. Switch to tanh or to ReLU with He and
# it barely moves; to std 0.01 and it starts far to the left (with sigmoid it keeps sliding).
# The readout gives the ratio of the two ends' gradient norms, the number of the first figure.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

DIAL = {"sigmoid": "sigmoid", "tanh": "tanh", "ReLU": "relu"}  # as the reader sees them
explorable = Explorable(
    dials={"init": list(INITS), "activation": list(DIAL)},
    title="log10 |dL/dw|, from the output back",
    default=DEFAULT,
)
back = list(range(len(sizes) - 2, -1, -1))  # layer 6 (output) first, then 5, ..., 1
for key in explorable.keys:
    net_key = DIAL[key["activation"]], key["init"]
    grads = [[every_grad[net_key][k]] for k in back]
    counts, edges = histograms(grads, bins=42, value_range=DECADES, log10=True)
    shares = counts / counts.sum(
        axis=-1, keepdims=True
    )  # the output: 10x fewer weights
    labels = [col_labels[k] for k in back]
    panel = "log10 |dL/dw|, share of the layer's weights"
    explorable.add_histograms(key, shares, edges, labels=labels, panels=[panel])
    explorable.set_readout(
        key,
        f"{net_key[0]} {net_key[1]}: layer 1 / layer 6 = {ratio[net_key]:.2g} "
        "(gradient norms)",
    )
# the video without JavaScript
animation = animate_explorable(explorable, frames_per_transition=3, pause_frames=4)

# %%
# ### Checked: how far each row's median slides per layer, in decades


medians = {
    name: np.array([np.median(v) for v in logs]) for name, logs in log_grads.items()
}
steps = {name: np.diff(m) for name, m in medians.items()}  # decades per layer, 1 -> 6
checks.between(
    steps["std 0.01"].min(), 0.9, 2.1, "std 0.01: smallest step of the median"
)
checks.between(steps["std 0.01"].max(), 0.9, 2.1, "std 0.01: largest step (decades)")
for name in ["Xavier", "He"]:
    checks.between(
        steps[name].mean(), 0.4, 0.9, f"{name}: mean step of the median (decades)"
    )
hidden = medians["std 1"][:-1]
checks.at_most(
    np.ptp(hidden), 0.6, "std 1: range of the hidden layers' medians (decades)"
)
checks.between(
    hidden.mean(), -2.8, -2.2, "std 1: mean median of the hidden layers (log10)"
)
checks
