"""A small mkdocs project with the real gallery settings and hooks, for tests that run a real
``mkdocs build`` or ``mkdocs serve`` on a few examples (tests/test_serve_failures.py,
tests/test_interrupted_build.py)."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def real_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def gallery_settings(config) -> dict:
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "gallery" in plugin:
            settings = dict(plugin["gallery"])
            settings.update(examples_dirs="gallery", gallery_dirs="docs/generated/gallery")
            return settings
    raise AssertionError("mkdocs.yml has no gallery plugin")


def make_project(path: Path, examples: dict, name: str, *, hooks: dict | None = None) -> Path:
    """A site named ``name`` whose one gallery section holds ``examples`` (file name: text).

    ``hooks`` (file name: text) are extra mkdocs hooks written into the project and loaded after
    the real ones: the tests' fault injection.
    """
    config = real_config()
    (path / "docs").mkdir(parents=True)
    (path / "docs" / "index.md").write_text("# Home\n")
    section = path / "gallery" / "section"
    section.mkdir(parents=True)
    (path / "gallery" / "README.md").write_text("# Gallery\n")
    (section / "README.md").write_text("# Section\n")
    for file_name, text in examples.items():
        (section / file_name).write_text(text)
    extra = []
    for file_name, text in (hooks or {}).items():
        (path / file_name).write_text(text)
        extra.append(str(path / file_name))
    site = {
        "site_name": name,
        "strict": True,
        "nav": [{"Home": "index.md"}, {"Gallery": "generated/gallery"}],
        "hooks": [str(ROOT / hook) for hook in config["hooks"]] + extra,
        "exclude_docs": config["exclude_docs"],
        "plugins": [{"gallery": gallery_settings(config)}],
    }
    (path / "mkdocs.yml").write_text(yaml.safe_dump(site))
    return path


def project_env(**extra) -> dict:
    """The environment of a build: this checkout's library first, Agg, one BLAS thread."""
    python_path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        MPLBACKEND="Agg",
        OPENBLAS_NUM_THREADS="1",
        PYTHONPATH=python_path,
        **extra,
    )
