# Quick start: `make build` (set-up + site in site/) and `make test` (set-up + every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test lint check schema bench screenshots lock clean mutation offline vendor lighthouse

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# setuptools' notes about editable installs are for packagers, not for set-up.
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --constraint constraints.txt -e '.[test]'
	$(BIN)/python tools/quiet_material.py
	touch $(STAMP)

# Browser-side tools from the npm registry, pinned in package-lock.json: axe-core for the
# accessibility tests, iframe-worker for the offline copy's search.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## build: set up, check exercises.yml, and build the site into site/ (--strict).
## The site is built beside site/ and swapped in only when the whole build passed, so a
## failed build (bad data, a warning, a PDF that cannot be made) leaves the last good site.
build: $(STAMP)
	rm -rf .site.new
	$(BIN)/mkdocs build --strict --site-dir .site.new
	rm -rf site
	mv .site.new site

## serve: live preview on http://127.0.0.1:$(PORT) (PORT=8000 unless given: make serve PORT=8001).
## Rebuilds only the pages whose text changed, makes no PDFs, and shows an error page while
## exercises.yml is broken (generator/preview.py). Not --strict: a lint warning is printed,
## and the page still shows. It builds into a temporary folder, never into site/.
PORT ?= 8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

## check: validate exercises.yml and list every problem
check: $(STAMP)
	$(BIN)/python -m generator check exercises.yml

## schema: regenerate exercises.schema.json after changing generator/models.py
schema: $(STAMP)
	$(BIN)/python -m generator schema

## lint: ruff and mypy
lint: $(STAMP)
	$(BIN)/ruff check generator tests tools
	$(BIN)/ruff format --check generator tests tools
	$(BIN)/mypy

## test: set up, lint, and run the whole test suite
test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/python -m pytest --durations=15

## offline: a copy that works from disk (file://), with search, finder and PDFs, in
## site-offline/ and handbook-offline.zip; swapped in only when the whole build passed
offline: $(STAMP)
	rm -rf .site-offline.new
	HANDBOOK_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir .site-offline.new
	rm -rf site-offline handbook-offline.zip
	mv .site-offline.new site-offline
	$(BIN)/python -m zipfile -c handbook-offline.zip site-offline/

## vendor: refresh the offline search helper (iframe-worker) from the npm package
vendor: $(NODE_STAMP)
	cp node_modules/iframe-worker/shim/index.js overrides/assets/javascripts/vendor/iframe-worker-shim.js

## bench: load, validate, render and build at 1,000 and 3,000 exercises; a finder click at 3,000
## (`python tools/bench.py --finder-only` for that alone)
bench: $(STAMP)
	$(BIN)/python tools/bench.py

## lighthouse: Lighthouse (mobile) on home, a joint, an exercise, a routine and the finder of
## the built site: accessibility (must be 100) and performance scores, and the blocking time
lighthouse: build $(NODE_STAMP)
	$(BIN)/python tools/lighthouse.py

## mutation: mutation testing (cosmic-ray) of load, models, validate, lint and render/words;
## not part of `make test` (it takes long). See tests/MUTATION.md.
mutation: $(STAMP)
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --constraint constraints.txt -e '.[test,mutation]'
	$(BIN)/python tools/mutation.py

## screenshots: desktop and 360 px screenshots of the built site's main pages, in screenshots/
screenshots: build
	$(BIN)/python tools/screenshots.py --full

## lock: re-pin every installed package in constraints.txt (after editing pyproject.toml)
lock:
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# Every extra, so the pins of the other engines and of mutation testing are kept too.
	$(BIN)/pip install --quiet -e '.[test,engines,mutation]'
	$(BIN)/python tools/quiet_material.py
	{ sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	touch $(STAMP)

clean:
	rm -rf site .site.new site-offline .site-offline.new handbook-offline.zip .cache .pytest_cache .mypy_cache .ruff_cache screenshots
