# APART — two commands: `make run` (the portal with demo data) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-faults quality format bench data migrate clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

data: migrate
	$(BIN)/python manage.py load_reference_data

run: data
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runportal

test: install
	$(BIN)/pytest -rs -n 2 $(PYTEST_ARGS)

# Faults survived: private Redis and PostgreSQL killed for real (needs root, redis-server and
# PostgreSQL 15's binaries); one at a time, after the suite.
test-faults: install
	$(BIN)/pytest -rs -m faults -p no:xdist tests/faults

quality: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --check templates accounts establishments habilitations dap indemnisation support
	$(BIN)/djlint --lint templates accounts establishments habilitations dap indemnisation support
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check
	$(BIN)/lint-imports --no-cache --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint --reformat templates accounts establishments habilitations dap indemnisation support

bench: data
	$(BIN)/python -m bench.run
	$(BIN)/python manage.py load_demo >/dev/null
	@for script in tests/benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf var staticfiles test-artifacts
