# The two commands of the README: `make run` and `make test`. Everything else is for developers.
.DEFAULT_GOAL := help
.PHONY: help run test lint format messages makemessages static clean

# The first Python 3.11+ on the PATH (python3 first, then explicit versions).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; \
	then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes (pytest-xdist): one per core; TEST_WORKERS=0 runs in this process alone.
TEST_WORKERS ?= auto
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

help:
	@echo "make run    install, migrate, load the demo data and serve on http://127.0.0.1:$(PORT)"
	@echo "make test   run the whole test suite"
	@echo "make lint   ruff, ruff format --check, djhtml --check"

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3 --version)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Compiled catalogues are built, not committed; Babel compiles them without GNU gettext.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(BIN)/.installed
	$(BIN)/pybabel compile --domain=django --input-file=$< --output-file=$@ --statistics

messages: $(MO_FILES)

run: $(BIN)/.installed messages
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_demo
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(BIN)/.installed messages
	$(BIN)/pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates seasons/templates laureates/templates

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates seasons/templates laureates/templates

# Extracting new strings needs GNU gettext (apt-get install gettext); compiling does not.
makemessages: $(BIN)/.installed
	DEBUG=true $(BIN)/python manage.py makemessages --locale=fr --locale=en --no-obsolete \
		--ignore=.venv --ignore=staticfiles --add-location=file

static: $(BIN)/.installed messages
	$(BIN)/python manage.py collectstatic --noinput

clean:
	rm -rf $(VENV) staticfiles
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
