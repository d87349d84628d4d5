import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from PIL import Image

from nnexplain import video

N_FRAMES = 6
INTERVAL = 50  # ms, so 20 fps


def make_animation(*, blit=True, size=(2.0, 1.5), dpi=50, transparent=False):
    """A line moving up and a few coloured points moving right: every frame differs."""
    fig, ax = plt.subplots(figsize=size, dpi=dpi)
    if transparent:
        fig.patch.set_alpha(0.0)
    ax.set(xlim=(0, 1), ylim=(0, 1), title="moving")
    (line,) = ax.plot([0.05, 0.95], [0, 0], color="C3", lw=3)
    (points,) = ax.plot([0.1, 0.2, 0.3], [0.5, 0.6, 0.7], "o", color="C0")

    def update(i):
        line.set_ydata([i / N_FRAMES, i / N_FRAMES])
        points.set_xdata(np.array([0.1, 0.2, 0.3]) + i / (2 * N_FRAMES))
        return line, points

    return FuncAnimation(fig, update, frames=N_FRAMES, interval=INTERVAL, blit=blit)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def decode_mp4(path, width, height):
    """Frames of an MP4 as ndarray of shape (n_frames, height, width, 3), and ffmpeg's log."""
    ffmpeg = video.find_ffmpeg()
    log = subprocess.run([ffmpeg, "-hide_banner", "-i", str(path)], capture_output=True).stderr
    raw = subprocess.run(
        [ffmpeg, "-loglevel", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width, 3), log.decode()


needs_ffmpeg = pytest.mark.skipif(video.find_ffmpeg() is None, reason="no ffmpeg")


# ----------------------------------------------------------------------------- render_frames


@pytest.mark.parametrize("blit", [True, False])
def test_first_frame_equals_plain_draw_of_frame_0(blit):
    frames = list(video.render_frames(make_animation(blit=blit)))
    assert len(frames) == N_FRAMES
    assert frames[0].shape == (75, 100, 4) and frames[0].dtype == np.uint8
    # Oracle: a fresh figure, frame 0 applied by hand, one ordinary full draw.
    anim = make_animation(blit=False)
    anim._func(0)
    anim._fig.canvas.draw()
    expected = np.asarray(anim._fig.canvas.buffer_rgba())
    if blit:
        # Blitting draws the moving artists over everything else, as on screen, so where they
        # cross a spine (zorder 2.5 > 2) a few pixels may differ.
        assert (frames[0] != expected).any(axis=-1).mean() < 1e-3
    else:
        np.testing.assert_array_equal(frames[0], expected)


def test_blit_and_full_draw_give_the_same_frames_away_from_spines():
    # The moving artists cross no spine and overlap no static artist.
    blitted = np.array(list(video.render_frames(make_animation(blit=True))))
    full = np.array(list(video.render_frames(make_animation(blit=True), blit=False)))
    np.testing.assert_array_equal(blitted, full)


def test_frames_differ_and_are_copies():
    frames = list(video.render_frames(make_animation()))
    assert not np.array_equal(frames[0], frames[-1])
    assert all(f.flags.owndata for f in frames)
    assert not np.shares_memory(frames[0], frames[1])


@pytest.mark.parametrize(("blit", "expected_draws"), [(True, 1), (False, N_FRAMES)])
def test_each_frame_is_drawn_once(monkeypatch, blit, expected_draws):
    anim = make_animation(blit=blit)
    canvas = anim._fig.canvas
    calls = {"draw": 0, "func": 0}
    draw, func = canvas.draw, anim._func

    def counting_draw(*args, **kwargs):
        calls["draw"] += 1
        return draw(*args, **kwargs)

    def counting_func(*args):
        calls["func"] += 1
        return func(*args)

    monkeypatch.setattr(canvas, "draw", counting_draw)
    monkeypatch.setattr(anim, "_func", counting_func)
    assert sum(1 for _ in video.render_frames(anim)) == N_FRAMES
    # With blitting only the background is drawn in full; the frame function runs once a frame
    # plus once for the initial draw, as in Animation.save.
    assert calls == {"draw": expected_draws, "func": N_FRAMES + 1}


def test_dpi_sets_frame_size_and_is_restored():
    anim = make_animation(dpi=50)
    frames = list(video.render_frames(anim, dpi=80))
    assert frames[0].shape == (120, 160, 4)
    assert anim._fig.dpi == 50


def test_render_frames_rejects_other_objects():
    with pytest.raises(TypeError, match="anim must be a matplotlib.animation.FuncAnimation"):
        next(video.render_frames(plt.figure()))


# ----------------------------------------------------------------------------- save


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [
        pytest.param(".mp4", (4, b"ftyp"), marks=needs_ffmpeg),
        (".gif", (0, b"GIF89a")),
        (".webp", (0, b"RIFF")),
    ],
)
def test_save_writes_the_format_of_the_suffix(tmp_path, suffix, magic):
    path = video.save(make_animation(), str(tmp_path / f"anim{suffix}"))
    assert path == tmp_path / f"anim{suffix}"
    data = path.read_bytes()
    offset, signature = magic
    assert data[offset : offset + len(signature)] == signature
    if suffix == ".webp":
        assert data[8:12] == b"WEBP"


