import math

import numpy as np
import pytest

from nnexplain.initializers import (
    INITIALIZERS,
    Constant,
    FromSamples,
    HeNormal,
    HeUniform,
    Initializer,
    LeCunNormal,
    LeCunUniform,
    Normal,
    Uniform,
    XavierNormal,
    XavierUniform,
    Zeros,
    get_initializer,
)

# A non-square shape, so that fan_in, fan_out and their average give different scales.
N_IN, N_OUT = 1000, 500
SHAPE = (N_IN, N_OUT)

# (initialiser, expected std, half-width of the support or None for a normal), formulas written out
# independently of the module.
STATS_CASES = {
    "normal_1": (Normal(), 1.0, None),
    "normal_0.01": (Normal(std=0.01), 0.01, None),
    "uniform": (Uniform(), 0.05 / math.sqrt(3), 0.05),
    "uniform_0.3": (Uniform(limit=0.3), 0.3 / math.sqrt(3), 0.3),
    "xavier_normal": (XavierNormal(), math.sqrt(2 / (N_IN + N_OUT)), None),
    "xavier_normal_fan_in": (XavierNormal(mode="fan_in"), math.sqrt(1 / N_IN), None),
    "xavier_uniform": (
        XavierUniform(),
        math.sqrt(2 / (N_IN + N_OUT)),
        math.sqrt(6 / (N_IN + N_OUT)),
    ),
    "xavier_uniform_fan_in": (
        XavierUniform(mode="fan_in"),
        math.sqrt(1 / N_IN),
        math.sqrt(3 / N_IN),
    ),
    "he_normal": (HeNormal(), math.sqrt(2 / N_IN), None),
    "he_uniform": (HeUniform(), math.sqrt(2 / N_IN), math.sqrt(6 / N_IN)),
    "lecun_normal": (LeCunNormal(), math.sqrt(1 / N_IN), None),
    "lecun_uniform": (LeCunUniform(), math.sqrt(1 / N_IN), math.sqrt(3 / N_IN)),
}


@pytest.mark.parametrize("case", STATS_CASES.values(), ids=STATS_CASES.keys())
def test_large_draw_matches_formula(case):
    init, std, limit = case
    W = init(SHAPE, seed=0)
    assert W.shape == SHAPE
    assert W.dtype == np.float64
    assert W.std() == pytest.approx(std, rel=0.02)
    assert abs(W.mean()) < 0.01 * std
    if limit is not None:
        assert np.abs(W).max() <= limit
        assert np.abs(W).max() > 0.99 * limit  # the whole interval is used
    else:
        # a normal reaches beyond sqrt(3) std, which a uniform of the same std never does
        assert np.abs(W).max() > 3 * std


@pytest.mark.parametrize(
    "init, expected",
    [
        (XavierNormal(), math.sqrt(2 / (N_IN + N_OUT))),
        (XavierUniform(mode="fan_in"), math.sqrt(1 / N_IN)),
        (HeUniform(), math.sqrt(2 / N_IN)),
        (LeCunNormal(), math.sqrt(1 / N_IN)),
    ],
)
def test_std_method(init, expected):
    assert init.std(SHAPE) == pytest.approx(expected, rel=1e-12)


def test_normal_mean_shifts_the_draw():
    W = Normal(std=0.1, mean=3.0)(SHAPE, seed=1)
    assert W.mean() == pytest.approx(3.0, abs=1e-3)
    assert W.std() == pytest.approx(0.1, rel=0.02)


def test_seed_002_scales():
    # seed 002: 100 inputs of unit variance; std 1 -> pre-activations of std 10, std 0.01 -> 0.1,
    # Xavier sqrt(1/n) -> 1.
    x = np.random.default_rng(0).standard_normal((1000, 100))
    for init, expected in [
        (Normal(std=1.0), 10.0),
        (Normal(std=0.01), 0.1),
        (XavierNormal(mode="fan_in"), 1.0),
    ]:
        assert (x @ init((100, 100), seed=1)).std() == pytest.approx(expected, rel=0.1)


