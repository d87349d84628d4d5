r"""The site's colours: one meaning per hue, written down once.

Every figure of the library, the gallery and the explorable player takes its colours from here,
by *role*. A hue belongs to one role only; where a figure needs more categories than its role has
hues, it tells them apart by line style or marker, never by borrowing another role's hue.

========================  ==========================================================
role                      colours
========================  ==========================================================
:data:`CLASSES`           class 0 blue, class 1 red (as in the source articles);
                          classes 2 and up are drawn in :data:`NEUTRAL` ink and told
                          apart by :data:`CLASS_MARKERS`
:data:`PROBABILITY`       a ramp from class 0's blue through white to class 1's red:
                          the probability of class 1
:data:`SIGNED`            values with a sign (weights, differences): purple below zero,
                          white at zero, green above
:data:`ACTIVATIONS`       orange for the sigmoid family, teal for tanh, magenta for the
                          ReLU family, ink for the identity; members of a family differ
                          by line style
:data:`INITIALISERS`      brown for a fixed weight std (std 1, std 0.01), olive for a
                          std scaled by the fan-in (Xavier, He); members of a family
                          differ by marker and fill (:func:`init_style`)
:data:`NEUTRAL`           greys with no meaning of their own: ink for text and reference
                          lines, grid lines, the input's grid, bars and panels
========================  ==========================================================

This module imports nothing beyond the standard library, so the maths modules, the explorable
writer and the site's hooks can read it without matplotlib; :mod:`nnexplain.plot` builds the
matplotlib colormaps from it, and every explorable manifest carries :func:`as_dict` so that the
player in the browser holds no colour of its own.

Examples
--------
>>> from nnexplain import palette
>>> palette.class_color(1)
'#d62728'
>>> palette.ACTIVATIONS["tanh"]["color"]
'#01858a'
"""

from __future__ import annotations

import operator

__all__ = [
    "ACTIVATIONS",
    "CLASSES",
    "CLASS_MARKERS",
    "INITIALISERS",
    "NEUTRAL",
    "PROBABILITY",
    "SIGNED",
    "as_dict",
    "class_color",
    "class_style",
    "init_style",
    "role_colors",
]

#: Class ``k`` for ``k`` in 0, 1: blue and red, as in the source articles.
CLASSES = ("#1f77b4", "#d62728")

#: Markers of classes 0, 1, 2, ... (classes 2 and up have no hue: ink and their marker).
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "p")

#: Greys without a meaning: ``ink`` (text, reference curves, classes past the second), ``axis``
#: (the origin and axes), ``grid`` (grid lines carried through a network), ``input_grid`` (the
#: original grid, drawn under the moving one), ``bars`` (histogram bars and panels without a role),
#: ``paper`` (the background).
NEUTRAL = {
    "ink": "#333333",
    "axis": "#4d4d4d",
    "grid": "#8c8c8c",
    "input_grid": "#d0d0d0",
    "bars": "#6b6b6b",
    "paper": "#ffffff",
}

#: The probability of class 1: class 0's blue at 0, white at 1/2, class 1's red at 1.
PROBABILITY = (CLASSES[0], "#ffffff", CLASSES[1])

#: Signed values: purple below zero, white at zero, green above (a colour-blind-safe diverging
#: pair that shares no hue with the classes).
SIGNED = {"negative": "#762a83", "zero": "#f7f7f7", "positive": "#1b7837"}

_SIGMOID, _TANH, _RELU = "#e08214", "#01858a", "#c51b7d"

#: Colour and line style of each activation of :data:`nnexplain.activations.ACTIVATIONS`: one hue
#: per family, a line style per member.
ACTIVATIONS = {
    "identity": {"color": NEUTRAL["ink"], "linestyle": ":"},
    "sigmoid": {"color": _SIGMOID, "linestyle": "-"},
    "softmax": {"color": _SIGMOID, "linestyle": "--"},
    "tanh": {"color": _TANH, "linestyle": "-"},
    "relu": {"color": _RELU, "linestyle": "-"},
    "leaky_relu": {"color": _RELU, "linestyle": "--"},
    "elu": {"color": _RELU, "linestyle": "-."},
    "softplus": {"color": _RELU, "linestyle": ":"},
    "gelu": {"color": _RELU, "linestyle": (0, (5, 1))},
}

_FIXED, _SCALED = "#8c510a", "#9a9a00"

#: Colour, marker and fill of each weight initialisation of seed 002: brown for a fixed std, olive
#: for a std scaled by the fan-in; within a family the first is filled, the second hollow (line
#: styles stay free for what a figure compares, such as measured against bound).
INITIALISERS = {
    "std 1": {"color": _FIXED, "marker": "o", "filled": True},
    "std 0.01": {"color": _FIXED, "marker": "s", "filled": False},
    "Xavier": {"color": _SCALED, "marker": "^", "filled": True},
    "He": {"color": _SCALED, "marker": "D", "filled": False},
}


def init_style(name, *, marker=True) -> dict:
    """Matplotlib keywords for initialisation ``name``: ``color``, and with ``marker=True`` its
    ``marker`` and a white face (``markerfacecolor``) when it is the hollow one of its family.

    Examples
    --------
    >>> init_style("He")
    {'color': '#9a9a00', 'marker': 'D', 'markerfacecolor': '#ffffff'}
    """
    try:
        style = INITIALISERS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"name must be one of {', '.join(map(repr, INITIALISERS))}; got {name!r}"
        ) from None
    kw = {"color": style["color"]}
    if marker:
        kw["marker"] = style["marker"]
        if not style["filled"]:
            kw["markerfacecolor"] = NEUTRAL["paper"]
    return kw


def class_color(k) -> str:
    """The colour of class ``k``: blue, red, then ink for classes 2 and up.

    Parameters
    ----------
    k : int
        A class label, 0 or more.

    Returns
    -------
    str
        A ``"#rrggbb"`` colour.
    """
    k = _class_index(k)
    return CLASSES[k] if k < len(CLASSES) else NEUTRAL["ink"]


def class_style(k) -> dict:
    """The colour and marker of class ``k`` (``{"color": ..., "marker": ...}``).

    Markers repeat after :data:`CLASS_MARKERS` runs out (ten classes).
    """
    k = _class_index(k)
    return {"color": class_color(k), "marker": CLASS_MARKERS[k % len(CLASS_MARKERS)]}


def _class_index(k) -> int:
    try:
        k = operator.index(k)
    except TypeError:
        raise TypeError(f"k must be an integer class label, got {k!r}") from None
    if k < 0:
        raise ValueError(f"k must be a class label >= 0, got {k}")
    return k


def role_colors() -> dict:
    """Every hue by role, as ``{role: tuple of "#rrggbb"}``; the neutral greys are no role."""
    return {
        "classes": CLASSES,
        "signed": (SIGNED["negative"], SIGNED["positive"]),
        # the identity is "no activation": drawn in neutral ink, it is no activation hue
        "activations": tuple(
            dict.fromkeys(s["color"] for s in ACTIVATIONS.values() if s["color"] != NEUTRAL["ink"])
        ),
        "initialisers": tuple(dict.fromkeys(s["color"] for s in INITIALISERS.values())),
    }


def as_dict() -> dict:
    """The palette as plain JSON-ready data: what an explorable manifest carries.

    Returns
    -------
    dict
        ``{"classes": [...], "probability": [...], "signed": {...}, "neutral": {...}}``; the
        player draws with these colours only.
    """
    return {
        "classes": list(CLASSES),
        "probability": list(PROBABILITY),
        "signed": dict(SIGNED),
        "neutral": dict(NEUTRAL),
    }
