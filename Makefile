# Two commands: `make run` (install, build the index if needed, start) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install build lint eval bench clean

run: $(STAMP)
	$(PY) -m bot run

test: $(STAMP)
	$(PY) -m pytest -q

install: $(STAMP)

# torch is pinned first: 2.13.0 is the local CPU wheel; an unpinned torch pulls gigabytes of CUDA.
# --no-cache-dir: pip's cache would keep a second copy of every wheel (a CI run once ran out of disk).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --no-cache-dir --upgrade pip
	$(PY) -m pip install -q --no-cache-dir torch==2.13.0
	$(PY) -m pip install -q --no-cache-dir -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)
	$(PY) -m bot build

eval: $(STAMP)
	$(PY) -m bot eval --ablation --report docs/eval

# Speed and memory on this machine; add the LangChain/LlamaIndex baselines with
# `$(PY) -m pip install -e '.[bench]' torch==2.13.0`, the large collections with ARGS='--scale 1000000'.
bench: $(STAMP)
	$(PY) -m bot bench $(ARGS)

lint: $(STAMP)
	$(PY) -m ruff check bot tests scripts
	$(PY) -m mypy bot tests
	$(VENV)/bin/lint-imports  # the architecture contracts in pyproject.toml

clean:
	rm -rf index .pytest_cache
