# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres test-browser tools lint messages compilemessages setup db demo clean backup restore

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

compilemessages: $(VENV)/.installed
	./scripts/system-deps
	if find cms plugins themes -name '*.po' | grep -q .; then \
	  $(MANAGE) compilemessages --ignore='.venv' --ignore='node_modules' -v 0; fi

setup: $(VENV)/.installed compilemessages

db: setup
	$(MANAGE) migrate --noinput -v 0

demo: db
	SITE_PORT=$(PORT) $(MANAGE) load_demo

run: demo
	$(MANAGE) ensure_admin
	@echo "Ternopil:        http://ternopil.localhost:$(PORT)/  (also http://localhost:$(PORT)/)"
	@echo "Banská Bystrica: http://banska-bystrica.localhost:$(PORT)/"
	@echo "Levski:          http://levski.localhost:$(PORT)/"
	@echo "Scheduled publishing runs every minute beside the server."
	@(while true; do $(MANAGE) publish_scheduled >/dev/null 2>&1; \
	  $(MANAGE) close_petitions -v 0 >/dev/null 2>&1; \
	  $(MANAGE) count_budget --due >/dev/null 2>&1; sleep 60; done) & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 0.0.0.0:$(PORT)

test:
	./scripts/system-deps --test
	$(MAKE) setup
	$(MAKE) lint test-sqlite test-postgres test-browser

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -c pyproject.toml -r cms plugins
	$(MANAGE) makemigrations --check --dry-run -v 1

# The suite runs on both cores (pytest-xdist), each test module whole in one worker, in the
# order conftest.py gives (modules that empty the database last); the slowest tests are
# listed at the end (where CI's time goes).
XDIST = -n $(or $(TEST_WORKERS),2) --dist loadfile --no-loadscope-reorder --durations=15

# The Nu HTML Checker for tests/test_html_validity.py (npm package, run with Java).
VNU_VERSION := 26.9.27
VNU_JAR := var/tools/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR):
	npm install --prefix var/tools --no-save --no-audit --no-fund --ignore-scripts vnu-jar@$(VNU_VERSION)

tools: $(VNU_JAR)

test-sqlite: setup tools
	$(PY) -m pytest -q $(XDIST) -m "not browser"

# On PostgreSQL the tests that empty the database include tests of 200 parallel citizens:
# two at once (one per worker) exceed the server's connections, so they run after the
# others, in one process.
test-postgres: setup tools
	./scripts/with-postgres ./scripts/with-redis sh -c '$(PY) -m pytest -q $(XDIST) -m "not browser and not flushes_db" && $(PY) -m pytest -q -m "flushes_db and not browser"'

# Each worker serves its own copy of the demo (tests/browser/conftest.py) to its own Chromium.
test-browser: setup
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -q $(XDIST) -m browser tests/browser

# The production topology of site/deploy/ on loopback: PostgreSQL, Redis, gunicorn, the task
# worker, the scheduler and nginx with its purge endpoint, the demo loaded (scripts/production).
.PHONY: production
production: setup
	./scripts/system-deps --production
	./scripts/production

# Database dump, media and site profiles in one archive (var/backups/, or BACKUP_DIR), and back.
backup: setup
	./scripts/backup

restore: setup
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/hromada-backup-....tar.gz"; exit 2; }
	./scripts/restore "$(ARCHIVE)"

messages: $(VENV)/.installed
	./scripts/makemessages

clean:
	rm -rf $(VENV) var db.sqlite3*
