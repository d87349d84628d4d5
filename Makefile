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

.PHONY: serve docs test lint format bench clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[docs,test]"
	touch $(STAMP)

## serve: build the site and serve it with live reload on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve

## docs: clean build of the site into site/ (examples re-run from scratch)
docs: $(STAMP)
	rm -rf docs/generated site
	$(BIN)/mkdocs build --strict

## lint: ruff lint and format check
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## test: lint, clean strict site build, then every test (unit, gallery, browser)
test: lint docs
	$(BIN)/pytest

## bench: speed and size benchmarks (installs PyTorch 2.13 CPU for the comparisons)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	env -u OPENBLAS_NUM_THREADS $(BIN)/python benchmarks/bench_training.py
	env -u OPENBLAS_NUM_THREADS $(BIN)/python benchmarks/bench_video.py

clean:
	rm -rf site docs/generated .pytest_cache .ruff_cache build dist
