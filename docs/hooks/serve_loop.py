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
  ``src/nnexplain/__pycache__`` and trigger a second, useless rebuild;
- the key is written only once every output of the example (page, figures, thumbnail,
  notebook) is complete, and never for an example that failed. mkdocs-gallery writes it right
  after the run, before the page, the thumbnail and the notebook
  (``parse_and_execute`` in ``gen_single.py``), and with ``abort_on_example_error`` off also
  after a failed run: a build interrupted in between (Ctrl-C, a kill) or a failure would be
  taken as current by the next build. The key goes through a hidden temporary file and
  ``os.replace``, so a kill never leaves half a key.

A failing example while serving
-------------------------------
``mkdocs.yml`` sets ``abort_on_example_error``: ``mkdocs build`` stops at the first example that
raises. Under ``mkdocs serve`` that abort happens before the site folder is touched, so the server
kept the old pages -- the broken example's old figures shown as if current -- and, as the build
never finished, every request waited for it ("The server will appear stuck"). While serving
(``on_startup`` says ``serve``) this hook turns the abort off: the failing example's page is
rebuilt from the failed run, opens with a "This example failed while serving" admonition naming
the file, the line and the message, with the traceback, and shows no figure of an earlier run;
the other pages keep theirs; the log still shows mkdocs-gallery's warning, which is kept out of
the strict-mode count so the rebuild completes; fixing the script re-runs it (no key was
written).

``mkdocs serve`` watches ``gallery/`` and the library's folder (added in ``on_serve``; a
``watch:`` entry in ``mkdocs.yml`` would fail the builds of copies of the site that have no
``src/``), and
``NNEXPLAIN_FULL_SITE=false`` (``make serve``; ``make serve FULL=1`` keeps them) switches off the
search and mkdocstrings plugins (their ``enabled`` option, which both check at every event),
the two slowest steps of a rebuild; the API pages then say so instead of showing a raw ``:::``
directive.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import logging
import os
import sys
import traceback
from pathlib import Path

from mkdocs.plugins import event_priority

_STATE = {
    "library_hash": None,
    "serving": False,
    # examples whose run ended (write_final_md5_file was called), keyed by source file
    "ran": set(),
    # failed examples of the current build: generated .md path -> (file, line, message, traceback)
    "failures": {},
    # the first line of the code cell being run, for the line of a SyntaxError
    "block_lineno": 1,
    # True while mkdocs-gallery logs an example failure that serving turns into an error page
    "uncounted": False,
}
GALLERY_LOGGER = "mkdocs.plugins.mkdocs-gallery"
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


def script_key(script) -> str:
    """The cache key of a ``GalleryScript`` for the current library."""
    return cache_key(script.py_file_md5, _STATE["library_hash"] or library_hash())


def install_cache_key() -> None:
    """Make the library hash part of mkdocs-gallery's per-example cache key (idempotent)."""
    from mkdocs_gallery.gen_data_model import GalleryScript

    if getattr(GalleryScript, "_nnexplain_cache_key", False):
        return

    def write_final_md5_file(self):
        # mkdocs-gallery calls this right after the run, before the page, the thumbnail and the
        # notebook exist (and after a failed run when not aborting): the key is written by
        # generate_file_md below, once all of them are complete.
        _STATE["ran"].add(self.src_py_file)

    def has_changed_wrt_persisted_md5(self) -> bool:
        return not self.md5_file.exists() or self.md5_file.read_text() != script_key(self)

    GalleryScript.write_final_md5_file = write_final_md5_file
    GalleryScript.has_changed_wrt_persisted_md5 = has_changed_wrt_persisted_md5
    GalleryScript._nnexplain_cache_key = True
    _install_generate_file_md(script_key)


def write_key(md5_file: Path, key: str) -> None:
    """Write ``key`` to ``md5_file`` all at once (a hidden temporary file, then ``os.replace``)."""
    tmp = md5_file.with_name(f".{md5_file.name}.tmp")
    tmp.write_text(key)
    os.replace(tmp, md5_file)


def _install_generate_file_md(key) -> None:
    from mkdocs_gallery import gen_single

    original = gen_single.generate_file_md
    original_execute = gen_single.execute_code_block
    original_handle = gen_single.handle_exception

    def generate_file_md(script, seen_backrefs=None):
        _STATE["ran"].discard(script.src_py_file)
        result = original(script, seen_backrefs)
        # every output of the example is written now
        failed = script.src_py_file in script.gallery_conf["failing_examples"]
        if script.src_py_file in _STATE["ran"]:
            if failed:
                script.md5_file.unlink(missing_ok=True)
            else:
                write_key(script.md5_file, key(script))
        return result

    def execute_code_block(compiler, block, script):
        _STATE["block_lineno"] = block[2]
        return original_execute(compiler, block, script)

    def handle_exception(exc_info, script):
        _STATE["failures"][script.md_file.resolve()] = describe_failure(
            exc_info, script.src_py_file, _STATE["block_lineno"]
        )
        _STATE["uncounted"] = _STATE["serving"]
        try:
            return original_handle(exc_info, script)
        finally:
            _STATE["uncounted"] = False

    gen_single.generate_file_md = generate_file_md
    gen_single.execute_code_block = execute_code_block
    gen_single.handle_exception = handle_exception


