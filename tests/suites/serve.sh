#!/bin/sh
# qingdan serve, end to end, every wait bounded: it serves the site under
# its base path with the reload script added, refuses paths out of the
# build folder (.., %2e%2e, a symlink), rebuilds on an edit and tells the
# open pages (an event stream), shows a mistake's file:line:col while the
# last good build is still served, recovers once it is fixed, and stops
# on SIGTERM leaving nothing behind.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600

cp -R tests/fixtures/mini "$scratch/content"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# not through qd(): $! must be qingdan's own pid (or valgrind's, which passes signals on)
$QD_WRAP "$QD" serve --port "$port" --content "$scratch/content" >"$scratch/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$scratch"' EXIT

cat >"$scratch/fetch.py" <<'PY'
# fetch.py get URL | events URL SECONDS OUT: a GET's status and body, or
# an event stream read for SECONDS into OUT
import sys, time, urllib.error, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None
opener = urllib.request.build_opener(NoRedirect)
if sys.argv[1] == "get":
    try:
        r = opener.open(sys.argv[2], timeout=5)
        code, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        code, body = e.code, e.read()
    sys.stdout.write(f"{code}\n")
    sys.stdout.buffer.write(body)
else:
    end = time.time() + float(sys.argv[3])
    with open(sys.argv[4], "wb") as out:
        try:
            r = urllib.request.urlopen(sys.argv[2], timeout=float(sys.argv[3]))
            while time.time() < end:
                line = r.readline()
                if not line:
                    break
                out.write(line)
                out.flush()
        except Exception:
            pass
