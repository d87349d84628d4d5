r"""
# Vanishing and exploding gradients, layer by layer

The histograms of the previous pages show the forward pass. Training runs the other way: the
gradient of the loss reaches layer \(\ell\) only after being multiplied, once per layer above it,
by a weight matrix and by the activation's slope. When that product is smaller than 1 the
gradient *vanishes* on its way to the input, when it is larger it *explodes*. On the 8x8 digits, at
initialisation, the first layer of a sigmoid network with Xavier weights gets a gradient about
1500 times smaller than the last; tanh with Xavier or He and ReLU with He pass it back within a
factor of 2.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.datasets import load_digits
from nnexplain.plot import plot_activation_histograms
from nnexplain.stats import gradient_norms, weight_scale_inits

# Experiment dials: a 64-100-100-100-100-100-10 classifier of the real 8x8 digits, untrained.
HIDDEN = [100] * 5
ACTIVATIONS = ["sigmoid", "tanh", "relu"]
HISTOGRAM_ACTIVATION = "sigmoid"  # the activation of the histograms in the second figure
INITS = weight_scale_inits()  # std 1, std 0.01, Xavier sqrt(1 / n), He sqrt(2 / n)
SEED = 0

# %%
# ## The gradient norm of each layer
#
# For each activation and each initialisation, a fresh network computes the cross-entropy loss
# of its (random) answers on all 1797 digits, and backpropagation gives the gradient
# \(\partial L / \partial W_\ell\) of every weight matrix. Each line is the size
# \(\|\partial L / \partial W_\ell\|_F\) of those gradients from layer 1 (next to the input) to
# layer 6 (the output layer), on a log scale.
#
# A line that rises to the right is a vanishing gradient. **Sigmoid** with **Xavier** loses a
# factor of about 4 per layer (1500 over five layers): the backward pass multiplies by the
# weights, which Xavier sized for a gain of about 1, and by the sigmoid's slope, never larger
# than \(1/4\). **Sigmoid** with **std 0.01** loses a factor of about 30 per layer, 7 orders of
# magnitude in all. A line that falls to the right is an exploding gradient: **tanh** with
# **std 1**, 11 times larger in layer 1 than in layer 6.
#
# Flat lines can still be wrong. With **std 0.01**, tanh and ReLU shrink the signal by about 10
# per layer on the way forward (previous page) and the gradient by as much on the way back; a
# weight's gradient is the product of the two, and it is about \(10^{-6}\) in every layer.
# **ReLU** with **std 1** is flat and enormous, about \(5 \times 10^4\): a single step of
# gradient descent with a usual learning rate throws the weights far away. The flat lines of a
# sensible size are tanh with Xavier or He, and ReLU with He (with Xavier, about 10 times
# smaller).

X, y = load_digits()
sizes = [X.shape[1], *HIDDEN, 10]
norms = {
    (act, name): gradient_norms(MLP(sizes, activation=act, init=init, seed=SEED), X, y)
    for act in ACTIVATIONS
    for name, init in INITS.items()
}
layers = np.arange(1, len(sizes))
fig, axes = plt.subplots(1, len(ACTIVATIONS), figsize=(10, 3.6), sharey=True, layout="constrained")
for ax, act in zip(axes, ACTIVATIONS, strict=True):
    for name in INITS:
        ax.semilogy(layers, norms[act, name], "-o", label=name)
    ax.set(title=act, xlabel="layer (6 = output)", xticks=layers)
axes[0].set_ylabel(r"$\|\partial L / \partial W_\ell\|_F$")
axes[0].legend(fontsize="small", loc="lower right")

print("gradient norm per layer, 1 -> 6              | layer 1 / layer 6")
for (act, name), g in norms.items():
    print(f"{act:>7} {name:>8}: " + " ".join(f"{v:8.2g}" for v in g) + f" | {g[0] / g[-1]:.2g}")

# %%
# ## The whole distribution of the gradients
#
# A norm is one number per layer. The histograms show every weight's gradient, on a log scale
# (\(\log_{10} |\partial L / \partial w|\)), for the sigmoid networks: rows are the
# initialisations, columns the layers. Read each row from right (output) to left (input): for
# **std 0.01** the whole distribution slides left by 1 to 2 decades per layer, for **Xavier** and
# **He** by about half a decade. For **std 1** it stays in place, centred near \(10^{-2.5}\) in
# every hidden layer, but wide, with a long tail to the left: the weights of units that are
# saturated for most samples get little. The output layer holds only 1000 weights (the hidden
# layers 6400 and 10000), hence its small bars. The printed medians are
# the centres of the histograms.

net_grads = {}
for name, init in INITS.items():
    net = MLP(sizes, activation=HISTOGRAM_ACTIVATION, init=init, seed=SEED)
    _, grads = net.gradients(X, y)
    net_grads[name] = [np.log10(np.abs(dW[dW != 0])) for dW, _ in grads]
col_labels = [f"layer {k}" for k in layers[:-1]] + ["layer 6 (output)"]
axes = plot_activation_histograms(
    list(net_grads.values()), row_labels=list(INITS), col_labels=col_labels, range=(-14.0, 0.0)
)
for ax in axes[-1]:
    ax.set_xlabel(r"$\log_{10} |\partial L / \partial w|$")

print(f"{HISTOGRAM_ACTIVATION}: median log10 |dL/dw| per layer, 1 -> 6")
for name, logs in net_grads.items():
    print(f"{name:>8}: " + " ".join(f"{np.median(v):6.1f}" for v in logs))
