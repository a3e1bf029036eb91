#!/usr/bin/env bash
# Set up (or refresh) the project on a Debian machine: system packages, .venv, editable install.
# Idempotent and quick when everything is already there.
#   scripts/setup.sh          runtime only (to start the app)
#   scripts/setup.sh --dev    plus the test tools, PostgreSQL, CUPS and poppler for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

# Qt's xcb platform plugin needs these on a desktop; fonts come from resources/, not the system.
runtime_pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libcups2)
dev_pkgs=(postgresql poppler-utils xvfb cups printer-driver-cups-pdf)

pkgs=("${runtime_pkgs[@]}")
# Debian's python3 needs python3-venv for "python3 -m venv" (a pyenv/python.org build has it).
python3 -c "import ensurepip, venv" 2>/dev/null || pkgs+=(python3-venv)
[ "$dev" = 1 ] && pkgs+=("${dev_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
stamp=.venv/.installed-$([ "$dev" = 1 ] && echo dev || echo run)
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  if [ "$dev" = 1 ]; then
    .venv/bin/pip install -q -e '.[dev]'
  else
    .venv/bin/pip install -q -e .
  fi
  touch "$stamp"
fi
