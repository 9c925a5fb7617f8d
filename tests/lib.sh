# Shared helpers for the shell test suites (sourced, not run).
# ok NAME / fail NAME WHY record results; finish NAME prints the suite line.
QD_BIN="${QD_BIN:-build/san/qingdan}"
QD="$(pwd)/$QD_BIN"
case "$QD_BIN" in /*) QD="$QD_BIN" ;; esac
QD_WRAP="${QD_WRAP:-}"
t_pass=0
t_fail=0
ok() { t_pass=$((t_pass + 1)); }
fail() { t_fail=$((t_fail + 1)); echo "FAIL $1: $2"; }
finish() { echo "$1: $t_pass passed, $t_fail failed"; [ "$t_fail" -eq 0 ]; }
qd() { $QD_WRAP "$QD" "$@"; }
# a scratch folder removed at exit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
expect_status() { # NAME WANT CMD...: CMD exits with WANT (its output in $scratch/out and err)
	name=$1 want=$2
	shift 2
	"$@" >"$scratch/out" 2>"$scratch/err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name"; else fail "$name" "status $got, want $want"; cat "$scratch/err"; fi
}
serve_dir() { # ROOT PORT URL: serve ROOT over HTTP on 127.0.0.1:PORT until the suite ends; returns once URL answers
	python3 -m http.server "$2" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
	server=$!
	trap 'kill $server 2>/dev/null; rm -rf "$scratch"' EXIT
	i=0
	until python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1])" "$3" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
	done
}
