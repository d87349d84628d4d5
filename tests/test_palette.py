"""The palette: one meaning per hue, no matplotlib, JSON-ready."""

import ast
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from nnexplain import palette
from nnexplain.activations import ACTIVATIONS

SRC = Path(palette.__file__)


def _lab(color: str) -> np.ndarray:
    """CIELAB (D65) of a "#rrggbb" colour, from the sRGB formulas."""
    rgb = np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    rgb = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _delta_e(a: str, b: str) -> float:
    return float(np.linalg.norm(_lab(a) - _lab(b)))


def test_lab_against_known_values():
    # the CIELAB of pure white and of sRGB red (published: L 53.24, a 80.09, b 67.20)
    np.testing.assert_allclose(_lab("#ffffff"), [100, 0, 0], atol=0.05)
    np.testing.assert_allclose(_lab("#ff0000"), [53.24, 80.09, 67.20], atol=0.1)


def test_no_colour_serves_two_roles():
    roles = palette.role_colors()
    owners = {}
    for role, colors in roles.items():
        for c in colors:
            assert owners.setdefault(c, role) == role, f"{c} is in {owners[c]} and {role}"


def test_colours_of_different_roles_are_told_apart():
    # CIE76 distance of at least 30 between any two colours of different roles (and from the
    # neutral greys), so that no hue can be read as another role's
    roles = dict(palette.role_colors(), neutral=tuple(palette.NEUTRAL.values()))
    worst = min(
        (_delta_e(a, b), a, b)
        for (r1, c1), (r2, c2) in itertools.combinations(roles.items(), 2)
        for a in c1
        for b in c2
    )
    assert worst[0] >= 30, worst


def test_every_activation_and_initialiser_has_a_distinct_style():
    assert set(palette.ACTIVATIONS) == set(ACTIVATIONS)
    styles = [(s["color"], str(s["linestyle"])) for s in palette.ACTIVATIONS.values()]
    assert len(set(styles)) == len(styles)
    inits = [(s["color"], s["marker"], s["filled"]) for s in palette.INITIALISERS.values()]
    assert len(set(inits)) == len(inits)
    assert list(palette.INITIALISERS) == ["std 1", "std 0.01", "Xavier", "He"]


def test_init_style():
    assert palette.init_style("std 1") == {"color": "#8c510a", "marker": "o"}
    assert palette.init_style("std 0.01")["markerfacecolor"] == "#ffffff"
    assert palette.init_style("He", marker=False) == {"color": "#9a9a00"}
    with pytest.raises(ValueError, match="name must be one of 'std 1', .* got 'Glorot'"):
        palette.init_style("Glorot")


def test_class_style():
    assert palette.class_color(0) == "#1f77b4" and palette.class_color(1) == "#d62728"
    assert palette.class_color(5) == palette.NEUTRAL["ink"]
    markers = {palette.class_style(k)["marker"] for k in range(10)}
    assert len(markers) == 10
    with pytest.raises(ValueError, match="k must be a class label >= 0, got -1"):
        palette.class_color(-1)
    with pytest.raises(TypeError, match="k must be an integer class label, got 1.5"):
        palette.class_color(1.5)


def test_as_dict_is_json_and_hex():
    data = json.loads(json.dumps(palette.as_dict()))
    flat = [*data["classes"], *data["probability"], *data["signed"].values()]
    flat += list(data["neutral"].values())
    assert all(len(c) == 7 and c[0] == "#" and int(c[1:], 16) >= 0 for c in flat)


def test_imports_nothing_but_the_standard_library():
    tree = ast.parse(SRC.read_text())
    names = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    names |= {
        n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
    }
    assert names <= {"__future__", "operator"}, names


ROOT = Path(__file__).resolve().parents[1]
HEX = r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b"
HUE_NAMES = r"red|blue|green|orange|purple|yellow|cyan|magenta|pink|brown|olive|teal|navy"
# colour literals that bypass the palette: hex, matplotlib's cycle ("C3"), named hues, and
# colormaps other than the neutral greys
LITERAL = re.compile(
    rf"({HEX})|[\"']C\d[\"']|(colou?rs?|mec|mfc|fc|ec)\s*=\s*[\"']({HUE_NAMES})[\"']"
    r"|cmap\s*=\s*[\"'](?!gray|gray_r|Greys|signed)[^\"']+[\"']"
)


def _literals(paths):
    found = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERAL.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    return found


def test_the_literal_pattern_finds_what_it_should():
    bad = [
        'color="#d62728"',
        "ctx.fillStyle = '#abc';",
        'color="C3"',
        'mec="green"',
        'cmap="RdBu_r"',
    ]
    good = ['color="0.4"', 'cmap="gray_r"', 'cmap=["gray_r", "signed"]', "var reds = 3;"]
    assert all(LITERAL.search(s) for s in bad)
    assert not any(LITERAL.search(s) for s in good)


def test_no_colour_literal_outside_the_palette():
    js = sorted((ROOT / "docs" / "javascripts").glob("*.js"))
    package = ROOT / "src" / "nnexplain"
    src = [p for p in sorted(package.rglob("*.py")) if p != package / "palette.py"]
    gallery = sorted((ROOT / "gallery").rglob("*.py"))
    assert js and gallery
    # the subpackages (explorable/, explorable/kinds/) are searched too
    assert package / "explorable" / "kinds" / "points.py" in src
    assert _literals(js + src + gallery) == []
