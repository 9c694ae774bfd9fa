# hegui: `make serve` runs the gateway on embedded defaults; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve test bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	bash scripts/system-deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

serve: install
	$(BIN)/hegui serve

test: install
	bash scripts/services.sh
	$(BIN)/python -m pytest

bench: install
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: install
	$(BIN)/python -m ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build dist src/*.egg-info
