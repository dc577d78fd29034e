# The two commands: `make book` builds the book from seeds/, `make test` runs every test.
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test lint

$(VPY):
	$(PY) -m venv $(VENV)

$(STAMP): requirements.txt | $(VPY)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

test: $(STAMP)
	$(VPY) -m ruff check planbook tests benchmarks
	$(VPY) -m pytest -q

lint: $(STAMP)
	$(VPY) -m ruff check planbook tests benchmarks
