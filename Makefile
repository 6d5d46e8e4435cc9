# AluQSec: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
FLASK = $(BIN)/flask --app aluqsec
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2

.PHONY: run test bench setup system-check translations translations-update check clean

run: setup
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	@echo "AluQSec on http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - "aluqsec:create_app()"

test: setup
	$(BIN)/pytest

# Download the demo company's full PDF report 15 times (warm); print the median, the p90 and the floor.
bench: setup
	$(BIN)/python -m tests.bench.bench_reports

setup: system-check $(VENV)/.installed translations

system-check:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
		|| { echo "AluQSec needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null \
		|| { echo "Missing system package: python3-venv (sudo apt-get install python3-venv)."; exit 1; }

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,dev]"
	@touch $@

translations: $(VENV)/.installed
	@$(BIN)/pybabel compile --statistics -d aluqsec/translations 2>&1 | grep -v "^compiling" || true

# After changing user-facing strings: refresh the catalog, then translate the new entries.
translations-update: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location -o aluqsec/translations/messages.pot .
	$(BIN)/pybabel update -i aluqsec/translations/messages.pot -d aluqsec/translations --no-fuzzy-matching --ignore-obsolete

check: setup
	$(FLASK) questionnaires check
	$(BIN)/ruff check aluqsec tests

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
	find aluqsec -name '*.mo' -delete
