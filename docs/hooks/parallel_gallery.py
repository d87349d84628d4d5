"""MkDocs hook: run the gallery's examples on every core, mkdocs-gallery still the engine.

mkdocs-gallery runs the examples one after the other in the ``mkdocs`` process
(``generate_gallery_md`` -> ``generate`` -> ``generate_file_md`` for each script, in
``mkdocs_gallery/gen_gallery.py`` and ``gen_single.py``), and has no parallel mode. Before that
serial loop (``on_pre_build``, ahead of the gallery plugin's), this hook:

1. lists the examples the loop would run: executable, and whose cache key
   (``<example>.py.md5``, which ``docs/hooks/serve_loop.py`` makes depend on the library too) is
   missing or out of date -- all of them in a clean build or after a library change;
2. when there are two or more and more than one job, starts worker processes (one per core by
   default, no more than there are examples). Each is a fresh Python (``sys.executable`` running
   this file, ``OPENBLAS_NUM_THREADS=1``, the parent's ``sys.path`` and working directory) that
   loads the same ``mkdocs.yml``, runs the plugins' ``on_startup`` and ``on_config`` as the build
   does (so the gallery settings, the scraper and ``serve_loop.py``'s cache key and thumbnail cache
   are the same), then takes one example at a time, in the gallery's order, and runs
   mkdocs-gallery's own ``generate_file_md`` on it: figures, page, thumbnail, notebook, key;
3. then lets mkdocs-gallery's loop run as usual. It finds every example a worker completed up to
   date (its key matches) and only assembles the indexes, the zips and the navigation, as after an
   unchanged rebuild; an example no worker completed (it failed, a worker died, it was never
   reached) has no valid key and is run by the loop itself, in the ``mkdocs`` process, as it would
   be without this hook.

So the workers only do ahead of time what the serial loop would do, with the same code and
settings; a page, a figure or a notebook is made by the same function whichever process runs it,
and ``benchmarks/bench_site_build.py`` checks that a parallel clean build gives the same files as
a serial one. What the loop reports for an example a worker ran -- the run time and memory of
``mg_execution_times.md`` and of the summary, the count of examples executed -- is the worker's,
as if the loop had run it.

A failing example is run again by the loop, which reports it as before: ``mkdocs build --strict``
fails with the traceback naming the script (``abort_on_example_error``), and under ``mkdocs
serve`` ``serve_loop.py`` makes its error page. With ``abort_on_example_error`` the workers take
no new example after a failure, so the build fails about as soon as a serial one would.
Log records of the ``mkdocs`` loggers (mkdocs-gallery's warnings among them) from a completed
example are logged again by the ``mkdocs`` process, so that ``--strict`` counts them.

An interrupted build (Ctrl-C, a kill) leaves what an interrupted serial build leaves: keys are
written only for complete examples, all at once (``serve_loop.py``). A worker exits when its
``mkdocs`` process does (``PR_SET_PDEATHSIG`` on Linux, and at the end of its input).

``NNEXPLAIN_GALLERY_JOBS`` sets the number of worker processes: by default the cores this process
may run on (``os.sched_getaffinity``); ``1`` runs every example in the ``mkdocs`` process, as
mkdocs-gallery alone does.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

JOBS_ENV = "NNEXPLAIN_GALLERY_JOBS"
# set in the workers' environment: this hook does nothing there
WORKER_ENV = "NNEXPLAIN_GALLERY_WORKER"
log = logging.getLogger("mkdocs.hooks.parallel_gallery")

_STATE = {
    "command": "build",
    "dirty": False,
    # examples a worker completed in this build: source path -> (run time, memory)
    "ran": {},
}


def jobs() -> int:
    """The number of worker processes: ``$NNEXPLAIN_GALLERY_JOBS``, else the usable cores."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if value:
        try:
            count = int(value)
        except ValueError:
            count = 0
        if count < 1:
            raise PluginError(f"{JOBS_ENV} must be a whole number >= 1 (1: serial), not {value!r}")
        return count
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def gallery_scripts(all_info) -> list:
    """Every script of the galleries, in the order mkdocs-gallery's loop takes them."""
    scripts = []
    for gallery in all_info.galleries:
        scripts += gallery.scripts
        for sub in gallery.subsections:
            scripts += sub.scripts
    return scripts


def scripts_to_run(all_info) -> list:
    """The scripts mkdocs-gallery's loop would run (not skip as up to date)."""
    return [
        script
        for script in gallery_scripts(all_info)
        if script.is_executable_example() and script.has_changed_wrt_persisted_md5()
    ]


# -- the mkdocs process ----------------------------------------------------------------------


