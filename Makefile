# Kompetensförsörjningsportalen. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
AXE_VERSION := 4.11.0
AXE := .tools/node_modules/axe-core/axe.min.js
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev run setup test test-browser bench lint format check ci clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller senare krävs")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

$(AXE):
	@command -v npm >/dev/null || { echo "npm saknas: installera Node.js för webbläsartesterna"; exit 0; }
	npm install --silent --no-save --no-package-lock --prefix .tools axe-core@$(AXE_VERSION)

install: $(VENV)/.installed ## Create .venv and install the portal

install-dev: $(VENV)/.installed-dev $(AXE) ## Install the portal, dev tools and axe-core

setup: install ## Migrate, load reference data and demo content, ensure the local admin
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_reference_data
	$(MANAGE) sync_organisations
	$(MANAGE) load_demo_content
	$(MANAGE) load_demo_dialogue
	$(MANAGE) reindex
	$(MANAGE) ensure_local_admin

# The local demo lets the printed admin in without an authenticator app; ensure_local_admin
# says so. PORTAL_MFA_REQUIRED=1 make run keeps the requirement.
run: export PORTAL_MFA_REQUIRED ?= 0
run: setup ## Set up and serve on http://127.0.0.1:8000 (SQLite, database search, MFA off)
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev ## Run the whole pytest suite (SQLite unless DATABASE_URL is set)
	$(BIN)/pytest

test-browser: install-dev ## Run only the browser tests (Chromium + axe-core)
	$(BIN)/pytest tests/browser

bench: install-dev ## Benchmarks (not in make test): publishing, then search at 10k/100k docs (slow)
	$(BIN)/python -m tests.benchmarks.bench_publishing
	$(BIN)/python tests/benchmarks/run_benchmarks.py

lint: install-dev ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install-dev ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

ci: ## Run .ci/run (installs system packages: needs root)
	bash .ci/run

clean: ## Remove the virtualenv, tools, local database and media
	rm -rf $(VENV) .tools db.sqlite3 media static
