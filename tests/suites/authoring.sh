#!/bin/sh
# Starting a site and its files, and installing qingdan: `init` makes a
# site that passes check (and builds); `new` writes each kind of file,
# refuses an existing file and an id check would refuse (with check's own
# message), and its file passes check once its placeholders are filled;
# `help`; the man page renders without warnings; `make install` into a
# DESTDIR gives a working qingdan and man page, `make uninstall` removes
# them.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01

site="$scratch/jihui"
c="$site/content"

# init
expect_status init 0 qd init "$site"
for f in site.yaml places.yaml categories.yaml lists/2026-example-needs.yaml events/2026-example-event.md \
	cases/example-case.md orgs/example-org.yaml pages/about.md; do
	[ -f "$c/$f" ] || fail init-files "no $f"
done
[ -d "$c/static" ] && ok init-static || fail init-static "no content/static/"
qd check --content "$c" >"$scratch/out" 2>"$scratch/err"
[ $? -eq 0 ] && ! grep -q 'warning' "$scratch/err" && ok init-passes-check \
	|| { fail init-passes-check "check of the new site:"; cat "$scratch/err"; }
# every kind of record is there, and the site builds (built-in theme)
qd dump --content "$c" >"$scratch/dump.json" 2>/dev/null
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["lists"]) == 1 and len(d["events"]) == 1 and len(d["cases"]) == 1, "records"
assert len(d["orgs"]) == 1 and len(d["pages"]) == 1, "orgs, pages"
assert d["events"][0]["lists"] == [d["lists"][0]["id"]], "event and list linked"
' "$scratch/dump.json" && ok init-records || fail init-records "the skeleton lacks a kind of record"
expect_status init-builds 0 qd build --quiet --content "$c" --output "$site/public"
# a folder with anything in it is refused, and left alone
expect_status init-not-empty 1 qd init "$site"
grep -q 'the folder is not empty' "$scratch/err" && ok init-not-empty-says || fail init-not-empty-says "$(cat "$scratch/err")"
: >"$scratch/afile"
expect_status init-not-a-folder 1 qd init "$scratch/afile"
expect_status init-no-folder 2 qd init

# new: each kind, where it belongs
for kind in list event case org page; do
	expect_status "new-$kind" 0 qd new "$kind" "test-$kind" --content "$c"
done
for f in lists/test-list.yaml events/test-event.md cases/test-case.md orgs/test-org.yaml pages/test-page.md; do
	[ -f "$c/$f" ] && ok "new-file $f" || fail "new-file $f" "not written"
done
grep -q '/lists/test-list/' "$c/lists/test-list.yaml" && ok new-names-address || fail new-names-address "no address in the comments"
# never over a file, whatever its extension
echo '# mine' >"$scratch/mine"
cp "$scratch/mine" "$c/lists/test-list.yaml"
expect_status new-exists 1 qd new list test-list --content "$c"
cmp -s "$scratch/mine" "$c/lists/test-list.yaml" && ok new-keeps-file || fail new-keeps-file "overwritten"
grep -q 'already exists' "$scratch/err" && ok new-exists-says || fail new-exists-says "$(cat "$scratch/err")"
expect_status new-exists-other-extension 1 qd new page about --content "$c"
rm "$c/lists/test-list.yaml"
expect_status new-list-again 0 qd new list test-list --content "$c"
# an id check refuses: check's own message
expect_status new-bad-id 1 qd new list Bailianchi_2020 --content "$c"
cp "$scratch/err" "$scratch/new-err"
mkdir -p "$scratch/badid"
cp -R "$c" "$scratch/badid/content"
cp "$c/lists/2026-example-needs.yaml" "$scratch/badid/content/lists/Bailianchi_2020.yaml"
qd check --content "$scratch/badid/content" 2>&1 | grep "Bailianchi_2020.yaml: error" | sed "s|$scratch/badid/content|C|" >"$scratch/check-err"
sed "s|$c|C|" "$scratch/new-err" >"$scratch/new-err2"
[ -s "$scratch/check-err" ] && cmp -s "$scratch/check-err" "$scratch/new-err2" && ok new-bad-id-message \
	|| { fail new-bad-id-message "new and check say different things"; cat "$scratch/new-err2" "$scratch/check-err"; }
expect_status new-unknown-kind 2 qd new leaflet x --content "$c"
expect_status new-no-id 2 qd new list --content "$c"
# placeholders left: check fails (a street, a date, a category that are not)
expect_status new-placeholders-fail-check 1 qd check --content "$c"
grep -q "lists/test-list.yaml:.*error" "$scratch/err" && ok new-placeholders-reported \
	|| fail new-placeholders-reported "$(head -5 "$scratch/err")"
