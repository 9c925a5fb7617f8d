#!/usr/bin/env python3
"""qingdan against Hugo on the same corpora, in one run (`make bench`).

For each corpus (1k, 10k and 100k needs, and 4,000 plain pages) both tools
build the same records, alternating (qingdan, Hugo, qingdan, Hugo, ...),
several runs each, writing to tmpfs (/dev/shm) so that the disk's file
creation cost does not hide the tools' own; one run of each on the disk is
reported beside. Before every timed run the input is read once, untimed,
so neither tool pays for a cold page cache. Each output in tmpfs is
removed right after its run is measured (see bench_corpus for why).

Prints medians of wall time, CPU time (user+system) and peak RSS, the
ratios, pages and bytes written, and writes bench/RESULTS.md.

  bench/run.py [--quick] [--no-hugo-100k]
      --quick: fewer runs, no 100k corpus
      --no-hugo-100k: qingdan alone at 100k (Hugo takes some 8 minutes there)
"""
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
QINGDAN = os.path.join(ROOT, "qingdan")
# "today" for qingdan's builds: the corpus's newest lists (2025) are still
# open, as on a live site, so matching and the open-needs figures have
# work to do (with today's date every generated deadline is past)
os.environ.setdefault("SOURCE_DATE_EPOCH", "1751328000")  # 2025-07-01
TMP = "/dev/shm/qingdan-bench" if os.path.isdir("/dev/shm") else os.path.join(ROOT, "bench", "out", "tmp")
DISK = os.path.join(ROOT, "bench", "out", "disk")
QUICK = "--quick" in sys.argv
NO_HUGO_100K = "--no-hugo-100k" in sys.argv


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def warm(path):
    """Read every input file once, so the timed run does not."""
    for d, _, files in os.walk(path):
        for f in files:
            with open(os.path.join(d, f), "rb") as fh:
                while fh.read(1 << 20):
                    pass


def timed(cmd, cwd):
    """Run cmd under /usr/bin/time; return (wall s, cpu s, peak RSS KB)."""
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *cmd], cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    user, system, rss = r.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss)


def tree_size(path):
    files = size = 0
    for d, _, fs in os.walk(path):
        for f in fs:
            files += 1
            size += os.path.getsize(os.path.join(d, f))
    return files, size


def build_cmd(tool, corpus, out):
    if tool == "qingdan":
        return [QINGDAN, "build", "--quiet", "--content", os.path.join(corpus, "qingdan", "content"),
                "--output", out], corpus
    return ["hugo", "--quiet", "--destination", out], os.path.join(corpus, "hugo")


def incremental(corpus, out):
    """Edit one need, build again into the same output (the previous
    output's unchanged files, workbooks included, are kept): qingdan's
    report and the rebuild's wall time."""
    lst = os.path.join(corpus, "qingdan", "content", "lists", "l0.yaml")
    text = open(lst, encoding="utf-8").read()
    open(lst, "w", encoding="utf-8").write(text.replace("项目\n", "项目（修订）\n", 1))
    t0 = time.perf_counter()
    r = subprocess.run([QINGDAN, "build", "--content", os.path.join(corpus, "qingdan", "content"),
                        "--output", out], stderr=subprocess.PIPE, text=True, check=True)
    wall = time.perf_counter() - t0
    open(lst, "w", encoding="utf-8").write(text)
    return [l for l in r.stderr.splitlines() if "written" in l][-1] + f"; {wall:.3f} s", wall


