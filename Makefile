# Default target: tests and lint. `make demo` runs the main job on the sample corpus.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: test demo install lint bench clean

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

demo: install
	$(BIN)/tieline demo

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/quality.py

clean:
	rm -rf $(VENV) build dist *.egg-info
