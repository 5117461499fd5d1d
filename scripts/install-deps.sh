#!/usr/bin/env bash
# Installs the Debian 12 packages Switchboard needs, only those that are missing (idempotent).
set -euo pipefail
packages=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-websockets-dev qcoro-qt6-dev
    libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
    libphonenumber-dev libssl-dev qtkeychain-qt6-dev
    xvfb xauth
)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(wrk dpkg-dev file lintian desktop-file-utils appstream librsvg2-bin)
    # The fuzz targets (scripts/fuzz.sh): clang with libFuzzer and the sanitizer runtimes.
    packages+=(clang-14 libclang-rt-14-dev)
    # The format check (scripts/check-format.sh) of the CI run.
    packages+=(clang-format-14)
    # Node.js (for tests with official npm SDKs) may come from another source than Debian's
    # packages; Debian's npm conflicts with such a nodejs, so only install what is truly absent.
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    # Headless Chromium renders /docs in tst_openapi_docs (--dump-dom, --screenshot).
    packages+=(chromium)
    # The PostgreSQL suites run against a throwaway cluster (scripts/pg-cluster.sh) through Qt's
    # QPSQL driver.
    packages+=(postgresql libqt6sql6-psql)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
