r"""
# The shapes of activation functions, and their slopes

An activation function does one of two jobs (seed article 001): sigmoid and tanh *squash* any
number into a fixed range, \((0, 1)\) or \((-1, 1)\); ReLU *cuts*, keeping positive numbers and
replacing negative ones by 0. Each job has a price, visible in the slopes (dashed): squashing is
flat on both sides, beyond \(|x| \approx 3\) for tanh, and cutting is flat on the whole negative
half.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.activations import get_activation
from nnexplain.checks import Checks
from nnexplain.palette import ACTIVATIONS, NEUTRAL
from nnexplain.plot import plot_activation

# Experiment dials
X_RANGE = (-8.0, 8.0)  # the plotted inputs; seed 001's reference graphs use (-6, 6)
SATURATION_TOL = 0.01  # "saturated" where the slope is below 1 % of its maximum
LEAKY_ALPHA = 0.1  # slope of leaky ReLU for negative inputs (PyTorch's default is 0.01)
PRE_ACTIVATION_STD = 3.0  # spread of the simulated pre-activations in the second cell
N_SAMPLES = 20_000
SEED = 0
checks = Checks()


def flat_from(artists):
    """(left, right): where the flat zones at the plot's edges end/start, else NaN."""
    zones = sorted((s.get_x(), s.get_x() + s.get_width()) for s in artists.saturation)
    edge = 1e-9
    left = zones[0][1] if zones and zones[0][0] <= X_RANGE[0] + edge else np.nan
    right = zones[-1][0] if zones and zones[-1][1] >= X_RANGE[1] - edge else np.nan
    return left, right


fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), layout="constrained", sharey=True)
flat = {}
for ax, name in zip(axes, ["sigmoid", "tanh", "relu"], strict=True):
    art = plot_activation(name, x_range=X_RANGE, saturation_tol=SATURATION_TOL, ax=ax)
    ax.set(title=name, ylim=(-1.3, 2.3))
    flat[name] = flat_from(art)

# %%
# ## Where to look
#
# Solid lines are the functions, dashed lines their derivatives, and the grey bands are where
# the slope is below 1 % of its largest value: there the function is flat, different inputs give
# (almost) the same output, and almost no gradient flows back. By that measure tanh is flat
# beyond \(|x| \approx 3\) and sigmoid beyond \(|x| \approx 6\) (seed 001 puts the useful range
# at "about -10 to 10", [saturation](plot_02_saturation.md) shows why); ReLU is flat on the whole
# negative half, and exactly at 0 on it.

checks.close(
    flat["tanh"][1],
    3.0,
    "tanh: flat (slope < 1 % of max) from x",
    tol=0.1,
    fmt=".2f",
)
checks.close(flat["sigmoid"][1], 6.0, "sigmoid: flat from x", tol=0.1, fmt=".2f")
relu_flat = checks.close(
    flat["relu"][0],
    0.0,
    "ReLU: flat up to x",
    tol=0.01,
    fmt=".2f",
)

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
fig, axes = plt.subplots(1, 4, figsize=(10, 2.6), layout="constrained")
stages = {"z": z, "sigmoid(z)": sigmoid(z), "tanh(z)": tanh(z), "relu(z)": relu(z)}
for ax, (label, values) in zip(axes, stages.items(), strict=True):
    ax.hist(values, bins=60, color=ACTIVATIONS.get(label[:-3], {"color": NEUTRAL["bars"]})["color"])
    ax.set(title=label, yticks=[])
checks.between(np.mean(relu(z) == 0), 0.48, 0.52, "relu(z): share exactly 0", fmt=".1%")


def at_the_ends(values, low, high):
    """Share of the values within 1 % of the range's width from one of its two ends."""
    edge = 0.01 * (high - low)
    return np.mean((values < low + edge) | (values > high - edge))


piled = at_the_ends(tanh(z), -1.0, 1.0)
_ = checks.above(  # the control: the same samples before tanh, against their own range's ends
    piled,
    10 * at_the_ends(z, z.min(), z.max()),
    "tanh(z): share in the outer 1 % of (-1, 1), vs 10x the input's in its own range",
    fmt=".1%",
)

# %%
# ## The modern ones
#
# Leaky ReLU, ELU, softplus and GELU all behave like ReLU for large positive inputs (slope 1,
# no upper bound) and differ in what they do with negative inputs. Leaky ReLU keeps a small
# slope \(\alpha\) (here 0.1), so nothing is ever exactly flat. ELU, \(\alpha(e^{x} - 1)\) for
# \(x \le 0\), and softplus, \(\log(1 + e^{x})\), are smooth and saturate only far to the left.
# GELU, \(x\,\Phi(x)\) with \(\Phi\) the normal distribution function, even dips below 0: its
# slope passes through zero at its minimum, near \(x = -0.75\) (a second "flat" sliver, too thin
# to see), and it is flat left of about \(-3\).

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
    flat[name] = flat_from(art)
checks.true(
    np.isnan(flat["leaky_relu"]).all(),
    "leaky ReLU is never flat",
    shown="no zone",
)
x = np.linspace(*X_RANGE, 16001)
gelu_min = x[np.argmin(modern["gelu"](x))]
checks.close(gelu_min, -0.75, "GELU: its minimum (slope 0) at x", tol=0.01, fmt=".3f")
gelu_flat = checks.close(
    flat["gelu"][0],
    -3.0,
    "GELU: flat left of x",
    tol=0.1,
    fmt=".2f",
)

# %%
# ## All slopes side by side
#
# The slope decides how much of the error signal a unit passes back during training. Read the
# curves: the sigmoid's slope is never larger than \(1/4\) (at \(x = 0\)) and is 0.0066 at
# \(x = \pm 5\); tanh starts at 1 but falls twice as fast, to 0.00018 at \(x = \pm 5\). The
# ReLU family keeps a slope of (almost) exactly 1 at \(x = 5\) and differs only on the left:
# 0 for ReLU, \(\alpha\) for leaky ReLU, a vanishing exponential tail for ELU, softplus and GELU.

every = {name: get_activation(name) for name in ["sigmoid", "tanh", "relu"]} | modern
fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
for name, f in every.items():
    ax.plot(x, f.grad(x), label=name, lw=1.4, **ACTIVATIONS[name])
ax.set(xlabel="x", ylabel="f'(x)", xlim=X_RANGE, title="derivatives")
ax.legend(ncols=2, fontsize="small")

slope = {name: f.grad(np.array([-5.0, 0.0, 5.0])) for name, f in every.items()}
# "falls twice as fast": d log f'(x) / dx near x = 5, tanh's against the sigmoid's, its control
near = np.array([4.9, 5.1])
fall = {n: np.diff(np.log(every[n].grad(near)))[0] / 0.2 for n in ("sigmoid", "tanh")}
checks.close(
    fall["tanh"] / fall["sigmoid"],
    2.0,
    "tanh's slope falls (log scale, at x = 5) over the sigmoid's",
    tol=0.05,
    fmt=".3f",
)
_ = checks.below(  # the smooth ones only: ReLU and leaky ReLU have slope 1 there by definition
    max(abs(slope[name][2] - 1.0) for name in ["softplus", "gelu"]),
    0.01,
    "softplus and GELU at x = 5: largest distance of the slope from ReLU's 1",
    fmt=".4f",
)

# %%
# ## Checked at build time
#
# The numbers behind the sentences above, measured while this page was built. Next: what
# squashing does to unscaled inputs, in [saturation](plot_02_saturation.md), and what each
# function does to the plane, in [activations on a grid](plot_04_activations_on_a_grid.md).

checks