def test_bias_shape_uses_n_for_both_fans():
    b = XavierNormal()((40_000,), seed=0)
    assert b.shape == (40_000,)
    assert b.std() == pytest.approx(math.sqrt(1 / 40_000), rel=0.02)
    assert HeNormal().std((8,)) == pytest.approx(0.5)
    assert HeNormal()(7, seed=0).shape == (7,)  # a bare int is a 1D shape


def test_zeros_and_constant():
    assert np.array_equal(Zeros()((3, 4)), np.zeros((3, 4)))
    W = Constant(2.5)((3, 4), seed=0)
    assert W.dtype == np.float64
    assert np.array_equal(W, np.full((3, 4), 2.5))
    assert np.array_equal(Constant()((2,)), np.zeros(2))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, "float32"])
def test_dtype(dtype):
    assert HeNormal()((3, 4), seed=0, dtype=dtype).dtype == np.dtype(dtype)


@pytest.mark.parametrize(
    ("dtype", "error", "match"),
    [
        (np.int64, ValueError, "dtype must be float64 or float32; got int64"),
        (bool, ValueError, "dtype must be float64 or float32; got bool"),
        ("abc", TypeError, r"dtype must be a numpy dtype \(float64 or float32\); got 'abc'"),
    ],
)
def test_bad_dtype(dtype, error, match):
    with pytest.raises(error, match=match):
        Normal()((3, 4), dtype=dtype)


# --------------------------------------------------------------------------- determinism

ALL_RANDOM = [
    Normal(),
    Uniform(),
    XavierNormal(),
    XavierUniform(),
    HeNormal(),
    HeUniform(),
    LeCunNormal(),
    LeCunUniform(),
    FromSamples(np.arange(60.0).reshape(20, 3), select="random"),
]


@pytest.mark.parametrize("init", ALL_RANDOM, ids=repr)
def test_same_seed_same_array_different_seed_different(init):
    a = init((3, 5), seed=42)
    b = init((3, 5), seed=42)
    c = init((3, 5), seed=43)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    assert np.array_equal(a, init((3, 5), seed=np.random.default_rng(42)))


@pytest.mark.parametrize("init", ALL_RANDOM, ids=repr)
def test_generator_is_advanced(init):
    rng = np.random.default_rng(0)
    a = init((3, 5), seed=rng)
    b = init((3, 5), seed=rng)
    assert not np.array_equal(a, b)


def test_seed_none_gives_fresh_draws():
    assert not np.array_equal(Normal()((10, 10)), Normal()((10, 10)))


# --------------------------------------------------------------------------- from_samples


@pytest.fixture
def samples():
    return np.random.default_rng(7).standard_normal((30, 6))


def test_from_samples_first_is_transposed_rows(samples):
    W = FromSamples(samples)((6, 4), seed=0)
    assert W.shape == (6, 4)
    assert np.array_equal(W, samples[0:4].T)
    # the seed 003 layout: column j is sample j
    for j in range(4):
        assert np.array_equal(W[:, j], samples[j])
    W[0, 0] = 99.0  # a copy: the samples are untouched
    assert samples[0, 0] != 99.0


def test_from_samples_scale(samples):
    W = FromSamples(samples, scale=1 / 255)((6, 3))
    np.testing.assert_allclose(W, samples[:3].T / 255, rtol=1e-15)


def test_from_samples_all_rows(samples):
    W = FromSamples(samples, select="random")((6, 30), seed=0)
    assert sorted(map(tuple, W.T)) == sorted(map(tuple, samples))


