"""Every explorable figure of the built site, driven in headless Chromium.

Each control must change what is drawn (the canvas pixels and the player's data-* state): the
slider's two ends draw different stages, arrow keys and step buttons move it, each dial value
loads its variant and names it, dragging a 3D stage turns it, hovering a point rings it in every
stage picture; with reduced motion nothing plays by itself; no console error and no request to
another host. Reuses the static host and browser of ``test_browser.py``.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from test_browser import _open, browser, server  # noqa: F401  (pytest fixtures)

pytestmark = pytest.mark.browser


def _explorable_pages():
    from conftest import site_dir_for_collection

    site = site_dir_for_collection()
    pages = []
    for html in sorted(site.rglob("index.html")):
        if 'class="nnexplain-explorable"' in html.read_text(encoding="utf-8"):
            pages.append(html.parent.relative_to(site).as_posix() + "/")
    return pages


PAGES = _explorable_pages()
PIXELS = "el => el.querySelector('.nx-canvas').toDataURL()"
THUMBS = "el => [...el.querySelectorAll('.nx-thumb canvas')].map(c => c.toDataURL())"


def test_the_site_has_explorables():
    assert "generated/gallery/geometry/plot_03_circle_in_donut/" in PAGES


class _Motion:
    """The browser, its new contexts set to a ``prefers-reduced-motion`` value before the page
    loads (a figure on the first screen starts playing at once otherwise)."""

    def __init__(self, chromium, reduced_motion):
        self.browser, self.reduced_motion = chromium, reduced_motion

    def new_context(self, **kwargs):
        return self.browser.new_context(reduced_motion=self.reduced_motion, **kwargs)


@pytest.fixture(params=PAGES)
def player(request, browser, server):  # noqa: F811
    motion = "without_reduced_motion" in request.node.name
    reduced = _Motion(browser, "no-preference" if motion else "reduce")
    context, page, response, report = _open(reduced, server, request.param)
    root = page.locator(".nnexplain-explorable").first
    root.scroll_into_view_if_needed()
    page.wait_for_selector(".nnexplain-explorable[data-ready=true]", timeout=15000)
    yield page, root, report
    try:
        host = urlparse(server).netloc
        assert report.blocked == [], f"requests to other hosts: {report.blocked}"
        assert all(urlparse(u).netloc == host for u in report.sizes)
        assert report.failed == [], report.failed
        assert report.errors == [], f"console errors: {report.errors}"
    finally:
        context.close()


def _state(root, name):
    return root.get_attribute(f"data-{name}")


def test_no_js_fallback_is_replaced_by_the_player(player):
    page, root, _ = player
    assert root.locator("video").count() == 0  # the player took the video's place
    assert root.locator(".nnexplain-explorable__download a").get_attribute("href").endswith(".mp4")
    assert _state(root, "playing") == "false"  # reduced motion: no autoplay (see the fixture)


def _skip_unless(root, *, kind=None, stages=None, dials=False, points=False):
    if kind is not None and _state(root, "kind") != kind:
        pytest.skip(f"a {_state(root, 'kind')} explorable")
    if dials and root.locator(".nx-dial").count() == 0:
        pytest.skip("no dial")
    if points and root.evaluate("el => el.__explorable.y.length") == 0:
        pytest.skip("no points (a grid only)")
    if stages is not None and int(float(root.locator(".nx-slider").get_attribute("max"))) < 1:
        pytest.skip("a single stage: nothing to scrub")


def test_it_plays_by_itself_when_seen_without_reduced_motion(player):
    page, root, _ = player
    _skip_unless(root, stages=2)
    page.wait_for_function("el => el.dataset.playing === 'true'", arg=root.element_handle())


def test_slider_ends_arrow_keys_and_step_buttons(player):
    page, root, _ = player
    _skip_unless(root, stages=2)
    slider = root.locator(".nx-slider")
    n = int(float(slider.get_attribute("max"))) + 1
    assert n >= 2 and root.locator(".nx-thumb").count() == n
    assert root.locator("datalist option").count() == n  # a tick per stage
    first, first_label = root.evaluate(PIXELS), _state(root, "stage-label")
    slider.fill(str(n - 1))
    assert _state(root, "stage") == str(n - 1)
    assert root.evaluate(PIXELS) != first and _state(root, "stage-label") != first_label
    assert root.locator(".nx-label").inner_text().startswith(_state(root, "stage-label"))
    slider.focus()
    page.keyboard.press("Home")
    assert _state(root, "stage") == "0" and root.evaluate(PIXELS) == first
    page.keyboard.press("ArrowRight")
    assert _state(root, "stage") == "1" and root.evaluate(PIXELS) != first
    page.keyboard.press("ArrowLeft")
    assert _state(root, "stage") == "0"
    root.locator(".nx-next").click()
    root.locator(".nx-next").click()  # stops at the last stage (a 2-2-1 network has two)
    assert _state(root, "stage") == str(min(2, n - 1))
    root.locator(".nx-prev").click()
    assert _state(root, "stage") == str(min(1, n - 2))
    root.locator(".nx-thumb").last.click()
    assert _state(root, "stage") == str(n - 1)
    assert root.locator(".nx-thumb").last.get_attribute("aria-current") == "step"


def test_play_moves_through_the_stages(player):
    page, root, _ = player
    _skip_unless(root, stages=2)
    before = root.evaluate(PIXELS)
    root.locator(".nx-play").click()
    assert _state(root, "playing") == "true"
    assert root.locator(".nx-play").get_attribute("aria-label") == "Pause"
    # images are held, not blended, between stages: play until the next one shows
    t = 1.05 if _state(root, "kind") == "images" else 0.3
    page.wait_for_function(
        f"el => parseFloat(el.dataset.t) > {t}", arg=root.element_handle(), timeout=5000
    )
    root.locator(".nx-play").click()
    assert _state(root, "playing") == "false"
    assert root.evaluate(PIXELS) != before


def test_each_dial_value_switches_the_variant(player):
    page, root, report = player
    _skip_unless(root, dials=True)
    first = root.locator(".nx-dial").first  # a radio group, or a slider for a quantity
    slider = root.locator(".nx-slider")  # the last stage: the input may be the same in each
    if slider.is_visible():  # hidden for a single stage
        slider.fill(slider.get_attribute("max"))
    seen = {root.evaluate(PIXELS)}
    labels = {_state(root, "variant-label")}
    dial_slider = first.locator(".nx-dial-slider")
    if dial_slider.count():
        dial = first.locator("label").inner_text()
        n = int(dial_slider.get_attribute("max")) + 1
        opened = int(dial_slider.input_value())
    else:
        dial = first.locator("legend").inner_text()
        radios = first.locator("input[type=radio]")
        n = radios.count()
        opened = next(i for i in range(n) if radios.nth(i).is_checked())
    for i in range(n):  # every value but the one the player opened on (its default)
        if i == opened:
            continue
        if dial_slider.count():
            dial_slider.fill(str(i))
            value = first.locator("output").inner_text()
        else:
            value = radios.nth(i).get_attribute("value")
            first.locator("label").nth(i).click()
        page.wait_for_function(  # the first dial's value i; the other dials stay as they are
            "([el, v]) => !el.dataset.loading && el.dataset.variantLabel.split(', ')[0] === v",
            arg=[root.element_handle(), f"{dial}: {value}"],
        )
        if not dial_slider.count():
            assert radios.nth(i).is_checked()
        labels.add(_state(root, "variant-label"))
        seen.add(root.evaluate(PIXELS))
    assert len(labels) == n and len(seen) == n
    fetched = [u for u in report.sizes if u.endswith(".bin")]
    assert len(fetched) == n  # one data file per chosen variant, fetched on demand


def test_dragging_turns_a_3d_stage(player):
    page, root, _ = player
    if "nx-3d" not in (root.get_attribute("class") or ""):
        pytest.skip("this explorable has no 3D stage")
    canvas = root.locator(".nx-canvas")
    box = canvas.bounding_box()
    before, yaw = root.evaluate(PIXELS), float(_state(root, "yaw"))
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 80, y + 30, steps=8)
    page.mouse.up()
    assert float(_state(root, "yaw")) > yaw
    assert root.evaluate(PIXELS) != before
    canvas.focus()
    yaw = float(_state(root, "yaw"))
    page.keyboard.press("Shift+ArrowLeft")
    assert float(_state(root, "yaw")) < yaw


def test_hovering_a_point_rings_it_in_every_stage(player):
    page, root, _ = player
    _skip_unless(root, kind="points", points=True)
    thumbs = root.evaluate(THUMBS)
    index = min(7, root.evaluate("el => el.__explorable.y.length") - 1)
    x, y = root.evaluate(f"el => el.__explorable.pointOnPage({index})")
    page.mouse.move(x, y)
    highlighted = int(_state(root, "highlight"))
    assert highlighted >= 0
    ringed = root.evaluate(THUMBS)
    assert all(a != b for a, b in zip(thumbs, ringed, strict=True))  # every stage shows it
    root.locator(".nx-canvas").focus()
    page.keyboard.press("Escape")
    assert _state(root, "highlight") == "-1"
    assert root.evaluate(THUMBS) == thumbs


def test_unit_maps_are_drawn(player):
    page, root, _ = player
    units = root.locator(".nx-unit")
    if units.count() == 0:
        pytest.skip("no unit maps")
    blank = root.evaluate(
        "el => [...el.querySelectorAll('.nx-unit canvas')].filter(c => {"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " for (let i = 0; i < d.length; i += 4) if (d[i] < 250 || d[i + 1] < 250) return false;"
        " return true; }).length"
    )
    assert blank == 0
    assert units.last.locator("figcaption").inner_text() == "output"


def test_controls_are_labelled(player):
    page, root, _ = player
    for sel in [".nx-play", ".nx-prev", ".nx-next", ".nx-slider", ".nx-canvas"]:
        assert root.locator(sel).get_attribute("aria-label")
    if root.locator("fieldset.nx-dial").count():
        assert root.locator("fieldset.nx-dial legend").first.inner_text()


def test_player_starts_after_instant_navigation(browser, server):  # noqa: F811
    """Material's instant navigation swaps the page's content without a reload, then emits on
    ``document$``: done here by hand (the site sets no ``site_url``, so its sitemap is empty and
    Material falls back to ordinary page loads), the new figure must start."""
    context, page, _, report = _open(browser, server, PAGES[0])
    try:
        page.emulate_media(reduced_motion="reduce")
        page.wait_for_selector(".nnexplain-explorable[data-ready=true]", timeout=15000)
        page.evaluate(
            """async () => {
              window.nnexplainMarker = 1;  // gone if the page reloads
              const html = await (await fetch(location.href)).text();
              const fresh = new DOMParser().parseFromString(html, 'text/html')
                .querySelector('.nnexplain-explorable');
              document.querySelector('.nnexplain-explorable').replaceWith(fresh);
              document$.next(document);
            }"""
        )
        page.wait_for_selector(".nnexplain-explorable[data-ready=true]", timeout=15000)
        assert page.evaluate("() => window.nnexplainMarker") == 1
        assert page.locator(".nx-player").count() == 1
        assert report.errors == [], report.errors
    finally:
        context.close()


def test_without_javascript_the_poster_and_video_remain(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}/{PAGES[0]}")
        video = page.locator(".nnexplain-explorable video")
        assert video.count() == 1
        assert video.get_attribute("poster").endswith(".png")
        assert video.get_attribute("src").endswith(".mp4")
        assert page.locator(".nnexplain-explorable .nx-player").count() == 0
    finally:
        context.close()


# --------------------------------------------------------------------------------------------
# the kinds no page may show yet: histograms, images, a slider labelled as a dial
# --------------------------------------------------------------------------------------------

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><link rel="stylesheet" href="../explorable.css"></head><body>
<div class="nnexplain-explorable" data-manifest="{stem}.json" role="figure" aria-label="x">
<div class="nnexplain-explorable__fallback"></div></div>
<script src="../explorable-format.js"></script>
<script src="../explorable-points.js"></script>
<script src="../explorable-histograms.js"></script>
<script src="../explorable-images.js"></script>
<script src="../explorable.js"></script></body></html>"""


