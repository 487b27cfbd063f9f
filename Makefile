# Two commands for a newcomer: `make run` and `make test`. Everything installs into .venv/.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
UV := $(VENV)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export LUODI_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run test lint typecheck layers pytest test-postgres test-spark system-deps docs clean

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Luodi needs Python 3.11; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-extras --python $(VENV)/bin/python
	$(VENV)/bin/luodi manage compilemessages_po
	@touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/luodi manage migrate --no-input
	$(VENV)/bin/luodi demo load
	$(VENV)/bin/luodi serve --host $(HOST) --port $(PORT)

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

typecheck: install
	$(VENV)/bin/mypy

layers: install
	$(VENV)/bin/lint-imports

pytest: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck layers pytest

# The platform suite against PostgreSQL (DATABASE_URL must point at a server).
test-postgres: install
	$(VENV)/bin/pytest -m "not spark" tests/platform $(PYTEST_ARGS)

system-deps:
	bash scripts/install-system-deps

docs: install
	$(VENV)/bin/luodi contract docs --out docs/contract.md

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
