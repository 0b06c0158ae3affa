# The two commands of the README. Each sets up what is missing first (system packages, .venv).
#   make run [ARGS="--demo"]   open the desktop app
#   make test                  run every test offscreen (architecture contracts included; tests/test_dist.py
#                              builds the one-folder app first when dist/ is missing or older than the sources)
#   make dist                  the one-folder app in dist/interview-panel/ (PyInstaller, packaging/)
.PHONY: run test setup bench dist

setup:
	@bash scripts/bootstrap.sh

run: setup
	.venv/bin/interview-panel $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest $(PYTEST_ARGS)

bench: setup
	QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py

dist: setup
	.venv/bin/python packaging/build.py
