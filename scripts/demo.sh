#!/usr/bin/env bash
# Set up and start Counter Workstation on its demo database (local SQLite with a demo branch).
# Log in as S001 / Demo1234 (supervisor). Extra arguments go to the app, e.g. --lang en.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/workstation --demo "$@"
