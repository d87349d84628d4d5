"""MkDocs hook: the ``<!-- palette -->`` marker of "How to read the figures" becomes a table of
the site's colours, read from :mod:`nnexplain.palette` when the site is built, so that the page
cannot drift from what the figures use."""

from __future__ import annotations

import html

from mkdocs.exceptions import PluginError

from nnexplain import palette

MARKER = "<!-- palette -->"
_LINES = {"-": "solid", "--": "dashed", "-.": "dash-dot", ":": "dotted"}
_MARKERS = {("o", True): "●", ("o", False): "○", ("s", True): "■", ("s", False): "□",
            ("^", True): "▲", ("^", False): "△", ("D", True): "◆", ("D", False): "◇"}  # fmt: skip
PAGE = "reading-the-figures.md"


def _swatch(color: str, label: str, *, marker: str = "") -> str:
    box = (
        f'<span class="nx-swatch" style="background:{color}" aria-hidden="true"></span>'
        if color
        else ""
    )
    extra = f" ({html.escape(marker)})" if marker else ""
    return f"{box}{html.escape(label)}{extra} <code>{color}</code>"


def rows() -> list[tuple[str, list[str]]]:
    """(role, swatches) for every role of the palette, in the order of its table."""
    classes = [_swatch(c, f"class {k}") for k, c in enumerate(palette.CLASSES)]
    classes.append(_swatch(palette.NEUTRAL["ink"], "classes 2 and up", marker="▲ ◆ ▼ …"))
    signed = [_swatch(palette.SIGNED[k], k) for k in ("negative", "zero", "positive")]
    activations = [
        _swatch(s["color"], name, marker=_LINES.get(str(s["linestyle"]), "long dashes"))
        for name, s in palette.ACTIVATIONS.items()
    ]
    inits = [
        _swatch(s["color"], name, marker=_MARKERS[s["marker"], s["filled"]])
        for name, s in palette.INITIALISERS.items()
    ]
    neutral = [_swatch(c, name.replace("_", " ")) for name, c in palette.NEUTRAL.items()]
    probability = [
        _swatch(c, f"p = {p}") for p, c in zip(("0", "1/2", "1"), palette.PROBABILITY, strict=True)
    ]
    return [
        ("classes", classes),
        ("probability of class 1", probability),
        ("signed values (weights, unit responses)", signed),
        ("activations", activations),
        ("initialisers", inits),
        ("neutral (no meaning)", neutral),
    ]


def table() -> str:
    body = "".join(
        f'<tr><th scope="row">{html.escape(role)}</th><td>{"<br>".join(cells)}</td></tr>'
        for role, cells in rows()
    )
    return (
        '<table class="nx-palette"><thead><tr><th scope="col">role</th>'
        f'<th scope="col">colours</th></tr></thead><tbody>{body}</tbody></table>'
    )


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"palette_table: {PAGE} has lost its {MARKER} marker")
    return markdown.replace(MARKER, table())