@pytest.mark.parametrize("suffix", [".gif", ".webp"])
def test_pillow_formats_loop_with_every_frame_at_the_interval(tmp_path, suffix):
    path = video.save(make_animation(), tmp_path / f"anim{suffix}")
    with Image.open(path) as image:
        assert image.n_frames == N_FRAMES
        assert image.info["loop"] == 0
        image.seek(N_FRAMES - 1)
        image.load()
        assert image.info["duration"] == INTERVAL
        assert image.size == (100, 75)


def test_gif_frames_match_rendered_frames(tmp_path):
    frames = list(video.render_frames(make_animation()))
    path = video.save(make_animation(), tmp_path / "anim.gif")
    with Image.open(path) as image:
        for i in (0, N_FRAMES - 1):
            image.seek(i)
            decoded = np.asarray(image.convert("RGB"), dtype=int)
            assert np.abs(decoded - frames[i][..., :3]).mean() < 2.0
            assert decoded[0, 0].tolist() == [255, 255, 255]  # white stays white


def test_fps_overrides_the_interval(tmp_path):
    path = video.save(make_animation(), tmp_path / "anim.gif", fps=10)
    with Image.open(path) as image:
        assert image.info["duration"] == 100


@needs_ffmpeg
def test_mp4_holds_every_frame_close_to_the_rendered_ones(tmp_path):
    frames = np.array(list(video.render_frames(make_animation())))[..., :3]
    path = video.save(make_animation(), tmp_path / "anim.mp4", crf=18)
    decoded, log = decode_mp4(path, width=100, height=76)  # 75 rows padded to an even 76
    assert decoded.shape == (N_FRAMES, 76, 100, 3)
    assert "h264" in log and "yuv420p" in log and "100x76" in log and "20 fps" in log
    error = np.abs(decoded[:, :75].astype(int) - frames).mean(axis=(1, 2, 3))
    assert error.max() < 4.0


@needs_ffmpeg
def test_mp4_moov_atom_comes_first(tmp_path):
    data = video.save(make_animation(), tmp_path / "anim.mp4").read_bytes()
    assert 0 <= data.find(b"moov") < data.find(b"mdat")


def test_transparent_figure_is_composited_on_white(tmp_path):
    path = video.save(make_animation(transparent=True), tmp_path / "anim.gif")
    with Image.open(path) as image:
        assert image.convert("RGB").getpixel((0, 0)) == (255, 255, 255)


@pytest.mark.parametrize(("poster_frame", "index"), [(0, 0), (2, 2), (-1, N_FRAMES - 1)])
def test_poster_is_the_chosen_frame(tmp_path, poster_frame, index):
    frames = list(video.render_frames(make_animation()))
    video.save(
        make_animation(),
        tmp_path / "anim.gif",
        poster=tmp_path / "poster.png",
        poster_frame=poster_frame,
    )
    with Image.open(tmp_path / "poster.png") as poster:
        np.testing.assert_array_equal(np.asarray(poster), frames[index])


