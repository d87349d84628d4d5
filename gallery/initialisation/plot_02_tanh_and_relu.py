r"""
# Tanh and ReLU: each activation has the weight scale it needs

The same 5 untrained layers of 100 units, with tanh and with ReLU instead of sigmoid. Tanh, centred
on 0 and close to \(\tanh(x) \approx x\) there, keeps its outputs spread with Xavier's
\(\sigma = \sqrt{1/n}\) or He's \(\sqrt{2/n}\); ReLU, which zeroes half of its inputs,
multiplies the scale of the signal by \(\sqrt{n/2}\,\sigma\) per layer, so only He's
\(\sqrt{2/n}\) keeps it constant: std 1 makes it explode, std 0.01 and even Xavier make it fade.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.distributions import dead_fraction, histograms, saturation_fraction
from nnexplain.experiments import weight_scale_experiment, weight_scale_inits
from nnexplain.explorable import Explorable
from nnexplain.plot import plot_activation_histograms

# Experiment dials: the network of the previous page, two other activations.
N_SAMPLES = 1000
WIDTH = 100
N_LAYERS = 5
INITS = weight_scale_inits()  # std 1, std 0.01, Xavier sqrt(1 / n), He sqrt(2 / n)
ACTIVATIONS = ["sigmoid", "tanh", "relu"]  # the last figure compares all three
BINS = 30
# the weight std dial; with n = 100, Xavier's std is 0.1 and He's 0.141
SIGMAS = [0.01, 0.03, 0.1, 0.141, 0.3, 1.0]
DECADES = (-12.0, 6.0)  # the dial's histograms: log10 |output| over this range
DEFAULT = {"weight std": "0.1", "activation": "ReLU"}  # Xavier's std under ReLU
SEED = 0
SEEDS = range(10)  # the ReLU rule, over this many draws of the weights

# %%
# ## Tanh: saturation at \(\pm 1\), or a collapse to 0
#
# Histograms of each layer's outputs on tanh's range \((-1, 1)\). **std 1**: spikes at \(-1\) and
# \(1\); about 78% of the outputs are saturated (closer than 0.01 to \(\pm 1\), where
# \(\tanh'(x) = 1 - \tanh^2(x) < 0.02\)). **std 0.01**: tanh is the identity near 0, so each layer
# multiplies the scale by \(\sqrt{n}\,\sigma = 0.1\): std 0.1, 0.01, ..., \(10^{-5}\) in layer 5,
# one spike at 0. **Xavier**: a bell that narrows slowly (std 0.63 to 0.32), because
# \(|\tanh(x)| < |x|\) away from 0. **He** keeps more spread (0.72 to 0.56) at the price of a
# little saturation in layer 1 (6%).

X = np.random.default_rng(SEED).standard_normal((N_SAMPLES, WIDTH))
runs = {
    (act, name): weight_scale_experiment(
        X, n_layers=N_LAYERS, activation=act, init=init, seed=SEED
    )
    for act in ACTIVATIONS
    for name, init in INITS.items()
}
checks = Checks()
tanh = [runs["tanh", name] for name in INITS]
axes = plot_activation_histograms(
    tanh, row_labels=list(INITS), bins=BINS, range=(-1.0, 1.0)
)
for ax in axes[-1]:
    ax.set_xlabel("tanh output")


# %%
# ## ReLU: the scale explodes or fades, the shape stays
#
# ReLU outputs lie in \([0, \infty)\), so there is no fixed range to draw: each row gets its own
# x axis (up to the 99th percentile of the row), and the exact zeros are left out of the
# histograms. About half of all outputs are exactly 0 (checked below), whatever the
# scale: without bias, multiplying every weight by a constant does not change any sign. What
# changes is the scale. Without the zeros, a ReLU layer would multiply it by \(\sqrt{n}\,\sigma\);
# zeroing half of the inputs halves the second moment, hence the factor \(\sqrt{n/2}\,\sigma\) per
# layer: about 7 for **std 1** (layers 1 to 3 are squeezed into the first bin by layer 5's values,
# up to \(10^4\)), 0.07 for **std 0.01**, 0.71 for **Xavier**, and 1 for **He**: its five
# histograms look alike.

relu = [runs["relu", name] for name in INITS]
shape = (len(INITS), N_LAYERS)
fig, axes = plt.subplots(
    *shape, figsize=(10.6, 7.3), sharex="row", sharey="row", layout="constrained"
)
for i, (name, acts) in enumerate(zip(INITS, relu, strict=True)):
    positive = [a[a > 0] for a in acts]  # the zeros are counted below, not drawn
    top = np.quantile(np.concatenate(positive), 0.99)
    plot_activation_histograms(
        [positive], row_labels=[name], bins=BINS, range=(0, top), axes=axes[i : i + 1]
    )
for ax in axes[1:].flat:
    ax.set_title("")  # each call titled its own row with the layer names
for ax in axes[-1]:
    ax.set_xlabel("ReLU output > 0")

# %%
# ## Turn the weight scale
#
# The cause, as a dial: the std \(\sigma\) of every weight, from 0.01 to 1, with Xavier's
# \(\sqrt{1/n} = 0.1\) and He's \(\sqrt{2/n} \approx 0.141\) among its stops, for tanh and for
# ReLU. Each stage is a layer, and each histogram is of \(\log_{10} |h|\) (ReLU's exact zeros
# left out): a layer that multiplies the scale by 10 moves the histogram one decade to the right,
# so seven decades of scale fit on one axis. Move the stage slider from layer 1 to layer 5: the
# figure opens on ReLU with Xavier's 0.1, where the histogram slides left a little at every layer.
# Turn \(\sigma\) to 0.141 and it stands still; below, it slides left, above, right. The readout
# gives the factor per layer, measured, next to the rule of the section above: \(\sqrt{n/2}\,
# \sigma\) for ReLU, \(\sqrt{n}\,\sigma\) for tanh (where tanh is close to the identity, at small
# \(\sigma\)).
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

scan = {  # (activation, sigma) -> the outputs of the 5 layers, same input and matrices as above
    (act, sigma): weight_scale_experiment(
        X, n_layers=N_LAYERS, activation=act, init=sigma, seed=SEED
    )
    for act in ("tanh", "relu")
    for sigma in SIGMAS
}


def per_layer(acts):
    """The factor by which a layer multiplies the std: geometric mean over layers 1 -> 5."""
    stds = np.array([a.std() for a in acts])
    return float(np.exp(np.mean(np.log(stds[1:] / stds[:-1]))))


def readout(name, sigma):
    """The measured factor per layer, next to the section's rule, for one dial setting."""
    rule = (
        ("√(n/2)·σ", np.sqrt(WIDTH / 2)) if name == "ReLU" else ("√n·σ", np.sqrt(WIDTH))
    )
    factor = per_layer(scan[name.lower(), sigma])
    return (
        f"{name}, weight std {sigma:g}: each layer multiplies the std by {factor:.2f} "
        f"(rule {rule[0]} = {rule[1] * sigma:.2f})"
    )


