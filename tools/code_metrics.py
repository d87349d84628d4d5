"""Code measures of ``src/nnexplain``: import cycles, long functions and long modules.

Run from the repository root::

    python tools/code_metrics.py            # report, exit status 1 when a measure fails
    python tools/code_metrics.py --max-lines 80 --max-module-lines 500 --only network training

*Import cycles* count every ``import`` of an nnexplain module, at module level or inside a
function (a function-level import that closes a cycle is still a cycle). *Code lines* of a
function are its lines from ``def`` to its last line, its docstrings excluded (blank and comment
lines count, which is how the numbers of issue 9 were measured). *Code lines* of a module are
the lines that hold code: docstrings (of the module, its classes and functions), comments and
blank lines are left out (issue 17).
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from pathlib import Path

PACKAGE = "nnexplain"
ROOT = Path(__file__).resolve().parents[1] / "src" / PACKAGE


def module_paths(root: Path = ROOT) -> list[Path]:
    """Every module of the package, those of its subpackages included."""
    return sorted(root.rglob("*.py"))


def module_name(path: Path, root: Path = ROOT) -> str:
    """Dotted name below the package: ``network``, ``explorable.points``; a subpackage's
    ``__init__.py`` is the subpackage itself (``explorable``)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _longest(parts: list[str], modules: set[str]) -> str | None:
    """The longest dotted prefix of ``parts`` that is a module."""
    for n in range(len(parts), 0, -1):
        name = ".".join(parts[:n])
        if name in modules:
            return name
    return None


def _resolve(node, modules: set[str], here: str = "", is_package: bool = False) -> set[str]:
    """The nnexplain modules (dotted names below the package) that an import statement reads,
    from module ``here`` (``is_package``: ``here`` is a subpackage's ``__init__``)."""
    found = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] == PACKAGE and len(parts) > 1:
                name = _longest(parts[1:], modules)
                if name:
                    found.add(name)
        return found
    if node.level == 0:
        parts = (node.module or "").split(".")
        if parts[0] != PACKAGE:
            return found
        rest = parts[1:]
    else:
        base = here.split(".") if here else []
        if not is_package:
            base = base[:-1]  # a module's own package
        drop = node.level - 1
        if drop > len(base):
            return found
        base = base[: len(base) - drop] if drop else base
        rest = base + ((node.module or "").split(".") if node.module else [])
    for alias in node.names:  # from x import y, where y may be a module of its own
        name = _longest([*rest, alias.name], modules)
        if name:
            found.add(name)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """``{module: modules it imports}`` over every import statement, function-level included.

    A module's edge to its own subpackage (``explorable.points`` reading ``explorable``'s
    ``__init__``) is left out: the ``__init__`` re-exports, as the package's does."""
    paths = module_paths(root)
    modules = {module_name(p, root) for p in paths}
    graph = {}
    for path in paths:
        here = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges = set()
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges |= _resolve(node, modules, here, is_package)
        edges.discard(here)
        edges.discard("__init__")  # the package itself re-exports; importing it is no edge back
        if not is_package:
            edges = {e for e in edges if not here.startswith(e + ".")}
        graph[here] = edges
    graph.pop("__init__", None)
    graph.pop("__main__", None)
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (each one is a cycle)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(result)


def _docstring_lines(node) -> set[int]:
    body = getattr(node, "body", [])
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        if isinstance(body[0].value.value, str):
            return set(range(body[0].lineno, body[0].end_lineno + 1))
    return set()


def code_lines(node) -> int:
    """Lines of a function from ``def`` to its end, its docstring (and nested ones) excluded."""
    skip = set()
    for inner in ast.walk(node):
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            skip |= _docstring_lines(inner)
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return sum(1 for number in range(start, node.end_lineno + 1) if number not in skip)


def function_lengths(path: Path, root: Path | None = None) -> list[tuple[str, int]]:
    """``(qualified name, code lines)`` of every function and method in ``path``."""
    source = path.read_text(encoding="utf-8")
    result = []

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                result.append((name, code_lines(child)))
                walk(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                walk(child, f"{prefix}{child.name}.")

    name = path.stem if root is None else module_name(path, root)
    walk(ast.parse(source), f"{name}.")
    return result


def long_functions(max_lines: int, only: set[str] | None = None, root: Path = ROOT):
    """``(name, code lines)`` of every function longer than ``max_lines``, longest first."""
    found = []
    for path in module_paths(root):
        if only is None or module_name(path, root) in only:
            found += [(n, c) for n, c in function_lengths(path, root) if c > max_lines]
    return sorted(found, key=lambda item: -item[1])


_NOT_CODE = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENCODING,
    tokenize.ENDMARKER,
}


def token_lines(source: str) -> set[int]:
    """Line numbers of ``source`` that hold a token other than a comment or a line break: blank
    and comment-only lines are left out, a string spanning several lines counts each."""
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _NOT_CODE:
            lines.update(range(token.start[0], token.end[0] + 1))
    return lines


def module_code_lines(path: Path) -> int:
    """Lines of ``path`` that hold code: docstrings, comments and blank lines excluded."""
    source = path.read_text(encoding="utf-8")
    lines = token_lines(source)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines -= _docstring_lines(node)
    return len(lines)


def module_sizes(root: Path = ROOT) -> dict[str, int]:
    """``{module: code lines}`` of every module in ``root``."""
    return {module_name(p, root): module_code_lines(p) for p in module_paths(root)}


def long_modules(max_lines: int, only: set[str] | None = None, root: Path = ROOT):
    """``(module, code lines)`` of every module longer than ``max_lines``, longest first."""
    sizes = module_sizes(root)
    found = [(m, n) for m, n in sizes.items() if n > max_lines and (only is None or m in only)]
    return sorted(found, key=lambda item: -item[1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-lines", type=int, default=80, help="longest allowed function")
    parser.add_argument(
        "--max-module-lines", type=int, default=500, help="longest allowed module (code lines)"
    )
    parser.add_argument("--only", nargs="*", help="modules to measure (default: all)")
    args = parser.parse_args(argv)
    cycles = import_cycles(import_graph())
    print(f"import cycles: {len(cycles)}")
    for cycle in cycles:
        print("  " + " <-> ".join(cycle))
    only = set(args.only) if args.only else None
    long = long_functions(args.max_lines, only)
    print(f"functions over {args.max_lines} code lines: {len(long)}")
    for name, count in long:
        print(f"  {name}: {count}")
    big = long_modules(args.max_module_lines, only)
    print(f"modules over {args.max_module_lines} code lines: {len(big)}")
    for name, count in big:
        print(f"  {name}: {count}")
    return 1 if cycles or long or big else 0


if __name__ == "__main__":
    sys.exit(main())
