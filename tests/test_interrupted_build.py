"""A gallery build that is interrupted leaves nothing that the next build takes as current.

mkdocs-gallery skips an example whose cache key (``<example>.py.md5``) matches; it wrote that
key right after the example ran, before the example's page, thumbnail and notebook
(``parse_and_execute`` in ``mkdocs_gallery/gen_single.py``). A build stopped in between left a
key saying "up to date" for an example whose page or notebook was missing or from an older run,
and no later build made them again. ``docs/hooks/serve_loop.py`` writes the key only once every
output of the example is complete, through a temporary file and ``os.replace``.

Each case builds a small temporary project (the gallery settings and the hooks of the real
``mkdocs.yml``, three examples, the middle one slow when asked) with a real ``mkdocs build`` and
a real signal:

- Ctrl-C (SIGINT to the process group) while the slow example runs;
- SIGKILL while the slow example runs;
- SIGKILL as soon as the slow example's cache key appears;
- SIGKILL after the slow example ran, while its notebook is being written: a test hook
  (``SLOW_NOTEBOOK``) holds ``save_notebook`` for that example, so the window between the end of
  the run and the last output is wide, not a matter of luck. With mkdocs-gallery's own order the
  key is already on disk at that moment and the next build skips the example; this case fails
  on the hook before the fix (checked with ``git show 45dcbdc:docs/hooks/serve_loop.py``).

Then it builds again and compares every file of ``site/`` and ``docs/generated/`` with a clean
build of a fresh copy at the same path, byte for byte. Two things differ between any two clean
builds (two clean builds were compared) and are normalised: the run times mkdocs-gallery prints
("Total running time of the script" on each page; the numbers of ``mg_execution_times.md`` and
the order of its rows, sorted by run time, a report that ``mkdocs.yml`` keeps out of the site),
the dates of the entries of the download zips (the files' modification times: the members'
names and bytes are compared) and the order of the names in the ``*_codeobj.pickle`` files (set
order, which Python's string hashing randomises: the sorted names are compared).
``SOURCE_DATE_EPOCH`` is set so that the sitemap's date and its gzip header do not depend on
the clock.
"""

import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")
from gallery_project import make_project, project_env  # noqa: E402

pytest.importorskip("mkdocs_gallery")

FAST = '''"""
# Fast page {n}

A quick example.
"""

import matplotlib.pyplot as plt

# %%
# ## A figure
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([0, 1], [0, {n}])
'''
SLOW = '''"""
# The slow page

An example that, when asked, waits in its middle cell.
"""

import os
import time
import zipfile
from pathlib import Path

import matplotlib.pyplot as plt

# %%
# ## A large first figure
fig, ax = plt.subplots(figsize=(16, 12), dpi=150)
ax.imshow([[i * j % 7 for i in range(300)] for j in range(300)])

# %%
# ## The slow cell
marker = os.environ.get("NNX_SLOW_MARKER")
if marker:
    Path(marker).write_text("running")
    time.sleep(60)
print("done")

# %%
# ## A last figure
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([0, 1], [1, 0])
'''


# Fault injection: hold the slow example's notebook (written after the run) when asked.
SLOW_NOTEBOOK = """
import os
import time
from pathlib import Path

from mkdocs_gallery import gen_single

_save_notebook = gen_single.save_notebook


def save_notebook(notebook, path):
    marker = os.environ.get("NNX_NOTEBOOK_MARKER")
    if marker and "slow" in Path(path).name:
        Path(marker).write_text("writing")
        time.sleep(60)
    return _save_notebook(notebook, path)


gen_single.save_notebook = save_notebook
"""


def make(path: Path) -> Path:
    examples = {
        "plot_01_fast.py": FAST.format(n=1),
        "plot_02_slow.py": SLOW,
        "plot_03_fast.py": FAST.format(n=3),
    }
    return make_project(path, examples, "interrupted", hooks={"slow_notebook.py": SLOW_NOTEBOOK})


def env(**extra) -> dict:
    values = project_env(SOURCE_DATE_EPOCH="1700000000", **extra)
    for name in ("NNX_SLOW_MARKER", "NNX_NOTEBOOK_MARKER"):
        if name not in extra:
            values.pop(name, None)
    return values


COMMAND = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def build(project: Path) -> None:
    proc = subprocess.run(
        COMMAND, cwd=project, env=env(), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def interrupt(project: Path, tmp_path: Path, sig: int, when: str) -> None:
    """Start a build and send ``sig`` to it: ``when`` is "slow cell", "key written" or
    "notebook"."""
    marker = tmp_path / "marker"
    key = project / "docs" / "generated" / "gallery" / "section" / "plot_02_slow.py.md5"
    log = (tmp_path / "interrupted.log").open("w")
    markers = {"slow cell": "NNX_SLOW_MARKER", "notebook": "NNX_NOTEBOOK_MARKER"}
    proc = subprocess.Popen(
        COMMAND,
        cwd=project,
        env=env(**{markers[when]: str(marker)}) if when in markers else env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        ready = marker.exists if when in markers else key.exists
        deadline = time.monotonic() + 120
        while not ready():
            assert proc.poll() is None, "the build ended before the signal"
            assert time.monotonic() < deadline, "the build never reached the slow example"
            time.sleep(0.001)
        os.killpg(proc.pid, sig)
        proc.wait(timeout=30)
        assert proc.returncode != 0, "the interrupted build succeeded"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


RUN_TIME = re.compile(r"(Total running time of the script:(\*\*|</strong>)\s*\().*?(\))")
NUMBER = re.compile(r"\d+(\.\d+)?")


def snapshot(project: Path) -> dict:
    """Every file of ``site/`` and ``docs/generated/``, run times normalised."""
    files = {}
    for top in ("site", "docs/generated"):
        for path in sorted((project / top).rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            name = path.relative_to(project).as_posix()
            if path.suffix in (".md", ".html"):
                text = RUN_TIME.sub(r"\1...\3", data.decode("utf-8"))
                if path.name == "mg_execution_times.md":
                    # rows ordered by run time; a skipped example counts 0: numbers and order go
                    text = "\n".join(sorted(NUMBER.sub("N", text).splitlines()))
                data = text.encode("utf-8")
            elif path.suffix == ".zip":  # the entries' dates are the files' modification times
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    data = repr([(i.filename, archive.read(i)) for i in archive.infolist()])
            elif path.suffix == ".pickle":  # names in set order, which string hashing randomises
                names = pickle.loads(data)
                data = repr(
                    sorted(
                        (k, sorted(json.dumps(v, sort_keys=True) for v in vs))
                        for k, vs in names.items()
                    )
                )
            files[name] = data
    return files


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "when"),
    [
        (signal.SIGINT, "slow cell"),
        (signal.SIGKILL, "slow cell"),
        (signal.SIGKILL, "key written"),
        (signal.SIGKILL, "notebook"),
    ],
    ids=[
        "ctrl-c-while-running",
        "kill-while-running",
        "kill-when-key-written",
        "kill-while-writing-the-notebook",
    ],
)
def test_next_build_equals_a_clean_build(tmp_path, sig, when):
    project = make(tmp_path / "project")
    interrupt(project, tmp_path, sig, when)
    build(project)
    resumed = snapshot(project)
    project.rename(tmp_path / "resumed")

    clean_project = make(tmp_path / "project")  # the same path: same outputs
    build(clean_project)
    clean = snapshot(clean_project)

    assert sorted(resumed) == sorted(clean), "the resumed build has other files"
    differ = [name for name in clean if resumed[name] != clean[name]]
    assert not differ, f"files differ from a clean build: {differ}"
