"""File-level checks of the built documentation site.

``make test`` builds the site from clean with ``--strict`` before running pytest; the
``built_site`` fixture of ``conftest.py`` builds it when it is missing.

Browser checks (rendering, navigation) live elsewhere; these only read the built files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocs_gallery")

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_SUFFIXES = (".pickle", ".md5", ".db", ".pyc")
# A video is at most this heavy; a page on the wire at most 1 MB (tests/test_browser.py).
VIDEO_BUDGET_BYTES = 350_000


@pytest.fixture(scope="session")
def built(built_site):
    """The site built by ``make test`` (or by the conftest fixture when it is missing)."""
    return built_site


@pytest.fixture(scope="session")
def html_pages(built):
    pages = sorted(built.rglob("*.html"))
    assert pages, "no HTML page was built"
    return pages


class _Resources(HTMLParser):
    """Collect the URLs a page loads by itself (scripts, styles, fonts, images, frames)."""

    LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
    ATTRS = {
        "script": ("src",),
        "img": ("src", "srcset"),
        "source": ("src", "srcset"),
        "video": ("src", "poster"),
        "audio": ("src",),
        "track": ("src",),
        "iframe": ("src",),
        "embed": ("src",),
        "object": ("data",),
    }

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.anchors: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & self.LINK_RELS or "font" in (attrs.get("as") or ""):
                self.urls.append((tag, attrs["href"]))
        for name in self.ATTRS.get(tag, ()):
            value = attrs.get(name)
            if not value:
                continue
            if name == "srcset":
                self.urls += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]
            else:
                self.urls.append((tag, value))
        if attrs.get("style"):
            self.css.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def _parse(page: Path) -> _Resources:
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or url.startswith("//"))


def _local_target(page: Path, url: str, root: Path) -> Path:
    """The file a local URL points to (page-relative, or site-absolute on 404.html)."""
    path = unquote(urlsplit(url).path)
    target = (root / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()
    return target / "index.html" if url.endswith("/") or target.is_dir() else target


_CSS_EXTERNAL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*(?:https?:)?//""", re.I)


def test_no_gallery_byproducts_in_site(built):
    leaked = [p.relative_to(built) for p in built.rglob("*") if p.name.endswith(FORBIDDEN_SUFFIXES)]
    assert leaked == []


def test_every_video_is_within_its_budget(built):
    videos = sorted(p for p in built.rglob("*") if p.suffix in {".mp4", ".webm", ".gif", ".webp"})
    assert videos, "the site has no video"
    over = [
        f"{p.relative_to(built)}: {p.stat().st_size / 1e3:.0f} KB"
        for p in videos
        if p.stat().st_size > VIDEO_BUDGET_BYTES
    ]
    assert over == [], f"videos over {VIDEO_BUDGET_BYTES / 1e3:.0f} KB: {over}"


def test_formulas_are_mathml_with_no_script(html_pages, built):
    """Formulas are typeset at build time: MathML in the page, raw TeX nowhere, no math script."""
    with_math = 0
    for page in html_pages:
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<(span|div) class="arithmatex">(.*?)</\1>', text, re.S):
            assert match.group(2).startswith("<math"), (page, match.group(2)[:80])
            with_math += 1
        scripts = [url for tag, url in _parse(page).urls if tag == "script"]
        assert not [u for u in scripts if "mathjax" in u.lower() or "katex" in u.lower()], page
    assert with_math > 20, f"only {with_math} formulas found in the whole site"


def test_no_resource_is_loaded_from_another_host(html_pages, built):
    offenders = []
    for page in html_pages:
        parsed = _parse(page)
        for tag, url in parsed.urls:
            if _is_external(url):
                offenders.append((str(page.relative_to(built)), tag, url))
            elif not url.startswith(("data:", "#", "blob:")):
                assert _local_target(page, url, built).is_file(), (page, tag, url)
        offenders += [
            (str(page), "style", css[:80]) for css in parsed.css if _CSS_EXTERNAL.search(css)
        ]
    for css_file in built.rglob("*.css"):
        if _CSS_EXTERNAL.search(css_file.read_text(encoding="utf-8", errors="replace")):
            offenders.append((str(css_file.relative_to(built)), "css", "url()/@import"))
    assert offenders == []


def test_external_links_in_prose_are_still_allowed(html_pages):
    # The check above must not be so strict that it forbids <a href> to other sites: the
    # contributing guide links to mkdocs-gallery's documentation.
    anchors = [a for page in html_pages for a in _parse(page).anchors]
    assert any(_is_external(a) for a in anchors)


def test_every_gallery_page_offers_py_and_ipynb_downloads(built):
    scripts = sorted((ROOT / "gallery").rglob("plot_*.py"))
    assert scripts, "the gallery has no example"
    for script in scripts:
        section = script.parent.relative_to(ROOT / "gallery")
        page = built / "generated" / "gallery" / section / script.stem / "index.html"
        assert page.is_file(), f"no page for {script.relative_to(ROOT)}"
        anchors = _parse(page).anchors
        for suffix in (".py", ".ipynb"):
            links = [a for a in anchors if a.endswith(script.stem + suffix)]
            assert links, f"{page.relative_to(built)} has no {suffix} download link"
            assert _local_target(page, links[0], built).is_file(), (page, links[0])


def test_api_pages_have_no_raw_sphinx_markup(built):
    pages = sorted((built / "api").rglob("index.html"))
    assert len(pages) > 1
    raw = re.compile(r":(math|class|func|meth|mod|data|attr):`|\.\. math::")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not raw.search(text), page.relative_to(built)


def test_landing_page_has_the_hero_animation_and_five_topics(built):
    text = (built / "index.html").read_text(encoding="utf-8")
    assert "<!-- hero -->" not in text
    video = re.search(r'<video autoplay muted loop playsinline[^>]*src="([^"]+\.mp4)"', text)
    assert video, "the landing page has no autoplaying hero video"
    assert (built / video.group(1)).is_file()
    for anchor in (
        "#activation-functions",
        "#layers-as-geometry",
        "#weight-initialisation",
        "#distributed-representations",
        "#your-own-network",
    ):
        assert anchor in text