def _kind_explorables():
    import numpy as np

    from nnexplain.explorable import Explorable, histograms
    from nnexplain.warps import rotation

    rng = np.random.default_rng(0)
    hist = Explorable(dials={"init": ["std 1", "He"], "activation": ["tanh", "relu"]})
    for key in hist.keys:
        scale = 3.0 if key["init"] == "std 1" else 1.0
        act = np.tanh if key["activation"] == "tanh" else (lambda z: np.maximum(z, 0))
        values = [[act(rng.normal(scale=scale / (i + 1), size=2000))] for i in range(4)]
        counts, edges = histograms(values, bins=30)
        hist.add_histograms(key, counts, edges, labels=[f"layer {i}" for i in range(1, 5)])
    images = Explorable(dials={"digit": ["0", "1", "2"]}, title="digits")
    for key in images.keys:
        d = int(key["digit"])
        pics = rng.uniform(size=(3, 28, 28)) * (d + 1)
        caps = [f"digit {d}", "template", "unit 3"]
        images.add_images(key, pics, captions=caps, cmap=["gray_r", "signed", "gray"])
    angles = range(0, 181, 30)
    turn = Explorable.from_warp(rotation(np.pi), n_stages=7, labels=[f"{a}°" for a in angles])
    return {"hist": hist, "images": images, "turn": turn}


