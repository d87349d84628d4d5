r"""
# Vanishing gradients: the slope and the weights decide together

On its way back, the error signal is multiplied at every layer by the transposed weights
\(W_\ell^{\top}\) *and* by the activation's slopes, so a sigmoid layer (slope at most \(1/4\))
shrinks it by at most \(\tfrac14\|W_\ell\|_2\), not by \(\tfrac14\) alone. With Xavier weights a
10-layer sigmoid network loses about 4x per layer; with weights of std 1 the same network loses
about 20x over all ten layers together, where \(0.25^{10}\) would promise a million.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.activations import get_activation
from nnexplain.checks import Checks
from nnexplain.datasets import make_moons
from nnexplain.experiments import weight_scale_inits
from nnexplain.gradients import backward_gains, backward_signal_bound
from nnexplain.palette import ACTIVATIONS as ACTIVATION_STYLES
from nnexplain.palette import init_style

# Experiment dials
ACTIVATIONS = ["sigmoid", "tanh", "relu"]
INITS = {name: weight_scale_inits()[name] for name in ["Xavier", "std 1"]}
DEPTH = 10  # hidden layers
WIDTH = 32  # units per hidden layer
N_SAMPLES = 500
SEEDS = range(10)  # random initialisations; every one is checked
SEED = 0  # the data
checks = Checks()

X, y = make_moons(N_SAMPLES, noise=0.1, seed=SEED)
sizes = [2] + [WIDTH] * DEPTH + [1]
layers = np.arange(1, DEPTH + 2)  # 1 = first hidden layer, DEPTH + 1 = output layer

# %%
# ## The error signal, layer by layer, against its bound
#
# For ten random networks per weight scale, the norm of the error signal \(\delta_\ell\) at each
# layer relative to the output's (thin lines; dots: their geometric mean), the bound
# `backward_signal_bound` gives for each network (dashed) and what slopes of \(1/4\) alone would
# promise (dotted).


def relative_signal(activation, init):
    """Measured ||delta_l|| / ||delta_out|| and its bound, one row per seed."""
    nets = [MLP(sizes, activation=activation, init=init, seed=s) for s in SEEDS]
    measured = [(n := backward_gains(net, X, y).delta) / n[-1] for net in nets]
    return np.array(measured), np.array([backward_signal_bound(net) for net in nets])


def check_below_bound(label, measured, bound):
    """The claim that the bound holds in every layer of every network."""
    worst = np.max(measured[:, :-1] / bound[:, :-1])  # the output layer's ratio is 1 / 1
    checks.at_most(worst, 1.0, f"{label}: measured / bound, worst layer of 10 nets", fmt=".2f")


def geometric_mean(rows):
    return np.exp(np.log(rows).mean(axis=0))


sigmoid = {name: relative_signal("sigmoid", init) for name, init in INITS.items()}
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True, layout="constrained")
for ax, (name, (measured, bound)) in zip(axes, sigmoid.items(), strict=True):
    color = init_style(name, marker=False)["color"]
    ax.semilogy(layers, measured.T, color=color, alpha=0.25, lw=0.8)
    ax.semilogy(layers, geometric_mean(measured), "o-", color=color, label="measured")
    ax.semilogy(layers, geometric_mean(bound), "--", color=color, label=r"bound")
    ax.semilogy(layers, 0.25 ** (layers[-1] - layers), ":", color="0.3", label="$0.25^k$")
    ax.set(title=f"sigmoid, {name} weights", xlabel="layer (11 = output)")
axes[0].set_ylabel(r"$\|\delta_\ell\| \,/\, \|\delta_{\mathrm{out}}\|$")
axes[0].legend(fontsize="small", loc="lower right")

# %%
# ## Measured against the bound
#
# The figure shows the size of the error signal \(\delta_\ell = \partial L / \partial a_\ell\)
# that backpropagation delivers to each layer of a 2-32-...-32-1 sigmoid network (10 hidden
# layers, 500 points of two moons), divided by the output layer's: thin lines are 10 random
# initialisations, the dots their geometric mean. The dashed line is the bound
# \(\prod 0.25\,\|W_m\|_2\) over the layers in between, computed from each network's own
# weights; the dotted line is \(0.25^k\), \(k\) layers from the output.
#
# Look at the dots against the dashed line: in every network and every layer the measured
# signal is below its bound. On the left (Xavier) the dots follow the dotted \(0.25^k\), so
# "a quarter per layer" looks right; on the right (std 1) the dots stay far above it: the
# first layer still receives a sizeable part of the output's signal. \(0.25^L\) is not a bound;
# \(\prod_\ell 0.25\,\|W_\ell\|_2\) is.

for name, (measured, bound) in sigmoid.items():
    check_below_bound(f"sigmoid, {name}", measured, bound)
per_layer = {}
for name, (measured, _) in sigmoid.items():
    per_layer[name] = geometric_mean(measured)[0] ** (1 / DEPTH)
checks.between(
    per_layer["Xavier"],
    0.2,
    0.26,
    "sigmoid, Xavier: factor per layer",
    fmt=".3f",
)
first = geometric_mean(sigmoid["std 1"][0])[0]
checks.between(first, 1 / 30, 1 / 10, "sigmoid, std 1: first layer / output", fmt=".3f")
naive_gap = checks.above(
    first / 0.25**DEPTH,
    1e4,
    "sigmoid, std 1: that ratio over 0.25^10 (not a bound)",
    fmt=".1e",
)

# %%
# ## Seed 002 and the book call std 1 the vanishing case
#
# Seed 002, following chapter 6 of "Deep Learning from Scratch", reads std 1 off its activation
# histograms: the sigmoid's outputs pile up at 0 and 1, where its slope is nearly 0, so the
# gradient must vanish. Both halves of that are measured on this site, and only the first
# holds. The slopes do vanish: with std 1 the slope's gain per layer is about 0.1 in the
# digits network of [the gradients page](../initialisation/plot_03_gradients.md), where it is
# checked. But the error a layer passes
# back is the slope times the weights, and weights of std 1 multiply it by
# \(\|W\|_2 \approx 11\) here: the first layer still receives 0.052 of the output's signal
# (checked above), where a quarter per layer would leave a millionth. On the 8x8 digits the
# sigmoid network with std 1 is the one that learns
# ([does the histogram predict learning?](../initialisation/plot_04_training_speed.md)).

# %%
# ## Where the bound comes from
#
# A layer computes \(a_\ell = h_{\ell-1} W_\ell + b_\ell\), then \(h_\ell = f(a_\ell)\). The
# chain rule sends the signal back through both steps:
#
# \[
# \delta_{\ell-1} = \big(\delta_\ell\, W_\ell^{\top}\big) \odot f'(a_{\ell-1}),
# \qquad
# \|\delta_{\ell-1}\| \le \max|f'| \cdot \|W_\ell\|_2 \cdot \|\delta_\ell\| ,
# \]
#
# where \(\|W\|_2\), the largest singular value, is the most \(W^{\top}\) can stretch any
# vector. The slope curves below give \(\max|f'|\): \(1/4\) for the sigmoid (at 0), 1 for tanh
# and ReLU. The weights give the rest: a random \(32 \times 32\) matrix of std \(s\) has
# \(\|W\|_2 \approx 2\sqrt{32}\, s\), about 1.9 for Xavier (\(s = \sqrt{1/32}\)) and 11 for
# std 1, so the sigmoid bound per layer is about 0.47 and 2.7 (computed by
# `nnexplain.gradients.backward_signal_bound`, the measured norms by `backward_gains`).

x = np.linspace(-6, 6, 601)
fig, ax = plt.subplots(figsize=(6, 3.0), layout="constrained")
for name in ACTIVATIONS:
    ax.plot(
        x,
        get_activation(name).grad(x),
        color=ACTIVATION_STYLES[name]["color"],
        label=f"{name}'",
    )
ax.axhline(0.25, color="0.4", ls=":", lw=1)
ax.set(xlabel="x", ylabel="f'(x)", title="the slope each layer multiplies by")
ax.legend(fontsize="small")

for name, (_, bound) in sigmoid.items():  # the slopes' maxima are closed forms, not checked
    per = geometric_mean(bound)[0] ** (1 / DEPTH)
    low, high = (0.4, 0.55) if name == "Xavier" else (2.3, 3.0)
    checks.between(per, low, high, f"sigmoid, {name}: bound per layer", fmt=".2f")

# %%
# ## Why the measured factor sits below the bound
#
# The bound takes the steepest slope and the worst direction. The signal actually meets the
# *mean* slope of the layer and the *typical* stretch of \(W^{\top}\),
# \(\|W\|_F / \sqrt{n_{\text{out}}}\) (about \(\sqrt{32}\,s\): 1 for Xavier, 5.7 for std 1).
# Each dot below is one layer step of the first network: the measured factor
# \(\|\delta_{\ell-1}\| / \|\delta_\ell\|\) against mean slope times typical stretch. They lie
# near the diagonal (within 30 % on average). With Xavier the sigmoid units sit near 0, mean
# slope about 0.235, stretch about 1: that is the factor 0.24, close to \(1/4\) only because
# of the weight scale. With std 1 most units saturate (mean slope about 0.1), but the stretch
# of 5.7 more than makes up for it. [Vanishing and exploding
# gradients](../initialisation/plot_03_gradients.md) splits every step into these two gains
# (`nnexplain.gradients.backward_gains`) for all four initialisers.

sig = get_activation("sigmoid")
fig, ax = plt.subplots(figsize=(4.6, 3.6), layout="constrained")
predicted, measured_steps = {}, {}
for name, init in INITS.items():
    net = MLP(sizes, activation="sigmoid", init=init, seed=SEEDS[0])
    slopes = [sig.grad(a).mean() for a in net.trace(X).pre_activations[:-1]]
    stretch = [np.linalg.norm(la.W) / np.sqrt(la.n_out) for la in net.layers[1:]]
    predicted[name] = np.array(slopes) * np.array(stretch)
    norms = backward_gains(net, X, y).delta
    measured_steps[name] = norms[:-1] / norms[1:]
    ax.loglog(
        predicted[name],
        measured_steps[name],
        ls="",
        **init_style(name),
        label=name,
    )
ax.plot([0.1, 2], [0.1, 2], color="0.5", lw=0.8, label="measured = predicted")
ax.set(xlabel="mean slope x typical stretch", ylabel="measured factor per layer")
ax.legend(fontsize="small")

for name in INITS:
    gap = np.exp(np.abs(np.log(measured_steps[name] / predicted[name])).mean())
    checks.below(
        gap,
        1.3,
        f"{name}: measured / predicted, geometric mean of the gap",
        fmt=".2f",
    )

# %%
# ## Tanh and ReLU: a slope of 1 lets the weights decide
#
# With \(\max|f'| = 1\) the bound per layer is \(\|W_\ell\|_2\), above 1 for Xavier weights,
# so nothing forces the signal to vanish. Measured on the same Xavier networks (geometric mean
# of 10 initialisations, dashed: the bounds): tanh units near 0 have slopes close to 1 and lose
# about a tenth per layer; ReLU passes the signal back only through the half of the units that
# are on, and loses about 30 % per layer, which He weights (\(\sqrt{2}\) larger) compensate.
# The dashed bounds of tanh and ReLU coincide: same maximal slope, same seeded weights. The page
# [vanishing and exploding gradients](../initialisation/plot_03_gradients.md) measures the same
# for every initialiser on real digits.

fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
for name in ACTIVATIONS:
    is_sigmoid = name == "sigmoid"
    xavier = INITS["Xavier"]
    measured, bound = sigmoid["Xavier"] if is_sigmoid else relative_signal(name, xavier)
    mean = geometric_mean(measured)
    ax.semilogy(layers, mean, "o-", color=ACTIVATION_STYLES[name]["color"], label=name)
    ax.semilogy(
        layers,
        geometric_mean(bound),
        "--",
        color=ACTIVATION_STYLES[name]["color"],
        lw=0.8,
    )
    if not is_sigmoid:
        check_below_bound(f"{name}, Xavier", measured, bound)
        low, high = (0.85, 1.0) if name == "tanh" else (0.6, 0.8)
        per = mean[0] ** (1 / DEPTH)
        checks.between(per, low, high, f"{name}, Xavier: factor per layer", fmt=".3f")
ax.set(xlabel="layer (11 = output)", ylabel="signal / output's (dashed: bound)")
ax.legend(fontsize="small")

# %%
# ## Checked at build time
#
# Every number the prose above relies on, measured while this page was built.

checks
