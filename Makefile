# Two commands do everything on a fresh machine with Python >= 3.11:
#   make run   - create .venv, install, start the app on its design library (on 127.0.0.1 only)
#   make test  - the same install, then lint and the whole test suite
# Without sign-in the app is one shared workspace: whoever reaches it sees and changes every design.
# To offer it to others on purpose: make run ADDRESS=0.0.0.0 (and ORBIT_DATABASE_URL=... for a shared database).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE ?=
PORT ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: install run test lint docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --browser.gatherUsageStats false -- $(SAMPLE)

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
