r"""
# Vanishing gradients: a sigmoid divides the gradient by four per layer

Backpropagation multiplies the error signal, layer after layer, by the slope of each activation.
The sigmoid's slope is at most \(\sigma'(0) = 1/4\), so a chain of \(L\) sigmoid layers scales
the gradient by at most \(0.25^{L}\): after 10 layers, by less than one millionth. Measured on a
real network, the weight gradients of a 10-layer sigmoid network indeed shrink by a factor of
about 0.24 per layer towards the input, while those of the same network with tanh or ReLU keep
the same order of magnitude in every layer.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.activations import get_activation
from nnexplain.datasets import make_moons
from nnexplain.stats import gradient_norms

# Experiment dials
ACTIVATIONS = ["sigmoid", "tanh", "relu"]
DEPTH = 10  # hidden layers
WIDTH = 32  # units per hidden layer
DEPTHS = range(2, 21, 2)  # depths compared in the last cell
N_SAMPLES = 500
N_NETS = 5  # random initialisations averaged (geometric mean)
SEED = 0

# %%
# ## Where the factor 0.25 per layer comes from
#
# For a layer \(h_\ell = f(a_\ell)\) with \(a_\ell = h_{\ell-1} W_\ell + b_\ell\), the chain rule
# gives \(\dfrac{\partial L}{\partial h_{\ell-1}} = \Big(\dfrac{\partial L}{\partial h_\ell}
# \odot f'(a_\ell)\Big) W_\ell^{\top}\): every layer the signal crosses on its way back is
# multiplied by a slope \(f'(a_\ell)\). With \(\sigma'(x) = \sigma(x)(1 - \sigma(x)) \le 1/4\),
# \(L\) sigmoid layers contribute a factor of at most \(0.25^{L}\); tanh and ReLU have slopes up
# to 1, so their factor can stay near 1.

fig, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
x = np.linspace(-6, 6, 601)
for name in ACTIVATIONS:
    slope = get_activation(name).grad(x)
    ax.plot(x, slope, label=f"{name}': max {slope.max():.2f}")
ax.axhline(0.25, color="0.4", ls=":", lw=1)
ax.set(xlabel="x", ylabel="f'(x)", title="the factor each layer applies on the way back")
ax.legend(fontsize="small")
for L in (1, 5, 10, 20):
    print(f"0.25^{L:<2d} = {0.25**L:.2e}")

# %%
# ## Measured: the gradient of each layer's weights
#
# Three networks 2-32-...-32-1 with 10 hidden layers, identical except for the hidden
# activation (same Glorot initialisation, same data: 500 points of two moons), and the norm
# \(\|\partial L / \partial W_\ell\|\) of each layer's weight gradient from
# `nnexplain.stats.gradient_norms`, divided by the output layer's, averaged over 5 random
# initialisations. The dotted line is \(0.25^{k}\), \(k\) layers away from the output. The
# sigmoid network follows it: its first layer receives about a millionth of the output layer's
# gradient, so it barely learns. Tanh and ReLU keep every layer within a factor of 2.

X, y = make_moons(N_SAMPLES, noise=0.1, seed=SEED)
rng = np.random.default_rng(SEED)
relative = {}
for name in ACTIVATIONS:
    nets = [MLP([2] + [WIDTH] * DEPTH + [1], activation=name, seed=rng) for _ in range(N_NETS)]
    norms = np.exp(np.mean([np.log(gradient_norms(net, X, y)) for net in nets], axis=0))
    relative[name] = norms / norms[-1]
    per_layer = (relative[name][0] / relative[name][-2]) ** (1 / (DEPTH - 1))
    low, high = relative[name].min(), relative[name].max()
    print(f"{name:8s} first/output {relative[name][0]:.1e}, per layer {per_layer:.3f}, ", end="")
    print(f"all layers in [{low:.1e}, {high:.1e}]")
layers = np.arange(1, DEPTH + 2)
fig, ax = plt.subplots(figsize=(6.5, 3.6), layout="constrained")
for name in ACTIVATIONS:
    ax.plot(layers, relative[name], "o-", label=name)
ax.plot(layers, 0.25 ** (layers[-1] - layers), ":", color="0.3", label="$0.25^k$")
ax.set(yscale="log", xlabel="layer (1 = input side)", ylabel="gradient norm / output layer's")
ax.legend(fontsize="small")

# %%
# ## Deeper networks, smaller first-layer gradients
#
# Now the depth varies from 2 to 20 hidden layers, and only the first layer's gradient is kept,
# relative to the output layer's. For sigmoid the points fall on a straight line in log scale,
# parallel to \(0.25^{L}\): each extra layer divides the gradient that reaches the input by about
# four. At 20 layers that is a factor of about \(10^{-12}\), and plain gradient descent cannot
# train the first layers any more. For tanh and ReLU the ratio stays between about 0.5 and 5 at
# every depth: no trend, only the noise of one random initialisation.

ratios = {name: [] for name in ACTIVATIONS}
for depth in DEPTHS:
    for name in ACTIVATIONS:
        net = MLP([2] + [WIDTH] * depth + [1], activation=name, seed=SEED)
        g = gradient_norms(net, X, y)
        ratios[name].append(g[0] / g[-1])
fig, ax = plt.subplots(figsize=(6.5, 3.6), layout="constrained")
for name in ACTIVATIONS:
    ax.plot(DEPTHS, ratios[name], "o-", label=name)
    print(f"{name:8s}", " ".join(f"{r:.0e}" for r in ratios[name]))
ax.plot(DEPTHS, 0.25 ** np.array(DEPTHS), ":", color="0.3", label="$0.25^L$")
ax.set(yscale="log", xlabel="hidden layers L", ylabel="first layer / output layer")
ax.legend(fontsize="small")

# %%
# ## Why the measured factor is so close to the bound
#
# The mean slope \(f'(a_\ell)\) over all units and samples of each hidden layer (same three
# 10-layer networks, first initialisation). The Glorot initialisation keeps the pre-activations
# small, so the sigmoid units sit near their steepest point and pass back about 0.235 of the
# signal each: the bound of 0.25 is nearly reached, and that is the factor measured above. A
# caveat for ReLU: its mean slope is only about 0.5 (half the units are off), and its backward
# signal does shrink towards the input; but the weight gradient of a layer,
# \(h_{\ell-1}^{\top}\,\delta_\ell\), also scales with the layer's input \(h_{\ell-1}\), which
# for ReLU grows towards the input by about as much (printed below as the root mean square of
# \(h\) in the first and last hidden layer), so the weight gradients stay level.

fig, ax = plt.subplots(figsize=(6.5, 3.2), layout="constrained")
for name in ACTIVATIONS:
    net = MLP([2] + [WIDTH] * DEPTH + [1], activation=name, seed=SEED)
    trace = net.trace(X)
    f = get_activation(name)
    pre, post = trace.pre_activations[:-1], trace.post_activations[:-1]  # hidden layers
    slopes = [f.grad(a).mean() for a in pre]
    ax.plot(layers[:-1], slopes, "o-", label=name)
    rms = [np.sqrt(np.mean(h**2)) for h in (post[0], post[-1])]
    print(f"{name:8s} mean slope {np.mean(slopes):.3f}; rms of h: {rms[0]:.3f} -> {rms[1]:.3f}")
ax.axhline(0.25, color="0.3", ls=":", lw=1, label="0.25")
ax.set(xlabel="hidden layer", ylabel="mean f'(a)", ylim=(0, 1.05))
ax.legend(fontsize="small", ncols=4)
