"""Every gallery script runs on its own, as a reader who downloaded it would run it.

Each script is executed in a fresh interpreter with the Agg backend, from a temporary directory,
with only the package importable (no docs dependencies are imported by the scripts), and must
finish (the time each page takes is measured by ``benchmarks/bench_site_build.py``, not here:
wall-clock limits in tests fail on a busy machine and pass on a fast one).
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

GALLERY = Path(__file__).resolve().parents[1] / "gallery"
SCRIPTS = sorted(GALLERY.glob("**/plot_*.py"))


def test_gallery_has_scripts():
    assert SCRIPTS, f"no gallery scripts found under {GALLERY}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(GALLERY)))
def test_gallery_script_runs_standalone(script, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["MPLBACKEND"] = "Agg"
    proc = subprocess.run(
        [sys.executable, "-X", "faulthandler", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, f"{script.name} failed:\n{proc.stderr[-4000:]}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(GALLERY)))
def test_gallery_script_needs_only_the_package(script):
    """A downloaded script must run with `pip install nnexplain` (plus an extra at most)."""
    tree = ast.parse(script.read_text())
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    allowed = {
        "nnexplain",
        "numpy",
        "matplotlib",
        "mpl_toolkits",
        "math",
        "time",
        "pathlib",
        "dataclasses",
        "itertools",
        "functools",
        "collections",
        "textwrap",
        "tempfile",
        "sklearn",  # the [digits] extra installs scikit-learn
    }
    assert modules <= allowed, f"{script.name} imports {sorted(modules - allowed)}"
