r"""
# The weight scale decides what a deep sigmoid network's layers output

Push 1000 random inputs through 5 untrained layers of 100 sigmoid units and look at the histogram
of each layer's outputs. Weights of standard deviation 1 pile the outputs up at 0 and 1, where the
sigmoid is flat and passes no gradient back; weights of standard deviation 0.01 make every output
about 0.5, so that all units say the same thing. Scaling the weights by the number of inputs
\(n\), \(\sigma = \sqrt{1/n}\) (Xavier) or \(\sqrt{2/n}\) (He), keeps the outputs spread out layer
after layer. This is the experiment of chapter 6 of "Deep Learning from Scratch". A spread-out
histogram is not the whole story, though: with sigmoid it can hide layers that answer the same for
every input.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.plot import INIT_COLORS, plot_activation_histograms
from nnexplain.stats import saturation_fraction, weight_scale_experiment, weight_scale_inits

# Experiment dials: the article's network, and the four weight scales it compares.
N_SAMPLES = 1000  # rows of the random input
WIDTH = 100  # units per layer, and input features
N_LAYERS = 5
ACTIVATION = "sigmoid"  # try "tanh" (then use range (-1, 1) below)
INITS = weight_scale_inits()  # std 1, std 0.01, Xavier sqrt(1 / n), He sqrt(2 / n)
BINS = 30
SEED = 0

# %%
# ## Four weight scales, five layers
#
# Each row is one initialisation, each column one layer, and each panel a histogram of the
# \(1000 \times 100\) outputs of that layer (30 bins on \((0, 1)\), as in the book). All four rows
# start from the same input and the same random matrices, only multiplied by a different scale.
#
# Read the rows from top to bottom. **std 1**: two spikes at 0 and 1, in every layer; the printed
# *saturated* fraction (outputs closer than 0.01 to 0 or 1, where \(\sigma'(x) < 0.01\)) is about
# half. **std 0.01**: a single spike at 0.5; the standard deviation of the outputs is about 0.01,
# so 100 units give 100 copies of nearly the same number. **Xavier** and **He**: a bell around
# 0.5, wide enough to tell the samples apart, and nothing saturated from layer 2 on.

X = np.random.default_rng(SEED).standard_normal((N_SAMPLES, WIDTH))
runs = {
    name: weight_scale_experiment(X, n_layers=N_LAYERS, activation=ACTIVATION, init=init, seed=SEED)
    for name, init in INITS.items()
}
axes = plot_activation_histograms(list(runs.values()), row_labels=list(runs), bins=BINS)
for ax in axes[-1]:
    ax.set_xlabel(f"{ACTIVATION} output")

print("std of the outputs per layer   | saturated fraction per layer")
for name, acts in runs.items():
    stds = " ".join(f"{a.std():.3f}" for a in acts)
    sat = " ".join(f"{saturation_fraction(a, ACTIVATION):.3f}" for a in acts)
    print(f"{name:>8}: {stds} | {sat}")

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
ax.axhspan(1e-2, 4.6, color="0.92", zorder=0, label="sigmoid not saturated (\u2264 4.6)")
ax.loglog(sigmas, np.sqrt(WIDTH) * sigmas, color="0.4", lw=1, label=r"$\sqrt{n}\,\sigma$")
for name, init in INITS.items():
    W = init((WIDTH, WIDTH), seed=SEED)  # the layer-1 weights of the experiment above
    sigma, pre = W.std(), X @ W
    ax.plot(sigma, pre.std(), "o", ms=8, label=f"{name}: std(a) = {pre.std():.2f}")
    print(f"{name:>8}: sigma = {sigma:.3f}, std of first-layer pre-activations = {pre.std():.3f}")
ax.set(xlabel=r"weight std $\sigma$", ylabel="std of pre-activations $a$", ylim=(1e-2, 1e2))
ax.legend(fontsize="small", loc="upper left")

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
# on the input. For Xavier it falls by about 4 times per layer, to about 0.0006 in layer 5, while
# the histogram's width stays about 0.13; for std 0.01 it reaches \(10^{-8}\). Only std 1 keeps
# the samples apart (0.14 in layer 5), by saturating. The next page shows that tanh, centred on
# 0, does not have this problem; the last page of this section, that this dashed number rather
# than the histogram predicts which of these sigmoid networks learn.

layers = np.arange(1, N_LAYERS + 1)
fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
print("std across samples per layer (mean over units)")
for name, acts in runs.items():
    pooled = [a.std() for a in acts]
    per_sample = [a.std(axis=0).mean() for a in acts]
    ax.semilogy(layers, pooled, "-o", color=INIT_COLORS[name], label=f"{name}: all outputs")
    ax.semilogy(
        layers, per_sample, "--o", color=INIT_COLORS[name], mfc="white", label="across samples"
    )
    print(f"{name:>8}: " + " ".join(f"{v:.2g}" for v in per_sample))
ax.set(xlabel="layer", ylabel="std of the outputs", xticks=layers)
ax.legend(fontsize="x-small", ncol=2, loc="lower left")
