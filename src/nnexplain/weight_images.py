r"""Weights shown as images: each neuron's weight column reshaped like the input image, on one
colour scale symmetric around 0, and an input beside the weights of the neuron it excites most.

Helpers have the shape of :mod:`nnexplain.plot`'s: ``plot_thing(data, *, axes=None, **kwargs)``
returns the artists and never calls ``plt.show()`` or saves a file.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import similarity
from ._style import SIGNED_CMAP, get_axes, panel_grid
from ._validation import check_array, check_int, check_positive, describe
from .network import MLP, Dense

__all__ = ["WinnerArtists", "plot_weight_images", "plot_winner_neuron"]


def _weights_of(W, name="W") -> np.ndarray:
    if isinstance(W, Dense):
        W = W.W
    return check_array(W, name, ndim=2)


def _check_shape(image_shape, n_in) -> tuple[int, int]:
    if not isinstance(image_shape, (tuple, list)) or len(image_shape) != 2:
        raise TypeError(f"image_shape must be a pair (rows, cols); got {describe(image_shape)}")
    shape = (
        check_int(image_shape[0], "image_shape[0]"),
        check_int(image_shape[1], "image_shape[1]"),
    )
    if shape[0] * shape[1] != n_in:
        raise ValueError(
            f"image_shape {shape} holds {shape[0] * shape[1]} pixels but the weights have "
            f"{n_in} inputs (rows of W); they must match"
        )
    return shape


def _near_square(n: int) -> tuple[int, int]:
    """The factorisation ``rows * cols == n`` with rows <= cols closest to a square."""
    rows = max(r for r in np.arange(1, math.isqrt(n) + 1) if n % r == 0)
    return int(rows), n // int(rows)


def plot_weight_images(
    W,
    *,
    image_shape,
    neurons=None,
    axes=None,
    cmap=SIGNED_CMAP,
    vmax=None,
    colorbar=True,
    ncols=5,
    **kwargs,
) -> list:
    r"""Show weight columns as images, all on one colour scale symmetric around 0.

    Neuron :math:`j` computes :math:`\langle x, w_j \rangle`, so its weight column, reshaped
    like the input image, shows the pattern it responds to: red pixels push the neuron up, blue
    ones down, white ones do not matter. All panels share ``vmin=-vmax`` and ``vmax``, so that
    colours compare across neurons.

    Parameters
    ----------
    W : array-like of shape (n_in, n_units) or Dense
        Weights, one column per neuron.
    image_shape : (int, int)
        Shape of one image, e.g. ``(8, 8)`` for the digits; its product must be ``n_in``.
    neurons : sequence of int or None
        Which columns; ``None`` shows the first 10 (or all, if fewer).
    axes : sequence of Axes or None
        One per neuron; ``None`` makes a grid of ``ncols`` columns.
    cmap : str or Colormap, default=SIGNED_CMAP
        A diverging colormap (white at 0).
    vmax : float or None
        Top of the colour scale; ``None`` is the largest ``|w|`` over the shown neurons.
    colorbar : bool, default=True
        Add one colour bar for all panels.
    ncols : int, default=5
        Columns of the grid created when ``axes`` is None.
    **kwargs
        Passed to every :meth:`Axes.imshow`.

    Returns
    -------
    list of AxesImage
        One per neuron, all with the same ``get_clim()``.
    """
    W = _weights_of(W)
    shape = _check_shape(image_shape, W.shape[0])
    n_units = W.shape[1]
    if neurons is None:
        neurons = np.arange(min(n_units, 10))
    neurons = np.asarray(neurons)
    if neurons.ndim != 1 or neurons.size == 0 or not np.issubdtype(neurons.dtype, np.integer):
        raise TypeError(f"neurons must be a non-empty sequence of ints; got {neurons!r}")
    if neurons.min() < -n_units or neurons.max() >= n_units:
        raise ValueError(f"neurons must be in 0..{n_units - 1} (W has {n_units} columns)")
    shown = W[:, neurons]
    if vmax is None:
        vmax = float(np.abs(shown).max()) or 1.0
    else:
        vmax = check_positive(vmax, "vmax")
    n = neurons.size
    if axes is None:
        ncols = min(check_int(ncols, "ncols"), n)
        nrows = math.ceil(n / ncols)
        figsize = (1.5 * ncols + (0.8 if colorbar else 0), 1.6 * nrows)
        _, axes = panel_grid(n, max_cols=ncols, figsize=figsize)
    else:
        axes = np.asarray(axes, dtype=object).ravel()
        if axes.size != n:
            raise ValueError(f"axes holds {axes.size} Axes for {n} neurons; give one per neuron")
    kw = {"cmap": cmap, "vmin": -vmax, "vmax": vmax, "interpolation": "nearest"}
    kw.update(kwargs)
    images = []
    for ax, j in zip(axes, neurons, strict=True):
        images.append(ax.imshow(W[:, j].reshape(shape), **kw))
        ax.set_title(f"neuron {j}", fontsize="small")
        ax.set_xticks([])
        ax.set_yticks([])
    if colorbar:
        axes[0].figure.colorbar(images[0], ax=list(axes), shrink=0.8, label="weight")
    return images


class WinnerArtists(NamedTuple):
    """What :func:`plot_winner_neuron` drew.

    Attributes
    ----------
    neuron : int
        Index of the most excited neuron.
    input_image, weight_image : AxesImage
    """

    neuron: int
    input_image: object
    weight_image: object


def plot_winner_neuron(
    net_or_W, x, *, image_shape, layer=0, axes=None, cmap=SIGNED_CMAP, **kwargs
) -> WinnerArtists:
    r"""An input image beside the weights of the neuron it excites most (seed 003).

    The winner is :math:`\arg\max_j \langle h, w_j \rangle`, where :math:`h` is the input of
    layer ``layer`` (``x`` itself for layer 0) and :math:`w_j` the layer's weight columns (see
    :func:`nnexplain.similarity.winner_neuron`). For a single-layer perceptron on digits the
    winner's weights look like the digit; a hidden layer's winner only shows fragments.

    Parameters
    ----------
    net_or_W : MLP, Dense or array-like of shape (n_in, n_units)
    x : array-like of shape (n_in,)
        One input sample, flattened.
    image_shape : (int, int)
        Shape of the input image.
    layer : int, default=0
        Which layer of an MLP (0 = first). The weights of a deeper layer are shown with
        ``image_shape`` if they have that many inputs, else as the closest-to-square rectangle
        (128 inputs: 8 x 16).
    axes : pair of Axes or None
    cmap : str or Colormap, default=SIGNED_CMAP
        Colormap of the weights (symmetric scale); the input uses ``"gray_r"``.
    **kwargs
        Passed to the weight image's :meth:`Axes.imshow`.

    Returns
    -------
    WinnerArtists
        ``(neuron, input_image, weight_image)``.
    """
    x = check_array(x, "x", ndim=(1, 2)).ravel()
    if isinstance(net_or_W, MLP):
        n_layers = len(net_or_W.layers)
        layer = check_int(layer, "layer", minimum=0)
        if layer >= n_layers:
            raise ValueError(f"layer must be in 0..{n_layers - 1}; got {layer}")
        W = net_or_W.layers[layer].W
        h = net_or_W.trace(x[None, :]).post_activations[layer - 1][0] if layer > 0 else x
    else:
        if layer != 0:
            raise ValueError("layer only applies to an MLP; with a weight matrix leave it at 0")
        W = _weights_of(net_or_W, "net_or_W")
        h = x
    in_shape = _check_shape(image_shape, x.size)
    w_shape = in_shape if W.shape[0] == x.size else _near_square(W.shape[0])
    j = similarity.winner_neuron(W, h)
    axes = get_axes(axes, (2,), figsize=(5.5, 2.8), layout="constrained")
    in_img = axes[0].imshow(x.reshape(in_shape), cmap="gray_r", interpolation="nearest")
    axes[0].set_title("input")
    vmax = float(np.abs(W[:, j]).max()) or 1.0
    kw = {"cmap": cmap, "vmin": -vmax, "vmax": vmax, "interpolation": "nearest"}
    kw.update(kwargs)
    w_img = axes[1].imshow(W[:, j].reshape(w_shape), **kw)
    axes[1].set_title(f"layer {layer + 1}, neuron {j}")
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    return WinnerArtists(j, in_img, w_img)
