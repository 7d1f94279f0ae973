# Stakeholder Graph Explorer: `make run` serves the app, `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test test-unit venv neo4j-up neo4j-down neo4j-status sample lint clean

$(INSTALLED): requirements.txt requirements-dev.txt
	@command -v python3 >/dev/null || { echo "Python 3.11+ is not installed: apt-get install python3 python3-venv"; exit 2; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(INSTALLED)

## Start the project's local Neo4j (nothing is started when NEO4J_URI is set).
neo4j-up: venv
	$(PY) -m neo4j_local up

neo4j-down: venv
	$(PY) -m neo4j_local down

neo4j-status: venv
	$(PY) -m neo4j_local status

## Load the sample data (again) into the database in use, for exploring by hand.
sample: neo4j-up
	$(PY) -m loaders load data/sample

## Serve the app on http://127.0.0.1:$(PORT), loading the sample data when the database is empty.
run: neo4j-up
	$(PY) -m loaders load data/sample --if-empty
	$(VENV)/bin/streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT)

## Every test; the suite starts and stops its own throwaway Neo4j.
test: venv
	$(PY) -m pytest

## The pure tests alone (no database, no browser): seconds.
test-unit: venv
	$(PY) -m pytest -m unit

## Style, format, the layering contract (pyproject.toml [tool.importlinter]) and types.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) neo4j_local/lib neo4j_local/build .pytest_cache .ruff_cache

## Refresh the README's screenshots (docs/screenshots/) from the browser journeys; `make test` does not.
.PHONY: screenshots
screenshots: venv
	SGE_SCREENSHOTS=docs/screenshots $(PY) -m pytest -m browser tests/browser
