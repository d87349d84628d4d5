"""The gallery's cell rule (issue 17, item 5), checked on every ``gallery/**/plot_*.py``.

A gallery page is one step per cell: each code cell starts with a prose cell that says what the
step does, has at most 30 code lines (most have 5-20), never ends on a bare check (mkdocs-gallery
prints the value of a cell's last expression, so ``checks.true(...)`` would show a lone ``True``)
and imports only public nnexplain names. The built pages are scanned for what such mistakes
print: ``<... object at 0x...>``, an output block that is only ``True`` or ``False``, and the raw
``checked: ...`` lines a page prints only when it runs as ``python script.py``.

The cells are split by mkdocs-gallery's own splitter
(``mkdocs_gallery.py_source_parser.split_code_and_text_blocks``), so a cell here is exactly a
cell of the built page and of the notebook download.

``NNEXPLAIN_GALLERY_DIR`` points the rules at another gallery folder; ``NNEXPLAIN_SITE_DIR`` at
another built site (``site/`` by default; the ``built_site`` fixture of ``conftest.py`` builds it
when it is missing, and ``make test`` builds it before pytest runs).
"""

from __future__ import annotations

import ast
import html
import inspect
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import load_code_metrics

pytest.importorskip("mkdocs_gallery")

from mkdocs_gallery.py_source_parser import split_code_and_text_blocks

from nnexplain.checks import Checks

code_metrics = load_code_metrics()  # the line counter of tools/code_metrics.py

ROOT = Path(__file__).resolve().parents[1]
GALLERY = Path(os.environ.get("NNEXPLAIN_GALLERY_DIR", ROOT / "gallery")).resolve()
SCRIPTS = sorted(GALLERY.rglob("plot_*.py"))
MAX_CODE_LINES = 30

# Methods of nnexplain.checks.Checks that check a claim and return the value checked.
CHECK_METHODS = frozenset(
    name
    for name, member in vars(Checks).items()
    if not name.startswith("_") and inspect.isfunction(member)
)
# Calls whose value is a bool: ``all(...)``, ``np.allclose(...)``, ``(a > 0).any()``.
BOOL_BUILTINS = frozenset({"all", "any", "bool", "isinstance", "issubclass", "callable", "hasattr"})
NUMPY_PREDICATES = frozenset(
    {"allclose", "isclose", "array_equal", "array_equiv", "all", "any", "isfinite", "isnan"}
)
BOOL_METHODS = frozenset({"all", "any", "startswith", "endswith", "issubset", "issuperset"})


@dataclass(frozen=True)
class Cell:
    """One code cell of a gallery script, as mkdocs-gallery splits it."""

    script: Path
    first_line: int  # line of the cell's first line of content in the script (1-based)
    source: str
    after_prose: bool  # the block just before it is a text (Markdown) block

    def where(self, offset: int = 0) -> str:
        """``path:line`` of the cell's first code line, or of the line ``offset`` into it."""
        return f"{_shown(self.script)}:{self.first_line + offset}"

    @property
    def code_start(self) -> int:
        """Offset of the cell's first non-blank line."""
        lines = self.source.splitlines()
        return next((i for i, line in enumerate(lines) if line.strip()), 0)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def code_cells(script: Path) -> list[Cell]:
    """The code cells of ``script``, split by mkdocs-gallery's own splitter."""
    _, blocks = split_code_and_text_blocks(script)
    cells = []
    for i, (label, content, lineno) in enumerate(blocks):
        if label == "code":
            after_prose = i > 0 and blocks[i - 1][0] == "text"
            cells.append(Cell(Path(script), lineno, content, after_prose))
    return cells


def code_line_count(source: str) -> int:
    """Lines of ``source`` holding code: blank lines and comment-only lines are not counted.

    A string spanning several lines (a docstring) counts every line it spans.
    """
    return len(code_metrics.token_lines(source))


# -- (a) no code cell over 30 code lines
def long_cells(script: Path, limit: int = MAX_CODE_LINES) -> list[str]:
    problems = []
    for cell in code_cells(script):
        n = code_line_count(cell.source)
        if n > limit:
            problems.append(
                f"{cell.where(cell.code_start)}: code cell has {n} code lines (limit {limit}): "
                "split it into steps, each starting with a `# %%` prose cell"
            )
    return problems


