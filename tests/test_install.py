"""``pip install nnexplain`` and the gallery downloads, as a reader gets them.

The wheel is built from this checkout, installed into a fresh virtual environment (``python -m
venv``; numpy, matplotlib and the extras come from the package index or pip's cache), and every
gallery script runs there with the Agg backend and only the extras its page declares
(``docs/hooks/extras_note.py`` derives them from the script's imports): first the scripts that
need no extra, with the bare wheel, then the others once their extras are installed. Then every
notebook the site build generated executes with nbclient in the same environment.

Slow (several minutes): marked ``slow``; ``make test`` runs it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "gallery").glob("*/plot_*.py"))


def _extras_of(script: Path) -> tuple[list[str], list[str]]:
    hook_file = ROOT / "docs" / "hooks" / "extras_note.py"
    spec = importlib.util.spec_from_file_location("_extras_note", hook_file)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook.script_extras(script.read_text(encoding="utf-8"))


def _clean_env() -> dict:
    """The environment without PYTHONPATH: the venv sees its own packages, never this
    checkout's ``src/`` (where building the sdist leaves ``nnexplain.egg-info``, which would
    make pip think the wheel is already installed)."""
    env = dict(os.environ, MPLBACKEND="Agg", OPENBLAS_NUM_THREADS="1")
    env.pop("PYTHONPATH", None)
    return env


def _run(argv, **kwargs):
    kwargs.setdefault("env", _clean_env())
    proc = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, f"{argv}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel built from this checkout, after ``twine check``."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)])
    wheels = list(out.glob("nnexplain-*-py3-none-any.whl"))
    assert len(wheels) == 1, list(out.iterdir())
    _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, out.iterdir())])
    return wheels[0]


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel):
    """A fresh virtual environment with the bare wheel: numpy and matplotlib only."""
    path = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", str(path)])
    python = path / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)])
    return python


def _pip_list(python) -> set[str]:
    out = _run([str(python), "-m", "pip", "list", "--format=json"]).stdout
    return {row["name"].lower() for row in json.loads(out)}


def test_the_wheel_holds_the_package_and_its_metadata(wheel):
    import nnexplain

    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "nnexplain/__init__.py" in names and "nnexplain/cli.py" in names
    assert not [n for n in names if n.startswith(("tests/", "gallery/", "docs/"))]
    assert wheel.name == f"nnexplain-{nnexplain.__version__}-py3-none-any.whl"
    assert f"Version: {nnexplain.__version__}" in metadata
    assert "Requires-Python: >=3.10" in metadata
    assert "Provides-Extra: digits" in metadata and "Provides-Extra: video" in metadata


def _execute_notebooks(python, notebooks, workdir):
    """Run every notebook with nbclient on a kernel of ``python``'s environment (Agg backend)."""
    import nbclient
    import nbformat

    _run([str(python), "-m", "pip", "install", "--quiet", "ipykernel"])
    kernels = workdir / "jupyter"
    _run([str(python), "-m", "ipykernel", "install", "--prefix", str(kernels), "--name", "nnx"])
    saved = {k: os.environ.get(k) for k in ("JUPYTER_PATH", "MPLBACKEND", "PYTHONPATH")}
    os.environ.update(JUPYTER_PATH=str(kernels / "share" / "jupyter"), MPLBACKEND="Agg")
    os.environ.pop("PYTHONPATH", None)  # the kernel imports the venv's nnexplain
    try:
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            client = nbclient.NotebookClient(
                nb, kernel_name="nnx", timeout=600, resources={"metadata": {"path": workdir}}
            )
            client.execute()  # raises CellExecutionError, naming the cell, on any error
            code = [c for c in nb.cells if c.cell_type == "code"]
            assert code and all(c.execution_count for c in code), path.name
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_gallery_scripts_and_notebooks_run_with_only_their_extras(wheel, venv, tmp_path):
    from conftest import site_dir_for_collection

    env = _clean_env()
    installed = _pip_list(venv)
    assert {"nnexplain", "numpy", "matplotlib"} <= installed
    assert not installed & {"scikit-learn", "imageio-ffmpeg", "torch", "keras"}
    where = _run([str(venv), "-c", "import nnexplain; print(nnexplain.__file__)"], env=env)
    assert str(ROOT) not in where.stdout

    # the scripts that need no extra first, on the bare wheel; then each set of extras
    by_extras: dict[tuple[str, ...], list[Path]] = {}
    for script in SCRIPTS:
        by_extras.setdefault(tuple(_extras_of(script)[0]), []).append(script)
    assert () in by_extras and ("digits",) in by_extras
    for extras in sorted(by_extras, key=len):
        if extras:
            _run([str(venv), "-m", "pip", "install", "--quiet", f"{wheel}[{','.join(extras)}]"])
        for script in by_extras[extras]:
            # from an empty folder: a download needs no file around it
            _run([str(venv), str(script)], env=env, cwd=tmp_path, timeout=600)

    # the notebooks of the site build, in the same environment
    site_dir_for_collection()  # builds docs/generated when `make docs` has not
    notebooks = sorted((ROOT / "docs" / "generated" / "gallery").glob("*/plot_*.ipynb"))
    assert {nb.stem for nb in notebooks} == {s.stem for s in SCRIPTS}
    _execute_notebooks(venv, notebooks, tmp_path)
