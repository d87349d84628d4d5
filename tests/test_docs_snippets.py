"""The code in the documentation runs: every ```python block of a page, in order, as one script,
and every ```pycon block as a doctest."""

import doctest
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = [p for p in sorted(DOCS.rglob("*.md")) if "generated" not in p.parts]
FENCE = re.compile(r"^```(python|pycon)\n(.*?)^```", re.M | re.S)


def _blocks(page, kind):
    return [code for lang, code in FENCE.findall(page.read_text(encoding="utf-8")) if lang == kind]


@pytest.mark.parametrize(
    "page", [p for p in PAGES if _blocks(p, "python")], ids=lambda p: p.relative_to(DOCS).as_posix()
)
def test_python_blocks_run(page, tmp_path, monkeypatch, pyplot):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__docs__"}
    for code in _blocks(page, "python"):
        exec(compile(code, str(page), "exec"), namespace)


@pytest.mark.parametrize(
    "page", [p for p in PAGES if _blocks(p, "pycon")], ids=lambda p: p.relative_to(DOCS).as_posix()
)
def test_pycon_blocks_pass_as_doctests(page):
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for i, code in enumerate(_blocks(page, "pycon")):
        test = parser.get_doctest(code, {}, f"{page.name}[{i}]", str(page), 0)
        runner.run(test)
    assert runner.failures == 0, f"{page.name}: {runner.failures} doctest failures"
