r"""Activation functions: the elementwise nonlinearity :math:`f` of a layer :math:`h' = f(Wh + b)`.

Every activation is a small object with the same interface:

- ``f(x)`` evaluates the function (elementwise, except :class:`Softmax`);
- ``f.grad(x)`` is the derivative :math:`f'(x)`;
- ``f.backward(dy, x, y)`` is the chain rule :math:`dy \cdot f'(x)`, free to reuse the output
  ``y = f(x)`` (``1 - y^2`` for tanh), which is what training calls;
- ``f.name`` is the registry name, and the class docstring holds the formula.

:func:`get_activation` finds one by name; an unknown name lists the valid ones.
All functions are written to be exact in float64 and silent at extreme inputs: ``sigmoid(-1000)``
is ``0.0`` and ``softplus(1000)`` is ``1000.0``, with no overflow warning.
"""

from __future__ import annotations

import math

import numpy as np

from ._named import Named
from ._validation import check_choice, check_positive

__all__ = [
    "ACTIVATIONS",
    "ELU",
    "GELU",
    "Activation",
    "Identity",
    "LeakyReLU",
    "ReLU",
    "Sigmoid",
    "Softmax",
    "Softplus",
    "Tanh",
    "get_activation",
]


class Activation(Named):
    """Base class; subclasses define :meth:`__call__` and :meth:`grad`."""

    name: str = "activation"

    def __call__(self, x):  # pragma: no cover - abstract
        raise NotImplementedError

    def grad(self, x):  # pragma: no cover - abstract
        raise NotImplementedError

    def backward(self, dy, x, y):
        """Return ``dy * f'(x)``; ``y`` is ``f(x)``, already computed by the forward pass."""
        return dy * self.grad(x)

    # Buffer-writing variants used by the training loop; subclasses override them with a few
    # in-place ufunc calls. ``out`` never aliases ``dy``.
    def _forward_into(self, x, out):
        out[...] = self(x)

    def _backward_into(self, dy, x, y, out):
        out[...] = self.backward(dy, x, y)
        return out


class Identity(Activation):
    r"""Identity (linear) activation, :math:`f(x) = x`, :math:`f'(x) = 1`."""

    name = "identity"

    def __call__(self, x):
        return np.asarray(x)

    def grad(self, x):
        return np.ones_like(x)

    def backward(self, dy, x, y):
        return dy

    def _forward_into(self, x, out):
        np.copyto(out, x)

    def _backward_into(self, dy, x, y, out):
        return dy


class Sigmoid(Activation):
    r"""Logistic sigmoid, :math:`f(x) = \dfrac{1}{1 + e^{-x}} \in (0, 1)`.

    :math:`f'(x) = f(x)\,(1 - f(x)) \le 1/4`, the factor behind vanishing gradients in deep
    sigmoid networks. Evaluated as :math:`e^{x}/(1 + e^{x})` for negative inputs so that no
    exponential overflows.
    """

    name = "sigmoid"

    def __call__(self, x):
        x = _float(x)
        # exp(-|x|) never overflows; pick the form that divides by a number >= 1.
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def grad(self, x):
        y = self(x)
        return y * (1.0 - y)

    def backward(self, dy, x, y):
        return dy * y * (1.0 - y)

    def _forward_into(self, x, out):
        # The operations of __call__ (same results, bit for bit), writing into out.
        np.abs(x, out=out)
        np.negative(out, out=out)
        np.exp(out, out=out)
        t = 1.0 + out
        np.divide(out, t, out=out)
        np.divide(1.0, t, out=out, where=x >= 0)

    def _backward_into(self, dy, x, y, out):
        np.subtract(1.0, y, out=out)
        out *= y
        out *= dy
        return out


class Tanh(Activation):
    r"""Hyperbolic tangent, :math:`f(x) = \tanh x = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
    \in (-1, 1)`, with :math:`f'(x) = 1 - \tanh^2 x`."""

    name = "tanh"

    def __call__(self, x):
        return np.tanh(x)

    def grad(self, x):
        y = np.tanh(x)
        return 1.0 - y * y

    def backward(self, dy, x, y):
        return dy * (1.0 - y * y)

    def _forward_into(self, x, out):
        np.tanh(x, out=out)

    def _backward_into(self, dy, x, y, out):
        np.multiply(y, y, out=out)
        np.subtract(1.0, out, out=out)
        out *= dy
        return out


class ReLU(Activation):
    r"""Rectified linear unit, :math:`f(x) = \max(0, x)`.

    :math:`f'(x) = 1` for :math:`x > 0` and :math:`0` otherwise (the subgradient 0 is used at 0,
    as PyTorch and Keras do).
    """

    name = "relu"

    def __call__(self, x):
        return np.maximum(x, 0)

    def grad(self, x):
        x = _float(x)
        return (x > 0).astype(x.dtype)

    def backward(self, dy, x, y):
        return dy * (y > 0)

    def _forward_into(self, x, out):
        np.maximum(x, 0, out=out)

    def _backward_into(self, dy, x, y, out):
        np.multiply(dy, y > 0, out=out)
        return out


class LeakyReLU(Activation):
    r"""Leaky ReLU, :math:`f(x) = x` for :math:`x > 0` and :math:`\alpha x` otherwise.

    Parameters
    ----------
    alpha : float, default=0.01
        Slope for negative inputs (PyTorch's default ``negative_slope``).
    """

    name = "leaky_relu"

    def __init__(self, alpha: float = 0.01):
        self.alpha = check_positive(alpha, "alpha", allow_zero=True)

    def _params(self):
        return {"alpha": self.alpha}

    def __call__(self, x):
        x = np.asarray(x)
        return np.where(x > 0, x, self.alpha * x)

    def grad(self, x):
        x = _float(x)
        return np.where(x > 0, 1.0, self.alpha).astype(x.dtype)


