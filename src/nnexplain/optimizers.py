r"""Gradient-descent optimisers: SGD, momentum and Adam.

An optimiser updates a parameter array in place from its gradient: ``opt.step(params, grads)``.
The network keeps all its weights and biases in one flat array, so each step is a handful of
vectorised numpy calls whatever the depth.

Defaults: Adam's (``lr=0.001``, ``betas=(0.9, 0.999)``, ``eps=1e-8``) are PyTorch's
``torch.optim.Adam``. SGD's ``lr=0.01`` is Keras' ``SGD`` (PyTorch's ``torch.optim.SGD`` defaults
to ``lr=0.001``). :class:`Momentum` defaults to ``lr=0.01, momentum=0.9``, the usual pairing in
the literature; both libraries default to ``momentum=0``, which here is :class:`SGD`.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import check_choice, check_interval, check_positive

__all__ = ["OPTIMIZERS", "SGD", "Adam", "Momentum", "Optimizer", "get_optimizer"]


class Optimizer:
    """Base class: holds the learning rate and the per-parameter state."""

    name = "optimizer"

    def __init__(self, lr: float):
        self.lr = check_positive(lr, "lr")
        self.t = 0

    def _params(self) -> dict:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._params().items())})"
        )

    def reset(self) -> None:
        """Forget the state (step count, velocities, moments)."""
        self.t = 0

    def step(self, params: np.ndarray, grads: np.ndarray) -> None:
        """Update ``params`` in place, given ``grads`` of the same shape."""
        raise NotImplementedError  # pragma: no cover

    def _check(self, params, grads):
        if not isinstance(params, np.ndarray) or not isinstance(grads, np.ndarray):
            raise TypeError("params and grads must be numpy arrays (params is updated in place)")
        if params.shape != grads.shape:
            raise ValueError(
                f"params has shape {params.shape} but grads has shape {grads.shape}; "
                "they must match"
            )


class SGD(Optimizer):
    r"""Plain stochastic gradient descent, :math:`\theta \leftarrow \theta - \eta\, g`.

    Parameters
    ----------
    lr : float, default=0.01
        Learning rate :math:`\eta` (Keras' default; PyTorch's is 0.001).
    """

    name = "sgd"

    def __init__(self, lr: float = 0.01):
        super().__init__(lr)

    def step(self, params, grads):
        self._check(params, grads)
        self.t += 1
        params -= self.lr * grads


class Momentum(Optimizer):
    r"""SGD with (heavy-ball) momentum, in PyTorch's form:

    .. math:: v \leftarrow \mu v + g, \qquad \theta \leftarrow \theta - \eta v.

    With a constant learning rate this is the same trajectory as Keras' form
    :math:`v \leftarrow \mu v - \eta g,\ \theta \leftarrow \theta + v`.

    Parameters
    ----------
    lr : float, default=0.01
    momentum : float, default=0.9
        :math:`\mu`, in [0, 1). PyTorch and Keras default to 0 (plain SGD); 0.9 is the usual
        value when momentum is wanted, which is why this class exists.
    """

    name = "momentum"

    def __init__(self, lr: float = 0.01, momentum: float = 0.9):
        super().__init__(lr)
        self.momentum = check_interval(momentum, "momentum", 0, 1, closed="left")
        self.velocity = None

    def _params(self):
        return {"lr": self.lr, "momentum": self.momentum}

    def reset(self):
        super().reset()
        self.velocity = None

    def step(self, params, grads):
        self._check(params, grads)
        if self.velocity is None or self.velocity.shape != params.shape:
            self.velocity = np.zeros_like(params)
        self.t += 1
        v = self.velocity
        v *= self.momentum
        v += grads
        params -= self.lr * v


class Adam(Optimizer):
    r"""Adam (Kingma & Ba, 2015) with bias correction, as in PyTorch:

    .. math::
        m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad
        v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \quad
        \theta \leftarrow \theta - \eta\,\frac{m / (1 - \beta_1^t)}
        {\sqrt{v / (1 - \beta_2^t)} + \varepsilon}.

    Parameters
    ----------
    lr : float, default=0.001
    beta1, beta2 : float, default=0.9, 0.999
    eps : float, default=1e-8
        PyTorch's default (Keras uses 1e-7).

    References
    ----------
    Kingma, D. P., & Ba, J. (2015). Adam: A method for stochastic optimization. ICLR.
    """

    name = "adam"

    def __init__(
        self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ):
        super().__init__(lr)
        self.beta1 = check_interval(beta1, "beta1", 0, 1, closed="left")
        self.beta2 = check_interval(beta2, "beta2", 0, 1, closed="left")
        self.eps = check_positive(eps, "eps")
        self.m = self.v = self._tmp = None

    def _params(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}

    def reset(self):
        super().reset()
        self.m = self.v = self._tmp = None

    def step(self, params, grads):
        self._check(params, grads)
        if self.m is None or self.m.shape != params.shape:
            self.m, self.v, self._tmp = (np.zeros_like(params) for _ in range(3))
        self.t += 1
        b1, b2, m, v, tmp = self.beta1, self.beta2, self.m, self.v, self._tmp
        # Every operation writes into a preallocated buffer: ~15 numpy calls per step in all.
        m *= b1
        np.multiply(grads, 1.0 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(grads, grads, out=tmp)
        tmp *= 1.0 - b2
        v += tmp
        np.sqrt(v, out=tmp)
        tmp *= 1.0 / math.sqrt(1.0 - b2**self.t)
        tmp += self.eps
        np.divide(m, tmp, out=tmp)
        tmp *= self.lr / (1.0 - b1**self.t)
        params -= tmp


OPTIMIZERS: dict[str, type[Optimizer]] = {cls.name: cls for cls in (SGD, Momentum, Adam)}


def get_optimizer(optimizer, **params) -> Optimizer:
    """Return an optimiser from a name (``"sgd"``, ``"momentum"``, ``"adam"``) or an instance.

    Parameters
    ----------
    optimizer : str or Optimizer
    **params
        Hyper-parameters for the class, e.g. ``lr=0.01``.

    Examples
    --------
    >>> get_optimizer("adam", lr=0.01)
    Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08)
    """
    if isinstance(optimizer, Optimizer):
        if params:
            raise TypeError("hyper-parameters can only be given with an optimizer name")
        return optimizer
    return check_choice(optimizer, "optimizer", OPTIMIZERS)(**params)
