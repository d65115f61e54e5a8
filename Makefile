# Læringsnett. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check messages bench install serve-postgres worker beat clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Compiled with polib, so no system gettext is needed to run the app.
locale/nb/LC_MESSAGES/django.mo: locale/nb/LC_MESSAGES/django.po $(STAMP)
	$(PY) -c "import polib; polib.pofile('$<').save_as_mofile('$@')"

## run: the embedded default (SQLite under var/, Celery eager) on http://127.0.0.1:8000
run: $(STAMP) locale/nb/LC_MESSAGES/django.mo
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	@echo "Open http://$(HOST):$(PORT)/ - the demo logins are listed in README.md"
	$(PY) manage.py runserver $(HOST):$(PORT)

## check: lint, import layers (import-linter), migrations in sync, Norwegian catalogue complete
check: $(STAMP) locale/nb/LC_MESSAGES/django.mo
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) scripts/check_translations.py

## test: the whole suite (integration and browser tests need PostgreSQL, Redis and Chromium;
## locally they are skipped with a reason when absent; in CI a skip is a failure)
test: check
	$(PY) -m pytest $(PYTEST_ARGS)

## messages: refresh the catalogue after changing strings, then translate the new entries
messages: $(STAMP)
	$(PY) manage.py makemessages -l nb --no-obsolete --ignore=.venv --ignore=tests --ignore=static --ignore=scripts --ignore=bench --add-location=file
	$(PY) -c "import polib; polib.pofile('locale/nb/LC_MESSAGES/django.po').save_as_mofile('locale/nb/LC_MESSAGES/django.mo')"

## bench: gunicorn on PostgreSQL; pages against a trivial view, printed as ratios; then 300 participants answering a survey
bench: $(STAMP) locale/nb/LC_MESSAGES/django.mo
	$(PY) bench/run.py
	$(PY) bench/survey_submit.py
	$(PY) bench/final_report.py

worker: $(STAMP)
	$(VENV)/bin/celery -A learningnet worker -l info

beat: $(STAMP)
	$(VENV)/bin/celery -A learningnet beat -l info

clean:
	rm -rf var/db.sqlite3 .pytest_cache
