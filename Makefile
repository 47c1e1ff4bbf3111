# Nastavnik: every set-up step a fresh machine needs. `make run` and `make test` are enough.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
VENDOR := static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in letters and the printed log-ins lead to the server `make run` starts.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test lint format install assets system-run system-test system-bench migrate demo bench clean help

help:
	@echo "make run   — установить всё, подготовить SQLite с демо-школой и запустить http://$(HOST):$(PORT)/"
	@echo "make test  — установить недостающее и прогнать все тесты (PostgreSQL: DATABASE_URL=postgres://…)"
	@echo "make lint  — ruff, проверка миграций и границ между приложениями"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons/fonts $(VENDOR)/htmx $(VENDOR)/fonts
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css $(VENDOR)/bootstrap-icons/
	cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff $(VENDOR)/bootstrap-icons/fonts/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	# Tinos (SIL OFL 1.1): metric-compatible with Times New Roman, embedded in every PDF.
	cp node_modules/@expo-google-fonts/tinos/*/Tinos_*.ttf node_modules/@expo-google-fonts/tinos/LICENSE_FONT $(VENDOR)/fonts/
	@touch $@

assets: $(VENDOR)/.installed

# Debian packages (WeasyPrint's libraries, Chromium, wrk): bin/system-packages installs the missing.
system-run system-test system-bench: system-%:
	@bin/system-packages $*

migrate: install
	@mkdir -p var/media
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_standard_data
	SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo

run: system-run install assets demo
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: system-test install assets
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	@mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_ENV=test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: system-bench install assets
	@for script in tests/bench/bench_*.py; do [ -e "$$script" ] || continue; $(PY) "$$script" || exit 1; done
	@$(PY) tests/bench/summary.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/static
