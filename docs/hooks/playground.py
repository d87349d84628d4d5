"""MkDocs hook: put the live playground into ``playground.md``.

The page's ``<!-- playground -->`` marker becomes the playground's root element, carrying the
site's palette (:func:`nnexplain.palette.as_dict` and the activations' colours) as JSON in
``data-palette``, so that ``docs/javascripts/playground.js`` holds no colour of its own, and the
two scripts, loaded by this page only (Material's instant navigation runs scripts of the page
content it swaps in).
"""

from __future__ import annotations

import html
import json

from mkdocs.exceptions import PluginError

from nnexplain import palette

MARKER = "<!-- playground -->"
PAGE = "playground.md"
SCRIPTS = ("playground-core.js", "playground.js")


def palette_json() -> str:
    """The colours the playground draws with, as JSON.

    Returns
    -------
    str
        :func:`nnexplain.palette.as_dict` plus ``"activations"``: the colour of each activation
        the playground offers.
    """
    colours = palette.as_dict()
    colours["activations"] = {
        name: palette.ACTIVATIONS[name]["color"] for name in ("tanh", "relu", "sigmoid", "identity")
    }
    return json.dumps(colours, sort_keys=True)


def playground_html(depth: int) -> str:
    """The root element and the script tags, for a page ``depth`` folders below the site root.

    Parameters
    ----------
    depth : int
        How many folders the page's URL is below the site's root (1 for ``playground/``).

    Returns
    -------
    str
    """
    up = "../" * depth
    scripts = "\n".join(f'<script src="{up}javascripts/{name}"></script>' for name in SCRIPTS)
    return (
        f'<div class="nnexplain-playground" data-palette="{html.escape(palette_json())}">\n'
        "<noscript><p>The playground trains a network in your browser and needs JavaScript."
        "</p></noscript>\n</div>\n" + scripts
    )


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"playground: {PAGE} has no {MARKER} marker")
    depth = page.url.strip("/").count("/") + 1 if page.url.strip("/") else 0
    return markdown.replace(MARKER, playground_html(depth), 1)
