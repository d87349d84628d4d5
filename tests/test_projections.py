"""Tests for nnexplain.projections: first coordinates, a PCA fitted once, errors."""

import numpy as np
import pytest

from nnexplain import MLP
from nnexplain.projections import PCAProjection, first_two, project_stages
from nnexplain.warps import stages

RNG = np.random.default_rng(0)
X = RNG.normal(size=(40, 2))
NET = MLP([2, 4, 3, 1], seed=0)
STAGES, _ = stages(NET, X)


def test_first_two_cuts_and_pads():
    A = RNG.normal(size=(5, 4))
    np.testing.assert_array_equal(first_two(A), A[:, :2])
    np.testing.assert_array_equal(first_two(A[:, :1]), np.column_stack([A[:, 0], np.zeros(5)]))
    lines = RNG.normal(size=(3, 6, 3))
    np.testing.assert_array_equal(first_two(lines), lines[..., :2])


def test_pca_is_fitted_once_for_all_stages():
    pca = PCAProjection(2).fit(STAGES)
    width = max(s.shape[1] for s in STAGES)
    padded = [np.pad(s, ((0, 0), (0, width - s.shape[1]))) for s in STAGES]
    stacked = np.concatenate(padded)
    mean = stacked.mean(axis=0)
    _, sing, Vt = np.linalg.svd(stacked - mean, full_matrices=False)
    # orthonormal components, equal to numpy's SVD up to sign
    np.testing.assert_allclose(pca.components_ @ pca.components_.T, np.eye(2), atol=1e-12)
    for c, v in zip(pca.components_, Vt[:2], strict=True):
        assert abs(c @ v) == pytest.approx(1.0)
    np.testing.assert_allclose(pca.mean_, mean)
    np.testing.assert_allclose(pca.explained_variance_ratio_, sing[:2] ** 2 / np.sum(sing**2))
    # the same affine map for every stage
    for s, p in zip(STAGES, padded, strict=True):
        np.testing.assert_allclose(pca.transform(s), (p - mean) @ pca.components_.T)


def test_project_stages_pca_returns_one_projection():
    projected, pca = project_stages(STAGES, "pca")
    assert isinstance(pca, PCAProjection)
    assert [p.shape for p in projected] == [(40, 2)] * len(STAGES)
    np.testing.assert_allclose(projected[3], pca.transform(STAGES[3]))
    # interpolation commutes with the projection: straight lines stay straight
    mid = 0.5 * (np.pad(STAGES[0], ((0, 0), (0, 2))) + STAGES[1])
    np.testing.assert_allclose(pca.transform(mid), 0.5 * (projected[0] + projected[1]))


def test_pca_signs_are_fixed():
    pca = PCAProjection(2).fit(STAGES)
    flipped = PCAProjection(2).fit([-s for s in STAGES])
    for c in (pca.components_, flipped.components_):
        rows = np.arange(2)
        assert np.all(c[rows, np.argmax(np.abs(c), axis=1)] > 0)


def test_pca_pads_components_when_data_is_narrower():
    pca = PCAProjection(3).fit([X])
    out = pca.transform(X)
    assert out.shape == (40, 3)
    np.testing.assert_array_equal(out[:, 2], 0.0)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), np.linalg.norm(X - X.mean(0), axis=1))


def test_project_stages_3d():
    projected, pca = project_stages(STAGES[:3], "3d")  # widths 2, 4, 4: PCA to 3
    assert pca is not None and projected[0].shape == (40, 3)
    narrow = [s for s in STAGES if s.shape[1] <= 3]
    projected, pca = project_stages(narrow, "3d")  # first three coordinates, zero-padded
    assert pca is None
    np.testing.assert_array_equal(projected[0], np.column_stack([X, np.zeros(40)]))


def test_polylines_are_projected_on_the_last_axis():
    lines = RNG.normal(size=(5, 7, 4))
    pca = PCAProjection(2).fit(STAGES)
    out = pca.transform(lines)
    assert out.shape == (5, 7, 2)
    np.testing.assert_allclose(out.reshape(-1, 2), pca.transform(lines.reshape(-1, 4)))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (
            lambda: project_stages(STAGES, "tsne"),
            ValueError,
            r"unknown method 'tsne'.*\['first_two', 'pca', '3d'\]",
        ),
        (lambda: project_stages([np.zeros(5)], "pca"), ValueError, r"shape \(5,\).*X\[:, None\]"),
        (lambda: first_two(np.zeros(5)), ValueError, r"shape \(5,\)"),
        (lambda: PCAProjection(2).transform(X), RuntimeError, "not fitted"),
        (lambda: PCAProjection(2).fit([X]).transform(np.zeros((3, 5))), ValueError, "wider"),
        (lambda: PCAProjection(0), ValueError, "n_components must be an int >= 1"),
    ],
)
def test_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()
