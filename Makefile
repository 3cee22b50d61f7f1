# Two commands for a fresh machine: `make run` (dashboard on real data) and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
PORT ?= 8501
# The database URL chosen by provisioning (DATABASE_URL, the local server, or .data/pg).
DB_URL = $$($(PY) -m coopbank.provision)

.PHONY: run test venv assets db load check lint browser pdftools bench clean

run: venv assets
	@url=$(DB_URL); export DATABASE_URL="$$url"; \
	$(PY) -m etl load; \
	$(PY) -m etl demo-data --n 2000 --seed 42 --if-no-real-projects; \
	echo "Dashboard on http://localhost:$(PORT) (database $$url)"; \
	exec $(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

test: venv assets browser pdftools
	@url=$(DB_URL); export DATABASE_URL="$$url"; \
	$(MAKE) --no-print-directory lint; \
	$(PY) -m pytest

venv: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "error: cannot create $(VENV): install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt || { echo "error: pip could not install requirements.txt (see above)"; exit 1; }
	@rm -f $(VENV)/.installed-*; touch $@

# Leaflet served by the dashboard itself, so maps draw without internet access.
assets: venv
	@$(PY) -m coopbank.ui.assets

db: venv
	@$(PY) -m coopbank.provision

load: venv
	@DATABASE_URL=$(DB_URL) $(PY) -m etl load

check: venv
	@DATABASE_URL=$(DB_URL) $(PY) -m etl check

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Browser tests drive Debian's Chromium; install it when missing and we are root.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium with apt-get…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "warning: chromium missing (apt-get install chromium); browser tests will be skipped"; fi; }

# PDF reports need Pango (WeasyPrint) and a font with Arabic; the report tests read PDFs back with
# poppler's pdftotext and pdftoppm. Install what is missing when we are root.
pdftools:
	@{ command -v pdftotext >/dev/null && ldconfig -p | grep -q libpangoft2-1.0; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing poppler-utils, Pango and fonts with apt-get…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils \
	      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else echo "warning: poppler-utils or Pango missing (apt-get install poppler-utils libpangoft2-1.0-0)"; fi; }

bench: venv
	@DATABASE_URL=$(DB_URL) $(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
