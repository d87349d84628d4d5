r"""How far a stage is from linearly separable: the training accuracy of a logistic regression
on it.

Numpy only; it takes a plain array or a :class:`~nnexplain.network.Stage`.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_int, check_labels, check_positive
from .distributions import stage_values

__all__ = [
    "linear_separability",
]


def linear_separability(values, y, *, l2=1e-4, n_iter=50) -> float:
    r"""Training accuracy of a logistic regression on one stage: how linearly separable it is.

    A network's output unit is a logistic regression on its last hidden layer, so this asks of
    any stage (the input, a hidden layer) how well a single flat cut could separate the two
    classes there. The columns are standardised (constant columns, such as a dead ReLU unit,
    are left at 0) and the regularised log-loss

    .. math::

        \frac{1}{N} \sum_n \log\bigl(1 + e^{-s_n (x_n w + c)}\bigr) + \frac{\lambda}{2} \|w\|^2,
        \qquad s_n = 2 y_n - 1,

    is minimised by Newton's method with a backtracking step. The result is a lower bound on
    the best accuracy of any line or plane: 1.0 means the stage is linearly separable. Classes
    that touch (a margin far below the spread of the data) can score just under 1.0.

    Parameters
    ----------
    values : Stage or array-like of shape (n_samples, width)
    y : array-like of shape (n_samples,)
        Binary labels, 0 or 1.
    l2 : float, default=1e-4
        :math:`\lambda`; keeps :math:`w` finite when the classes are separable.
    n_iter : int, default=50
        Newton steps.

    Returns
    -------
    float
        The fraction of samples on the right side of the fitted cut.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    >>> linear_separability(X, [0, 0, 1, 1])  # XOR: no cut beats chance by much; the fit stays at 0
    0.5
    >>> linear_separability(X, [0, 1, 1, 0])
    1.0
    """
    X = stage_values(values, "values")
    y = check_labels(y, "y", n_samples=X.shape[0], n_classes=2)
    l2 = check_positive(l2, "l2")
    n_iter = check_int(n_iter, "n_iter", minimum=1)
    std = X.std(axis=0)
    Z = np.zeros_like(X)
    np.divide(X - X.mean(axis=0), std, out=Z, where=std > 1e-12)
    A = np.column_stack([Z, np.ones(len(Z))])
    s = 2.0 * y - 1.0
    penalty = np.r_[np.full(Z.shape[1], l2), 0.0]  # the intercept is not penalised

    def loss(w):
        return np.logaddexp(0.0, -s * (A @ w)).mean() + 0.5 * np.sum(penalty * w * w)

    w = np.zeros(A.shape[1])
    for _ in range(n_iter):
        p = 0.5 * (1.0 + np.tanh(0.5 * (A @ w)))  # sigmoid, without overflow
        grad = A.T @ (p - y) / len(y) + penalty * w
        hess = (A * (p * (1 - p))[:, None]).T @ A / len(y) + np.diag(penalty + 1e-12)
        step, before = np.linalg.solve(hess, grad), loss(w)
        t = 1.0
        while loss(w - t * step) > before and t > 1e-6:  # backtrack: never go uphill
            t *= 0.5
        w = w - t * step
    return float(np.mean((A @ w > 0) == (y == 1)))