# -- (b) no code cell ends on a bare check
def _checks_names(tree: ast.AST) -> set[str]:
    """Names bound to a ``Checks(...)`` anywhere in the script."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called == "Checks":
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _is_check(node: ast.expr, checks_names: set[str], check_values: set[str]) -> bool:
    """Whether the value of expression ``node`` is a check (a claim's value or a bool)."""
    if isinstance(node, (ast.Compare, ast.BoolOp)):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return True
    if isinstance(node, ast.Name):
        return node.id in check_values
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name):
            return func.id in BOOL_BUILTINS
        if isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id in checks_names:
                return func.attr in CHECK_METHODS
            if isinstance(receiver, ast.Name) and receiver.id in ("np", "numpy"):
                return func.attr in NUMPY_PREDICATES
            return func.attr in BOOL_METHODS
    return False


def bare_checks(script: Path) -> list[str]:
    cells = code_cells(script)
    tree = ast.parse(script.read_text(encoding="utf-8"))
    checks_names = _checks_names(tree)
    # Names holding a check's value (``ok = checks.true(...)``, ``same = a == b``).
    check_values: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_check(node.value, checks_names, set()):
            check_values.update(t.id for t in node.targets if isinstance(t, ast.Name))
    check_values -= checks_names | {"_"}
    problems = []
    for cell in cells:
        body = ast.parse(cell.source).body
        if body and isinstance(body[-1], ast.Expr):
            last = body[-1]
            if _is_check(last.value, checks_names, check_values):
                problems.append(
                    f"{cell.where(last.lineno - 1)}: the cell ends on a bare check "
                    f"`{ast.unparse(last.value)[:60]}`, whose value mkdocs-gallery prints: "
                    "assign it (`_ = ...`) or end the cell on something else"
                )
    return problems


# -- (c) public nnexplain imports only
def _private(dotted: str) -> bool:
    parts = dotted.split(".")
    return parts[0] == "nnexplain" and any(
        p.startswith("_") and not (p.startswith("__") and p.endswith("__")) for p in parts[1:]
    )


