"""Time writing an animation with nnexplain.video against matplotlib's own writers.

The animation: a 6x6-inch figure, a 21x21-line grid (one LineCollection) and 2000 points in two
colours (two Line2D with markers) warped over 60 frames. Each row renders and encodes the whole
animation; the times are medians over ``--repeat`` runs, divided by the number of frames.

    .venv/bin/python benchmarks/bench_video.py [--frames 60] [--points 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.collections import LineCollection

from nnexplain import video


def make_grid_animation(n_frames=60, n_points=2000, n_lines=21, *, dpi=100, blit=True, seed=0):
    """A grid and two classes of points pushed through x -> tanh(W x), blended in over time."""
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(n_points, 2))
    labels = points[:, 0] * points[:, 1] > 0
    t = np.linspace(-3, 3, 101)
    ticks = np.linspace(-3, 3, n_lines)
    segments = np.array(
        [np.column_stack([np.full_like(t, v), t]) for v in ticks]
        + [np.column_stack([t, np.full_like(t, v)]) for v in ticks]
    )  # (2 * n_lines, 101, 2)
    weights = np.array([[1.5, 0.8], [-0.6, 1.2]])

    def warp(xy, s):
        linear = xy @ ((1 - s) * np.eye(2) + s * weights).T
        return s * np.tanh(linear) + (1 - s) * linear

    fig, ax = plt.subplots(figsize=(6, 6), dpi=dpi)
    grid = LineCollection(segments, colors="0.7", linewidths=0.8)
    ax.add_collection(grid)
    (blue,) = ax.plot(*points[~labels].T, "o", ms=3, mec="none", color="C0")
    (orange,) = ax.plot(*points[labels].T, "o", ms=3, mec="none", color="C1")
    ax.set(xlim=(-3.5, 3.5), ylim=(-3.5, 3.5), aspect="equal", title="x -> tanh(W x)")

    def update(i):
        s = i / max(n_frames - 1, 1)
        grid.set_segments(warp(segments.reshape(-1, 2), s).reshape(segments.shape))
        blue.set_data(*warp(points[~labels], s).T)
        orange.set_data(*warp(points[labels], s).T)
        return grid, blue, orange

    return FuncAnimation(fig, update, frames=n_frames, interval=50, blit=blit)


def _cpu_seconds():
    """CPU time of this process and of its finished children (the ffmpeg encoder)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(write, make, repeat):
    """Median wall and CPU seconds of ``write(make())`` over ``repeat`` runs, and its size."""
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        anim = make()
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        size = write(anim)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu_seconds() - cpu_start)
        plt.close(anim._fig)
    return statistics.median(walls), statistics.median(cpus), size


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=21)
    parser.add_argument("--dpi", type=float, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="keep the files in this folder")
    parser.add_argument("--skip-matplotlib", action="store_true", help="only nnexplain rows")
    args = parser.parse_args(argv)

    out = args.out or Path(tempfile.mkdtemp(prefix="bench_video_"))
    out.mkdir(parents=True, exist_ok=True)
    ffmpeg = video.find_ffmpeg()

    def make(blit=True):
        return lambda: make_grid_animation(
            args.frames, args.points, args.lines, dpi=args.dpi, blit=blit
        )

    def ours(name, **kwargs):
        def write(anim):
            return video.save(anim, out / name, dpi=args.dpi, **kwargs).stat().st_size

        return write

    def mpl_save(name, writer):
        def write(anim):
            anim.save(out / name, writer=writer, dpi=args.dpi)
            return (out / name).stat().st_size

        return write

    def jshtml(anim):
        matplotlib.rcParams["savefig.dpi"] = args.dpi
        html = anim.to_jshtml()
        (out / "jshtml.html").write_text(html)
        return len(html.encode())

    def render_only(anim):
        for _ in video.render_frames(anim, dpi=args.dpi):
            pass
        return 0

    rows = [("nnexplain render_frames only (blit)", render_only, make())]
    rows.append(("nnexplain render_frames only (full draws)", render_only, make(blit=False)))
    if ffmpeg:
        rows.append(("nnexplain .mp4 (blit)", ours("ours_blit.mp4"), make()))
        rows.append(("nnexplain .mp4 (full draws)", ours("ours_full.mp4"), make(blit=False)))
    rows.append(("nnexplain .gif (blit)", ours("ours.gif"), make()))
    rows.append(("nnexplain .webp (blit)", ours("ours.webp"), make()))
    if not args.skip_matplotlib:
        rows.append(("matplotlib anim.save pillow .gif", mpl_save("mpl.gif", "pillow"), make()))
        if ffmpeg:
            matplotlib.rcParams["animation.ffmpeg_path"] = ffmpeg
            rows.append(("matplotlib anim.save ffmpeg .mp4", mpl_save("mpl.mp4", "ffmpeg"), make()))
        rows.append(("matplotlib to_jshtml (default html)", jshtml, make()))

    print(
        f"{args.frames} frames, {args.points} points, {args.lines}x{args.lines} grid lines, "
        f"6x6 in at {args.dpi:g} dpi; median of {args.repeat}; files in {out}"
    )
    print(f"ffmpeg: {ffmpeg or 'not found'}")
    print("ms/frame: wall clock; cpu ms/frame: this process plus ffmpeg (less noisy when busy)")
    print(f"{'method':45s} {'ms/frame':>9s} {'cpu ms/frame':>13s} {'size KB':>9s}")
    print("-" * 79)
    for name, write, factory in rows:
        wall, cpu, size = measure(write, factory, args.repeat)
        size_text = f"{size / 1024:9.0f}" if size else f"{'-':>9s}"
        per_frame = 1000 / args.frames
        print(f"{name:45s} {wall * per_frame:9.1f} {cpu * per_frame:13.1f} {size_text}", flush=True)


if __name__ == "__main__":
    main()
