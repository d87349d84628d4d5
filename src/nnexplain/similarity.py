r"""How close weights and representations are to each other: templates, winners, class means,
CKA, linear maps, and what a hidden unit responds to.

Everything here is numpy only; :mod:`nnexplain.plot` draws the results.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_array, check_labels, describe

__all__ = [
    "activation_weighted_mean",
    "class_means",
    "linear_cka",
    "linear_map_r2",
    "template_similarity",
    "winner_neuron",
]


def template_similarity(W, templates, *, pairwise=False) -> np.ndarray:
    r"""Cosine similarity between each neuron's weight column and a template.

    .. math:: s_j = \frac{\langle w_j, t_j \rangle}{\|w_j\|\,\|t_j\|} \in [-1, 1]

    1 means the weights point exactly along the template (any positive scale), 0 that they are
    orthogonal to it. In seed 003 the templates are the training images the hidden layer started
    from (``W0 = X[:n_units].T``); :math:`s_j` close to 1 after training says neuron :math:`j`
    still looks like its starting image.

    Parameters
    ----------
    W : array-like of shape (n_in, n_units)
        Weights, one column per neuron (as ``Dense.W``).
    templates : array-like of shape (n_in, n_units) or (n_in, n_templates)
        Templates as *columns*, like ``W`` (transpose images stored as rows: ``X[:k].T``).
    pairwise : bool, default=False
        ``False`` compares column :math:`j` of ``W`` with column :math:`j` of ``templates``
        (same shape needed); ``True`` compares every neuron with every template.

    Returns
    -------
    ndarray of shape (n_units,), or (n_units, n_templates) when ``pairwise``

    Raises
    ------
    ValueError
        If a weight column or a template is all zeros (its direction is undefined).

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[1.0, 0.0], [1.0, 2.0]])
    >>> template_similarity(W, np.array([[2.0, 1.0], [2.0, 0.0]])).round(3).tolist()
    [1.0, 0.0]
    """
    W = check_array(W, "W", ndim=2)
    T = check_array(templates, "templates", ndim=2)
    if T.shape[0] != W.shape[0]:
        raise ValueError(
            f"templates have {T.shape[0]} rows but W has {W.shape[0]} (n_in); templates must be "
            "columns like W's (transpose images stored as rows)"
        )
    if not pairwise and T.shape != W.shape:
        raise ValueError(
            f"templates has shape {T.shape} but W has shape {W.shape}; they must match "
            "(one template per neuron), or use pairwise=True"
        )
    w_norm = np.linalg.norm(W, axis=0)
    t_norm = np.linalg.norm(T, axis=0)
    for norms, name in ((w_norm, "W"), (t_norm, "templates")):
        if np.any(norms == 0):
            bad = np.flatnonzero(norms == 0)[:10].tolist()
            raise ValueError(
                f"{name} has all-zero columns {bad}; cosine similarity is undefined for them"
            )
    Wn, Tn = W / w_norm, T / t_norm
    if pairwise:
        return Wn.T @ Tn
    return np.clip(np.einsum("ij,ij->j", Wn, Tn), -1.0, 1.0)


def winner_neuron(W, x) -> int | np.ndarray:
    r"""The neuron whose weight column has the largest inner product with the input.

    A dense layer computes :math:`z_j = \langle x, w_j \rangle (+ b_j)`: a similarity score
    between the input and each neuron's weights (seed 003). The winner is
    :math:`\arg\max_j \langle x, w_j \rangle`; the bias is left out on purpose, since the
    question is which weights look most like the input.

    Parameters
    ----------
    W : array-like of shape (n_in, n_units)
    x : array-like of shape (n_in,) or (n_samples, n_in)

    Returns
    -------
    int, or ndarray of shape (n_samples,) for a 2D ``x``

    Examples
    --------
    >>> winner_neuron([[1.0, 0.0], [0.0, 1.0]], [0.2, 0.9])
    1
    """
    W = check_array(W, "W", ndim=2)
    x = check_array(x, "x", ndim=(1, 2), n_features=W.shape[0])
    scores = x @ W
    return int(np.argmax(scores)) if x.ndim == 1 else np.argmax(scores, axis=1)


def class_means(X, y, *, centred=False) -> np.ndarray:
    r"""The mean sample of each class, one *column* per class (like a weight matrix).

    With ``centred=True`` the mean of all samples is subtracted: :math:`\bar x_k - \bar x`.
    For a single softmax layer started from zero weights on balanced classes, the first gradient
    step moves neuron :math:`k`'s weights along exactly this direction, which is why trained
    single-layer weights look like the digits.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Integer labels ``0 .. n_classes - 1``; every class must occur.
    centred : bool, default=False

    Returns
    -------
    ndarray of shape (n_features, n_classes)
    """
    X = check_array(X, "X", ndim=2)
    y = check_labels(y, "y", n_samples=X.shape[0])
    n_classes = int(y.max()) + 1
    counts = np.bincount(y, minlength=n_classes)
    if np.any(counts == 0):
        missing = np.flatnonzero(counts == 0).tolist()
        raise ValueError(f"y has no sample of the classes {missing}; every class must occur")
    sums = np.zeros((X.shape[1], n_classes))
    np.add.at(sums.T, y, X)
    means = sums / counts
    if centred:
        means -= X.mean(axis=0)[:, None]
    return means


def _paired_rows(A, B, names):
    A = check_array(A, names[0], ndim=2)
    B = check_array(B, names[1], ndim=2)
    if A.shape[0] != B.shape[0]:
        raise ValueError(
            f"{names[0]} has {A.shape[0]} rows but {names[1]} has {B.shape[0]}; both must hold "
            "the representations of the same samples, one sample per row"
        )
    if A.shape[0] < 2:
        raise ValueError(f"{names[0]} and {names[1]} need at least 2 samples (rows)")
    return A, B


def linear_cka(A, B) -> float:
    r"""Linear centred kernel alignment between two representations of the same samples.

    With :math:`\tilde A, \tilde B` the column-centred matrices (one sample per row),

    .. math::

        \mathrm{CKA}(A, B) = \frac{\|\tilde B^\top \tilde A\|_F^2}
        {\|\tilde A^\top \tilde A\|_F \, \|\tilde B^\top \tilde B\|_F} \in [0, 1]

    (Kornblith et al., 2019). It compares the *geometry* of two representations, which samples
    are close to which, and so does not care how the units are numbered or mixed: it is 1 for
    ``B = A Q c + t`` with any orthogonal :math:`Q`, scale :math:`c \ne 0` and shift
    :math:`t`, and the number of units may differ. For one unit each it is the squared
    correlation. Two hidden layers trained from different random starts can have different
    units and still a CKA near 1.

    Parameters
    ----------
    A : array-like of shape (n_samples, n_units_a)
    B : array-like of shape (n_samples, n_units_b)
        The same samples, in the same order.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If a representation is constant over the samples (its geometry is a single point).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.random.default_rng(0).normal(size=(50, 3))
    >>> round(linear_cka(A, 2 * A[:, ::-1] + 1), 6)
    1.0
    """
    A, B = _paired_rows(A, B, ("A", "B"))
    A = A - A.mean(axis=0)
    B = B - B.mean(axis=0)
    norm_a = np.linalg.norm(A.T @ A)
    norm_b = np.linalg.norm(B.T @ B)
    for norm, name in ((norm_a, "A"), (norm_b, "B")):
        if norm == 0:
            raise ValueError(f"{name} is constant over the samples; CKA is undefined for it")
    return float(np.linalg.norm(B.T @ A) ** 2 / (norm_a * norm_b))


def linear_map_r2(source, target, *, test=None) -> float:
    r"""How much of one representation a linear map from another explains: :math:`R^2`.

    Fits :math:`\hat B = A M + c` by least squares on ``(source, target)`` and returns

    .. math::

        R^2 = 1 - \frac{\sum_{n,k} (B_{nk} - \hat B_{nk})^2}{\sum_{n,k} (B_{nk} - \bar B_k)^2},

    pooled over all target units, on the ``test`` pair if given (recommended: with many units
    a map fitted and scored on the same samples also fits noise), else on the fitting samples.
    1 means the target is a linear function of the source; 0 that the map predicts no better
    than the mean. Unlike :func:`linear_cka` it is not symmetric.

    Parameters
    ----------
    source : array-like of shape (n_samples, n_units_a)
    target : array-like of shape (n_samples, n_units_b)
        The same samples, in the same order.
    test : (source_test, target_test) or None
        Held-out samples on which to score the fitted map.

    Returns
    -------
    float
        Can be negative on ``test`` samples (a map worse than the mean).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.random.default_rng(0).normal(size=(40, 3))
    >>> round(linear_map_r2(A, A @ [[1.0], [2.0], [0.0]] - 5), 6)
    1.0
    """
    A, B = _paired_rows(source, target, ("source", "target"))
    if test is None:
        A_test, B_test = A, B
    else:
        if not isinstance(test, (tuple, list)) or len(test) != 2:
            raise TypeError(f"test must be a pair (source_test, target_test); got {describe(test)}")
        A_test, B_test = _paired_rows(test[0], test[1], ("test[0]", "test[1]"))
        if A_test.shape[1] != A.shape[1] or B_test.shape[1] != B.shape[1]:
            raise ValueError(
                f"test has {A_test.shape[1]} source and {B_test.shape[1]} target units but the "
                f"fitting data have {A.shape[1]} and {B.shape[1]}; they must match"
            )
    a_mean, b_mean = A.mean(axis=0), B.mean(axis=0)
    M = np.linalg.lstsq(A - a_mean, B - b_mean, rcond=None)[0]
    residual = (B_test - b_mean) - (A_test - a_mean) @ M
    total = np.sum((B_test - B_test.mean(axis=0)) ** 2)
    if total == 0:
        raise ValueError("target is constant over the scored samples; R^2 is undefined")
    return float(1.0 - np.sum(residual**2) / total)


def activation_weighted_mean(X, H) -> np.ndarray:
    r"""For each unit, the mean input weighted by how strongly the unit responds to it.

    .. math:: r_j = \frac{\sum_n h_{nj}\, x_n}{\sum_n h_{nj}}

    A hidden unit's weights can be hard to read (on MNIST most of a trained unit's weight
    vector is still its random start); :math:`r_j` shows instead *what the unit responds to*:
    the average of the inputs, each counted as often as it excites the unit. A unit that only
    fires for zeros gives a zero; a unit that fires for several digits gives a blend of them.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs, one per row.
    H : array-like of shape (n_samples, n_units)
        The units' responses to them, non-negative (ReLU or sigmoid outputs).

    Returns
    -------
    ndarray of shape (n_features, n_units)
        One column per unit, like a weight matrix. A unit that responds to no input at all (a
        dead ReLU) gets a column of zeros.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> activation_weighted_mean(X, [[3.0, 0.0], [1.0, 0.0]]).tolist()
    [[0.75, 0.0], [0.25, 0.0]]
    """
    X, H = _paired_rows(X, H, ("X", "H"))
    if np.any(H < 0):
        raise ValueError(
            f"H must be non-negative (ReLU or sigmoid responses); its minimum is {H.min():g}"
        )
    total = H.sum(axis=0)
    weighted = X.T @ H
    out = np.zeros_like(weighted)
    np.divide(weighted, total, out=out, where=total > 0)
    return out