def bench_corpus(name, gen_args, runs):
    corpus = os.path.join(TMP, name)
    shutil.rmtree(corpus, ignore_errors=True)
    sh([sys.executable, os.path.join(HERE, "gen.py"), *gen_args, corpus])
    res = {"qingdan": [], "hugo": []}
    row = {"corpus": name}
    for i in range(runs[0] + runs[1]):
        for tool in ("qingdan", "hugo"):
            if len(res[tool]) >= runs[0 if tool == "qingdan" else 1]:
                continue
            out = os.path.join(corpus, f"out-{tool}-{i}")
            cmd, cwd = build_cmd(tool, corpus, out)
            warm(os.path.join(corpus, "qingdan" if tool == "qingdan" else "hugo"))
            res[tool].append(timed(cmd, cwd))
            if i == 0:
                row[tool] = dict(zip(("files", "bytes"), tree_size(out)))
                if tool == "qingdan" and name.startswith("needs"):
                    row["incremental"], row["incremental_wall"] = incremental(corpus, out)
            # Remove each output at once: on this machine, creating files
            # in tmpfs slows down by half once about a gigabyte of earlier
            # outputs is kept there (the 100k outputs are 1 GB each), while
            # removing a tree in tmpfs leaves the next run's speed as it was.
            shutil.rmtree(out, ignore_errors=True)
    for tool in ("qingdan", "hugo"):
        if not res[tool]:
            row.setdefault(tool, {})
            continue
        walls, cpus, rsss = zip(*res[tool])
        row[tool].update({"wall": statistics.median(walls), "cpu": statistics.median(cpus),
                          "rss": statistics.median(rsss), "runs": len(walls)})
    return row, corpus


def disk_runs(corpus):
    """One build of each tool written to the disk, for the record."""
    row = {}
    for tool in ("qingdan", "hugo"):
        out = os.path.join(DISK, tool)
        shutil.rmtree(out, ignore_errors=True)
        time.sleep(1)
        cmd, cwd = build_cmd(tool, corpus, out)
        warm(os.path.join(corpus, tool))
        row[tool] = timed(cmd, cwd)
    return row


def fmt_row(r):
    q, h = r["qingdan"], r["hugo"]
    if "wall" not in h:  # Hugo not run on this corpus
        return (f"| {r['corpus']} | {q['files']:,} / - | {q['bytes'] / 1e6:.1f} / - | {q['wall']:.3f} | - | - | "
                f"{q['cpu']:.2f} | - | {q['rss'] / 1024:.0f} | - | - | {q['files'] / q['wall']:,.0f} | {q['runs']}+0 |")
    return (f"| {r['corpus']} | {q['files']:,} / {h['files']:,} | {q['bytes'] / 1e6:.1f} / {h['bytes'] / 1e6:.1f} | "
            f"{q['wall']:.3f} | {h['wall']:.3f} | **{h['wall'] / q['wall']:.1f}x** | "
            f"{q['cpu']:.2f} | {h['cpu']:.2f} | {q['rss'] / 1024:.0f} | {h['rss'] / 1024:.0f} | "
            f"**{q['rss'] / h['rss']:.3f}** | {q['files'] / q['wall']:,.0f} | {q['runs']}+{h['runs']} |")


HEADER = ("| corpus | pages (q / h) | MB written (q / h) | qingdan wall s | Hugo wall s | speed-up | "
          "qingdan CPU s | Hugo CPU s | qingdan RSS MB | Hugo RSS MB | RSS ratio | qingdan pages/s | runs |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    qd = subprocess.run([QINGDAN, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB; "
            f"output on tmpfs ({TMP}); {qd}, Hugo {hugo}")


