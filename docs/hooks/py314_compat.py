"""MkDocs hook: let mkdocs-gallery 0.10.4 read gallery scripts on Python 3.14.

mkdocs-gallery 0.10.4 (its last release) finds a script's docstring with ``ast.Str`` and
reads it with ``node.s`` (``mkdocs_gallery/py_source_parser.py``, ``_get_docstring_and_rest``).
Both were deprecated in Python 3.8 and removed in 3.14, where every example would fail. On a
Python without ``ast.Str`` this hook puts back the two names, with their old meaning and nothing
more:

- ``ast.Str``: ``isinstance(node, ast.Str)`` is true for an ``ast.Constant`` holding a ``str``;
- ``ast.Constant.s``: the constant's ``value``.

On Python 3.10-3.13 it does nothing. ``tests/test_docs_hooks.py`` removes both names in a fresh
interpreter, shows that mkdocs-gallery's parser then fails, and that it reads a gallery script
again once :func:`install` has run.
"""

from __future__ import annotations

import ast
import warnings


class _StrMeta(type):
    def __instancecheck__(cls, node):
        return isinstance(node, ast.Constant) and isinstance(node.value, str)


class _Str(metaclass=_StrMeta):
    """Stand-in for the removed ``ast.Str``: only ``isinstance`` checks are supported."""

    def __new__(cls, *args, **kwargs):
        raise TypeError("ast.Str was removed in Python 3.14; use ast.Constant")


def install() -> bool:
    """Restore ``ast.Str`` and ``ast.Constant.s`` where they are missing; True if it did."""
    with warnings.catch_warnings():  # 3.12 and 3.13 warn on ast.Str
        warnings.simplefilter("ignore", DeprecationWarning)
        if hasattr(ast, "Str"):
            return False
    ast.Str = _Str
    if not hasattr(ast.Constant, "s"):
        ast.Constant.s = property(lambda node: node.value)
    return True


def on_startup(command, dirty):
    install()
