#!/usr/bin/env python3
"""The layer rule of src/ (docs/architecture.md): the folders are stages,

    base read model derive mustache site out cmd

and a file includes only headers of its own folder or of the folders
before it. Also: every .c and .h is in one of those folders, and no two
headers share a name (includes are by bare name, `-I` per folder).

usage: tools/layers.py [SRC_DIR]   prints one line per violation and ends
with "layers: N passed, N failed" (one test per file); exit 1 on failure.
"""
import os
import re
import sys

ORDER = ["base", "read", "model", "derive", "mustache", "site", "out", "cmd"]
src = sys.argv[1] if len(sys.argv) > 1 else "src"
rank = {name: i for i, name in enumerate(ORDER)}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

home = {}   # header name -> folder
files = []  # (folder, path)
passed = failed = 0


def fail(path, why):
    global failed
    failed += 1
    print(f"FAIL {path}: {why}")


for entry in sorted(os.listdir(src)):
    path = os.path.join(src, entry)
    if os.path.isfile(path) and entry.endswith((".c", ".h")):
        fail(path, "a source file outside the stage folders; move it into one of " + " ".join(ORDER))
        continue
    if not os.path.isdir(path):
        continue
    if entry not in rank:
        fail(path, "not a stage folder; the folders are " + " ".join(ORDER))
        continue
    for name in sorted(os.listdir(path)):
        if not name.endswith((".c", ".h")):
            continue
        files.append((entry, os.path.join(path, name)))
        if name.endswith(".h"):
            if name in home:
                fail(os.path.join(path, name), f"a header of the same name is in {home[name]}/")
            home[name] = entry

for folder, path in files:
    bad = []
    for inc in INCLUDE.findall(open(path, encoding="utf-8").read()):
        name = os.path.basename(inc)
        if name not in home:
            continue  # generated or outside src/ (cmark.h, yaml.h)
        if rank[home[name]] > rank[folder]:
            bad.append(f"includes {home[name]}/{name}, a later stage than {folder}/")
    if bad:
        fail(path, "; ".join(bad))
    else:
        passed += 1

print(f"layers: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