def step_times(corpus, steps=("match", "stats"), runs=3):
    """Median wall time of some of qingdan's steps (`--timings`), in ms."""
    got = {st: [] for st in steps}
    out = os.path.join(TMP, "steps")
    for _ in range(runs):
        r = subprocess.run([QINGDAN, "build", "--quiet", "--timings", "--content",
                            os.path.join(corpus, "qingdan", "content"), "--output", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        for line in r.stderr.splitlines():
            m = re.match(r"qingdan: (\S+)\s+([0-9.]+) ms\b", line)
            if m and m[1] in got:
                got[m[1]].append(float(m[2]))
        shutil.rmtree(out, ignore_errors=True)
    return {st: statistics.median(v) for st, v in got.items() if v}


def search_cost(corpus, runs=5):
    """Median wall time of qingdan's build with its search index and
    without (--no-search), alternating, and their ratio."""
    content = os.path.join(corpus, "qingdan", "content")
    walls = {"with": [], "without": []}
    for i in range(runs):
        for kind in ("with", "without"):
            out = os.path.join(TMP, "search-cost")
            cmd = [QINGDAN, "build", "--quiet", "--content", content, "--output", out]
            if kind == "without":
                cmd.insert(2, "--no-search")
            warm(content)
            walls[kind].append(timed(cmd, None)[0])
            shutil.rmtree(out, ignore_errors=True)
    w, wo = statistics.median(walls["with"]), statistics.median(walls["without"])
    return w, wo


def search_web(corpus):
    """The search in a browser on the built corpus: every 1-4 character
    substring of every title against a recount (tests/browser/search.mjs),
    and a first query's downloads (bench/search_payload.mjs)."""
    content = os.path.join(corpus, "qingdan", "content")
    root = os.path.join(TMP, "search-root")
    site = os.path.join(root, "bench")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    sh([QINGDAN, "build", "--quiet", "--content", content, "--output", site], stderr=subprocess.DEVNULL)
    dump = subprocess.run([QINGDAN, "dump", "--quiet", "--content", content], capture_output=True, check=True).stdout
    texts = os.path.join(TMP, "search-texts.json")
    with open(os.path.join(TMP, "search-dump.json"), "wb") as f:
        f.write(dump)
    with open(texts, "wb") as f:
        f.write(subprocess.run([sys.executable, os.path.join(ROOT, "tests", "site", "search_texts.py"),
                                os.path.join(TMP, "search-dump.json")], capture_output=True, check=True).stdout)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(site, "search")) for f in fs)
    nfiles = sum(len(fs) for _, _, fs in os.walk(os.path.join(site, "search"))) - 1
    port = 8700 + os.getpid() % 200
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        base = f"http://127.0.0.1:{port}/bench/"
        exact = subprocess.run(["node", os.path.join(ROOT, "tests", "browser", "search.mjs"), base, texts],
                               capture_output=True, text=True, cwd=ROOT)
        pay = subprocess.run(["node", os.path.join(HERE, "search_payload.mjs"), base, texts],
                             capture_output=True, text=True, cwd=ROOT)
    finally:
        server.terminate()
        shutil.rmtree(root, ignore_errors=True)
    exact_lines = [l for l in exact.stdout.splitlines() if "queries:" in l or l.startswith("search:")]
    return {"bytes": size, "files": nfiles, "exact": exact_lines, "exact_ok": exact.returncode == 0,
            "payload": pay.stdout.strip(), "payload_err": pay.stderr.strip()[-2000:]}


