#!/usr/bin/env bash
# Install the missing Debian packages listed in scripts/packages-runtime.txt and
# scripts/packages-test.txt (or in the list files given as arguments).
# Does nothing, quickly and without apt-get update, when all are installed. Uses sudo
# when not root; without root or sudo it lists what is missing and fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lists=("$@")
((${#lists[@]})) || lists=(scripts/packages-runtime.txt scripts/packages-test.txt)

mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "${lists[@]}" | grep -v '^$' | sort -u)
missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$pkg")
done
((${#missing[@]})) || exit 0

echo "==> apt-get install ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "error: missing Debian packages and neither root nor sudo: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