@pytest.fixture(scope="module")
def kinds_server(tmp_path_factory):
    import functools
    import http.server
    import shutil
    import threading
    from pathlib import Path

    from test_browser import _StaticHost

    root = tmp_path_factory.mktemp("kinds")
    docs = Path(__file__).resolve().parents[1] / "docs"
    for script in ("format", "points", "histograms", "images"):
        shutil.copy(docs / "javascripts" / f"explorable-{script}.js", root)
    shutil.copy(docs / "javascripts" / "explorable.js", root)
    shutil.copy(docs / "stylesheets" / "explorable.css", root)
    for stem, explorable in _kind_explorables().items():
        explorable.write(root, stem)
        (root / stem).mkdir()
        (root / stem / "index.html").write_text(
            _PAGE.replace("{stem}", "../" + stem), encoding="utf-8"
        )
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(root))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(params=["hist", "images", "turn"])
def kind_player(request, browser, kinds_server):  # noqa: F811
    context, page, response, report = _open(
        _Motion(browser, "reduce"), kinds_server, request.param + "/"
    )
    page.wait_for_selector(".nnexplain-explorable[data-ready=true]", timeout=15000)
    yield request.param, page, page.locator(".nnexplain-explorable"), report
    try:
        host = urlparse(kinds_server).netloc
        assert report.blocked == [] and all(urlparse(u).netloc == host for u in report.sizes)
        assert report.failed == [], report.failed
        assert report.errors == [], f"console errors: {report.errors}"
    finally:
        context.close()


