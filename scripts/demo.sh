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

# The local database is encrypted with a key kept in the OS keyring (Secret Service on Linux).
# A desktop session has one; a bare X server or a remote shell may not: then the demo runs inside
# its own D-Bus session with a gnome-keyring unlocked by a demo password (the app itself never
# falls back to storing the key in plain).
keyring_works() {
    "$venv/bin/python" - <<'PY' >/dev/null 2>&1
import keyring
keyring.set_password("counter-workstation-probe", "probe", "ok")
assert keyring.get_password("counter-workstation-probe", "probe") == "ok"
keyring.delete_password("counter-workstation-probe", "probe")
PY
}
if [[ -z ${WORKSTATION_DEMO_SESSION_KEYRING:-} ]] && ! keyring_works; then
    if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
        echo "==> no OS keyring in this session: starting a session keyring (gnome-keyring) for the demo"
        export WORKSTATION_DEMO_SESSION_KEYRING=1
        exec dbus-run-session -- bash -c \
            'printf %s "${WORKSTATION_DEMO_KEYRING_PASSWORD:-counter-workstation-demo}" |
                gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"' "$0" "$@"
    fi
    echo "warning: no OS keyring found; the encrypted demo database cannot keep its key" >&2
fi

if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
    echo "No display found (DISPLAY is not set): run this on a desktop, or under Xvfb (xvfb-run scripts/demo.sh)." >&2
fi
exec "$venv/bin/workstation" --demo "$@"
