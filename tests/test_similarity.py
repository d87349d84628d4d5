import numpy as np
import pytest

from nnexplain import MLP
from nnexplain.similarity import template_similarity, winner_neuron


def test_template_similarity_closed_form():
    T = np.array([[1.0, 0.0, 3.0], [0.0, 2.0, 4.0]])
    W = np.column_stack([5 * T[:, 0], -T[:, 1], [4.0, -3.0]])  # same, opposite, orthogonal
    np.testing.assert_allclose(template_similarity(W, T), [1.0, -1.0, 0.0], atol=1e-15)
    # 45 degrees
    assert template_similarity([[1.0], [1.0]], [[1.0], [0.0]])[0] == pytest.approx(2**-0.5)


def test_template_similarity_pairwise():
    rng = np.random.default_rng(0)
    W, T = rng.normal(size=(6, 3)), rng.normal(size=(6, 5))
    S = template_similarity(W, T, pairwise=True)
    assert S.shape == (3, 5)
    for i in range(3):
        for j in range(5):
            cos = W[:, i] @ T[:, j] / np.linalg.norm(W[:, i]) / np.linalg.norm(T[:, j])
            assert S[i, j] == pytest.approx(cos)
    np.testing.assert_allclose(
        np.diag(template_similarity(W, T[:, :3], pairwise=True)), template_similarity(W, T[:, :3])
    )


def test_template_similarity_of_a_from_samples_layer_is_one_at_start():
    X = np.random.default_rng(0).uniform(size=(20, 16))
    from nnexplain.initializers import FromSamples

    net = MLP([16, 8, 3], activation="relu", init=[FromSamples(X), "glorot_uniform"], seed=0)
    np.testing.assert_allclose(template_similarity(net.layers[0].W, X[:8].T), 1.0)


@pytest.mark.parametrize(
    ("W", "T", "error", "match"),
    [
        (np.ones((3, 2)), np.ones((4, 2)), ValueError, "templates have 4 rows but W has 3"),
        (np.ones((3, 2)), np.ones((3, 3)), ValueError, "pairwise=True"),
        (np.zeros((3, 2)), np.ones((3, 2)), ValueError, "W has all-zero columns"),
        (np.ones((3, 2)), np.zeros((3, 2)), ValueError, "templates has all-zero columns"),
        (np.ones(3), np.ones(3), ValueError, "W must be a 2D array"),
    ],
)
def test_template_similarity_bad_input(W, T, error, match):
    with pytest.raises(error, match=match):
        template_similarity(W, T)


def test_winner_neuron_is_argmax_of_inner_products():
    rng = np.random.default_rng(0)
    W, X = rng.normal(size=(10, 6)), rng.normal(size=(7, 10))
    np.testing.assert_array_equal(winner_neuron(W, X), np.argmax(X @ W, axis=1))
    assert winner_neuron(W, X[2]) == int(np.argmax(X[2] @ W))
    assert isinstance(winner_neuron(W, X[2]), int)
    with pytest.raises(ValueError, match="x has 3 features"):
        winner_neuron(W, np.ones(3))


def test_class_means_are_columns_of_per_class_averages():
    from nnexplain.similarity import class_means

    X = np.array([[0.0, 2.0], [2.0, 4.0], [10.0, 10.0]])
    y = np.array([0, 0, 1])
    np.testing.assert_allclose(class_means(X, y), [[1.0, 10.0], [3.0, 10.0]])
    centred = class_means(X, y, centred=True)
    np.testing.assert_allclose(centred, [[1.0 - 4.0, 10.0 - 4.0], [3.0 - 16 / 3, 10.0 - 16 / 3]])


def test_class_means_needs_every_class():
    from nnexplain.similarity import class_means

    with pytest.raises(ValueError, match=r"no sample of the classes \[1\]"):
        class_means(np.zeros((3, 2)), np.array([0, 2, 2]))


def _rotation(n, seed):
    Q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(n, n)))
    return Q


def test_linear_cka_is_one_for_a_rotated_scaled_shifted_copy():
    from nnexplain.similarity import linear_cka

    A = np.random.default_rng(0).normal(size=(200, 6))
    assert linear_cka(A, A) == pytest.approx(1.0)
    assert linear_cka(A, -3.0 * A @ _rotation(6, 1) + 7.0) == pytest.approx(1.0)


