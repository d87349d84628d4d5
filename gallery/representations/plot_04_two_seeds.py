r"""
# Two random starts, two representations, one accuracy

Train the same network twice from two random seeds: both read the digits equally well and agree
on almost every prediction, yet their hidden neurons are different. Each hidden neuron of one
network matches the other network's neurons hardly better than it matches the other neurons of
its own network. The representation is fixed by the random start, not by the data.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import train_mlp
from nnexplain.datasets import load_digits, train_test_split
from nnexplain.plot import plot_weight_images
from nnexplain.stats import template_similarity

# Experiment dials
N_HIDDEN = 64
SEED_A, SEED_B = 0, 1  # the two random starts
TEST_FRACTION = 0.25
EPOCHS = 30
BATCH_SIZE = 32
N_SHOWN = 16
SEED = 0  # the train/test split

# %%
# ## Same network, two seeds
#
# Two 64-64-10 ReLU networks trained on the same 8x8 UCI digits (MNIST at home: `X, y =
# nnexplain.mnist.load_mnist()`), differing only in the seed, which draws the initial weights and
# the order of the batches. Top row: hidden neurons 0-15 of network A. Bottom row: for each of
# them, the neuron of network B whose weights are most similar (hidden neurons can be put in any
# order without changing the function, so we match them rather than compare neuron 0 with neuron
# 0), titled with the cosine similarity. Even the best partners look different.

X, y = load_digits()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=TEST_FRACTION, seed=SEED)


def train(sizes, init_seed, fit_seed):
    """A network started from ``init_seed`` and trained with batches shuffled by ``fit_seed``."""
    return train_mlp(
        sizes,
        X_train,
        y_train,
        activation="relu",
        seed=init_seed,
        fit_seed=fit_seed,
        epochs=EPOCHS,
        batch_size=BATCH_SIZE,
        evaluate=False,
    )


net_a = train([64, N_HIDDEN, 10], SEED_A, SEED_A)
net_b = train([64, N_HIDDEN, 10], SEED_B, SEED_B)
for name, net in (("A", net_a), ("B", net_b)):
    print(f"network {name}: test accuracy {net.accuracy(X_test, y_test):.3f}")
agree = np.mean(net_a.predict(X_test) == net_b.predict(X_test))
print(f"A and B predict the same digit for {agree:.3f} of the test digits")

W_a, W_b = net_a.layers[0].W, net_b.layers[0].W
similarity_ab = template_similarity(W_a, W_b, pairwise=True)  # (neuron of A, neuron of B)
partner = similarity_ab.argmax(axis=1)
fig, axes = plt.subplots(2, N_SHOWN, figsize=(12, 2.3), layout="constrained")
vmax = max(np.abs(W_a).max(), np.abs(W_b).max())
row_a = plot_weight_images(
    W_a, image_shape=(8, 8), neurons=range(N_SHOWN), axes=axes[0], vmax=vmax, colorbar=False
)
row_b = plot_weight_images(
    W_b, image_shape=(8, 8), neurons=partner[:N_SHOWN], axes=axes[1], vmax=vmax
)
for j, image in enumerate(row_b):
    row_a[j].axes.set_title(f"A {j}", fontsize="small")
    image.axes.set_title(f"B {partner[j]}: {similarity_ab[j, partner[j]]:.2f}", fontsize="small")

# %%
# ## How different, in numbers
#
# For every hidden neuron of A, the best cosine similarity with any neuron of
#
# - **B** (another seed);
# - **A itself**, leaving the neuron out: how alike two neurons of one network are anyway;
# - **C**, a third network that starts from A's seed but sees the batches in B's order;
# - **random** Gaussian vectors, the floor.
#
# A's neurons match B's barely better than they match their own neighbours, while C, which only
# shares A's starting weights, reproduces A's neurons almost exactly: the starting point, not the
# batch order, decides the representation. For contrast, the single layer (no hidden layer,
# neuron \(k\) is always digit \(k\), no matching needed) trained with seeds A and B gives
# similar templates: its differences are the random start of pixels that are almost never inked.
# Started from zeros, its two runs would be identical up to the batch order.

net_c = train([64, N_HIDDEN, 10], SEED_A, SEED_B)
within_a = template_similarity(W_a, W_a, pairwise=True)
np.fill_diagonal(within_a, -1.0)  # a neuron does not count as its own neighbour
slp_a, slp_b = train([64, 10], SEED_A, SEED_A), train([64, 10], SEED_B, SEED_B)
random_W = np.random.default_rng(SEED).normal(size=W_a.shape)
best = {
    "A vs B": similarity_ab.max(axis=1),
    "A vs rest of A": within_a.max(axis=1),
    "A vs C (same start)": template_similarity(W_a, net_c.layers[0].W, pairwise=True).max(1),
    "A vs random": template_similarity(W_a, random_W, pairwise=True).max(axis=1),
    "single layer, seed A vs B": template_similarity(slp_a.layers[0].W, slp_b.layers[0].W),
}
for name, values in best.items():
    print(f"{name:>26}: median best cosine {np.median(values):.2f}")

fig, ax = plt.subplots(figsize=(6.5, 3), layout="constrained")
jitter = np.random.default_rng(SEED).uniform(-0.2, 0.2, size=N_HIDDEN)
for i, values in enumerate(best.values()):
    ax.plot(values, i + jitter[: len(values)], "o", ms=3, alpha=0.5)
    ax.plot(np.median(values), i, "|", ms=22, mew=2, color="black")
ax.set_yticks(range(len(best)), list(best))
ax.invert_yaxis()
ax.set(xlabel="best cosine similarity with a partner neuron (bar: median)", xlim=(0, 1.02))
