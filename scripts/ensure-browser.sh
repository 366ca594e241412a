#!/usr/bin/env bash
# Make the browser tests runnable: Debian's Chromium at /usr/bin/chromium and the Python
# package `playwright` in the project's virtualenv. Idempotent: does nothing when both exist.
#
# Playwright's own browser download (`playwright install`) cannot work on these machines,
# so it is never run: the tests launch /usr/bin/chromium through executable_path instead.
set -euo pipefail

cd "$(dirname "$0")/.."
CHROMIUM="${STMTDIFF_CHROMIUM:-/usr/bin/chromium}"
PY="${VENV:-.venv}/bin/python"

if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "ensure-browser: installing Debian's chromium with apt-get" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq chromium >/dev/null
    else
        echo "ensure-browser: $CHROMIUM is missing; install it as root:" >&2
        echo "    apt-get update && apt-get install -y chromium" >&2
        exit 1
    fi
fi

if [ ! -x "$PY" ]; then
    echo "ensure-browser: $PY not found; run 'make setup' first" >&2
    exit 1
fi
if ! "$PY" -c "import playwright.sync_api" >/dev/null 2>&1; then
    echo "ensure-browser: installing the Python package playwright into $PY" >&2
    "$PY" -m pip install -q "playwright>=1.40"
fi

echo "ensure-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) and playwright $("$PY" -c 'from importlib.metadata import version; print(version("playwright"))')"
