# Two commands matter: `make serve` and `make test`. Both build .venv from
# uv.lock first; nothing needs to be installed globally but Python >= 3.11.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.synced-$(UV_VERSION)-pyc

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help venv serve build test lint typecheck actionlint pytest drift mutate skill bench clean

help:
	@echo "make serve   build and serve the site on http://127.0.0.1:8000"
	@echo "make test    everything CI checks (lint, types, tests, strict build, site checks)"
	@echo "make build   build the site into site/ (strict)"
	@echo "make skill   write the agent skill (SKILL.md + references) to dist/skill/"
	@echo "make drift   run the snippet tests against the newest inngest (never touches the lock)"
	@echo "make mutate  mutation testing over snippets/ (MODULE=guides/improve/invoke for one, JOBS=2)"
	@echo "make bench   page weight vs. default Material, and Lighthouse scores"
	@echo "make clean   remove the virtualenvs, caches and the built site"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Re-sync whenever the lock changes; --frozen installs exactly what uv.lock pins.
# --compile-bytecode: CI sets PYTHONDONTWRITEBYTECODE, so without it every run
# recompiles mkdocs, Material and the SDK from source (about 1 s per build).
$(STAMP): uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@rm -f $(VENV)/.synced-*
	@touch $@

venv: $(STAMP)

serve: venv
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: venv
	$(PY) -m mkdocs build --strict

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: venv
	$(PY) -m mypy

actionlint: venv
	$(VENV)/bin/actionlint .github/workflows/*.yml

pytest: venv
	$(PY) -m pytest -n 2 --cov --cov-report=term-missing:skip-covered

test: lint typecheck actionlint pytest

skill: venv
	$(PY) -m hooks.skill_export dist/skill

drift: venv
	$(PY) tools/drift.py --report drift-report.json

# Not part of `make test`: a full pass takes far longer than the suite (see
# docs/contributing.md). The weekly workflow runs it and checks the floor.
MODULE ?=
JOBS ?= 1
mutate: venv
	$(PY) tools/mutate.py --jobs $(JOBS) $(MODULE)
# Lighthouse 12 (13 needs Node >= 22.19), exactly as tools/lighthouse locks it.
NODE_TOOLS := $(TOOLS)/node
LIGHTHOUSE := $(NODE_TOOLS)/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	mkdir -p $(NODE_TOOLS)
	cp tools/lighthouse/package.json tools/lighthouse/package-lock.json $(NODE_TOOLS)/
	cd $(NODE_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Not part of `make test`: timings and Lighthouse scores vary from run to run.
bench: venv $(LIGHTHOUSE)
	$(PY) -m tests.site.bench

clean:
	rm -rf $(VENV) $(TOOLS) site .pytest_cache .mypy_cache .ruff_cache .coverage drift-report.json dist .mutate
