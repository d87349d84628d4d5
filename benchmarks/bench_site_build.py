"""How long a clean site build takes, and which gallery pages take it.

Runs ``mkdocs build --strict`` from scratch (``docs/generated`` and ``site`` removed first, as
``make docs`` does), reports the wall time and the CPU time of the build against the project's
budget of 90 s, then each gallery page's execution time as mkdocs-gallery recorded it, slowest
first. The CPU time is the steadier figure on a shared machine: wall time grows with the load,
CPU time much less.

Run from the repository root::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_site_build.py
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 90.0
ROW = re.compile(r"\(gallery/(?P<page>[^)]+\.py)\)\s*\|\s*(?P<m>\d+):(?P<s>\d+\.\d+)")


def page_times(generated: Path) -> list[tuple[float, str]]:
    """(seconds, page) for every gallery page, read from mkdocs-gallery's timing tables."""
    rows = []
    for table in generated.glob("**/mg_execution_times.md"):
        for match in ROW.finditer(table.read_text(encoding="utf-8")):
            rows.append((60 * int(match["m"]) + float(match["s"]), match["page"]))
    return sorted(rows, reverse=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mkdocs", default=str(Path(sys.executable).with_name("mkdocs")))
    args = parser.parse_args(argv)
    for folder in (ROOT / "docs" / "generated", ROOT / "site"):
        shutil.rmtree(folder, ignore_errors=True)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [args.mkdocs, "build", "--strict"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return proc.returncode
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    print(f"clean build: {wall:.1f} s wall ({wall / BUDGET_S:.2f} of the {BUDGET_S:g} s budget)")
    print(f"             {cpu:.1f} s CPU ({cpu / BUDGET_S:.2f} of the budget); load {load:.1f}")
    rows = page_times(ROOT / "docs" / "generated" / "gallery")
    total = sum(s for s, _ in rows)
    print(f"gallery pages: {len(rows)}, {total:.1f} s of execution in all")
    for seconds, page in rows:
        print(f"  {seconds:6.1f} s  {page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