def _install_results() -> None:
    """Make mkdocs-gallery's loop report a worker's run of an example as its own (idempotent)."""
    from mkdocs_gallery import gen_single

    original = gen_single.generate_file_md
    if getattr(original, "_nnexplain_parallel", False):
        return

    def generate_file_md(script, seen_backrefs=None):
        conf = script.gallery_conf
        n_stale = len(conf["stale_examples"])
        result = original(script, seen_backrefs)
        ran = _STATE["ran"].pop(str(script.src_py_file), None)
        skipped = len(conf["stale_examples"]) > n_stale
        if ran is not None and skipped:
            # up to date because a worker just ran it: report that run, not a skip
            result.exec_time, result.memory = ran
            conf["stale_examples"].pop()
            conf["passing_examples"].append(script)
        return result

    generate_file_md._nnexplain_parallel = True
    gen_single.generate_file_md = generate_file_md


def _install_times_table() -> None:
    """Write a section's ``mg_execution_times.md`` when none exists, even if nothing ran.

    mkdocs-gallery writes the table only when an example of the section ran in this build (a
    total above 0), and lists the skipped ones with 0. A build interrupted once the workers had
    completed every example left no table, and the next build, with nothing to run, wrote none,
    unlike a clean build: the table is then written with every example at 0 (idempotent).
    """
    from mkdocs_gallery import gen_gallery

    original = gen_gallery.write_computation_times
    if getattr(original, "_nnexplain_parallel", False):
        return

    def write_computation_times(gallery, results):
        if not results or gallery.exec_times_md_file.exists():
            return original(gallery, results)
        if any(result.exec_time for result in results):
            return original(gallery, results)
        try:
            for result in results:  # shown as 00:00.000, but not the "nothing ran" total of 0
                result.exec_time = 1e-9
            return original(gallery, results)
        finally:
            for result in results:
                result.exec_time = 0.0

    write_computation_times._nnexplain_parallel = True
    gen_gallery.write_computation_times = write_computation_times


def on_startup(command, dirty):
    _STATE["command"], _STATE["dirty"] = command, dirty


def on_config(config):
    if not os.environ.get(WORKER_ENV):
        _install_results()
        _install_times_table()
    return config


@event_priority(50)  # before the gallery plugin's on_pre_build, which runs the serial loop
def on_pre_build(config):
    _STATE["ran"].clear()
    if os.environ.get(WORKER_ENV):
        return
    gallery = config["plugins"].get("gallery") if "plugins" in config else None
    count = jobs()
    if gallery is None or count < 2 or not gallery.config.get("plot_gallery", True):
        return
    if gallery.config.get("run_stale_examples"):
        return  # the serial loop runs every example again anyway
    config_file = config.get("config_file_path")
    if not config_file or not Path(config_file).is_file():
        return  # a configuration read from stdin: workers could not load it
    from mkdocs_gallery.gen_data_model import AllInformation

    all_info = AllInformation.from_cfg(gallery.config, config)
    all_info.collect_script_files()
    todo = scripts_to_run(all_info)
    if len(todo) < 2:
        return  # one example runs as fast in this process
    for script in todo:  # created here, not by two workers at once
        script.gallery.make_generated_dir()
        script.gallery.make_images_dir()
        script.gallery.make_thumb_dir()
    abort = bool(gallery.config.get("abort_on_example_error"))
    pool = _Pool(min(count, len(todo)), config_file, abort)
    start = time.perf_counter()
    log.info(f"running {len(todo)} gallery examples in {pool.size} processes ({JOBS_ENV}=1: one)")
    replies = pool.run(todo)
    done = 0
    for script in todo:
        reply = replies.get(str(script.src_py_file))
        if not reply or not reply["ok"]:
            continue  # the serial loop runs it again and reports it
        done += 1
        _STATE["ran"][reply["src"]] = (reply["exec_time"], reply["memory"])
        for name, level, message in reply["records"]:
            logging.getLogger(name).log(level, "%s", message)
    for message in pool.errors:
        log.info(f"a gallery worker stopped: {message}")
    log.info(
        f"{done} of {len(todo)} gallery examples run in {pool.size} processes in "
        f"{time.perf_counter() - start:.1f} s"
    )


