# InterviewGym: `make run` starts the app on the embedded default, `make test` runs lint, types and tests.
# Both set up .venv first (`make setup`), and only reinstall when a lock file changes. The lock files
# (requirements.txt, requirements-dev.txt) pin every package with its hashes; `make lock` rebuilds them.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
export HF_HUB_OFFLINE := 1

# A second supported interpreter (the newest of 3.13 and 3.12 that runs, on PATH or under pyenv): `make test`
# also runs the non-browser layers on it, in its own venv. Empty when there is none (then that run is skipped).
PYENV_ROOT ?= $(HOME)/.pyenv
ifndef PYTHON_ALT
PYTHON_ALT := $(shell for v in 3.13 3.12; do for p in python$$v $(PYENV_ROOT)/versions/$$v*/bin/python$$v; do \
	  $$p -c '' 2>/dev/null && { echo $$p; exit 0; }; done; done)
endif
ALT_VENV := .venv-alt

# uv resolves one lock for every supported Python (environment markers where versions differ).
LOCK := $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --no-strip-extras \
	--custom-compile-command "make lock" --quiet

.PHONY: setup setup-dev run migrate test lint typecheck pytest pytest-alt lock lock-upgrade bench clean

setup: $(VENV)/.runtime-installed

$(VENV)/.runtime-installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

setup-dev: $(VENV)/.dev-installed

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@

migrate: setup
	$(BIN)/python -m igym migrate

# MALLOC_ARENA_MAX=2: many WebRTC and script threads otherwise each grow their own malloc arena, which
# roughly doubles the memory a live interview costs (bench/bench_live.py measures it).
run: migrate
	MALLOC_ARENA_MAX=2 $(BIN)/streamlit run app.py --server.port $(PORT)

lint: setup-dev
	$(BIN)/ruff check .

typecheck: setup-dev
	$(BIN)/mypy

pytest: setup-dev
	$(BIN)/python -m pytest

# The same lock installed on the second interpreter; the browser layer runs once, on the first.
pytest-alt:
	@if [ -z "$(PYTHON_ALT)" ]; then \
	  echo "== no Python 3.12 or 3.13 found: the second-interpreter run is skipped"; \
	else \
	  echo "== the non-browser layers on $$($(PYTHON_ALT) --version)"; \
	  if [ -x $(ALT_VENV)/bin/python ] && [ "$$($(ALT_VENV)/bin/python --version)" != "$$($(PYTHON_ALT) --version)" ]; then \
	    rm -rf $(ALT_VENV); fi; \
	  $(MAKE) --no-print-directory VENV=$(ALT_VENV) PYTHON=$(PYTHON_ALT) setup-dev && \
	  $(ALT_VENV)/bin/python -m pytest -m "not browser" -p no:cacheprovider; \
	fi

test: lint typecheck pytest pytest-alt

# Rebuild the locks after editing requirements.in / requirements-dev.in (keeps every other version);
# `make lock-upgrade` moves every unpinned dependency to its newest release.
lock: setup-dev
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -o requirements-dev.txt

lock-upgrade: setup-dev
	$(LOCK) --upgrade requirements.in -o requirements.txt
	$(LOCK) --upgrade requirements-dev.in -o requirements-dev.txt

bench: setup-dev
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) $(ALT_VENV) .mypy_cache .ruff_cache .pytest_cache
