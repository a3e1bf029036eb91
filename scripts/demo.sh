#!/usr/bin/env bash
# Set up and start Counter Workstation on its demo database (local SQLite with a demo branch).
#
#   scripts/demo.sh [app arguments…]      e.g. scripts/demo.sh --lang en
#
# On a fresh Debian 12 desktop it installs the few missing system libraries Qt needs (with sudo
# when not root), creates .venv and installs the app into it (once; again only when
# pyproject.toml changes), then starts `workstation --demo`. Log in as S001 / Demo1234.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-system-packages.sh scripts/packages-runtime.txt

venv=${WORKSTATION_VENV:-.venv}
if [[ ! -x $venv/bin/python ]]; then
    echo "==> creating virtualenv $venv"
    python3 -m venv "$venv"
fi
stamp=$venv/.workstation-app-$(sha256sum pyproject.toml | cut -c1-16)
if [[ ! -e $stamp ]] || ! "$venv/bin/python" -c 'import workstation' >/dev/null 2>&1; then
    echo "==> pip install -e . into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e . </dev/null
    rm -f "$venv"/.workstation-app-*
    touch "$stamp"
fi

if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
    echo "No display found (DISPLAY is not set): run this on a desktop, or under Xvfb (xvfb-run scripts/demo.sh)." >&2
fi
exec "$venv/bin/workstation" --demo "$@"
