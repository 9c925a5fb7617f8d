#!/bin/sh
# Install what qingdan needs on Debian/Ubuntu, only when it is missing.
#   tools/deps.sh build   compiler, pkg-config, libcmark, libyaml
#   tools/deps.sh dev     also what the test suites use
set -eu

need_build="build-essential pkg-config libcmark-dev libyaml-dev"
need_dev="valgrind"

missing=""
for p in $( [ "${1:-build}" = dev ] && echo "$need_dev" || echo "$need_build" ); do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && { echo "deps: all present"; exit 0; }

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "deps: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
