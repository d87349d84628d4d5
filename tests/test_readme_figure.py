"""The picture at the top of README.md is what ``docs/assets/readme_figure.py`` draws."""

import importlib.util
from pathlib import Path

import numpy as np

SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "readme_figure.py"


def test_readme_picture_is_up_to_date(tmp_path):
    import matplotlib.image as mpimg

    spec = importlib.util.spec_from_file_location("readme_figure", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = mpimg.imread(module.draw(tmp_path / "readme.png"))
    committed = mpimg.imread(module.OUT)
    assert fresh.shape == committed.shape
    # Identical on the machine that drew it; a small tolerance absorbs font-rendering changes
    # across matplotlib/freetype releases, not a different picture.
    assert np.abs(fresh - committed).mean() < 0.01, "run python docs/assets/readme_figure.py"
