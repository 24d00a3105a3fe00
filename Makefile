# Two commands matter: `make serve` and `make test`. Both build .venv from
# uv.lock first; nothing needs to be installed globally but Python >= 3.11.
# `make test` also finds or provides a Chromium (tools/browser.py).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
# The uv pin lives where Dependabot reads it (the pip ecosystem); make reads it here.
UV_REQUIREMENT := tools/uv/requirements.txt
UV_VERSION := $(shell sed -n 's/^uv==//p' $(UV_REQUIREMENT))
$(if $(UV_VERSION),,$(error $(UV_REQUIREMENT): no line "uv==<version>"))
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.synced-$(UV_VERSION)-pyc

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help venv serve build build-zensical zensical-parity test check lint typecheck actionlint pytest drift stress mutate mutate-report skill new-page search-ranks bench bench-search bench-steps clean

help:
	@echo "make serve   build and serve the site on http://127.0.0.1:8000"
	@echo "make test    everything CI checks (lint, types, tests, strict build, site checks)"
	@echo "make check   the same without the browser tests: the fast edit-test loop"
	@echo "make build   build the site into site/ (strict)"
	@echo "make build-zensical  the same docs built by Zensical, into site-zensical/"
	@echo "make zensical-parity both builds, and every difference between them"
	@echo "make skill   write the agent skill to dist/skill/ and refresh skills/ (commit it)"
	@echo "make drift   the snippet tests against the newest inngest release and pre-release (never touches the lock)"
	@echo "make stress  the browser tests 5 times in a row on a busy machine (RUNS=5 LOAD=2 per core)"
	@echo "make new-page PAGE=guides/x  start a page: its file, folders, nav line, search rows (TITLE=, SECTION=)"
	@echo "make search-ranks PAGE=guides/x  each search row's rank for one page (no PAGE: every row)"
	@echo "make mutate  mutation testing over snippets/ (MODULE=guides/improve/invoke for one, JOBS=2)"
	@echo "make mutate-report  the score from the recorded runs in .mutate/, with when each ran"
	@echo "make bench   build time, page weight, Lighthouse and a phone profile (every page, median of 3)"
	@echo "             and search hit rates, against the same Markdown on stock Material and on stock"
	@echo "             Material with the same theme features (BENCH_ARGS='--pages quick-reference/')"
	@echo "make bench-search  only the search engines compared, both sets (a minute)"
	@echo "make bench-steps  what a step costs: Inngest vs Celery vs RQ (docs/assets/step-cost.*)"
	@echo "make clean   remove the virtualenvs, caches and the built site"

$(UV): $(UV_REQUIREMENT)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check -r $(UV_REQUIREMENT)
	@touch $@

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

# The Zensical lane (docs/contributing.md#generator): the same docs/ and
# mkdocs.yml built by Zensical, in a venv of its own (.venv-zensical: the docs,
# comparison and zensical groups of uv.lock; .venv never gets Zensical), then the
# same post-build step MkDocs runs (docsite/finish.py).
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.synced-$(UV_VERSION)
$(ZENSICAL_STAMP): uv.lock pyproject.toml | $(UV)
	UV_PROJECT_ENVIRONMENT=$(ZENSICAL_VENV) $(UV) sync --frozen --compile-bytecode \
		--no-default-groups --group docs --group comparison --group zensical --python $(PYTHON)
	@rm -f $(ZENSICAL_VENV)/.synced-*
	@touch $@

build-zensical: $(ZENSICAL_STAMP)
	rm -rf site-zensical
	SITE_DIR=site-zensical $(ZENSICAL_VENV)/bin/zensical build --strict -f mkdocs.yml
	$(ZENSICAL_VENV)/bin/python -m docsite.finish site-zensical

# Both builds, then every difference (tools/zensical_parity.py, also written to
# zensical-parity.md); fails on a difference its KNOWN list does not name.
zensical-parity: build build-zensical
	$(PY) -m tools.zensical_parity site site-zensical --report zensical-parity.md

# Shell: .ci/run, and the readers' shell snippets as the bash they type them
# into. Workflows: zizmor's security audits (offline: no GitHub API), and
# actionlint below with shellcheck on every `run:` script (given the path: it
# skips that check silently when it finds no shellcheck).
SHELLCHECK := $(VENV)/bin/shellcheck
lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(SHELLCHECK) .ci/run
	$(SHELLCHECK) --shell=bash $$(git ls-files 'snippets/*.sh')
	$(VENV)/bin/zizmor --offline --quiet .github/

