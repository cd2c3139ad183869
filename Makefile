# Two commands for a fresh machine with Python 3.11 and make:
#   make run    regenerate every notebook and figure
#   make test   unit tests, strict nbval on the committed notebooks, parameter runs
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
# Deterministic hashing for every step. (No MPLBACKEND here: notebook kernels
# must keep the inline backend so that charts are stored in the notebooks.)
export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format validate lab bench clean help

help:
	@echo "make run | make test | make validate | make lab | make bench | make clean"

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required, found " + sys.version.split()[0] + " at " + sys.executable)'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m helpers.run.kernels --install
	@touch $@

run: $(STAMP)
	$(BIN)/python -m helpers.run
	$(BIN)/python -m helpers.run.readme_findings

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: $(STAMP)
	$(BIN)/python -m helpers.run.validate

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# As root (containers, CI) opt in explicitly: make lab ALLOW_ROOT=1 (still 127.0.0.1, token on).
lab: $(STAMP)
	$(BIN)/python -m helpers.run.lab $(if $(filter 1,$(ALLOW_ROOT)),--allow-root)

bench: $(STAMP)
	$(BIN)/python -m helpers.run.benchmark

clean:
	rm -rf $(VENV) .bench out
