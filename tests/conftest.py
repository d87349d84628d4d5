"""Shared test set-up: a non-interactive matplotlib backend and figure clean-up."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture
def pyplot():
    """matplotlib.pyplot, with every figure closed after the test (as scikit-learn does)."""
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def load_code_metrics():
    """``tools/code_metrics.py`` as the module ``code_metrics`` (``tools`` is not a package)."""
    import importlib.util
    import sys

    if "code_metrics" not in sys.modules:
        path = ROOT / "tools" / "code_metrics.py"
        spec = importlib.util.spec_from_file_location("code_metrics", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["code_metrics"] = module
        spec.loader.exec_module(module)
    return sys.modules["code_metrics"]


def build_site(site_dir) -> None:
    """Clean strict build of the documentation site into ``site_dir``."""
    import shutil
    import subprocess
    import sys

    shutil.rmtree(ROOT / "docs" / "generated", ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg", NNEXPLAIN_FULL_SITE="true")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{proc.stderr[-6000:]}")


def site_dir_for_collection():
    """The built site (``$NNEXPLAIN_SITE_DIR`` or ``site/``), built first if it is missing.

    ``make test`` builds the site before running pytest, so this normally finds it ready.
    """
    from pathlib import Path

    site = Path(os.environ.get("NNEXPLAIN_SITE_DIR", ROOT / "site"))
    if not (site / "index.html").exists():
        build_site(site)
    return site


@pytest.fixture(scope="session")
def built_site():
    return site_dir_for_collection()
