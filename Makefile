# The two commands: `make run` (set up everything and serve the portal with demo
# data) and `make test` (the whole suite). Both are safe to run again.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install assets migrate demo serve worker beat lint check clean

run: install migrate demo serve

install: $(VENV)/.installed static/vendor/.built

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/vendor/.built: node_modules/.package-lock.json scripts/copy_vendor_assets.mjs
	npm run --silent build
	touch $@

assets: static/vendor/.built

migrate: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_regions

demo: install
	$(MANAGE) seed_demo

serve:
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

# A Celery worker and beat for use with REDIS_URL set (see README).
worker: install
	$(BIN)/celery -A config.celery_app worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config.celery_app beat --loglevel=INFO

test: install
	@if [ ! -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then \
		echo "NOTE: Chromium is not installed at $${CHROMIUM_PATH:-/usr/bin/chromium}: the browser tests will be SKIPPED (apt-get install chromium)."; \
	fi
	$(BIN)/pytest $(PYTEST_ARGS)
	@if [ ! -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then \
		echo "NOTE: the browser tests were SKIPPED: Chromium is not installed."; \
	fi

lint: install
	$(BIN)/ruff check .

check: install
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3

# National-scale benchmark of summaries and dashboards on PostgreSQL (see bench/README.md).
# BENCH_ARGS="--clubs 2000 --meetings 100000" for a smaller run.
.PHONY: bench
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)
