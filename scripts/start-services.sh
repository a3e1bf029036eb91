#!/usr/bin/env bash
# Start the services the tests need that the tests do not start themselves: the CUPS scheduler
# with the cups-pdf "PDF" queue (printing tests print to it; the Debian package only creates the
# queue when cupsd runs at install time, which it does not on a fresh CI machine). PostgreSQL is started by the tests (tests/pg.py).
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

# The PDF queue, as printer-driver-cups-pdf's postinst makes it.
if [[ -e /usr/lib/cups/backend/cups-pdf ]] && ! lpstat -v PDF >/dev/null 2>&1; then
    echo "==> adding the cups-pdf queue PDF"
    lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd \
        -o pdftops-renderer-default=pdftocairo -o printer-is-shared=no -o PageSize=A4 </dev/null ||
        echo "warning: could not add the PDF print queue" >&2
    lpstat -d 2>/dev/null | grep -q '^system default destination' || lpadmin -d PDF </dev/null || true
fi