class _Pool:
    """Worker processes fed one example at a time, in order, from a shared list."""

    def __init__(self, size: int, config_file: str, abort: bool):
        self.size = size
        self.config_file = str(config_file)
        self.abort = abort
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", **{WORKER_ENV: "1"})
        if sys.dont_write_bytecode:  # mkdocs serve: see serve_loop.py
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        proc = subprocess.Popen(
            [sys.executable, __file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )
        mkdocs_level = logging.getLogger("mkdocs").getEffectiveLevel()
        init = {
            "config_file": self.config_file,
            "command": _STATE["command"],
            "dirty": _STATE["dirty"],
            "sys_path": sys.path,
            "cwd": os.getcwd(),
            "parent": os.getpid(),
            "log_level": mkdocs_level,
        }
        proc.stdin.write(json.dumps(init) + "\n")
        proc.stdin.flush()
        return proc

    def _feed(self, proc, queue: list, replies: dict) -> None:
        try:
            ready = _read(proc)
            if not ready or not ready.get("ready"):
                self.errors.append((ready or {}).get("error", "it did not start"))
                return
            while not self._stop.is_set():
                with self._lock:
                    if not queue:
                        return
                    script = queue.pop(0)
                src = str(script.src_py_file)
                proc.stdin.write(json.dumps({"src": src}) + "\n")
                proc.stdin.flush()
                reply = _read(proc)
                if reply is None:
                    self.errors.append(f"it ended while running {src}")
                    return
                replies[src] = reply
                if not reply["ok"] and self.abort:
                    self._stop.set()
                if reply.get("crashed"):
                    return  # the worker exits: its state after an escaped exception is unknown
        except (OSError, ValueError) as exc:  # a broken pipe: the worker died
            self.errors.append(repr(exc))
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    def run(self, scripts: list) -> dict:
        """Run ``scripts``; return the workers' replies by source path."""
        queue, replies = list(scripts), {}
        procs = [self._start() for _ in range(self.size)]
        threads = [
            threading.Thread(target=self._feed, args=(p, queue, replies), daemon=True)
            for p in procs
        ]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for proc in procs:
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    self.errors.append("it did not end within 60 s of its last example")
        finally:  # Ctrl-C or an error here: no worker outlives the build
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
        return replies


def _read(proc):
    line = proc.stdout.readline()
    return json.loads(line) if line else None


# -- a worker --------------------------------------------------------------------------------


class _Records(logging.Handler):
    """Keep the records of the ``mkdocs`` loggers, for the ``mkdocs`` process to log again."""

    def __init__(self):
        super().__init__()
        self.records: list = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def _die_with_parent(parent: int) -> None:
    """Linux: be killed when the ``mkdocs`` process ends (a kill of it alone included)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before prctl
        os._exit(1)


def _load(init: dict, records: _Records):
    """Load the configuration as ``mkdocs build`` does; return the galleries (which the scripts
    refer to weakly) and the scripts by source path."""
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    logger.setLevel(init["log_level"])
    logger.propagate = False
    logger.addHandler(records)
    config = load_config(config_file=init["config_file"])
    config.plugins.on_startup(command=init["command"], dirty=init["dirty"])
    config = config.plugins.on_config(config)
    from mkdocs_gallery.gen_data_model import AllInformation

    all_info = AllInformation.from_cfg(config["plugins"]["gallery"].config, config)
    all_info.collect_script_files()
    return all_info, {str(script.src_py_file): script for script in gallery_scripts(all_info)}


def _run(script, records: _Records) -> dict:
    from mkdocs_gallery import gen_single

    records.records.clear()
    reply = {"src": str(script.src_py_file), "records": []}
    try:
        # the function mkdocs-gallery's loop calls, with serve_loop.py's cache key around it
        result = gen_single.generate_file_md(script, seen_backrefs=set())
    except Exception:
        return dict(reply, ok=False, crashed=True, error=traceback.format_exc())
    failed = script.src_py_file in script.gallery_conf["failing_examples"]
    return dict(
        reply,
        ok=not failed,
        exec_time=result.exec_time,
        memory=result.memory,
        records=records.records,
    )


def worker_main() -> int:
    """Read the set-up, then one example per line from stdin; answer each with a JSON line."""
    # the answers go through a copy of stdout; what the examples and libraries print goes to
    # stderr, and they read from /dev/null, as the protocol's pipes are not theirs
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)

    def answer(message: dict) -> None:
        answers.write(json.dumps(message) + "\n")
        answers.flush()

    init = json.loads(requests.readline())
    _die_with_parent(init["parent"])
    sys.path[:] = init["sys_path"]
    os.chdir(init["cwd"])
    records = _Records()
    try:
        _all_info, scripts = _load(init, records)
    except Exception:
        answer({"ready": False, "error": traceback.format_exc()})
        return 1
    answer({"ready": True})
    for line in requests:
        src = json.loads(line)["src"]
        reply = _run(scripts[src], records)
        answer(reply)
        if reply.get("crashed"):
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(worker_main())
