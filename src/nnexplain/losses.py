r"""Loss functions and their gradients.

A loss compares the network's last stage with the targets and returns the mean over samples.
Cross-entropies take the *logits* (the last affine output :math:`z`, before sigmoid or softmax):
computed that way they never take the log of 0, and their gradient with respect to the logits is
the famously simple :math:`(p - y)/n`.

Every loss has ``loss(z, y)``, ``loss.grad(z, y)`` (:math:`\partial L / \partial z`, same shape as
``z``), a ``name``, and ``output`` (the output activation it is paired with; ``None`` means any).
"""

from __future__ import annotations

import numpy as np

from ._validation import check_array, check_choice, check_labels

__all__ = [
    "LOSSES",
    "BinaryCrossEntropy",
    "Loss",
    "MeanSquaredError",
    "SoftmaxCrossEntropy",
    "get_loss",
]


class Loss:
    """Base class of the losses."""

    name = "loss"
    #: Name of the output activation the loss expects to sit on (its input is that activation's
    #: *input*, the logits); ``None``: the loss takes the network's output itself.
    output: str | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def __eq__(self, other) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def check_targets(self, y, n_samples: int, n_outputs: int) -> np.ndarray:
        """Validate targets for ``n_samples`` rows and ``n_outputs`` outputs; return them ready."""
        raise NotImplementedError  # pragma: no cover

    def prepare(self, targets, n_outputs: int, dtype) -> np.ndarray:
        """Checked targets as a float array of shape (n_samples, n_outputs), as :meth:`delta`
        wants them (one-hot for class labels)."""
        return np.asarray(targets, dtype=dtype).reshape(-1, n_outputs)

    def delta(self, z, a, target, activation, out) -> np.ndarray:
        """:math:`\\partial L/\\partial z` of a batch, from the logits ``z``, the outputs
        ``a = f(z)`` and prepared targets; may write into ``out``. Used by training."""
        np.subtract(a, target, out=out)
        out *= 1.0 / out.size
        return out

    def _validate(self, z, y):
        z = check_array(z, "logits", ndim=2, dtype=None)
        return z, self.check_targets(y, z.shape[0], z.shape[1])


def _log_sigmoid(z):
    """:math:`\\log \\sigma(z) = -\\operatorname{softplus}(-z)`, stable for any z."""
    return -(np.maximum(-z, 0) + np.log1p(np.exp(-np.abs(z))))


class BinaryCrossEntropy(Loss):
    r"""Binary cross-entropy from logits.

    .. math::
        L = -\frac{1}{n}\sum_i \big[y_i \log\sigma(z_i) + (1 - y_i)\log(1 - \sigma(z_i))\big],
        \qquad \frac{\partial L}{\partial z_i} = \frac{\sigma(z_i) - y_i}{n}.

    Uses :math:`\log\sigma(z) = -\operatorname{softplus}(-z)`, so ``z = ±1000`` gives a finite
    loss. Targets are 0/1 labels of shape ``(n_samples,)`` or ``(n_samples, n_outputs)``
    (independent binary outputs); the mean runs over every entry, as in PyTorch's
    ``BCEWithLogitsLoss``.

    Unlike PyTorch, soft targets (``0.5``, label smoothing) are refused with a ``ValueError``:
    here a sigmoid output is a classifier, and its accuracy, decision boundary and class colours
    all read ``y`` as classes, which a target of 0.5 would silently make meaningless (every
    prediction would count as wrong). To fit probabilities, use :class:`MeanSquaredError`
    (``loss="mse"``), which takes any real targets.
    """

    name = "binary_cross_entropy"
    output = "sigmoid"

    def check_targets(self, y, n_samples, n_outputs):
        y = _column_targets(y, n_samples, n_outputs, "binary targets need one column per output")
        bad = (y != 0) & (y != 1)
        if np.any(bad):
            row, col = np.argwhere(bad)[0]
            where = f"y[{row}]" if n_outputs == 1 else f"y[{row}, {col}]"
            raise ValueError(
                f"binary cross-entropy (the loss of a sigmoid output) takes class labels 0 and "
                f"1; {where} is {float(y[row, col])!r}. Soft targets are refused because the "
                f"accuracy, the decision boundary and the class colours read y as classes; to "
                f"fit probabilities, train with loss='mse'"
            )
        return y

    def __call__(self, z, y):
        z, y = self._validate(z, y)
        return float(-np.mean(y * _log_sigmoid(z) + (1 - y) * _log_sigmoid(-z)))

    def grad(self, z, y):
        z, y = self._validate(z, y)
        p = _sigmoid(z)
        return (p - y) / z.size


