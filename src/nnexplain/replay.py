r"""A training run replayed snapshot by snapshot: the data of every figure of training over time.

:func:`training_replay` puts a copy of the network at each parameter snapshot of
``fit(..., snapshot_every=k)`` once, and keeps what the figures of a training run show: the
decision field over the input plane, the data in the last hidden layer (raw and projected with
one projection fitted on all snapshots), the accuracy, and optionally every hidden unit's map.
The result is a plain :class:`TrainingReplay`; the views only read it:

- :func:`nnexplain.animate.animate_replay` draws it as a video,
- :meth:`nnexplain.explorable.Explorable.from_replay` writes it for the browser player,
- a gallery page reads its fields and hidden layers for its checks.

numpy only: nothing here draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import check_array, check_choice, check_int, check_labels
from .fields import data_extent, decision_field
from .frames import replay
from .journey import unit_maps
from .network import check_mlp
from .projections import project_stages

__all__ = ["TrainingReplay", "training_replay"]


@dataclass(frozen=True)
class TrainingReplay:
    r"""What a network does at every snapshot of its training.

    Attributes
    ----------
    epochs, steps : ndarray of shape (n_snapshots,)
        When each snapshot was taken.
    fields : list of DecisionField
        The output over the input plane at each snapshot, all on one grid.
    hidden : list of ndarray of shape (n_samples, width)
        The data in the last hidden layer at each snapshot.
    hidden_2d : ndarray of shape (n_snapshots, n_samples, 2)
        ``hidden`` projected with one projection fitted on every snapshot together.
    accuracy : ndarray of shape (n_snapshots,)
        Training accuracy on ``X`` (NaN for a network without a sigmoid or softmax output).
    projection : {"first_two", "pca"}
    units : ndarray of shape (n_snapshots, n_units + 1, resolution, resolution) or None
        Every hidden unit's map and the output's probability at each snapshot
        (:func:`nnexplain.journey.unit_maps`).
    unit_labels : list of str or None
    X : ndarray of shape (n_samples, 2)
        The data, in the input plane.
    network : str
        The network's ``repr``.
    hidden_label : str
        Which layer ``hidden`` is (``"last hidden layer (tanh, width 3, PCA)"``).
    """

    epochs: np.ndarray
    steps: np.ndarray
    fields: list
    hidden: list
    hidden_2d: np.ndarray
    accuracy: np.ndarray
    projection: str
    X: np.ndarray | None = None
    units: np.ndarray | None = None
    unit_labels: list | None = None
    network: str = ""
    hidden_label: str = ""

    @property
    def n_snapshots(self) -> int:
        return len(self.fields)

    @property
    def extent(self) -> tuple:
        return tuple(self.fields[0].grid.extent)

    @property
    def labels(self) -> list[str]:
        return [f"epoch {e:g}" for e in self.epochs]

    def __repr__(self) -> str:
        return (
            f"TrainingReplay({self.network or 'a network'}: {self.n_snapshots} snapshots, "
            f"epochs {self.epochs[0]:g} to {self.epochs[-1]:g}"
            + (", unit maps" if self.units is not None else "")
            + ")"
        )


def training_replay(
    net,
    history,
    X,
    y,
    *,
    resolution=80,
    extent=None,
    projection="pca",
    units=False,
    unit_resolution=41,
) -> TrainingReplay:
    r"""Replay a training run: field, last hidden layer and accuracy at every snapshot.

    Parameters
    ----------
    net : MLP
        A classifier with 2 inputs and a hidden layer; its weights are left untouched (a copy
        takes each snapshot's).
    history : History
        From ``fit(..., snapshot_every=k)``.
    X : array-like of shape (n_samples, 2)
    y : array-like of shape (n_samples,)
    resolution : int, default=80
        Grid points per axis of the decision fields.
    extent : (xmin, xmax, ymin, ymax) or None
        The fields' region; ``None``: the data's box padded by 15 %.
    projection : {"first_two", "pca"}, default="pca"
        View of the last hidden layer when it is wider than 2.
    units : bool, default=False
        Also every hidden unit's map at every snapshot.
    unit_resolution : int, default=41

    Returns
    -------
    TrainingReplay
    """
    check_mlp(net, "net")
    snapshots = list(getattr(history, "snapshots", None) or [])
    if not snapshots:
        raise ValueError("history has no snapshots; train with fit(..., snapshot_every=k)")
    X = check_array(X, "X", ndim=2)
    if X.shape[1] != 2 or net.sizes[0] != 2:
        raise ValueError(
            f"a training replay draws the input plane: X must have 2 columns and the network 2 "
            f"inputs; got X of shape {X.shape} and {net!r}"
        )
    y = check_labels(y, "y", n_samples=X.shape[0])
    if len(net.layers) < 2:
        raise ValueError(f"the network {net!r} has no hidden layer to show")
    projection = check_choice(projection, "projection", ("first_two", "pca"))
    resolution = check_int(resolution, "resolution", minimum=2)
    unit_resolution = check_int(unit_resolution, "unit_resolution", minimum=2)
    box = data_extent(X, 0.15) if extent is None else extent
    classifier = net.activations[-1].name in ("sigmoid", "softmax")

    def measure(work):
        field = decision_field(work, extent=box, resolution=resolution)
        hidden = work.trace(X).post_activations[-2]
        accuracy = work.accuracy(X, y) if classifier else np.nan
        maps = unit_maps(work, field.grid.extent, unit_resolution) if units else None
        return field, hidden, accuracy, maps

    fields, hidden, accuracy, maps = zip(*replay(net, snapshots, measure), strict=True)
    hidden_2d = np.stack(project_stages(list(hidden), projection, 2)[0])
    width = hidden[0].shape[1]
    pca = projection == "pca" and width > 2
    return TrainingReplay(
        epochs=np.array([s.epoch for s in snapshots], dtype=float),
        steps=np.array([s.step for s in snapshots]),
        fields=list(fields),
        hidden=list(hidden),
        hidden_2d=hidden_2d,
        accuracy=np.array(accuracy, dtype=float),
        projection=projection,
        X=X,
        units=np.stack([m["units"] for m in maps]) if units else None,
        unit_labels=maps[0]["unit_labels"] if units else None,
        network=repr(net),
        hidden_label=(
            f"last hidden layer ({net.activations[-2].name}, width {width}"
            + (", PCA)" if pca else ")")
        ),
    )