def test_from_samples_random_subset_without_repeats(samples):
    W = FromSamples(samples, select="random")((6, 12), seed=3)
    rows = []
    for col in W.T:
        matches = np.flatnonzero((samples == col).all(axis=1))
        assert matches.size == 1  # every column is exactly one sample row
        rows.append(int(matches[0]))
    assert len(set(rows)) == 12
    assert rows != list(range(12))  # not simply the first rows


def test_from_samples_shape_mismatch(samples):
    with pytest.raises(ValueError, match=r"samples have 6 features but shape\[0\] \(n_in\) is 5"):
        FromSamples(samples)((5, 3))


def test_from_samples_too_many_columns(samples):
    with pytest.raises(
        ValueError, match=r"shape\[1\] \(n_out\) is 31 but samples has only 30 rows"
    ):
        FromSamples(samples, select="random")((6, 31), seed=0)


def test_from_samples_needs_a_matrix_shape(samples):
    with pytest.raises(ValueError, match=r"shape must be \(n_in, n_out\)"):
        FromSamples(samples)((6,))


@pytest.mark.parametrize(
    "bad, error, match",
    [
        ([[1.0, np.nan]], ValueError, "samples contains NaN or infinity"),
        ([[1.0, np.inf]], ValueError, "samples contains NaN or infinity"),
        ([1.0, 2.0], ValueError, "samples must be a 2D array"),
        ("abc", TypeError, "samples must be an array of numbers"),
    ],
)
def test_from_samples_bad_samples(bad, error, match):
    with pytest.raises(error, match=match):
        FromSamples(bad)


def test_from_samples_bad_select(samples):
    with pytest.raises(ValueError, match="unknown select 'last'; valid names are"):
        FromSamples(samples, select="last")


def test_from_samples_repr_and_eq(samples):
    init = FromSamples(samples, select="random")
    assert (
        repr(init) == "FromSamples(samples=<ndarray of shape (30, 6)>, select='random', scale=1.0)"
    )
    assert init == FromSamples(samples.copy(), select="random")
    assert init != FromSamples(samples)
    assert init != FromSamples(samples + 1, select="random")
    assert hash(init) == hash(FromSamples(samples.copy(), select="random"))


# --------------------------------------------------------------------------- registry


def test_registry_names():
    assert set(INITIALIZERS) == {
        "normal",
        "uniform",
        "xavier_normal",
        "xavier_uniform",
        "he_normal",
        "he_uniform",
        "lecun_normal",
        "lecun_uniform",
        "zeros",
        "constant",
        "from_samples",
    }
    for name, cls in INITIALIZERS.items():
        assert cls.name == name
        assert issubclass(cls, Initializer)


@pytest.mark.parametrize("name", sorted(set(INITIALIZERS) - {"from_samples"}))
def test_every_name_resolves(name):
    init = get_initializer(name)
    assert type(init) is INITIALIZERS[name]
    assert str(init) == name
    assert init((2, 3), seed=0).shape == (2, 3)
    assert get_initializer(name.upper()) == init


def test_from_samples_by_name():
    X = np.eye(3)
    init = get_initializer("from_samples", samples=X)
    assert np.array_equal(init((3, 2)), X[:2].T)


@pytest.mark.parametrize(
    "alias, cls",
    [
        ("xavier", XavierNormal),
        ("glorot", XavierNormal),
        ("glorot_normal", XavierNormal),
        ("Glorot-Uniform", XavierUniform),
        ("glorot_uniform", XavierUniform),
        ("he", HeNormal),
        ("kaiming", HeNormal),
        ("lecun", LeCunNormal),
    ],
)
def test_aliases(alias, cls):
    assert type(get_initializer(alias)) is cls


def test_params_are_passed():
    assert get_initializer("normal", std=0.01) == Normal(std=0.01)
    assert get_initializer("xavier", mode="fan_in") == XavierNormal(mode="fan_in")
    assert get_initializer("constant", value=3.0) == Constant(3.0)