# %%
# Each setting of the two dials is one variant: the histograms of the five layers, and the
# readout.


explorable = Explorable(
    dials={"weight std": [f"{s:g}" for s in SIGMAS], "activation": ["tanh", "ReLU"]},
    title="log10 |output|, layer by layer",
    default=DEFAULT,
)
for key in explorable.keys:
    name, sigma = key["activation"], float(key["weight std"])
    acts = [
        [a] for a in scan[name.lower(), sigma]
    ]  # ReLU's zeros are left out in log10
    counts, edges = histograms(acts, bins=36, value_range=DECADES, log10=True)
    layer_names = [f"layer {i + 1}" for i in range(N_LAYERS)]
    panel = "log10 |output|" + (" (outputs > 0)" if name == "ReLU" else "")
    explorable.add_histograms(key, counts, edges, labels=layer_names, panels=[panel])
    explorable.set_readout(key, readout(name, sigma))
# the video without JavaScript, 4 frames a second
animation = animate_explorable(
    explorable, frames_per_transition=2, pause_frames=4, interval=250
)

# %%
# ## Which initialiser for which activation
#
# The standard deviation of each layer's outputs, on a log scale, for all three activations. A
# flat line means the layer passes its input's scale on unchanged, which is what a deep network
# needs. **ReLU**: only He is flat (0.82 to 1.0); Xavier loses a factor \(1/\sqrt{2}\) per
# layer. **Tanh**: over five layers Xavier loses a factor 2 and He a factor 1.3; std 0.01
# collapses by 10 per layer. **Sigmoid**: every line is flat after layer 1, because the sigmoid's
# outputs never go below 0 or above 1, and the flat lines hide the problem shown on the previous
# page (the outputs stop depending on the input). The rule of thumb: He for ReLU, Xavier (or He)
# for tanh, and prefer tanh to sigmoid in hidden layers.

