#!/bin/sh
# ThreadSanitizer over `qingdan serve` (make check-tsan): pages are made
# on request, on the server's threads, while the folder is written on
# others. Serve a copy of the demo, fetch pages from four clients at once
# while a list is edited five times, then stop it; any data race fails.
#   sh tests/tsan-serve.sh QINGDAN
set -u
qd=$1
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
cp -R content "$tmp/content"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$qd" serve --port "$port" --content "$tmp/content" >"$tmp/log" 2>&1 &
pid=$!
python3 - "$port" "$tmp/content/lists" <<'PY'
import os, sys, threading, time, urllib.request, urllib.error
port, lists = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
for _ in range(600):
    try:
        urllib.request.urlopen(base + "/", timeout=2)
        break
    except urllib.error.HTTPError:
        break
    except Exception:
        time.sleep(0.1)
site = urllib.request.urlopen(base + "/", timeout=30).geturl()
pages = ["", "needs/", "lists/", "districts/", "stats/", "orgs/", "events/", "search/"]
stop = False
def fetch():
    while not stop:
        for p in pages:
            try:
                urllib.request.urlopen(site + p, timeout=30).read()
            except Exception:
                pass
threads = [threading.Thread(target=fetch) for _ in range(4)]
for t in threads:
    t.start()
name = sorted(f for f in os.listdir(lists) if f.endswith(".yaml"))[0]
path = os.path.join(lists, name)
text = open(path, encoding="utf-8").read()
for i in range(5):
    open(path, "w", encoding="utf-8").write(text.replace("title: ", f"title: 第{i}次", 1))
    time.sleep(4)
stop = True
for t in threads:
    t.join()
PY
kill -TERM $pid
wait $pid
st=$?
if [ $st -ne 0 ] || grep -q "ThreadSanitizer" "$tmp/log"; then
	grep -A30 "ThreadSanitizer" "$tmp/log" | head -60
	echo "tsan-serve: status $st"
	exit 1
fi
echo "tsan-serve: no data race reported ($(grep -c 'pages ready' "$tmp/log") builds)"
