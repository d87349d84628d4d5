import logging
import posixpath
import re
import textwrap
from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.animation import FuncAnimation
from PIL import Image

from nnexplain import scraper, video

pytest.importorskip("mkdocs_gallery")

# mkdocs-gallery 0.10.4 calls a deprecated mkdocs helper; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:warning_filter:DeprecationWarning")

EXAMPLE = '''
"""
# A moving sine wave

One animation, then one still figure.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

x = np.linspace(0, 1, 50)
fig, ax = plt.subplots(figsize=(3, 2))
(line,) = ax.plot(x, np.sin(2 * np.pi * x))
ax.set(xlim=(0, 1), ylim=(-1, 1), title="A sine wave <travelling> right")


def update(i):
    line.set_ydata(np.sin(2 * np.pi * (x - i / 8)))
    return (line,)


animations = [FuncAnimation(fig, update, frames=8, interval=125, blit=True)]  # not a plain global

# %%
# ## A still figure

fig2, ax2 = plt.subplots(figsize=(3, 2))
ax2.plot(x, x**2)
ax2.set_title("A parabola")
'''


LATE_READOUT = '''
"""
# An explorable whose readout is set one cell later

The readout comes after the cell that shows the figure.
"""

import numpy as np

from nnexplain.explorable import Explorable

explorable = Explorable([0, 1], dials={"scale": ["1", "2", "3"]}, default={"scale": "2"})
for s in ("1", "2", "3"):
    explorable.add_variant({"scale": s}, [float(s) * np.eye(2), np.tanh(float(s) * np.eye(2))])

# %%
# ## The readout, one cell later

for s in ("1", "2", "3"):
    _ = explorable.set_readout({"scale": s}, f"tanh({s}) = {np.tanh(float(s)):.3f}")
'''


def build_site(root: Path, monkeypatch, *, use_directory_urls=True, example=EXAMPLE) -> Path:
    """Build a one-example mkdocs-gallery site in ``root`` with this scraper; return the page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (root / "docs").mkdir()
    (root / "examples").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "examples" / "README.md").write_text("# Gallery\n\nExamples.\n")
    (root / "examples" / "plot_wave.py").write_text(example)
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: mini
            use_directory_urls: {str(use_directory_urls).lower()}
            nav:
              - Home: index.md
              - Gallery: generated/gallery
            plugins:
              - gallery:
                  examples_dirs: examples
                  gallery_dirs: docs/generated/gallery
                  image_scrapers: [nnexplain.scraper]
            """
        )
    )
    monkeypatch.chdir(root)  # mkdocs-gallery resolves its folders from the working directory
    build(load_config(config_file=str(root / "mkdocs.yml")))
    page = "plot_wave/index.html" if use_directory_urls else "plot_wave.html"
    return root / "site" / "generated" / "gallery" / page


def resolve(page: Path, url: str) -> Path:
    """The file a relative URL in ``page`` points to."""
    return Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), url)))


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_gallery_build_embeds_a_muted_autoplaying_mp4(tmp_path, monkeypatch, use_directory_urls):
    if video.find_ffmpeg() is None:
        pytest.skip("no ffmpeg")
    page = build_site(tmp_path, monkeypatch, use_directory_urls=use_directory_urls)
    text = page.read_text()
    tag = re.search(r"<video [^>]*>", text).group(0)
    for attribute in ("controls", "autoplay", "muted", "loop", "playsinline"):
        assert f" {attribute} " in tag
    assert 'aria-label="A sine wave &lt;travelling&gt; right."' in tag
    src = re.search(r' src="([^"]+\.mp4)"', tag).group(1)
    poster = re.search(r' poster="([^"]+\.png)"', tag).group(1)
    # The relative URLs, as the browser resolves them from the page, reach the copied files.
    movie = resolve(page, src)
    assert movie.read_bytes()[4:8] == b"ftyp"
    assert 10_000 > movie.stat().st_size > 0
    with Image.open(resolve(page, poster)) as image:
        assert image.size == (300, 200)
        assert re.search(r'width="300" height="200"', tag)
    assert movie.stem == Path(poster).stem == "mkd_glr_plot_wave_001"
    # The still figure went through mkdocs-gallery's own scraper, and the thumbnail exists.
    assert 'alt="A parabola"' in text and "mkd_glr_plot_wave_002.png" in text
    assert (tmp_path / "site/generated/gallery/images/thumb/mkd_glr_plot_wave_thumb.png").exists()
    assert plt.get_fignums() == []


