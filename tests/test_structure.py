"""The shape of the package, measured by ``tools/code_metrics.py`` (issue 17): the modules of
nnexplain import each other without a cycle (function-level imports included), no function is
longer than 80 code lines and no module longer than 500 (docstrings, comments and blank lines
aside)."""

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("code_metrics", ROOT / "tools" / "code_metrics.py")
code_metrics = importlib.util.module_from_spec(spec)
sys.modules["code_metrics"] = code_metrics
spec.loader.exec_module(code_metrics)

PACKAGE = ROOT / "src" / "nnexplain"
MODULES = sorted(p.name for p in PACKAGE.glob("*.py"))
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500

# Modules still over MAX_MODULE_LINES, by name: issue 17 is splitting them (on another branch).
# Any other module over the limit fails; a module listed here that is under it fails too, so
# that it is taken off this list once split.
PENDING = {"animate.py", "explorable.py"}


def test_no_import_cycle_in_nnexplain():
    graph = code_metrics.import_graph(PACKAGE)
    assert "network" in graph and "training" in graph
    assert code_metrics.import_cycles(graph) == []


def test_function_level_imports_are_edges(tmp_path):
    """A cycle closed by an import inside a function is found (the old network <-> training)."""
    (tmp_path / "a.py").write_text("from .b import g\n\ndef f():\n    return g()\n")
    (tmp_path / "b.py").write_text("def g():\n    from .a import f\n    return f\n")
    (tmp_path / "c.py").write_text("import nnexplain.a\nfrom . import b\n")
    graph = code_metrics.import_graph(tmp_path)
    assert graph == {"a": {"b"}, "b": {"a"}, "c": {"a", "b"}}
    assert code_metrics.import_cycles(graph) == [["a", "b"]]


def test_longer_cycles_are_found(tmp_path):
    for name, target in (("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")):
        (tmp_path / f"{name}.py").write_text(f"from . import {target}\n")
    assert code_metrics.import_cycles(code_metrics.import_graph(tmp_path)) == [["a", "b", "c"]]


def test_code_lines_exclude_docstrings_only():
    source = 'def f(x):\n    """Doc\n\n    more.\n    """\n    # comment\n\n    return x\n'
    node = ast.parse(source).body[0]
    assert code_metrics.code_lines(node) == 4  # def, comment, blank line, return


def test_long_functions_are_reported(tmp_path):
    body = "".join(f"    x{i} = {i}\n" for i in range(85))
    (tmp_path / "m.py").write_text(f"def long():\n{body}\n\ndef short():\n    return 1\n")
    assert code_metrics.long_functions(80, root=tmp_path) == [("m.long", 86)]
    assert code_metrics.long_functions(80, only={"other"}, root=tmp_path) == []


@pytest.mark.parametrize("module", MODULES)
def test_no_function_over_80_code_lines(module):
    stem = module.removesuffix(".py")
    assert code_metrics.long_functions(MAX_FUNCTION_LINES, only={stem}, root=PACKAGE) == []


def test_module_code_lines_leave_out_docstrings_comments_and_blank_lines(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(
        '"""Module doc.\n\nMore.\n"""\n\n'
        "# a comment\n"
        "import os  # a trailing comment: the line holds code\n\n\n"
        "class C:\n"
        '    """Class doc."""\n\n'
        "    def f(self):\n"
        '        """Method doc,\n        on two lines."""\n'
        '        text = """a string\n# not a comment\n"""\n'
        "        return (\n            text\n        )\n"
    )
    # import, class, def, the three lines of the string, the three lines of the return
    assert code_metrics.module_code_lines(path) == 9
    assert code_metrics.long_modules(8, root=tmp_path) == [("m", 9)]
    assert code_metrics.long_modules(9, root=tmp_path) == []


@pytest.mark.parametrize("module", MODULES)
def test_no_module_over_500_code_lines(module):
    lines = code_metrics.module_code_lines(PACKAGE / module)
    if module in PENDING:
        assert lines > MAX_MODULE_LINES, (
            f"{module} is down to {lines} code lines: take it off PENDING in this file"
        )
    else:
        assert lines <= MAX_MODULE_LINES, (
            f"{module} has {lines} code lines (docstrings, comments and blank lines aside); "
            f"split it below {MAX_MODULE_LINES} by topic"
        )


def test_pending_modules_exist():
    assert PENDING <= set(MODULES), PENDING - set(MODULES)
