r"""The journey of data (and a grid) through a network: the data of every layer-by-layer figure.

:func:`journey` runs the forward pass once, projects every stage with one projection fitted on
all of them (so the view does not jump between stages), carries a grid along with the same
projection, and, for networks with two inputs, can add what every hidden unit computes over the
input plane. The result is a plain :class:`Journey`; the views only read it:

- :func:`nnexplain.animate.animate_journey` draws it as a video,
- :meth:`nnexplain.explorable.Explorable.from_journeys` writes it for the browser player,
- a gallery page reads its stages for its static panels and its checks.

numpy only: nothing here draws.

Examples
--------
>>> import numpy as np
>>> from nnexplain import MLP
>>> from nnexplain.journey import journey
>>> net = MLP([2, 3, 1], activation="tanh", seed=0)
>>> j = journey(net, np.random.default_rng(0).normal(size=(50, 2)), projection="3d")
>>> j.labels
['input', 'layer 1: affine', 'layer 1: tanh']
>>> j.stages[-1].shape, j.plane is not None
((50, 3), True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import warps
from ._validation import check_array, check_choice, check_int
from .datasets import make_grid_lines
from .fields import data_extent, decision_field, unit_responses
from .network import check_mlp
from .projections import METHODS, first_two, project_stages
from .separability import linear_separability

__all__ = ["Journey", "journey", "unit_maps"]


@dataclass(frozen=True)
class Journey:
    r"""Data (and a grid) at every stage of a forward pass, projected once.

    Attributes
    ----------
    labels : list of str
        One per stage, as in :meth:`MLP.trace` (``"input"``, ``"layer 1: affine"``, ...).
    stages : list of ndarray of shape (n_samples, dims)
        The data at each stage, in the journey's view.
    lines : list of ndarray of shape (n_lines, n_points_per_line, dims) or None
        The grid at each stage, projected the same way.
    projection : {"first_two", "pca", "3d"}
    dims : int
        2, or 3 for ``projection="3d"``.
    widths : list of int
        Width of each stage before projection.
    plane : tuple of (ndarray of shape (3,), float) or None
        The output unit's plane :math:`h w + c = 0` in the last stage's coordinates, when that
        stage has width 3, is drawn unprojected and feeds one output unit.
    units : ndarray of shape (n_units + 1, resolution, resolution) or None
        Each hidden unit's response over the input plane, then the output's probability of the
        last class (:func:`unit_maps`); rows run from ``ymin`` up.
    unit_labels : list of str or None
    unit_extent : tuple of 4 floats or None
    network : str
        The network's ``repr``, for alt texts.
    """

    labels: list
    stages: list
    lines: list | None
    projection: str
    dims: int
    widths: list
    plane: tuple | None = None
    units: np.ndarray | None = None
    unit_labels: list | None = None
    unit_extent: tuple | None = None
    network: str = ""

    @property
    def n_stages(self) -> int:
        return len(self.labels)

    @property
    def n_samples(self) -> int:
        return len(self.stages[0])

    def flat_cuts(self, y) -> np.ndarray:
        r"""How well the best flat cut separates the classes at each stage.

        The share of points a logistic regression on the stage, as drawn, gets right
        (:func:`~nnexplain.separability.linear_separability`): the number of a journey whose
        claim is where in the network the classes become separable. A stage wider than the view
        (``widths[i] > dims``) is measured on its projection.

        Parameters
        ----------
        y : array-like of shape (n_samples,)
            The class of each point.

        Returns
        -------
        ndarray of shape (n_stages,)
            Shares in ``[0, 1]``.
        """
        return np.array([linear_separability(stage, y) for stage in self.stages])

    def flat_cut_readout(self, cuts) -> list[str]:
        r"""One readout line per stage from :meth:`flat_cuts`' shares, for
        :meth:`nnexplain.explorable.Explorable.set_readout`.

        Parameters
        ----------
        cuts : array-like of shape (n_stages,)

        Returns
        -------
        list of str
            E.g. ``"layer 1: tanh: the best flat cut separates 99.5% of the points"``; a stage
            measured on its projection says so.
        """
        cuts = check_array(cuts, "cuts", ndim=1)
        if len(cuts) != self.n_stages:
            raise ValueError(f"cuts needs one share per stage ({self.n_stages}); got {len(cuts)}")
        return [
            f"{label}: the best flat cut separates {cut:.1%} of the points"
            + ("" if width <= self.dims else f" (in its {self.dims}D view)")
            for label, cut, width in zip(self.labels, cuts, self.widths, strict=True)
        ]

    def __repr__(self) -> str:
        return (
            f"Journey({self.network or 'a network'}: {self.n_samples} points through "
            f"{self.n_stages} stages, {self.projection}"
            + (", grid" if self.lines is not None else "")
            + (", unit maps" if self.units is not None else "")
            + ")"
        )


def journey(
    net,
    X,
    *,
    lines=None,
    projection="first_two",
    include_affine=True,
    include_output=False,
    units=False,
    resolution=41,
) -> Journey:
    r"""The journey of ``X`` (and a grid) through ``net``, every stage projected once.

    Parameters
    ----------
    net : MLP
    X : array-like of shape (n_samples, n_inputs)
    lines : array-like of shape (n_lines, n_points_per_line, n_inputs), None or False
        The grid carried along; ``None``: an 11x11 grid over the data (2-input networks),
        ``False``: none.
    projection : {"first_two", "pca", "3d"}, default="first_two"
        As in :func:`nnexplain.projections.project_stages`: one projection fitted on all the
        data's stages.
    include_affine : bool, default=True
        The affine outputs as stages of their own.
    include_output : bool, default=False
        End at the output layer instead of the last hidden layer.
    units : bool, default=False
        For 2-input networks, each hidden unit's response and the output's probability over a
        ``resolution`` x ``resolution`` grid of the input plane.
    resolution : int, default=41

    Returns
    -------
    Journey
    """
    check_mlp(net, "net")
    projection = check_choice(projection, "projection", METHODS)
    X = check_array(X, "X", ndim=2)
    if X.shape[1] != net.sizes[0]:
        raise ValueError(f"X has shape {X.shape} but the network {net!r} takes {net.sizes[0]}")
    resolution = check_int(resolution, "resolution", minimum=2)
    box = data_extent(X) if X.shape[1] == 2 else None
    if lines is None:
        lines = make_grid_lines(box, n_lines=11, n_points_per_line=41) if box else False
    if lines is not False:
        lines = check_array(lines, "lines", ndim=3)
        if lines.shape[-1] != net.sizes[0]:
            raise ValueError(
                f"lines has {lines.shape[-1]} coordinates per point; the network takes "
                f"{net.sizes[0]}"
            )
    which = {"include_affine": include_affine, "include_output": include_output}
    raw, labels = warps.stages(net, X, **which)
    dims = 3 if projection == "3d" else 2
    points, pca = project_stages(raw, projection, dims)
    grid = None
    if lines is not False:
        line_stages = warps.stages(net, lines, **which)[0]
        grid = [first_two(s, dims) if pca is None else pca.transform(s) for s in line_stages]
    widths = [s.shape[1] for s in raw]
    maps = unit_maps(net, box, resolution) if units and box is not None else {}
    return Journey(
        labels=list(labels),
        stages=list(points),
        lines=grid,
        projection=projection,
        dims=dims,
        widths=widths,
        plane=_plane(net, widths, dims, pca, include_output),
        network=repr(net),
        **maps,
    )


def _plane(net, widths, dims, pca, include_output):
    """The output unit's plane (w, c), when the last stage is drawn in its own 3 coordinates."""
    out = net.layers[-1]
    if include_output or dims != 3 or pca is not None or out.W.shape != (3, 1):
        return None
    if any(w > 3 for w in widths):
        return None  # some stage was projected: the plane is not in these coordinates
    return np.array(out.W[:, 0], dtype=float), float(out.b[0])


def unit_maps(net, extent, resolution) -> dict:
    """Every hidden unit's activation, then the output's probability of the last class, over a
    ``resolution`` x ``resolution`` grid of ``extent`` (rows from ``ymin`` up).

    Returns
    -------
    dict
        ``units`` (ndarray of shape (n_units + 1, resolution, resolution)), ``unit_labels``
        (``"layer 1 unit 1"``, ..., ``"output"``) and ``unit_extent``.
    """
    responses = unit_responses(net, extent, resolution=resolution)
    maps, labels = [], []
    for layer, stack in enumerate(responses.maps, start=1):
        for j in range(stack.shape[-1]):
            maps.append(stack[..., j])
            labels.append(f"layer {layer} unit {j + 1}")
    maps.append(decision_field(net, extent=extent, resolution=resolution).proba[..., -1])
    labels.append("output")
    return {"units": np.stack(maps), "unit_labels": labels, "unit_extent": tuple(extent)}
