# AluQSec: `make run` serves the demo (gunicorn and one job worker), `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
FLASK = $(BIN)/flask --app aluqsec
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
# Links in mail and calendar feeds point here: follows HOST and PORT unless set.
BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test bench setup system-check translations translations-update check security clean

run: export ALUQSEC_BASE_URL = $(BASE_URL)
run: setup
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	@echo "AluQSec on http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	@echo "No SMTP configured (ALUQSEC_SMTP_HOST): every mail is written below and listed at /admin/outbox."
	@echo "One job worker runs beside gunicorn (reports, audit packs, reminders); Ctrl-C stops both."
	$(FLASK) jobs work & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - "aluqsec:create_app()"

test: setup
	$(BIN)/pytest

# Download the demo company's full PDF report 15 times (warm); print the median, the p90 and the floor.
# Then every main page at the cluster's size (2,000 generated companies) on SQLite and on a
# throw-away PostgreSQL, served by gunicorn, loaded with wrk beside a bare-Flask floor: one table
# and the targets of issue 15. BENCH_COMPANIES, BENCH_SECONDS, BENCH_DATABASES shrink it (README, "Benchmarks").
bench: setup
	$(BIN)/python -m tests.bench.bench_reports
	$(BIN)/python -m tests.bench.bench_pages

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
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k N_ --no-location -o aluqsec/translations/messages.pot .
	$(BIN)/pybabel update -i aluqsec/translations/messages.pot -d aluqsec/translations --no-fuzzy-matching --ignore-obsolete

check: setup
	$(FLASK) questionnaires check
	$(BIN)/ruff check aluqsec tests

# Static analysis (bandit: medium and high severity fail; no skips), then sqlmap and wapiti
# against the demo served by gunicorn, anonymously and as owner, advisor, organizer and
# admin. Fails on any finding but the documented plain-HTTP ones (scripts/security/findings.py).
# Needs the Debian packages sqlmap and wapiti; SECURITY_BUDGET seconds (default 1200) for the scanners.
security: setup
	$(BIN)/bandit -q -r aluqsec --severity-level medium
	@command -v sqlmap >/dev/null && command -v wapiti >/dev/null \
		|| { echo "make security needs sqlmap and wapiti (sudo apt-get install sqlmap wapiti)."; exit 1; }
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m scripts.security.scan $(SECURITY_OUT)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
	find aluqsec -name '*.mo' -delete
