#!/bin/sh
# Installs the Debian packages pia needs to build and test, when missing.
# Runs apt-get as root (directly, or through sudo); non-interactive.
set -eu
BUILD="gcc make pkg-config libncurses-dev libsqlite3-dev libyaml-dev libxlsxwriter-dev
       libpoppler-glib-dev libminizip-dev libexpat1-dev"
TEST="tmux sqlite3 python3 python3-yaml python3-openpyxl python3-xlsxwriter locales
      libreoffice-calc-nogui fonts-ipafont-mincho fonts-ipafont-gothic fonts-ipaexfont-mincho poppler-utils
      clang libclang-rt-14-dev valgrind time zlib1g-dev groff-base man-db"
[ "${1:-}" = "--build-only" ] && TEST=""
missing=""
for p in $BUILD $TEST; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -n "$missing" ]; then
    echo "installing:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
[ "${1:-}" = "--build-only" ] && exit 0
# The tests run the TUI and the command line under Japanese locales in each
# encoding staff terminals use (tests/t_rel_locale.sh, t_rel_text.sh).
# localedef warns that Shift_JIS is not ASCII-compatible and exits 1 while
# still writing the locale, so each is checked with locale -a instead.
has_locale() { locale -a 2>/dev/null | grep -qix "$1"; }
for spec in ja_JP:UTF-8:ja_JP.utf8 ja_JP:EUC-JP:ja_JP.eucjp ja_JP:SHIFT_JIS:ja_JP.sjis; do
    name=$(echo "$spec" | cut -d: -f3)
    has_locale "$name" && continue
    src=$(echo "$spec" | cut -d: -f1); cm=$(echo "$spec" | cut -d: -f2)
    echo "generating locale $name" >&2
    $SUDO localedef -i "$src" -f "$cm" "$name" 2>/dev/null || true
    has_locale "$name" || { echo "could not generate locale $name" >&2; exit 1; }
done
