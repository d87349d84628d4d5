"""MkDocs hook: typeset every formula at build time, as MathML.

``pymdownx.arithmatex`` (generic mode) wraps TeX in ``<span class="arithmatex">\\( .. \\)</span>``
and ``<div class="arithmatex">\\[ .. \\]</div>``. This hook replaces the TeX by MathML produced by
the pure-Python ``latex2mathml`` package, which browsers render natively (MathML Core). Pages need
no JavaScript and fetch nothing for their formulas; the TeX source stays in the MathML as an
``application/x-tex`` annotation for copy and assistive tools. A formula that cannot be
converted fails the build, naming the page and the TeX.
"""

from __future__ import annotations

import html
import re

from mkdocs.exceptions import PluginError

try:
    from latex2mathml.converter import convert
except ImportError as exc:  # pragma: no cover - exercised only without the docs extra
    raise PluginError("the docs need latex2mathml: pip install -e '.[docs]'") from exc

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
DELIMITERS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}


def tex_to_mathml(tex: str, *, display: bool) -> str:
    """MathML for one formula, with its TeX kept as an annotation."""
    mathml = convert(tex, display="block" if display else "inline")
    annotation = f'<annotation encoding="application/x-tex">{html.escape(tex)}</annotation>'
    # <math ...><mrow>..</mrow></math> -> <math ...><semantics><mrow>..</mrow>annotation</semantics>
    head, _, rest = mathml.partition(">")
    body = rest.rsplit("</math>", 1)[0]
    return f"{head}><semantics><mrow>{body}</mrow>{annotation}</semantics></math>"


def on_page_content(html_text, page, config, files):
    def replace(match):
        tag, body = match.groups()
        tex = html.unescape(body).strip()
        start, end = DELIMITERS[tag]
        if tex.startswith(start) and tex.endswith(end):
            tex = tex[len(start) : -len(end)].strip()
        try:
            mathml = tex_to_mathml(tex, display=tag == "div")
        except Exception as exc:  # latex2mathml raises many exception types
            raise PluginError(f"{page.file.src_path}: cannot typeset {tex!r}: {exc}") from exc
        return f'<{tag} class="arithmatex">{mathml}</{tag}>'

    return ARITHMATEX.sub(replace, html_text)
