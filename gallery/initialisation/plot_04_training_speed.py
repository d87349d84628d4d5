r"""
# Does the histogram predict how fast a network learns?

Train the same 64-100-100-100-100-100-10 network on the real 8x8 digits from the four
initialisations of the previous pages, with plain gradient descent. With tanh the activation
histograms predict the outcome: the two spread-out ones (Xavier, He) learn in a few epochs, the
saturated one (std 1) and the collapsed one (std 0.01) hardly learn. With sigmoid they do not:
only std 1, whose histograms are the saturated ones, learns at all, and the spread-out Xavier and
He networks stay at chance. What the histograms cannot show is whether the last hidden layer
still tells the inputs apart; that number separates the networks that learn from those that do
not, except for the one saturated network the histograms do flag.
"""

import matplotlib.pyplot as plt

from nnexplain import MLP
from nnexplain.datasets import load_digits
from nnexplain.plot import INIT_COLORS, plot_training_curves
from nnexplain.stats import gradient_norms, layer_activations, weight_scale_inits
from nnexplain.training import DivergenceError

# Experiment dials
HIDDEN = [100] * 5
ACTIVATIONS = ["tanh", "sigmoid"]  # try adding "relu"
INITS = weight_scale_inits()  # std 1, std 0.01, Xavier sqrt(1 / n), He sqrt(2 / n)
OPTIMIZER = "sgd"  # try "adam" with LR = 0.001: it rescales each weight's step
LR = 0.1
EPOCHS = 10
BATCH_SIZE = 32
VALIDATION_SPLIT = 0.2  # 360 of the 1797 digits are held out
SEED = 0

# %%
# ## Train eight networks
#
# For each activation and initialisation, build the network, measure it at initialisation (the
# numbers of the last figure), and train it for a few epochs on 1437 digits. The printed table
# is the validation accuracy after the last epoch; chance is about 0.1.

X, y = load_digits()
sizes = [X.shape[1], *HIDDEN, 10]
fit_options = {
    "epochs": EPOCHS,
    "batch_size": BATCH_SIZE,
    "optimizer": OPTIMIZER,
    "lr": LR,
    "validation_split": VALIDATION_SPLIT,
    "seed": SEED,
}
histories, before = {}, {}
for act in ACTIVATIONS:
    for name, init in INITS.items():
        net = MLP(sizes, activation=act, init=init, seed=SEED)
        last_hidden = layer_activations(net, X, include_output=False)[-1].values
        grad_first = gradient_norms(net, X, y)[0]
        before[act, name] = (last_hidden.std(), last_hidden.std(axis=0).mean(), grad_first)
        try:
            histories[act, name] = net.fit(X, y, **fit_options)
        except DivergenceError as err:
            print(f"{act} {name}: {err}")
for (act, name), h in histories.items():
    print(f"{act:>7} {name:>8}: validation accuracy {h.val_accuracy[-1]:.3f}")

# %%
# ## Tanh: the histograms were right
#
# Loss (left) and accuracy (right) per epoch; solid lines on the training digits, dashed on the
# held-out ones. **Xavier** and **He**, whose histograms stayed spread out through the five
# layers (previous page), pass 0.9 validation accuracy after one or two epochs. **std 1**, whose
# outputs were 78% saturated, crawls; **std 0.01**, whose signal had shrunk to \(10^{-5}\) by
# layer 5 and whose gradients were a few \(10^{-6}\) in every layer (page 3), does not move at all.


def overlay(act):
    """All the initialisations of one activation on one pair of axes, one colour each."""
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.3), layout="constrained")
    for name in INITS:
        if (act, name) not in histories:
            continue  # diverged
        plot_training_curves(histories[act, name], axes=axes)
        for ax in axes:
            train, val = ax.lines[-2:]
            train.set(color=INIT_COLORS[name], label=name)
            val.set(color=INIT_COLORS[name], label="_nolegend_")
    axes[0].set_title(f"{act}: loss")
    axes[1].set(title=f"{act}: accuracy", ylim=(0, 1))
    axes[1].legend(fontsize="small", loc="center right")
    axes[0].legend().remove()
    return axes


axes = overlay("tanh")

# %%
# ## Sigmoid: the histograms were wrong
#
# The same plot for sigmoid. The network whose histograms looked worst, **std 1**, with half of
# its outputs saturated at 0 or 1 (page 1), is the only one that learns. The **Xavier** and
# **He** networks, with their spread-out bells, stay at chance for all ten epochs, like
# **std 0.01**: their first layer receives a gradient hundreds of times smaller than the last
# (page 3), and their last hidden layer gives almost the same answer for every digit (next
# figure). Adam, which scales each weight's step by the size of its own recent gradients, hides
# part of this: with `OPTIMIZER = "adam"` and `LR = 0.001` the sigmoid Xavier and He networks
# do start learning (0.67 and 0.71 after ten epochs with this seed), still behind std 1 (0.93).

axes = overlay("sigmoid")

# %%
# ## What the histograms miss
#
# Each point is one network, placed by a number measured on its last hidden layer *before*
# training, against its validation accuracy *after* training. Left: the width of the layer's
# histogram (the std of all its outputs). Right: how much the layer's answer depends on the input
# (the std across samples, unit by unit, averaged over the units; page 1).
#
# On the left, sigmoid with Xavier and He (widths 0.13 and 0.18) sit next to tanh with Xavier
# (0.24): a width cannot tell the networks that learn from those that do not. On the right, two
# decades separate the four networks that stay at chance (below 0.001) from the three that learn
# (0.1 to 0.4). The exception is tanh with std 1, whose outputs differ from digit to digit
# (0.9) but are 78% saturated: that failure is the one the histograms do show.

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True, layout="constrained")
print("before training: histogram width, std across samples (last hidden layer), layer-1 gradient")
for (act, name), (width, per_sample, grad_first) in before.items():
    acc = histories[act, name].val_accuracy[-1] if (act, name) in histories else 0.0
    style = {"marker": "os^"[ACTIVATIONS.index(act) % 3], "color": INIT_COLORS[name]}
    axes[0].semilogx(width, acc, ls="", ms=8, label=f"{act} {name}", **style)
    axes[1].semilogx(per_sample, acc, ls="", ms=8, **style)
    print(f"{act:>7} {name:>8}: {width:.2g}, {per_sample:.2g}, {grad_first:.2g} -> {acc:.3f}")
axes[0].set(xlabel="std of all outputs (histogram width)", ylabel="validation accuracy")
axes[1].set(xlabel="std across samples (dependence on the input)", ylim=(0, 1.05))
fig.legend(fontsize="x-small", loc="outside right center")
