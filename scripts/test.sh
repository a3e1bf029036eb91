#!/usr/bin/env bash
# The project's test command: sets up the virtualenv if needed, then runs every check.
#
#   scripts/test.sh [pytest arguments…]
#
# On a fresh Debian 12 machine it first installs the missing system packages
# (scripts/packages-*.txt, with sudo when not root) and starts cupsd.
# Environment: WORKSTATION_VENV (default .venv) picks the virtualenv; it is created with
# `python3 -m venv` and the project installed editable with its dev extras, once (again only when
# pyproject.toml changes). Checks: ruff check, ruff format --check, mypy (strict on the core),
# pytest with a real PostgreSQL required (WORKSTATION_REQUIRE_PG=1) and Qt offscreen.
# All checks run even when one fails; the exit status is non-zero if any failed, and pytest
# collecting no tests counts as a failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-system-packages.sh
bash scripts/start-services.sh

venv=${WORKSTATION_VENV:-.venv}
py=$venv/bin/python

# --- setup, idempotent ---------------------------------------------------------------------------
if [[ ! -x $py ]]; then
    echo "==> creating virtualenv $venv"
    python3 -m venv "$venv"
fi
stamp=$venv/.workstation-installed-$(sha256sum pyproject.toml | cut -c1-16)
if [[ ! -e $stamp ]] || ! "$py" -c 'import workstation' >/dev/null 2>&1; then
    echo "==> pip install -e '.[dev]' into $venv"
    "$py" -m pip install --quiet --disable-pip-version-check -e '.[dev]' </dev/null
    rm -f "$venv"/.workstation-installed-*
    touch "$stamp"
fi

export QT_QPA_PLATFORM=offscreen
export WORKSTATION_REQUIRE_PG=1
export WORKSTATION_REQUIRE_CUPS=1

failed=()
run() {
    local name=$1
    shift
    echo "==> $name"
    if ! "$@"; then
        failed+=("$name")
        echo "==> FAILED: $name" >&2
    fi
}

run "ruff check" "$venv/bin/ruff" check .
run "ruff format --check" "$venv/bin/ruff" format --check .
run "mypy" "$venv/bin/mypy"

echo "==> pytest"
pytest_status=0
"$venv/bin/pytest" "$@" || pytest_status=$?
case $pytest_status in
    0) ;;
    5) failed+=("pytest (no tests collected)") ;;
    *) failed+=("pytest (exit status $pytest_status)") ;;
esac

if ((${#failed[@]})); then
    printf 'FAILED checks: %s\n' "$(IFS=,; echo "${failed[*]}")" >&2
    exit 1
fi