def test_gallery_build_without_ffmpeg_falls_back_to_gif(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(video, "find_ffmpeg", lambda: None)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.nnexplain"):
        page = build_site(tmp_path, monkeypatch)
    warnings = [r for r in caplog.records if r.name == "mkdocs.plugins.nnexplain"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert "no ffmpeg found" in warnings[0].getMessage()
    assert "plot_wave.py" in warnings[0].getMessage()
    text = page.read_text()
    assert "<video" not in text
    src = re.search(r'<img src="([^"]+\.gif)"[^>]*alt="A sine wave', text).group(1)
    with Image.open(resolve(page, src)) as gif:
        assert gif.format == "GIF" and gif.n_frames == 8
    images = tmp_path / "docs/generated/gallery/images"
    assert (images / "mkd_glr_plot_wave_001.png").exists()
    assert not list(images.glob("*.mp4"))


def test_a_readout_set_in_a_later_cell_reaches_the_published_manifest(tmp_path, monkeypatch):
    import json

    monkeypatch.setattr(video, "find_ffmpeg", lambda: None)  # a GIF: no ffmpeg needed
    page = build_site(tmp_path, monkeypatch, example=LATE_READOUT)
    src = re.search(r'data-manifest="([^"]+\.json)"', page.read_text()).group(1)
    manifest = json.loads(resolve(page, src).read_text())
    assert manifest["default"] == 1
    assert [v["readout"] for v in manifest["variants"]] == [
        "tanh(1) = 0.762",
        "tanh(2) = 0.964",
        "tanh(3) = 0.995",
    ]
    assert page.read_text().count('nnexplain-explorable"') == 1  # shown once, in cell one


# ----------------------------------------------------------------------------- helpers


@pytest.fixture
def figure_with_animation():
    fig, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    anim = FuncAnimation(fig, lambda i: (line,), frames=3, blit=True)
    yield fig, anim
    plt.close("all")


def test_animation_found_through_globals(figure_with_animation):
    fig, anim = figure_with_animation
    static = plt.figure()
    found = scraper._figure_animations([fig, static], {"anim": anim, "other": 3})
    assert found == {id(fig): anim}


def test_animation_found_through_canvas_callbacks(figure_with_animation):
    fig, anim = figure_with_animation
    holder = SimpleNamespace(animations=[anim])  # referenced, but not by a global
    assert scraper._figure_animations([fig], {})[id(fig)] is holder.animations[0]


def test_no_animation_on_a_static_figure():
    fig = plt.figure()
    assert scraper._figure_animations([fig], None) == {}
    plt.close(fig)


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (
            lambda fig, ax: setattr(fig, "nnexplain_alt", "Points\n  move apart"),
            "Points move apart.",
        ),
        (lambda fig, ax: ax.set_title("Warp"), "Warp."),
        (lambda fig, ax: (fig.suptitle("Layer 1"), ax.set_title("tanh")), "Layer 1, tanh."),
        (lambda fig, ax: ax.set_title("Done!"), "Done!"),
        (lambda fig, ax: None, "Animation from the example plot_x."),
    ],
)
def test_alt_text(setup, expected):
    fig, ax = plt.subplots()
    setup(fig, ax)
    assert scraper._alt_text(fig, SimpleNamespace(script_stem="plot_x")) == expected
    plt.close(fig)


def test_get_sg_image_scraper_returns_the_scraper():
    assert scraper._get_sg_image_scraper() is scraper.animation_scraper
