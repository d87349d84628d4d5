r"""Weight initialisers: the random (or given) numbers a dense layer starts from.

A dense layer computes :math:`h' = f(h W + b)` with a weight matrix ``W`` of shape
``(n_in, n_out)``: one row per input, one column per neuron (the convention of Keras and of
"Deep Learning from Scratch"; PyTorch stores the transpose). Before training, ``W`` has to be filled
with something, and the *scale* of those numbers decides what the untrained network does.

Each pre-activation :math:`a_j = \sum_{i=1}^{n_{in}} h_i W_{ij}` is a sum of :math:`n_{in}` terms,
so for independent zero-mean inputs and weights :math:`\operatorname{Var}(a_j) = n_{in}
\operatorname{Var}(h_i) \operatorname{Var}(W_{ij})`. With 100 inputs of unit variance:

- weights of std 1 give pre-activations of std 10: a sigmoid saturates and its outputs pile up at
  0 and 1, where its gradient vanishes;
- weights of std 0.01 give std 0.1: every sigmoid output sits near 0.5, all units say the same
  thing and the layer has no expressive power;
- weights of std :math:`\sqrt{1/n_{in}}` keep :math:`\operatorname{Var}(a) = \operatorname{Var}(h)`,
  and the activations stay spread out layer after layer.

That is the experiment of seed article 002 (chapter 6 of "Deep Learning from Scratch"), and the
reasoning behind the Xavier/Glorot, He and LeCun initialisers below.

Every initialiser is a small object with the same interface:

- ``init(shape, seed=None)`` returns a float64 ``ndarray`` of that shape; ``shape`` is
  ``(n_in, n_out)`` for a weight matrix or ``(n,)`` for a bias (then
  :math:`n_{in} = n_{out} = n`), and ``seed`` is None, an int or a :class:`numpy.random.Generator`;
- ``init.name`` is the registry name, and the class docstring holds the formula.

:func:`get_initializer` finds one by name; an unknown name lists the valid ones.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._named import Named
from ._validation import (
    check_array,
    check_choice,
    check_dtype,
    check_positive,
    check_random_state,
    check_real,
    describe,
)

__all__ = [
    "INITIALIZERS",
    "Constant",
    "FromSamples",
    "HeNormal",
    "HeUniform",
    "Initializer",
    "LeCunNormal",
    "LeCunUniform",
    "Normal",
    "Uniform",
    "XavierNormal",
    "XavierUniform",
    "Zeros",
    "get_initializer",
]


class Initializer(Named):
    """Base class; subclasses define :meth:`_draw`, which fills a float64 array."""

    name: str = "initializer"

    def __call__(self, shape, seed=None, *, dtype=np.float64) -> np.ndarray:
        """Return an array of shape ``shape``.

        Parameters
        ----------
        shape : tuple of int
            ``(n_in, n_out)`` for a weight matrix or ``(n,)`` for a bias vector.
        seed : None, int or numpy.random.Generator, default=None
            Source of randomness; a Generator is used (and advanced) as it is.
        dtype : floating dtype, default=numpy.float64
            Dtype of the result (the numbers are drawn in float64 and then cast).

        Returns
        -------
        ndarray of shape ``shape``
        """
        shape = _check_shape(shape)
        dtype = check_dtype(dtype)
        rng = check_random_state(seed)
        return np.asarray(self._draw(shape, rng), dtype=dtype)

    def _draw(self, shape, rng) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError


def _fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """``(fan_in, fan_out)``: ``(n_in, n_out)`` for a matrix, ``(n, n)`` for a vector."""
    return (shape[0], shape[0]) if len(shape) == 1 else (shape[0], shape[1])


# --------------------------------------------------------------------------- fixed scale


class Normal(Initializer):
    r"""Normal weights of a fixed scale, :math:`W_{ij} \sim \mathcal{N}(\mu, \sigma^2)`.

    The scale does not depend on the layer size: ``Normal(std=1.0)`` and ``Normal(std=0.01)`` are
    the two failing baselines of seed article 002 (``np.random.randn(n, n) * 1`` and ``* 0.01``).

    Parameters
    ----------
    std : float, default=1.0
        Standard deviation :math:`\sigma > 0`. For all-zero weights use :class:`Zeros`.
    mean : float, default=0.0
        Mean :math:`\mu`.

    Examples
    --------
    >>> Normal(std=0.01)((2, 3), seed=0).shape
    (2, 3)
    """

    name = "normal"

    def __init__(self, std: float = 1.0, mean: float = 0.0):
        self.std = _check_scale(std, "std")
        self.mean = check_real(mean, "mean")

    def _params(self):
        return {"std": self.std, "mean": self.mean}

    def _draw(self, shape, rng):
        return rng.normal(self.mean, self.std, size=shape)


class Uniform(Initializer):
    r"""Uniform weights of a fixed scale, :math:`W_{ij} \sim \mathcal{U}(-a, a)`.

    The standard deviation is :math:`a / \sqrt{3}`. The default :math:`a = 0.05` is Keras'
    ``RandomUniform``.

    Parameters
    ----------
    limit : float, default=0.05
        Half-width :math:`a > 0` of the interval. For all-zero weights use :class:`Zeros`.
    """

    name = "uniform"

    def __init__(self, limit: float = 0.05):
        self.limit = _check_scale(limit, "limit")

    def _params(self):
        return {"limit": self.limit}

    def _draw(self, shape, rng):
        return rng.uniform(-self.limit, self.limit, size=shape)


class Zeros(Initializer):
    r"""All weights zero, :math:`W_{ij} = 0`.

    The usual start for biases. For weights it is a trap: every neuron of a layer computes the same
    output and receives the same gradient, so they stay identical forever (the symmetry is never
    broken).
    """

    name = "zeros"

    def _draw(self, shape, rng):
        return np.zeros(shape)


class Constant(Initializer):
    r"""Every weight equal to one value, :math:`W_{ij} = c`.

    Parameters
    ----------
    value : float, default=0.0
        The constant :math:`c`.
    """

    name = "constant"

    def __init__(self, value: float = 0.0):
        self.value = check_real(value, "value")

    def _params(self):
        return {"value": self.value}

    def _draw(self, shape, rng):
        return np.full(shape, self.value)


# --------------------------------------------------------------------------- scaled by the fans


class _VarianceScaling(Initializer):
    """Zero-mean normal or uniform weights whose std depends on the fans of ``shape``."""

    uniform: bool = False

    def std(self, shape) -> float:
        """Standard deviation of the weights for a layer of shape ``shape``."""
        fan_in, fan_out = _fans(_check_shape(shape))
        return self._std(fan_in, fan_out)

    def _std(self, fan_in: int, fan_out: int) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def _draw(self, shape, rng):
        std = self._std(*_fans(shape))
        if self.uniform:
            limit = math.sqrt(3.0) * std  # U(-a, a) has std a / sqrt(3)
            return rng.uniform(-limit, limit, size=shape)
        return rng.normal(0.0, std, size=shape)


class _Xavier(_VarianceScaling):
    def __init__(self, mode: str = "fan_avg"):
        self.mode = check_choice(mode, "mode", ("fan_avg", "fan_in"))

    def _params(self):
        return {"mode": self.mode}

    def _std(self, fan_in, fan_out):
        if self.mode == "fan_in":
            return math.sqrt(1.0 / fan_in)
        return math.sqrt(2.0 / (fan_in + fan_out))


class XavierNormal(_Xavier):
    r"""Xavier/Glorot normal initialisation, :math:`W_{ij} \sim \mathcal{N}(0, \sigma^2)` with

    .. math::

        \sigma = \sqrt{\frac{2}{n_{in} + n_{out}}} \quad (\text{mode="fan_avg"}), \qquad
        \sigma = \sqrt{\frac{1}{n_{in}}} \quad (\text{mode="fan_in"}).

    Glorot and Bengio keep the variance of the activations (forward, :math:`n_{in}
    \operatorname{Var}(W) = 1`) and of the gradients (backward, :math:`n_{out}
    \operatorname{Var}(W) = 1`) constant across layers, and compromise on the average of the two
    fans. ``mode="fan_in"`` is the simpler form :math:`\sqrt{1/n}` that "Deep Learning from
    Scratch" and seed article 002 call Xavier. Suited to tanh and sigmoid, which are close to
    linear around 0. Draws from a plain (not truncated) normal, as PyTorch's ``xavier_normal_``.

    Parameters
    ----------
    mode : {"fan_avg", "fan_in"}, default="fan_avg"
        Which fan sets the scale.

    See Also
    --------
    XavierUniform, HeNormal, LeCunNormal

    References
    ----------
    X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward neural
    networks", AISTATS 2010.
    """

    name = "xavier_normal"


class XavierUniform(_Xavier):
    r"""Xavier/Glorot uniform initialisation, :math:`W_{ij} \sim \mathcal{U}(-a, a)` with
    :math:`a = \sqrt{3}\,\sigma`:

    .. math::

        a = \sqrt{\frac{6}{n_{in} + n_{out}}} \quad (\text{mode="fan_avg"}), \qquad
        a = \sqrt{\frac{3}{n_{in}}} \quad (\text{mode="fan_in"}).

    Same variance as :class:`XavierNormal`; ``mode="fan_avg"`` is the formula of the paper and the
    default of Keras' ``Dense``.

    Parameters
    ----------
    mode : {"fan_avg", "fan_in"}, default="fan_avg"
        Which fan sets the scale.

    References
    ----------
    X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward neural
    networks", AISTATS 2010.
    """

    name = "xavier_uniform"
    uniform = True


class HeNormal(_VarianceScaling):
    r"""He (Kaiming) normal initialisation, :math:`W_{ij} \sim \mathcal{N}(0, \sigma^2)` with

    .. math::

        \sigma = \sqrt{\frac{2}{n_{in}}}.

    ReLU zeroes half of its inputs, halving the second moment of the activations; the factor 2
    restores it, so that ReLU layers neither shrink nor blow up the signal. The choice for ReLU
    networks (seed article 002).

    References
    ----------
    K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers: Surpassing Human-Level
    Performance on ImageNet Classification", ICCV 2015.
    """

    name = "he_normal"

    def _std(self, fan_in, fan_out):
        return math.sqrt(2.0 / fan_in)


class HeUniform(HeNormal):
    r"""He (Kaiming) uniform initialisation, :math:`W_{ij} \sim \mathcal{U}(-a, a)` with

    .. math::

        a = \sqrt{3}\,\sigma = \sqrt{\frac{6}{n_{in}}}.

    References
    ----------
    K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers: Surpassing Human-Level
    Performance on ImageNet Classification", ICCV 2015.
    """

    name = "he_uniform"
    uniform = True


class LeCunNormal(_VarianceScaling):
    r"""LeCun normal initialisation, :math:`W_{ij} \sim \mathcal{N}(0, \sigma^2)` with

    .. math::

        \sigma = \sqrt{\frac{1}{n_{in}}}.

    Keeps :math:`\operatorname{Var}(a) = \operatorname{Var}(h)` for inputs of any variance: the
    forward half of the Xavier argument (equal to ``XavierNormal(mode="fan_in")``).

    References
    ----------
    Y. LeCun, L. Bottou, G. B. Orr and K.-R. Müller, "Efficient BackProp", in *Neural Networks:
    Tricks of the Trade*, Springer, 1998.
    """

    name = "lecun_normal"

    def _std(self, fan_in, fan_out):
        return math.sqrt(1.0 / fan_in)


class LeCunUniform(LeCunNormal):
    r"""LeCun uniform initialisation, :math:`W_{ij} \sim \mathcal{U}(-a, a)` with

    .. math::

        a = \sqrt{3}\,\sigma = \sqrt{\frac{3}{n_{in}}}.

    References
    ----------
    Y. LeCun, L. Bottou, G. B. Orr and K.-R. Müller, "Efficient BackProp", in *Neural Networks:
    Tricks of the Trade*, Springer, 1998.
    """

    name = "lecun_uniform"
    uniform = True


# --------------------------------------------------------------------------- from data


class FromSamples(Initializer):
    r"""Weight columns copied from data samples, :math:`W_{:, j} = s\,x_{r_j}`.

    Neuron ``j`` of the layer gets sample :math:`x_{r_j}` as its weight vector, so its
    pre-activation :math:`h \cdot x_{r_j}` is a template match: how much the input looks like that
    sample. Seed article 003 starts a 784x512 hidden layer from the first 512 MNIST training images
    this way (Keras ``constant_initializer(images[0:512].T)``) and finds the templates still visible
    after training.

    Parameters
    ----------
    samples : array-like of shape (n_samples, n_in)
        One sample per row; a layer of shape ``(n_in, n_out)`` needs ``n_out <= n_samples``.
    select : {"first", "random"}, default="first"
        ``"first"`` takes rows ``0 .. n_out - 1`` (seed 003); ``"random"`` draws ``n_out`` distinct
        rows with the seed.
    scale : float, default=1.0
        Factor :math:`s` applied to the samples (e.g. to shrink pixel values).

    Notes
    -----
    The samples are kept by reference (not copied); each call returns a new array.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(6.0).reshape(3, 2)  # 3 samples with 2 features
    >>> FromSamples(X)((2, 3))
    array([[0., 2., 4.],
           [1., 3., 5.]])
    """

    name = "from_samples"

    def __init__(self, samples, select: str = "first", scale: float = 1.0):
        self.samples = check_array(samples, "samples", ndim=2)
        self.select = check_choice(select, "select", ("first", "random"))
        self.scale = check_real(scale, "scale")

    def _params(self):
        return {"samples": self.samples, "select": self.select, "scale": self.scale}

    def __repr__(self) -> str:
        return (
            f"FromSamples(samples=<ndarray of shape {self.samples.shape}>, "
            f"select={self.select!r}, scale={self.scale!r})"
        )

    def __eq__(self, other) -> bool:
        return (
            type(self) is type(other)
            and self.select == other.select
            and self.scale == other.scale
            and np.array_equal(self.samples, other.samples)
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.samples.shape, self.select, self.scale))

    def _draw(self, shape, rng):
        n_samples, n_features = self.samples.shape
        if len(shape) != 2:
            raise ValueError(
                f"from_samples fills a weight matrix: shape must be (n_in, n_out); got {shape}"
            )
        n_in, n_out = shape
        if n_in != n_features:
            raise ValueError(
                f"samples have {n_features} features but shape[0] (n_in) is {n_in}; they must match"
            )
        if n_out > n_samples:
            raise ValueError(
                f"shape[1] (n_out) is {n_out} but samples has only {n_samples} rows; "
                f"n_out must be <= n_samples"
            )
        if self.select == "first":
            rows = np.arange(n_out)
        else:
            rows = rng.choice(n_samples, size=n_out, replace=False)
        return self.scale * self.samples[rows].T  # fancy indexing copies


# --------------------------------------------------------------------------- checks, registry


def _check_shape(shape) -> tuple[int, ...]:
    """``shape`` as a tuple of 1 or 2 positive ints (an int ``n`` means ``(n,)``)."""
    allowed = "a tuple (n_in, n_out) or (n,) of positive ints"
    if isinstance(shape, numbers.Integral) and not isinstance(shape, (bool, np.bool_)):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"shape must be {allowed}; got {describe(shape)}")
    if len(shape) not in (1, 2):
        raise ValueError(f"shape must be {allowed}; got {tuple(shape)} ({len(shape)}D)")
    for n in shape:
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
            raise TypeError(f"shape must be {allowed}; got {tuple(shape)!r}")
        if n < 1:
            raise ValueError(f"shape must be {allowed}; got {tuple(shape)}")
    return tuple(int(n) for n in shape)


def _check_scale(value, name: str) -> float:
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) and value == 0:
        raise ValueError(f"{name} must be > 0; got 0. For all-zero weights use Zeros() ('zeros')")
    return check_positive(value, name)


INITIALIZERS: dict[str, type[Initializer]] = {
    cls.name: cls
    for cls in (
        Normal,
        Uniform,
        XavierNormal,
        XavierUniform,
        HeNormal,
        HeUniform,
        LeCunNormal,
        LeCunUniform,
        Zeros,
        Constant,
        FromSamples,
    )
}
_ALIASES = {
    "xavier": "xavier_normal",
    "glorot": "xavier_normal",
    "glorot_normal": "xavier_normal",
    "glorot_uniform": "xavier_uniform",
    "he": "he_normal",
    "kaiming": "he_normal",
    "kaiming_normal": "he_normal",
    "kaiming_uniform": "he_uniform",
    "lecun": "lecun_normal",
}
_ALL_NAMES = {**INITIALIZERS, **{a: INITIALIZERS[t] for a, t in _ALIASES.items()}}


def get_initializer(init, **params) -> Initializer:
    """Return an initialiser object from a name or an instance.

    Parameters
    ----------
    init : str or Initializer
        A name from :data:`INITIALIZERS` or an alias (``"xavier"``, ``"glorot_uniform"``, ``"he"``,
        ``"lecun"``, ...; case-insensitive), or an :class:`Initializer` instance, returned as is.
    **params
        Parameters for the class, e.g. ``std=0.01`` for ``"normal"``; only with a name.

    Examples
    --------
    >>> get_initializer("normal", std=0.01)
    Normal(std=0.01, mean=0.0)
    >>> get_initializer("Glorot")
    XavierNormal(mode='fan_avg')
    >>> W = get_initializer("xavier", mode="fan_in")((100, 100), seed=0)
    >>> round(float(W.std()), 2)  # sqrt(1 / 100)
    0.1
    """
    if isinstance(init, Initializer):
        if params:
            raise TypeError(
                f"parameters {sorted(params)} can only be given with a name, not with the "
                f"instance {init!r}"
            )
        return init
    if not isinstance(init, str):
        raise TypeError(
            f"init must be an Initializer or a name, one of {sorted(_ALL_NAMES)}; "
            f"got {describe(init)}"
        )
    cls = check_choice(init, "init", _ALL_NAMES)
    return cls(**params)
