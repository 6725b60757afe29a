# The two commands of the README:
#   make run    install the bot and run it on the embedded default (SQLite + Maildir in ./var)
#   make test   install the test dependencies and run the whole suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run install install-test lock test-tools test test-under-load lint typecheck unit demo bench crash crash-two preview clean

run: install
	$(BIN)/kvalitetsbot run

install: $(VENV)/.installed

# The dependencies come from the lock files, pinned with hashes of what the package index
# serves; the bot itself is then installed without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: pyproject.toml requirements-test.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $@

# Refresh the lock files after changing the dependencies in pyproject.toml (pip-tools, in a
# venv of its own; a few minutes, as every file of every pinned release is hashed).
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra postgres -o requirements.lock pyproject.toml
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra postgres --extra test \
		-o requirements-test.lock pyproject.toml
	rm -rf .venv-lock

test-tools:
	scripts/install-test-tools.sh

lint: install-test
	$(BIN)/ruff check bot tests
	$(BIN)/lint-imports

typecheck: install-test
	$(BIN)/mypy

unit: install-test test-tools
	$(BIN)/pytest -q

test: lint typecheck unit

# The suite with every core kept busy by a CPU hog: no test may depend on the machine's speed.
test-under-load: install-test test-tools
	scripts/under-load.sh $(BIN)/pytest -q

# Benchmarks; they rewrite the README's Performance section. FULL=1 adds 8,000 mails.
bench: install-test
	$(BIN)/python -m bench.run $(if $(FULL),--full) --routing 30

# Every mail kind rendered with realistic data to var/preview/ (.eml, .html, and .png where
# Chromium is installed): look at them before calling a template done.
preview: install-test
	$(BIN)/python scripts/preview.py

# The full crash harness: a real bot SIGKILLed at random moments, compared with a clean run.
crash: install-test
	$(BIN)/python scripts/crash_harness.py --kills 50 --mails 500

# Two bots on one PostgreSQL (a fresh database on KB_TEST_POSTGRES_URL's server, dropped
# after) and one Dovecot mailbox, one SIGKILLed at random moments, compared with one bot.
crash-two: install-test
	$(BIN)/python scripts/crash_two.py --kills 40 --mails 300

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
