"""Time the contributor's edit-to-reload loop against a real ``mkdocs serve``.

Starts ``mkdocs serve`` on a free port (fast preview by default, ``--full`` for the whole site),
waits for the first build, then for each loop makes one edit, measures the time until the
server logs ``Reloading browsers`` and checks the served page shows the edit, and restores the
file (waiting for that rebuild too):

- ``gallery``: a marker ``print`` appended to one gallery script; only that example re-runs,
  and its page shows the marker's output;
- ``library``: a comment appended to a library module; every example re-runs (the library is
  part of each example's cache key) and the gallery index is served again;
- ``docs``: a line appended to a Markdown page, which the served page shows;
- ``nothing``: the docs page touched without a change (the cost of any rebuild).

    .venv/bin/python benchmarks/bench_serve_loop.py [--full] [--only gallery,docs]

The target (issue 12): edit to reload under 5 s plus the edited example's own run time, read
from the example page's "Total running time" line so that the overhead is reported apart. The
files are restored even when a loop fails; the exit status is 1 when a loop misses the target.
Run it on a quiet machine: the times include every example run.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GALLERY_SCRIPT = ROOT / "gallery" / "activations" / "plot_01_shapes.py"
GALLERY_URL = "generated/gallery/activations/plot_01_shapes/"
LIBRARY_MODULE = ROOT / "src" / "nnexplain" / "distributions.py"
DOCS_PAGE = ROOT / "docs" / "getting-started.md"
DOCS_URL = "getting-started/"
TARGET_S = 5.0
RUN_TIME = re.compile(
    r"Total running time of the script:\W*(?:</strong>)?\W*\(\s*(\d+) minutes\s+([\d.]+) seconds"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``mkdocs serve`` in a subprocess, its log in a file."""

    def __init__(self, full: bool, log: Path):
        self.port = free_port()
        self.log = log
        env = dict(os.environ, NNEXPLAIN_FULL_SITE="true" if full else "false")
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        env.setdefault("NO_MKDOCS_2_WARNING", "1")
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
        mkdocs = Path(sys.executable).with_name("mkdocs")
        self.handle = log.open("w")
        self.proc = subprocess.Popen(
            [str(mkdocs), "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_log(self, needle: str, start: int, timeout: float) -> float:
        """Seconds until ``needle`` appears in the log after character ``start``."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if needle in self.text()[start:]:
                return time.perf_counter()
            if self.proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited:\n{self.text()[-3000:]}")
            time.sleep(0.05)
        raise TimeoutError(f"no {needle!r} within {timeout} s:\n{self.text()[-3000:]}")

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.handle.close()


def edit_and_wait(server: Server, path: Path, new_text: str, timeout: float) -> float:
    """Write ``new_text`` to ``path``; seconds until the server reloads the browsers."""
    start = len(server.text())
    t0 = time.perf_counter()
    path.write_text(new_text)
    return server.wait_log("Reloading browsers", start, timeout) - t0


def run_loop(server: Server, name: str, timeout: float) -> dict:
    marker = f"bench-{uuid.uuid4().hex[:8]}"
    path, url, addition = {
        "gallery": (GALLERY_SCRIPT, GALLERY_URL, f'\n# %%\nprint("{marker}")\n'),
        "library": (LIBRARY_MODULE, "generated/gallery/", f"\n# {marker}\n"),
        "docs": (DOCS_PAGE, DOCS_URL, f"\n{marker}\n"),
        "nothing": (DOCS_PAGE, DOCS_URL, ""),
    }[name]
    original = path.read_text()
    try:
        seconds = edit_and_wait(server, path, original + addition, timeout)
        page = server.get(url)
        if name in ("gallery", "docs") and marker not in page:
            raise AssertionError(f"{name}: the served page {url} does not show the edit")
        run = 0.0
        if name == "gallery":
            found = RUN_TIME.search(page)
            run = int(found[1]) * 60 + float(found[2]) if found else 0.0
    finally:
        if path.read_text() != original:
            edit_and_wait(server, path, original, timeout)
    return {"loop": name, "seconds": seconds, "example_run": run}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="serve the full site (API, search)")
    parser.add_argument("--only", default="nothing,docs,gallery,library", help="loops to run")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    # a `kill` still restores the edited file and stops the server
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    log = ROOT / "benchmarks" / "results" / "serve.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = Server(args.full, log)
    try:
        t0 = time.perf_counter()
        server.wait_log("Serving on", 0, args.timeout)
        print(
            f"mkdocs serve ({'full site' if args.full else 'fast preview'}): first build and "
            f"start {time.perf_counter() - t0:.1f} s"
        )
        failed = False
        for name in args.only.split(","):
            row = run_loop(server, name, args.timeout)
            overhead = row["seconds"] - row["example_run"]
            ok = overhead < TARGET_S if name != "library" else True
            failed |= not ok
            detail = f" (example run {row['example_run']:.1f} s, overhead {overhead:.1f} s)"
            print(
                f"{name:8} edit -> reload {row['seconds']:6.1f} s"
                + (detail if name == "gallery" else "")
                + ("" if ok else f"  MISSED target {TARGET_S} s")
            )
    finally:
        server.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
