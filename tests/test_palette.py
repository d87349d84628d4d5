"""The palette: one meaning per hue, no matplotlib, JSON-ready."""

import ast
import itertools
import json
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
    for table in (palette.ACTIVATIONS, palette.INITIALISERS):
        styles = [(s["color"], str(s["linestyle"])) for s in table.values()]
        assert len(set(styles)) == len(styles)


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
