# Quick start: `make run` (portal with demo data on http://127.0.0.1:8000) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-dev lint worker beat lock smoke clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST)

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

worker: install
	$(BIN)/celery -A collective worker -l info

beat: install
	$(BIN)/celery -A collective beat -l info

# requirements.lock: the exact versions, with hashes, that the Docker image installs
# (pip install --require-hashes). Resolved from pyproject.toml by uv in a throwaway virtualenv,
# for every Python 3.11.x and platform (--universal keeps markers such as async-timeout's
# "python_full_version < 3.11.3"); existing pins are kept unless `make lock UPGRADE=1`.
LOCK_VENV := $(shell mktemp -u /tmp/collective-lock-XXXXXX)
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet uv
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --universal --generate-hashes \
		$(if $(UPGRADE),--upgrade) --custom-compile-command "make lock" --output-file requirements.lock
	rm -rf $(LOCK_VENV)

# Builds and runs the compose stack end to end (several minutes; needs docker-compose).
smoke:
	deploy/smoke.sh

# Translations (docs/translating.md): extract the marked strings into locale/ar and locale/pl
# (no file locations, no obsolete entries: the diff shows only real changes), then compile every
# catalogue. Needs GNU gettext (apt-get install gettext); the compiled .mo files are committed, so
# running the portal does not. locale/en_GB is hand-written (allauth in the portal's words): it is
# compiled, never extracted.
TRANSLATED := ar pl
messages:
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(TRANSLATED)) \
		--no-location --no-obsolete --extension html,txt,py \
		--ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "build/*" \
		--ignore "staticfiles/*" --ignore "deploy/*" --ignore "docs/*"
	for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po"; done

clean:
	rm -rf $(VENV) build *.egg-info staticfiles
