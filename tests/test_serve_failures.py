"""A gallery example that breaks while ``mkdocs serve`` runs gets an error page, not a stuck server.

``mkdocs.yml`` sets ``abort_on_example_error``, right for ``mkdocs build`` (see
``test_build_failures.py``). Under ``mkdocs serve`` the abort used to happen before the site
folder was touched: the server kept the old page with the broken example's old figures, as if
they were current, and every request then waited for a rebuild that never finished.
``docs/hooks/serve_loop.py`` turns the failure into an error page while serving.

The test starts a real ``mkdocs serve`` (a subprocess on a free port) on a small temporary
project that uses the gallery settings and the hooks of the real ``mkdocs.yml``, with two
examples, and checks over HTTP that

- breaking one example (a ``raise``, then a syntax error) rebuilds its page as an error page
  naming the file, the line and the message, with the traceback, and without the figure of
  the earlier run; the other page keeps its figure; the server keeps answering;
- no cache key (``.md5``) is recorded for the failed example;
- fixing the script brings its page, with a new figure, back without a restart.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

yaml = pytest.importorskip("yaml")
from gallery_project import make_project, project_env  # noqa: E402

pytest.importorskip("mkdocs_gallery")

HEADER = '''"""
# {title}

An example page.
"""

import matplotlib.pyplot as plt

'''
FIGURE = """# %%
# ## A figure
fig, ax = plt.subplots(figsize=(2, 1))
ax.plot([0, 1], [0, {slope}])
ax.set_title("{label}")
"""
GOOD = HEADER.format(title="The other page") + FIGURE.format(slope=1, label="other")
PAGE_V1 = HEADER.format(title="The page") + FIGURE.format(slope=2, label="first version")
# line 11 raises
RAISES = (
    HEADER.format(title="The page")
    + '# %%\n# ## The failing cell\nraise RuntimeError("broken while serving")\n'
)
# line 12 is not Python
SYNTAX = HEADER.format(title="The page") + "# %%\n# ## A cell\nx = 1\ny = (2 +\n"
PAGE_V2 = HEADER.format(title="The page") + FIGURE.format(slope=3, label="fixed version")


def env() -> dict:
    return project_env()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    # a rebuild that never finishes makes mkdocs serve hold every request: the timeout says so
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def without_epoch(page: str) -> str:
    """A served page without the build epochs that mkdocs serve injects for live reload."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", page)


def error_box(page: str) -> str:
    """The error admonition of a served page (for assertion messages)."""
    start = page.find("failed while serving")
    return page[start : start + 1500] if start >= 0 else "(no error admonition)"


def wait_for(url: str, predicate, server, timeout=60.0) -> str:
    """The page at ``url`` once ``predicate(page)`` holds; fails on timeout or a dead server."""
    deadline = time.monotonic() + timeout
    page = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        try:
            page = get(url)
        except OSError:
            page = ""
        if page and predicate(page):
            return page
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {url}; last page:\n{page[-3000:]}")


def test_failing_example_while_serving(tmp_path):
    examples = {"plot_good.py": GOOD, "plot_page.py": PAGE_V1}
    project = make_project(tmp_path / "site", examples, "serve failures")
    script = project / "gallery" / "section" / "plot_page.py"
    key = project / "docs" / "generated" / "gallery" / "section" / "plot_page.py.md5"
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/generated/gallery/section"
    page_url, other_url = f"{base}/plot_page/", f"{base}/plot_good/"
    try:
        page = wait_for(page_url, lambda p: True, server)
        assert "mkd_glr_plot_page_001.png" in page
        assert "failed while serving" not in page
        assert key.is_file()
        other = get(other_url)
        assert "mkd_glr_plot_good_001.png" in other

        # 1. a raising example
        script.write_text(RAISES)
        page = wait_for(page_url, lambda p: "failed while serving" in p, server)
        assert "gallery/section/plot_page.py</code>, line 11" in page, error_box(page)
        assert "RuntimeError: broken while serving" in page
        assert "Traceback (most recent call last)" in page
        assert "mkd_glr_plot_page_001.png" not in page, "the old figure is shown as current"
        assert not key.exists(), "a failed example is recorded as up to date"
        assert without_epoch(get(other_url)) == without_epoch(other), "the other page changed"

        # 2. a syntax error
        script.write_text(SYNTAX)
        page = wait_for(page_url, lambda p: "SyntaxError" in p, server)
        assert "failed while serving" in page
        assert "gallery/section/plot_page.py</code>, line 12" in page, error_box(page)
        assert "broken while serving" not in page
        assert not key.exists()
        assert "mkd_glr_plot_good_001.png" in get(other_url)

        # 3. fixed: the page comes back with its new figure, without a restart
        script.write_text(PAGE_V2)
        page = wait_for(page_url, lambda p: "failed while serving" not in p, server)
        assert "mkd_glr_plot_page_001.png" in page
        assert "SyntaxError" not in page
        assert key.is_file(), "the fixed example has no cache key"
        assert server.poll() is None
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
        print((tmp_path / "serve.log").read_text()[-4000:])
