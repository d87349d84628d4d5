"""An mkdocs-gallery image scraper that embeds animations as small looping videos.

mkdocs-gallery's own matplotlib scraper embeds an animation as ``to_jshtml`` (every frame a base64
PNG: 5.9 MB of HTML for a 60-frame grid warp, plus Font Awesome from a CDN). This one writes an
H.264 MP4 (about 230 KB for the same animation, see :func:`nnexplain.video.save`) and a PNG
poster, and embeds ``<video controls autoplay muted loop playsinline>``; static figures are handed
to mkdocs-gallery's matplotlib scraper unchanged. Enable it in ``mkdocs.yml``::

    plugins:
      - gallery:
          image_scrapers: [nnexplain.scraper]

mkdocs-gallery imports the module and calls :func:`_get_sg_image_scraper` for the scraper.

How animations are found
------------------------
mkdocs-gallery's ``matplotlib_animations`` option (like sphinx-gallery's) looks only at the
example's global variables. Here a figure's animation is found, in order,

1. among the example's global variables (``anim = FuncAnimation(fig, ...)``), then
2. among the callbacks the animation connects to its figure's canvas (``close_event`` and the
   first ``draw_event``), which finds an animation kept anywhere else (in a list, an attribute).

An animation that nothing references has been garbage-collected already, and its figure is saved
as a still image. Only :class:`~matplotlib.animation.FuncAnimation` is turned into video.

Alt text and poster frame
-------------------------
Every nnexplain animation is an :class:`nnexplain.animate.Animation`, whose public attributes
say what it shows:

``anim.alt`` : str
    One-sentence description for screen readers.
``anim.poster_frame`` : int
    Frame shown before the video plays and used as the gallery thumbnail.

A plain ``FuncAnimation`` built by hand has neither; its alt text is then ``fig.nnexplain_alt``
when the script set that on the figure (the one way to describe a hand-made animation), else the
suptitle and axes titles; its poster is the first frame.

Without ffmpeg (``pip install "nnexplain[video]"`` provides one) the animation becomes a looping
GIF written by Pillow -- smaller and faster to write than a lossy animated WebP for plots with many
moving points (1.7 MB against 2.4 MB for the grid warp) -- and the build log says so.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from nnexplain import video

__all__ = ["animation_scraper"]

logger = logging.getLogger("mkdocs.plugins.nnexplain")


def _get_sg_image_scraper():
    """Return the scraper; mkdocs-gallery calls this for ``image_scrapers: [nnexplain.scraper]``."""
    return animation_scraper


def _figure_animations(figures, namespace) -> dict:
    """Map ``id(figure)`` to the live FuncAnimation drawing on it, for the given figures."""
    from matplotlib.animation import FuncAnimation

    ids = {id(fig) for fig in figures}
    found = {}
    for value in (namespace or {}).values():
        if isinstance(value, FuncAnimation) and id(value._fig) in ids:
            found.setdefault(id(value._fig), value)
    for fig in figures:
        if id(fig) in found:
            continue
        # An animation connects its bound methods _stop (close_event) and _start (draw_event, until
        # the first draw) to the canvas; the registry holds them as weak method references.
        registry = fig.canvas.callbacks.callbacks
        for signal in ("close_event", "draw_event"):
            for ref in list(registry.get(signal, {}).values()):
                owner = getattr(ref(), "__self__", None)
                if isinstance(owner, FuncAnimation) and owner._fig is fig:
                    found.setdefault(id(fig), owner)
    return found


def _alt_text(fig, script, anim=None) -> str:
    """One sentence describing the figure: ``anim.alt``, ``fig.nnexplain_alt``, else its titles."""
    text = getattr(anim, "alt", None) or getattr(fig, "nnexplain_alt", None)
    if not text:
        titles = []
        suptitle = getattr(fig, "_suptitle", None)
        if suptitle is not None and suptitle.get_text():
            titles.append(suptitle.get_text())
        for ax in fig.axes:
            titles += [
                ax.get_title(loc) for loc in ("left", "center", "right") if ax.get_title(loc)
            ]
        text = ", ".join(titles) or f"Animation from the example {script.script_stem}"
    text = " ".join(str(text).split())  # one line, no stray whitespace
    return text if text.endswith((".", "!", "?")) else text + "."


def _page_relative(path: Path, script) -> str:
    """URL of ``path`` as written in raw HTML on the example's page.

    mkdocs rewrites Markdown links but not raw HTML, so the URL must be relative to where the page
    is served: ``gallery/plot_x.md`` becomes ``gallery/plot_x/index.html`` with
    ``use_directory_urls`` (the mkdocs default; mkdocs-gallery's own raw HTML assumes it), and
    ``gallery/plot_x.html`` without.
    """
    relative = Path(path).relative_to(script.gallery.generated_dir).as_posix()
    try:
        directory_urls = script.gallery.all_info.mkdocs_conf.get("use_directory_urls", True)
    except AttributeError:
        directory_urls = True
    prefix = "../" if directory_urls and script.script_stem != "index" else ""
    return prefix + relative


_VIDEO_HTML = """
<div class="mkd-glr-animation nnexplain-animation">
<video controls autoplay muted loop playsinline preload="auto" poster="{poster}" src="{src}" \
width="{width}" height="{height}" style="max-width: 100%; height: auto;" aria-label="{alt}">
{alt} Your browser cannot play this video; <a href="{src}">download it</a>.
</video>
</div>
"""

_IMAGE_HTML = """
<div class="mkd-glr-animation nnexplain-animation">
<img src="{src}" width="{width}" height="{height}" style="max-width: 100%; height: auto;" \
alt="{alt}" class="mkd-glr-single-img" />
</div>
"""


def _scrape_animation(anim, fig, script, ffmpeg_found: bool) -> str:
    from PIL import Image

    image_path = Path(next(script.run_vars.image_path_iterator))  # mkd_glr_<stem>_<n>.png
    suffix = ".mp4" if ffmpeg_found else ".gif"
    movie_path = image_path.with_suffix(suffix)
    poster_frame = getattr(anim, "poster_frame", 0)
    # The PNG poster sits where mkdocs-gallery expects the image, so it becomes the thumbnail.
    video.save(anim, movie_path, poster=image_path, poster_frame=poster_frame)
    with Image.open(image_path) as poster:
        width, height = poster.size
    alt = html.escape(_alt_text(fig, script, anim), quote=True)
    src = _page_relative(movie_path, script)
    if ffmpeg_found:
        poster = _page_relative(image_path, script)
        return _VIDEO_HTML.format(poster=poster, src=src, width=width, height=height, alt=alt)
    return _IMAGE_HTML.format(src=src, width=width, height=height, alt=alt)


_VIDEO_IN_PLAYER = """<video controls muted loop playsinline preload="none" poster="{poster}" \
src="{src}" width="{width}" height="{height}" style="max-width: 100%; height: auto;" \
aria-label="{alt}">
{alt} <a href="{src}">Download the video</a>.
</video>"""
_GIF_IN_PLAYER = """<img src="{src}" width="{width}" height="{height}" alt="{alt}" \
style="max-width: 100%; height: auto;" />"""
_EXPLORABLE_HTML = f"""
<div class="nnexplain-explorable" data-manifest="{{manifest}}" role="figure" aria-label="{{alt}}">
<div class="nnexplain-explorable__fallback">
{_VIDEO_IN_PLAYER}
</div>
</div>
"""


def _state(explorable) -> tuple:
    """What a later cell may change in an explorable already shown: its variants' keys, its
    readouts and its default."""
    readouts = {k: tuple(v) if isinstance(v, list) else v for k, v in explorable.readouts.items()}
    return (tuple(explorable.variants), tuple(sorted(readouts.items())), str(explorable.default))


def _scrape_explorables(script) -> str:
    """Player HTML for each :class:`~nnexplain.explorable.Explorable` new in the example's
    globals: its data set, a PNG poster and an MP4 (GIF without ffmpeg) fallback, written next to
    the page's images. An animation the example made of it with
    :func:`~nnexplain.animate.animate_explorable` (its options) is used and closed, if any;
    else one with the default options."""
    import matplotlib.pyplot as plt
    from PIL import Image

    from nnexplain.animate import animate_explorable
    from nnexplain.explorable import Explorable

    namespace = script.run_vars.example_globals or {}
    figures = [plt.figure(num) for num in plt.get_fignums()]
    made = {
        id(anim.explorable): anim
        for anim in _figure_animations(figures, namespace).values()
        if getattr(anim, "explorable", None) is not None
    }
    parts = []
    for value in list(namespace.values()):
        if not isinstance(value, Explorable):
            continue
        scraped = getattr(value, "_scraped", None)
        if scraped is not None:
            # Shown by an earlier cell; a later one may have set readouts or added variants:
            # the data is written again in place (the page already points at it).
            where, state = scraped
            now = _state(value)
            if now != state:
                value.write(*where)
                value._scraped = (where, now)
            continue
        image_path = Path(next(script.run_vars.image_path_iterator))
        where = (image_path.parent, image_path.stem + "_explorable")
        manifest = value.write(*where)
        value._scraped = (where, _state(value))
        anim = made.get(id(value)) or animate_explorable(value)
        movie = image_path.with_suffix(".mp4" if video.find_ffmpeg() else ".gif")
        video.save(anim, movie, poster=image_path, poster_frame=anim.poster_frame)
        plt.close(anim._fig)
        with Image.open(image_path) as poster:
            width, height = poster.size
        template = _EXPLORABLE_HTML
        if movie.suffix == ".gif":  # no ffmpeg: the looping GIF as the image
            template = _EXPLORABLE_HTML.replace(_VIDEO_IN_PLAYER, _GIF_IN_PLAYER)
        parts.append(
            template.format(
                manifest=_page_relative(manifest, script),
                poster=_page_relative(image_path, script),
                src=_page_relative(movie, script),
                width=width,
                height=height,
                alt=html.escape(value.describe(), quote=True),
            )
        )
    return "".join(parts)


def animation_scraper(block, script, **kwargs) -> str:
    """Save the open matplotlib figures of a gallery code block; animations as video.

    Each figure with a live :class:`~matplotlib.animation.FuncAnimation` becomes an MP4 (H.264,
    at the animation's own frame rate ``1000 / interval``) next to a PNG poster of its first frame,
    embedded as a muted, looping, autoplaying ``<video>``; without ffmpeg, a looping GIF embedded
    as ``<img>``, and a warning in the build log. Animations come first, then the static figures,
    which mkdocs-gallery's :func:`~mkdocs_gallery.scrapers.matplotlib_scraper` saves as usual
    (PNG, plus the ``image_srcset`` resolutions). All figures are closed afterwards.

    Parameters
    ----------
    block : tuple
        ``(label, content, line_number)`` of the code block.
    script : mkdocs_gallery.gen_data_model.GalleryScript
        The example being run; gives the image path iterator, its globals and the gallery folders.
    **kwargs
        Passed on to the matplotlib scraper (``savefig`` arguments such as ``format="svg"``).

    Returns
    -------
    str
        Markdown with raw HTML for the page, paths relative to the generated page.
    """
    import matplotlib.pyplot as plt  # mkdocs-gallery has selected the Agg backend
    from mkdocs_gallery.scrapers import matplotlib_scraper

    explorables = _scrape_explorables(script)  # first: it closes the figures it uses
    figures = [plt.figure(num) for num in plt.get_fignums()]
    animations = _figure_animations(figures, script.run_vars.example_globals)
    parts = [explorables]
    try:
        if animations:
            ffmpeg_found = video.find_ffmpeg() is not None
            if not ffmpeg_found:
                logger.warning(
                    "nnexplain.scraper: no ffmpeg found, so %s embeds its animation as a GIF "
                    '(megabytes instead of a few hundred KB); `pip install "nnexplain[video]"` '
                    "provides ffmpeg.",
                    script.py_file_name,
                )
            for fig in figures:
                anim = animations.get(id(fig))
                if anim is not None:
                    parts.append(_scrape_animation(anim, fig, script, ffmpeg_found))
                    plt.close(fig)
        parts.append(matplotlib_scraper(block, script, **kwargs))  # the rest; closes all
    finally:
        plt.close("all")
    return "".join(parts)