def test_instance_is_returned_as_is():
    init = Normal(std=0.5)
    assert get_initializer(init) is init
    with pytest.raises(TypeError, match="can only be given with a name"):
        get_initializer(init, std=1.0)


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="unknown init 'xavir'; valid names are") as info:
        get_initializer("xavir")
    for name in [*INITIALIZERS, "glorot_uniform", "he"]:
        assert repr(name) in str(info.value)


@pytest.mark.parametrize("bad", [None, 1, 0.5, Normal, ["normal"]])
def test_wrong_type(bad):
    with pytest.raises(TypeError, match="init must be an Initializer or a name"):
        get_initializer(bad)


def test_repr_and_eq():
    assert repr(Normal(std=0.01)) == "Normal(std=0.01, mean=0.0)"
    assert repr(Uniform()) == "Uniform(limit=0.05)"
    assert repr(XavierUniform(mode="fan_in")) == "XavierUniform(mode='fan_in')"
    assert repr(HeNormal()) == "HeNormal()"
    assert repr(Constant(1)) == "Constant(value=1.0)"
    assert Normal(0.01) == Normal(std=0.01)
    assert Normal(0.01) != Normal(0.02)
    assert HeNormal() != HeUniform()
    assert XavierNormal() != XavierNormal(mode="fan_in")
    assert len({Normal(0.01), Normal(std=0.01), HeNormal()}) == 2


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "shape, error",
    [
        ((0, 3), ValueError),
        ((3, 0), ValueError),
        ((-1, 3), ValueError),
        ((0,), ValueError),
        ((), ValueError),
        ((2, 3, 4), ValueError),
        ((2.5, 3), TypeError),
        ((2, "3"), TypeError),
        ((True, 3), TypeError),
        ("23", TypeError),
        (None, TypeError),
        (np.zeros((2, 3)), TypeError),
    ],
)
def test_bad_shape(shape, error):
    with pytest.raises(error, match=r"shape must be a tuple \(n_in, n_out\) or \(n,\)"):
        Normal()(shape, seed=0)


def test_shape_as_list_and_numpy_ints():
    assert Normal()([2, np.int64(3)], seed=0).shape == (2, 3)


@pytest.mark.parametrize(
    "seed, error, match",
    [
        (1.5, TypeError, "seed must be None, a non-negative int or a numpy.random.Generator"),
        ("0", TypeError, "seed must be None, a non-negative int or a numpy.random.Generator"),
        (True, TypeError, "seed must be None, a non-negative int"),
        (-1, ValueError, "seed must be a non-negative int; got -1"),
    ],
)
@pytest.mark.parametrize("init", [Normal(), HeUniform(), Zeros()], ids=repr)
def test_bad_seed(init, seed, error, match):
    with pytest.raises(error, match=match):
        init((2, 3), seed=seed)


@pytest.mark.parametrize("cls, name", [(Normal, "std"), (Uniform, "limit")])
def test_zero_scale_points_to_zeros(cls, name):
    with pytest.raises(
        ValueError,
        match=rf"{name} must be > 0; got 0\. For all-zero weights use Zeros\(\) \('zeros'\)",
    ):
        cls(0)


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: Normal(std=-1.0), ValueError, "std must be a finite number > 0; got -1.0"),
        (lambda: Normal(std=np.inf), ValueError, "std must be a finite number > 0"),
        (lambda: Normal(std="1"), TypeError, "std must be a real number"),
        (lambda: Normal(mean=np.nan), ValueError, "mean must be a finite number; got nan"),
        (lambda: Uniform(limit=-0.1), ValueError, "limit must be a finite number > 0"),
        (lambda: Constant(value=None), TypeError, "value must be a real number"),
        (lambda: XavierNormal(mode="fan_out"), ValueError, "unknown mode 'fan_out'"),
        (lambda: XavierUniform(mode=1), TypeError, "mode must be a str"),
    ],
)
def test_bad_parameters(make, error, match):
    with pytest.raises(error, match=match):
        make()
