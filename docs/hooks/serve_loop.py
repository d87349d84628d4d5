"""MkDocs hook: a gallery that follows the library it draws with.

mkdocs-gallery runs an example again only when the example's own file changed: it compares the
file's md5 with the ``<example>.py.md5`` it wrote after the last successful run
(``GalleryScript.has_changed_wrt_persisted_md5`` / ``write_final_md5_file`` in
``mkdocs_gallery/gen_data_model.py``). A change to ``src/nnexplain`` would leave every figure
stale. This hook makes the library part of that cache key:

- the key written to ``<example>.py.md5`` is ``md5(<example md5> + <library hash>)``, where the
  library hash is the md5 of every ``.py`` file of the ``nnexplain`` package the examples import;
  an edited example re-runs alone, an edited library re-runs every example;
- when the library hash changes within one ``mkdocs serve`` process, the ``nnexplain`` modules
  are dropped from ``sys.modules`` before the gallery plugin reads its configuration, so the
  examples (and the image scraper) import the edited code and not the copy loaded at start-up;
- a thumbnail newer than its figure is kept instead of being rescaled on every build;
- while serving, Python writes no bytecode, so importing the edited library does not write
  ``src/nnexplain/__pycache__`` and trigger a second, useless rebuild.

``mkdocs serve`` watches ``gallery/`` and the library's folder (added in ``on_serve``; a
``watch:`` entry in ``mkdocs.yml`` would fail the builds of copies of the site that have no
``src/``), and
``NNEXPLAIN_FULL_SITE=false`` (``make serve``; ``make serve FULL=1`` keeps them) switches off the
search and mkdocstrings plugins (their ``enabled`` option, which both check at every event),
the two slowest steps of a rebuild; the API pages then say so instead of showing a raw ``:::``
directive.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

_STATE = {"library_hash": None}
# plugins the fast preview switches off: the search index and the API reference
FAST_OFF = ("search", "material/search", "mkdocstrings")


def package_dir() -> Path:
    """The folder of the ``nnexplain`` package the examples import (not importing it)."""
    spec = importlib.util.find_spec("nnexplain")
    if spec is None or spec.origin is None:
        raise RuntimeError("the nnexplain package is not importable; pip install -e .")
    return Path(spec.origin).parent


def library_hash(root: Path | None = None) -> str:
    """The md5 of every ``.py`` file (path and text) under ``root``, by default the folder of
    the ``nnexplain`` package the examples import."""
    root = package_dir() if root is None else root
    digest = hashlib.md5()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def cache_key(script_md5: str, lib_hash: str) -> str:
    """What ``<example>.py.md5`` holds: the example's md5 combined with the library's."""
    return hashlib.md5(f"{script_md5}:{lib_hash}".encode()).hexdigest()


def install_cache_key() -> None:
    """Make the library hash part of mkdocs-gallery's per-example cache key (idempotent)."""
    from mkdocs_gallery.gen_data_model import GalleryScript

    if getattr(GalleryScript, "_nnexplain_cache_key", False):
        return

    def _key(self) -> str:
        lib = _STATE["library_hash"] or library_hash()
        return cache_key(self.py_file_md5, lib)

    def write_final_md5_file(self):
        self.md5_file.write_text(_key(self))

    def has_changed_wrt_persisted_md5(self) -> bool:
        return not self.md5_file.exists() or self.md5_file.read_text() != _key(self)

    GalleryScript.write_final_md5_file = write_final_md5_file
    GalleryScript.has_changed_wrt_persisted_md5 = has_changed_wrt_persisted_md5
    GalleryScript._nnexplain_cache_key = True


def install_thumbnail_cache() -> None:
    """Keep a gallery thumbnail that is newer than its source figure (idempotent).

    mkdocs-gallery rescales every example's thumbnail on every build, run or skipped
    (``create_thumb_from_image`` in ``gen_single.py``), the largest cost of its part of a
    rebuild when no example runs. A re-run example rewrites its figures, so a thumbnail older
    than its figure is made again.
    """
    from mkdocs_gallery import gen_single

    original = gen_single.create_thumb_from_image
    if getattr(original, "_nnexplain_cached", False):
        return

    def create_thumb_from_image(script, src_image_path):
        try:
            src, ext = gen_single._find_image_ext(Path(src_image_path))
        except Exception:  # no figure: mkdocs-gallery's own fallbacks
            return original(script, src_image_path)
        thumb = script.get_thumbnail_file(ext)
        if thumb.is_file() and thumb.stat().st_mtime_ns >= src.stat().st_mtime_ns:
            return thumb
        return original(script, src_image_path)

    create_thumb_from_image._nnexplain_cached = True
    gen_single.create_thumb_from_image = create_thumb_from_image


def full_site() -> bool:
    """False when ``NNEXPLAIN_FULL_SITE`` says to skip the API reference and the search index."""
    return os.environ.get("NNEXPLAIN_FULL_SITE", "true").strip().lower() not in ("0", "false", "no")


def on_serve(server, config, builder):
    """Rebuild when a gallery script or a library module changes, too."""
    gallery = Path(config["config_file_path"]).parent / "gallery"
    for folder in (gallery, package_dir()):
        if folder.is_dir():
            server.watch(str(folder))
    return server


def on_startup(command, dirty):
    if command == "serve":
        sys.dont_write_bytecode = True


@event_priority(100)  # before the plugins' own on_config (gallery imports the scraper there)
def on_config(config):
    if not full_site():
        for name in FAST_OFF:
            plugin = config["plugins"].get(name) if "plugins" in config else None
            if plugin is not None and "enabled" in plugin.config:
                plugin.config["enabled"] = False
    install_cache_key()
    install_thumbnail_cache()
    new = library_hash()
    old, _STATE["library_hash"] = _STATE["library_hash"], new
    if old is not None and old != new:
        for name in [m for m in sys.modules if m == "nnexplain" or m.startswith("nnexplain.")]:
            del sys.modules[name]
    return config


def on_page_markdown(markdown, page, config, files):
    if full_site() or not page.file.src_uri.startswith("api/") or ":::" not in markdown:
        return markdown
    lines = [
        f"# `{line.strip()[3:].strip()}`" if line.lstrip().startswith(":::") else line
        for line in markdown.splitlines()
    ]
    lines += [
        "",
        '!!! note "Not rendered by the fast preview"',
        "    `make serve` skips the API reference to rebuild in seconds; "
        "`make serve FULL=1` or `make docs` renders it.",
    ]
    return "\n".join(lines)
