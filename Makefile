# Every target installs what it needs first, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
ENGINE ?= mkdocs
# Test processes: the suite takes about 9 minutes in one process on 2 cores, 6 in two.
TEST_JOBS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install test lint format validate generate site serve drift bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(STAMP) ## Create .venv and install the pinned dependencies

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "modelcat needs Python 3.11 or newer; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

test: $(STAMP) lint ## Run ruff and every test (browser tests need /usr/bin/chromium; TEST_JOBS=2)
	$(PY) -m pytest -n $(TEST_JOBS)

lint: $(STAMP) ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: $(STAMP) ## Validate the catalog
	$(BIN)/modelcat validate

generate: $(STAMP) ## Render the catalog's pages into docs/
	$(BIN)/modelcat generate

# MODELCAT_AS_OF=YYYY-MM-DD (exported from the environment) fixes the day states are computed for.
site: $(STAMP) ## Build site/ from the catalog (ENGINE=mkdocs|zensical)
	@# MkDocs' hook renders the catalog's pages and their Markdown twins on every build. Zensical
	@# runs no hooks: its pages are generated into docs/ first, the twins written after it.
	$(if $(filter zensical,$(ENGINE)),MODELCAT_AS_OF="$(MODELCAT_AS_OF)" $(BIN)/modelcat generate)
	MODELCAT_AS_OF="$(MODELCAT_AS_OF)" NO_MKDOCS_2_WARNING=1 $(BIN)/$(ENGINE) build $(if $(filter mkdocs,$(ENGINE)),--strict)
	$(if $(filter zensical,$(ENGINE)),MODELCAT_AS_OF="$(MODELCAT_AS_OF)" $(BIN)/modelcat generate --twins site)

serve: $(STAMP) ## Serve the site with live reload on $(ADDR)
	MODELCAT_AS_OF="$(MODELCAT_AS_OF)" $(PY) -m modelcat_registry.site.serve $(ADDR)

drift: $(STAMP) ## Diff the catalog against the live APIs (PROVIDER=id for one; keys from provider.yaml's api_key_env)
	$(BIN)/modelcat sync $(if $(PROVIDER),--provider $(PROVIDER))

bench: $(STAMP) ## Benchmark the pipeline and print ratios
	$(PY) -m modelcat_registry.bench

clean: ## Remove .venv, the built site and the generated pages
	if [ -x $(PY) ]; then $(BIN)/modelcat generate --clean; fi
	rm -rf $(VENV) site .pytest_cache .ruff_cache .hypothesis
