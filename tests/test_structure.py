"""The shape of the package, measured by ``tools/code_metrics.py`` (issue 17): the modules of
nnexplain import each other without a cycle (function-level imports included), no function is
longer than 80 code lines and no module longer than 500 (docstrings, comments and blank lines
aside)."""

import ast
from pathlib import Path

import pytest
from conftest import load_code_metrics

ROOT = Path(__file__).resolve().parents[1]
code_metrics = load_code_metrics()

PACKAGE = ROOT / "src" / "nnexplain"
MODULES = [code_metrics.module_name(p) for p in code_metrics.module_paths(PACKAGE)]
FILES = dict(zip(MODULES, code_metrics.module_paths(PACKAGE), strict=True))
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500


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
    assert code_metrics.long_functions(MAX_FUNCTION_LINES, only={module}, root=PACKAGE) == []


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
    lines = code_metrics.module_code_lines(FILES[module])
    assert lines <= MAX_MODULE_LINES, (
        f"{module} has {lines} code lines (docstrings, comments and blank lines aside); "
        f"split it below {MAX_MODULE_LINES} by topic"
    )


def test_subpackages_are_measured():
    """The explorable package's modules are measured one by one, not skipped."""
    assert {"explorable", "explorable.figure", "explorable.kinds.points"} <= set(MODULES)


def test_subpackage_modules_and_relative_imports(tmp_path):
    """Modules of a subpackage have dotted names; ``..`` reaches the package, ``.`` the
    subpackage; a module reading its own subpackage's ``__init__`` is no edge."""
    (tmp_path / "net.py").write_text("from .fig import kinds\n")
    (tmp_path / "fig").mkdir()
    (tmp_path / "fig" / "__init__.py").write_text("from .kinds import K\nfrom . import core\n")
    (tmp_path / "fig" / "kinds.py").write_text("from .. import net\nfrom . import core\n")
    (tmp_path / "fig" / "core.py").write_text("import numpy\nfrom ..fig import K\n")
    graph = code_metrics.import_graph(tmp_path)
    assert graph == {
        "net": {"fig.kinds"},
        "fig": {"fig.kinds", "fig.core"},
        "fig.kinds": {"net", "fig.core"},
        "fig.core": set(),
    }
    assert code_metrics.import_cycles(graph) == [["fig.kinds", "net"]]


# The four layers of CONTRIBUTING.md ("Where things go"): a module imports only from its own
# layer and the layers before it, so no computing module reaches drawing code.
LAYERS = [
    "_validation _files _named memory activations initializers _backprop network losses "
    "optimizers training datasets mnist io adapters",
    "palette warps frames fields projections journey replay distributions gradients similarity "
    "separability experiments explorable",
    "_style plot weight_images animator animate fallback video",
    "scraper checks cli",
]


def _layer(module: str) -> int:
    top = module.split(".")[0]
    for i, names in enumerate(LAYERS):
        if top in names.split():
            return i
    raise AssertionError(f"{module} is in no layer of LAYERS (and of CONTRIBUTING.md)")


def test_every_module_imports_only_from_its_layer_or_the_ones_before():
    graph = code_metrics.import_graph(PACKAGE)
    upward = [
        (m, e) for m, edges in sorted(graph.items()) for e in sorted(edges) if _layer(e) > _layer(m)
    ]
    assert upward == []


def test_an_upward_import_is_caught(tmp_path):
    (tmp_path / "journey.py").write_text("from .plot import plot_points\n")
    (tmp_path / "plot.py").write_text("import numpy\n")
    graph = code_metrics.import_graph(tmp_path)
    assert [(m, e) for m, es in graph.items() for e in es if _layer(e) > _layer(m)] == [
        ("journey", "plot")
    ]