def private_imports(script: Path) -> list[str]:
    tree = ast.parse(script.read_text(encoding="utf-8"))
    problems = []

    def report(node: ast.AST, what: str) -> None:
        problems.append(
            f"{_shown(script)}:{node.lineno}: `{what}` is private to nnexplain; a gallery page "
            "uses only public names (add it to the public API if a page needs it)"
        )

    for parent in ast.walk(tree):  # ast keeps no parent links; the attribute rule needs them
        for child in ast.iter_child_nodes(parent):
            child.parent = parent
    nnexplain_aliases = {"nnexplain"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _private(alias.name):
                    report(node, f"import {alias.name}")
                elif alias.name == "nnexplain":
                    nnexplain_aliases.add(alias.asname or "nnexplain")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "nnexplain":
                continue
            for alias in node.names:
                if _private(f"{node.module}.{alias.name}"):
                    report(node, f"from {node.module} import {alias.name}")
    for node in ast.walk(tree):
        # nnexplain._x (or an alias of nnexplain) used without importing it by name
        if isinstance(node, ast.Attribute):
            chain, base = [node.attr], node.value
            while isinstance(base, ast.Attribute):
                chain.append(base.attr)
                base = base.value
            if isinstance(base, ast.Name) and base.id in nnexplain_aliases:
                dotted = ".".join(["nnexplain", *reversed(chain)])
                if _private(dotted) and not isinstance(
                    getattr(node, "parent", None), ast.Attribute
                ):
                    report(node, f"{base.id}.{'.'.join(reversed(chain))}")
    # One report per line and name (an attribute chain is reported at its outermost node).
    return sorted(set(problems))


# -- each cell starts with prose
def cells_without_prose(script: Path) -> list[str]:
    return [
        f"{cell.where(cell.code_start)}: the code cell does not start with prose: follow its "
        "`# %%` line with `# ` Markdown lines saying what the step does"
        for cell in code_cells(script)
        if not cell.after_prose
    ]


# -- (d) the built pages print nothing a mistake would print
_OUTPUT_BLOCK = re.compile(
    r'<div class="[^"]*mkd-glr-script-out-disp[^"]*">\s*<pre>(.*?)</pre>', re.S
)
_TAG = re.compile(r"<[^>]+>")


def gallery_pages(site_dir: Path) -> list[Path]:
    return sorted((Path(site_dir) / "generated" / "gallery").glob("*/plot_*/index.html"))


def page_output_problems(page: Path, site_dir: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    name = page.relative_to(site_dir).as_posix()
    problems = []
    plain = html.unescape(_TAG.sub("", text))
    for match in re.finditer(r"[^\n]{0,40}object at 0x[0-9a-fA-F]+[^\n]{0,10}", plain):
        problems.append(
            f"{name}: a default repr is printed ({match.group(0).strip()!r}): the cell ends on "
            "an object with no useful repr; assign it or add its type to ignore_repr_types"
        )
    for match in _OUTPUT_BLOCK.finditer(text):
        out = html.unescape(_TAG.sub("", match.group(1)))
        if out.strip() in ("True", "False"):
            problems.append(
                f"{name}: an output block that is only {out.strip()!r}: a cell ends on a bare "
                "check (run tests/test_gallery_rules.py's bare-check rule to find it)"
            )
        for line in out.splitlines():
            if line.lstrip().startswith("checked:"):
                problems.append(
                    f"{name}: a raw {line.strip()[:70]!r} line: the checks print themselves "
                    "only in `python script.py`; show them with `checks` at the end of a cell"
                )
    return problems


def site_output_problems(site_dir: Path) -> list[str]:
    return [p for page in gallery_pages(site_dir) for p in page_output_problems(page, site_dir)]


RULES = {
    "long cells": long_cells,
    "bare checks": bare_checks,
    "private imports": private_imports,
    "cells without prose": cells_without_prose,
}


# == the gallery follows the rule
def test_the_gallery_has_scripts():
    assert SCRIPTS, f"no plot_*.py under {GALLERY} (NNEXPLAIN_GALLERY_DIR)"


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: _shown(p))
def test_gallery_script_follows_the_cell_rule(script, rule):
    problems = RULES[rule](script)
    assert problems == [], f"{rule}:\n" + "\n".join(problems)


def test_built_gallery_pages_print_no_repr_bool_or_raw_check(built_site):
    pages = gallery_pages(built_site)
    if not pages:
        pytest.skip(f"{built_site} has no gallery page (generated/gallery/*/plot_*/index.html)")
    problems = site_output_problems(built_site)
    assert problems == [], "\n".join(problems)


# == each rule catches a bad page
def _script(tmp_path: Path, body: str, name: str = "plot_bad.py") -> Path:
    path = tmp_path / name
    path.write_text('"""\n# A bad page\n\nIts claim.\n"""\n\n' + body, encoding="utf-8")
    return path


def test_the_splitter_is_mkdocs_gallery_s_and_lines_are_the_script_s(tmp_path):
    script = _script(tmp_path, "import numpy as np\n\n# %%\n# ## Step\n#\n# Prose.\n\nx = 1\n")
    cells = code_cells(script)
    assert [c.source.strip() for c in cells] == ["import numpy as np", "x = 1"]
    lines = script.read_text().splitlines()
    for cell in cells:
        assert lines[cell.first_line + cell.code_start - 1] == cell.source.strip()


def test_code_lines_leave_out_blanks_and_comments_but_count_docstrings():
    source = 'def f():\n    """One\n\n    two."""\n\n    # a comment\n    return 1  # counted\n'
    assert code_line_count(source) == 5


def test_long_cell_is_caught(tmp_path):
    body = "# %%\n# ## Too much\n#\n# One cell.\n\n"
    body += "".join(f"x{i} = {i}\n\n# a comment\n" for i in range(MAX_CODE_LINES + 1))
    body += "\n# %%\n# ## Fine\n#\n# Short.\n\n" + "y = 1\n" * MAX_CODE_LINES
    script = _script(tmp_path, body)
    problems = long_cells(script)
    assert len(problems) == 1, problems
    line = script.read_text().splitlines().index("x0 = 0") + 1
    assert problems[0].startswith(f"{script}:{line}: code cell has {MAX_CODE_LINES + 1} code")


@pytest.mark.parametrize(
    "last",
    [
        "checks.true(a == 1, 'a is one')",
        "checks.between(a, 0, 2, 'a is in range')",
        "np.allclose(a, 1.0)",
        "a == 1",
        "not a",
        "ok",  # holds a check's value
        "(np.arange(3) > 0).all()",
        "all([a, a])",
    ],
)
def test_bare_check_is_caught(tmp_path, last):
    body = (
        "import numpy as np\n\nfrom nnexplain.checks import Checks\n\nchecks = Checks()\na = 1\n"
        "ok = checks.at_most(a, 2, 'a is small')\n\n"
        f"# %%\n# ## The check\n#\n# Checked.\n\nb = 2\n{last}\n\n"
        "# %%\n# ## Checked at build time\n\nchecks\n"
    )
    script = _script(tmp_path, body)
    problems = bare_checks(script)
    assert len(problems) == 1, problems
    line = script.read_text().splitlines().index(last) + 1
    assert problems[0].startswith(f"{script}:{line}: the cell ends on a bare check"), problems


def test_the_checks_block_and_assigned_checks_are_not_bare_checks(tmp_path):
    body = (
        "from nnexplain.checks import Checks\n\nchecks = Checks()\n"
        "_ = checks.true(1 == 1, 'one is one')\n\n"
        "# %%\n# ## A figure\n\nimport matplotlib.pyplot as plt\n\nfig, ax = plt.subplots()\n"
        "ax.legend()\n\n# %%\n# ## Close\n\nplt.close('all')\n\n"
        "# %%\n# ## Checked at build time\n\nchecks\n"
    )
    assert bare_checks(_script(tmp_path, body)) == []


@pytest.mark.parametrize(
    "line",
    [
        "from nnexplain._validation import describe",
        "from nnexplain.explorable._figure import Explorable",
        "from nnexplain.checks import _page_name",
        "from nnexplain import _validation",
        "import nnexplain._validation",
        "import nnexplain\n\nnnexplain._validation.describe(1)",
        "import nnexplain as nx\n\nnx.checks._page_name('x')",
    ],
)
def test_private_import_is_caught(tmp_path, line):
    script = _script(tmp_path, f"import numpy as np\n\n{line}\n")
    problems = private_imports(script)
    assert len(problems) == 1, problems
    assert "is private to nnexplain" in problems[0]
    assert problems[0].startswith(f"{script}:{script.read_text().count(chr(10))}:")


def test_public_imports_pass(tmp_path):
    body = (
        "import nnexplain\nfrom nnexplain import MLP, __version__\n"
        "from nnexplain.checks import Checks\n\nprint(nnexplain.__version__, MLP, Checks)\n"
    )
    assert private_imports(_script(tmp_path, body)) == []


def test_cell_without_prose_is_caught(tmp_path):
    script = _script(tmp_path, "x = 1\n\n# %%\n\ny = 2\n\n# %%\n# ## Step\n\nz = 3\n")
    problems = cells_without_prose(script)
    assert len(problems) == 1, problems
    line = script.read_text().splitlines().index("y = 2") + 1
    assert problems[0].startswith(f"{script}:{line}: the code cell does not start with prose")


def _page(site: Path, section: str, stem: str, outputs: list[str], prose: str = "") -> Path:
    page = site / "generated" / "gallery" / section / stem / "index.html"
    page.parent.mkdir(parents=True)
    blocks = "".join(
        '<p class="mkd-glr-script-out">Out:</p>\n'
        '<div class="mkd-glr-script-out-disp highlight"><pre><span></span><code>'
        '<a id="__codelineno-2-1" name="__codelineno-2-1" href="#__codelineno-2-1"></a>'
        f"{html.escape(out)}\n</code></pre></div>\n"
        for out in outputs
    )
    page.write_text(f"<html><body><p>{prose}</p>{blocks}</body></html>", encoding="utf-8")
    return page


def test_site_scan_catches_repr_lone_bool_and_raw_checked_lines(tmp_path):
    site = tmp_path / "site"
    _page(site, "a", "plot_01_ok", ["tanh(x) == +-1\n255   True\n150   False", "MLP(2-3-1)"])
    _page(site, "a", "plot_02_bool", ["True"])
    _page(site, "b", "plot_03_repr", ["<nnexplain.animate.Animation object at 0x7f3a2c1d>"])
    _page(site, "b", "plot_04_checked", ["checked: a is one: measured yes (bound: true)"])
    problems = site_output_problems(site)
    assert len(problems) == 3, problems
    assert (
        "generated/gallery/a/plot_02_bool/index.html: an output block that is only 'True'"
        in (problems[0])
    )
    assert problems[1].startswith("generated/gallery/b/plot_03_repr/index.html: a default repr")
    assert problems[2].startswith("generated/gallery/b/plot_04_checked/index.html: a raw 'checked:")


def test_site_scan_finds_no_gallery_page_in_an_empty_site(tmp_path):
    (tmp_path / "index.html").write_text("<html></html>")
    assert gallery_pages(tmp_path) == []