layers = np.arange(1, N_LAYERS + 1)
fig, axes = plt.subplots(1, len(ACTIVATIONS), figsize=(10, 3.4), layout="constrained")
for ax, act in zip(axes, ACTIVATIONS, strict=True):
    for name in INITS:
        ax.semilogy(layers, [a.std() for a in runs[act, name]], "-o", label=name)
    ax.set(title=act, xlabel="layer", xticks=layers)
axes[0].set_ylabel("std of the outputs")
axes[-1].legend(fontsize="small")

# %%
# ### Checked: tanh
#
# std 1 saturates most of tanh's outputs, He a few in layer 1; std 0.01 shrinks the std about
# 10 times a layer.


std = {key: np.array([a.std() for a in acts]) for key, acts in runs.items()}
tanh_sat = {
    name: [saturation_fraction(a, "tanh") for a in runs["tanh", name]] for name in INITS
}
checks.between(
    min(tanh_sat["std 1"]), 0.75, 0.82, "tanh std 1: saturated, lowest layer", fmt=".0%"
)
checks.between(
    tanh_sat["He"][0], 0.04, 0.08, "tanh He: saturated in layer 1", fmt=".0%"
)
checks.close(
    np.exp(np.mean(np.log(std["tanh", "std 0.01"][:-1] / std["tanh", "std 0.01"][1:]))),
    10,
    "tanh std 0.01: fall of the std per layer",
    tol=0.5,
)
for name, (a, b) in [("Xavier", (0.63, 0.32)), ("He", (0.72, 0.56))]:
    checks.close(std["tanh", name][0], a, f"tanh {name}: std of layer 1", tol=0.02)
    checks.close(std["tanh", name][-1], b, f"tanh {name}: std of layer 5", tol=0.02)

# %%
# ### Checked: ReLU
#
# ReLU zeroes about half of every layer's outputs at every scale, and multiplies the std by
# \(\sqrt{n/2}\,\sigma\) a layer: He's \(\sigma = \sqrt{2/n}\) makes that 1.

# one scale is enough: without bias, rescaling the weights changes no sign, so every std zeroes
# exactly the same outputs
zeros = [dead_fraction(a).entries for a in runs["relu", "He"]]
checks.between(
    min(zeros), 0.44, 0.56, "ReLU: zero fraction, lowest of all layers", fmt=".2f"
)
_ = checks.between(
    max(zeros), 0.44, 0.56, "ReLU: zero fraction, highest of all layers", fmt=".2f"
)

# %%
# ### Checked: the ReLU rule on fresh draws, and the dial's readout as the figure opens

# Without bias a ReLU layer scales exactly with its weights, so the four stds of one draw share
# one ratio: the rule is checked once, over fresh draws of the weights (not fitted to one matrix)
fresh = [
    per_layer(
        weight_scale_experiment(
            X, n_layers=N_LAYERS, activation="relu", init=1.0, seed=s
        )
    )
    / np.sqrt(WIDTH / 2)
    for s in SEEDS
]
checks.close(
    np.mean(fresh),
    1.0,
    f"ReLU: growth per layer / (sqrt(n/2) sigma), mean of {len(SEEDS)} draws",
    tol=0.1,
    fmt=".2f",
)
opened = float(DEFAULT["weight std"])  # the dial's readout as the figure opens
checks.close(
    per_layer(scan["relu", opened]),
    np.sqrt(WIDTH / 2) * opened,
    readout("ReLU", opened).split(": each")[0] + ": each layer multiplies the std by "
    f"(rule √(n/2)·σ = {np.sqrt(WIDTH / 2) * opened:.2f})",
    tol=0.1,
    fmt=".2f",
)
checks
