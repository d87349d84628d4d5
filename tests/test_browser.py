"""The built site, opened page by page in headless Chromium (Debian package, via Playwright).

Every page must load from the local server alone, with no console error, every image decoded,
every video playing muted, every formula typeset, and at most 1 MB in total: the bytes a browser
transfers (text compressed with gzip, as static hosts such as GitHub Pages serve it; images and
videos as they are). A screenshot of each
gallery page is saved under ``test-artifacts/screenshots/`` and the page weights under
``test-artifacts/page-weights.json``.

Outside CI a missing browser skips these tests with the reason; in CI (``CI`` set) it is an error.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("NNEXPLAIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
PAGE_BUDGET_BYTES = 1_000_000

pytestmark = pytest.mark.browser


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves ``site/`` as a static host such as GitHub Pages does: text compressed with gzip
    when the browser accepts it, media as they are."""

    COMPRESS = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
    _cache: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.is_file() and self.headers.get("Range", "").startswith("bytes="):
            return self._send_range(path)
        if not (accepts and path.suffix in self.COMPRESS and path.is_file()):
            return super().do_GET()
        if path not in self._cache:
            self._cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self._cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_range(self, path):
        """Byte ranges, which browsers use to stream and loop videos."""
        data = path.read_bytes()
        start, _, end = self.headers["Range"][len("bytes=") :].partition("-")
        start = int(start or 0)
        end = min(int(end) if end else len(data) - 1, len(data) - 1)
        if start >= len(data):
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{len(data)}")
            self.end_headers()
            return
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        try:
            self.wfile.write(data[start : end + 1])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser had what it needed


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_StaticHost, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def _site_pages():
    from conftest import site_dir_for_collection

    return _pages(site_dir_for_collection())


class PageReport:
    """Everything one page load did: requests, failures, console errors, bytes."""

    def __init__(self):
        self.requests, self.blocked, self.failed, self.errors = [], [], [], []
        self.sizes = {}  # url -> bytes; a resource fetched again (a looping video) counts once

    @property
    def bytes(self) -> int:
        return sum(self.sizes.values())


def _open(browser, server, path) -> tuple:
    host = urlparse(server).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    report = PageReport()

    def route(r):
        if urlparse(r.request.url).netloc == host:
            r.continue_()
        else:
            report.blocked.append(r.request.url)
            r.abort()

    def on_response(response):
        if urlparse(response.url).netloc != host:
            return
        try:
            response.finished()
            # Bytes on the wire (compressed text, whole media files), as page weight is measured.
            size = response.request.sizes()["responseBodySize"]
        except Exception:  # a media request the page cancelled midway
            length = response.headers.get("content-length")
            size = int(length) if length else 0
        report.sizes[response.url] = max(size, report.sizes.get(response.url, 0))
        if response.status >= 400:
            report.failed.append(f"{response.status} {response.url}")

    page.route("**/*", route)
    page.on("response", on_response)

    def on_failed(request):
        # A browser cancels media fetches on its own (to switch to byte ranges, to loop); that is
        # no failure as long as the video plays, which the test checks.
        if request.resource_type == "media" and "ERR_ABORTED" in (request.failure or ""):
            return
        report.failed.append(f"failed {request.url} {request.failure}")

    page.on("requestfailed", on_failed)
    page.on("console", lambda m: report.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: report.errors.append(str(e)))
    response = page.goto(f"{server}/{path}", wait_until="networkidle")
    return context, page, response, report


