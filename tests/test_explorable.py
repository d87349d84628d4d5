"""Tests of nnexplain.explorable: building, the quantised data set, the matplotlib fallback and
the scraper's player HTML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from nnexplain import palette, train_mlp
from nnexplain.animate import animate_explorable
from nnexplain.datasets import make_circle_in_donut
from nnexplain.explorable import INT16_ERROR, UINT8_ERROR, Explorable, histograms, load
from nnexplain.frames import stage_seconds
from nnexplain.network import MLP


@pytest.fixture(scope="module")
def data():
    return make_circle_in_donut(120, seed=0)


@pytest.fixture(scope="module")
def nets(data):
    X, y = data
    opts = {"epochs": 2, "seed": 0, "evaluate": False}
    return {
        "tanh": train_mlp([2, 3, 3, 1], X, y, activation="tanh", **opts),
        "ReLU": train_mlp([2, 3, 3, 1], X, y, activation="relu", **opts),
    }


def _random_explorable(rng, dims=3):
    y = rng.integers(0, 3, 50)
    e = Explorable(y, dials={"a": ["x", "y"], "b": ["1", "2", "3"]}, title="t")
    for key in e.keys:
        stages = [rng.normal(scale=10, size=(50, dims)) for _ in range(4)]
        lines = [rng.normal(size=(6, 9, dims)) for _ in range(4)]
        fields = [rng.uniform(size=(5, 7)) for _ in range(4)]
        units = rng.normal(size=(3, 5, 5))
        e.add_variant(
            key,
            stages,
            labels=[f"s{i}" for i in range(4)],
            lines=lines,
            fields=fields,
            field_extent=(-1, 1, -2, 2),
            units=units,
            unit_extent=(-1, 1, -1, 1),
        )
    return e


def test_round_trip_within_the_stated_bounds(tmp_path):
    e = _random_explorable(np.random.default_rng(0))
    path = e.write(tmp_path, "x")
    back = load(path)
    assert back.dials == e.dials and back.title == "t"
    np.testing.assert_array_equal(back.y, e.y)
    for key in e.keys:
        a, b = e.variant(key), back.variant(key)
        assert a.labels == b.labels and b.unit_labels == a.unit_labels
        for name, bound in [("stages", INT16_ERROR), ("lines", INT16_ERROR)]:
            for s, t in zip(getattr(a, name), getattr(b, name), strict=True):
                err = np.abs(s - t).max()
                assert err <= bound * np.ptp(s) * (1 + 1e-9)
                assert err > 0  # really quantised, not a float64 copy
        for s, t in zip(a.fields, b.fields, strict=True):
            assert np.abs(s - t).max() <= UINT8_ERROR * np.ptp(s) * (1 + 1e-9)
        for s, t in zip(a.units, b.units, strict=True):
            assert np.abs(s - t).max() <= UINT8_ERROR * np.ptp(s) * (1 + 1e-9)
        assert b.field_extent == a.field_extent


def test_constant_arrays_and_2d_stages_survive(tmp_path):
    e = Explorable([0, 1, 1])
    e.add_variant(None, [np.ones((3, 2)), np.array([[0, 0], [1, 2], [3, 4.0]])])
    back = load(e.write(tmp_path))
    np.testing.assert_array_equal(back.variant().stages[0], np.ones((3, 2)))
    np.testing.assert_allclose(back.variant().stages[1], e.variant().stages[1], atol=1e-3)


def test_manifest_is_valid(tmp_path):
    e = _random_explorable(np.random.default_rng(1), dims=2)
    path = e.write(tmp_path, "fig")
    manifest = json.loads(path.read_text())
    assert manifest["format"] == "nnexplain-explorable" and manifest["version"] == 5
    assert [v["key"] for v in manifest["variants"]] == e.keys
    assert len(manifest["y"]) == 50 and manifest["palette"] == palette.as_dict()
    for v in manifest["variants"]:
        blob = (tmp_path / v["file"]).read_bytes()
        assert len(blob) == v["bytes"]
        for meta in v["points"] + v["lines"] + v["fields"] + v["units"]:
            size = {"int16": 2, "uint8": 1}[meta["dtype"]] * int(np.prod(meta["shape"]))
            assert meta["offset"] % 2 == 0 and meta["offset"] + size <= len(blob)
        assert v["dims"] == 2 and len(v["labels"]) == len(v["points"]) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig-0.bin", "fig-1.bin", "fig-2.bin",
                                                          "fig-3.bin", "fig-4.bin", "fig-5.bin",
                                                          "fig.json"]  # fmt: skip


def test_write_failure_leaves_no_file(tmp_path, monkeypatch):
    e = _random_explorable(np.random.default_rng(2))
    calls = {"n": 0}
    real = os.replace

    def failing(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="disk full"):
        e.write(tmp_path, "x")
    assert not (tmp_path / "x.json").exists()  # the manifest is renamed last
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_from_networks(data, nets, tmp_path):
    X, y = data
    e = Explorable.from_networks(nets, X, y, dial="activation")
    assert e.dials == {"activation": ["tanh", "ReLU"]}
    v = e.variant({"activation": "ReLU"})
    assert v.labels == nets["ReLU"].trace(X).labels[:-2]  # input .. last hidden layer
    assert v.stages.shape == (5, 120, 3) and v.lines.shape[0] == 5
    # stage 2 (layer 1 activation) is the network's own hidden layer (3 wide: not projected)
    np.testing.assert_allclose(v.stages[2], nets["ReLU"].trace(X)[2].values)
    assert v.units.shape == (7, 41, 41) and v.unit_labels[-1] == "output"
    # a unit map is that unit's activation over the grid of the input plane
    x0, x1, y0, y1 = v.unit_extent
    corner = nets["ReLU"].trace(np.array([[x0, y0]]))[2].values[0, 0]
    assert v.units[0][0, 0] == pytest.approx(corner)
    pca = Explorable.from_networks(nets["tanh"], X, y, projection="pca", units=False)
    assert pca.dials == {} and pca.variant().stages.shape[-1] == 2
    assert pca.variant().units is None


def test_from_warp_and_snapshots(data):
    X, y = data
    w = Explorable.from_warp({"turn": np.array([[0.0, 1.0], [-1.0, 0.0]]), "tanh": "tanh"})
    v = w.variant({"map": "turn"})
    assert len(v.labels) == 5 and w.n_points == 0
    np.testing.assert_allclose(
        v.lines[-1][..., 0], w.variant({"map": "turn"}).lines[0][..., 1] * -1
    )
    net = MLP([2, 3, 1], seed=0)
    history = net.fit(X, y, epochs=3, snapshot_every=1, seed=0)
    s = Explorable.from_snapshots(net, history, X, y, resolution=9)
    sv = s.variant()
    assert sv.labels == ["epoch 0", "epoch 1", "epoch 2", "epoch 3"]
    assert sv.fields.shape == (4, 9, 9) and 0 <= sv.fields.min() and sv.fields.max() <= 1
    assert not np.allclose(sv.fields[0], sv.fields[-1])  # the boundary moves during training


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: Explorable([0, 1], dials={"a": "xy"}), TypeError, "dials must map"),
        (lambda: Explorable([0, 1], dials={"a": ["x", "x"]}), ValueError, "distinct values"),
        (lambda: Explorable([0.5, 1]), ValueError, "whole-number"),
        (lambda: Explorable([0, 1]).add_variant(None, np.zeros((2, 2))), TypeError, "list of"),
        (
            lambda: Explorable([0, 1]).add_variant(None, [np.zeros((2, 4))]),
            ValueError,
            "2 or 3 coordinates",
        ),
        (lambda: Explorable([0, 1]).add_variant(None, [np.zeros((3, 2))]), ValueError, "expected"),
        (
            lambda: Explorable([0, 1], dials={"a": ["x"]}).add_variant(
                {"a": "z"}, [np.zeros((2, 2))]
            ),
            ValueError,
            "no value 'z'",
        ),
        (
            lambda: Explorable([0, 1], dials={"a": ["x"]}).add_variant({}, [np.zeros((2, 2))]),
            ValueError,
            "value for each dial",
        ),
        (
            lambda: Explorable([0, 1]).add_variant(None, [np.zeros((2, 2))], labels=["a", "b"]),
            ValueError,
            "labels has 2",
        ),
        (
            lambda: Explorable([0, 1]).add_variant(
                None, [np.zeros((2, 2))], units=np.zeros((1, 2, 2))
            ),
            ValueError,
            "unit_extent",
        ),
        (
            lambda: Explorable([0, 1]).add_variant(
                None, [np.zeros((2, 2))], fields=[np.zeros((2, 2))], field_extent=(1, 0, 0, 1)
            ),
            ValueError,
            "xmin < xmax and ymin < ymax",
        ),
        (
            lambda: (
                Explorable([0, 1], dials={"a": ["x", "y"]})
                .add_variant({"a": "x"}, [np.zeros((2, 2))])
                .write(".")
            ),
            ValueError,
            "variants missing",
        ),
        (lambda: Explorable([0, 1]).variant(), ValueError, "no variant yet"),
        (
            lambda: Explorable.from_networks("net", np.zeros((3, 2))),
            TypeError,
            "nets must be an nnexplain MLP",
        ),
        (
            lambda: Explorable.from_networks({}, np.zeros((3, 2)), projection="tsne"),
            ValueError,
            "projection",
        ),
        (
            lambda: Explorable.from_snapshots(MLP([2, 1]), None, [[0, 0]], [0]),
            ValueError,
            "snapshots",
        ),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_write_checks_its_arguments(tmp_path):
    e = Explorable([0]).add_variant(None, [np.zeros((1, 2))])
    with pytest.raises(ValueError, match="does not exist"):
        e.write(tmp_path / "missing")
    with pytest.raises(ValueError, match="stem"):
        e.write(tmp_path, "a/b")
    (tmp_path / "bad.json").write_text('{"format": "other"}')
    with pytest.raises(ValueError, match="not an explorable"):
        load(tmp_path / "bad.json")


def test_load_refuses_damaged_data_that_the_undamaged_copy_reads(tmp_path):
    import zlib

    e = Explorable([0, 1]).add_variant(None, [np.array([[0.0, 1], [2, 3]]), np.eye(2)])
    path = e.write(tmp_path, "f")
    load(path)  # the control: undamaged, it reads
    blob = (tmp_path / "f-0.bin").read_bytes()
    manifest = json.loads(path.read_text())
    assert manifest["variants"][0]["crc32"] == zlib.crc32(blob)
    flipped = bytes(b ^ 0xFF for b in blob)  # same length, other values
    (tmp_path / "f-0.bin").write_bytes(flipped)
    with pytest.raises(ValueError, match="f-0.bin is corrupt"):
        load(path)
    (tmp_path / "f-0.bin").write_bytes(blob[:-2])
    with pytest.raises(ValueError, match=f"has {len(blob) - 2} bytes; the manifest says"):
        load(path)
    (tmp_path / "f-0.bin").write_bytes(blob)
    path.write_text(json.dumps(dict(manifest, version=99)))
    with pytest.raises(ValueError, match="format version 99; this nnexplain reads version 5"):
        load(path)
    path.write_text(json.dumps(manifest)[:40])
    with pytest.raises(ValueError, match="cannot read explorable manifest"):
        load(path)


def test_matplotlib_fallback_draws(pyplot, data, nets):
    X, y = data
    e = Explorable.from_networks(nets, X, y, dial="activation", title="ring")
    anim = animate_explorable(e, {"activation": "ReLU"}, frames_per_transition=2, pause_frames=1)
    assert anim.explorable is e  # the scraper pairs the two
    ax = anim._fig.axes[0]
    assert ax.name == "3d"
    anim._func(0)
    first = [line.get_data_3d()[0].copy() for line in anim.points]
    assert ax.get_title().startswith("ring: input")
    last = anim.poster_frame
    anim._func(last)
    assert ax.get_title() == "ring: layer 2: relu"
    assert sum(len(x) for x in first) == 120  # every point drawn, in its class's line
    np.testing.assert_allclose(
        anim.points[1].get_data_3d()[0], e.variant({"activation": "ReLU"}).stages[-1][y == 1, 0]
    )
    anim._draw_was_started = True  # drawn frame by frame above (no deletion warning)


def test_fallback_draws_the_field_of_each_stage(pyplot, data):
    X, y = data
    net = MLP([2, 3, 1], seed=0)
    history = net.fit(X, y, epochs=2, snapshot_every=1, seed=0)
    e = Explorable.from_snapshots(net, history, X, y, resolution=9)
    anim = animate_explorable(e, frames_per_transition=2, pause_frames=0)
    assert anim.n_frames == 3 + 2 * 2 + 37  # snapshots are a film: only the end is held
    (image,) = anim._fig.axes[0].images
    anim._func(0)
    np.testing.assert_allclose(image.get_array(), e.variant().fields[0])
    anim._func(anim.poster_frame)
    np.testing.assert_allclose(image.get_array(), e.variant().fields[-1])
    assert image.get_extent() == list(e.variant().field_extent)
    anim._draw_was_started = True


def test_the_fallback_takes_only_an_explorable(pyplot):
    with pytest.raises(TypeError, match=r"explorable must be an Explorable; got .* \(type dict\)"):
        animate_explorable({"variant": None})


def test_the_data_import_no_drawing_code():
    """The explorable package is the data half: no matplotlib, no drawing module."""
    code = (
        "import sys, nnexplain.explorable\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib' or m in "
        "('nnexplain.animate', 'nnexplain.animator', 'nnexplain.fallback', 'nnexplain.plot', "
        "'nnexplain.video', 'nnexplain._style'))\n"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _fake_script(tmp_path, namespace):
    images = tmp_path / "gallery" / "images"
    images.mkdir(parents=True)
    paths = iter(str(images / f"mkd_glr_plot_x_{i:03}.png") for i in range(1, 9))
    return images, SimpleNamespace(
        run_vars=SimpleNamespace(example_globals=namespace, image_path_iterator=paths),
        gallery=SimpleNamespace(generated_dir=tmp_path / "gallery", all_info=None),
        script_stem="plot_x",
    )


def test_scraper_without_ffmpeg_falls_back_to_a_gif(pyplot, tmp_path, monkeypatch):
    from nnexplain import scraper, video

    monkeypatch.setattr(video, "find_ffmpeg", lambda: None)
    e = Explorable([0, 1]).add_variant(None, [np.eye(2), np.eye(2)[::-1]])
    images, script = _fake_script(tmp_path, {"e": e})
    out = scraper._scrape_explorables(script)
    assert '<img src="../images/mkd_glr_plot_x_001.gif"' in out and "<video" not in out
    assert (images / "mkd_glr_plot_x_001.gif").stat().st_size > 0
    assert 'data-manifest="../images/mkd_glr_plot_x_001_explorable.json"' in out


def test_scraper_emits_the_player(pyplot, tmp_path, data, nets):
    from nnexplain import scraper

    X, y = data
    e = Explorable.from_networks(nets, X, y, dial="activation")
    animate_explorable(e, frames_per_transition=1, pause_frames=0)
    images, script = _fake_script(tmp_path, {"e": e, "n": 3})
    out = scraper._scrape_explorables(script)
    assert 'class="nnexplain-explorable"' in out
    assert 'data-manifest="../images/mkd_glr_plot_x_001_explorable.json"' in out
    assert 'poster="../images/mkd_glr_plot_x_001.png"' in out and "<video" in out
    assert sorted(p.name for p in images.iterdir())[:4] == [
        "mkd_glr_plot_x_001.gif" if "gif" in out else "mkd_glr_plot_x_001.mp4",
        "mkd_glr_plot_x_001.png",
        "mkd_glr_plot_x_001_explorable-0.bin",
        "mkd_glr_plot_x_001_explorable-1.bin",
    ]
    assert load(images / "mkd_glr_plot_x_001_explorable.json").dials == e.dials
    assert pyplot.get_fignums() == []  # its figure is used and closed
    assert scraper._scrape_explorables(script) == ""  # emitted once


def test_the_data_half_imports_numpy_only():
    import subprocess
    import sys

    code = (
        "import sys, nnexplain.explorable; "
        "print(sorted(m for m in sys.modules if 'matplotlib' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_fallback_is_animate_explorable(pyplot, data, nets):
    from nnexplain.animate import Animation, animate_explorable

    X, y = data
    e = Explorable.from_networks(nets, X, y, dial="activation", projection="pca", units=False)
    exact = {"frames_per_transition": 2, "pause_frames": 0, "min_stage_s": 0, "end_hold_s": 0}
    anim = animate_explorable(e, {"activation": "tanh"}, **exact)
    assert isinstance(anim, Animation) and anim.alt == e.describe()
    assert anim.frames.n_frames == anim.n_frames == 5 + 4 * 2
    slow = animate_explorable(e, {"activation": "tanh"}, interval=40)  # the reader can follow
    assert stage_seconds(slow.frames, 40).min() >= 1.5
    held = np.diff(slow.frame_keys) == 0  # holds are named, so video.save draws them once
    assert held.sum() == slow.n_frames - 1 - 4 * (12 + 1)  # all but 4 moves and their ends
    slow._draw_was_started = True
    anim._func(anim.poster_frame)
    np.testing.assert_allclose(
        anim.points[0].get_data()[0], e.variant({"activation": "tanh"}).stages[-1][y == 0, 0]
    )
    anim._draw_was_started = True
    with pytest.raises(TypeError, match="must be an Explorable"):
        animate_explorable("net")


# ---------------------------------------------------------------------------- histograms


def _histogram_explorable(rng):
    e = Explorable(dials={"init": ["std 1", "He"], "activation": ["tanh", "relu"]}, title="h")
    for key in e.keys:
        values = [[rng.normal(scale=s, size=300), rng.uniform(size=300)] for s in (3, 1, 0.1)]
        counts, edges = histograms(values, bins=15)
        e.add_histograms(key, counts, edges, labels=["l1", "l2", "l3"], panels=["a", "g"])
    return e


def test_histograms_bins_every_stage_on_the_same_edges():
    rng = np.random.default_rng(0)
    values = [[rng.normal(size=100)], [rng.normal(scale=2, size=(10, 10))]]
    counts, edges = histograms(values, bins=8)
    assert counts.shape == (2, 1, 8) and edges.shape == (1, 9)
    lo = min(v[0].min() for v in values)
    hi = max(v[0].max() for v in values)
    np.testing.assert_allclose(edges[0], np.linspace(lo, hi, 9))
    for s, v in enumerate(values):  # the oracle: numpy's histogram on those edges
        np.testing.assert_array_equal(counts[s, 0], np.histogram(v[0], edges[0])[0])
    assert counts.sum(axis=-1).tolist() == [[100], [100]]
    counts, edges = histograms([np.ones(3)], bins=2, value_range=(0, 4))
    assert counts.tolist() == [[[3.0, 0.0]]] and edges.tolist() == [[0, 2, 4]]


def test_histograms_round_trip_within_the_stated_bound(tmp_path):
    e = _histogram_explorable(np.random.default_rng(1))
    back = load(e.write(tmp_path, "h"))
    assert back.dials == e.dials and back.n_stages == 3 and back.n_points == 0
    for key in e.keys:
        a, b = e.variant(key), back.variant(key)
        assert b.kind == "histograms" and b.panels == ["a", "g"] and b.labels == a.labels
        for name in ("counts", "edges"):
            for s, t in zip(getattr(a, name), getattr(b, name), strict=True):
                err = np.abs(s - t).max()
                assert 0 < err <= INT16_ERROR * np.ptp(s) * (1 + 1e-9)
    manifest = json.loads((tmp_path / "h.json").read_text())
    assert [v["kind"] for v in manifest["variants"]] == ["histograms"] * 4


def test_add_histograms_checks_shapes():
    e = Explorable()
    e.add_histograms(None, [[1, 2, 3], [3, 2, 1]], [0, 1, 2, 3])  # one panel, shared edges
    v = e.variant()
    assert v.counts.shape == (2, 1, 3) and v.edges.shape == (2, 1, 4) and v.panels == [""]
    with pytest.raises(ValueError, match="4 edges per histogram"):
        Explorable().add_histograms(None, [[1, 2, 3]], [0, 1, 2])
    with pytest.raises(ValueError, match="increase strictly"):
        Explorable().add_histograms(None, [[1, 2, 3]], [0, 1, 1, 2])
    with pytest.raises(ValueError, match=">= 0"):
        Explorable().add_histograms(None, [[1, -2, 3]], [0, 1, 2, 3])
    with pytest.raises(ValueError, match="panels has 2 entries; expected 1"):
        Explorable().add_histograms(None, [[1, 2, 3]], [0, 1, 2, 3], panels=["a", "b"])
    with pytest.raises(TypeError, match="values must be a non-empty list"):
        histograms(np.zeros(3))
    with pytest.raises(ValueError, match="same panels"):
        histograms([[np.zeros(2)], [np.zeros(2), np.ones(2)]])


def test_fallback_draws_the_histograms_of_each_stage(pyplot):
    e = _histogram_explorable(np.random.default_rng(2))
    key = {"init": "He", "activation": "tanh"}
    anim = animate_explorable(e, key, frames_per_transition=3, pause_frames=1)
    axes = anim.figure.axes
    assert [a.get_title() for a in axes] == ["a", "g"]
    v = e.variant(key)
    for k, stage in ((0, 0), (anim.poster_frame, 2)):
        anim._func(k)
        for p, ax in enumerate(axes):
            (patch,) = ax.patches
            np.testing.assert_allclose(patch.get_data().values, v.counts[stage, p])
            np.testing.assert_allclose(patch.get_data().edges, v.edges[stage, p])
        assert anim.figure._suptitle.get_text() == f"h: l{stage + 1}"
    assert axes[0].get_ylim()[1] >= v.counts[:, 0].max()  # fixed axes hold every stage
    anim._draw_was_started = True


def test_fallback_lays_out_fixed_axes_once_leaving_room_for_the_titles(pyplot):
    e = _histogram_explorable(np.random.default_rng(3))
    anim = animate_explorable(e, frames_per_transition=2, pause_frames=1)
    fig = anim.figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    # laid out once, not again on every frame
    assert not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    before = [a.get_position().bounds for a in fig.axes]
    anim._func(anim.poster_frame)  # the last stage (a draw would restart the animation)
    assert [a.get_position().bounds for a in fig.axes] == before
    renderer = fig.canvas.get_renderer()
    stage = fig._suptitle.get_window_extent(renderer)
    assert fig._suptitle.get_text() == "h: l3"
    for a in fig.axes:  # the stage title sits above every panel's title, not on it
        assert not stage.overlaps(a.title.get_window_extent(renderer))
    anim._draw_was_started = True


# -------------------------------------------------------------------------------- images


def _image_explorable(rng):
    e = Explorable(dials={"digit": [str(d) for d in range(3)]}, title="digits")
    for key in e.keys:
        images = rng.uniform(size=(3, 28, 28)) * [[[1]], [[-2]], [[5]]]
        e.add_images(
            key, images, captions=["input", "template", "unit 4"], cmap=["gray_r", "signed", "gray"]
        )
    return e


def test_images_round_trip_within_the_stated_bound(tmp_path):
    e = _image_explorable(np.random.default_rng(3))
    back = load(e.write(tmp_path, "im"))
    for key in e.keys:
        a, b = e.variant(key), back.variant(key)
        assert b.kind == "images" and b.images.shape == (1, 3, 28, 28)
        assert b.captions == [["input", "template", "unit 4"]] and b.labels == [""]
        assert b.cmaps == ["gray_r", "signed", "gray"]
        for s, t in zip(a.images[0], b.images[0], strict=True):  # each image scaled on its own
            err = np.abs(s - t).max()
            assert 0 < err <= UINT8_ERROR * np.ptp(s) * (1 + 1e-9)
    sizes = [p.stat().st_size for p in tmp_path.glob("im-*.bin")]
    assert sizes == [3 * 28 * 28] * 3  # one byte a pixel


def test_add_images_stages_and_captions():
    e = Explorable().add_images(
        None, np.zeros((2, 1, 4, 4)), labels=["a", "b"], captions=[["x"], ["y"]], cmap="gray"
    )
    assert e.variant().captions == [["x"], ["y"]] and e.n_stages == 2
    with pytest.raises(ValueError, match="captions has 2 entries; expected 1"):
        Explorable().add_images(None, np.zeros((1, 4, 4)), captions=["a", "b"])
    with pytest.raises(ValueError, match="cmap"):
        Explorable().add_images(None, np.zeros((1, 4, 4)), cmap="viridis")
    with pytest.raises(ValueError, match="images"):
        Explorable().add_images(None, np.zeros((4, 4)))


def test_fallback_draws_the_images_of_each_stage(pyplot):
    rng = np.random.default_rng(4)
    e = Explorable().add_images(
        None,
        rng.normal(size=(2, 2, 5, 5)),
        labels=["30°", "60°"],
        captions=[["a", "b"], ["c", "d"]],
        cmap=["gray", "signed"],
    )
    anim = animate_explorable(
        e, pause_frames=2, frames_per_transition=0, min_stage_s=0, end_hold_s=0
    )
    assert anim.n_frames == 6
    axes = anim.figure.axes
    anim._func(anim.poster_frame)
    v = e.variant()
    for j, ax in enumerate(axes):
        (image,) = ax.images
        np.testing.assert_allclose(image.get_array(), v.images[1, j])
        assert ax.get_title() == "cd"[j]
    lo, hi = axes[1].images[0].get_clim()
    assert lo == -hi and hi == pytest.approx(np.abs(v.images[1, 1]).max())  # signed: around 0
    assert anim.figure._suptitle.get_text() == "60°"
    anim._draw_was_started = True


def test_warp_stages_can_be_labelled_as_a_dial():
    from nnexplain.warps import rotation

    angles = range(0, 181, 30)
    e = Explorable.from_warp(
        rotation(np.pi), n_stages=7, labels=[f"{a}°" for a in angles], lines=None
    )
    v = e.variant()
    assert v.labels[2] == "60°"
    corner = v.lines[0][0, 0]  # the grid's first point, turned by 60° at stage 2
    np.testing.assert_allclose(v.lines[2][0, 0], corner @ rotation(np.pi / 3), atol=1e-12)


# ---------------------------------------------------------------------- the dial is the cause


def _scaled(scales=("0.5", "1", "2", "4")):
    e = Explorable([0, 1], dials={"input scale": list(scales)}, default={"input scale": "2"})
    for s in scales:
        x = float(s) * np.array([[1.0, 0.0], [0.0, 1.0]])
        e.add_variant({"input scale": s}, [x, np.tanh(x)], labels=["input", "tanh"])
        lines = [f"|x| = {float(s):.2f}", f"|tanh x| = {np.tanh(float(s)):.3f}"]
        e.set_readout({"input scale": s}, lines)
    return e


def test_readouts_and_the_default_variant_round_trip(tmp_path):
    e = _scaled()
    manifest, _ = e.manifest("m")
    assert manifest["default"] == 2  # "2" is the third value: the player starts there
    assert manifest["variants"][2]["readout"] == ["|x| = 2.00", "|tanh x| = 0.964"]
    back = load(e.write(tmp_path, "m"))
    assert back.default == {"input scale": "2"}
    assert back.readouts == e.readouts and len(back.readouts) == 4
    single = Explorable(dials={"a": ["x", "y"]}).add_variant({"a": "x"}, [np.zeros((1, 2))])
    single.add_variant({"a": "y"}, [np.ones((1, 2))]).set_readout({"a": "y"}, "one line")
    assert single.manifest("s")[0]["default"] == 0
    assert "readout" not in single.manifest("s")[0]["variants"][0]


def test_the_video_without_javascript_shows_the_default_the_player_opens_on(pyplot):
    e = _scaled()
    assert e.variant() is e.variant({"input scale": "2"})  # not the first value, "0.5"
    anim = animate_explorable(e, frames_per_transition=1, pause_frames=0)
    anim._func(0)
    drawn = np.concatenate([np.column_stack(line.get_data()) for line in anim.points])
    np.testing.assert_allclose(np.abs(drawn).max(), 2.0)  # the input at scale 2


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda e: e.set_readout({"input scale": "3"}, "x"), ValueError, "has no value '3'"),
        (lambda e: e.set_readout({"input scale": "1"}, 0.5), TypeError, "a str or a list of str"),
        (lambda e: e.set_readout({"input scale": "1"}, ["a"]), ValueError, "1 lines for the 2"),
        (
            lambda e: Explorable(dials={"s": ["1"]}, default={"s": "2"}),
            ValueError,
            "dial 's' has no value '2'",
        ),
    ],
)
def test_bad_readouts_and_defaults_name_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call(_scaled())


def test_from_warp_turns_the_input_scale_into_a_dial():
    grid = np.array([[[-1.0, 0.0], [1.0, 0.0]]])
    e = Explorable.from_warp(
        {"tanh": "tanh", "ReLU": "relu"},
        lines=grid,
        points=[[2.0, -1.0]],
        scales=[1, 10],
        scale_dial="spread",
        default={"spread": "10", "activation": "tanh"},
        dial="activation",
    )
    assert e.dials == {"spread": ["1", "10"], "activation": ["tanh", "ReLU"]}
    assert e.manifest("w")[0]["default"] == 2
    far = e.variant({"spread": "10", "activation": "tanh"})
    np.testing.assert_allclose(far.stages[0], [[20.0, -10.0]])  # the input, scaled
    np.testing.assert_allclose(far.stages[-1], np.tanh([[20.0, -10.0]]))
    np.testing.assert_allclose(far.lines[0], 10 * grid)
    for bad, error, match in [
        ([], TypeError, "scales must be a non-empty list"),
        ([1, -2], ValueError, "finite numbers > 0; got -2"),
        ([1, 1.0], ValueError, "distinct numbers"),
        (["1"], TypeError, "scales must hold numbers"),
    ]:
        with pytest.raises(error, match=match):
            Explorable.from_warp("tanh", scales=bad)
