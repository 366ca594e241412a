# stmtdiff: `make demo` and `make test` set themselves up from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED_A := seeds/espd-2024-statement-state-dept-reworded.txt
SEED_B := seeds/espd-2024-statement-in-article.txt
DEV    ?= ../shared/data/dev

.PHONY: setup demo test bench browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/stmtdiff diff --color always $(SEED_A) $(SEED_B); test $$? -le 1
	$(BIN)/stmtdiff diff $(SEED_A) $(SEED_B) --format json -o result.json; test $$? -le 1
	$(BIN)/stmtdiff diff $(SEED_A) $(SEED_B) --format html -o report.html; test $$? -le 1
	@echo "wrote result.json and report.html"

browser: setup
	bash scripts/ensure-browser.sh

test: setup browser
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m pip install -q -e '.[bench]'
	# bytecode, as an installed package has it (an editable install run with
	# PYTHONDONTWRITEBYTECODE=1 would compile every module again in every timed run)
	$(BIN)/python -m compileall -q stmtdiff
	$(BIN)/python benchmarks/align_quality.py --data $(DEV)
	$(BIN)/python benchmarks/speed.py --data $(DEV)
	$(BIN)/python benchmarks/classification.py --data $(DEV)
	$(BIN)/python benchmarks/peers.py --data $(DEV) --setup
	$(BIN)/python benchmarks/pathological.py --data $(DEV)

clean:
	rm -rf $(VENV) build *.egg-info result.json report.html
