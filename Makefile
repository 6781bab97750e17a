# InterviewGym: `make run` starts the app on the embedded default, `make test` runs lint, types and tests.
# Both set up .venv first (`make setup`), and only reinstall when a requirements file changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
export HF_HUB_OFFLINE := 1

.PHONY: setup setup-dev run migrate test lint typecheck pytest bench clean

setup: $(VENV)/.runtime-installed

$(VENV)/.runtime-installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

setup-dev: $(VENV)/.dev-installed

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
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

test: lint typecheck pytest

bench: setup-dev
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