@pytest.mark.parametrize("path", _site_pages())
def test_page_in_browser(browser, server, built_site, path):
    context, page, response, report = _open(browser, server, path)
    try:
        assert response is not None and response.status == 200, f"{path}: {response}"
        # Every formula typeset: each arithmatex element holds MathML that the browser lays out
        # (a box with a height), and no raw TeX delimiters are visible in the text.
        raw = page.evaluate(
            "() => [...document.querySelectorAll('.arithmatex')].filter(e => {"
            " const m = e.querySelector('math');"
            " return !m || m.getBoundingClientRect().height === 0; }).map(e => e.textContent)"
        )
        assert raw == [], f"{path}: formulas not typeset: {raw[:3]}"
        visible = page.evaluate(
            "() => { const a = document.querySelector('article').cloneNode(true);"
            " a.querySelectorAll('code, pre, annotation').forEach(e => e.remove());"
            " return a.textContent; }"
        )
        assert "\\(" not in visible and "\\[" not in visible, f"{path}: raw TeX visible"
        # Every image decodes.
        broken = page.evaluate(
            "async () => { const imgs = [...document.images];"
            " await Promise.all(imgs.map(i => i.decode().catch(() => null)));"
            " return imgs.filter(i => !(i.naturalWidth > 0)).map(i => i.src); }"
        )
        assert broken == [], f"{path}: images that do not decode: {broken}"
        # Every video loads and plays, muted.
        videos = page.evaluate("() => document.querySelectorAll('video').length")
        for i in range(videos):
            page.evaluate(
                f"() => {{ const v = document.querySelectorAll('video')[{i}];"
                " v.scrollIntoView(); v.muted = true; return v.play(); }"
            )
            state = page.evaluate(
                # A playing video fires timeupdate every ~250 ms (a looping one wraps its
                # currentTime back to 0, so comparing two currentTime values is not enough).
                f"() => new Promise(done => {{ const v = document.querySelectorAll('video')[{i}];"
                " let ticks = 0; v.addEventListener('timeupdate', () => ticks++);"
                " setTimeout(() => done({ready: v.readyState, muted: v.muted,"
                " autoplay: v.autoplay, paused: v.paused, advanced: ticks >= 2}), 1500); })"
            )
            assert state["ready"] >= 2, f"{path}: video {i} not loaded: {state}"
            assert state["muted"] and state["autoplay"], f"{path}: video {i}: {state}"
            assert state["advanced"], f"{path}: video {i} does not play: {state}"
        if "gallery" in path:
            shots = ARTIFACTS / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            name = path.strip("/").replace("/", "__") or "index"
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert report.blocked == [], f"{path}: requests to other hosts: {report.blocked}"
        assert report.failed == [], f"{path}: failed requests: {report.failed}"
        assert report.errors == [], f"{path}: console errors: {report.errors}"
        _record_weight(path, report.bytes)
        assert report.bytes <= PAGE_BUDGET_BYTES, (
            f"{path}: {report.bytes / 1e6:.2f} MB loaded, budget {PAGE_BUDGET_BYTES / 1e6} MB"
        )
    finally:
        context.close()


def _record_weight(path: str, n_bytes: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / "page-weights.json"
    weights = json.loads(out.read_text()) if out.exists() else {}
    weights[path or "/"] = n_bytes
    out.write_text(json.dumps(dict(sorted(weights.items())), indent=1))


@pytest.mark.parametrize("query", ["tanh", "Xavier"])
def test_search_finds(browser, server, query):
    context, page, _, report = _open(browser, server, "")
    try:
        page.keyboard.press("/")
        page.keyboard.type(query, delay=30)  # Material searches on key events, not on fill()
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        assert results.count() > 0
        assert query.lower() in results.first.inner_text().lower()
    finally:
        context.close()


def test_links_and_anchors_resolve(built_site):
    """Every local link points at a file of the site, and every #anchor at an id on that page."""
    import re
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.ids = [], set()

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "id" in attrs:
                self.ids.add(attrs["id"])
            if tag == "a" and attrs.get("href"):
                self.links.append(attrs["href"])

    parsed = {}
    for html in built_site.rglob("*.html"):
        c = Collector()
        c.feed(html.read_text(encoding="utf-8"))
        parsed[html] = c
    problems = []
    for html, c in parsed.items():
        for href in c.links:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if url.path.startswith("/"):  # site-absolute (404.html is served at any depth)
                target = (built_site / url.path.lstrip("/")).resolve()
            else:
                target = (html.parent / url.path).resolve() if url.path else html
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{html.relative_to(built_site)}: {href} (missing file)")
                continue
            if url.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if url.fragment not in ids and not re.match(r"^__", url.fragment):
                    problems.append(f"{html.relative_to(built_site)}: {href} (missing anchor)")
    assert problems == [], "\n".join(problems[:30])
