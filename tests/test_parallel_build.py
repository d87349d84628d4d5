"""The gallery's examples run in worker processes and give the files a serial build gives.

``docs/hooks/parallel_gallery.py`` runs the examples that need running in worker processes
before mkdocs-gallery's serial loop, which then finds them up to date. A small project (the
gallery settings and the hooks of the real ``mkdocs.yml``, tests/gallery_project.py) is built
clean twice at the same path, with ``NNEXPLAIN_GALLERY_JOBS=1`` (serial) and ``=2``, and every
file of ``site/`` and ``docs/generated/`` is compared (``tools/site_diff.py``: byte for byte, but
for the run times mkdocs-gallery prints and the dates inside the download zips, which differ
between any two builds). A failing example still fails the parallel build, naming the script.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")
from gallery_project import ROOT, make_project, project_env  # noqa: E402

pytest.importorskip("mkdocs_gallery")
from mkdocs.exceptions import PluginError  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from site_diff import compare, summary  # noqa: E402

PAGE = '''"""
# Page {n}

An example with a figure, printed output and an animation-free second figure.
"""

import matplotlib.pyplot as plt
import numpy as np

# %%
# ## A figure
rng = np.random.default_rng({n})
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot(rng.normal(size=20).cumsum())
print(np.round(rng.normal(size=3), 3))

# %%
# ## Another figure
fig, ax = plt.subplots(figsize=(3, 2))
ax.imshow(rng.random((8, 8)))
'''
BROKEN = '''"""
# A broken page

This example raises on purpose.
"""

# %%
# ## The failing cell
values = [1, 2, 3]
raise RuntimeError("deliberately broken example")
'''
COMMAND = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def hook():
    path = ROOT / "docs" / "hooks" / "parallel_gallery.py"
    spec = importlib.util.spec_from_file_location("parallel_gallery_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_jobs_default_to_the_usable_cores_and_follow_the_variable(monkeypatch):
    parallel_gallery = hook()
    monkeypatch.delenv("NNEXPLAIN_GALLERY_JOBS", raising=False)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert parallel_gallery.jobs() == cores
    monkeypatch.setenv("NNEXPLAIN_GALLERY_JOBS", " 3 ")
    assert parallel_gallery.jobs() == 3
    for bad in ("0", "-2", "two", "1.5"):
        monkeypatch.setenv("NNEXPLAIN_GALLERY_JOBS", bad)
        with pytest.raises(PluginError, match="NNEXPLAIN_GALLERY_JOBS must be a whole number"):
            parallel_gallery.jobs()


def build(project: Path, jobs: int) -> subprocess.CompletedProcess:
    env = project_env(
        NNEXPLAIN_GALLERY_JOBS=str(jobs), SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED="0"
    )
    return subprocess.run(
        COMMAND, cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


def pages(n: int) -> dict:
    return {f"plot_{i:02d}_page.py": PAGE.format(n=i) for i in range(1, n + 1)}


@pytest.mark.slow
def test_parallel_build_equals_serial_build(tmp_path):
    serial = make_project(tmp_path / "project", pages(4), "parallel")
    proc = build(serial, jobs=1)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "gallery examples run in" not in proc.stderr  # serial: no worker
    serial = serial.rename(tmp_path / "serial")

    parallel = make_project(tmp_path / "project", pages(4), "parallel")  # same path, same output
    proc = build(parallel, jobs=2)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "4 of 4 gallery examples run in 2 processes" in proc.stderr
    assert "executed 4 out of 4 files" in proc.stderr  # reported as run, not as skipped

    report = compare(serial, parallel)
    assert report["same"], summary(report)
    assert report["identical"] > 0.8 * report["files"], summary(report)
    # what differs by nature: the four pages' run times (md, html) and their table; the zips
    assert set(report["normalised"].values()) <= {"run time", "zip dates"}


@pytest.mark.slow
def test_failing_example_fails_the_parallel_build(tmp_path):
    examples = {**pages(3), "plot_02b_broken.py": BROKEN}
    project = make_project(tmp_path / "project", examples, "broken")
    for attempt in ("first", "unchanged rebuild"):
        proc = build(project, jobs=2)
        output = proc.stdout + proc.stderr
        assert proc.returncode != 0, f"{attempt}: a raising example must fail the build"
        assert "plot_02b_broken.py" in output, attempt
        assert "Traceback" in output and "deliberately broken example" in output, attempt
        keys = project / "docs" / "generated" / "gallery" / "section"
        assert not (keys / "plot_02b_broken.py.md5").exists(), attempt
        # the example before it in the gallery's order was completed by a worker
        assert (keys / "plot_01_page.py.md5").exists(), attempt
