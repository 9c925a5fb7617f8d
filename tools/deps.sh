#!/bin/sh
# Install what qingdan needs on Debian/Ubuntu, only when it is missing.
#   tools/deps.sh build   compiler, pkg-config, libcmark-gfm, libyaml, libopencc,
#                         libxlsxwriter (Excel files), libqrencode (QR codes),
#                         libzip, libexpat, libfreexl, libcsv (reading the
#                         spreadsheets `qingdan import` takes), libmicrohttpd
#                         (`qingdan serve`)
#   tools/deps.sh dev     also what the test suites use: valgrind, a Java
#                         runtime (Nu HTML Checker), linkchecker, chromium
#                         and CJK fonts (browser tests and screenshots),
#                         poppler-utils (pdftotext: the printed list),
#                         python3 (and PyYAML, for the statistics recount;
#                         icalendar and openpyxl, to read the calendars and
#                         Excel files back), zbar-tools and librsvg2-bin (to
#                         decode the QR codes),
#                         node and npm, then the npm packages of
#                         package-lock.json (npm ci)
#   tools/deps.sh bench   Hugo, GNU time and python3 for `make bench`
set -eu
cd "$(dirname "$0")/.."

build_pkgs="build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libopencc-dev libxlsxwriter-dev libqrencode-dev libzip-dev libexpat1-dev libfreexl-dev libcsv-dev libmicrohttpd-dev"
bench_pkgs="hugo time python3"
dev_pkgs="valgrind default-jre-headless linkchecker chromium fonts-noto-cjk poppler-utils python3 python3-yaml python3-icalendar python3-openpyxl zbar-tools librsvg2-bin python3-xlwt"

want=$build_pkgs
[ "${1:-build}" = dev ] && want=$dev_pkgs
[ "${1:-build}" = bench ] && want=$bench_pkgs
missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# node and npm may come from elsewhere than Debian; only their absence counts
if [ "${1:-build}" = dev ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	echo "deps: installing$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
else
	echo "deps: all $1 packages present"
fi

if [ "${1:-build}" = dev ]; then
	# the exact versions of package-lock.json; skip when already installed
	if ! cmp -s package-lock.json node_modules/.qingdan-lock 2>/dev/null; then
		npm ci --no-audit --no-fund
		cp package-lock.json node_modules/.qingdan-lock
	fi
fi
