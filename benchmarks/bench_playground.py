"""Playground budgets: training speed while the views redraw, the redraw time, and the size.

Seed 004's network (2 inputs, ten tanh layers of width 3, a sigmoid output) trains with Adam,
batch 16, on 2,000 points of the disc in a ring, in headless Chromium, at 500 steps a frame, for
5 s; the page redraws every view each frame (``Playground.afterSteps`` times its ``draw``).

Budgets (issue 21): at least 1,000 Adam steps a second while the views redraw; a redraw at most
8 ms (median over the frames, as ``bench_explorable.py`` holds the player's); the page's own JS
(``playground-core.js`` and ``playground.js``) at most 40 KB gzip beyond the player's.

Run: ``PYTHONPATH=src python benchmarks/bench_playground.py`` after a site build (it serves
``site/``; needs playwright and Chromium at ``/usr/bin/chromium`` or ``$NNEXPLAIN_CHROMIUM``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("NNEXPLAIN_SITE_DIR", ROOT / "site"))
CHROMIUM = os.environ.get("NNEXPLAIN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
SCRIPTS = [ROOT / "docs/javascripts/playground-core.js", ROOT / "docs/javascripts/playground.js"]
SEED_004 = "#d=disc&n=2000&noise=0&h=" + ",".join(["3"] * 10) + "&a=" + ",".join(["tanh"] * 10)
SEED_004 += "&init=xavier&opt=adam&lr=0.01&b=16&seed=4&split=0"
BUDGET_STEPS, BUDGET_REDRAW_MS, BUDGET_KB = 1000, 8.0, 40.0

MEASURE = """async (seconds) => {
  const pg = document.querySelector('.nnexplain-playground').__playground;
  pg.stepsPerFrame = 500;
  const draws = [];
  const draw = pg.draw.bind(pg);
  pg.draw = () => { const t0 = performance.now(); draw(); draws.push(performance.now() - t0); };
  const s0 = pg.trainer.steps, t0 = performance.now();
  pg.setPlaying(true);
  await new Promise((done) => setTimeout(done, seconds * 1000));
  pg.setPlaying(false);
  const elapsed = (performance.now() - t0) / 1000;
  return { steps: pg.trainer.steps - s0, seconds: elapsed, draws, loss: pg.last.loss };
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def js_size_kb() -> float:
    """The gzip size of the playground's own JS, in KB (1,000 bytes)."""
    return sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) for p in SCRIPTS) / 1000


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not (SITE / "playground" / "index.html").exists():
        print(f"no built playground in {SITE}: build the site first", file=sys.stderr)
        return 2
    handler = functools.partial(_Quiet, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/playground/{SEED_004}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_selector(".nnexplain-playground[data-ready=true]")
        result = page.evaluate(MEASURE, 5)
        browser.close()
    httpd.shutdown()
    rate = result["steps"] / result["seconds"]
    draws = sorted(result["draws"])
    median = statistics.median(draws)
    p95 = draws[int(0.95 * (len(draws) - 1))]
    size = js_size_kb()
    print(
        f"seed 004's network, Adam, batch 16, 2,000 points: {rate:,.0f} steps/s "
        f"({result['steps']:,} steps in {result['seconds']:.1f} s, loss {result['loss']:.3g})"
    )
    print(
        f"redraw: median {median:.2f} ms, 95th percentile {p95:.2f} ms over {len(draws)} frames "
        f"(load average {os.getloadavg()[0]:.2f})"
    )
    print(f"the playground's own JS: {size:.1f} KB gzip")
    ok = rate >= BUDGET_STEPS and median <= BUDGET_REDRAW_MS and size <= BUDGET_KB
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
