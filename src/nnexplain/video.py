"""Compact video files for animations: H.264 MP4, animated GIF and animated WebP.

:meth:`matplotlib.animation.Animation.save` draws every frame twice (once to advance the
animation, once more inside ``savefig``) and ignores blitting, and the notebook-style
``to_jshtml`` embeds every frame as a base64 PNG (a 60-frame grid animation makes a 5.9 MB page).
Here each frame is drawn once with the Agg renderer -- for a ``blit=True`` animation only its
animated artists are redrawn over a cached background, as on screen -- and the raw pixels are
piped straight into the encoder: ffmpeg's libx264 for ``.mp4`` (a few hundred KB), Pillow for
``.gif`` and ``.webp``.

The encoders are the optional extra ``pip install "nnexplain[video]"`` (``imageio-ffmpeg`` ships an
ffmpeg binary with libx264; Pillow); they are imported only when a file is written.
"""

from __future__ import annotations

import itertools
import numbers
import shutil
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np

from nnexplain._files import atomic_path, writable_path
from nnexplain._validation import check_int, check_positive, describe

__all__ = ["FPS_RANGE", "SUFFIXES", "find_ffmpeg", "render_frames", "save"]

#: File suffixes :func:`save` can write.
SUFFIXES = (".mp4", ".gif", ".webp")
#: The frame rates :func:`save` accepts: from one frame every 100 s (a GIF frame lasts at most
#: 655 s, and ffmpeg needs a rate it can write as a fraction) to 1000 frames per second.
FPS_RANGE = (0.01, 1000.0)

# x264 speed presets, fastest first; "veryfast" renders the benchmark animation well within budget
# and compresses it to ~230 KB at crf 28 ("medium" is no smaller there and twice as slow).
_X264_PRESETS = (
    "ultrafast",
    "superfast",
    "veryfast",
    "faster",
    "fast",
    "medium",
    "slow",
    "slower",
    "veryslow",
)
_INSTALL_HINT = 'pip install "nnexplain[video]"'


def find_ffmpeg() -> str | None:
    """Return the path of an ffmpeg executable, or ``None`` when there is none.

    The binary bundled with the ``imageio-ffmpeg`` package (part of ``nnexplain[video]``, built
    with libx264) is preferred; then an ``ffmpeg`` on the ``PATH``.

    Returns
    -------
    str or None
    """
    try:
        import imageio_ffmpeg
    except ImportError:
        pass
    else:
        try:
            return imageio_ffmpeg.get_ffmpeg_exe()
        except RuntimeError:  # the package is there but its binary is not
            pass
    return shutil.which("ffmpeg")


def _check_animation(anim):
    from matplotlib.animation import FuncAnimation

    if not isinstance(anim, FuncAnimation):
        raise TypeError(f"anim must be a matplotlib.animation.FuncAnimation; got {describe(anim)}")
    return anim


