"""A gallery example that raises must fail the site build, every time.

mkdocs-gallery records an example's MD5 hash; with its default settings a failed example is
recorded anyway, so an unchanged rebuild skips it and passes. The project's ``mkdocs.yml`` sets
``abort_on_example_error``; this test builds a small temporary project with the gallery settings
read from that file and a deliberately broken example, twice.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")
pytest.importorskip("mkdocs_gallery")

ROOT = Path(__file__).resolve().parents[1]
BROKEN = '''"""
# A broken page

This example raises on purpose.
"""

# %%
# ## The failing cell
values = [1, 2, 3]
raise RuntimeError("deliberately broken example")
'''


def _gallery_settings() -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "gallery" in plugin:
            return dict(plugin["gallery"])
    raise AssertionError("mkdocs.yml has no gallery plugin")


@pytest.fixture
def broken_project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    section = tmp_path / "gallery" / "section"
    section.mkdir(parents=True)
    (tmp_path / "gallery" / "README.md").write_text("# Gallery\n")
    (section / "README.md").write_text("# Section\n")
    (section / "plot_broken.py").write_text(BROKEN)
    settings = _gallery_settings()
    settings.update(examples_dirs="gallery", gallery_dirs="docs/generated/gallery")
    config = {
        "site_name": "broken",
        "nav": [{"Home": "index.md"}, {"Gallery": "generated/gallery"}],
        "plugins": [{"gallery": settings}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return tmp_path


def _build(project):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_broken_example_fails_the_build_and_every_rebuild(broken_project):
    first = _build(broken_project)
    assert first.returncode != 0, "a raising example must fail the build"
    output = first.stdout + first.stderr
    assert "plot_broken.py" in output
    assert "Traceback" in output and "deliberately broken example" in output
    second = _build(broken_project)  # nothing changed
    assert second.returncode != 0, "an unchanged rebuild after a failure must still fail"
    assert "deliberately broken example" in second.stdout + second.stderr