def test_linear_cka_of_one_unit_each_is_the_squared_correlation():
    from nnexplain.similarity import linear_cka

    rng = np.random.default_rng(1)
    a = rng.normal(size=100)
    b = 0.5 * a + rng.normal(size=100)
    r = np.corrcoef(a, b)[0, 1]
    assert linear_cka(a[:, None], b[:, None]) == pytest.approx(r**2)


def test_linear_cka_symmetric_and_near_zero_for_independent_data():
    from nnexplain.similarity import linear_cka

    rng = np.random.default_rng(2)
    A, B = rng.normal(size=(5000, 3)), rng.normal(size=(5000, 4))
    assert linear_cka(A, B) == pytest.approx(linear_cka(B, A))
    assert linear_cka(A, B) < 0.01
    # Keeping only some directions of A: CKA between A and its first column is 1/3 for
    # isotropic A (||A^T a||^2 / (||A^T A|| ||a^T a||) = n^2 / (n sqrt(3) n)).
    raw = rng.normal(size=(300, 3))
    iso = np.linalg.qr(raw - raw.mean(axis=0))[0]  # centred, orthonormal columns
    assert linear_cka(iso, iso[:, :1]) == pytest.approx(1 / np.sqrt(3))


def test_linear_cka_errors():
    from nnexplain.similarity import linear_cka

    with pytest.raises(ValueError, match="A has 3 rows but B has 4"):
        linear_cka(np.zeros((3, 2)), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="B is constant over the samples"):
        linear_cka(np.eye(3), np.ones((3, 2)))


def test_linear_map_r2_exact_map_noise_and_held_out():
    from nnexplain.similarity import linear_map_r2

    rng = np.random.default_rng(3)
    A = rng.normal(size=(300, 5))
    M = rng.normal(size=(5, 2))
    assert linear_map_r2(A, A @ M + 4.0) == pytest.approx(1.0)
    # Half the variance of B is unexplained noise: R^2 about 1/2 on held-out samples.
    A2 = rng.normal(size=(20000, 5))
    B, B2 = A @ M, A2 @ M
    noise_sd = np.sqrt(np.var(B2, axis=0).mean())
    B = B + rng.normal(scale=noise_sd, size=B.shape)
    B2 = B2 + rng.normal(scale=noise_sd, size=B2.shape)
    assert linear_map_r2(A, B, test=(A2, B2)) == pytest.approx(0.5, abs=0.03)
    # Independent target: in-sample R^2 is inflated by fitting noise, held out it is <= ~0.
    C, C2 = rng.normal(size=(300, 2)), rng.normal(size=(20000, 2))
    assert linear_map_r2(A, C, test=(A2, C2)) < 0.01 < linear_map_r2(A, C)


def test_linear_map_r2_errors():
    from nnexplain.similarity import linear_map_r2

    A = np.zeros((5, 2)) + np.arange(5)[:, None]
    with pytest.raises(TypeError, match="test must be a pair"):
        linear_map_r2(A, A, test=A)
    with pytest.raises(ValueError, match="test has 3 source and 2 target units"):
        linear_map_r2(A, A, test=(np.zeros((4, 3)), np.zeros((4, 2))))
    with pytest.raises(ValueError, match="target is constant"):
        linear_map_r2(A, np.ones((5, 1)))


def test_activation_weighted_mean():
    from nnexplain.similarity import activation_weighted_mean

    X = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 4.0]])
    H = np.array([[1.0, 0.0, 0.0], [1.0, 2.0, 0.0]])
    R = activation_weighted_mean(X, H)
    assert R.shape == (3, 3)
    np.testing.assert_allclose(R[:, 0], X.mean(axis=0))  # equal responses: the plain mean
    np.testing.assert_allclose(R[:, 1], X[1])  # responds to one input only: that input
    np.testing.assert_array_equal(R[:, 2], 0.0)  # dead unit
    with pytest.raises(ValueError, match="H must be non-negative"):
        activation_weighted_mean(X, -H)
