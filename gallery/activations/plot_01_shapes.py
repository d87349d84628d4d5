r"""
# The shapes of activation functions, and their slopes

An activation function does one of two jobs. Sigmoid and tanh *squash*: whatever a layer computes,
they map it into a fixed range, \((0, 1)\) or \((-1, 1)\), so the next layer always receives
numbers of the same size. ReLU *cuts*: it keeps a positive number as it is and replaces every
negative one by 0, treating it as noise. The price of squashing is a flat zone on both sides where
the slope, the number the backward pass multiplies by, is almost zero; the price of cutting is a
slope of exactly zero for every negative input. The modern activations (leaky ReLU, ELU, softplus,
GELU) are compromises between the two.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.activations import get_activation
from nnexplain.plot import plot_activation

# Experiment dials
X_RANGE = (-8.0, 8.0)  # the plotted inputs; seed 001's reference graphs use (-6, 6)
SATURATION_TOL = 0.01  # "saturated" where the slope is below 1 % of its maximum
LEAKY_ALPHA = 0.1  # slope of leaky ReLU for negative inputs (PyTorch's default is 0.01)
PRE_ACTIVATION_STD = 3.0  # spread of the simulated pre-activations in the second cell
N_SAMPLES = 20_000
SEED = 0


def saturated_zones(artists):
    """The x intervals that plot_activation shaded, as text."""
    zones = [(s.get_x(), s.get_x() + s.get_width()) for s in artists.saturation]
    return ", ".join(f"[{a:.2f}, {b:.2f}]" for a, b in zones) or "none"


# %%
# ## Sigmoid, tanh and ReLU
#
# Solid lines are the functions, dashed lines their derivatives, and the grey bands are where
# the slope is below 1 % of its largest value: there the function is flat, different inputs give
# (almost) the same output, and almost no gradient flows back. By that measure tanh is flat
# beyond \(|x| \approx 3\) and sigmoid beyond \(|x| \approx 6\) (seed 001 puts the useful range
# at "about -10 to 10"); ReLU is flat on the whole negative half.

fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), layout="constrained", sharey=True)
for ax, name in zip(axes, ["sigmoid", "tanh", "relu"], strict=True):
    art = plot_activation(name, x_range=X_RANGE, saturation_tol=SATURATION_TOL, ax=ax)
    ax.set(title=name, ylim=(-1.3, 2.3))
    print(f"{name:8s} saturated on {saturated_zones(art)}")

# %%
# ## Role 1, squash; role 2, cut
#
# The squashing pair are the same curve: \(\sigma(x) = \dfrac{1}{1 + e^{-x}} \in (0, 1)\) and
# \(\tanh x = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1 \in (-1, 1)\); tanh is
# the sigmoid centred on 0 and made twice as steep. The cutter is
# \(\operatorname{ReLU}(x) = \max(0, x)\).
#
# Below, the same 20,000 pre-activations (normal, standard deviation 3) go through each
# function. Look at the ranges: squashing maps the wide bell into a fixed interval, and piles up
# the tails against its ends; ReLU leaves the positive half untouched and stacks the whole
# negative half on a single value, 0.

rng = np.random.default_rng(SEED)
z = rng.normal(0.0, PRE_ACTIVATION_STD, size=N_SAMPLES)
sigmoid, tanh, relu = (get_activation(n) for n in ["sigmoid", "tanh", "relu"])
gap = np.max(np.abs(tanh(z) - (2 * sigmoid(2 * z) - 1)))
print(f"max |tanh(z) - (2 sigmoid(2z) - 1)| = {gap:.1e}")
fig, axes = plt.subplots(1, 4, figsize=(10, 2.6), layout="constrained")
stages = {"z": z, "sigmoid(z)": sigmoid(z), "tanh(z)": tanh(z), "relu(z)": relu(z)}
for ax, (label, values) in zip(axes, stages.items(), strict=True):
    ax.hist(values, bins=60, color="C0")
    ax.set(title=label, yticks=[])
    print(f"{label:11s} range [{values.min():7.3f}, {values.max():6.3f}]", end="   ")
    print(f"exactly 0: {np.mean(values == 0):5.1%}")

# %%
# ## The modern ones
#
# Leaky ReLU, ELU, softplus and GELU all behave like ReLU for large positive inputs (slope 1,
# no upper bound) and differ in what they do with negative inputs. Leaky ReLU keeps a small
# slope \(\alpha\) (here 0.1), so nothing is ever exactly flat. ELU, \(\alpha(e^{x} - 1)\) for
# \(x \le 0\), and softplus, \(\log(1 + e^{x})\), are smooth and saturate only far to the left.
# GELU, \(x\,\Phi(x)\) with \(\Phi\) the normal distribution function, even dips below 0: its
# slope passes through zero at its minimum, near \(x = -0.75\) (the printout lists that
# sliver as a second "saturated" zone, too thin to see), and it is flat left of about \(-3\).

modern = {
    "leaky_relu": get_activation("leaky_relu", alpha=LEAKY_ALPHA),
    "elu": get_activation("elu"),
    "softplus": get_activation("softplus"),
    "gelu": get_activation("gelu"),
}
fig, axes = plt.subplots(1, 4, figsize=(11, 3.0), layout="constrained", sharey=True)
for ax, (name, f) in zip(axes, modern.items(), strict=True):
    art = plot_activation(f, x_range=X_RANGE, saturation_tol=SATURATION_TOL, ax=ax)
    ax.set(title=name, ylim=(-1.3, 2.3))
    print(f"{name:10s} saturated on {saturated_zones(art)}")

# %%
# ## All slopes side by side
#
# The slope decides how much of the error signal a unit passes back during training. Read the
# table: the sigmoid's slope is never larger than \(1/4\) (at \(x = 0\)) and is 0.0067 at
# \(x = \pm 5\); tanh starts at 1 but falls twice as fast, to 0.00018 at \(x = \pm 5\). The
# ReLU family keeps a slope of (almost) exactly 1 at \(x = 5\) and differs only on the left:
# 0 for ReLU, \(\alpha\) for leaky ReLU, a vanishing exponential tail for ELU, softplus and GELU.

every = {name: get_activation(name) for name in ["sigmoid", "tanh", "relu"]} | modern
x = np.linspace(*X_RANGE, 1601)
fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
print(f"{'':10s} {'max slope':>9s} {'slope(-5)':>10s} {'slope(0)':>9s} {'slope(5)':>9s}")
for name, f in every.items():
    ax.plot(x, f.grad(x), label=name, lw=1.4)
    at = f.grad(np.array([-5.0, 0.0, 5.0]))
    print(f"{name:10s} {f.grad(x).max():9.4f} {at[0]:10.2e} {at[1]:9.4f} {at[2]:9.2e}")
ax.set(xlabel="x", ylabel="f'(x)", xlim=X_RANGE, title="derivatives")
ax.legend(ncols=2, fontsize="small")
