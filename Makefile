# stmtdiff: `make demo` and `make test` set themselves up from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# the hot modules compiled by mypyc where a C compiler is, else a manifest saying why not
NATIVE := stmtdiff/_compiled/manifest.json
SOURCES := $(shell find stmtdiff -name '*.py')
SEED_A := seeds/espd-2024-statement-state-dept-reworded.txt
SEED_B := seeds/espd-2024-statement-in-article.txt
DEV    ?= ../shared/data/dev
# the fuzz target: FUZZ_SECONDS for `make fuzz`, a short bounded run in `make test`
FUZZ_SECONDS    ?= 600
TEST_FUZZ_SECONDS ?= 30
NWAY   ?= ../shared/data/dev-nway

.PHONY: setup demo test bench browser office fuzz clean

# Quiet on success (the demo's first lines are the report); the installer's log is shown on failure.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@{ $(BIN)/python -m pip install -q --upgrade pip && $(BIN)/python -m pip install -q -e '.[test,native]'; } \
		> $(VENV)/setup.log 2>&1 || { tail -n 30 $(VENV)/setup.log; echo "make: setting up $(VENV) failed (log: $(VENV)/setup.log)"; exit 1; }
	@touch $(STAMP)

# Compiled again whenever a source file changed (stmtdiff/native.py trusts a build only of the
# source as it is); where it cannot be compiled, stmtdiff is pure Python and the manifest says why.
$(NATIVE): $(STAMP) $(SOURCES)
	@$(BIN)/python scripts/compile_native.py >> $(VENV)/setup.log 2>&1 \
		|| { tail -n 30 $(VENV)/setup.log; echo "make: compiling failed (log: $(VENV)/setup.log)"; exit 1; }

setup: $(STAMP) $(NATIVE)

demo: setup
	@$(BIN)/stmtdiff diff --color always $(SEED_A) $(SEED_B); test $$? -le 1
	@$(BIN)/stmtdiff diff $(SEED_A) $(SEED_B) --format json -o result.json; test $$? -le 1
	@$(BIN)/stmtdiff diff $(SEED_A) $(SEED_B) --format html -o report.html; test $$? -le 1
	@$(BIN)/stmtdiff diff $(SEED_A) $(SEED_B) --format docx -o redline.docx; test $$? -le 1
	@echo "wrote result.json, report.html and redline.docx (Word tracked changes)"

browser: setup
	bash scripts/ensure-browser.sh

# LibreOffice (headless), python3-uno and poppler-utils for the Word redline and PDF tests
office:
	bash scripts/ensure-office.sh

# With the compiled modules in use, the tests run again as pure Python (the form stmtdiff takes
# where nothing could be compiled), but for those that drive a browser.
test: setup browser office
	$(BIN)/python -m pytest
	@if $(BIN)/python -c "import sys, stmtdiff; sys.exit(stmtdiff.native.state() != 'compiled')"; then \
		echo "the tests again, as pure Python (STMTDIFF_PURE_PYTHON=1):"; \
		STMTDIFF_PURE_PYTHON=1 $(BIN)/python -m pytest -q -m "not browser"; fi
	$(BIN)/python fuzz/stmtdiff_fuzz.py --seconds $(TEST_FUZZ_SECONDS)

# atheris (coverage-guided, libFuzzer) where it installs, else hypothesis drives the same target;
# failures are written to fuzz/crashes/ (replay one: fuzz/stmtdiff_fuzz.py --replay FILE)
fuzz: setup
	$(BIN)/python -m pip install -q -e '.[fuzz]' || echo "atheris did not install: hypothesis drives the fuzz target"
	$(BIN)/python fuzz/stmtdiff_fuzz.py --seconds $(FUZZ_SECONDS)

bench: setup browser
	$(BIN)/python -m pip install -q -e '.[bench,corpus]'
	# bytecode, as an installed package has it (an editable install run with
	# PYTHONDONTWRITEBYTECODE=1 would compile every module again in every timed run)
	$(BIN)/python -m compileall -q stmtdiff
	$(BIN)/python benchmarks/align_quality.py --data $(DEV)
	$(BIN)/python benchmarks/speed.py --data $(DEV)
	$(BIN)/python benchmarks/instructions.py --data $(DEV)
	$(BIN)/python benchmarks/classification.py --data $(DEV)
	$(BIN)/python benchmarks/peers.py --data $(DEV) --setup
	$(BIN)/python benchmarks/pathological.py --data $(DEV)
	$(BIN)/python benchmarks/redline.py --data $(DEV)
	$(BIN)/python benchmarks/corpus.py --data $(DEV)
	$(BIN)/python benchmarks/nway_quality.py --data $(NWAY) --dev $(DEV)

clean:
	rm -rf $(VENV) build stmtdiff/_compiled *.egg-info result.json report.html redline.docx fuzz/corpus fuzz/crashes