def _blank(root) -> bool:
    return root.evaluate(
        "el => { const c = el.querySelector('.nx-canvas'); const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data;"
        " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return false; return true; }"
    )


def test_every_dial_value_of_every_kind_draws_its_variant(kind_player):
    name, page, root, report = kind_player
    assert _state(root, "kind") == {"turn": "points", "hist": "histograms"}.get(name, name)
    assert not _blank(root)
    seen, n_variants = {root.evaluate(PIXELS)}, 1
    for g in range(root.locator("fieldset.nx-dial").count()):
        group = root.locator("fieldset.nx-dial").nth(g)
        for i in list(range(1, group.locator("input").count())) + [0]:
            group.locator("label").nth(i).click()
            value = group.locator("input").nth(i).get_attribute("value")
            page.wait_for_function(
                "([el, v]) => !el.dataset.loading && el.dataset.variantLabel.includes(v)",
                arg=[root.element_handle(), value],
            )
            seen.add(root.evaluate(PIXELS))
            n_variants += i > 0
    assert len(seen) == n_variants  # every variant drew something different
    fetched = [u for u in report.sizes if u.endswith(".bin")]
    assert len(fetched) == n_variants  # fetched when chosen


def test_the_slider_changes_what_is_drawn_and_reads_its_labels(kind_player):
    name, page, root, _ = kind_player
    slider = root.locator(".nx-slider")
    n = int(float(slider.get_attribute("max"))) + 1
    if name == "images":  # one stage: the controls are hidden, the captions named
        assert n == 1 and not slider.is_visible() and not root.locator(".nx-play").is_visible()
        label = root.locator(".nx-canvas").get_attribute("aria-label")
        assert "digit 0, template, unit 3" in label
        return
    first = root.evaluate(PIXELS)
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert _state(root, "stage") == "1" and root.evaluate(PIXELS) != first
    if name == "turn":  # stages labelled as the values of a continuous dial
        assert _state(root, "stage-label") == "30°"
        assert root.locator("datalist option").nth(6).get_attribute("label") == "180°"
    else:
        assert _state(root, "stage-label") == "layer 2"
    slider.fill(str(n - 1))
    last = root.evaluate(PIXELS)
    assert last != first and not _blank(root)
    thumbs = root.evaluate(THUMBS)
    assert len(set(thumbs)) == n  # every stage's picture differs


