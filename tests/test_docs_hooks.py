"""The site's hooks of issue 12: the gallery's cache key, the fast preview, the install note
of each gallery page and the Python 3.14 shim for mkdocs-gallery."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("mkdocs_gallery")

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "docs" / "hooks"


def _hook(name):
    spec = importlib.util.spec_from_file_location(f"_test_hook_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve_loop = _hook("serve_loop")
extras_note = _hook("extras_note")


# ----------------------------------------------------------------------------- serve loop


def test_library_hash_follows_every_module(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("x = 1\n")
    (package / "sub" / "mod.py").write_text("y = 2\n")
    first = serve_loop.library_hash(package)
    assert serve_loop.library_hash(package) == first  # deterministic
    (package / "sub" / "mod.py").write_text("y = 3\n")
    second = serve_loop.library_hash(package)
    assert second != first
    (package / "sub" / "mod.py").rename(package / "sub" / "other.py")  # a rename counts too
    assert serve_loop.library_hash(package) not in (first, second)
    (package / "notes.txt").write_text("not code")
    assert serve_loop.library_hash(package) == serve_loop.library_hash(package)


def test_library_hash_defaults_to_the_imported_package():
    import nnexplain

    assert serve_loop.library_hash() == serve_loop.library_hash(Path(nnexplain.__file__).parent)


def test_cache_key_reruns_an_example_when_it_or_the_library_changes(tmp_path, monkeypatch):
    from mkdocs_gallery.gen_data_model import GalleryScript

    serve_loop.install_cache_key()
    serve_loop.install_cache_key()  # idempotent
    monkeypatch.setitem(serve_loop._STATE, "library_hash", "lib-1")
    script = SimpleNamespace(
        py_file_md5="script-1", md5_file=tmp_path / "plot_x.py.md5", src_py_file="plot_x.py"
    )
    changed = GalleryScript.has_changed_wrt_persisted_md5
    assert changed(script)  # never run
    GalleryScript.write_final_md5_file(script)  # right after the run: deferred
    assert not script.md5_file.exists() and "plot_x.py" in serve_loop._STATE["ran"]
    serve_loop.write_key(script.md5_file, serve_loop.script_key(script))  # outputs complete
    assert script.md5_file.read_text() == serve_loop.cache_key("script-1", "lib-1")
    assert [p.name for p in tmp_path.iterdir()] == ["plot_x.py.md5"]  # no temporary file left
    assert not changed(script)  # nothing changed: skipped
    script.py_file_md5 = "script-2"
    assert changed(script)  # the example changed
    script.py_file_md5 = "script-1"
    monkeypatch.setitem(serve_loop._STATE, "library_hash", "lib-2")
    assert changed(script)  # the library changed
    # a file written by mkdocs-gallery itself (the bare script md5) means "run again"
    script.md5_file.write_text("script-1")
    assert changed(script)


def test_thumbnail_is_made_again_only_when_its_figure_is_newer(tmp_path, monkeypatch):
    import os

    from mkdocs_gallery import gen_single

    calls = []

    def original(script, src):
        calls.append(src)
        script.get_thumbnail_file(".png").write_bytes(b"thumb")
        return script.get_thumbnail_file(".png")

    monkeypatch.setattr(gen_single, "create_thumb_from_image", original)
    serve_loop.install_thumbnail_cache()
    serve_loop.install_thumbnail_cache()  # idempotent: wraps once
    cached = gen_single.create_thumb_from_image
    assert cached is not original and cached._nnexplain_cached
    figure, thumb = tmp_path / "fig.png", tmp_path / "thumb.png"
    script = SimpleNamespace(
        get_thumbnail_file=lambda ext: thumb.with_suffix(ext),
        src_py_file="plot_x.py",
        gallery_conf={"failing_examples": {}},
    )
    figure.write_bytes(b"png")
    assert cached(script, figure) == thumb and len(calls) == 1  # no thumbnail yet
    assert cached(script, figure) == thumb and len(calls) == 1  # up to date: kept
    os.utime(figure, ns=(thumb.stat().st_mtime_ns + 10**9,) * 2)  # the example ran again
    assert cached(script, figure) == thumb and len(calls) == 2
    missing = tmp_path / "none.png"
    cached(script, missing)  # no figure at all: mkdocs-gallery's own fallback
    assert calls[-1] == missing


def test_on_config_reloads_the_library_only_when_it_changed(monkeypatch):
    import nnexplain.distributions

    monkeypatch.setitem(serve_loop._STATE, "library_hash", None)
    serve_loop.on_config({})  # first build of the process: nothing is dropped
    assert sys.modules["nnexplain.distributions"] is nnexplain.distributions
    serve_loop.on_config({})  # unchanged library: nothing is dropped
    assert sys.modules["nnexplain.distributions"] is nnexplain.distributions
    saved = {k: v for k, v in sys.modules.items() if k.split(".")[0] == "nnexplain"}
    monkeypatch.setitem(serve_loop._STATE, "library_hash", "an older library")
    try:
        serve_loop.on_config({})
        assert not [k for k in sys.modules if k.split(".")[0] == "nnexplain"]
        assert serve_loop._STATE["library_hash"] == serve_loop.library_hash()
    finally:
        sys.modules.update(saved)


def _plugins_after_on_config(full, monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv("NNEXPLAIN_FULL_SITE", full)
    config = load_config(str(ROOT / "mkdocs.yml"))
    serve_loop.on_config(config)
    return {
        name: config.plugins[name].config.enabled for name in ("material/search", "mkdocstrings")
    }


def test_fast_preview_switches_off_search_and_mkdocstrings(monkeypatch):
    on = {"material/search": True, "mkdocstrings": True}
    assert _plugins_after_on_config("true", monkeypatch) == on
    assert _plugins_after_on_config("false", monkeypatch) == dict.fromkeys(on, False)


@pytest.mark.parametrize(("full", "shown"), [("false", False), ("0", False), ("true", True)])
def test_fast_preview_replaces_api_directives(monkeypatch, full, shown):
    monkeypatch.setenv("NNEXPLAIN_FULL_SITE", full)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="api/network.md"))
    out = serve_loop.on_page_markdown("::: nnexplain.network\n", page, {}, None)
    if shown:
        assert out == "::: nnexplain.network\n"
    else:
        assert ":::" not in out and out.startswith("# `nnexplain.network`")
        assert "make serve FULL=1" in out
    other = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    assert serve_loop.on_page_markdown("::: x", other, {}, None) == "::: x"


def test_serve_watches_the_gallery_and_the_library():
    import nnexplain

    watched = []
    server = SimpleNamespace(watch=watched.append)
    config = {"config_file_path": str(ROOT / "mkdocs.yml")}
    assert serve_loop.on_serve(server, config, None) is server
    assert watched == [str(ROOT / "gallery"), str(Path(nnexplain.__file__).parent)]


# ---------------------------------------------------------------------------- extras note


@pytest.mark.parametrize(
    ("source", "required", "optional"),
    [
        ("import numpy as np\nfrom nnexplain import MLP\n", [], []),
        ("from nnexplain.datasets import load_digits, make_moons\n", ["digits"], []),
        ("from nnexplain.datasets import make_moons\n", [], []),
        ("import nnexplain.video\n", ["video"], []),
        ("from PIL import Image\nimport sklearn.datasets\n", ["digits", "video"], []),
        (
            "try:\n    from sklearn.neural_network import MLPClassifier\n"
            "except ImportError:\n    pass\n",
            [],
            ["digits"],
        ),
        (
            "try:\n    from sklearn import svm\nexcept (ValueError, ModuleNotFoundError):\n"
            "    pass\nfrom nnexplain.datasets import load_digits\n",
            ["digits"],
            [],
        ),
        # a try that does not catch ImportError is no fallback
        ("try:\n    import sklearn\nexcept ValueError:\n    pass\n", ["digits"], []),
        # in a function: still imported when the script runs it
        ("def f():\n    import imageio_ffmpeg\n", ["video"], []),
    ],
)
def test_script_extras(source, required, optional):
    assert extras_note.script_extras(source) == (required, optional)


def test_install_note_text():
    assert extras_note.install_note([], []) == (
        '**To run this script:** `pip install "nnexplain"` (numpy and matplotlib only). Until the '
        'first release on PyPI, install from a clone of the repository: `pip install "."`.'
    )
    note = extras_note.install_note(["digits"], ["video"])
    assert '`pip install "nnexplain[digits]"` (numpy, matplotlib and the `digits` extra).' in note
    both = extras_note.install_note(["digits", "video"], [])
    assert (
        '"nnexplain[digits,video]"` (numpy, matplotlib and the `digits` and `video` extras)' in both
    )
    assert "Optional: `nnexplain[video]`; without it" in note
    assert '`pip install ".[digits]"`' in note


def test_note_is_put_in_the_download_area(tmp_path):
    (tmp_path / "gallery" / "sec").mkdir(parents=True)
    (tmp_path / "gallery" / "sec" / "plot_a.py").write_text("import sklearn\n")
    config = {"config_file_path": str(tmp_path / "mkdocs.yml")}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="generated/gallery/sec/plot_a.md"))
    md = f"text\n{extras_note.ANCHOR}\n\n[Download](./plot_a.py)\n"
    out = extras_note.on_page_markdown(md, page, config, None)
    assert out.index(extras_note.ANCHOR) < out.index('`pip install "nnexplain[digits]"`')
    assert out.index("nnexplain[digits]") < out.index("[Download]")
    assert extras_note.on_page_markdown("no anchor", page, config, None) == "no anchor"


def test_every_gallery_page_of_the_site_shows_its_install_note(built_site):
    scripts = sorted((ROOT / "gallery").glob("*/plot_*.py"))
    assert len(scripts) >= 15
    for script in scripts:
        html = built_site / "generated" / "gallery" / script.parent.name / script.stem
        text = (html / "index.html").read_text(encoding="utf-8")
        required, _ = extras_note.script_extras(script.read_text(encoding="utf-8"))
        spec = f"nnexplain[{','.join(required)}]" if required else "nnexplain"
        assert f"pip install &quot;{spec}&quot;" in text or f'pip install "{spec}"' in text, script


# --------------------------------------------------------------------------- Python 3.14


SIMULATE_314 = textwrap.dedent(
    """
    import ast, importlib.util, sys
    from mkdocs_gallery.py_source_parser import split_code_and_text_blocks
    script = sys.argv[1]
    before = split_code_and_text_blocks(script)  # with ast.Str, as on Python <= 3.13
    del ast.Str          # removed in Python 3.14
    del ast.Constant.s   # so is the .s alias of Constant.value
    if sys.argv[2] == "shim":
        spec = importlib.util.spec_from_file_location("py314_compat", sys.argv[3])
        shim = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(shim)
        assert shim.install() is True
        assert shim.install() is False  # once is enough
    try:
        after = split_code_and_text_blocks(script)
    except AttributeError as exc:
        print("AttributeError:", exc)
        sys.exit(3)
    kind, text, _ = after[1][0]
    print(kind, text.strip().splitlines()[0])
    print(len(after[1]), after == before)
    """
)


@pytest.mark.parametrize("with_shim", [False, True])
def test_py314_shim_lets_mkdocs_gallery_read_a_gallery_script(with_shim):
    script = ROOT / "gallery" / "activations" / "plot_01_shapes.py"
    argv = [str(script), "shim" if with_shim else "none", str(HOOKS / "py314_compat.py")]
    proc = subprocess.run(
        [sys.executable, "-c", SIMULATE_314, *argv], capture_output=True, text=True, timeout=120
    )
    if not with_shim:  # the simulation reproduces 3.14's failure
        assert proc.returncode == 3, proc.stderr
        assert "has no attribute 'Str'" in proc.stdout
        return
    assert proc.returncode == 0, proc.stderr
    first, last = proc.stdout.strip().splitlines()
    title = script.read_text().split('"""')[1].strip().splitlines()[0]
    assert first == f"text {title}"  # the docstring is found: the page has its title
    # text and code for the docstring and for each cell, exactly as before the removal
    assert last == f"{2 * (script.read_text().count(chr(10) + '# %%') + 1)} True"


def test_py314_shim_is_a_no_op_where_ast_str_exists():
    shim = _hook("py314_compat")
    assert shim.install() is False
    import ast

    assert ast.Str is not shim._Str