class ELU(Activation):
    r"""Exponential linear unit, :math:`f(x) = x` for :math:`x > 0` and
    :math:`\alpha (e^{x} - 1)` otherwise; :math:`f'(x) = f(x) + \alpha` for :math:`x \le 0`.

    Parameters
    ----------
    alpha : float, default=1.0
        Saturation value :math:`-\alpha` for large negative inputs.
    """

    name = "elu"

    def __init__(self, alpha: float = 1.0):
        self.alpha = check_positive(alpha, "alpha")

    def _params(self):
        return {"alpha": self.alpha}

    def __call__(self, x):
        x = np.asarray(x)
        return np.where(x > 0, x, self.alpha * np.expm1(np.minimum(x, 0)))

    def grad(self, x):
        x = np.asarray(x)
        return np.where(x > 0, 1.0, self.alpha * np.exp(np.minimum(x, 0)))


class Softplus(Activation):
    r"""Softplus, :math:`f(x) = \log(1 + e^{x})`, a smooth ReLU; :math:`f'(x) = \sigma(x)`.

    Evaluated as :math:`\max(x, 0) + \log(1 + e^{-|x|})`, exact for large :math:`|x|` and free of
    overflow.
    """

    name = "softplus"

    def __call__(self, x):
        x = np.asarray(x)
        return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))

    def grad(self, x):
        return Sigmoid()(x)


_erfc = np.frompyfunc(math.erfc, 1, 1)


class GELU(Activation):
    r"""Gaussian error linear unit, :math:`f(x) = x\,\Phi(x) = \tfrac{x}{2}\left(1 +
    \operatorname{erf}(x/\sqrt{2})\right)`.

    :math:`f'(x) = \Phi(x) + x\,\varphi(x)` with :math:`\varphi` the standard normal density.
    This is the exact form (PyTorch's default), evaluated with :func:`math.erfc`.
    """

    name = "gelu"

    @staticmethod
    def _cdf(x):
        x = np.asarray(x)
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
        # Phi(x) = erfc(-x / sqrt 2) / 2 keeps full relative precision in the left tail, where
        # 1 + erf(x / sqrt 2) would cancel; np.asarray because frompyfunc gives a float on 0-d.
        return (0.5 * np.asarray(_erfc(-x / math.sqrt(2.0)), dtype=np.float64)).astype(dtype)

    #: Beyond this many standard deviations :math:`\varphi(x)` and :math:`x\,\Phi(x)` for
    #: negative x are below the smallest float64 (about 1e-324): they are exactly 0.
    _TAIL = 40.0

    def __call__(self, x):
        x = np.asarray(x)
        # x * Phi(x) -> 0 as x -> -inf; clipping keeps -inf * 0 from giving NaN.
        xc = np.maximum(x, -self._TAIL)
        return xc * self._cdf(xc)

    def grad(self, x):
        x = np.asarray(x)
        # x * x overflows for |x| above about 1e154 (float64); phi is 0 there anyway.
        xc = np.clip(x, -self._TAIL, self._TAIL)
        pdf = np.exp(-0.5 * xc * xc) / math.sqrt(2.0 * math.pi)
        return self._cdf(x) + xc * pdf


class Softmax(Activation):
    r"""Softmax over the last axis, :math:`f(x)_i = \dfrac{e^{x_i}}{\sum_j e^{x_j}}`.

    Not elementwise: :meth:`grad` returns the Jacobian
    :math:`\partial f_i / \partial x_j = f_i (\delta_{ij} - f_j)` of shape ``(..., n, n)``, and
    :meth:`backward` applies it as :math:`y \odot (dy - \langle dy, y \rangle)`. The maximum is
    subtracted first, so no exponential overflows.
    """

    name = "softmax"

    def __call__(self, x):
        x = np.asarray(x)
        e = np.exp(x - np.max(x, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)

    def grad(self, x):
        y = self(x)
        return y[..., :, None] * (np.eye(y.shape[-1], dtype=y.dtype) - y[..., None, :])

    def backward(self, dy, x, y):
        return y * (dy - np.sum(dy * y, axis=-1, keepdims=True))


def _float(x) -> np.ndarray:
    """``x`` as an array, floats kept in their precision and anything else made float64."""
    x = np.asarray(x)
    return x if np.issubdtype(x.dtype, np.floating) else x.astype(np.float64)


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls
    for cls in (Identity, Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Softplus, GELU, Softmax)
}
_ALIASES = {
    "linear": "identity",
    "logistic": "sigmoid",
    "leakyrelu": "leaky_relu",
    "none": "identity",
}


def get_activation(activation, **params) -> Activation:
    """Return an activation object from a name, an instance or ``None`` (identity).

    Parameters
    ----------
    activation : str, Activation or None
        A name from :data:`ACTIVATIONS` (``"tanh"``, ``"relu"``, ...; case-insensitive), an
        :class:`Activation` instance (returned as is) or ``None`` for the identity.
    **params
        Parameters for the class, e.g. ``alpha=0.2`` for ``"leaky_relu"``.

    Examples
    --------
    >>> get_activation("tanh")
    Tanh()
    >>> get_activation("leaky_relu", alpha=0.2)
    LeakyReLU(alpha=0.2)
    """
    if activation is None:
        return Identity()
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        key = activation.lower().replace("-", "_")
        activation = _ALIASES.get(key, key)
    cls = check_choice(activation, "activation", ACTIVATIONS)
    return cls(**params)
