#!/usr/bin/env bash
# Install a built .deb here (dpkg -i, as root) and smoke-test the installed app with pytest
# (tests/packaging/test_installed.py: files, menu entry, a start with no Python on the path,
# the screenshot tour, size and cold start against the development install).
#
#   packaging/smoke-deb.sh build/counter-workstation_<ver>_<arch>.deb
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
deb=${1:?usage: smoke-deb.sh FILE.deb}
venv=${WORKSTATION_VENV:-.venv}
sudo=""
[[ $(id -u) -eq 0 ]] || sudo=sudo
echo "==> dpkg -i $deb"
$sudo dpkg -i "$deb" >/dev/null
echo "==> smoke test of the installed package"
WORKSTATION_REQUIRE_PACKAGE=1 QT_QPA_PLATFORM=offscreen "$venv/bin/pytest" -q -s -p no:cacheprovider tests/packaging/
