# The two commands of the README. Each sets up what is missing first (system packages, .venv).
#   make run [ARGS="--demo"]   open the desktop app
#   make test                  run every test offscreen (architecture contracts included)
.PHONY: run test setup bench

setup:
	@bash scripts/bootstrap.sh

run: setup
	.venv/bin/interview-panel $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest $(PYTEST_ARGS)

bench: setup
	QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py
