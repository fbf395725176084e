# CCHC Xã — every set-up step lives here, so that a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/cchc
export DEBUG ?= 1

.PHONY: run test test-pg lint format bench lock clean messages

$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Cần Python 3.11 trở lên"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

data:
	@mkdir -p data

run: $(BIN)/.installed data
	@echo "Đang chuẩn bị CSDL và dữ liệu mẫu…"
	@$(BIN)/python manage.py migrate --noinput --verbosity 0
	@$(BIN)/python manage.py load_demo --port $(PORT) > data/tai-khoan-mau.txt
	@PORT=$(PORT) ./scripts/run.sh

test: $(BIN)/.installed
	DEBUG=0 TESTING=1 SECRET_KEY=test-only $(BIN)/python -m pytest

test-pg: $(BIN)/.installed
	DEBUG=0 TESTING=1 SECRET_KEY=test-only DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(BIN)/.installed
	$(BIN)/python -m bench $(BENCH)

lock:
	rm -rf /tmp/cchc-lock && $(PYTHON) -m venv /tmp/cchc-lock
	/tmp/cchc-lock/bin/pip install --quiet -r requirements.in
	{ echo '# Exact pins for every package, generated from requirements.in by `make lock`.'; \
	  /tmp/cchc-lock/bin/pip freeze; } > requirements.lock

clean:
	rm -rf $(VENV) data

messages:
	msgfmt --check -o locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.po
	msgfmt --check -o locale/vi/LC_MESSAGES/djangojs.mo locale/vi/LC_MESSAGES/djangojs.po
