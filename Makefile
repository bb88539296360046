# Juneng: `make run` starts everything on 127.0.0.1:8000, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Python 3.12: `python3.12` if the machine has it (pyenv reads .python-version), else PYTHON=... .
PYTHON ?= $(shell command -v python3.12 2>/dev/null || echo python3)
DEMO_PASSWORD_NOTE := Demo logins are listed above (seed_demo).
# Without EMAIL_HOST, development mail is written to var/mail/ (one .eml file per message), never sent.
MAIL_NOTE := $(if $(EMAIL_HOST),Email goes out through $(EMAIL_HOST).,Email is not sent: it is written to var/mail/.)

.PHONY: run test venv migrate seed messages lint audit clean backup restore bench-sweep bench-dashboard bench-pages bench-import stack-test

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 12), "Juneng needs Python 3.12 (found %s); set PYTHON=/path/to/python3.12" % sys.version.split()[0]'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

migrate: venv
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py runstack --banner "$(DEMO_PASSWORD_NOTE) $(MAIL_NOTE) Open http://127.0.0.1:8000/ — Ctrl-C stops web, worker and beat."

test: venv
	DB_CONN_MAX_AGE=0 $(PY) -m pytest $(PYTEST_ARGS)

# Production-shaped stack on loopback (nginx, 2 gunicorn, 2 Celery workers, 1 beat; PostgreSQL at
# STACK_POSTGRES, default postgres://postgres@127.0.0.1:5432, database juneng_stack; Redis DB 8), under load,
# with one web instance and one worker killed halfway: ~3 minutes. Needs nginx (apt-get install nginx).
stack-test: venv
	$(PY) deploy/stacktest/run.py $(STACK_ARGS)

messages: venv
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --add-location file --ignore '.venv/*' --ignore 'var/*'
	$(PY) manage.py compilemessages -l zh_Hans --ignore '.venv/*'

# Backups (README "Backups"): the database, MEDIA_ROOT and a checksummed manifest into var/backups/<UTC time>/;
# a restore checks the checksums first and asks before it replaces anything.
backup: venv
	$(PY) manage.py backup

restore: venv
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<UTC time>"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

# Benchmarks run on demand against PostgreSQL (BENCH_DATABASE_URL); results go to docs/performance.md.
bench-sweep: venv
	$(PY) bench/sweep_benchmark.py 10000 100000 1000000

bench-dashboard: venv
	$(PY) bench/dashboard_benchmark.py 10000:100000 100000:1000000

bench-pages: venv
	$(PY) bench/page_benchmark.py 10000:100000 100000:1000000

bench-import: venv
	$(PY) bench/import_benchmark.py 20000

# Security audit: bandit over Juneng's code (medium and high findings fail; each accepted one carries a
# `# nosec` with its reason) and pip-audit over the pinned requirements. pip-audit reads PyPI's JSON API;
# where that API does not know the pinned Django release (a closed network or a partial mirror), the
# audit says so instead of claiming a clean result.
AUDITED := activities aftercare api board calendars chainmap config core crm dashboards exports fieldwork imports merging premises projects reminders search supervision teams
DJANGO_PIN := $(shell sed -n 's/^Django==//p' requirements.txt)
audit: venv
	$(VENV)/bin/bandit -q -ll -r $(AUDITED) -x '*/migrations/*'
	@if $(PY) -c 'import urllib.request; urllib.request.urlopen("https://pypi.org/pypi/django/$(DJANGO_PIN)/json", timeout=5)' 2>/dev/null; then \
		$(VENV)/bin/pip-audit --strict --progress-spinner off -r requirements.txt; \
	else \
		echo "audit: pip-audit skipped: PyPI's JSON API does not answer for django $(DJANGO_PIN) from this machine"; \
	fi

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) var .pytest_cache
