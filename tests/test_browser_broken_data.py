"""Explorable figures whose data cannot be read, driven in headless Chromium.

Each case serves real broken files written by :meth:`Explorable.write` and then damaged: a data
file cut short, one changed in place, one deleted, the manifest deleted, cut short, or from another
format or version, variants of a kind the player does not draw, and a second variant that breaks
only when its dial is turned. The figure must say in place what went wrong, put back the static
figure it replaces, raise no uncaught error, and leave a second, good figure on the same page
working. Reuses the browser of ``test_browser.py``.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from test_browser import _open, browser  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[1] / "docs"

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><link rel="stylesheet" href="../explorable.css"></head><body>
<div id="broken" class="nnexplain-explorable" data-manifest="broken.json" role="figure"
 aria-label="a figure with broken data"><div class="nnexplain-explorable__fallback">
<img class="poster" src="../poster.png" alt="the static figure"></div></div>
<p id="between"><button id="other">a button elsewhere on the page</button></p>
<div id="good" class="nnexplain-explorable" data-manifest="good.json" role="figure"
 aria-label="a figure with good data"><div class="nnexplain-explorable__fallback">
<img class="poster" src="../poster.png" alt="the static figure"></div></div>
<script src="../explorable-format.js"></script>
<script src="../explorable-points.js"></script>
<script src="../explorable-histograms.js"></script>
<script src="../explorable-images.js"></script>
<script src="../explorable.js"></script></body></html>"""


def _explorable():
    """Two variants behind one dial (both fetched on demand), points through three stages."""
    from nnexplain.explorable import Explorable

    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] > 0).astype(int)
    explorable = Explorable(y, dials={"angle": ["30°", "90°"]}, title="turn")
    for key, angle in zip(explorable.keys, (np.pi / 6, np.pi / 2), strict=True):
        c, s = np.cos(angle), np.sin(angle)
        turned = X @ np.array([[c, -s], [s, c]])
        explorable.add_variant(key, [X, turned, np.tanh(turned)], labels=["x", "xR", "tanh"])
    return explorable


def _truncate(path: Path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip(path: Path):
    data = bytearray(path.read_bytes())
    for i in range(0, len(data), 7):
        data[i] ^= 0xFF  # the same length, other values
    path.write_bytes(bytes(data))


def _rewrite(path: Path, **changes):
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(changes)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _other_kind(path: Path):
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for entry in manifest["variants"]:
        entry["kind"] = "sound"  # a kind no file of docs/javascripts/ draws
    path.write_text(json.dumps(manifest), encoding="utf-8")


# case -> (how the files are damaged, the words the figure must show)
CASES = {
    "data-cut-short": (lambda d: _truncate(d / "broken-0.bin"), "broken-0.bin has"),
    "data-corrupt": (lambda d: _flip(d / "broken-0.bin"), "broken-0.bin is corrupt"),
    "data-missing": (lambda d: (d / "broken-0.bin").unlink(), "broken-0.bin is missing"),
    "manifest-missing": (lambda d: (d / "broken.json").unlink(), "broken.json is missing"),
    "manifest-cut-short": (lambda d: _truncate(d / "broken.json"), "not valid JSON"),
    "other-version": (lambda d: _rewrite(d / "broken.json", version=99), "format version 99"),
    "other-format": (lambda d: _rewrite(d / "broken.json", format="x"), "not an nnexplain"),
    "second-variant-cut-short": (lambda d: _truncate(d / "broken-1.bin"), "broken-1.bin has"),
    "other-kind": (lambda d: _other_kind(d / "broken.json"), 'of kind "sound"'),
}
# a missing file is a 404 the browser itself reports in the console; nothing else may be
MISSING = {"data-missing", "manifest-missing"}


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    import matplotlib.pyplot as plt
    from test_browser import _StaticHost

    root = tmp_path_factory.mktemp("broken")
    for script in ("format", "points", "histograms", "images"):
        shutil.copy(DOCS / "javascripts" / f"explorable-{script}.js", root)
    shutil.copy(DOCS / "javascripts" / "explorable.js", root)
    shutil.copy(DOCS / "stylesheets" / "explorable.css", root)
    plt.imsave(root / "poster.png", np.linspace(0, 1, 64 * 32).reshape(32, 64))
    explorable = _explorable()
    for case, (damage, _) in CASES.items():
        folder = root / case
        folder.mkdir()
        explorable.write(folder, "broken")
        explorable.write(folder, "good")
        damage(folder)
        (folder / "index.html").write_text(_PAGE, encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(root))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _uncaught(report, case):
    """Console and page errors, less the browser's own line for a file that is missing."""
    allowed = "Failed to load resource" if case in MISSING else None
    return [e for e in report.errors if not (allowed and e.startswith(allowed))]


@pytest.mark.parametrize("case", list(CASES))
def test_a_figure_that_cannot_read_its_data_says_so_and_shows_its_static_figure(
    browser,  # noqa: F811
    broken_server,
    case,
):
    context, page, _, report = _open(browser, broken_server, case + "/")
    try:
        broken, good = page.locator("#broken"), page.locator("#good")
        page.wait_for_selector("#good[data-ready=true]", timeout=15000)
        if case.startswith("second-variant"):
            page.wait_for_selector("#broken[data-ready=true]", timeout=15000)
            broken.locator("fieldset.nx-dial label").nth(1).click()  # the broken variant
        page.wait_for_selector("#broken[data-ready=error]", timeout=15000)

        message = broken.locator(".nx-error")
        assert message.count() == 1 and message.get_attribute("role") == "alert"
        text = message.inner_text()
        assert text.startswith("Could not read this figure's data: ")
        assert CASES[case][1] in text, text
        assert CASES[case][1] in broken.get_attribute("data-error")
        # The static figure is back, and no control that would do nothing is left.
        assert broken.locator(".nnexplain-explorable__fallback img.poster").is_visible()
        assert broken.locator(".nx-player, .nx-slider, fieldset.nx-dial, canvas").count() == 0
        assert broken.get_attribute("data-loading") is None

        # The rest of the page works: the good figure plays its stages, the button takes focus.
        assert good.locator(".nx-error").count() == 0
        slider = good.locator(".nx-slider")
        slider.fill(slider.get_attribute("max"))
        assert good.get_attribute("data-stage") == slider.get_attribute("max")
        page.locator("#other").focus()
        assert page.evaluate("() => document.activeElement.id") == "other"
        assert _uncaught(report, case) == [], _uncaught(report, case)
    finally:
        context.close()