class SoftmaxCrossEntropy(Loss):
    r"""Softmax cross-entropy with integer labels (Keras' sparse categorical cross-entropy).

    .. math::
        L = -\frac{1}{n}\sum_i \log \operatorname{softmax}(z_i)_{y_i},
        \qquad \frac{\partial L}{\partial z_i} = \frac{\operatorname{softmax}(z_i) - e_{y_i}}{n}.

    The log-sum-exp is shifted by the row maximum, so large logits never overflow.
    """

    name = "cross_entropy"
    output = "softmax"

    def check_targets(self, y, n_samples, n_outputs):
        if n_outputs < 2:
            raise ValueError(
                f"cross_entropy needs at least 2 outputs (one per class); got {n_outputs}. "
                "For a single output use binary_cross_entropy"
            )
        return check_labels(y, "y", n_samples=n_samples, n_classes=n_outputs)

    def prepare(self, targets, n_outputs, dtype):
        onehot = np.zeros((targets.shape[0], n_outputs), dtype=dtype)
        onehot[np.arange(targets.shape[0]), targets] = 1.0
        return onehot

    def delta(self, z, a, target, activation, out):
        np.subtract(a, target, out=out)
        out *= 1.0 / out.shape[0]
        return out

    @staticmethod
    def _log_softmax(z):
        shifted = z - np.max(z, axis=1, keepdims=True)
        return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))

    def __call__(self, z, y):
        z, y = self._validate(z, y)
        return float(-np.mean(self._log_softmax(z)[np.arange(z.shape[0]), y]))

    def grad(self, z, y):
        z, y = self._validate(z, y)
        g = np.exp(self._log_softmax(z))
        g[np.arange(z.shape[0]), y] -= 1.0
        return g / z.shape[0]


class MeanSquaredError(Loss):
    r"""Mean squared error over every entry, :math:`L = \frac{1}{nk}\sum_{i,j}(\hat y_{ij} -
    y_{ij})^2`, :math:`\partial L/\partial \hat y = 2(\hat y - y)/(nk)`.

    Takes the network's *output* (after its last activation), whatever that activation is.
    """

    name = "mse"
    output = None

    def check_targets(self, y, n_samples, n_outputs):
        return _column_targets(y, n_samples, n_outputs, "they must match")

    def delta(self, z, a, target, activation, out):
        return activation.backward(2.0 * (a - target) / a.size, z, a)

    def __call__(self, out, y):
        out, y = self._validate(out, y)
        return float(np.mean((out - y) ** 2))

    def grad(self, out, y):
        out, y = self._validate(out, y)
        return 2.0 * (out - y) / out.size


def _column_targets(y, n_samples, n_outputs, hint):
    """Targets as an array of shape (n_samples, n_outputs); a 1D ``y`` is one column."""
    y = check_array(y, "y", ndim=(1, 2), dtype=None)
    if y.ndim == 1:
        y = y[:, None]
    if y.shape != (n_samples, n_outputs):
        raise ValueError(
            f"y has shape {y.shape} but the network gives outputs of shape "
            f"{(n_samples, n_outputs)}; {hint}"
        )
    return y


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls for cls in (BinaryCrossEntropy, SoftmaxCrossEntropy, MeanSquaredError)
}
_ALIASES = {
    "bce": "binary_cross_entropy",
    "binary_crossentropy": "binary_cross_entropy",
    "ce": "cross_entropy",
    "softmax_cross_entropy": "cross_entropy",
    "sparse_categorical_crossentropy": "cross_entropy",
    "categorical_cross_entropy": "cross_entropy",
    "mean_squared_error": "mse",
}


def get_loss(loss) -> Loss:
    """Return a loss object from a name (``"bce"``, ``"cross_entropy"``, ``"mse"``, ...) or an
    instance.

    Examples
    --------
    >>> get_loss("bce")
    BinaryCrossEntropy()
    """
    if isinstance(loss, Loss):
        return loss
    if isinstance(loss, str):
        key = loss.lower().replace("-", "_")
        loss = _ALIASES.get(key, key)
    return check_choice(loss, "loss", LOSSES)()
