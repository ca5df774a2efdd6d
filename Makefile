# Two commands on a fresh machine: `make demo` and `make test`.
# Both build .venv/ first; the stamp file makes the second run quick.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv browser clean

venv: $(STAMP)

# torch is pinned and installed first so pip takes the CPU build and no CUDA packages.
# constraints.txt holds the versions the tests and the figures in docs/ were run with,
# on Python 3.11; on another Python the ranges of setup.cfg apply.
CONSTRAINTS = $(shell $(PYTHON) -c 'import sys; print("-c constraints.txt" if sys.version_info[:2] == (3, 11) else "")')

$(STAMP): setup.cfg pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet $(CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/claimcheck audit corpus/ucl-mbt-impact-case-study.txt --corpus corpus/ --format markdown

test: $(STAMP) browser
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

# Chromium for the browser tests, when the machine lets us install it (else they skip).
browser:
	@sh tools/install_browser.sh

clean:
	rm -rf $(VENV) .claimcheck
