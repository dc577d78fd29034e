# The two commands: `make book` builds the book from seeds/ (or REPORT=…), `make test` runs every test.
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
REPORT ?=

.PHONY: book test lint browser

$(VPY):
	$(PY) -m venv $(VENV)

# The venv is (re)installed when requirements.txt or pyproject.toml change; planbook itself is
# installed in editable mode so that notebook kernels (papermill, nbval) can import it.
$(STAMP): requirements.txt pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements.txt
	$(VPY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Debian's chromium for the real-browser test (does nothing when it is there).
browser:
	bash scripts/install-browser.sh

book: $(STAMP)
	$(VPY) -m planbook build $(REPORT)

lint: $(STAMP)
	$(VPY) -m ruff check planbook tests benchmarks

# Every test: lint, unit and gold tests, the build and browser tests (the seed's book is built
# first, so the browser also checks it), and nbval over the committed executed notebooks.
test: $(STAMP) browser
	$(VPY) -m ruff check planbook tests benchmarks
	$(VPY) -m planbook build --quiet
	$(VPY) -m pytest
	$(VPY) -m pytest --nbval --nbval-current-env book/*/*.ipynb
