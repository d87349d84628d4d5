# Every target does its own set-up: a fresh Linux machine needs only Python 3 (>= 3.10) with pip.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# The gallery and the tests multiply small matrices: one BLAS thread is faster for them, and keeps
# build times steady when the machine is busy (measured on a loaded 2-core machine: 18 s against
# 3 s for the slowest gallery page). The benchmarks below run with the default threading.
export OPENBLAS_NUM_THREADS := 1

# The site's toolchain (mkdocs-material 9.x) needs Python >= 3.11; the library runs on 3.10-3.14.
SITE_PYTHONS := 3.11, 3.12, 3.13 (3.14 with docs/hooks/py314_compat.py)
PY_OK := $(shell $(PYTHON) -c 'import sys; print(int(sys.version_info >= (3, 11)))' 2>/dev/null)
# `make serve` is the fast preview (no API reference, no search index); `make serve FULL=1` and
# `make docs` build everything.
FULL ?= 0

.PHONY: serve docs test test-library lint format bench clean venv lock check-python

venv: $(STAMP)

check-python:
	@test "$(PY_OK)" = "1" || { echo "make: the site needs Python $(SITE_PYTHONS); $(PYTHON) is \
	$$($(PYTHON) -V 2>&1). Install one (e.g. pyenv install 3.12) and run make PYTHON=python3.12"; \
	exit 1; }

# The docs toolchain is pinned by requirements/docs.lock (pip freeze of the docs extra: `make lock`).
$(STAMP): pyproject.toml requirements/docs.lock | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[docs,test]" -c requirements/docs.lock
	touch $(STAMP)

## serve: fast preview with live reload on http://127.0.0.1:8000 (gallery and library watched;
##        FULL=1 adds the API reference and the search index)
serve: $(STAMP)
	NNEXPLAIN_FULL_SITE=$(if $(filter 1,$(FULL)),true,false) $(BIN)/mkdocs serve

## docs: clean build of the site into site/ (examples re-run from scratch, one worker process per
##       core: NNEXPLAIN_GALLERY_JOBS=1 make docs runs them one after the other)
docs: $(STAMP)
	rm -rf docs/generated site
	NNEXPLAIN_FULL_SITE=true $(BIN)/mkdocs build --strict

## lock: refresh requirements/docs.lock from a fresh venv with the docs extra
lock: check-python
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet --upgrade pip
	build/lock-venv/bin/python -m pip install --quiet ".[docs]"
	build/lock-venv/bin/python -m pip freeze --exclude nnexplain > requirements/docs.lock
	rm -rf build/lock-venv

## test-library: the library's tests alone, on any Python 3.10-3.14 with pytest and hypothesis
test-library:
	$(PYTHON) -m pytest -m "not browser" -p no:cacheprovider \
		--ignore=tests/test_site_build.py --ignore=tests/test_build_failures.py \
		--ignore=tests/test_reproducibility.py --ignore=tests/test_install.py \
		--ignore=tests/test_docs_hooks.py

## lint: ruff lint and format check
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## test: lint, clean strict site build, then every test (unit, gallery, install, browser)
test: lint docs
	NNEXPLAIN_FULL_SITE=true $(BIN)/pytest

## bench: speed and size benchmarks (installs PyTorch 2.13 CPU for the comparisons)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	env -u OPENBLAS_NUM_THREADS $(BIN)/python benchmarks/bench_training.py
	env -u OPENBLAS_NUM_THREADS $(BIN)/python benchmarks/bench_video.py

clean:
	rm -rf site docs/generated .pytest_cache .ruff_cache build dist