def describe_failure(exc_info, src_file: Path, block_lineno: int = 1) -> tuple:
    """``(file, line, message, traceback)`` of an example's exception.

    The line is that of the deepest frame in the example's file; for a ``SyntaxError`` it is
    where compiling the whole file fails, else (a cell alone fails, e.g. ``await`` at the top)
    the cell's first line plus the error's line within the cell.
    """
    etype, exc, tb = exc_info
    src = str(src_file)
    line = None
    if isinstance(exc, SyntaxError):
        # mkdocs-gallery compiles one cell at a time, or the whole file from line 1 when it does
        # not parse, which can report another line ("incomplete input"): the file says where
        try:
            compile(Path(src_file).read_text(encoding="utf-8"), src, "exec", ast.PyCF_ONLY_AST)
        except SyntaxError as whole:
            etype, exc, tb = type(whole), whole, None
        if exc.lineno is not None:
            line = exc.lineno if tb is None else exc.lineno + block_lineno - 1
    else:
        for frame in traceback.extract_tb(tb):
            if frame.filename == src:
                line = frame.lineno
    message = "".join(traceback.format_exception_only(etype, exc)).strip().splitlines()[-1]
    if isinstance(exc, SyntaxError):
        message = f"{etype.__name__}: {exc.msg}"
    frames = [f for f in traceback.extract_tb(tb) if f.filename == src]
    text = "Traceback (most recent call last):\n" + "".join(
        traceback.format_list(frames) + traceback.format_exception_only(etype, exc)
    )
    return src, line, message, text


def failure_admonition(src: str, line, message: str, text: str, root: Path | None = None) -> str:
    """The Markdown box that opens the page of an example that failed while serving."""
    if root is not None:
        try:
            src = Path(src).relative_to(root).as_posix()
        except ValueError:
            pass
    where = f"`{src}`" + (f", line {line}" if line is not None else "")
    body = "\n".join("    " + row for row in text.rstrip().splitlines())
    return (
        f'!!! failure "This example failed while serving"\n\n'
        f"    This example failed while serving: {where}: `{message}`. The outputs below are "
        "from this failed run; the page is made again when the script is fixed.\n\n"
        f"    ```pytb\n{body}\n    ```\n"
    )


class _NotCounted(logging.Filter):
    """Keep the example failures that serving shows as error pages out of strict mode's count."""

    def filter(self, record):
        return not (_STATE["uncounted"] and record.name.startswith(GALLERY_LOGGER))


def _install_uncounted_failures(config) -> None:
    """While serving: a failing example makes an error page, not an aborted rebuild."""
    from mkdocs.utils import CountHandler
    from mkdocs_gallery import plugin as gallery_plugin

    gallery = config["plugins"].get("gallery") if "plugins" in config else None
    if gallery is not None:
        gallery.config["abort_on_example_error"] = False
        gallery.config["only_warn_on_example_error"] = True
    for handler in logging.getLogger("mkdocs").handlers:  # the strict-mode counter of this build
        if isinstance(handler, CountHandler) and not any(
            isinstance(f, _NotCounted) for f in handler.filters
        ):
            handler.addFilter(_NotCounted())
    summarize = gallery_plugin.summarize_failing_examples
    if getattr(summarize, "_nnexplain_uncounted", False):
        return

    def summarize_failing_examples(gallery_conf, mkdocs_conf):
        _STATE["uncounted"] = True
        try:
            return summarize(gallery_conf=gallery_conf, mkdocs_conf=mkdocs_conf)
        finally:
            _STATE["uncounted"] = False

    summarize_failing_examples._nnexplain_uncounted = True
    gallery_plugin.summarize_failing_examples = summarize_failing_examples


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
        if script.src_py_file in script.gallery_conf["failing_examples"]:
            return original(script, src_image_path)  # the "broken example" thumbnail
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
    _STATE["serving"] = command == "serve"
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
    _STATE["failures"].clear()
    if _STATE["serving"]:
        _install_uncounted_failures(config)
    new = library_hash()
    old, _STATE["library_hash"] = _STATE["library_hash"], new
    if old is not None and old != new:
        for name in [m for m in sys.modules if m == "nnexplain" or m.startswith("nnexplain.")]:
            del sys.modules[name]
    return config


def on_page_markdown(markdown, page, config, files):
    failures = _STATE["failures"] if _STATE["serving"] else {}
    failure = failures and failures.get(Path(page.file.abs_src_path).resolve())
    if failure:
        box = failure_admonition(*failure, root=Path(config["config_file_path"]).parent)
        # before the first cell: after the title and the introduction, outside any code block
        at = markdown.find("<!-- GENERATED FROM PYTHON SOURCE LINES")
        at = len(markdown) if at < 0 else at
        return f"{markdown[:at]}\n{box}\n{markdown[at:]}"
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
