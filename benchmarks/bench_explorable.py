"""Explorable player budgets: its size, one variant's data on the wire, and the redraw time.

Three figures are measured: points (2,000 points and a 21x21 grid, 2D and 3D), histograms (the
initialisation page's shape: 2 panels of 40 bins through 10 layers) and images (the
representations page's shape: six 28x28 images per digit).

Budgets (issue 11): the player's JS + CSS at most 40 KB gzip; one variant's data at most 150 KB on
the wire (checked uncompressed: static hosts may not gzip a .bin file); redrawing 2,000 points plus
a 21x21 grid at most 8 ms a frame in headless Chromium. The redraw is timed in the page with
``performance.now()`` over 240 frames (2D and 3D stages, points moving between two stages, the view
turning); the median is held against the budget (on a machine shared with other jobs the 95th
percentile mostly measures waiting for a core, so the load average is printed too).

Run: ``PYTHONPATH=src python benchmarks/bench_explorable.py`` (needs playwright and Chromium at
``/usr/bin/chromium`` or ``$NNEXPLAIN_CHROMIUM``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nnexplain.datasets import make_grid_lines  # noqa: E402
from nnexplain.explorable import Explorable, histograms  # noqa: E402

PLAYER = [  # the format, one file per kind, the player (the order of the page's scripts)
    ROOT / "docs/javascripts/explorable-format.js",
    ROOT / "docs/javascripts/explorable-points.js",
    ROOT / "docs/javascripts/explorable-histograms.js",
    ROOT / "docs/javascripts/explorable-images.js",
    ROOT / "docs/javascripts/explorable.js",
    ROOT / "docs/stylesheets/explorable.css",
]
CHROMIUM = os.environ.get("NNEXPLAIN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--disable-gpu"]  # software rasterisation, as in the browser tests
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="explorable.css"></head><body style="width: 760px">
<div class="nnexplain-explorable" data-manifest="{manifest}"></div>
{scripts}</body></html>"""


def bench_explorable(n_points=2000, n_lines=21, n_stages=7, seed=0) -> Explorable:
    """2,000 points and a 21x21 grid through ``n_stages`` random 3D (and 2D) stages."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n_points)
    lines = make_grid_lines((-1, 1), n_lines=n_lines, n_points_per_line=n_lines)
    explorable = Explorable(y, dials={"dims": ["2D", "3D"]}, title="benchmark")
    for dims in (2, 3):
        W = [rng.normal(size=(dims, dims)) for _ in range(n_stages)]
        X = np.pad(rng.normal(size=(n_points, 2)), [(0, 0), (0, dims - 2)])
        L = np.pad(lines, [(0, 0), (0, 0), (0, dims - 2)])
        explorable.add_variant(
            {"dims": f"{dims}D"},
            [np.tanh(X @ w) for w in W],
            lines=[np.tanh(L @ w) for w in W],
        )
    return explorable


def bench_histograms(n_layers=10, seed=0) -> Explorable:
    """Activations and gradients of 1,000 samples through ``n_layers`` layers, 2x2 dials."""
    rng = np.random.default_rng(seed)
    explorable = Explorable(dials={"init": ["std 1", "Xavier"], "activation": ["tanh", "relu"]})
    for key in explorable.keys:
        values = [[rng.normal(scale=0.8**i, size=1000)] * 2 for i in range(n_layers)]
        counts, edges = histograms(values, bins=40)
        explorable.add_histograms(key, counts, edges, panels=["activations", "gradients"])
    return explorable


def bench_images(n_digits=10, n_images=6, seed=0) -> Explorable:
    """``n_images`` 28x28 images (input, template, hidden units) for each of ``n_digits``."""
    rng = np.random.default_rng(seed)
    explorable = Explorable(dials={"digit": [str(d) for d in range(n_digits)]})
    for key in explorable.keys:
        explorable.add_images(key, rng.normal(size=(n_images, 28, 28)), cmap="signed")
    return explorable


FIGURES = {"bench": bench_explorable, "hist": bench_histograms, "images": bench_images}
TIMED = [
    ("bench", 0, "2D, 2,000 points + 21x21 grid"),
    ("bench", 1, "3D, 2,000 points + 21x21 grid"),
    ("hist", 0, "histograms, 2 x 40 bins"),
    ("images", 0, "images, 6 x 28x28"),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    from playwright.sync_api import sync_playwright

    size = sum(len(gzip.compress(p.read_bytes(), 9)) for p in PLAYER)
    print(f"player JS + CSS: {size / 1024:.1f} KB gzip (budget 40 KB: {size / 40960:.2f} of it)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for stem, build in FIGURES.items():
            manifest = build().write(tmp, stem)
            scripts = "".join(
                f'<script src="{js.name}"></script>' for js in PLAYER if js.suffix == ".js"
            )
            (tmp / f"{stem}.html").write_text(PAGE.format(manifest=manifest.name, scripts=scripts))
        for p in PLAYER:
            (tmp / p.name).write_bytes(p.read_bytes())
        worst = max(tmp.glob("*.bin"), key=lambda b: b.stat().st_size)
        for blob in [*sorted(tmp.glob("*-0.bin")), worst]:
            raw = blob.stat().st_size
            wire = len(gzip.compress(blob.read_bytes(), 6))
            print(
                f"variant {blob.name}: {raw / 1024:.1f} KB as written, {wire / 1024:.1f} KB gzip "
                f"(budget 150 KB on the wire: {raw / 153600:.2f} of it uncompressed)"
            )
        handler = functools.partial(_Quiet, directory=str(tmp))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(reduced_motion="reduce")
            for stem, index, name in TIMED:
                page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{stem}.html")
                page.wait_for_selector(".nnexplain-explorable[data-ready=true]")
                ms = page.evaluate(
                    """async (index) => {
                      const p = document.querySelector('.nnexplain-explorable').__explorable;
                      await p.select(index);
                      p.highlight = 5;
                      const times = [];
                      for (let k = 0; k < 240; k++) {
                        p.yaw += 0.01;
                        const t0 = performance.now();
                        p.seek((k / 40) % (p.n - 1 || 1));
                        p.canvas.getContext('2d').getImageData(0, 0, 1, 1);  // flush the draw
                        times.push(performance.now() - t0);
                      }
                      times.sort((a, b) => a - b);
                      const at = (q) => times[Math.floor(times.length * q)];
                      return [at(0.1), at(0.5), at(0.95)];
                    }""",
                    index,
                )
                print(
                    f"redraw {name}: 10th percentile {ms[0]:.2f} ms, "
                    f"median {ms[1]:.2f} ms (budget 8 ms: {ms[1] / 8:.2f} of it), "
                    f"95th percentile {ms[2]:.2f} ms"
                )
            browser.close()
        httpd.shutdown()
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
