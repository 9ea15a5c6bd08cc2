# Two commands do everything on a fresh Debian machine:  make ingest  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := .cache/system-packages.ok
CORPUS ?= corpus/
OUT ?= build/
export OMP_THREAD_LIMIT := 1

.PHONY: setup ingest test eval bench fuzz samples clean help

help:
	@echo "make ingest   set up what is missing, then ingest $(CORPUS) into $(OUT)"
	@echo "make test     set up what is missing, then run the tests"
	@echo "make eval     score extraction against the gold annotations in corpus/gold"
	@echo "              and OCR/extraction per kind of damage on the degraded scans (KIND=office: one)"
	@echo "              (REAL=folder: also own-metadata completeness of a folder without gold)"
	@echo "make bench    speed figures, measured side by side in one run (REAL=folder: real texts)"
	@echo "make fuzz     long property-based fuzzing run of the extractor and readers"
	@echo "make samples  render the seed documents as text PDFs, scans and PNG pages, and degraded scans"
	@echo "make clean    remove build/, generated samples and caches (keeps .venv)"

setup: $(SYSTEM_STAMP) $(STAMP)

$(SYSTEM_STAMP): scripts/setup-system.sh
	@bash scripts/setup-system.sh
	@mkdir -p $(dir $@) && touch $@

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip >/dev/null
	@echo "setup: installing the project into $(VENV)"
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

samples: setup
	@$(BIN)/directives samples $(CORPUS) --out $(CORPUS)samples

ingest: setup samples
	@# The degraded scans are make eval's (issue 15), not documents of the corpus, and OCR'ing them costs
	@# about 3 min with a cold cache. Ingested anyway, each seed stays one node (tests/test_ocr_identity.py).
	$(BIN)/directives ingest $(CORPUS) --out $(OUT) --exclude samples/degraded

test: setup
	$(BIN)/python -m pytest -q

eval: setup samples
	$(BIN)/directives eval corpus/gold/seeds.json --texts corpus/
	$(BIN)/directives eval corpus/gold/extra.json --texts corpus/
	@# The degraded scans of the seeds, per kind of damage (make eval KIND=office: one kind).
	$(BIN)/python -m pipeline.scan_eval $(CORPUS)samples $(if $(KIND),--kind $(KIND))
	@# A folder without gold (make eval REAL=path): own-metadata completeness per field and source prefix.
	$(if $(REAL),$(BIN)/python -m pipeline.completeness $(REAL))
	@# The project's own blind annotation of 448 of those real documents (corpus/gold/README.md), when REAL holds them.
	$(if $(REAL),$(BIN)/directives eval corpus/gold/real-more.json --texts $(REAL) --gold-texts $(REAL) --no-misses)

# Issue 17's sizes: the graph at 100,000 documents (1M edges; most of the run's half hour), ingest at
# 1,000 and 10,000 documents; `make bench REAL=path/to/corpus-real/texts` for the per-document figures
# on real text (else they run on the synthetic corpus and say so).
bench: setup
	@$(BIN)/python -m pip install -q -e '.[dev,bench]'  # OCRmyPDF, to compare OCR against it
	BENCH_SIZE=$${BENCH_SIZE:-100000} BENCH_INGEST_DOCS=$${BENCH_INGEST_DOCS:-1000} \
	BENCH_INGEST_BIG=$${BENCH_INGEST_BIG:-10000} $(if $(REAL),BENCH_REAL_TEXTS=$(REAL)) $(BIN)/python -m bench

fuzz: setup
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-20000} $(BIN)/python -m pytest -q -m slow tests/test_fuzz.py -p no:cacheprovider

clean:
	rm -rf $(OUT) $(CORPUS)samples .cache .pytest_cache .hypothesis
