"""MkDocs hook: put a gallery animation at the top of the landing page.

The landing page's ``<!-- hero -->`` marker becomes a muted, looping ``<video>`` of the first
animation of one gallery example (made by the gallery build itself, so nothing is rendered
twice). The build fails if that video is missing, e.g. after the example was renamed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

MARKER = "<!-- hero -->"
SECTION, EXAMPLE = "geometry", "plot_03_circle_in_donut"
ALT = (
    "Animation: a grid and two classes of points, a disc inside a ring, carried through each "
    "layer of a small tanh network until the two classes lie apart."
)


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != "index.md" or MARKER not in markdown:
        return markdown
    images = Path(config["docs_dir"]) / "generated" / "gallery" / SECTION / "images"
    videos = sorted(images.glob(f"mkd_glr_{EXAMPLE}_*.mp4"))
    if not videos:
        raise PluginError(f"hero: no animation of gallery/{SECTION}/{EXAMPLE}.py in {images}")
    video = videos[0]
    poster = video.with_suffix(".png")
    base = f"generated/gallery/{SECTION}/images"
    link = f"generated/gallery/{SECTION}/{EXAMPLE}/"
    html = (
        f'<figure class="nnx-hero">\n'
        f'<video autoplay muted loop playsinline preload="auto" aria-label="{ALT}" '
        f'poster="{base}/{poster.name}" src="{base}/{video.name}"></video>\n'
        f"<figcaption>A 2-3-3-3-1 tanh network pulls a disc out of a ring, one layer at a time "
        f'(<a href="{link}">how this was made</a>).</figcaption>\n'
        f"</figure>"
    )
    return markdown.replace(MARKER, html)