@pytest.fixture
def donut(browser, server):  # noqa: F811
    """geometry/03's player (ReLU stretches the data: its input is small in the shared frame)."""
    context, page, _, report = _open(
        _Motion(browser, "reduce"), server, "generated/gallery/geometry/plot_03_circle_in_donut/"
    )
    root = page.locator(".nnexplain-explorable").first
    root.scroll_into_view_if_needed()
    page.wait_for_selector(".nnexplain-explorable[data-ready=true]", timeout=15000)
    yield page, root
    assert report.errors == [], f"console errors: {report.errors}"
    context.close()


def test_every_stage_is_drawn_in_one_frame_whose_origin_stays_put(donut):
    page, root = donut
    where = "(el, t) => { const p = el.__explorable; p.seek(t); return p.v.origin.slice(); }"
    n = int(root.evaluate("el => el.__explorable.n"))
    origins = [root.evaluate(where, t) for t in range(n)]
    assert len(origins) >= 3 and all(o == origins[0] for o in origins), origins
    # the dots do move between stages in that frame (a fixed frame that drew nothing would pass)
    dots = "el => Array.from(el.__explorable.v.sx.slice(0, 20))"
    root.evaluate("el => el.__explorable.seek(0)")
    first = root.evaluate(dots)
    root.evaluate("el => el.__explorable.seek(el.__explorable.n - 1)")
    assert max(abs(a - b) for a, b in zip(first, root.evaluate(dots), strict=True)) > 5


def test_a_speck_of_a_stage_offers_a_zoom_that_says_so(donut):
    page, root = donut
    root.locator("label", has_text="ReLU").first.click()
    relu = "el => el.dataset.variantLabel.includes('ReLU')"
    page.wait_for_function(relu, arg=root.element_handle())
    root.evaluate("el => el.__explorable.seek(0)")  # the input: ReLU's later stages dwarf it
    zoom = root.locator(".nx-zoom")
    assert zoom.is_visible() and zoom.inner_text().startswith("Zoom in \u00d7")
    assert "of the shared frame" in root.locator(".nx-canvas").get_attribute("aria-label")
    before = root.evaluate(PIXELS)
    zoom.click()
    assert _state(root, "zoomed") == "true" and zoom.get_attribute("aria-pressed") == "true"
    assert "zoomed: each stage fills the view" in root.locator(".nx-label").inner_text()
    assert root.evaluate(PIXELS) != before
    zoom.click()
    assert _state(root, "zoomed") == "false" and root.evaluate(PIXELS) == before


