#!/bin/sh
# Installs the Debian packages pia needs to build and test, when missing.
# Runs apt-get as root (directly, or through sudo); non-interactive.
set -eu
BUILD="gcc make pkg-config libncurses-dev libsqlite3-dev libyaml-dev libxlsxwriter-dev
       libpoppler-glib-dev libminizip-dev libexpat1-dev"
TEST="tmux sqlite3 python3 python3-yaml python3-openpyxl python3-xlsxwriter locales
      libreoffice-calc-nogui fonts-ipafont-mincho fonts-ipafont-gothic fonts-ipaexfont-mincho poppler-utils
      clang libclang-rt-14-dev valgrind time zlib1g-dev"
[ "${1:-}" = "--build-only" ] && TEST=""
missing=""
for p in $BUILD $TEST; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