typecheck: venv
	$(PY) -m mypy

actionlint: venv
	$(VENV)/bin/actionlint -shellcheck=$(SHELLCHECK) .github/workflows/*.yml

PYTEST := $(PY) -m pytest -n 2 --dist loadgroup --cov --cov-report=term-missing:skip-covered
# The browser tests' Chromium: CHROMIUM_PATH, PATH, macOS apps, Playwright's in
# .tools/playwright (downloaded if need be), as root Debian's; or an error
# naming each option. The tests get the one found as CHROMIUM_PATH.
WITH_CHROMIUM = chromium="$$($(PY) -m tools.browser)" && CHROMIUM_PATH="$$chromium"

pytest: venv
	$(WITH_CHROMIUM) $(PYTEST)

test: lint typecheck actionlint pytest

# Everything `make test` runs but the browser tests (marker `browser`).
check: lint typecheck actionlint
	$(PYTEST) -m "not browser"

# skills/ is the committed copy that skills installers read from the repository;
# a test fails when it differs from what the pages generate.
skill: venv
	$(PY) -m docsite.skill skills
	$(PY) -m docsite.skill dist/skill --zip dist/inngest-workflow-skill.zip

# docs/contributing.md#add-a-page: writes what follows from the page's path,
# then prints what is left to write.
PAGE ?=
TITLE ?=
SECTION ?=
new-page: venv
	@test -n "$(PAGE)" || { echo "usage: make new-page PAGE=guides/x [TITLE=...] [SECTION=...]" >&2; exit 2; }
	$(PY) -m tools.new_page "$(PAGE)" --title "$(TITLE)" --section "$(SECTION)"

search-ranks: venv
	$(WITH_CHROMIUM) $(PY) -m tools.search_ranks $(PAGE)

drift: venv
	$(PY) -m tools.drift --report drift-report.json

# Not part of `make test`: a wait on time instead of on a condition shows up
# only under load. Builds the site once, runs the browser tests RUNS times with
# LOAD busy processes per core beside them, reports each run, stops the load.
RUNS ?= 5
LOAD ?= 2
STRESS_ARGS ?=
stress: venv
	$(WITH_CHROMIUM) $(PY) -m tools.stress --runs $(RUNS) --load $(LOAD) $(STRESS_ARGS)

# Not part of `make test`: a full pass takes far longer than the suite (see
# docs/contributing.md). The weekly workflow runs it and checks the floor.
MODULE ?=
JOBS ?= 1
mutate: venv
	$(PY) -m tools.mutate --jobs $(JOBS) $(MODULE)

mutate-report: venv
	$(PY) -m tools.mutate --report $(MODULE)

# Lighthouse 12 (13 needs Node >= 22.19), exactly as tools/lighthouse locks it.
NODE_TOOLS := $(TOOLS)/node
LIGHTHOUSE := $(NODE_TOOLS)/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	mkdir -p $(NODE_TOOLS)
	cp tools/lighthouse/package.json tools/lighthouse/package-lock.json $(NODE_TOOLS)/
	cd $(NODE_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Not part of `make test`: timings and Lighthouse scores vary from run to run.
# One line per benchmark; each prints its own progress and table.
BENCH_ARGS ?=
bench: venv $(LIGHTHOUSE) bench-steps
	$(WITH_CHROMIUM) $(PY) -m tools.bench $(BENCH_ARGS)

bench-search: venv
	$(WITH_CHROMIUM) $(PY) -m tools.bench --search-only

# Measures Inngest/Celery/RQ step overhead (a few minutes), rewrites
# docs/assets/step-cost.json and .svg; commit both. On a machine doing nothing
# else: make bench-steps STEP_COST_ARGS=--dedicated
bench-steps: venv
	$(PY) -m tools.step_cost $(STEP_COST_ARGS)

clean:
	rm -rf $(VENV) $(ZENSICAL_VENV) $(TOOLS) site site-zensical zensical-parity.md .pytest_cache .mypy_cache .ruff_cache .coverage drift-report.json dist .mutate
