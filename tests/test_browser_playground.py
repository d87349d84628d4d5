"""The playground page, driven in headless Chromium.

It trains (the step count grows and the loss falls), a click on the field adds a point, a link
rebuilds its run to the same step and loss, crafted links open the default run with a notice
and run no script of theirs, every control has a label and the Train button works from the
keyboard, and the exported Python, run with nnexplain, prints the page's loss. Screenshots at
1280 and 390 px go to ``test-artifacts/screenshots/``. Reuses the static host and browser of
``test_browser.py``.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlparse

import pytest
from test_browser import ARTIFACTS, _open, browser, server  # noqa: F401  (pytest fixtures)
from test_playground_export import run_script

pytestmark = pytest.mark.browser

ROOT_SEL = ".nnexplain-playground"


@pytest.fixture
def playground(browser, server):  # noqa: F811
    opened = []

    def open_(hash_=""):
        context, page, response, report = _open(browser, server, "playground/" + hash_)
        opened.append((context, report))
        page.wait_for_selector(f"{ROOT_SEL}[data-ready=true]", timeout=15000)
        return page

    yield open_
    host = urlparse(server).netloc
    for context, report in opened:
        try:
            assert report.blocked == [], f"requests to other hosts: {report.blocked}"
            assert all(urlparse(u).netloc == host for u in report.sizes)
            assert report.failed == [], report.failed
            assert report.errors == [], f"console errors: {report.errors}"
        finally:
            context.close()


def _attr(page, name):
    return page.get_attribute(ROOT_SEL, f"data-{name}")


def _steps(page) -> int:
    return int(_attr(page, "steps"))


def test_it_trains_the_step_count_grows_and_the_loss_falls(playground):
    page = playground()
    assert _steps(page) == 0
    first = float(_attr(page, "loss"))
    page.click(".nxp-play")
    assert page.get_attribute(".nxp-play", "aria-pressed") == "true"
    page.wait_for_function(
        "() => +document.querySelector('.nnexplain-playground').dataset.steps > 600"
    )
    page.click(".nxp-play")
    steps = _steps(page)
    assert page.get_attribute(".nxp-play", "aria-pressed") == "false"
    assert float(_attr(page, "loss")) < 0.5 * first
    readout = page.inner_text(".nxp-readout")
    assert f"Step {steps:,}" in readout and "training loss" in readout and "accuracy" in readout
    assert page.get_attribute(".nxp-readout", "aria-live") == "polite"
    page.wait_for_timeout(300)
    assert _steps(page) == steps  # paused


def test_a_click_adds_a_point_and_the_link_keeps_it(playground):
    page = playground()
    assert page.inner_text(".nxp-count").startswith("200 points")
    page.click(".nxp-classes label:first-of-type")  # class 0
    box = page.locator(".nxp-field-canvas").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    assert page.inner_text(".nxp-count").startswith("201 points (1 added)")
    assert _attr(page, "points") == "201"
    assert re.search(r"[#&]p=-?[\d.]+,-?[\d.]+,0", page.url)
    page.click(".nxp-clear")
    assert page.inner_text(".nxp-count").startswith("200 points")


def test_a_link_rebuilds_the_run_to_the_same_step_and_loss(playground):
    page = playground(
        "#d=xor&n=200&noise=0.2&h=5,3&a=relu,tanh&init=he&opt=adam&lr=0.01&b=8"
        "&seed=42&split=0.3&p=0.5,0.5,1;-0.25,1.75,0"
    )
    page.click(".nxp-play")
    page.wait_for_function(
        "() => +document.querySelector('.nnexplain-playground').dataset.steps > 300"
    )
    page.click(".nxp-play")
    steps, loss = _steps(page), _attr(page, "loss")
    link = page.evaluate(f"() => document.querySelector('{ROOT_SEL}').__playground.link()")
    assert f"t={steps}" in link
    again = playground(link[link.index("#") :])
    again.wait_for_function(
        f"() => +document.querySelector('{ROOT_SEL}').dataset.steps === {steps}"
        f" && document.querySelector('{ROOT_SEL}').dataset.playing !== 'true'"
    )
    again.wait_for_timeout(200)
    assert _steps(again) == steps and _attr(again, "loss") == loss
    assert again.inner_text(".nxp-count").startswith("202 points (2 added)")
    assert again.is_hidden(".nxp-notice")


HOSTILE = {
    "markup": "#d=<img src=x onerror=window.pwned=1>&a=<script>window.pwned=1</script>",
    "script in a key": "#" + quote("<svg onload=window.pwned=1>") + "=1",
    # Chromium opens no link above 2 MB; a million points are refused under node (tests/js)
    "150,000 points": "#p=" + "0.1,0.1,1;" * 150_000,
    "NaN and 1e308": "#lr=NaN&n=1e308&p=1e308,0,1&seed=NaN",
    "an unknown activation": "#h=3&a=gelu",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_crafted_link_opens_the_default_run_with_a_notice(playground, name):
    page = playground(HOSTILE[name])
    notice = page.locator(".nxp-notice")
    assert notice.is_visible()
    text = notice.inner_text()
    assert text.startswith("Ignored from the link") and "\n" not in text.strip()
    assert page.evaluate("() => window.pwned") is None
    assert page.locator(f"{ROOT_SEL} img, {ROOT_SEL} svg, {ROOT_SEL} script").count() == 0
    count = int(_attr(page, "points"))
    assert count == (200 if name != "an unknown activation" else 200)
    page.click(".nxp-play")
    page.wait_for_function(
        "() => +document.querySelector('.nnexplain-playground').dataset.steps > 20"
    )
    page.click(".nxp-play")


def test_every_control_is_labelled_and_train_works_from_the_keyboard(playground):
    page = playground()
    unlabelled = page.evaluate(
        f"""() => [...document.querySelectorAll('{ROOT_SEL} input, {ROOT_SEL} select')]
            .filter(e => e.type !== 'radio' && !(e.labels && e.labels.length))
            .map(e => e.outerHTML)"""
    )
    assert unlabelled == []
    for label in ("Layer 1 activation", "Learning rate", "Hidden layers", "Layer 1 width"):
        assert page.get_by_label(label, exact=True).count() == 1
    page.get_by_label("Layer 1 activation", exact=True).select_option("relu")
    assert "a=relu" in page.url
    page.focus(".nxp-play")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => +document.querySelector('.nnexplain-playground').dataset.steps > 50"
    )
    page.keyboard.press("Space")
    assert page.get_attribute(".nxp-play", "aria-pressed") == "false"
    page.get_by_label("Hidden layers", exact=True).fill("3")
    page.get_by_label("Hidden layers", exact=True).press("Enter")
    page.get_by_label("Hidden layers", exact=True).blur()
    assert page.locator(".nxp-layer").count() == 3


def test_the_exported_python_reaches_the_pages_loss(playground, tmp_path):
    page = playground(
        "#d=moons&n=200&noise=0.1&h=4,4&a=tanh,sigmoid&init=xavier&opt=adam"
        "&lr=0.03&b=16&seed=9&split=0.2&p=0.3,0.3,0"
    )
    page.click(".nxp-play")
    page.wait_for_function(
        "() => +document.querySelector('.nnexplain-playground').dataset.steps > 200"
    )
    page.click(".nxp-play")
    page.click(".nxp-python")
    script = page.inner_text(".nxp-python-box pre")
    assert "import nnexplain" in script or "from nnexplain" in script
    steps, loss = run_script(script, tmp_path)
    assert steps == _steps(page)
    assert loss == pytest.approx(float(_attr(page, "loss")), rel=1e-9, abs=0)


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots(browser, server, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/playground/#h=3,3&a=tanh,tanh&d=disc&n=500", wait_until="networkidle")
        page.wait_for_selector(f"{ROOT_SEL}[data-ready=true]")
        page.click(".nxp-play")
        page.wait_for_timeout(1500)
        page.click(".nxp-play")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"playground-{width}.png"), full_page=True)
        assert errors == []
    finally:
        context.close()
