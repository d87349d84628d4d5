"""How long a clean site build takes, serial and parallel, and whether both give the same site.

Runs ``mkdocs build --strict`` from scratch (``docs/generated`` and ``site`` removed first, as
``make docs`` does) twice: with ``NNEXPLAIN_GALLERY_JOBS=1`` (every gallery example in the
``mkdocs`` process, as mkdocs-gallery alone does) and with the default, one worker process per
core (``docs/hooks/parallel_gallery.py``; ``--jobs`` to choose). Then, unless ``--no-rebuild``,
a rebuild with every example up to date (``site`` removed only): the part of a build that does
not run examples. It reports each build's wall time and CPU time (the build and every process
it started), the parallel build against the budget of 60 s, the serial / parallel ratios, each
gallery page's execution time as mkdocs-gallery recorded it in the serial build, slowest first,
and compares the two clean builds file by file (``tools/site_diff.py``: sha256 of every file of
``site/`` and ``docs/generated/``; the run times mkdocs-gallery prints and the dates inside the
download zips differ between any two builds and are the only things normalised).

Both clean builds run with ``SOURCE_DATE_EPOCH`` (the sitemap's dates) and ``PYTHONHASHSEED=0``
(the name order of mkdocs-gallery's ``*_codeobj.pickle`` files) pinned, so that those do not
differ. The CPU time is the steadier figure on a shared machine: wall time grows with the load,
CPU time much less; the load average is printed before each build.

Run from the repository root::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_site_build.py

The exit status is 1 when a build fails or the two clean builds differ.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from site_diff import compare, summary  # noqa: E402

BUDGET_S = 60.0
ROW = re.compile(r"\(gallery/(?P<page>[^)]+\.py)\)\s*\|\s*(?P<m>\d+):(?P<s>\d+\.\d+)")
GENERATED = ROOT / "docs" / "generated"
SITE = ROOT / "site"


def page_times(generated: Path) -> list[tuple[float, str]]:
    """(seconds, page) for every gallery page, read from mkdocs-gallery's timing tables."""
    rows = []
    for table in generated.glob("**/mg_execution_times.md"):
        for match in ROW.finditer(table.read_text(encoding="utf-8")):
            rows.append((60 * int(match["m"]) + float(match["s"]), match["page"]))
    return sorted(rows, reverse=True)


def build(mkdocs: str, jobs: str | None, clean: bool = True) -> dict:
    """One ``mkdocs build --strict``: wall and CPU seconds, the load before it, the output."""
    shutil.rmtree(SITE, ignore_errors=True)
    if clean:
        shutil.rmtree(GENERATED, ignore_errors=True)
    env = dict(
        os.environ,
        OPENBLAS_NUM_THREADS="1",
        NO_MKDOCS_2_WARNING="1",
        NNEXPLAIN_FULL_SITE="true",
        SOURCE_DATE_EPOCH="1700000000",
        PYTHONHASHSEED="0",
    )
    env.pop("NNEXPLAIN_GALLERY_JOBS", None)
    if jobs is not None:
        env["NNEXPLAIN_GALLERY_JOBS"] = jobs
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [mkdocs, "build", "--strict"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    workers = re.search(r"run in (\d+) processes", proc.stderr)
    return {
        "ok": proc.returncode == 0,
        "stderr": proc.stderr,
        "wall": wall,
        "cpu": cpu,
        "load": load,
        "workers": int(workers[1]) if workers else 1,
    }


def keep(dest: Path) -> None:
    """Move this build's ``site/`` and ``docs/generated/`` under ``dest`` (a project layout)."""
    (dest / "docs").mkdir(parents=True)
    shutil.move(SITE, dest / "site")
    shutil.move(GENERATED, dest / "docs" / "generated")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mkdocs", default=str(Path(sys.executable).with_name("mkdocs")))
    parser.add_argument("--jobs", help="worker processes of the parallel build (default: cores)")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the up-to-date rebuild")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        serial = build(args.mkdocs, "1")
        if not serial["ok"]:
            print(serial["stderr"][-3000:], file=sys.stderr)
            return 1
        rows = page_times(GENERATED)
        keep(Path(tmp) / "serial")
        parallel = build(args.mkdocs, args.jobs)
        if not parallel["ok"]:
            print(parallel["stderr"][-3000:], file=sys.stderr)
            return 1
        report = compare(Path(tmp) / "serial", ROOT)
    rebuild = None if args.no_rebuild else build(args.mkdocs, args.jobs, clean=False)

    for name, result in (("serial", serial), ("parallel", parallel)):
        print(
            f"clean build, {name:8s} ({result['workers']} process{'es' * (result['workers'] > 1)}"
            f"): {result['wall']:6.1f} s wall, {result['cpu']:6.1f} s CPU; "
            f"load before {result['load']:.1f}"
        )
    print(
        f"serial / parallel: {serial['wall'] / parallel['wall']:.2f}x wall, "
        f"{serial['cpu'] / parallel['cpu']:.2f}x CPU; parallel build "
        f"{parallel['wall'] / BUDGET_S:.2f} of the {BUDGET_S:g} s budget"
    )
    if rebuild is not None:
        print(
            f"rebuild, every example up to date: {rebuild['wall']:.1f} s wall, "
            f"{rebuild['cpu']:.1f} s CPU; load before {rebuild['load']:.1f}"
        )
    total = sum(s for s, _ in rows)
    n = len(rows)
    print(
        f"gallery pages: {n}, {total:.1f} s of execution in all in the serial build "
        f"({total / max(n, 1):.2f} s a page on average)"
    )
    for seconds, page in rows:
        print(f"  {seconds:6.1f} s  {page}")
    print(f"serial against parallel: {'the same' if report['same'] else 'DIFFERENT'}")
    print("  " + summary(report).replace("\n", "\n  "))
    return 0 if report["same"] and (rebuild is None or rebuild["ok"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
