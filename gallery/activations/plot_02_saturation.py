r"""
# Saturation: unscaled inputs lose their information

Feed pixel-sized numbers, \(-255\) to \(255\), straight into tanh or sigmoid and almost all of
them come out as the same few values: tanh turns everything beyond \(|x| \approx 19\) into exactly
\(\pm 1\), so of 10,000 different inputs only about 700 different outputs survive (about 300 in
float32). Divide the same inputs by 255 first and all 10,000 stay different. Scale inputs to
about \([-1, 1]\) before a squashing activation.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain.activations import get_activation
from nnexplain.plot import plot_activation

# Experiment dials
X_MAX = 255.0  # the largest input, as for 8-bit pixel values
STEP = 0.5  # seed 001's grid: -255.0, -254.5, ..., 255.0
TABLE_INPUTS = [255, 150, 100, 10, 0, -10, -100, -150, -255]  # seed 001's table
N_INPUTS = 10_000  # distinct inputs for the information count
ACTIVATIONS = ["tanh", "sigmoid", "relu"]

# %%
# ## Seed 001's view: -255 to 255 in steps of 0.5
#
# On this scale the input is a straight line and ReLU keeps its right half. Tanh and sigmoid
# become steps: the S shape that the textbook draws on \([-6, 6]\) is squeezed into a sliver
# around 0, and the grey saturated bands cover all the rest.

x = np.arange(-X_MAX, X_MAX + STEP, STEP)
print(f"{x.size} inputs: {x[:4]} ... {x[-2:]}")
fig, axes = plt.subplots(1, 4, figsize=(11, 2.8), layout="constrained")
axes[0].plot(x, x, label="x")
axes[0].set(title="input", xlabel="x")
for ax, name in zip(axes[1:], ["relu", "tanh", "sigmoid"], strict=True):
    plot_activation(name, x_range=(-X_MAX, X_MAX), n_points=x.size, derivative=False, ax=ax)
    ax.set_title(name)
    ax.get_legend().remove()

# %%
# ## Seed 001's table, computed
#
# The first two lines print the nine inputs the way numpy shows them by default, and match the
# article: tanh gives \(\pm 1\) or 0, sigmoid gives 1, 0.5 or 0 except at \(\pm 10\). The full
# precision below tells more: \(\tanh(10)\) is not quite 1, but \(\tanh(100)\) *is* exactly 1.0
# in float64, and so is \(\sigma(100)\). On the negative side sigmoid's "0" is really a tiny
# number such as \(\sigma(-100) \approx 3.7 \times 10^{-44}\): different from 0, but 40 orders of
# magnitude below anything the next layer can notice. The red dots (logarithmic x axis) show all
# nine inputs sitting on the flat parts of the curves except 0.

v = np.array(TABLE_INPUTS, dtype=float)
tanh, sigmoid = get_activation("tanh"), get_activation("sigmoid")
print("tanh   ", np.array2string(tanh(v), precision=7, suppress_small=True))
print("sigmoid", np.array2string(sigmoid(v), precision=7, suppress_small=True))
print(f"\n{'x':>6s} {'tanh(x)':>22s} {'sigmoid(x)':>22s} {'tanh(x) == +-1':>15s}")
for xi, t, s in zip(v, tanh(v), sigmoid(v), strict=True):
    print(f"{xi:6.0f} {t:22.17g} {s:22.17g} {abs(t) == 1.0!s:>15s}")
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
for name, f in [("tanh", tanh), ("sigmoid", sigmoid)]:
    ax.plot(x, f(x), label=name)
    ax.plot(v, f(v), "o", color="C3", ms=5)
ax.set_xscale("symlog", linthresh=1.0)
ax.set(xlabel="x (symmetric log scale)", ylabel="f(x)")
ax.legend()

# %%
# ## How many different outputs survive?
#
# Take 10,000 different inputs evenly spread over \([-255, 255]\) and count how many different
# numbers come out (`np.unique`), once for the raw inputs and once for the same inputs divided
# by 255, i.e. spread over \([-1, 1]\). Raw, tanh keeps about 7 % of them in float64 and 3 % in
# float32 (the precision networks train in): every input beyond the narrow slope is rounded to
# \(\pm 1\). Sigmoid looks better in float64 only because its negative tail is made of
# distinct but useless numbers like \(10^{-100}\); float32 cannot hold those and drops to about
# 2,300. Normalised, both keep all 10,000. ReLU keeps 5,001 either way: it discards the negative
# half on purpose, and scaling does not change that.

inputs = np.linspace(-X_MAX, X_MAX, N_INPUTS)
counts = {}
for dtype in (np.float64, np.float32):
    for name in ACTIVATIONS:
        f = get_activation(name)
        raw = len(np.unique(f(inputs.astype(dtype))))
        scaled = len(np.unique(f((inputs / X_MAX).astype(dtype))))
        counts[dtype.__name__, name] = (raw, scaled)
        print(f"{dtype.__name__:8s} {name:8s} raw: {raw:6d}   normalised: {scaled:6d}")
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), layout="constrained", sharey=True)
for ax, dtype in zip(axes, ["float64", "float32"], strict=True):
    pos = np.arange(len(ACTIVATIONS))
    raw, scaled = np.array([counts[dtype, n] for n in ACTIVATIONS]).T
    bars = ax.bar(pos - 0.2, raw, width=0.4, label="raw, [-255, 255]", color="C3")
    ax.bar_label(bars, fontsize="small")
    bars = ax.bar(pos + 0.2, scaled, width=0.4, label="normalised, [-1, 1]", color="C0")
    ax.bar_label(bars, fontsize="small")
    ax.axhline(N_INPUTS, color="0.3", ls="--", lw=0.8)
    ax.set(xticks=pos, xticklabels=ACTIVATIONS, title=f"{dtype}: distinct outputs", ylim=(0, 13000))
axes[0].legend(loc="upper right", ncols=2, fontsize="small")

# %%
# ## Where the outputs land
#
# The same 10,000 float32 inputs through tanh. Raw (left), the outputs are two spikes: 96 % of
# them are exactly \(-1\) or \(+1\), and the mean slope \(f'(x)\) at those inputs, which is what
# training multiplies the error by, is 0.004. Normalised (right), the outputs spread over
# \([-0.76, 0.76]\), none is at a bound, and the mean slope is 0.76: the layer can still tell
# its inputs apart, and can still learn.

fig, axes = plt.subplots(1, 2, figsize=(9, 2.8), layout="constrained", sharex=True, sharey=True)
for ax, (label, xs) in zip(axes, [("raw", inputs), ("normalised", inputs / X_MAX)], strict=True):
    out = tanh(xs.astype(np.float32))
    ax.hist(out, bins=80, range=(-1.02, 1.02), color="C3" if label == "raw" else "C0")
    ax.set(title=f"tanh, {label} inputs", xlabel="tanh(x)", ylabel="count", yscale="log")
    at_bound, slope = np.mean(np.abs(out) == 1), np.mean(tanh.grad(xs))
    print(f"{label:10s}: {at_bound:5.1%} exactly +-1, mean slope {slope:.4f}")
