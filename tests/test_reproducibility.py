"""Two builds of the site draw identical figures, pixel for pixel.

The first build is the one ``make test`` made (the ``built_site`` fixture); the second is a clean
build of a copy of ``mkdocs.yml``, ``docs/`` and ``gallery/`` in a temporary folder, so that no
example is skipped as unchanged. Every PNG of the gallery (figures and video posters) is decoded
and compared.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

yaml = pytest.importorskip("yaml")
pytest.importorskip("mkdocs_gallery")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("rebuild")
    skip = shutil.ignore_patterns("generated", "__pycache__", "*.pyc")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=skip)
    shutil.copytree(ROOT / "gallery", work / "gallery", ignore=skip)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            python = plugin["mkdocstrings"]["handlers"]["python"]
            python["paths"] = [str(ROOT / p) for p in python["paths"]]
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work / "site"


def _gallery_pngs(site: Path) -> dict:
    return {
        p.relative_to(site).as_posix(): p for p in (site / "generated" / "gallery").rglob("*.png")
    }


def test_two_builds_give_identical_figure_pixels(built_site, second_build):
    import matplotlib.image as mpimg

    first, second = _gallery_pngs(built_site), _gallery_pngs(second_build)
    assert first, "the gallery produced no PNG"
    assert sorted(first) == sorted(second)
    differ = []
    for name, path in first.items():
        a, b = mpimg.imread(path), mpimg.imread(second[name])
        if a.shape != b.shape or not np.array_equal(a, b):
            differ.append(name)
    assert differ == [], f"figures that changed between two builds: {differ}"
