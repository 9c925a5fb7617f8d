#!/bin/sh
# hostile: content made to exhaust time or memory, each case run with
# bounds the test enforces (timeout for time, prlimit for address space)
# and its peak memory measured: every case ends within its bounds with
# the status it should have (1 and a message for what is refused), never
# a hang, a crash or an unbounded allocation. The release binary runs
# these (the sanitizers' shadow memory would blur the bounds). Cases:
# alias bombs, 10,000-deep nesting, a 50 MB scalar, a 100,000-item list,
# NUL bytes, invalid UTF-8, CR-only line endings, cmark's slow patterns
# at the Markdown cap in many files, 10,000 categories, long ids, a
# device file, a template that includes itself. (An 8 MB flow list and
# FIFOs are in hardening.sh and tests/bad; symlinks out of every level
# are in tests/bad and hardening.sh.)
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
BIN=./qingdan
[ -x "$BIN" ] || { echo "hostile: ./qingdan not built"; finish hostile; exit 1; }

# run NAME SECONDS MAX_MB WANT_STATUS [GREP] -- qingdan args...: the command
# under timeout and an address-space limit of 4 GiB; its status, its
# peak RSS (at most MAX_MB) and, when given, a message it must print
run() {
	name=$1 secs=$2 max=$3 want=$4 pattern=$5
	shift 5
	[ "$1" = -- ] && shift
	python3 - "$secs" "$@" >"$scratch/rss" 2>"$scratch/err" <<'PY'
import resource, subprocess, sys, time
secs = sys.argv[1]
t0 = time.monotonic()
r = subprocess.run(['timeout', secs, 'prlimit', '--as=4294967296', '--'] + sys.argv[2:],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.write(r.stderr.decode('utf-8', 'replace'))
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, '%.1f' % (time.monotonic() - t0))
PY
	read -r st mb took <"$scratch/rss"
	if [ "$st" = 124 ]; then
		fail "$name" "did not finish within $2 s"
	elif [ "$st" != "$want" ]; then
		fail "$name" "status $st, want $want: $(head -c 300 "$scratch/err")"
	elif [ "$mb" -gt "$max" ]; then
		fail "$name" "peak RSS $mb MB, bound $max MB"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$scratch/err"; then
		fail "$name" "no message '$pattern': $(head -c 300 "$scratch/err")"
	else
		ok "$name"
	fi
	echo "  $name: status $st, ${mb} MB, ${took} s" >>"$scratch/summary"
}
fresh() { rm -rf "$scratch/c"; cp -R tests/fixtures/mini "$scratch/c"; }

