import numpy as np
import pytest


def test_linear_separability_oracles():
    from nnexplain.datasets import make_circle_in_donut
    from nnexplain.separability import linear_separability

    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 3))
    score = X @ [1.0, -2.0, 0.5] + 0.3
    X, y = X[np.abs(score) > 0.05][:400], (score[np.abs(score) > 0.05][:400] > 0).astype(int)
    assert linear_separability(X, y) == 1.0  # separable by construction, with a small margin
    # labels that no plane can follow: the disc inside the ring, and random labels
    Xr, yr = make_circle_in_donut(400, seed=0)
    assert linear_separability(Xr, yr) < 0.7
    assert linear_separability(np.c_[Xr, (Xr**2).sum(1)], yr) == 1.0  # lifted: a plane cuts it
    assert 0.4 < linear_separability(X, rng.integers(0, 2, 400)) < 0.65
    # a constant (dead) column changes nothing; the result is a fraction of samples
    np.testing.assert_equal(linear_separability(np.c_[X, np.zeros(400)], y), 1.0)
    assert linear_separability(X[:, :1] * 1e6, y) == linear_separability(X[:, :1], y)


def test_linear_separability_rejects_bad_input():
    from nnexplain.separability import linear_separability

    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="labels outside the classes 0..1"):
        linear_separability(X, [0, 1, 2, 1])
    with pytest.raises(ValueError, match="y has 3 labels but X has 4"):
        linear_separability(X, [0, 1, 1])
    with pytest.raises(TypeError, match="n_iter must be an int"):
        linear_separability(X, [0, 1, 1, 0], n_iter=2.5)