# filled in: check passes
sed -i -e 's/【清单标题】/测试清单/; s/【街道编号】/example-street/; s/【YYYY-MM-DD】/2026-03-01/' \
	-e 's/【项目名称】/测试项目/; s/【类别编号】/elderly-meals/' "$c/lists/test-list.yaml"
sed -i -e 's/【活动标题】/测试活动/; s/【街道编号】/example-street/; s/【YYYY-MM-DD】/2026-03-01/' "$c/events/test-event.md"
sed -i -e 's/【案例标题】/测试案例/' "$c/cases/test-case.md"
sed -i -e 's/【组织全称】/测试组织/' "$c/orgs/test-org.yaml"
sed -i -e 's/【页面标题】/测试页面/' "$c/pages/test-page.md"
qd check --content "$c" >"$scratch/out" 2>"$scratch/err" && ok new-filled-passes-check \
	|| { fail new-filled-passes-check "after filling the placeholders:"; cat "$scratch/err"; }
# every optional field, uncommented, is a field check knows (no unknown key)
for f in lists/test-list.yaml events/test-event.md cases/test-case.md orgs/test-org.yaml pages/test-page.md; do
	sed -n 's/^ *# \{0,1\}\(- \)\{0,1\}\([a-z_]*\):.*/\2/p' "$c/$f" | sort -u >"$scratch/keys"
	bad=""
	for k in $(cat "$scratch/keys"); do
		grep -q "^| $k |" docs/content.md || bad="$bad $k"
	done
	[ -z "$bad" ] && ok "new-fields $f" || fail "new-fields $f" "not in docs/content.md:$bad"
done

# help
expect_status help-new 0 qd help new
grep -q 'usage: qingdan new' "$scratch/out" && ok help-new-says || fail help-new-says "$(cat "$scratch/out")"
expect_status new-dash-help 0 qd new --help
expect_status help-unknown 2 qd help leaflet
expect_status help-all 0 qd help
grep -q 'init DIR' "$scratch/out" && ok help-lists-init || fail help-lists-init "init not in the usage"

# the man page: no warnings from groff (-ww, input through preconv)
LC_ALL=C.UTF-8 groff -k -ww -mandoc -Tutf8 -z doc/qingdan.1 >"$scratch/out" 2>"$scratch/err"
[ $? -eq 0 ] && [ ! -s "$scratch/err" ] && ok man-no-warnings || { fail man-no-warnings "groff:"; head "$scratch/err"; }
missing=""
for w in build check dump init new template help SOURCE_DATE_EPOCH content output base-url jobs no-search \
	timings quiet templates version "EXIT STATUS" FILES; do
	# an option as mdoc writes it: \-base\-url
	grep -qF -- "$w" doc/qingdan.1 || grep -qF -- "$(printf '%s' "$w" | sed 's/-/\\-/g')" doc/qingdan.1 \
		|| missing="$missing $w"
done
[ -z "$missing" ] && ok man-covers || fail man-covers "not in doc/qingdan.1:$missing"

# make install into a DESTDIR, then uninstall
stage="$scratch/stage"
make -s install PREFIX=/usr DESTDIR="$stage" INSTALL_BIN="$QD_BIN" >"$scratch/out" 2>"$scratch/err" \
	&& ok install || { fail install "$(cat "$scratch/err")"; }
"$stage/usr/bin/qingdan" --version | grep -q '^qingdan ' && ok installed-version || fail installed-version "no version"
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$stage/usr/share/man/man1/qingdan.1" 2>/dev/null | grep -q 'qingdan init' \
	&& ok installed-man || fail installed-man "man -l gives nothing"
[ -f "$stage/usr/share/bash-completion/completions/qingdan" ] && bash -n "$stage/usr/share/bash-completion/completions/qingdan" \
	&& ok installed-completion || fail installed-completion "missing or not bash"
# the installed binary builds a site from anywhere: the theme is compiled in
(cd "$scratch" && "$stage/usr/bin/qingdan" build --quiet --content "$c" --output "$scratch/anywhere" 2>/dev/null) \
	&& [ -f "$scratch/anywhere/index.html" ] && ok installed-builds || fail installed-builds "no site"
make -s uninstall PREFIX=/usr DESTDIR="$stage" >/dev/null 2>&1
[ ! -e "$stage/usr/bin/qingdan" ] && [ ! -e "$stage/usr/share/man/man1/qingdan.1" ] \
	&& [ ! -e "$stage/usr/share/bash-completion/completions/qingdan" ] && ok uninstall || fail uninstall "files left"

finish authoring
