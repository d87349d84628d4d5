r"""
# A single layer learns one template per digit

A dense layer scores its input against each of its weight vectors with an inner product, a
similarity. Train a network with no hidden layer to read handwritten digits and each of its ten
output neurons ends up holding a picture of its own digit: the input is classified by the template
it looks most like.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP
from nnexplain.datasets import load_digits, train_test_split
from nnexplain.plot import plot_weight_images, plot_winner_neuron
from nnexplain.stats import class_means, template_similarity, winner_neuron

# Experiment dials
TEST_FRACTION = 0.25  # share of the digits held out to measure accuracy
INIT = "zeros"  # try "glorot_uniform": never-lit pixels then keep their random start
EPOCHS = 30
BATCH_SIZE = 32
SHOWN_DIGITS = [0, 3, 7]  # digits whose winner neuron is shown
SEED = 0

# %%
# ## The data: 8x8 handwritten digits
#
# The seed article uses MNIST (70 000 digits of 28x28 pixels) with Keras. This site is built
# without internet, so the pages use the real UCI handwritten digits that ship with
# scikit-learn: 1797 digits of 8x8 pixels, scaled to \([0, 1]\). A quarter of them is held out,
# at random but seeded, to measure accuracy on digits the network never saw. To run the same
# page on MNIST at home, replace the `load_digits()` line with
# `X, y = nnexplain.mnist.load_mnist()` (it downloads 11 MB once) and the image shape `(8, 8)`
# with `(28, 28)`.

X, y = load_digits()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=TEST_FRACTION, seed=SEED)
print(f"{len(X_train)} training digits, {len(X_test)} test digits, {X.shape[1]} pixels each")

fig, axes = plt.subplots(1, 10, figsize=(8, 1.2), layout="constrained")
for digit, ax in enumerate(axes):
    ax.imshow(X_train[y_train == digit][0].reshape(8, 8), cmap="gray_r")
    ax.set(xticks=[], yticks=[], title=str(digit))

# %%
# ## Ten neurons, ten templates
#
# The network is a single dense layer, 64 pixels in, 10 neurons out, then softmax; it is trained
# with Adam on the cross-entropy. Each neuron \(j\) has one weight per pixel, so its weight
# column \(w_j\) can be drawn as an 8x8 image: red pixels push the neuron up, blue ones push it
# down. All ten panels share one colour scale, symmetric around 0. Look for the digits: neuron 0
# is a red ring around a blue hole; the others are recognisable if you squint (8x8 pixels is
# coarse). Each template is also a negative of the others: blue marks where *other* digits have
# ink and this one has none.

slp = MLP([64, 10], output="softmax", init=INIT, seed=SEED)
slp.fit(X_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, optimizer="adam", seed=SEED)
print(f"test accuracy: {slp.accuracy(X_test, y_test):.3f}")

W = slp.layers[0].W  # shape (64, 10): one column per neuron
images = plot_weight_images(W, image_shape=(8, 8), neurons=range(10))

# %%
# ## The inner product is a similarity score
#
# Neuron \(j\) computes
#
# \[
# z_j = \langle x, w_j \rangle + b_j = \sum_{i=1}^{64} x_i\, w_{ij} + b_j .
# \]
#
# A pixel adds to the sum when the input has ink where the weight is positive, and subtracts when
# the input has ink where the weight is negative. So \(z_j\) is large when the input looks like
# template \(w_j\), and the neuron with the largest inner product, the *winner*, is the template
# the digit resembles most. For each digit below, the winner's weights are drawn beside it. The
# last printed line counts how often the winner alone (biases left out) is the true digit: as
# often as the network is right, so the classifier *is* template matching.

digits = [X_test[y_test == d][0] for d in SHOWN_DIGITS]
fig, axes = plt.subplots(len(digits), 2, figsize=(3.6, 1.8 * len(digits)), layout="constrained")
for x, pair in zip(digits, axes, strict=True):
    winner = plot_winner_neuron(W, x, image_shape=(8, 8), axes=pair)
    scores = x @ W
    print(
        f"winner neuron {winner.neuron}: <x, w_j> = {scores[winner.neuron]:.1f}; "
        f"runner-up {np.sort(scores)[-2]:.1f}"
    )
print(f"winner = true digit on {np.mean(winner_neuron(W, X_test) == y_test):.3f} of test digits")

# %%
# ## Why the weights become digits
#
# The cross-entropy gradient of neuron \(k\)'s weights is
#
# \[
# \frac{\partial L}{\partial w_k} = -\sum_{n} x_n \,(t_{nk} - p_{nk}),
# \]
#
# where \(t_{nk}\) is 1 when digit \(n\) is a \(k\) and \(p_{nk}\) the predicted probability.
# Training adds the digits of class \(k\) to \(w_k\) and subtracts the other digits in proportion
# to how much they are mistaken for a \(k\). At the start, all weights are zero, every
# \(p_{nk} = 1/10\), and the first downhill direction is exactly \(n_k\) times the class mean
# minus a tenth of the sum of all digits: for balanced classes, the class mean minus the overall
# mean. Those *centred class means* are drawn below, on one shared scale. The printed cosine
# similarity of each trained template with its own centred class mean measures how much of the
# template they explain (1 would be the same picture).

centred_means = class_means(X_train, y_train, centred=True)
similarity = template_similarity(W, centred_means)
print("cosine(w_k, centred mean of k):", np.round(similarity, 2))
print(f"mean over the ten neurons: {similarity.mean():.2f}")

images = plot_weight_images(centred_means, image_shape=(8, 8), neurons=range(10), colorbar=False)
for k, image in enumerate(images):
    image.axes.set_title(f"mean {k} - all", fontsize="small")
image.figure.colorbar(image, ax=[im.axes for im in images], shrink=0.8, label="ink difference")
