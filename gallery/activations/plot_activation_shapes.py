r"""
# Sigmoid, tanh and ReLU, and their slopes

Sigmoid and tanh squash every input into a bounded range, but the price is a slope that is
practically zero outside about \([-5, 5]\): a unit pushed that far stops learning. ReLU keeps a
slope of exactly 1 for every positive input and cuts every negative input to 0.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.activations import get_activation

# Experiment dials: what to compare, over which inputs.
ACTIVATIONS = ["sigmoid", "tanh", "relu"]
X_MAX = 6.0
N_POINTS = 241

# %%
# ## The functions
#
# Look at the ranges: sigmoid stays in \((0, 1)\), tanh in \((-1, 1)\), ReLU is unbounded above.
# Sigmoid and tanh have the same S shape; tanh is centred on 0 and twice as steep.

x = np.linspace(-X_MAX, X_MAX, N_POINTS)

fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
for name in ACTIVATIONS:
    ax.plot(x, get_activation(name)(x), label=name)
ax.axhline(0, color="0.7", lw=0.8, zorder=0)
ax.set(xlabel="x", ylabel="f(x)", ylim=(-1.2, 2.0))
ax.legend()

# %%
# ## The slopes
#
# The derivative \(f'(x)\) is what the backward pass multiplies by. Beyond \(|x| \approx 5\) the
# slopes of sigmoid and tanh are below \(0.01\); the sigmoid's slope is never larger than \(1/4\).
# ReLU's slope is 0 or 1.

fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
for name in ACTIVATIONS:
    ax.plot(x, get_activation(name).grad(x), label=name)
ax.axhline(0, color="0.7", lw=0.8, zorder=0)
ax.set(xlabel="x", ylabel="f'(x)", ylim=(-0.1, 1.1))
ax.legend()
