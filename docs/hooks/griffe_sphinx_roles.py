"""Griffe extension: read the Sphinx roles of our numpydoc docstrings as Markdown.

The library's docstrings are numpydoc, written to read well in ``help()`` and in the style of
numpy and scikit-learn: ``:math:`f'(x)```, ``.. math::`` blocks and ``:class:`Tanh``` references.
mkdocstrings renders docstrings as Markdown, where those would show up verbatim. Before rendering,
this extension rewrites, in every docstring:

- ``:math:`x``` to ``\\(x\\)`` and a ``.. math::`` block to ``\\[ ... \\]`` (pymdownx.arithmatex,
  typeset by MathJax);
- ``:class:`X```, ``:func:``, ``:meth:``, ``:attr:``, ``:data:``, ``:mod:``, ``:exc:``,
  ``:obj:`` to a cross-reference ``[`X`][full.path]`` when ``X`` is found among the loaded
  objects (relative to the object, its class or its module) and is rendered (public, with a
  docstring, in a module that has a page under ``docs/api/``), or to plain code ``` `X` ```
  otherwise, so that an unknown target never breaks ``mkdocs build --strict``.

The docstrings in ``src/`` are not changed. Loaded from ``mkdocs.yml``
(``plugins.mkdocstrings.handlers.python.options.extensions``).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import griffe

# Modules that have an API page (docs/api/<name>.md with "::: <module>"): links to anything else
# would not resolve.
_API_DIR = Path(__file__).resolve().parent.parent / "api"
_DIRECTIVE = re.compile(r"^:::\s+([\w.]+)", re.MULTILINE)


def _documented_modules() -> set[str]:
    found = set()
    for page in _API_DIR.glob("*.md"):
        found.update(_DIRECTIVE.findall(page.read_text(encoding="utf-8")))
    return found


_MATH_ROLE = re.compile(r":math:`([^`]+)`")
_XREF_ROLE = re.compile(r":(?:py:)?(class|func|meth|attr|data|mod|exc|obj):`([^`]+)`")
_MATH_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\. math::[ \t]*(?P<rest>.*)$")


def _math_blocks(text: str) -> str:
    """Turn every ``.. math::`` directive (and its indented body) into an arithmatex block."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _MATH_DIRECTIVE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = match["indent"]
        body = [match["rest"]] if match["rest"].strip() else []
        i += 1
        while i < len(lines):
            line = lines[i]
            if line.strip() and len(line) - len(line.lstrip()) <= len(indent):
                break
            body.append(line)
            i += 1
        formula = textwrap.dedent("\n".join(body)).strip("\n")
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}\\[")
        out.extend(f"{indent}{row}" if row.strip() else "" for row in formula.split("\n"))
        out.append(f"{indent}\\]")
        out.append("")
    return "\n".join(out)


def _resolve(name: str, obj: griffe.Object, collection) -> str | None:
    """Return the full path of ``name`` seen from ``obj``, or None if it is not loaded."""
    name = name.lstrip("~!.")
    scopes = [obj]
    parent = obj.parent
    while parent is not None:
        scopes.append(parent)
        parent = parent.parent
    candidates = [f"{scope.path}.{name}" for scope in scopes] + [name]
    for path in candidates:
        try:
            target = collection.get_member(path)
        except (KeyError, ValueError, AttributeError, griffe.AliasResolutionError):
            continue
        if target.is_alias:
            # An import: link to where it is defined, if that is in this package.
            try:
                target = target.final_target
            except (griffe.AliasResolutionError, griffe.CyclicAliasError):
                return None
            if target.package.path != obj.package.path:
                return None
            path = target.path
        # mkdocstrings renders only documented, non-private objects of modules that have a page:
        # link to nothing else.
        private = any(p.startswith("_") and not p.endswith("__") for p in path.split("."))
        module = target if target.is_module else target.module
        if private or not target.docstring or module.path not in _documented_modules():
            return None
        return path
    return None


def rewrite(text: str, obj: griffe.Object, collection) -> str:
    """Return the docstring ``text`` with its Sphinx roles and math blocks turned into Markdown."""
    text = _math_blocks(text)
    text = _MATH_ROLE.sub(lambda m: f"\\({m[1]}\\)", text)

    def xref(match: re.Match) -> str:
        target = match[2].strip()
        # Sphinx's "title <target>" form.
        titled = re.fullmatch(r"(.+?)\s*<(.+)>", target)
        title, target = (titled[1], titled[2]) if titled else (None, target)
        if title is None:
            # "~a.b.C" shows as "C".
            short = target.startswith("~")
            title = target.lstrip("~!").rsplit(".", 1)[-1] if short else target.lstrip("!")
        shown = title
        path = _resolve(target, obj, collection)
        return f"[`{shown}`][{path}]" if path else f"`{shown}`"

    return _XREF_ROLE.sub(xref, text)


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx roles and ``.. math::`` blocks of every docstring into Markdown."""

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs) -> None:
        if obj.is_alias or obj.docstring is None:
            return
        obj.docstring.value = rewrite(obj.docstring.value, obj, loader.modules_collection)
