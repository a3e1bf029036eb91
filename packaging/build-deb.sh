#!/usr/bin/env bash
# Build the frozen bundle (PyInstaller onedir) and the .deb for Debian-based desktops.
#
#   packaging/build-deb.sh [--smoke]       # needs the dev virtualenv (pyinstaller), dpkg-deb
#
# Output: build/dist/counter-workstation/ (the bundle) and build/counter-workstation_<ver>_<arch>.deb
# installing /opt/counter-workstation, /usr/bin/counter-workstation (+ workstation-cli), a menu entry
# and an icon. --smoke then installs it (dpkg -i, root) and runs packaging/smoke-deb.sh.
# Environment: WORKSTATION_VENV (default .venv) is the virtualenv that has PyInstaller.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
venv=${WORKSTATION_VENV:-.venv}
py=$venv/bin/python
version=$(PYTHONPATH=$root "$py" -c 'import workstation; print(workstation.__version__)')
arch=$(dpkg --print-architecture)
out=$root/build
bundle=$out/dist/counter-workstation
started=$SECONDS

echo "==> pyinstaller (onedir) $version"
rm -rf "$bundle"
# PYTHONPATH: freeze this checkout even when the venv's editable install points elsewhere.
PYTHONPATH=$root "$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$out/dist" --workpath "$out/pyi" packaging/counter-workstation.spec
build_s=$((SECONDS - started))

echo "==> staging the .deb"
stage=$out/deb/counter-workstation_${version}_${arch}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/doc/counter-workstation"
cp -a "$bundle" "$stage/opt/counter-workstation"
cat >"$stage/usr/bin/counter-workstation" <<'SH'
#!/bin/sh
exec /opt/counter-workstation/counter-workstation "$@"
SH
cat >"$stage/usr/bin/counter-workstation-cli" <<'SH'
#!/bin/sh
exec /opt/counter-workstation/counter-workstation cli "$@"
SH
chmod 0755 "$stage/usr/bin/counter-workstation" "$stage/usr/bin/counter-workstation-cli"
install -m 0644 packaging/counter-workstation.desktop "$stage/usr/share/applications/"
install -m 0644 packaging/counter-workstation.svg "$stage/usr/share/icons/hicolor/scalable/apps/"
install -m 0644 resources/fonts/LICENSE-*.txt "$stage/usr/share/doc/counter-workstation/"
size_kb=$(du -sk "$stage/opt" | cut -f1)
# Runtime libraries Qt loads from the system (the bundle carries Python, Qt and every wheel).
depends=$(grep -v '^#' scripts/packages-runtime.txt | grep -v -E '^(python3|python3-venv)$' | sed '/^$/d' | paste -sd, - | sed 's/,/, /g')
cat >"$stage/DEBIAN/control" <<CONTROL
Package: counter-workstation
Version: $version
Architecture: $arch
Maintainer: Counter Workstation team <it@example.invalid>
Installed-Size: $size_kb
Depends: libc6 (>= 2.34), $depends
Recommends: cups-client
Section: misc
Priority: optional
Homepage: https://example.invalid/counter-workstation
Description: Counter Workstation (证券营业部前台工作站)
 Front-office desktop application for the counters of a securities brokerage
 branch: reception and queue tickets, account opening, gifts, document printing
 and synchronisation with the central database. Self-contained: Python and Qt
 are bundled under /opt/counter-workstation.
CONTROL
cat >"$stage/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
SH
chmod 0755 "$stage/DEBIAN/postinst"
deb=$out/counter-workstation_${version}_${arch}.deb
dpkg-deb --build --root-owner-group -Zxz -z1 "$stage" "$deb" >/dev/null
echo "==> built $deb"
echo "bundle: $(du -sh "$bundle" | cut -f1) ($size_kb KB installed); .deb: $(du -h "$deb" | cut -f1); pyinstaller ${build_s}s, total $((SECONDS - started))s"

if [[ ${1:-} == --smoke ]]; then
    bash packaging/smoke-deb.sh "$deb"
fi