# ---- YAML ----
fresh
python3 -c '
import sys
lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
for i in range(1, 12):
    lines.append("a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10)))
lines.append("title: 炸弹")
print("\n".join(lines))' >"$scratch/c/lists/bomb.yaml"
run alias-bomb 30 300 1 "alias" -- $BIN check --quiet --content "$scratch/c"

fresh
python3 -c 'print("title: " + "[" * 10000 + "]" * 10000)' >"$scratch/c/lists/deep.yaml"
run nesting-10000 30 300 1 "error" -- $BIN check --quiet --content "$scratch/c"

fresh
python3 -c '
print("---\ntitle: \"" + "长" * (50 * 1024 * 1024 // 3) + "\"\nkind: needs\n---")' >"$scratch/c/pages/long.md"
run scalar-50mb 60 $((64 * 50)) 1 "error" -- $BIN check --quiet --content "$scratch/c"

fresh
python3 -c '
print("title: 十万条\nkind: needs\nstreet: bailianchi\npublished: 2026-01-01\nitems:")
for i in range(100000):
    print("  - {title: 条目%d, category: party-building}" % i)' >"$scratch/c/lists/huge.yaml"
run items-100000 120 2000 0 "" -- $BIN check --quiet --content "$scratch/c"

# ---- bytes ----
fresh
printf -- '---\ntitle: 零\0字节\n---\n正文\n' >"$scratch/c/pages/nul.md"
run nul-byte 30 200 1 "pages/nul.md" -- $BIN check --quiet --content "$scratch/c"
fresh
printf -- '---\ntitle: \377\376\300\257 bad\n---\n正文\n' >"$scratch/c/pages/bad-utf8.md"
run invalid-utf8 30 200 1 "pages/bad-utf8.md" -- $BIN check --quiet --content "$scratch/c"
fresh
printf -- '---\rtitle: 回车\r---\r正文\r' >"$scratch/c/pages/cr.md"
run cr-only 30 200 1 "pages/cr.md" -- $BIN check --quiet --content "$scratch/c"

# ---- Markdown: cmark's slow patterns, each file at the cap, many files ----
fresh
python3 - "$scratch/c/pages" <<'PY'
import sys
cap = 64 * 1024 - 64
patterns = ['[' * cap, '*a ' * (cap // 3), '<' * cap, '`a' * (cap // 2), '> ' * (cap // 2),
            '- ' * (cap // 2), '![[' * (cap // 3), '_a ' * (cap // 3), '|a' * (cap // 2) + '\n|-|\n',
            '[a](' * (cap // 4), '**' * (cap // 2), '&#' * (cap // 2)]
for i in range(60):
    p = patterns[i % len(patterns)][:cap]
    open('%s/slow-%02d.md' % (sys.argv[1], i), 'w').write('---\ntitle: 慢%d\n---\n' % i + p + '\n')
PY
run markdown-slow-60-files 120 1500 0 "" -- $BIN build --quiet --content "$scratch/c" --output "$scratch/md-out"
fresh
python3 -c 'print("---\ntitle: 超长\n---\n" + "a" * (64 * 1024 + 10))' >"$scratch/c/pages/over.md"
run markdown-over-cap 30 200 1 "pages/over.md" -- $BIN check --quiet --content "$scratch/c"

# ---- many names ----
fresh
python3 -c '
for i in range(10000):
    print("- id: cat%d\n  name: 类别%d\n  description: 说明%d" % (i, i, i))
print("- id: party-building\n  name: 党建引领\n- id: elderly-children\n  name: 一老一小\n- id: volunteering\n  name: 社区志愿服务\n  group: party-building")' \
	>"$scratch/c/categories.yaml"
run categories-10000 120 1500 0 "" -- $BIN build --quiet --content "$scratch/c" --output "$scratch/cat-out"

fresh
long=$(python3 -c 'print("a" * 200)')
printf -- '---\ntitle: 长编号\n---\n正文\n' >"$scratch/c/pages/$long.md"
run long-id 30 200 1 "not a valid id" -- $BIN check --quiet --content "$scratch/c"
fresh
printf -- '---\ntitle: 编号\nkind: needs\nstreet: bailianchi\npublished: 2026-01-01\nitems:\n  - title: x\n    category: %s\n---\n' \
	"$(python3 -c 'print("c" * 100000)')" >"$scratch/c/lists/long-ref.md"
run long-reference 30 200 1 "category" -- $BIN check --quiet --content "$scratch/c"

# ---- a device file (as root: a character device in content/) ----
fresh
if [ "$(id -u)" = 0 ] && mknod "$scratch/c/pages/zero.md" c 1 5 2>/dev/null; then
	run device-file 30 200 1 "pages/zero.md" -- $BIN check --quiet --content "$scratch/c"
else
	ln -s /dev/zero "$scratch/c/pages/zero.md"
	run device-link 30 200 1 "pages/zero.md" -- $BIN check --quiet --content "$scratch/c"
fi

# ---- a template that includes itself ----
fresh
mkdir -p "$scratch/t"
printf '{{>page}}\n' >"$scratch/t/page.mustache"
run template-includes-itself 30 200 1 "page" -- $BIN build --quiet --content "$scratch/c" --templates "$scratch/t" \
	--output "$scratch/t-out"
printf '{{#pages}}{{>page}}{{/pages}}{{<page}}{{/page}}\n' >"$scratch/t/page.mustache"
run template-parent-itself 30 200 1 "page" -- $BIN build --quiet --content "$scratch/c" --templates "$scratch/t" \
	--output "$scratch/t-out"

cat "$scratch/summary"
finish hostile
