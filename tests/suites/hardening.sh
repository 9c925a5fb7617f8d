#!/bin/sh
# Hardening (issue 15): the output folder and the build's own leftovers.
# Each case failed before its fix; the content-side cases (FIFOs, folders
# linked out of content/, control characters, CR line endings, dates and
# statuses) are in tests/bad/.
#   - an output folder inside content/ (static/ would publish it again
#     inside itself at every build), one holding only dot-files (a home
#     folder), and one that is a symlink: refused before anything is
#     written (status 3, an output error);
#   - staging folders of killed builds: removed when qingdan marked them
#     and no live process owns them, kept otherwise;
#   - the templates folder: a symlink out of it, or one that loops back
#     to a folder above it, is an error (not followed), a dangling one too
#     (without a leak under the sanitizers); a link inside is fine;
#   - the commit: dot-entries of the old output (.git, .well-known) are
#     linked into the new one, never moved out of the live one; without
#     RENAME_EXCHANGE (a fault hook) the fallback works, and a build
#     killed between its two renames is recovered by the next build;
#   - a YAML file of tiny values ([t,t,t,...], 8 MB): refused, with its
#     peak memory under 64 times its size (it took a gigabyte);
#   - errors printed: 200 at most, then "and N more", the count exact;
#   - a malformed SOURCE_DATE_EPOCH: a usage error (status 2);
#   - a large static file: copied without being read into memory, linked
#     from the previous output when unchanged.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
cp -R tests/fixtures/mini "$scratch/content"
# a command's exit status and peak RSS in MB
rss() { python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' "$@"; }

# ---- output folders refused ----
expect_status output-inside-content 3 qd build --content "$scratch/content" --output "$scratch/content/static/out"
grep -q 'the output folder is inside the content folder' "$scratch/err" && [ ! -e "$scratch/content/static/out" ] \
	&& ok output-inside-content-message || fail output-inside-content-message "$(cat "$scratch/err")"
expect_status output-inside-content-nested 3 qd build --content "$scratch/content" --output "$scratch/content/pages/a/b"
mkdir -p "$scratch/home/.ssh"
echo 'alias ll=ls' >"$scratch/home/.bashrc"
expect_status output-dotfiles-only 3 qd build --content "$scratch/content" --output "$scratch/home"
[ -f "$scratch/home/.bashrc" ] && [ -d "$scratch/home/.ssh" ] && ok output-dotfiles-kept || fail output-dotfiles-kept "the folder was taken over"
mkdir -p "$scratch/real"
ln -s "$scratch/real" "$scratch/link"
expect_status output-symlink 3 qd build --content "$scratch/content" --output "$scratch/link"
grep -q 'the output folder is a symbolic link' "$scratch/err" && [ -L "$scratch/link" ] && [ -z "$(ls -A "$scratch/real")" ] \
	&& ok output-symlink-untouched || fail output-symlink-untouched "$(cat "$scratch/err")"

# ---- the templates folder: links out of it, loops, dangling links ----
mkdir -p "$scratch/t/templates/partials" "$scratch/elsewhere"
cp -R tests/fixtures/mini "$scratch/t/content"
echo '{{! not the site theme }}' >"$scratch/elsewhere/404.mustache"
ln -s "$scratch/elsewhere/404.mustache" "$scratch/t/templates/404.mustache"
expect_status templates-link-outside 1 qd build --content "$scratch/t/content" --output "$scratch/t/out"
grep -q 'templates/404.mustache: error: symbolic link points outside the templates folder' "$scratch/err" \
	&& ok templates-link-outside-message || fail templates-link-outside-message "$(cat "$scratch/err")"
rm "$scratch/t/templates/404.mustache"
ln -s .. "$scratch/t/templates/partials/up"
expect_status templates-loop 1 qd build --content "$scratch/t/content" --output "$scratch/t/out"
[ "$(grep -c 'a loop' "$scratch/err")" = 1 ] && ok templates-loop-once || fail templates-loop-once "$(head -5 "$scratch/err")"
rm "$scratch/t/templates/partials/up"
ln -s "$scratch/t/templates/gone" "$scratch/t/templates/dangling.mustache"
expect_status templates-dangling 1 qd build --content "$scratch/t/content" --output "$scratch/t/out"
rm "$scratch/t/templates/dangling.mustache"
ln -s partials "$scratch/t/templates/inside"
expect_status templates-link-inside 0 qd build --quiet --content "$scratch/t/content" --output "$scratch/t/out"

# ---- staging folders of killed builds ----
dead=$(python3 -c '
import os
for pid in range(4000000, 4100000):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        print(pid); break
    except PermissionError:
        pass')
out="$scratch/site"
qd build --quiet --content "$scratch/content" --output "$out" || fail staging-first-build "status $?"
mkdir -p "$scratch/.site.staging-$dead/lists" "$scratch/.site.staging-$((dead + 1))" \
	"$scratch/.site.staging-$((dead + 2))" "$scratch/.site.staging-$$"
echo x >"$scratch/.site.staging-$dead/.qingdan"
echo x >"$scratch/.site.staging-$dead/lists/page.html"
echo x >"$scratch/.site.staging-$((dead + 2))/not-ours.txt" # not marked: kept
echo x >"$scratch/.site.staging-$$/.qingdan"                # a live pid: kept
qd build --quiet --content "$scratch/content" --output "$out" || fail staging-second-build "status $?"
[ ! -e "$scratch/.site.staging-$dead" ] && ok staging-dead-marked-removed || fail staging-dead-marked-removed "left"
[ ! -e "$scratch/.site.staging-$((dead + 1))" ] && ok staging-dead-empty-removed || fail staging-dead-empty-removed "left"
[ -e "$scratch/.site.staging-$((dead + 2))/not-ours.txt" ] && ok staging-unmarked-kept || fail staging-unmarked-kept "removed"
[ -e "$scratch/.site.staging-$$/.qingdan" ] && ok staging-live-kept || fail staging-live-kept "removed"
[ -z "$(ls -d "$scratch"/.site.staging-* 2>/dev/null | grep -v -e "-$$\$" -e "-$((dead + 2))\$")" ] \
	&& ok staging-none-left || fail staging-none-left "$(ls -d "$scratch"/.site.staging-*)"

# ---- the commit: dot-entries carried as links, a swap without RENAME_EXCHANGE ----
c="$scratch/commit"
qd build --quiet --content "$scratch/content" --output "$c" || fail commit-first "status $?"
mkdir -p "$c/.git/objects" "$c/.well-known"
echo 'ref: refs/heads/main' >"$c/.git/HEAD"
echo 'contact: mailto:x@example.org' >"$c/.well-known/security.txt"
ln -s HEAD "$c/.git/head-link"
head_ino=$(stat -c %i "$c/.git/HEAD")
qd build --quiet --content "$scratch/content" --output "$c" || fail commit-dotfiles-build "status $?"
[ "$(stat -c %i "$c/.git/HEAD")" = "$head_ino" ] && [ -f "$c/.well-known/security.txt" ] && [ -L "$c/.git/head-link" ] \
	&& [ -d "$c/.git/objects" ] && ok commit-dotfiles-carried || fail commit-dotfiles-carried "$(ls -la "$c/.git")"
# killed once the dot-entries are carried, before the swap: the live
# output still has them (they were linked, not moved)
QINGDAN_FAULT=carry-kill qd build --quiet --content "$scratch/content" --output "$c" 2>/dev/null
[ -f "$c/.git/HEAD" ] && [ -f "$c/.well-known/security.txt" ] && [ -f "$c/index.html" ] && ok commit-killed-after-carry \
	|| fail commit-killed-after-carry "$(ls -a "$c" "$c/.git")"
QINGDAN_FAULT=swap qd build --quiet --content "$scratch/content" --output "$c" \
	&& [ -f "$c/index.html" ] && [ -f "$c/.git/HEAD" ] && ok commit-swap-fallback || fail commit-swap-fallback "$(ls -a "$c")"
# killed between the fallback's two renames: no output folder for a
# moment; the next build puts the previous one back, then builds
QINGDAN_FAULT=swap-kill qd build --quiet --content "$scratch/content" --output "$c" 2>/dev/null
[ ! -e "$c" ] && [ -n "$(ls -d "$scratch"/.commit.staging-*.old 2>/dev/null)" ] && ok commit-killed-mid-swap \
	|| fail commit-killed-mid-swap "$(ls -a "$scratch")"
qd build --content "$scratch/content" --output "$c" 2>"$scratch/err" || fail commit-recover-build "status $?"
grep -q 'put back the previous output' "$scratch/err" && [ -f "$c/index.html" ] && [ "$(stat -c %i "$c/.git/HEAD")" = "$head_ino" ] \
	&& [ -z "$(ls -d "$scratch"/.commit.staging-* 2>/dev/null)" ] && ok commit-recovered \
	|| fail commit-recovered "$(cat "$scratch/err"; ls -a "$scratch")"

# ---- a YAML file of tiny values: refused, memory within 64 times its size ----
cp -R tests/fixtures/mini "$scratch/flow"
python3 -c "
import sys
n = (8 << 20) // 2 - 100
open(sys.argv[1], 'w').write('title: x\nkind: needs\nstreet: x\nitems: [' + 't,' * n + 't]\n')" "$scratch/flow/lists/flow.yaml"
size_mb=$(( $(stat -c %s "$scratch/flow/lists/flow.yaml") >> 20 ))
set -- $(rss ./qingdan check --content "$scratch/flow")
[ "$1" = 1 ] && [ "$2" -lt $((64 * size_mb)) ] && ok yaml-nodes-bounded \
	|| fail yaml-nodes-bounded "status $1, peak RSS $2 MB for a $size_mb MB file"
qd check --content "$scratch/flow" 2>&1 | grep -q 'flow.yaml:4:.*error: more than [0-9]* values in [0-9]* bytes' \
	&& ok yaml-nodes-message || fail yaml-nodes-message "$(qd check --content "$scratch/flow" 2>&1 | head -2)"

# ---- errors printed: at most 200, then how many more ----
cp -R tests/fixtures/mini "$scratch/many"
python3 -c "
import sys
open(sys.argv[1], 'w').write('---\ntitle: 很多未知字段\n' + ''.join(f'unknown{i}: x\n' for i in range(300)) + '---\n正文\n')" \
	"$scratch/many/pages/many.md"
qd check --content "$scratch/many" >/dev/null 2>"$scratch/err"
[ "$(grep -c ': error: ' "$scratch/err")" = 200 ] && grep -q '\.\.\. and 100 more errors not shown' "$scratch/err" \
	&& grep -q '^qingdan: 300 errors' "$scratch/err" && ok errors-capped || fail errors-capped "$(tail -3 "$scratch/err")"

# ---- SOURCE_DATE_EPOCH ----
SOURCE_DATE_EPOCH=yesterday qd check --content "$scratch/content" >"$scratch/out" 2>"$scratch/err"
st=$?
[ $st = 2 ] && grep -q 'SOURCE_DATE_EPOCH must be a whole number' "$scratch/err" && ok source-date-epoch-usage \
	|| fail source-date-epoch-usage "status $st: $(cat "$scratch/err")"

# ---- a large static file, streamed ----
python3 -c "
import sys
with open(sys.argv[1], 'wb') as f:
    for i in range(96):
        f.write(bytes([i]) * (1 << 20))" "$scratch/content/static/big.bin"
# the release binary: the sanitizer's shadow memory would blur the bound
set -- $(rss ./qingdan build --quiet --content "$scratch/content" --output "$scratch/big")
[ "$1" = 0 ] && [ "$2" -lt 60 ] && ok static-streamed || fail static-streamed "status $1, peak RSS $2 MB for a 96 MB file"
cmp -s "$scratch/content/static/big.bin" "$scratch/big/static/big.bin" && ok static-copied-whole || fail static-copied-whole "differs"
before=$(stat -c %i "$scratch/big/static/big.bin")
qd build --quiet --content "$scratch/content" --output "$scratch/big"
[ "$(stat -c %i "$scratch/big/static/big.bin")" = "$before" ] && ok static-unchanged-linked || fail static-unchanged-linked "copied again"
printf 'y' | dd of="$scratch/content/static/big.bin" bs=1 seek=$((50 << 20)) conv=notrunc 2>/dev/null
qd build --quiet --content "$scratch/content" --output "$scratch/big"
cmp -s "$scratch/content/static/big.bin" "$scratch/big/static/big.bin" && [ "$(stat -c %i "$scratch/big/static/big.bin")" != "$before" ] \
	&& ok static-changed-copied || fail static-changed-copied "the changed file was not copied again"

finish hardening
