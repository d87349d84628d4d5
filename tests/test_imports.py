"""The modules of nnexplain import each other without a cycle, function-level imports included,
and (for the modules listed) no function is longer than 80 code lines."""

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


@pytest.mark.parametrize(
    "module",
    sorted(p.stem for p in PACKAGE.glob("*.py")),
)
def test_no_function_over_80_code_lines(module):
    assert code_metrics.long_functions(80, only={module}, root=PACKAGE) == []
