.PHONY: setup check test unit run bench translations dist

VENV := .venv/bin

setup:
	bash scripts/setup.sh

check:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

test:
	bash scripts/test.sh

unit:
	QT_QPA_PLATFORM=offscreen $(VENV)/pytest tests/unit -q

run:
	bash scripts/run.sh

bench:
	$(VENV)/softdiag bench failover

translations:
	bash packaging/update_translations.sh

dist:
	bash scripts/build-dist.sh