def _frame_buffers(anim, dpi: float | None, blit: bool) -> Iterator[np.ndarray]:
    """Draw each frame once and yield a view of the Agg buffer, shape (height, width, 4).

    The view is overwritten by the next frame; callers that keep frames must copy them.
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = anim._fig
    if dpi is None:
        dpi = mpl.rcParams["savefig.dpi"]
        dpi = fig.dpi if dpi == "figure" else dpi
    dpi = check_positive(dpi, "dpi")
    blit = bool(blit) and anim._blit

    original_canvas, original_dpi = fig.canvas, fig.dpi
    # A GUI canvas that is not Agg-based (cairo, ...) is swapped for an Agg one while rendering.
    canvas = original_canvas if isinstance(original_canvas, FigureCanvasAgg) else None
    canvas = canvas or FigureCanvasAgg(fig)
    # Blocking draw_event keeps the animation's first-draw callback from restarting it at frame 0
    # in the middle of our loop; `manager = None` keeps a GUI window from resizing (both as in
    # Animation.save). `_is_saving` makes a full draw include animated artists, as savefig does.
    saved_attrs = {"_is_saving": canvas._is_saving, "manager": canvas.manager}
    try:
        with canvas.callbacks.blocked(signal="draw_event"):
            canvas.manager = None
            fig.dpi = dpi
            anim._init_draw()  # like Animation.save: calls init_func, or draws frame 0's data
            background = None
            if blit:
                # A full draw skips animated artists: cache everything else once.
                canvas._is_saving = False
                canvas.draw()
                background = canvas.copy_from_bbox(fig.bbox)
            else:
                canvas._is_saving = True
            # _init_draw emptied the cache of frame data, so this is a fresh frame sequence.
            # An nnexplain Animation names its holds (equal consecutive frame_keys): a held
            # frame is the picture already in the buffer, so it is not drawn again.
            keys = getattr(anim, "frame_keys", None)
            for k, framedata in enumerate(anim.new_saved_frame_seq()):
                if keys is not None and 0 < k < len(keys) and keys[k] == keys[k - 1]:
                    yield np.asarray(canvas.buffer_rgba())
                    continue
                anim._draw_frame(framedata)
                if blit:
                    canvas.restore_region(background)
                    for artist in anim._drawn_artists:  # sorted by zorder in _draw_frame
                        fig.draw_artist(artist)
                else:
                    canvas.draw()
                yield np.asarray(canvas.buffer_rgba())
    finally:
        fig.dpi = original_dpi
        for name, value in saved_attrs.items():
            setattr(canvas, name, value)
        if fig.canvas is not original_canvas:
            fig.set_canvas(original_canvas)


def render_frames(anim, *, dpi: float | None = None, blit: bool = True):
    """Draw each frame of an animation once and yield its pixels.

    Parameters
    ----------
    anim : matplotlib.animation.FuncAnimation
        The animation; its figure is drawn with the Agg renderer.
    dpi : float or None
        Resolution; ``None`` uses ``rcParams["savefig.dpi"]`` (``"figure"``: the figure's dpi),
        as :meth:`~matplotlib.animation.Animation.save` does.
    blit : bool
        For an animation made with ``blit=True``: redraw only the artists its function returns,
        over a background drawn once, which is what a screen shows (about 5x faster when tick
        labels and titles dominate the drawing time). ``False`` draws every frame in full, like
        :meth:`~matplotlib.animation.Animation.save`. Animations without blitting are always
        drawn in full.

    Yields
    ------
    ndarray of shape (height, width, 4)
        RGBA ``uint8`` pixels of one frame (a copy, safe to keep).

    See Also
    --------
    save : Write the frames to an MP4, GIF or WebP file.
    """
    for buffer in _frame_buffers(_check_animation(anim), dpi, blit):
        yield buffer.copy()


def _opaque(frame: np.ndarray) -> np.ndarray:
    """Composite an RGBA frame over white where it is not opaque; return RGBA."""
    alpha = frame[..., 3:]
    if alpha.min() == 255:
        return frame
    rgb = frame[..., :3].astype(np.float32) * (alpha / 255.0) + 255.0 * (1.0 - alpha / 255.0)
    out = np.empty_like(frame)
    out[..., :3] = np.rint(rgb)
    out[..., 3] = 255
    return out


def _write_mp4(frames, path: Path, fps: float, crf: int, preset: str) -> None:
    ffmpeg = find_ffmpeg()
    if ffmpeg is None:
        raise RuntimeError(
            f"writing {path.name} needs an ffmpeg executable with libx264; none was found. "
            f"Install one with `{_INSTALL_HINT}`, or save as .gif or .webp (Pillow only)."
        )
    frames = iter(frames)
    first = next(frames, None)
    if first is None:
        raise ValueError("anim has no frames to save")
    height, width = first.shape[:2]
    rate = Fraction(fps).limit_denominator(1001)
    cmd = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y"]
    cmd += ["-f", "rawvideo", "-pix_fmt", "rgba", "-s", f"{width}x{height}", "-r", f"{rate}"]
    cmd += ["-i", "-"]
    if width % 2 or height % 2:  # yuv420p needs even sizes: pad with one white row/column
        cmd += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white"]
    cmd += ["-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-pix_fmt", "yuv420p"]
    cmd += ["-movflags", "+faststart", "-an", str(path)]
    # stderr goes to a file, not a pipe, so that a chatty ffmpeg can never block on a full pipe.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log)
        try:
            # ffmpeg encodes in its own process while the next frame is drawn here.
            for frame in itertools.chain([first], frames):
                proc.stdin.write(np.ascontiguousarray(_opaque(frame)).data)
            proc.stdin.close()
        except BrokenPipeError:
            pass
        finally:
            if not proc.stdin.closed:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
            returncode = proc.wait()
        if returncode != 0:
            log.seek(0)
            message = log.read().decode(errors="replace").strip()
            raise RuntimeError(f"ffmpeg failed to write {path} (exit {returncode}): {message}")


def _pil_frames(frames, mode: str):
    from PIL import Image

    for frame in frames:
        frame = _opaque(frame) if mode == "RGB" else frame
        yield Image.fromarray(np.ascontiguousarray(frame[..., :3] if mode == "RGB" else frame))


def _quantize(image):
    """An RGB image as a 256-colour palette image (fast octree, no dithering)."""
    from PIL import Image

    # An adaptive palette for each frame: colours appearing late in an animation get entries (a
    # palette fixed from frame 0 would lack them), and it is 5x faster than Pillow's default
    # median cut + dithering. Octree colours are bin averages, 1-3 levels off: white would come
    # out as (254, 254, 254), visibly grey on a white page, so extremes are snapped back.
    paletted = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = np.asarray(paletted.getpalette(), dtype=np.uint8)
    palette[palette >= 252] = 255
    palette[palette <= 3] = 0
    paletted.putpalette(palette.tolist())
    return paletted


def _write_gif(frames, path: Path, fps: float) -> None:
    images = (_quantize(image) for image in _pil_frames(frames, "RGB"))
    first = next(images, None)
    if first is None:
        raise ValueError("anim has no frames to save")
    duration = max(20, round(1000.0 / fps))  # browsers slow down GIF frames shorter than 20 ms
    first.save(path, save_all=True, append_images=images, duration=duration, loop=0)


def _write_webp(frames, path: Path, fps: float, quality: int) -> None:
    images = list(_pil_frames(frames, "RGBA"))
    if not images:
        raise ValueError("anim has no frames to save")
    if all(image.getextrema()[3][0] == 255 for image in images):
        images = [image.convert("RGB") for image in images]
    images[0].save(
        path,
        save_all=True,
        append_images=images[1:],
        duration=round(1000.0 / fps),
        loop=0,
        quality=quality,
        method=0,  # the fastest; higher methods cost 2x the time for ~10 % smaller files
    )


def save(
    anim,
    path,
    *,
    fps: float | None = None,
    dpi: float | None = None,
    crf: int = 28,
    preset: str = "veryfast",
    quality: int = 80,
    blit: bool = True,
    poster=None,
    poster_frame: int = 0,
    progress=None,
) -> Path:
    """Write an animation to a compact video file, drawing each frame once.

    The format follows the suffix of ``path``:

    * ``.mp4``: H.264 (libx264, ``yuv420p``, ``+faststart`` so that browsers start playing before
      the download ends), raw frames piped to ffmpeg. Needs ``pip install "nnexplain[video]"``.
      A 60-frame 6x6-inch grid warp at 100 dpi is about 230 KB.
    * ``.gif``: Pillow, one adaptive 256-colour palette per frame, looping.
    * ``.webp``: Pillow, lossy animated WebP, looping.

    Parameters
    ----------
    anim : matplotlib.animation.FuncAnimation
        The animation to write.
    path : str or os.PathLike
        Output file; its folder must exist.
    fps : float or None
        Frames per second, from 0.01 to 1000 (:data:`FPS_RANGE`); ``None`` uses the animation's
        interval (``1000 / interval``).
    dpi : float or None
        Resolution; ``None`` uses ``rcParams["savefig.dpi"]`` like
        :meth:`~matplotlib.animation.Animation.save`.
    crf : int
        x264 constant rate factor for ``.mp4``, 0 (lossless) to 51; +6 halves the size.
    preset : str
        x264 speed preset for ``.mp4``, ``"ultrafast"`` to ``"veryslow"``.
    quality : int
        Lossy WebP quality for ``.webp``, 0 to 100.
    blit : bool
        See :func:`render_frames`.
    poster : str, os.PathLike or None
        Also write frame ``poster_frame`` as a PNG here (a video poster, a gallery thumbnail).
    poster_frame : int
        Index of the poster frame; negative counts from the end.
    progress : callable or None
        Called as ``progress(done, total)`` after each frame is drawn (``total`` is ``None`` when
        the animation does not know its length), e.g. to drive a progress bar.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    RuntimeError
        For ``.mp4`` when no ffmpeg is found (see :func:`find_ffmpeg`) or ffmpeg fails.

    Notes
    -----
    The encoder writes to a temporary file in the folder of ``path`` (named
    ``.<name>.<random>.tmp<suffix>``), which replaces ``path`` only once it is complete: an
    encoder error, a full disk or Ctrl-C leave an existing ``path`` (and ``poster``) as it was
    and no partial file behind.

    See Also
    --------
    render_frames : The frames as arrays.
    """
    anim = _check_animation(anim)
    path = writable_path(path, "path")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(
            f"path must end with one of {list(SUFFIXES)}; got {str(path)!r} "
            f"(suffix {path.suffix!r})"
        )
    fps = _check_fps(fps, anim)
    crf = check_int(crf, "crf", minimum=0)
    if crf > 51:
        raise ValueError(f"crf must be an int from 0 to 51; got {crf}")
    if preset not in _X264_PRESETS:
        raise ValueError(f"unknown preset {preset!r}; valid presets are {list(_X264_PRESETS)}")
    quality = check_int(quality, "quality", minimum=0)
    if quality > 100:
        raise ValueError(f"quality must be an int from 0 to 100; got {quality}")
    poster = None if poster is None else writable_path(poster, "poster")
    poster_frame = check_int(poster_frame, "poster_frame", minimum=None)
    if progress is not None and not callable(progress):
        raise TypeError(
            f"progress must be a callable(done, total) or None; got {describe(progress)}"
        )

    n_frames = anim._save_count  # None when the frames come from an unsized generator
    if poster is not None and n_frames is not None and not -n_frames <= poster_frame < n_frames:
        raise ValueError(f"poster_frame {poster_frame} is out of range for {n_frames} frames")

    rendered = _frame_buffers(anim, dpi, blit)
    kept = []  # the poster frame
    frames = rendered if poster is None else _tap_poster(rendered, kept, poster_frame)
    if progress is not None:
        frames = _report(frames, progress, n_frames)
    # The encoder writes a temporary file next to `path` (same suffix, so the same format) that
    # replaces `path` only once complete: an encoder error or Ctrl-C leaves an old file intact.
    try:
        with atomic_path(path) as tmp:
            if suffix == ".mp4":
                _write_mp4(frames, tmp, fps, crf, preset)
            elif suffix == ".gif":
                _write_gif(frames, tmp, fps)
            else:
                _write_webp(_copies(frames), tmp, fps, quality)
            if poster is not None:  # written only with a complete video
                from PIL import Image

                with atomic_path(poster) as poster_tmp:
                    Image.fromarray(kept[0]).save(poster_tmp)
    finally:
        rendered.close()  # restores the figure's dpi and canvas even if the encoder failed
    return path


def _check_fps(fps, anim) -> float:
    low, high = FPS_RANGE
    if fps is None:
        interval = anim._interval
        if (
            isinstance(interval, (bool, np.bool_))
            or not isinstance(interval, numbers.Real)
            or not 1000.0 / high <= interval <= 1000.0 / low
        ):
            raise ValueError(
                f"fps=None takes the frame rate from the animation's interval, which is "
                f"{interval!r} ms; give fps from {low:g} to {high:g}, or an interval from "
                f"{1000.0 / high:g} to {1000.0 / low:g} ms"
            )
        return 1000.0 / float(interval)
    fps = check_positive(fps, "fps")
    if not low <= fps <= high:
        raise ValueError(f"fps must be from {low:g} to {high:g} frames per second; got {fps!r}")
    return fps


def _report(frames, progress, total):
    for done, frame in enumerate(frames, 1):
        progress(done, total)
        yield frame


def _copies(frames):
    for frame in frames:
        yield frame.copy()


def _tap_poster(frames, poster: list, index: int):
    """Pass frames through, appending a copy of frame ``index`` to ``poster`` at the end."""
    kept = deque(maxlen=max(1, -index))
    n_frames = 0
    for n_frames, frame in enumerate(frames, start=1):
        if index < 0 or n_frames - 1 == index:
            kept.append(frame.copy())
        yield frame
    if index < 0 and n_frames < -index or index >= n_frames:
        raise ValueError(f"poster_frame {index} is out of range for {n_frames} frames")
    poster.append(kept[0])