def test_poster_frame_out_of_range(tmp_path):
    with pytest.raises(ValueError, match="poster_frame 6 is out of range for 6 frames"):
        video.save(make_animation(), tmp_path / "a.gif", poster=tmp_path / "p.png", poster_frame=6)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"path": "anim.avi"}, ValueError, r"one of \['.mp4', '.gif', '.webp'\]; got .*'.avi'"),
        ({"path": "anim"}, ValueError, "path must end with one of"),
        ({"path": 3}, TypeError, "path must be a str or os.PathLike; got 3"),
        ({"path": "missing/anim.gif"}, FileNotFoundError, "does not exist"),
        ({"crf": 52}, ValueError, "crf must be an int from 0 to 51; got 52"),
        ({"crf": 2.5}, TypeError, "crf must be an int"),
        ({"preset": "fastest"}, ValueError, "unknown preset 'fastest'; valid presets are"),
        ({"quality": 101}, ValueError, "quality must be an int from 0 to 100"),
        ({"fps": 0}, ValueError, "fps must be a finite number > 0"),
        ({"dpi": -1}, ValueError, "dpi must be a finite number > 0"),
    ],
)
def test_save_rejects_bad_arguments(tmp_path, monkeypatch, kwargs, error, match):
    monkeypatch.chdir(tmp_path)
    kwargs = {"path": "anim.gif", **kwargs}
    with pytest.raises(error, match=match):
        video.save(make_animation(), **kwargs)


def test_save_rejects_other_objects(tmp_path):
    with pytest.raises(TypeError, match="anim must be a matplotlib.animation.FuncAnimation; got"):
        video.save(plt.figure(), tmp_path / "anim.mp4")


def test_mp4_without_ffmpeg_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setattr(video, "find_ffmpeg", lambda: None)
    with pytest.raises(RuntimeError, match=r'pip install "nnexplain\[video\]"'):
        video.save(make_animation(), tmp_path / "anim.mp4")
    assert not (tmp_path / "anim.mp4").exists()


@needs_ffmpeg
def test_ffmpeg_failure_is_reported(tmp_path, monkeypatch):
    # A preset x264 does not know: ffmpeg starts, then fails to open the encoder.
    monkeypatch.setattr(video, "_X264_PRESETS", (*video._X264_PRESETS, "no-such-preset"))
    target = tmp_path / "anim.mp4"
    target.write_bytes(b"old video")
    anim = make_animation(dpi=50)
    with pytest.raises(RuntimeError, match="ffmpeg failed to write"):
        video.save(anim, target, dpi=80, preset="no-such-preset")
    assert anim._fig.dpi == 50  # the figure is left as it was
    assert target.read_bytes() == b"old video"
    assert [p.name for p in tmp_path.iterdir()] == ["anim.mp4"]


def test_a_folder_where_the_file_should_be_is_refused_before_rendering(tmp_path):
    (tmp_path / "anim.mp4").mkdir()
    with pytest.raises(IsADirectoryError, match="is a folder"):
        video.save(make_animation(), tmp_path / "anim.mp4")


# ----------------------------------------------------------------------------- find_ffmpeg


def test_find_ffmpeg_prefers_imageio_ffmpeg():
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    assert video.find_ffmpeg() == imageio_ffmpeg.get_ffmpeg_exe()


def test_find_ffmpeg_falls_back_to_path_then_none(monkeypatch):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # import now raises ImportError
    monkeypatch.setattr(video.shutil, "which", lambda name: f"/opt/bin/{name}")
    assert video.find_ffmpeg() == "/opt/bin/ffmpeg"
    monkeypatch.setattr(video.shutil, "which", lambda name: None)
    assert video.find_ffmpeg() is None


def test_save_reports_progress_once_per_frame(tmp_path):
    calls = []
    video.save(
        make_animation(),
        tmp_path / "a.gif",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(i, N_FRAMES) for i in range(1, N_FRAMES + 1)]
    with pytest.raises(TypeError, match="progress must be a callable"):
        video.save(make_animation(), tmp_path / "b.gif", progress=3)
