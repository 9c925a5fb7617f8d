#!/bin/sh
# faults-io: the write side failing under a build. Each time the build
# says what went wrong (status 3, an output error), the previous site
# stays exactly as it was, and no staging folder is left:
#   - the swap of the new site for the old failing (QINGDAN_FAULT=swap-fail,
#     an I/O error at the last step);
#   - a full disk: the output on a small tmpfs (as root; otherwise skipped
#     with a message), too small for the new site;
#   - a read-only output: the output's file system remounted read-only
#     (as root), or its parent folder without write permission (not root).
# After each, a build with room and rights succeeds.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
cp -R tests/fixtures/mini "$scratch/small"
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }
no_staging() { [ -z "$(ls -a "$1" | grep -F '.staging-')" ]; }

# ---- the swap fails ----
o="$scratch/swap/site"
mkdir -p "$scratch/swap"
qd build --quiet --content "$scratch/small" --output "$o" 2>/dev/null
before=$(tree_sum "$o")
sed -i 's/^title: .*/title: 改过的标题/' "$scratch/small/site.yaml"
QINGDAN_FAULT=swap-fail qd build --quiet --content "$scratch/small" --output "$o" >"$scratch/out" 2>"$scratch/err"
st=$?
[ "$st" = 3 ] && grep -q "cannot move the new site into place" "$scratch/err" && ok swap-fail-reported \
	|| fail swap-fail-reported "status $st: $(tail -2 "$scratch/err")"
[ "$(tree_sum "$o")" = "$before" ] && ok swap-fail-old-intact || fail swap-fail-old-intact "the old site changed"
no_staging "$scratch/swap" && ok swap-fail-no-staging || fail swap-fail-no-staging "$(ls -a "$scratch/swap")"
qd build --quiet --content "$scratch/small" --output "$o" 2>/dev/null && grep -q 改过的标题 "$o/index.html" \
	&& ok swap-fail-next-build || fail swap-fail-next-build "the next build did not publish"

if [ "$(id -u)" = 0 ] && command -v mount >/dev/null && mkdir -p "$scratch/disk" \
	&& mount -t tmpfs -o size=3m tmpfs "$scratch/disk" 2>/dev/null; then
	trap 'umount "$scratch/disk" 2>/dev/null; umount "$scratch/ro" 2>/dev/null; rm -rf "$scratch"' EXIT
	# ---- a full disk ----
	o="$scratch/disk/site"
	cp -R tests/fixtures/mini "$scratch/small2"
	qd build --quiet --content "$scratch/small2" --output "$o" 2>/dev/null
	before=$(tree_sum "$o")
	qd build --quiet --content content --output "$o" >"$scratch/out" 2>"$scratch/err"
	st=$?
	[ "$st" = 3 ] && grep -q "No space left on device; free space on the output.s disk" "$scratch/err" && ok disk-full-reported \
		|| fail disk-full-reported "status $st: $(tail -3 "$scratch/err")"
	grep -q "nothing was written, the previous output is unchanged" "$scratch/err" && ok disk-full-says-kept \
		|| fail disk-full-says-kept "$(tail -3 "$scratch/err")"
	[ "$(tree_sum "$o")" = "$before" ] && ok disk-full-old-intact || fail disk-full-old-intact "the old site changed"
	no_staging "$scratch/disk" && ok disk-full-no-staging || fail disk-full-no-staging "$(ls -a "$scratch/disk")"
	[ "$(df -k "$scratch/disk" | awk 'NR==2 {print $3}')" -lt 2048 ] && ok disk-full-space-freed \
		|| fail disk-full-space-freed "$(df -k "$scratch/disk" | tail -1)"
	umount "$scratch/disk"

	# ---- a read-only output ----
	mkdir -p "$scratch/ro"
	mount -t tmpfs -o size=64m tmpfs "$scratch/ro"
	o="$scratch/ro/site"
	qd build --quiet --content "$scratch/small2" --output "$o" 2>/dev/null
	before=$(tree_sum "$o")
	mount -o remount,ro "$scratch/ro"
	qd build --quiet --content content --output "$o" >"$scratch/out" 2>"$scratch/err"
	st=$?
	[ "$st" = 3 ] && grep -q "Read-only file system; the output.s file system is read-only" "$scratch/err" && ok read-only-reported \
		|| fail read-only-reported "status $st: $(tail -3 "$scratch/err")"
	[ "$(tree_sum "$o")" = "$before" ] && ok read-only-old-intact || fail read-only-old-intact "the old site changed"
	mount -o remount,rw "$scratch/ro"
	no_staging "$scratch/ro" && ok read-only-no-staging || fail read-only-no-staging "$(ls -a "$scratch/ro")"
	qd build --quiet --content content --output "$o" 2>/dev/null && ok read-only-next-build \
		|| fail read-only-next-build "the build after remounting failed"
	umount "$scratch/ro"
elif [ "$(id -u)" = 0 ]; then
	echo "faults-io: root, but no tmpfs could be mounted here: the full-disk and read-only cases are skipped"
else
	echo "faults-io: not root: the full-disk case is skipped; read-only by permissions"
	o="$scratch/perm/site"
	mkdir -p "$scratch/perm"
	qd build --quiet --content "$scratch/small" --output "$o" 2>/dev/null
	before=$(tree_sum "$o")
	chmod a-w "$scratch/perm"
	qd build --quiet --content content --output "$o" >"$scratch/out" 2>"$scratch/err"
	st=$?
	chmod u+w "$scratch/perm"
	[ "$st" = 3 ] && grep -q "Permission denied" "$scratch/err" && ok read-only-reported \
		|| fail read-only-reported "status $st: $(tail -3 "$scratch/err")"
	[ "$(tree_sum "$o")" = "$before" ] && ok read-only-old-intact || fail read-only-old-intact "the old site changed"
	no_staging "$scratch/perm" && ok read-only-no-staging || fail read-only-no-staging "$(ls -a "$scratch/perm")"
fi
finish faults-io