def free_port():
    import socket
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def serve_latency(corpus, edits=5):
    """One need's title edited while a preview server runs, `edits` times,
    each server in turn: qingdan serve, then hugo server (in memory, its
    live reload). bench/serve_latency.mjs measures, in headless Chromium,
    from the saved file to the open page showing the edit."""
    import urllib.error
    import urllib.request
    hugo_file = os.path.join(corpus, "hugo", "content", "needs", "l0-1.md")
    title = re.search(r'^title: "(.*)"$', open(hugo_file, encoding="utf-8").read(), re.M).group(1)
    servers = {
        "qingdan": (lambda port: [QINGDAN, "serve", "--port", str(port), "--content",
                                  os.path.join(corpus, "qingdan", "content")], corpus,
                    "lists/l0/1.html", os.path.join(corpus, "qingdan", "content", "lists", "l0.yaml")),
        "hugo": (lambda port: ["hugo", "server", "--port", str(port), "--bind", "127.0.0.1", "--baseURL",
                               f"http://127.0.0.1:{port}/bench/", "--appendPort=false"],
                 os.path.join(corpus, "hugo"), "needs/l0-1/", hugo_file),
    }
    res = {}
    for tool, (cmd, cwd, page, edited) in servers.items():
        port = free_port()
        log = open(os.path.join(TMP, f"serve-{tool}.log"), "w+")
        proc = subprocess.Popen(cmd(port), cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/bench/{page}"
        try:
            for _ in range(1200):
                try:
                    urllib.request.urlopen(url, timeout=5).read()
                    break
                except (urllib.error.URLError, ConnectionError, OSError):
                    time.sleep(0.1)
            time.sleep(2)
            r = subprocess.run(["node", os.path.join(HERE, "serve_latency.mjs"), url, edited, title, str(edits)],
                               capture_output=True, text=True, cwd=ROOT)
            res[tool] = json.loads(r.stdout.strip().splitlines()[-1]) if r.returncode == 0 else {"error": r.stderr[-500:]}
        finally:
            proc.terminate()
            proc.wait()
        log.seek(0)
        ready = [int(m) for m in re.findall(r"pages ready in (\d+) ms \(1 files read again", log.read())]
        if ready:
            res[tool]["ready"] = statistics.median(ready)
        log.close()
    return res


def main():
    os.makedirs(TMP, exist_ok=True)
    runs = (3, 3) if QUICK else (5, 5)
    corpora = [("needs-1k", ["needs", "1000", "1"], runs),
               ("needs-10k", ["needs", "10000", "1"], runs),
               ("plain-4000", ["plain", "4000", "1"], runs)]
    if not QUICK:
        corpora.append(("needs-100k", ["needs", "100000", "1"], (3, 0 if NO_HUGO_100K else 1)))
    rows, disk, steps, cost, web, serving = [], None, [], None, None, None
    for name, args, r in corpora:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        row, corpus = bench_corpus(name, args, r)
        rows.append(row)
        if name == "needs-10k":
            disk = disk_runs(corpus)
            print("bench: search on needs-10k ...", file=sys.stderr, flush=True)
            cost = search_cost(corpus)
            web = search_web(corpus)
            print("bench: serve on needs-10k ...", file=sys.stderr, flush=True)
            serving = serve_latency(corpus)
        if name in ("needs-10k", "needs-100k"):
            t = step_times(corpus)
            steps.append(f"{name}, steps of the build (`--timings`, median of 3): matching (derive/match.c) "
                         f"{t.get('match', float('nan')):.1f} ms, statistics (derive/stats.c) "
                         f"{t.get('stats', float('nan')):.1f} ms")
    print(machine())
    print(HEADER)
    for r in rows:
        print(fmt_row(r))
    by = {r["corpus"]: r for r in rows}
    lines = []
    if disk:
        q, h = disk["qingdan"], disk["hugo"]
        lines.append(f"10k on disk (one run each): qingdan {q[0]:.3f} s, Hugo {h[0]:.3f} s, "
                     f"speed-up {h[0] / q[0]:.1f}x")
    if "needs-100k" in by:
        a, b = by["needs-10k"]["qingdan"], by["needs-100k"]["qingdan"]
        lines.append(f"100k / 10k (qingdan): wall {b['wall'] / a['wall']:.1f}x, "
                     f"peak RSS {b['rss'] / a['rss']:.1f}x (linear would be 10x)")
    lines += steps
    for r in rows:
        if "incremental" in r:
            lines.append(f"{r['corpus']}, one need edited, rebuilt into the same output: {r['incremental']}")
    targets = []
    search_md = ""
    if cost and web:
        w, wo = cost
        lines.append(f"10k, search index: {web['files']:,} files, {web['bytes'] / 1e6:.1f} MB; build with it "
                     f"{w:.3f} s, without (`--no-search`) {wo:.3f} s (medians of 5, alternating): "
                     f"+{(w / wo - 1) * 100:.0f} %")
        summary = {}
        try:
            summary = json.loads(web["payload"].splitlines()[-1])
        except (ValueError, IndexError):
            pass
        search_md = ("\n## Search on the 10k corpus\n\nExhaustive test (tests/browser/search.mjs: every 1-4 character "
                     "substring of every title, and the other kinds of query, against a recount from `qingdan dump`): "
                     + "; ".join(web["exact"]) + "\n\nA first query on an empty cache, everything the browser "
                     "downloaded until the results showed (bench/search_payload.mjs, the browser's network log), and "
                     "query times on a cached index with the CPU slowed 4x:\n\n" + web["payload"].rsplit("\n", 1)[0]
                     + "\n" + (f"\n(payload script failed: {web['payload_err']})\n" if not summary else ""))
        targets.append(f"| search: indexing adds at most 25 % to the build | +{(w / wo - 1) * 100:.0f} % | "
                       f"{'yes' if w / wo <= 1.25 else '**no**'} |")
        targets.append(f"| search: exhaustive substring test on 10k, no misses, no false results | "
                       f"{web['exact'][0] if web['exact'] else 'no result'} | {'yes' if web['exact_ok'] else '**no**'} |")
        if summary:
            targets.append(f"| search: a typical two-character first query downloads at most 100 KB | "
                           f"{summary['typical']['kb']} KB ({summary['typical']['q']}) | "
                           f"{'yes' if summary['typical']['kb'] <= 100 else '**no**'} |")
            targets.append(f"| search: any of the twenty most common pairs at most 150 KB | "
                           f"{summary['top20_max_kb']} KB ({summary['top20_max_q']}) | "
                           f"{'yes' if summary['top20_max_kb'] <= 150 else '**no**'} |")
            targets.append(f"| search: a query on a cached index under 50 ms, CPU 4x slower | "
                           f"{summary['slowest_ms']} ms at most | {'yes' if summary['slowest_ms'] < 50 else '**no**'} |")
    if serving:
        q, h = serving.get("qingdan", {}), serving.get("hugo", {})
        if "median" in q and "median" in h:
            lines.append(f"10k, one need's title edited while serving (bench/serve_latency.mjs, headless Chromium, "
                         f"save to the open page showing it, {len(q['ms'])} edits each): `qingdan serve` "
                         f"{', '.join(map(str, q['ms']))} ms (median {q['median']}; its pages ready after "
                         f"{q.get('ready', float('nan')):.0f} ms), `hugo server` {', '.join(map(str, h['ms']))} ms "
                         f"(median {h['median']}): {h['median'] / q['median']:.1f}x")
            targets.append(f"| serve: one edit at 10k, in the browser within 250 ms | {q['median']} ms "
                           f"(Hugo {h['median']} ms) | {'yes' if q['median'] <= 250 else '**no**'} |")
        else:
            lines.append(f"serve measurement failed: {serving}")
    if "needs-10k" in by:
        r = by["needs-10k"]
        sp, rss = r["hugo"]["wall"] / r["qingdan"]["wall"], r["qingdan"]["rss"] / r["hugo"]["rss"]
        targets.append(f"| 10k needs: at least 20x faster than Hugo | {sp:.1f}x | {'yes' if sp >= 20 else '**no**'} |")
        targets.append(f"| 10k needs: peak RSS at most a quarter of Hugo's and under 100 MB | "
                       f"{rss:.3f} of Hugo's, {r['qingdan']['rss'] / 1024:.0f} MB | "
                       f"{'yes' if rss <= 0.25 and r['qingdan']['rss'] < 100 * 1024 else '**no**'} |")
    if "plain-4000" in by:
        r = by["plain-4000"]
        sp = r["hugo"]["wall"] / r["qingdan"]["wall"]
        targets.append(f"| plain 4,000 pages: at least 10x faster | {sp:.1f}x | {'yes' if sp >= 10 else '**no**'} |")
    if "needs-100k" in by:
        a, b = by["needs-10k"]["qingdan"], by["needs-100k"]["qingdan"]
        t = b["wall"] / a["wall"]
        targets.append(f"| 100k needs: at most 11x the 10k time | {t:.1f}x | {'yes' if t <= 11 else '**no**'} |")
        targets.append(f"| 100k needs: peak RSS at most 400 MB (4 MB per 1,000 needs) | {b['rss'] / 1024:.0f} MB | "
                       f"{'yes' if b['rss'] <= 400 * 1024 else '**no**'} |")
        inc = by["needs-100k"].get("incremental_wall")
        if inc:
            targets.append(f"| 100k needs: a rebuild after one edit at most 20 % of a full build | {inc:.2f} s, "
                           f"{inc / b['wall'] * 100:.0f} % | {'yes' if inc <= 0.2 * b['wall'] else '**no**'} |")
    for l in lines:
        print(l)
    for t in targets:
        print(t)
    with open(os.path.join(HERE, "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write("# Benchmark results\n\n")
        f.write("Produced by `make bench` (bench/run.py, reproduce with that command); medians of the runs shown. "
                "Speed-up is Hugo's wall time over qingdan's; RSS ratio is qingdan's peak RSS over Hugo's.\n\n")
        f.write(f"Machine: {machine()}\n\n{HEADER}\n")
        for r in rows:
            f.write(fmt_row(r) + "\n")
        f.write("\n" + "\n".join(f"- {l}" for l in lines) + "\n")
        if targets:
            f.write("\n## Against the targets\n\n| target | measured | met? |\n|---|---|---|\n")
            f.write("\n".join(targets) + "\n")
        f.write(search_md)
        extra = os.path.join(HERE, "RESULTS-notes.md")
        if os.path.exists(extra):
            f.write("\n" + open(extra, encoding="utf-8").read())
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
