"""nnexplain.journey: the flat-cut numbers of a journey, against stages with a known answer."""

import numpy as np
import pytest

from nnexplain.journey import Journey


def _xor_then_split(n=400, seed=0):
    """Stage 0: XOR quadrants (no line separates them); stage 1: the classes on two sides of
    x = 0; stage 2: the same in a 3D stage shown in 2D (width 3 > dims 2)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    split = np.column_stack([np.where(y == 1, 1.0, -1.0) + 0.1 * X[:, 0], X[:, 1]])
    return Journey(
        labels=["input", "layer 1: tanh", "layer 2: tanh"],
        stages=[X, split, split],
        lines=None,
        projection="first_two",
        dims=2,
        widths=[2, 2, 3],
    ), y


def test_flat_cuts_find_the_stage_where_a_line_separates():
    j, y = _xor_then_split()
    cuts = j.flat_cuts(y)
    assert cuts.shape == (3,)
    assert cuts[0] < 0.7  # the control: XOR, where no line does much better than a coin
    assert cuts[1] == 1.0 and cuts[2] == 1.0


def test_flat_cut_readout_formats_each_stage_and_names_a_projected_one():
    j, y = _xor_then_split()
    lines = j.flat_cut_readout([0.5, 0.995, 1.0])
    assert lines == [
        "input: the best flat cut separates 50.0% of the points",
        "layer 1: tanh: the best flat cut separates 99.5% of the points",
        "layer 2: tanh: the best flat cut separates 100.0% of the points (in its 2D view)",
    ]
    with pytest.raises(ValueError, match=r"cuts needs one share per stage \(3\); got 2"):
        j.flat_cut_readout([0.5, 1.0])
