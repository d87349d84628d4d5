r"""Explorable figures: computed once at build time, driven by the reader in the browser.

This package is the *data half* (numpy only; it imports no drawing code): an
:class:`Explorable` holds plain arrays, writes them as a compact data set
(:meth:`Explorable.write`) that the site's player (``docs/javascripts/explorable*.js``, Canvas
2D) draws, and reads them back (:func:`load`). The *drawing half* is
:func:`nnexplain.animate.animate_explorable`, the matplotlib fallback for a plain
``python script.py`` run and the MP4 without JavaScript. :mod:`nnexplain.scraper` finds
explorables among a gallery example's variables and puts the player on the page.

Its modules:

- :mod:`~nnexplain.explorable.figure`: the container (dials, variants, the scientific
  constructors, writing and :func:`load`);
- one module per kind of variant, each a dataclass that checks, encodes and decodes its arrays:
  :mod:`~nnexplain.explorable.kinds.points`, :mod:`~nnexplain.explorable.kinds.histograms`,
  :mod:`~nnexplain.explorable.kinds.images` (their shared interface:
  :mod:`~nnexplain.explorable.stages`);
- :mod:`~nnexplain.explorable.format`: the binary encoder (quantisation, packing, the
  manifest's envelope), which knows bytes and nothing of figures.

A figure has **stages** (what the slider scrubs through, one label each, e.g. ``"layer 2:
tanh"``, ``"epoch 40"`` or ``"30°"``) and **variants** keyed by named **dials** (radio groups:
``dials={"activation": ["tanh", "ReLU"]}``; several dials: one variant per combination). Each
variant is one of three kinds:

- **points** (:meth:`Explorable.add_variant`): the same points (class-coloured) at every stage,
  2D or 3D, with optional grid lines carried along, an optional heat-map per 2D stage
  (``fields``: the probability of class 1) and optional per-unit maps over the input plane;
- **histograms** (:meth:`Explorable.add_histograms`): one or more histograms per stage (bin
  edges and counts, one panel each), e.g. a layer's activations, one stage per layer;
  :func:`histograms` (from :mod:`nnexplain.distributions`) bins raw values with shared edges;
- **images** (:meth:`Explorable.add_images`): a few small grayscale images with captions per
  stage, e.g. an input digit, the winner template and the hidden units it excites.

Quick reference (exact signatures)::

    Explorable(y=None, *, dials=None, title="", alt=None)
    .add_variant(key, stages, *, labels=None, lines=None, fields=None, field_extent=None,
                 units=None, unit_labels=None, unit_extent=None)            # points
    .add_histograms(key, counts, edges, *, labels=None, panels=None)    # histograms
    .add_images(key, images, *, labels=None, captions=None, cmap="gray_r")  # images
    Explorable.from_networks(nets, X, y=None, *, dial="network", lines=None, projection="3d",
                             include_affine=True, units=True, resolution=41, title="")
    Explorable.from_warp(transforms, *, lines=None, points=None, y=None, n_stages=5,
                         dial="map", labels=None, title="")
    Explorable.from_snapshots(net, history, X, y, *, resolution=41, title="")
    Explorable.from_journeys(journeys, y=None, *, dial="network", title="")  # nnexplain.journey
    Explorable.from_replay(r, y, *, title="")                  # nnexplain.replay.TrainingReplay
    histograms(values, *, bins=40, value_range=None) -> (counts, edges)
    .keys, .variant(key=None), .n_stages, .n_points, .write(directory, stem), .manifest(stem)
    load(path) -> Explorable
    nnexplain.animate.animate_explorable(explorable, key=None, **kwargs) -> Animation

``key`` is ``{dial: value}`` for every dial (``None`` without dials). Stage labels are free
text, so a slider can read as a continuous dial: ``labels=[f"{a:g}°" for a in angles]``.

Data format: a JSON manifest plus one binary file per variant, fetched when its dial value is
chosen; coordinates, edges and counts are int16 codes and heat-maps and images uint8 codes,
each array with its own offset and scale, so the error is at most :data:`INT16_ERROR` or
:data:`UINT8_ERROR` of that array's range (max - min). Each file's length and CRC-32, and the
player's clock (:data:`nnexplain.frames.PLAYER_TIMING`), are in the manifest; the full
specification is the site's "The explorable format" page
(``docs/contributing/explorable-format.md``).

Examples
--------
>>> from nnexplain import train_mlp
>>> from nnexplain.datasets import make_circle_in_donut
>>> X, y = make_circle_in_donut(200, seed=0)
>>> nets = {a: train_mlp([2, 3, 1], X, y, activation=a, seed=0, epochs=2) for a in ("tanh", "relu")}
>>> explorable = Explorable.from_networks(nets, X, y, dial="activation")
>>> explorable.dials, explorable.n_stages
({'activation': ['tanh', 'relu']}, 3)

Histograms of three layers' activations, one stage per layer:

>>> rng = np.random.default_rng(0)
>>> layers = [[np.tanh(rng.normal(scale=s, size=500))] for s in (2.0, 1.0, 0.1)]
>>> counts, edges = histograms(layers, bins=20, value_range=(-1, 1))
>>> h = Explorable(title="activations").add_histograms(
...     None, counts, edges, labels=["layer 1", "layer 2", "layer 3"], panels=["tanh"])
>>> h.n_stages, h.variant().counts.shape
(3, (3, 1, 20))
"""

from ..distributions import histograms
from .figure import KINDS, Explorable, load
from .format import FORMAT, INT16_ERROR, UINT8_ERROR, VERSION
from .kinds.histograms import HistogramStages
from .kinds.images import IMAGE_CMAPS, ImageStages
from .kinds.points import PointStages
from .stages import Stages

__all__ = [
    "FORMAT",
    "IMAGE_CMAPS",
    "INT16_ERROR",
    "KINDS",
    "UINT8_ERROR",
    "VERSION",
    "Explorable",
    "HistogramStages",
    "ImageStages",
    "PointStages",
    "Stages",
    "histograms",
    "load",
]
