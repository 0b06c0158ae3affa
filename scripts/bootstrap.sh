#!/usr/bin/env bash
# Set up everything Interview Panel needs on a fresh Debian/Ubuntu machine with Python 3.11:
# the system libraries Qt needs (and the PDF tools the tests use), then a virtual environment in .venv
# with the project installed in editable mode and its test and build (PyInstaller) extras. Safe to run again: it only does what
# is missing. Called by `make run` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
                 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
                 fonts-dejavu-core fonts-droid-fallback fonts-nanum qpdf poppler-utils
                 binutils)  # binutils: objdump, which PyInstaller (make dist) uses on Linux

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=none; fi
  if [ "$SUDO" = none ]; then
    echo "bootstrap: please install these system packages: ${missing[*]}" >&2
  else
    echo "bootstrap: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for c in python3.11 python3 python; do command -v "$c" >/dev/null 2>&1 && { PY=$c; break; }; done
fi
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $PY"
  "$PY" -m venv .venv
fi
stamp=.venv/.installed
# Reinstall when pyproject.toml's content differs from the one last installed (not by date: a checkout or a
# rebase can leave an older date on a file whose dependencies changed).
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test,build]"
  echo "$want" > "$stamp"
fi
