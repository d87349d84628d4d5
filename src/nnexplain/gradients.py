r"""How the error signal travels back through a network: gradient norms, the gains of each
backward step, their upper bound, and a layer's gradient split by class.

Everything here is numpy only; :mod:`nnexplain.plot` draws the results.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from . import _backprop
from ._validation import check_array, check_int, check_labels, check_positive, describe
from .activations import get_activation
from .network import check_mlp

__all__ = [
    "BackwardGains",
    "backward_gains",
    "backward_signal_bound",
    "gradient_by_class",
    "gradient_norms",
    "max_slope",
]


def gradient_norms(net, X, y, loss=None) -> np.ndarray:
    r"""Frobenius norm :math:`\|\partial L / \partial W_\ell\|_F` of each layer's weight gradient.

    Shrinking norms from the output towards the input are the vanishing-gradient signature of
    saturated sigmoid or tanh layers.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,) or (n_samples, n_out)
        Targets, as for :meth:`MLP.fit`.
    loss : str, Loss or None
        ``None`` uses the network's default loss.

    Returns
    -------
    ndarray of shape (n_layers,)
        First layer first; biases are left out.
    """
    check_mlp(net)
    _, grads = net.gradients(X, y, loss=loss)
    return np.array([np.linalg.norm(dW) for dW, _ in grads])


class BackwardGains(NamedTuple):
    r"""Result of :func:`backward_gains`: how the backward pass scales the error signal.

    Attributes
    ----------
    delta : ndarray of shape (n_layers,)
        :math:`\|\delta_\ell\|_F`, the norm of the loss's gradient with respect to the
        pre-activations :math:`z_\ell` of layer :math:`\ell`, first layer first (the last entry
        is the output layer).
    weights : ndarray of shape (n_layers - 1,)
        Gain of the product with the weights,
        :math:`\|\delta_{\ell+1} W_{\ell+1}^\top\|_F / \|\delta_{\ell+1}\|_F`, for each
        hidden layer :math:`\ell`.
    slope : ndarray of shape (n_layers - 1,)
        Gain of the product with the activation's slope,
        :math:`\|\delta_\ell\|_F / \|\delta_{\ell+1} W_{\ell+1}^\top\|_F` where
        :math:`\delta_\ell = (\delta_{\ell+1} W_{\ell+1}^\top) \odot f'(z_\ell)`.
        ``weights * slope`` is ``delta[:-1] / delta[1:]``.
    """

    delta: np.ndarray
    weights: np.ndarray
    slope: np.ndarray


def backward_gains(net, X, y, loss=None) -> BackwardGains:
    r"""Split each backward step of ``net`` into the factor of the weights and of the slope.

    Backpropagation carries the error signal
    :math:`\delta_\ell = \partial L / \partial z_\ell` from the output towards the input
    with :math:`\delta_\ell = (\delta_{\ell+1} W_{\ell+1}^\top) \odot f'(z_\ell)`: one
    product with a weight matrix and one with the activation's slope per layer. This measures
    both gains on ``X``. For random weights of std :math:`\sigma` and :math:`n` units in the
    layer above, the weights' gain is about :math:`\sqrt{n}\,\sigma`; the slope's gain is
    about the root mean square of :math:`f'(z_\ell)`, at most 1/4 for the sigmoid.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,) or (n_samples, n_out)
        Targets, as for :meth:`MLP.fit`.
    loss : str, Loss or None
        ``None`` uses the network's default loss.

    Returns
    -------
    BackwardGains
        ``(delta, weights, slope)``; a gain is ``nan`` where the signal it divides by is 0.

    See Also
    --------
    gradient_norms : the norms of the weight gradients
        :math:`\partial L / \partial W_\ell = h_{\ell-1}^\top \delta_\ell`.
    """
    check_mlp(net)
    loss = net.resolve_loss(loss)
    X = net.check_input(X)
    t = loss.check_targets(y, X.shape[0], net.sizes[-1])
    target = loss.prepare(t, net.sizes[-1], net.dtype)
    ws = _backprop.Workspace(net.layers, X.shape[0])
    _backprop.gradient_into(ws, ws.augment(X), target, loss, np.empty_like(net.parameters))
    # The kernel keeps z, f(z) and delta W^T of every layer; the deltas themselves are
    # recomputed, since an activation may hand its input on instead of writing its buffer.
    out = loss.delta(ws.z[-1], ws.a[-1], target, ws.output_activation, ws.delta[-1].copy())
    hidden = zip(net.layers[:-1], ws.dh[:-1], ws.z[:-1], ws.a[:-1], strict=True)
    deltas = [la.activation.backward(dh, z, a) for la, dh, z, a in hidden] + [out]
    delta = np.array([np.linalg.norm(d) for d in deltas], dtype=float)
    through_w = np.array([np.linalg.norm(dh) for dh in ws.dh[:-1]], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = np.where(delta[1:] > 0, through_w / delta[1:], np.nan)
        slope = np.where(through_w > 0, delta[:-1] / through_w, np.nan)
    return BackwardGains(delta, weights, slope)


def gradient_by_class(net, X, y, *, layer=0) -> np.ndarray:
    r"""One layer's weight gradient split into the contributions of each class's samples.

    The gradient of the mean loss with respect to a layer's weights is a sum over samples,

    .. math::

        \frac{\partial L}{\partial W} = \frac{1}{N} \sum_n h_n^\top \delta_n
        = \sum_c \underbrace{\frac{1}{N} \sum_{n:\, y_n = c} h_n^\top \delta_n}_{G_c},

    where :math:`h_n` is the layer's input for sample :math:`n` (the image itself for the first
    layer) and :math:`\delta_n` the error back-propagated to the layer's pre-activations. So a
    first-layer unit :math:`j` is pushed by a weighted sum of *images*, and :math:`G_c[:, j]` is
    the part made of class :math:`c`. Gradient descent moves the weights along
    :math:`-\sum_c G_c`; the contributions sum exactly to :meth:`MLP.gradients`.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_in)
    y : array-like of shape (n_samples,)
        Integer class labels ``0 .. n_classes - 1``.
    layer : int, default=0
        Index of the layer (0 is the first hidden layer).

    Returns
    -------
    ndarray of shape (n_classes, n_in_of_layer, n_units_of_layer)
        ``G[c]``: the class-``c`` part of the gradient of the layer's ``W`` (bias left out).
    """
    net = check_mlp(net, "net")
    X = check_array(X, "X", ndim=2, n_features=net.sizes[0])
    y = check_labels(y, "y", n_samples=X.shape[0])
    if isinstance(layer, bool) or not isinstance(layer, numbers.Integral):
        raise TypeError(f"layer must be an int; got {describe(layer)}")
    if not 0 <= layer < len(net.layers):
        raise ValueError(f"layer must be in 0..{len(net.layers) - 1}; got {layer}")
    n_classes = int(y.max()) + 1
    W = net.layers[layer].W
    out = np.zeros((n_classes, *W.shape))
    for c in range(n_classes):
        rows = y == c
        if rows.any():
            _, grads = net.gradients(X[rows], y[rows])
            out[c] = grads[layer][0] * (rows.sum() / len(y))
    return out


def max_slope(activation, *, x_max=50.0, n_points=20_001) -> float:
    r"""The largest slope :math:`\sup_x |f'(x)|` of an activation, read off a dense grid.

    Exact for the activations whose slope peaks inside the grid or tends to its supremum at
    its ends (all of :mod:`nnexplain.activations`): sigmoid 0.25, tanh and ReLU 1, GELU about
    1.129.

    Parameters
    ----------
    activation : str or Activation
    x_max : float, default=50.0
        The grid covers ``[-x_max, x_max]``.
    n_points : int, default=20_001
        Odd, so that 0 is on the grid.

    Returns
    -------
    float
    """
    f = get_activation(activation)
    x_max = check_positive(x_max, "x_max")
    n_points = check_int(n_points, "n_points", minimum=3)
    return float(np.max(np.abs(f.grad(np.linspace(-x_max, x_max, n_points)))))


def backward_signal_bound(net) -> np.ndarray:
    r"""Upper bound of :math:`\|\delta_\ell\| / \|\delta_{\text{out}}\|` for every layer.

    Each step of the backward pass multiplies by :math:`W_\ell^{\top}` and then by the slopes
    :math:`\operatorname{diag} f'(a_{\ell-1})`, so for every sample (and hence for the Frobenius
    norm of a batch)

    .. math::

        \|\delta_{\ell-1}\| \le \max|f'_{\ell-1}| \; \|W_\ell\|_2 \; \|\delta_\ell\|,
        \qquad
        \frac{\|\delta_\ell\|}{\|\delta_{\text{out}}\|}
        \le \prod_{m=\ell+1}^{\text{out}} \max|f'_{m-1}| \, \|W_m\|_2 ,

    with :math:`\|W\|_2` the largest singular value. For sigmoid layers :math:`\max|f'| = 1/4`:
    the gradient shrinks by :math:`0.25^L` over :math:`L` layers only when every
    :math:`\|W_m\|_2 \le 1`; with large weights the bound grows instead.

    Parameters
    ----------
    net : MLP

    Returns
    -------
    ndarray of shape (n_layers,)
        First layer first; the last entry (the output layer) is 1.

    See Also
    --------
    backward_gains : the measured norms (``.delta``) the bound holds for.
    max_slope : the :math:`\max|f'|` used for each activation.
    """
    net = check_mlp(net, "net")
    layers = net.layers
    slopes = {}  # one grid per distinct activation, not one per layer
    for layer in layers[:-1]:
        key = repr(layer.activation)
        if key not in slopes:
            slopes[key] = max_slope(layer.activation)
    factors = [
        slopes[repr(layers[m - 1].activation)] * np.linalg.norm(layers[m].W, ord=2)
        for m in range(1, len(layers))
    ]
    return np.append(np.cumprod(factors[::-1])[::-1], 1.0)
