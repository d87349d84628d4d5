"""Compare two builds of the site, file by file: the same files, the same bytes.

Used by ``benchmarks/bench_site_build.py`` (serial against parallel) and
``tests/test_parallel_build.py``. Each side is a project folder; its ``site/`` and
``docs/generated/`` trees are compared (sha256 of every file). Three things differ between any
two clean builds, serial or not, and only they are normalised, each file saying which applied:

- ``run time``: the run time mkdocs-gallery measures and prints, "Total running time of the
  script: (0 minutes 2.345 seconds)" on each gallery page (its ``.md``, its HTML and the search
  index), and ``mg_execution_times.md`` (its numbers, and the order and widths of its rows,
  which follow the times; ``mkdocs.yml`` keeps it out of the site);
- ``zip dates``: the download zips record each member's modification time, the time the build
  wrote it (2 s resolution): the members' names, order and bytes are compared;

and two more are pinned by the caller instead of normalised: ``SOURCE_DATE_EPOCH`` (the
sitemap's dates and its gzip header) and ``PYTHONHASHSEED`` (the order of the names in the
``*_codeobj.pickle`` files is set order, which string hashing randomises per process).

Run from the repository root::

    python tools/site_diff.py PROJECT_A PROJECT_B
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
import zipfile
from pathlib import Path

TREES = ("site", "docs/generated")
RUN_TIME = re.compile(r"(Total running time of the script:(?:\*\*|</strong>)?\s*\().*?(\))")
NUMBER = re.compile(r"\d+(\.\d+)?")
RULE = re.compile(r"^[+-]+$")


def files(project: Path) -> dict[str, Path]:
    """Every file of the project's ``site/`` and ``docs/generated/``, by relative path."""
    found = {}
    for top in TREES:
        for path in sorted((project / top).rglob("*")):
            if path.is_file():
                found[path.relative_to(project).as_posix()] = path
    return found


def normalised(path: Path, data: bytes) -> tuple[bytes, str | None]:
    """``data`` with what differs between any two builds taken out, and what that was."""
    if path.name == "mg_execution_times.md":
        rows = [NUMBER.sub("N", " ".join(line.split())) for line in data.decode().splitlines()]
        rows = sorted(row for row in rows if row and not RULE.match(row.replace(" ", "")))
        return "\n".join(rows).encode(), "run time"
    if path.suffix in (".md", ".html", ".json"):
        text, count = RUN_TIME.subn(r"\1...\2", data.decode("utf-8"))
        return text.encode("utf-8"), "run time" if count else None
    if path.suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(i.filename, archive.read(i)) for i in archive.infolist()]
        return repr(members).encode(), "zip dates"
    return data, None


def compare(a: Path, b: Path) -> dict:
    """Compare two projects' builds: counts, and the files that differ, by kind."""
    files_a, files_b = files(a), files(b)
    report = {
        "files": len(files_a),
        "identical": 0,
        "normalised": {},  # relative path -> what was normalised
        "differ": [],
        "only_a": sorted(set(files_a) - set(files_b)),
        "only_b": sorted(set(files_b) - set(files_a)),
    }
    for name in sorted(set(files_a) & set(files_b)):
        data_a, data_b = files_a[name].read_bytes(), files_b[name].read_bytes()
        if hashlib.sha256(data_a).digest() == hashlib.sha256(data_b).digest():
            report["identical"] += 1
            continue
        norm_a, why = normalised(files_a[name], data_a)
        norm_b, _ = normalised(files_b[name], data_b)
        if why and norm_a == norm_b:
            report["normalised"][name] = why
        else:
            report["differ"].append(name)
    report["same"] = not (report["differ"] or report["only_a"] or report["only_b"])
    return report


def summary(report: dict) -> str:
    """A few lines saying what differs."""
    kinds = {}
    for why in report["normalised"].values():
        kinds[why] = kinds.get(why, 0) + 1
    normalised = ", ".join(f"{n} equal but for the {why}" for why, n in sorted(kinds.items()))
    lines = [
        f"{report['files']} files: {report['identical']} byte-identical (sha256), "
        f"{normalised or 'no other equal'}; {len(report['differ'])} differ otherwise"
    ]
    for key in ("differ", "only_a", "only_b"):
        for name in report[key]:
            lines.append(f"  {key}: {name}")
    return "\n".join(lines)


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    report = compare(Path(args[0]), Path(args[1]))
    print(summary(report))
    return 0 if report["same"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
