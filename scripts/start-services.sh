#!/usr/bin/env bash
# Start the services the tests need that the tests do not start themselves: the CUPS scheduler
# (printing tests use the cups-pdf queue). PostgreSQL is started by the tests (tests/pg.py).
# Warns, but does not fail, when a service cannot be started: the tests that need it will fail.
set -euo pipefail
command -v cupsd >/dev/null 2>&1 || exit 0
if ! lpstat -r 2>/dev/null | grep -q 'is running'; then
    echo "==> starting cupsd"
    if [[ $(id -u) -eq 0 ]]; then
        cupsd || service cups start || true
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n service cups start || true
    fi
    for _ in $(seq 1 50); do
        lpstat -r 2>/dev/null | grep -q 'is running' && break
        sleep 0.1
    done
    lpstat -r 2>/dev/null | grep -q 'is running' || echo "warning: the CUPS scheduler is not running" >&2
fi
