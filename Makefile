# The two commands of the README:
#   make run    install the bot and run it on the embedded default (SQLite + Maildir in ./var)
#   make test   install the test dependencies and run the whole suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run install install-test test-tools test test-under-load lint typecheck unit demo bench crash clean

run: install
	$(BIN)/kvalitetsbot run

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

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

# The full crash harness: a real bot SIGKILLed at random moments, compared with a clean run.
crash: install-test
	$(BIN)/python scripts/crash_harness.py --kills 50 --mails 500

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
