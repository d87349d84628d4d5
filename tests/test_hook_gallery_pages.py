"""docs/hooks/gallery_pages.py: gallery code cells folded under "Show code", the download box
above the title removed, other pages untouched."""

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("mkdocs")
_spec = importlib.util.spec_from_file_location(
    "gallery_pages", ROOT / "docs" / "hooks" / "gallery_pages.py"
)
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)

CELL = (
    "<!-- GENERATED FROM PYTHON SOURCE LINES {a}-{b} -->\n\n"
    '<div class="highlight"><pre><span></span><code>'
    '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>x = 1\n'
    '<a id="__codelineno-0-2" name="__codelineno-0-2" href="#__codelineno-0-2"></a>y = 2\n'
    "</code></pre></div>\n"
)
OUTPUT = (
    '<p class="mkd-glr-script-out">Out:</p>\n'
    '<div class="mkd-glr-script-out-disp highlight"><pre><span></span>'
    "<code>3\n</code></pre></div>\n"
)
PAGE = (
    '<div class="admonition note">\n<p class="admonition-title">Note</p>\n'
    '<p>Click <a href="#download_links">here</a>\nto download the full example code</p>\n'
    '</div>\n<h1 id="t">Title</h1>\n<p>The claim.</p>\n'
    + CELL.format(a=1, b=5)
    + '<p><img src="a.png"></p>\n'
    + CELL.format(a=6, b=9)
    + OUTPUT
)


def _page(src_uri):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


def test_every_code_cell_is_folded_and_outputs_stay_open():
    html = hook.on_page_content(PAGE, _page("generated/gallery/s/plot_x.md"), {}, None)
    assert html.count('<details class="nnx-code"><summary>Show code (2 lines)</summary>') == 2
    assert html.count("</details>") == 2
    # The figure and the printed output are outside every fold.
    for kept in ('<img src="a.png">', 'class="mkd-glr-script-out-disp highlight"'):
        before = html[: html.index(kept)]
        assert before.count("<details") == before.count("</details>"), kept


def test_download_box_above_the_title_is_removed():
    html = hook.on_page_content(PAGE, _page("generated/gallery/s/plot_x.md"), {}, None)
    assert "admonition note" not in html and "#download_links" not in html
    assert html.startswith('<h1 id="t">Title</h1>')


@pytest.mark.parametrize(
    "src_uri",
    ["index.md", "generated/gallery/index.md", "api/checks.md", "generated/gallery/s/README.md"],
)
def test_other_pages_are_untouched(src_uri):
    assert hook.on_page_content(PAGE, _page(src_uri), {}, None) == PAGE


def test_a_gallery_page_without_code_cells_fails_the_build():
    with pytest.raises(hook.PluginError, match=r"no code cell found to fold in .*plot_x\.md"):
        hook.on_page_content("<h1>Title</h1>", _page("generated/gallery/s/plot_x.md"), {}, None)
