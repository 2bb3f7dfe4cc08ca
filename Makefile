# Two commands do everything on a fresh machine with Python >= 3.11:
#   make run   - create .venv, install, start the app on a bundled sample
#   make test  - the same install, then lint and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE ?=
PORT ?= 8501

.PHONY: install run test lint docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false -- $(SAMPLE)

lint: install
	$(BIN)/ruff check orbit tests benchmarks docs app.py
	$(BIN)/ruff format --check orbit tests benchmarks docs app.py

test: install lint
	$(BIN)/python -m pytest -n 2 -q

docs: install
	$(BIN)/python docs/make_gallery.py

bench: install
	$(BIN)/python benchmarks/analyse.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
