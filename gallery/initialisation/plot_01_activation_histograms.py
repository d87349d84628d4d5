r"""
# The weight scale decides what a deep sigmoid network's layers output

Push 1000 random inputs through 5 untrained layers of 100 sigmoid units, as in chapter 6 of
"Deep Learning from Scratch": weights of std 1 pile the outputs up at 0 and 1, std 0.01 at 0.5,
and Xavier's \(\sqrt{1/n}\) or He's \(\sqrt{2/n}\) keep them spread. A spread histogram can
still hide layers that answer the same for every input.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.distributions import saturation_fraction
from nnexplain.experiments import weight_scale_experiment, weight_scale_inits
from nnexplain.explorable import Explorable, histograms
from nnexplain.palette import init_style
from nnexplain.plot import plot_activation_histograms

# Experiment dials: the article's network, and the four weight scales it compares.
N_SAMPLES = 1000  # rows of the random input
WIDTH = 100  # units per layer, and input features
N_LAYERS = 5
ACTIVATION = "sigmoid"  # try "tanh" (then use range (-1, 1) below)
INITS = weight_scale_inits()  # std 1, std 0.01, Xavier sqrt(1 / n), He sqrt(2 / n)
BINS = 30
SEED = 0  # the input and the weights drawn
SEEDS = range(10)  # the claims about the deepest layer, over this many draws
DEFAULT = {"init": "std 0.01", "activation": "tanh"}  # the explorable opens here
DIAL = {  # the explorable's activations, as the reader sees them -> (name, binned range)
    "sigmoid": ("sigmoid", (0.0, 1.0)),
    "tanh": ("tanh", (-1.0, 1.0)),
    "ReLU": ("relu", None),  # unbounded: from 0 to the largest output of any layer
}
checks = Checks()

# %%
# ## One input, one set of matrices, four scales
#
# Each run pushes the same input through the same random matrices, rescaled by the
# initialiser; one histogram per layer and scale.


X = np.random.default_rng(SEED).standard_normal((N_SAMPLES, WIDTH))
runs = {
    name: weight_scale_experiment(
        X, n_layers=N_LAYERS, activation=ACTIVATION, init=init, seed=SEED
    )
    for name, init in INITS.items()
}
axes = plot_activation_histograms(list(runs.values()), row_labels=list(runs), bins=BINS)
for ax in axes[-1]:
    ax.set_xlabel(f"{ACTIVATION} output")

# %%
# Each row is one initialisation, each column one layer, and each panel a histogram of the
# \(1000 \times 100\) outputs of that layer (30 bins on \((0, 1)\), as in the book). All four
# rows start from the same input and the same random matrices, only multiplied by a different
# scale.
#
# Read the rows from top to bottom. **std 1**: two spikes at 0 and 1 in every layer; about
# half of the outputs are *saturated* (closer than 0.01 to 0 or 1, where
# \(\sigma'(x) < 0.01\)). **std 0.01**: a single spike at 0.5; the outputs' standard deviation
# is about 0.01, so 100 units give 100 copies of nearly the same number. **Xavier** and
# **He**: a bell around 0.5, and nothing saturated from layer 2 on.

saturated = {
    name: [saturation_fraction(a, ACTIVATION) for a in acts]
    for name, acts in runs.items()
}
checks.between(
    min(saturated["std 1"]),
    0.45,
    0.7,
    "std 1: saturated fraction, lowest layer",
    fmt=".0%",
)
checks.at_most(
    max(a.std() for a in runs["std 0.01"][1:]), 0.015, "std 0.01: std of layers 2-5"
)
checks.close(
    runs["std 0.01"][-1].mean(), 0.5, "std 0.01: mean output of layer 5", tol=0.01
)
_ = checks.at_most(
    max(max(saturated[name][1:]) for name in ["Xavier", "He"]),
    0.001,
    "Xavier and He: saturated fraction of layers 2-5, highest",
    fmt=".2%",
)
# %%
# ## Turn the dials
#
# Choose an initialiser and an activation, and scrub through the five layers: the same input
# and the same random matrices as above, only the scale and the activation change. With
# **tanh**, std 0.01 shrinks the outputs towards 0 layer after layer (the std of layer 5 is
# below 0.001) while Xavier keeps them spread. **ReLU** zeroes about half of the outputs of
# every layer; they are left out of its histograms, which show the positive outputs: with
# std 0.01 they shrink by about 13 times a layer, with He they keep their scale, with std 1
# they grow by about 8 times a layer.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

explorable = Explorable(
    dials={"init": list(INITS), "activation": list(DIAL)},
    title="outputs at initialisation",
    default=DEFAULT,  # opens where the layers differ most: tanh's outputs fading to 0
)
outputs = {}  # (init, activation) -> the outputs of the 5 layers
for key in explorable.keys:
    act, value_range = DIAL[key["activation"]]
    init = INITS[key["init"]]
    acts = (
        runs[key["init"]]
        if act == ACTIVATION
        else weight_scale_experiment(
            X, n_layers=N_LAYERS, activation=act, init=init, seed=SEED
        )
    )
    outputs[key["init"], key["activation"]] = acts
    shown_acts = [a[a > 0] if act == "relu" else a for a in acts]
    counts, edges = histograms(
        [[a] for a in shown_acts], bins=BINS, value_range=value_range
    )
    explorable.add_histograms(
        key,
        counts,
        edges,
        labels=[f"layer {i + 1}" for i in range(N_LAYERS)],
        panels=[f"{key['activation']} outputs" + (" > 0" if act == "relu" else "")],
    )

# %%
# ## The readout: the deepest layer's spread
#
# Under the dials, the std of layer 5's outputs (of its positive outputs, for ReLU), for the
# setting on screen.


def stds(init, activation):
    """The std of all outputs of each layer (ReLU: of its positive outputs)."""
    return np.array(
        [
            (a[a > 0] if activation == "ReLU" else a).std()
            for a in outputs[init, activation]
        ]
    )


for key in explorable.keys:  # the readout under the dials: the deepest layer's spread
    init, activation = key["init"], key["activation"]
    of = "positive outputs" if activation == "ReLU" else "outputs"
    last = stds(init, activation)[-1]
    explorable.set_readout(
        key, f"{init}, {activation}: std of layer 5's {of} = {last:.1g}"
    )

# the video without JavaScript, 4 frames a second
animation = animate_explorable(
    explorable, frames_per_transition=2, pause_frames=4, interval=250
)

# %%
# ### Checked: the numbers the dials' prose quotes
#
# With tanh, std 0.01 fades to nothing by layer 5 and Xavier keeps the spread; ReLU zeroes
# about half of every layer and multiplies the rest's std by a fixed factor a layer.

checks.below(
    stds("std 0.01", "tanh")[-1],
    0.001,
    "std 0.01, tanh: std of layer 5's outputs",
    fmt=".1g",
)
checks.above(stds("Xavier", "tanh")[-1], 0.1, "tanh, Xavier: std of layer 5", fmt=".2f")
zeros = [
    np.mean(a == 0) for key, acts in outputs.items() if key[1] == "ReLU" for a in acts
]
checks.between(
    min(zeros), 0.4, 0.6, "ReLU: fraction of zero outputs, lowest", fmt=".0%"
)
checks.between(
    max(zeros), 0.4, 0.6, "ReLU: fraction of zero outputs, highest", fmt=".0%"
)
growth = {name: stds(name, "ReLU")[1:] / stds(name, "ReLU")[:-1] for name in INITS}
checks.between(
    growth["std 0.01"].mean(),
    1 / 16,
    1 / 10,
    "ReLU, std 0.01: std ratio per layer",
    fmt=".3f",
)
checks.between(
    growth["He"].mean(), 0.8, 1.25, "ReLU, He: std ratio per layer", fmt=".2f"
)
_ = checks.between(
    growth["std 1"].mean(), 5, 9, "ReLU, std 1: std ratio per layer", fmt=".1f"
)
# %%
# ## Where the scale comes from
#
# A unit of the first layer computes \(a = \sum_{i=1}^{n} x_i w_i\), a sum of \(n\) independent
# terms. For zero-mean inputs and weights the variances add up:
#
# \[
# \operatorname{Var}(a) = n \operatorname{Var}(x) \operatorname{Var}(w),
# \qquad \operatorname{std}(a) = \sqrt{n}\,\sigma \ \text{ for inputs of variance 1.}
# \]
#
# With \(n = 100\), \(\sigma = 1\) gives pre-activations of std 10, far outside the range
# \(|a| \lesssim 4.6\) where the sigmoid's output stays between 0.01 and 0.99 (shaded), and
# \(\sigma = 0.01\) gives std 0.1, where the sigmoid is a straight line through 0.5. The two
# initialisers choose \(\sigma\) from \(n\) so that \(\operatorname{std}(a)\) does not depend on
# the layer size:
#
# \[
# \text{Xavier: } \sigma = \sqrt{\frac{1}{n}}, \qquad \text{He: } \sigma = \sqrt{\frac{2}{n}}.
# \]
#
# (Glorot and Bengio's paper averages the fans in and out, \(\sqrt{2 / (n_{in} + n_{out})}\), the
# same here where both are 100.) He's factor 2 makes up for ReLU zeroing half of its inputs
# (next page). The dots are measured on the input above; the line is \(\sqrt{n}\,\sigma\).

sigmas = np.logspace(-3, 1, 41)
fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
ax.axhspan(
    1e-2, 4.6, color="0.92", zorder=0, label="sigmoid not saturated (\u2264 4.6)"
)
ax.loglog(
    sigmas, np.sqrt(WIDTH) * sigmas, color="0.4", lw=1, label=r"$\sqrt{n}\,\sigma$"
)
for name, init in INITS.items():
    W = init((WIDTH, WIDTH), seed=SEED)  # the layer-1 weights of the experiment above
    sigma, pre = W.std(), (X @ W).std()
    ax.plot(
        sigma,
        pre,
        ls="",
        ms=8,
        **init_style(name),
        label=f"{name}: std(a) = {pre:.2f}",
    )
ax.set(
    xlabel=r"weight std $\sigma$", ylabel="std of pre-activations $a$", ylim=(1e-2, 1e2)
)
ax.legend(fontsize="small", loc="upper left")

# %%
# ### Checked on fresh weights
#
# The four dots are one random matrix rescaled, so they share one ratio: it is checked once,
# over ten fresh draws of the weights, so that the formula is not fitted to this one matrix.

fresh = []
for s in SEEDS:
    W = INITS["Xavier"]((WIDTH, WIDTH), seed=s)
    fresh.append((X @ W).std() / (np.sqrt(WIDTH) * W.std()))
_ = checks.close(
    np.mean(fresh),
    1.0,
    f"std(a) / (sqrt(n) sigma), mean of {len(SEEDS)} draws",
    tol=0.05,
)
# %%
# ## A spread histogram can still hide a network that forgets its input
#
# A histogram pools all 1000 samples *and* all 100 units. Look again at layers 3 to 5 of the
# Xavier and He rows: the bell breaks into spikes. Each spike is one unit that gives nearly the
# same output for every sample. The sigmoid's outputs have mean 0.5, not 0, so the next layer's
# pre-activation \(a_j = \sum_i h_i w_{ij} \approx 0.5 \sum_i w_{ij}\) is dominated by a constant
# of each unit, and the differences between samples shrink layer after layer.
#
# Solid lines: the std of all outputs of a layer (the width of its histogram). Dashed lines: the
# std *across samples*, unit by unit, averaged over the units: how much a layer's answer depends
# on the input. For Xavier it falls by about 4 times per layer (in each of 10 draws of the
# weights), to below 0.002 in layer 5, while the histogram's width stays about 0.13; for
# std 0.01 it falls below \(10^{-7}\). Only std 1 keeps the samples apart (0.14 in layer 5), by
# saturating. The next page shows that tanh, centred on
# 0, does not have this problem; the last page of this section, that this dashed number rather
# than the histogram predicts which of these sigmoid networks learn.

layers = np.arange(1, N_LAYERS + 1)
fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
for name, acts in runs.items():
    style = init_style(name)
    ax.semilogy(
        layers, [a.std() for a in acts], "-", label=f"{name}: all outputs", **style
    )
    per_sample = [a.std(axis=0).mean() for a in acts]
    ax.semilogy(layers, per_sample, "--", label="across samples", **style)
ax.set(xlabel="layer", ylabel="std of the outputs", xticks=layers)
ax.legend(fontsize="x-small", ncol=2, loc="lower left")


def across_samples(name, seed):
    """Std across samples, unit by unit, averaged over the units, of every layer."""
    acts = weight_scale_experiment(n_layers=N_LAYERS, init=INITS[name], seed=seed)
    return np.array([a.std(axis=0).mean() for a in acts])


xavier = np.array([across_samples("Xavier", s) for s in SEEDS])  # (seed, layer)
falls = xavier[:, :-1] / xavier[:, 1:]
checks.between(
    falls.mean(), 3.0, 5.0, f"Xavier: fall per layer, mean of {len(SEEDS)} seeds"
)
checks.below(xavier[:, -1].max(), 0.002, "Xavier: layer 5 across samples, highest seed")
checks.between(runs["Xavier"][-1].std(), 0.1, 0.16, "Xavier: layer 5, all outputs")
last = {name: acts[-1].std(axis=0).mean() for name, acts in runs.items()}
checks.below(last["std 0.01"], 1e-7, "std 0.01: layer 5 across samples", fmt=".1g")
checks.above(last["std 1"], 0.1, "std 1: layer 5 across samples", fmt=".2f")
checks
