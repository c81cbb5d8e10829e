# Kompetensförsörjningsportalen. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
AXE_VERSION := 4.11.0
AXE := .tools/node_modules/axe-core/axe.min.js
HOST ?= 127.0.0.1
PORT ?= 8000
# gunicorn reads WEB_CONCURRENCY; the default is gunicorn's own advice, 2 × cores + 1.
WEB_CONCURRENCY ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))
# make serve's production settings need a key; a local one is made once and kept out of git.
SERVE_SECRET_FILE := .serve-secret-key

.DEFAULT_GOAL := help
.PHONY: help install install-dev lock run serve setup test test-browser bench loadtest lint format check ci clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}' \
		| sed -e 's/$$(HOST)/$(HOST)/g' -e 's/$$(PORT)/$(PORT)/g'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller senare krävs")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs come from the lock files (exact versions); pyproject.toml keeps the ranges.
$(VENV)/.installed: pyproject.toml requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements/dev.txt
	@touch $@

PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock: install-dev ## Re-pin requirements/base.txt and dev.txt from pyproject.toml's ranges
	$(PIP_COMPILE) --upgrade -o requirements/base.txt pyproject.toml
	$(PIP_COMPILE) --upgrade --extra dev -c requirements/base.txt -o requirements/dev.txt pyproject.toml

$(AXE):
	@command -v npm >/dev/null || { echo "npm saknas: installera Node.js för webbläsartesterna"; exit 0; }
	npm install --silent --no-save --no-package-lock --prefix .tools axe-core@$(AXE_VERSION)

install: $(VENV)/.installed ## Create .venv and install the portal

install-dev: $(VENV)/.installed-dev $(AXE) ## Install the portal, dev tools and axe-core

setup: install ## Migrate, load reference data and demo content, ensure the admin and demo logins
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) createcachetable
	$(MANAGE) load_reference_data
	$(MANAGE) sync_organisations
	$(MANAGE) load_demo_content
	$(MANAGE) load_demo_dialogue
	$(MANAGE) reindex
	$(MANAGE) ensure_local_admin
	$(MANAGE) ensure_demo_logins

# The local demo lets the printed admin in without an authenticator app; ensure_local_admin
# says so. PORTAL_MFA_REQUIRED=1 make run keeps the requirement.
run: export PORTAL_MFA_REQUIRED ?= 0
# The printed links (admin, demo logins, e-mails) point where this server listens.
run: export PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
run: setup ## Set up and serve on http://$(HOST):$(PORT) (runserver, SQLite, database search, MFA off)
	$(MANAGE) runserver $(HOST):$(PORT)

# The production stack on this machine: the same database and demo as make run, but production
# settings (DEBUG off, hashed static files via whitenoise, MFA required), gunicorn with
# WEB_CONCURRENCY workers, the background worker and the scheduler, all stopped by one Ctrl-C.
serve: export DJANGO_SETTINGS_MODULE = portal.settings.production
serve: export PORTAL_HTTPS ?= 0
serve: export WEB_CONCURRENCY := $(WEB_CONCURRENCY)
serve: export SERVE_BIND := $(HOST):$(PORT)
serve: export SECRET_KEY ?= $(shell test -s $(SERVE_SECRET_FILE) || $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $(SERVE_SECRET_FILE); cat $(SERVE_SECRET_FILE))
serve: setup ## Production stack on http://$(HOST):$(PORT): gunicorn + worker + scheduler (Procfile)
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) check --deploy --fail-level ERROR
	@echo "Startar gunicorn ($(WEB_CONCURRENCY) processer), bakgrundsarbetaren och schemaläggaren på http://$(HOST):$(PORT)/"
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

test: install-dev ## Run the whole pytest suite (SQLite unless DATABASE_URL is set)
	$(BIN)/pytest

test-browser: install-dev ## Run only the browser tests (Chromium + axe-core)
	$(BIN)/pytest tests/browser

bench: install-dev ## Benchmarks (not in make test): publishing, the page cache, then search at 10k/100k docs (slow)
	$(BIN)/python -m tests.benchmarks.bench_publishing
	$(BIN)/python -m tests.benchmarks.bench_page_cache
	$(BIN)/python tests/benchmarks/run_benchmarks.py

# Starts its own make serve and dev server on ports 8870/8871 (127.0.0.1 only); set
# LOADTEST_POSTGRES_URL to a database of its own to run it on PostgreSQL too.
loadtest: install-dev ## Load test (locust): make serve vs dev server, with writers, import and reindex
	$(BIN)/python -m tests.loadtest.run_loadtest $(LOADTEST_ARGS)

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
