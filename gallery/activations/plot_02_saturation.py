r"""
# Saturation: unscaled inputs lose their information

Feed pixel-sized numbers, \(-255\) to \(255\), straight into tanh and almost all of them come
out as \(\pm 1\): of 10,000 different inputs only about 700 different outputs survive (about 300
in float32, dark bars). Divide the same inputs by 255 first and all 10,000 stay different (light):
scale inputs to about \([-1, 1]\) before a squashing activation, as seed article 001 concludes.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import palette
from nnexplain.activations import get_activation
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import load_digits
from nnexplain.distributions import distinct_kept, histograms
from nnexplain.explorable import Explorable
from nnexplain.initializers import get_initializer
from nnexplain.plot import plot_activation

# Experiment dials
X_MAX = 255.0  # the largest input, as for 8-bit pixel values
STEP = 0.5  # seed 001's grid: -255.0, -254.5, ..., 255.0
TABLE_INPUTS = [255, 150, 100, 10, 0, -10, -100, -150, -255]  # seed 001's table
N_INPUTS = 10_000  # distinct inputs for the information count
ACTIVATIONS = ["tanh", "sigmoid", "relu"]
HIDDEN = 100  # units of the random layer in the last cell
RANGES = [1, 3, 10, 30, 100, 255]  # the explorable's dial: the same inputs, spread over +-range
DEFAULT = {"input range ±": "255", "activation": "tanh"}  # opens on raw pixel-sized inputs
SEED = 0
checks = Checks()

# %%
# ## Distinct inputs in, distinct outputs out
#
# Each activation gets the same 10,000 inputs, raw and divided by 255, in float64 and in
# float32; the bars count the different numbers that come out.

inputs = np.linspace(-X_MAX, X_MAX, N_INPUTS)
counts = {}
for dtype in (np.float64, np.float32):
    for name in ACTIVATIONS:
        f = get_activation(name)
        raw = len(np.unique(f(inputs.astype(dtype))))
        scaled = len(np.unique(f((inputs / X_MAX).astype(dtype))))
        counts[dtype.__name__, name] = (raw, scaled)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), layout="constrained", sharey=True)
for ax, dtype in zip(axes, ["float64", "float32"], strict=True):
    pos = np.arange(len(ACTIVATIONS))
    raw, scaled = np.array([counts[dtype, n] for n in ACTIVATIONS]).T
    for shift, values, label, color in [
        (-0.2, raw, "raw, [-255, 255]", "0.3"),
        (0.2, scaled, "normalised, [-1, 1]", "0.75"),
    ]:
        bars = ax.bar(pos + shift, values, width=0.4, label=label, color=color)
        ax.bar_label(bars, fontsize="small")
    ax.axhline(N_INPUTS, color="0.3", ls="--", lw=0.8)
    ax.set(xticks=pos, xticklabels=ACTIVATIONS, ylim=(0, 13000))
    ax.set_title(f"{dtype}: distinct outputs of {N_INPUTS:,} inputs")
axes[0].legend(loc="upper right", ncols=2, fontsize="small")

# %%
# ## Where to look
#
# Take 10,000 different inputs evenly spread over \([-255, 255]\) and count how many different
# numbers come out (`np.unique`), once for the raw inputs and once for the same inputs divided
# by 255, i.e. spread over \([-1, 1]\). Raw, tanh keeps about 7 % of them in float64 and 3 % in
# float32 (the precision networks train in): every input beyond the narrow slope is rounded to
# \(\pm 1\). Sigmoid looks better in float64 only because its negative tail is made of
# distinct but useless numbers like \(10^{-100}\); float32 cannot hold those and drops to about
# 2,300. Normalised, both keep all 10,000. ReLU keeps 5,001 either way: it discards the negative
# half on purpose, and scaling does not change that.

# float64 here; float32, the figure's darker bar, is the explorable's readout below
kept_raw = counts["float64", "tanh"][0] / N_INPUTS
checks.between(kept_raw, 0.05, 0.09, "tanh, raw, float64: kept", fmt=".1%")
sigmoid_raw = counts["float32", "sigmoid"][0]
checks.between(sigmoid_raw, 2000, 2600, "sigmoid, raw, float32: kept")
for dtype in ["float64", "float32"]:
    for name in ["tanh", "sigmoid"]:
        kept = counts[dtype, name][1]
        checks.close(kept, N_INPUTS, f"{name}, normalised, {dtype}: kept", tol=0)
    checks.close(counts[dtype, "relu"][0], 5001, f"relu, raw, {dtype}: kept", tol=0)
    checks.close(counts[dtype, "relu"][1], 5001, f"relu, normalised, {dtype}: kept", tol=0)

# %%
# ## Turn the input range
#
# The cause, as a dial: the same 10,000 evenly spread inputs, stretched over \(\pm 1\) up to
# \(\pm 255\), in float32. Left, the inputs; right, what the activation makes of them, on its
# own range. It opens on the raw pixel range, where tanh's outputs are two spikes at \(\pm 1\);
# turn the range down and the spikes spread back into the whole interval. The readout counts
# the inputs that still come out distinct. For ReLU the count does not move: it merges the
# negative half at every range.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

OUTPUT_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "relu": None}  # None: 0 .. range
explorable = Explorable(
    dials={"input range ±": [str(r) for r in RANGES], "activation": ACTIVATIONS},
    title="inputs, and the activation's outputs (float32)",
    default=DEFAULT,
)
share = {}  # (activation, range) -> share of the inputs that stay distinct
for key in explorable.keys:
    name, r = key["activation"], int(key["input range ±"])
    x = (inputs * (r / X_MAX)).astype(np.float32)  # the inputs of the first figure, rescaled
    out = get_activation(name)(x)
    share[name, r] = distinct_kept(x, out)  # the 10,000 inputs are distinct
    c_in, e_in = histograms([[x]], bins=40, value_range=(-r, r))
    c_out, e_out = histograms([[out]], bins=40, value_range=OUTPUT_RANGE[name] or (0, r))
    explorable.add_histograms(
        key, np.concatenate([c_in, c_out], axis=1), np.vstack([e_in, e_out]),
        labels=[f"inputs within ±{r}"], panels=["input", f"{name} output"],
    )  # fmt: skip
    explorable.set_readout(
        key, f"{name}, inputs within ±{r}: {share[name, r]:.1%} of the 10,000 stay distinct"
    )
animation = animate_explorable(explorable)  # the video without JavaScript
opened = "tanh", int(DEFAULT["input range ±"])  # the readout as the figure opens
_ = checks.below(  # the control: the same inputs within +-1, where tanh keeps them all
    share[opened],
    share["tanh", 1] / 10,
    f"tanh, inputs within ±{opened[1]}: share of the 10,000 that stay distinct",
    fmt=".1%",
)

# %%
# ## Seed 001's view: -255 to 255 in steps of 0.5
#
# On this scale the input is a straight line and ReLU keeps its right half. Tanh and sigmoid
# become steps: the S shape that the textbook draws on \([-6, 6]\) is squeezed into a sliver
# around 0, and the grey saturated bands cover all the rest.

x = np.arange(-X_MAX, X_MAX + STEP, STEP)
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
# article (checked below to 7 decimals): tanh gives \(\pm 1\) or 0, sigmoid gives 1, 0.5 or 0
# except at \(\pm 10\), where it gives 0.9999546 and 0.0000454. The full
# precision below tells more: \(\tanh(10)\) is not quite 1, but \(\tanh(100)\) *is* exactly 1.0
# in float64, and so is \(\sigma(100)\). On the negative side sigmoid's "0" is really a tiny
# number such as \(\sigma(-100) \approx 3.7 \times 10^{-44}\): different from 0, but 40 orders of
# magnitude below anything the next layer can notice. The black dots (logarithmic x axis) show all
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
    ax.plot(x, f(x), label=name, **palette.ACTIVATIONS[name])
    ax.plot(v, f(v), "o", color="0.2", ms=5)
ax.set_xscale("symlog", linthresh=1.0)
ax.set(xlabel="x (symmetric log scale)", ylabel="f(x)")
ax.legend()

SEED_TANH = [1, 1, 1, 1, 0, -1, -1, -1, -1]  # seed 001's printed results
SEED_SIGMOID = [1, 1, 1, 0.9999546, 0.5, 0.0000454, 0, 0, 0]
checks.close(np.abs(tanh(v) - SEED_TANH).max(), 0, "tanh: table vs seed 001", tol=5e-8)
checks.close(np.abs(sigmoid(v) - SEED_SIGMOID).max(), 0, "sigmoid: vs seed 001", tol=5e-8)
t100, s100 = float(tanh(100.0)), float(sigmoid(100.0))
checks.true(t100 == 1.0, "tanh(100) is exactly 1.0 in float64", shown=str(t100))
checks.true(s100 == 1.0, "sigmoid(100) is exactly 1.0", shown=str(s100))
tiny = checks.close(sigmoid(-100.0), 3.7e-44, "sigmoid(-100)", tol=0.05e-44, fmt=".2e")

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
    ax.hist(out, bins=80, range=(-1.02, 1.02), color="0.3" if label == "raw" else "0.6")
    ax.set(title=f"tanh, {label} inputs", xlabel="tanh(x)", ylabel="count", yscale="log")
    at_bound, slope = np.mean(np.abs(out) == 1), np.mean(tanh.grad(xs))
    if label == "raw":
        checks.between(at_bound, 0.95, 0.97, "tanh, raw, float32: exactly +-1", fmt=".1%")
        checks.close(slope, 0.004, "tanh, raw: mean slope", tol=0.0005, fmt=".4f")
    else:
        checks.close(np.abs(out).max(), 0.76, "tanh, normalised: largest |output|", tol=0.005)
        checks.close(at_bound, 0, "tanh, normalised: share at +-1", tol=0, fmt=".1%")
        checks.close(slope, 0.76, "tanh, normalised: mean slope", tol=0.01, fmt=".3f")

# %%
# ## Images for ReLU, signed data for tanh?
#
# Seed 001 also argues that ReLU suits images, whose pixels are never negative (a negative
# number is noise, cut it), and that tanh or sigmoid suit signed measurements such as
# temperatures, whose negative values mean something. Test it on the 1797 real 8x8 digits:
# as *pixels* (scaled to \([0, 1]\), 46 % exactly 0) and as *signed* data (each pixel
# standardised to mean 0 and standard deviation 1). Left: the share of each column's distinct
# values that an activation keeps apart (`nnexplain.distributions.distinct_kept`). Right: the
# share of values ReLU turns into 0, applied to the data itself and after one random layer of
# 100 units (Xavier weights), where a hidden activation actually sits.
#
# On the data itself the seed is right: ReLU leaves pixels untouched (every pixel is already
# \(\ge 0\)) but throws away the negative half of the standardised data, zeroing 64 % of its
# values and merging a third of their distinct values, while tanh keeps signed values apart. But
# a hidden layer never sees the data: it sees \(x W + b\), and with weights of both signs about
# half of those pre-activations are negative for pixels and for signed data alike. Inside a
# network the sign of the raw data does not choose the activation; its scale does (the cells
# above), and so do the slopes and the weights ([vanishing
# gradients](plot_03_vanishing_gradients.md)).

digits, _ = load_digits()
digits = digits[:, digits.std(axis=0) > 0]  # 3 pixels are blank in every digit
data = {"pixels": digits, "signed": (digits - digits.mean(axis=0)) / digits.std(axis=0)}
W = get_initializer("glorot_normal")((digits.shape[1], HIDDEN), np.random.default_rng(SEED))
relu = get_activation("relu")
kept = {}
for d, X in data.items():
    for a in ACTIVATIONS:
        kept[d, a] = distinct_kept(X, get_activation(a)(X))


def zeroed_by_relu(values):
    """Share of the values that ReLU changes into 0 (those already 0 do not count)."""
    return np.mean((relu(values) == 0) & (values != 0))


zeroed = {
    d: {"on the data": zeroed_by_relu(X), "after a random layer": zeroed_by_relu(X @ W)}
    for d, X in data.items()
}

# %%
# Left, what each activation keeps apart; right, what ReLU sets to 0, light bars for the signed
# data.

fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), layout="constrained")
pos = np.arange(len(ACTIVATIONS))
for shift, (d, color) in zip([-0.2, 0.2], [("pixels", "0.3"), ("signed", "0.7")], strict=True):
    values = [kept[d, a] for a in ACTIVATIONS]
    axes[0].bar(pos + shift, values, width=0.4, color=color, label=d)
    where = np.arange(2)
    axes[1].bar(where + shift, list(zeroed[d].values()), width=0.4, color=color, label=d)
axes[0].set(xticks=pos, xticklabels=ACTIVATIONS, ylim=(0, 1.15), title="distinct values kept")
axes[1].set(xticks=[0, 1], xticklabels=list(zeroed["pixels"]), ylim=(0, 1.15))
axes[1].set_title("share of values ReLU turns into 0")
for ax in axes:
    ax.legend(fontsize="small", ncols=2, loc="upper right")

# %%
# The seed's claim on the data itself, and what becomes of it after one layer, in numbers.

zero_before = {d: np.mean(X == 0) for d, X in data.items()}
checks.close(zero_before["pixels"], 0.46, "pixels: share exactly 0 already", tol=0.01, fmt=".1%")
checks.close(kept["pixels", "relu"], 1.0, "ReLU on pixels: distinct values kept", tol=0)
pixels_cut = zeroed["pixels"]["on the data"]
checks.close(pixels_cut, 0, "ReLU on pixels: turned into 0", tol=0, fmt=".1%")
cut = zeroed["signed"]["on the data"]
checks.close(cut, 0.64, "ReLU on signed data: set to 0", tol=0.01, fmt=".1%")
checks.between(kept["signed", "relu"], 0.6, 0.72, "ReLU on signed data: distinct kept", fmt=".1%")
checks.at_least(kept["signed", "tanh"], 0.99, "tanh on signed data: distinct kept", fmt=".1%")
for d in data:
    after_layer = zeroed[d]["after a random layer"]
    checks.between(after_layer, 0.45, 0.6, f"ReLU after a random layer, {d}: set to 0", fmt=".1%")

# %%
# ## Checked at build time
#
# The numbers behind the sentences above, measured while this page was built. The slopes of
# these functions are on [the first page](plot_01_shapes.md); what the squashing does to a
# plane of points is on [activations on a grid](plot_04_activations_on_a_grid.md).

checks
