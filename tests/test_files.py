"""Atomic writes: every writer leaves the old file byte for byte or a complete new one.

Faults are injected, not only bad inputs: an exception or KeyboardInterrupt inside the writer, a
file-size limit (``RLIMIT_FSIZE``) in a child process, and a real SIGINT to a running command.
"""

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from nnexplain import MLP
from nnexplain._files import TEMP_MARKER, atomic_open, atomic_path, writable_path
from nnexplain.io import load_model, save_model

resource = pytest.importorskip("resource")  # POSIX only

OLD = b"the old file, which must survive"


def _old_file(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(OLD)
    return path


def _assert_untouched(path: Path, old: bytes = OLD) -> None:
    """The target holds its old bytes and no temporary file is left next to it."""
    assert path.read_bytes() == old
    leftovers = [p.name for p in path.parent.iterdir() if TEMP_MARKER in p.name]
    assert leftovers == [], leftovers


# -------------------------------------------------------------------------------- the helper


def test_atomic_path_replaces_only_when_complete(tmp_path):
    target = _old_file(tmp_path, "a.txt")
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".txt" and tmp.exists()
        tmp.write_text("new")
        assert target.read_bytes() == OLD  # not yet
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("fault", [OSError("disk full"), KeyboardInterrupt(), SystemExit(1)])
def test_atomic_open_keeps_the_old_file_on_any_failure(tmp_path, fault):
    target = _old_file(tmp_path, "a.bin")
    with pytest.raises(type(fault)), atomic_open(target) as handle:
        handle.write(b"half of the new")
        raise fault
    _assert_untouched(target)


def test_a_new_file_is_not_created_on_failure(tmp_path):
    with pytest.raises(RuntimeError), atomic_path(tmp_path / "new.gif") as tmp:
        tmp.write_bytes(b"GIF89a")
        raise RuntimeError("encoder crashed")
    assert list(tmp_path.iterdir()) == []


def test_a_writer_that_removes_its_file_is_an_error(tmp_path):
    target = _old_file(tmp_path, "a.txt")
    with pytest.raises(FileNotFoundError, match="the writer left no file"):
        with atomic_path(target) as tmp:
            tmp.unlink()
    _assert_untouched(target)


def test_the_replaced_file_keeps_its_permissions(tmp_path):
    target = _old_file(tmp_path, "a.txt")
    target.chmod(0o640)
    with atomic_open(target, "w") as handle:
        handle.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_writable_path_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"out '.*nope/a\.txt': the folder .* not exist"):
        writable_path(tmp_path / "nope" / "a.txt", "out")
    with pytest.raises(IsADirectoryError, match="is a folder, not a file"):
        writable_path(tmp_path, "out")
    with pytest.raises(TypeError, match="out must be a str or os.PathLike; got 3"):
        writable_path(3, "out")


# ------------------------------------------------------------------- faults inside the library


def _big_net():
    return MLP([2, 64, 64, 1], seed=0)  # about 35 KB on disk


def test_save_model_interrupted_mid_write(tmp_path, monkeypatch):
    target = tmp_path / "model.npz"
    save_model(target, MLP([2, 3, 1], seed=1))
    old = target.read_bytes()

    def half_then_interrupt(file, **arrays):
        file.write(b"PK\x03\x04 half an archive")
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_model(target, _big_net())
    _assert_untouched(target, old)
    monkeypatch.undo()
    assert repr(load_model(target)) == "MLP(2-3-1, tanh -> sigmoid)"


def test_save_model_refuses_non_finite_weights(tmp_path):
    target = _old_file(tmp_path, "model.npz")
    net = MLP([2, 3, 1], seed=0)
    net.parameters[-1] = np.nan  # the bias of the output layer
    with pytest.raises(ValueError, match=r"NaN or infinite weights \(in b1\).*was not written"):
        save_model(target, net)
    _assert_untouched(target)


def _animation(n_frames=6):
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation

    fig, ax = plt.subplots(figsize=(2, 2), dpi=40)
    (line,) = ax.plot([0, 1], [0, 0])

    def update(i):
        line.set_ydata([i / n_frames, i / n_frames])
        return (line,)

    return FuncAnimation(fig, update, frames=n_frames, interval=100, blit=True)


@pytest.mark.parametrize("suffix", [".gif", ".webp"])
@pytest.mark.parametrize("fault", [KeyboardInterrupt, RuntimeError])
def test_video_save_keeps_the_old_file_when_the_encoder_fails(tmp_path, monkeypatch, suffix, fault):
    from PIL import Image

    from nnexplain import video

    target = _old_file(tmp_path, "old" + suffix)
    converted = 0
    original = Image.Image.convert

    def failing_convert(self, *args, **kwargs):  # called while the encoder is on frame 3
        nonlocal converted
        converted += 1
        if converted == 3:
            raise fault("encoder stopped")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "convert", failing_convert)
    monkeypatch.setattr(video, "_quantize", lambda image: image.convert("P"))
    with pytest.raises(fault):
        video.save(_animation(), target, poster=tmp_path / "poster.png")
    _assert_untouched(target)
    assert not (tmp_path / "poster.png").exists()


