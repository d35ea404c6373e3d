# Every target installs what it needs first, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help install test lint format validate generate site serve drift bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(STAMP) ## Create .venv and install the pinned dependencies

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "modelcat needs Python 3.11 or newer; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

test: $(STAMP) lint ## Run ruff and every test (browser tests need /usr/bin/chromium)
	$(PY) -m pytest

lint: $(STAMP) ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: $(STAMP) ## Validate the catalog
	$(PY) -m scripts validate

generate: $(STAMP) ## Render the catalog's pages into docs/
	$(PY) -m scripts generate

site: $(STAMP) ## Build the site strictly into site/ (regenerates the catalog pages first)
	$(BIN)/mkdocs build --strict

serve: $(STAMP) ## Serve the site with live reload on $(ADDR)
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

drift: $(STAMP) ## Diff the catalog against the providers' live APIs (needs GROQ_API_KEY)
	$(PY) -m scripts sync

bench: $(STAMP) ## Benchmark the pipeline and print ratios
	$(PY) -m scripts.bench

clean: ## Remove .venv, the built site and the generated pages
	if [ -x $(PY) ]; then $(PY) -m scripts generate --clean; fi
	rm -rf $(VENV) site .pytest_cache .ruff_cache .hypothesis
