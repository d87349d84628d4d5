"""Write the files the JavaScript tests read: explorables of every kind, written by the Python
encoder, with the values they hold, and the Python player clock on a grid of times.

    python tests/js/fixtures.py DIRECTORY

``DIRECTORY/explorables.json`` lists each explorable's manifest and, per variant and array
group, the original values (before quantisation), the values Python's own decoder reads back
and the quantisation step; ``DIRECTORY/clock.json`` holds
:func:`nnexplain.frames.player_position` and :func:`nnexplain.frames.ease` on the same inputs
the JavaScript is given; ``DIRECTORY/kinds.json`` lists :data:`nnexplain.explorable.KINDS`
(each needs its ``docs/javascripts/explorable-<kind>.js``); ``DIRECTORY/playground.json`` holds
the playground's numbers (:mod:`playground_fixtures`). ``tests/test_js.py`` writes them and
runs ``node --test``; the node tests write them themselves when run alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from nnexplain.explorable import KINDS, Explorable, histograms
from nnexplain.explorable.format import dequantise as _dequantise
from nnexplain.frames import EASINGS, PLAYER_TIMING, ease, player_position
from nnexplain.palette import class_color

sys.path.insert(0, str(Path(__file__).resolve().parent))
import playground_fixtures  # tests/js/ is not a package: found through sys.path

# manifest array group -> the variant's attribute holding the originals
GROUPS = {
    "points": "stages",
    "lines": "lines",
    "fields": "fields",
    "units": "units",
    "counts": "counts",
    "edges": "edges",
}


def explorables(rng) -> dict:
    """One explorable of each kind, with values over several decades and signs."""
    points = Explorable(rng.integers(0, 3, size=40), dials={"dims": ["2", "3"]}, title="p")
    for key in points.keys:
        dims = int(key["dims"])
        stages = [rng.normal(scale=10.0**k, size=(40, dims)) for k in range(-2, 2)]
        points.add_variant(
            key,
            stages,
            lines=[rng.normal(size=(5, 7, dims)) for _ in stages],
            fields=[rng.uniform(size=(6, 9)) for _ in stages],
            field_extent=(-1, 1, -2, 2),
            units=rng.normal(size=(3, 4, 4)),
            unit_extent=(-1, 1, -1, 1),
        )
    hist = Explorable(dials={"scale": ["1", "100"]})
    for key in hist.keys:
        s = float(key["scale"])
        counts, edges = histograms([[rng.normal(scale=s / (i + 1), size=500)] for i in range(3)])
        hist.add_histograms(key, counts, edges, labels=["a", "b", "c"])
    images = Explorable(title="digits").add_images(
        None, rng.uniform(-3, 5, size=(2, 3, 8, 8)), cmap=["gray", "gray_r", "signed"]
    )
    constant = Explorable([0, 1]).add_variant(None, [np.full((2, 2), 7.25), np.zeros((2, 2))])
    # a slide by (1.5, -0.5), then a speck (x / 100): the fixed frame and the zoom
    x = np.stack(np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 5)), -1).reshape(-1, 2)
    slide = Explorable(np.arange(25) % 2).add_variant(
        None, [x, x + [1.5, -0.5], x / 100], labels=["input", "input + b", "x / 100"]
    )
    return {
        "points": points,
        "hist": hist,
        "images": images,
        "constant": constant,
        "slide": slide,
    }


def _flat(arrays) -> list:
    return [np.asarray(a, float).ravel().tolist() for a in arrays]


def expected(explorable, manifest, blobs) -> list:
    """Per variant: {group: {"original", "python", "step"}} (lists of flat lists)."""
    out = []
    for entry, blob in zip(manifest["variants"], blobs, strict=True):
        v = explorable.variant(entry["key"] or None)
        groups = {}
        for group, attr in GROUPS.items():
            if group in entry:
                metas = entry[group]
                groups[group] = {
                    "original": _flat(getattr(v, attr)),
                    "python": _flat(_dequantise(blob, m) for m in metas),
                    "step": [m["scale"] for m in metas],
                }
        if "images" in entry:
            metas = [m for stage in entry["images"] for m in stage]
            groups["images"] = {
                "original": _flat(im for stage in v.images for im in stage),
                "python": _flat(_dequantise(blob, m) for m in metas),
                "step": [m["scale"] for m in metas],
            }
        out.append(groups)
    return out


def clock() -> dict:
    """The Python clock on a grid of times, and every easing on a grid of fractions."""
    elapsed = np.concatenate([np.linspace(0, 9000, 451), [499.999, 500, 1600, 1600.001, 2099]])
    runs = []
    for n, start, timing in [
        (5, 0, PLAYER_TIMING),
        (4, 1, PLAYER_TIMING),
        (2, 0.6, PLAYER_TIMING),
        (7, 0, {"hold_ms": 0.0, "move_ms": 250.0, "easing": "linear"}),
    ]:
        pos = player_position(elapsed, n, start=start, timing=timing)
        runs.append({"n": n, "start": start, "timing": timing, "position": pos.tolist()})
    s = np.linspace(0, 1, 101)
    easings = {name: ease(s, name).tolist() for name in EASINGS}
    return {"elapsed": elapsed.tolist(), "runs": runs, "s": s.tolist(), "easings": easings}


def write(directory) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    listing = {}
    for stem, explorable in explorables(np.random.default_rng(0)).items():
        manifest, blobs = explorable.manifest(stem)
        explorable.write(directory, stem)
        listing[stem] = {
            "manifest": f"{stem}.json",
            "expected": expected(explorable, manifest, blobs),
        }
    (directory / "explorables.json").write_text(json.dumps(listing), encoding="utf-8")
    (directory / "clock.json").write_text(json.dumps(clock()), encoding="utf-8")
    (directory / "kinds.json").write_text(json.dumps(list(KINDS)), encoding="utf-8")
    classes = {"classes": [0, 1, 2, 7], "colors": [class_color(k) for k in (0, 1, 2, 7)]}
    (directory / "palette.json").write_text(json.dumps(classes), encoding="utf-8")
    playground_fixtures.write(directory)
    return directory


if __name__ == "__main__":
    write(sys.argv[1])