# ------------------------------------------------------------------- the dial is the cause

NUMBER = r"\d+(?:[.,]\d+)*"


def _readout_pages():
    """Pages whose explorable manifests carry readouts (the dial is the page's cause)."""
    import json

    from conftest import site_dir_for_collection

    site = site_dir_for_collection()
    pages = set()
    for manifest in site.rglob("*_explorable.json"):
        if any("readout" in v for v in json.loads(manifest.read_text())["variants"]):
            stem = manifest.name.replace("mkd_glr_", "").rsplit("_0", 1)[0]
            for page in PAGES:
                if page.rstrip("/").endswith(stem):
                    pages.add(page)
    return sorted(pages)


READOUTS = _readout_pages()
CHECK_LINES = "() => [...document.querySelectorAll('.nnx-checks li')].map(li => li.textContent)"


def test_pages_whose_dial_is_their_cause():
    # issue 18 asks for 14 of the 19 pages; this counts them, so none goes back
    assert len(READOUTS) >= 14, READOUTS


@pytest.mark.parametrize("path", READOUTS)
def test_the_readout_at_the_default_is_the_checked_number_and_follows_the_dials(
    browser,  # noqa: F811
    server,  # noqa: F811
    path,
):
    import re

    context, page, _, report = _open(_Motion(browser, "reduce"), server, path)
    try:
        page.wait_for_selector(".nnexplain-explorable[data-ready=true]", timeout=15000)
        checked = page.evaluate(CHECK_LINES)
        assert checked, "the page has no check block"
        roots = page.locator(".nnexplain-explorable")
        n_readouts = 0
        for k in range(roots.count()):
            root = roots.nth(k)
            root.scroll_into_view_if_needed()
            page.wait_for_function("el => el.dataset.ready === 'true'", arg=root.element_handle())
            text = _state(root, "readout")
            if not text:
                continue
            n_readouts += 1
            readout = root.locator(".nx-readout")
            assert readout.is_visible() and readout.get_attribute("aria-live") == "polite"
            assert readout.inner_text() == text
            numbers = re.findall(NUMBER, text)
            assert numbers, f"the readout holds no number: {text!r}"
            # one claim of the check block holds every number of the readout
            same = [c for c in checked if all(n in re.findall(NUMBER, c) for n in numbers)]
            assert same, f"no checked claim has the readout's numbers {numbers}: {text!r}"
            # the readout follows the controls: each dial moved (a slider to its other end, a
            # radio to a value not chosen), then the stage slider to its end
            seen = {text}
            dials = (root.locator(".nx-dial-slider"), root.locator(".nx-dial input[type=radio]"))
            for control in dials:
                if not control.count():
                    continue
                before = _state(root, "variant")
                first = control.first
                if first.get_attribute("type") == "range":
                    end = "0" if first.input_value() != "0" else first.get_attribute("max")
                    first.fill(end)
                else:
                    unchecked = [
                        i for i in range(control.count()) if not control.nth(i).is_checked()
                    ]
                    control.nth(unchecked[0]).check()
                page.wait_for_function(
                    "([el, b]) => el.dataset.variant !== b && !el.dataset.loading",
                    arg=[root.element_handle(), before],
                )
                seen.add(_state(root, "readout"))
                assert re.findall(NUMBER, _state(root, "readout"))
            root.evaluate("el => el.__explorable.seek(el.__explorable.n - 1)")
            seen.add(_state(root, "readout"))
            assert len(seen) > 1, f"the readout never changes: {seen}"
        assert n_readouts, "no player of the page shows a readout"
        assert report.errors == [], f"console errors: {report.errors}"
    finally:
        context.close()
