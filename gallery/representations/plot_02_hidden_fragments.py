r"""
# Hidden neurons hold fragments, not digits

Put a hidden layer between the pixels and the output and its neurons no longer learn whole digits.
Each hidden neuron's weights are a fragment (a stroke, a blob, a contrast between two regions),
every digit excites many of them, and every neuron takes part in many digits: a *distributed
representation*. The fragments match the digit templates barely better than random patterns do.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.datasets import load_digits, train_test_split
from nnexplain.plot import plot_weight_images, plot_winner_neuron
from nnexplain.stats import class_means, template_similarity

# Experiment dials
N_HIDDEN = 64  # try 16 or 256
TEST_FRACTION = 0.25
EPOCHS = 30
BATCH_SIZE = 32
DIGIT = 0  # the digit whose most excited hidden neurons are shown
N_SHOWN = 16
SEED = 0

# %%
# ## The winner is no longer a digit
#
# Same 8x8 UCI digits as in the previous page (MNIST at home: `X, y =
# nnexplain.mnist.load_mnist()`), same seeded split, same training: Adam on the cross-entropy.
# Two networks: the single layer (64-10) and a network with one ReLU hidden layer (64-64-10).
# Top row: the input and the single layer's winner, a template of the digit. Bottom row: the
# hidden neuron with the largest inner product with the same input. Its weights do not look like
# the digit.

X, y = load_digits()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=TEST_FRACTION, seed=SEED)

slp = MLP([64, 10], init="zeros", seed=SEED)
mlp = MLP([64, N_HIDDEN, 10], activation="relu", seed=SEED)
W_start = mlp.layers[0].W.copy()  # kept for the last cell
for net in (slp, mlp):
    net.fit(X_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, seed=SEED, evaluate=False)
    print(f"{net}: test accuracy {net.accuracy(X_test, y_test):.3f}")

x = X_test[y_test == DIGIT][0]
fig, axes = plt.subplots(2, 2, figsize=(3.6, 3.6), layout="constrained")
plot_winner_neuron(slp, x, image_shape=(8, 8), axes=axes[0])
plot_winner_neuron(mlp, x, image_shape=(8, 8), axes=axes[1])
axes[0, 1].set_title("single layer: winner")
axes[1, 1].set_title("hidden layer: winner")

# %%
# ## The hidden neurons this digit excites most
#
# The hidden layer computes \(h = \mathrm{ReLU}(W^\top x + b)\). Here are the weights of the
# hidden neurons with the largest \(h_j\) for the digit above, on one colour scale, each titled
# with its activation. None of them is the digit; each is a part of it, or a contrast between
# where the digit has ink and where other digits would. The digit is recognised from the
# combination.

h = mlp.trace(x[None, :]).post_activations[0][0]
top = np.argsort(h)[::-1][:N_SHOWN]
share = np.cumsum(np.sort(h)[::-1]) / h.sum()
print(f"{np.sum(h > 0)} of {N_HIDDEN} hidden neurons are active for this digit")
print(
    f"the strongest carries {share[0]:.0%} of the total activation, the top {N_SHOWN} "
    f"carry {share[N_SHOWN - 1]:.0%}"
)

images = plot_weight_images(mlp.layers[0].W, image_shape=(8, 8), neurons=top, ncols=8)
for j, image in zip(top, images, strict=True):
    image.axes.set_title(f"h = {h[j]:.1f}", fontsize="small")

# %%
# ## Every digit uses many neurons, every neuron many digits
#
# Rows: 40 test digits, sorted by class; columns: the hidden neurons; colour: activation. A
# one-neuron-per-digit code would be a diagonal of bright cells. Instead each row has bright
# cells spread across the layer, and most columns are bright for several classes; rows of the
# same class share a pattern (horizontal bands), which is what the output layer reads.

rows = np.concatenate([np.flatnonzero(y_test == k)[:4] for k in range(10)])
H = mlp.trace(X_test).post_activations[0]
mean_activity = class_means(H, y_test)  # (hidden neuron, class)
on_for = (mean_activity > 0.5 * mean_activity.max(axis=1, keepdims=True)).sum(axis=1)
print(
    f"active hidden neurons per test digit: {np.mean((H > 0).sum(axis=1)):.1f} "
    f"of {N_HIDDEN} on average"
)
print(
    f"classes for which a neuron is at least half as active as for its favourite: "
    f"{on_for.mean():.1f} on average"
)

fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
ax.imshow(H[rows], cmap="Greys", aspect="auto", interpolation="nearest")
ax.set_yticks(np.arange(2, 40, 4) - 0.5, [str(k) for k in range(10)])
ax.set(xlabel="hidden neuron", ylabel="test digit (4 per class)")

# %%
# ## Measured: how digit-like are the weights?
#
# A number for "looks like a digit": the cosine similarity of a neuron's weights with the
# *centred class means* (the mean image of a class minus the mean of all digits, the direction
# the first gradient step of a single layer points to; see the previous page). For each neuron
# take the best match over the ten classes. Three sets of weight vectors: the ten output neurons
# of the single layer, the hidden neurons of the MLP, and as a baseline as many random Gaussian
# vectors. The single layer's neurons sit near 0.8, the random vectors near 0.2, the hidden
# neurons near 0.4: well short of a template. Part of their texture is not learnt at all but left
# over from the random start: the last printed line is the median cosine similarity of each
# hidden neuron with its own initial weights.

centred = class_means(X_train, y_train, centred=True)
random_W = np.random.default_rng(SEED).normal(size=(64, N_HIDDEN))
best = {
    "single layer (10)": template_similarity(slp.layers[0].W, centred, pairwise=True).max(1),
    f"hidden layer ({N_HIDDEN})": template_similarity(mlp.layers[0].W, centred, pairwise=True).max(
        1
    ),
    f"random ({N_HIDDEN})": template_similarity(random_W, centred, pairwise=True).max(1),
}
for name, values in best.items():
    print(f"{name:>18}: median best cosine {np.median(values):.2f}")
kept = template_similarity(mlp.layers[0].W, W_start)
print(f"hidden neuron vs its own random start: median cosine {np.median(kept):.2f}")

fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
ax.hist(list(best.values()), bins=np.linspace(0, 1, 21), label=list(best), density=True)
ax.set(xlabel="best cosine similarity with a centred class mean", ylabel="density")
ax.legend()