def test_video_save_with_a_bad_fps_leaves_the_old_gif(tmp_path):
    from nnexplain import video

    target = _old_file(tmp_path, "old.gif")
    for fps, error, match in [
        (1e-300, ValueError, r"fps must be from 0\.01 to 1000 frames per second; got 1e-300"),
        (1e9, ValueError, r"fps must be from 0\.01 to 1000"),
        (float("nan"), ValueError, "fps must be a finite number > 0; got nan"),
        ("fast", TypeError, "fps must be a real number; got 'fast'"),
    ]:
        with pytest.raises(error, match=match):
            video.save(_animation(), target, fps=fps)
    anim = _animation()
    anim._interval = 0
    with pytest.raises(ValueError, match=r"interval, which is 0 ms; give fps from 0\.01 to 1000"):
        video.save(anim, target)
    _assert_untouched(target)


# --------------------------------------------------------- a file-size limit (disk full) in a child


def _run_with_file_size_limit(code: str, limit: int, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``code`` in a child whose files may not grow beyond ``limit`` bytes."""
    prelude = textwrap.dedent(
        f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        """
    )
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(Path(__file__).parents[1] / "src"))
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_save_model_under_a_file_size_limit(tmp_path):
    target = tmp_path / "model.npz"
    save_model(target, MLP([2, 3, 1], seed=1))  # about 1.5 KB
    old = target.read_bytes()
    proc = _run_with_file_size_limit(
        """
        from nnexplain import MLP
        from nnexplain.io import save_model
        try:
            save_model("model.npz", MLP([2, 64, 64, 1], seed=0))
        except OSError as exc:
            print("refused:", exc)
        """,
        limit=8000,
        cwd=tmp_path,
    )
    assert "refused: [Errno 27] File too large" in proc.stdout, proc.stderr
    _assert_untouched(target, old)


def test_train_out_under_a_file_size_limit(tmp_path):
    from nnexplain.datasets import make_moons

    X, y = make_moons(40, noise=0.1, seed=0)
    np.savetxt(tmp_path / "p.csv", np.column_stack([X, y]), delimiter=",")
    target = _old_file(tmp_path, "m.npz")
    proc = _run_with_file_size_limit(
        """
        import sys
        from nnexplain.cli import main
        sys.exit(main("train --data p.csv --hidden 64,64 --epochs 1 --out m.npz --force".split()))
        """,
        limit=8000,
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("nnexplain: error: [Errno 27] File too large")
    _assert_untouched(target)


def test_video_save_under_a_file_size_limit(tmp_path):
    target = _old_file(tmp_path, "old.gif")
    proc = _run_with_file_size_limit(
        """
        import matplotlib.pyplot as plt
        import numpy as np
        from matplotlib.animation import FuncAnimation
        from nnexplain import video

        fig, ax = plt.subplots(figsize=(4, 4), dpi=80)
        image = ax.imshow(np.zeros((32, 32)), vmin=0, vmax=1)
        rng = np.random.default_rng(0)

        def update(i):
            image.set_data(rng.random((32, 32)))  # noise compresses badly: a large GIF
            return (image,)

        anim = FuncAnimation(fig, update, frames=20, interval=100, blit=True)
        try:
            video.save(anim, "old.gif")
        except OSError as exc:
            print("refused:", exc)
        """,
        limit=20000,
        cwd=tmp_path,
    )
    assert "refused: [Errno 27] File too large" in proc.stdout, proc.stderr
    _assert_untouched(target)


# ------------------------------------------------------------------- a real Ctrl-C to the command


def test_sigint_during_animate_keeps_the_old_gif(tmp_path):
    from nnexplain.datasets import make_moons

    X, y = make_moons(100, noise=0.1, seed=0)
    np.savetxt(tmp_path / "p.csv", np.column_stack([X, y]), delimiter=",")
    save_model(tmp_path / "m.npz", MLP([2, 3, 3, 1], seed=0))
    target = _old_file(tmp_path, "journey.gif")
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(Path(__file__).parents[1] / "src"))
    argv = "animate --model m.npz --data p.csv --out journey.gif --force --frames-per-stage 400"
    proc = subprocess.Popen(
        [sys.executable, "-m", "nnexplain", *argv.split(), "--dpi", "40", "--quiet"],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(TEMP_MARKER in p.name for p in tmp_path.iterdir()):  # rendering started
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the temporary file never appeared"
            time.sleep(0.05)
        time.sleep(0.3)  # some frames into the GIF
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert err.strip() == "nnexplain: interrupted"
    _assert_untouched(target)