PY
get() { python3 "$scratch/fetch.py" get "$1" >"$scratch/body" 2>/dev/null; head -n 1 "$scratch/body"; }
wait_for() { # SECONDS COMMAND...: until the command succeeds
	n=$(( $1 * 10 )); shift
	while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.1; n=$((n - 1)); done
	return 1
}
up() { [ "$(get "http://127.0.0.1:$port/")" = 302 ]; }
if wait_for 20 up; then ok serve-starts; else fail serve-starts "$(cat "$scratch/log")"; finish serve; exit 1; fi
grep -q "http://127.0.0.1:$port/" "$scratch/log" && ok serve-binds-localhost || fail serve-binds-localhost "$(head -3 "$scratch/log")"
base="http://127.0.0.1:$port/"
[ "$(get "$base")" = 302 ] && ok serve-root-redirect || fail serve-root-redirect "no redirect to the base path"
site=$(sed -n 's|.*http://127.0.0.1:[0-9]*\(/[^ ]*\) (build folder \([^)]*\)).*|\1 \2|p' "$scratch/log")
path=${site%% *}
folder=${site#* }
url="http://127.0.0.1:$port$path"
[ "$(get "$url")" = 200 ] && grep -q '/__qingdan/reload.js' "$scratch/body" && ok serve-page-with-reload \
	|| fail serve-page-with-reload "no page, or no reload script"
[ "$(get "http://127.0.0.1:$port/__qingdan/reload.js")" = 200 ] && ok serve-reload-script || fail serve-reload-script "missing"
# never outside the build folder
python3 -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1',$port,timeout=5); c.request('GET','${path}../../../etc/passwd'); print(c.getresponse().status)" >"$scratch/st"
[ "$(cat "$scratch/st")" = 400 ] && ok serve-dotdot || fail serve-dotdot "status $(cat "$scratch/st")"
python3 -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1',$port,timeout=5); c.request('GET','${path}%2e%2e/%2e%2e/etc/passwd'); print(c.getresponse().status)" >"$scratch/st"
[ "$(cat "$scratch/st")" = 400 ] && ok serve-encoded-dotdot || fail serve-encoded-dotdot "status $(cat "$scratch/st")"
ln -s /etc/passwd "$folder/leak.txt" 2>/dev/null
code=$(get "${url}leak.txt")
[ "$code" = 404 ] && ! grep -q 'root:' "$scratch/body" && ok serve-no-symlink || fail serve-no-symlink "status $code"
rm -f "$folder/leak.txt"

# an edit: rebuilt, and the open pages are told
python3 "$scratch/fetch.py" events "http://127.0.0.1:$port/__qingdan/events" 12 "$scratch/events" &
reader=$!
# the stream's first message (a ping) says it is open: a change announced
# before a page's stream is open is not seen by that page
wait_for 10 grep -qs 'ping' "$scratch/events" || fail serve-events-open "$(cat "$scratch/events")"
page="${url}lists/2020-bailianchi/1.html"
sed -i 's/title: 院落微更新/title: 院落微更新（修订）/' "$scratch/content/lists/2020-bailianchi.yaml"
edited() { get "$page" >/dev/null; grep -q '（修订）' "$scratch/body"; }
wait_for 10 edited && ok serve-rebuilds || fail serve-rebuilds "the page did not change; $(tail -3 "$scratch/log")"
wait_for 5 grep -q 'event: reload' "$scratch/events" && ok serve-reload-event || fail serve-reload-event "no reload event"
# a mistake: its file:line:col reach the page; the last good build stays
printf 'broken: [\n' >>"$scratch/content/lists/2020-bailianchi.yaml"
wait_for 10 grep -q 'event: errors' "$scratch/events" && ok serve-error-event || fail serve-error-event "no errors event"
grep -q 'data: .*lists/2020-bailianchi.yaml:[0-9]*:[0-9]*: error:' "$scratch/events" && ok serve-error-position \
	|| fail serve-error-position "$(cat "$scratch/events")"
[ "$(get "$page")" = 200 ] && grep -q '（修订）' "$scratch/body" && ok serve-keeps-last-good \
	|| fail serve-keeps-last-good "the last good build is not served"
# fixed: built again
sed -i '$d' "$scratch/content/lists/2020-bailianchi.yaml"
sed -i 's/（修订）/（再修订）/' "$scratch/content/lists/2020-bailianchi.yaml"
refixed() { get "$page" >/dev/null; grep -q '（再修订）' "$scratch/body"; }
wait_for 10 refixed && ok serve-recovers || fail serve-recovers "$(tail -3 "$scratch/log")"
wait "$reader" 2>/dev/null

# pages are made from memory as soon as the content is checked; the
# folder, written after, holds everything else. After more edits (a page
# added, one removed), every page served is byte for byte what a full
# build writes (less the reload script), and so is every other file of
# the folder, though serve read again only the files that changed
writes() { grep -c 'folder written' "$scratch/log"; }
grep -q 'pages ready in [0-9]* ms (1 files read again, [0-9]* unchanged)' "$scratch/log" && ok serve-reads-only-changed \
	|| fail serve-reads-only-changed "$(grep 'pages ready' "$scratch/log" | tail -3)"
cp "$scratch/content/pages/about.md" "$scratch/content/pages/serve-added.md"
sed -i 's/^title: .*/title: 预览时新加的页面/' "$scratch/content/pages/serve-added.md"
added() { [ "$(get "${url}pages/serve-added.html")" = 200 ]; }
wait_for 10 added || fail serve-added-page "$(tail -3 "$scratch/log")"
sleep 0.3
before=$(writes)
rm "$scratch/content/pages/serve-added.md"
removed() { [ "$(get "${url}pages/serve-added.html")" = 404 ] && [ "$(writes)" -gt "$before" ]; }
wait_for 20 removed || fail serve-removed-page "$(tail -3 "$scratch/log")"
qd build --quiet --content "$scratch/content" --output "$scratch/full" --base-url "http://127.0.0.1:$port$path"
files() { (cd "$1" && find . -type f ! -name '*.html' | sort); }
files "$folder" >"$scratch/f1"
files "$scratch/full" >"$scratch/f2"
differ=0
cmp -s "$scratch/f1" "$scratch/f2" || differ=1
while read -r f; do cmp -s "$folder/$f" "$scratch/full/$f" || { differ=1; echo "differs: $f"; }; done <"$scratch/f1"
[ $differ = 0 ] && [ "$(wc -l <"$scratch/f1")" -gt 20 ] && ok serve-folder-is-a-full-build \
	|| fail serve-folder-is-a-full-build "$(diff "$scratch/f1" "$scratch/f2" | head -5)"
[ "$(find "$folder" -name '*.html' | wc -l)" = 1 ] && [ -f "$folder/search/index.html" ] && ok serve-folder-no-pages \
	|| fail serve-folder-no-pages "$(find "$folder" -name '*.html' | head -3)"
(cd "$scratch/full" && find . -name '*.html' | sed 's|^\./||' | sort) >"$scratch/pages"
python3 - "http://127.0.0.1:$port$path" "$scratch/full" "$scratch/pages" >"$scratch/cmp" <<'PY'
import sys, urllib.request, urllib.error
base, full, pages = sys.argv[1], sys.argv[2], sys.argv[3]
import re
inject = re.compile(rb'<script src="/__qingdan/reload\.js\?g=[0-9]+"></script>\n')
bad = 0
names = open(pages).read().split()
for name in names:
    url = base + (name[:-len("index.html")] if name.endswith("index.html") else name)
    try:
        body = urllib.request.urlopen(url, timeout=10).read()
    except urllib.error.HTTPError as e:
        body = e.read()
    if inject.sub(b"", body, count=1) != open(f"{full}/{name}", "rb").read():
        bad += 1
        print("differs:", name)
print(f"{len(names)} pages, {bad} differ")
PY
grep -q ' 0 differ$' "$scratch/cmp" && [ "$(wc -l <"$scratch/pages")" -gt 50 ] && ok serve-pages-from-memory-are-a-full-build \
	|| fail serve-pages-from-memory-are-a-full-build "$(tail -3 "$scratch/cmp")"
folderless() { code=$(python3 -c "import http.client; c=http.client.HTTPConnection('127.0.0.1',$port,timeout=5); c.request('GET','${path}needs'); r=c.getresponse(); print(r.status, r.getheader('Location'))"); [ "$code" = "301 ${path}needs/" ]; }
folderless && ok serve-page-folder-redirect || fail serve-page-folder-redirect "$code"
[ "$(get "${url}no-such-page.html")" = 404 ] && grep -q '<html' "$scratch/body" && ok serve-404-page \
	|| fail serve-404-page "$(head -c 200 "$scratch/body")"

# a page tells the event stream which build it is from: a stream opened
# after a newer build was announced reloads at once, one from the newest
# build does not
python3 - "http://127.0.0.1:$port" "$url" >"$scratch/gens" 2>&1 <<'PY'
import re, sys, time, urllib.request
host, page = sys.argv[1:3]
body = urllib.request.urlopen(page, timeout=10).read().decode()
g = re.search(r'reload\.js\?g=([0-9]+)', body).group(1)
for gen in ("1", g):
    events = urllib.request.urlopen(f"{host}/__qingdan/events?g={gen}", timeout=5)
    first = events.readline().decode().strip()
    if first.startswith(":"):  # the ping of a stream that is up to date
        first = "up to date"
    print(gen == g, first)
PY
grep -q '^False event: reload$' "$scratch/gens" && grep -q '^True up to date$' "$scratch/gens" && ok serve-stale-page-reloads \
	|| fail serve-stale-page-reloads "$(cat "$scratch/gens")"

# many errors (200 shown, some 40 KB of messages): the errors event arrives whole,
# over as many writes as it takes
python3 - "http://127.0.0.1:$port" "$scratch/content/pages/many.md" >"$scratch/many" 2>&1 <<'PY'
import sys, time, urllib.request
host, page = sys.argv[1:3]
events = urllib.request.urlopen(host + "/__qingdan/events", timeout=20)
events.readline(); events.readline()  # the first ping
open(page, "w").write("---\ntitle: 很多错误\n" + "".join(f"unknown{i}: x\n" for i in range(400)) + "---\n正文\n")
lines, end = [], time.time() + 15
while time.time() < end:
    line = events.readline().decode()
    if line.startswith("event: errors"):
        while (line := events.readline().decode()) not in ("\n", ""):
            lines.append(line)
        break
print(sum("error: unknown field" in l for l in lines), sum(len(l) for l in lines))
PY
rm -f "$scratch/content/pages/many.md"
set -- $(cat "$scratch/many")
[ "${1:-0}" = 200 ] && [ "${2:-0}" -gt 4096 ] && ok serve-long-errors-whole || fail serve-long-errors-whole "$(cat "$scratch/many")"
sleep 1

# a new file in static/: open pages reload only once the folder has it
# (a change to records reloads them at once, before the folder is written)
python3 - "http://127.0.0.1:$port" "$path" "$scratch/content/static/serve-new.txt" >"$scratch/static" 2>&1 <<'PY'
import sys, time, urllib.request, urllib.error
host, path, new = sys.argv[1:4]
events = urllib.request.urlopen(host + "/__qingdan/events", timeout=20)
time.sleep(0.3)
open(new, "w").write("新加的静态文件\n")
end = time.time() + 15
while time.time() < end:
    line = events.readline().decode()
    if line.startswith("event: reload"):
        try:
            print(urllib.request.urlopen(host + path + "static/serve-new.txt", timeout=5).status)
        except urllib.error.HTTPError as e:
            print(e.code)
        break
PY
[ "$(cat "$scratch/static")" = 200 ] && ok serve-static-reload-after-folder \
	|| fail serve-static-reload-after-folder "$(cat "$scratch/static")"

# stopped: exit 0, its build folder gone
kill -TERM $pid
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
wait $pid
st=$?
[ $st -eq 0 ] && ok serve-stops || fail serve-stops "status $st"
[ ! -e "$folder" ] && ok serve-cleans-up || fail serve-cleans-up "$folder left"
expect_bad_port=$(qd serve --port 70000 >/dev/null 2>&1; echo $?)
[ "$expect_bad_port" = 2 ] && ok serve-bad-port || fail serve-bad-port "status $expect_bad_port"

finish serve
