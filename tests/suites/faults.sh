#!/bin/sh
# Faults (issue 15): a build killed with SIGKILL at random moments, 20
# times, on a 2,000-need site whose output has dot-files (.git,
# .well-known). After each kill the output must be exactly the previous
# build's or exactly the new one's (never a mix, never missing), dot-files
# included; the next build must succeed and leave no staging folder.
# Bounded: each build has a timeout, the kills come within its usual time.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1751328000
if [ -n "${QD_WRAP:-}" ]; then # forty 2,000-need builds under valgrind: hours
	echo "faults: skipped under '$QD_WRAP' (make check runs it with the sanitizers)"
	finish faults
	exit 0
fi
python3 bench/gen.py needs 2000 1 "$scratch/corpus" >/dev/null 2>&1 || { fail faults-corpus "gen.py failed"; finish faults; exit 1; }
python3 - "$QD" "$scratch" "${QD_WRAP:-}" >"$scratch/log" 2>&1 <<'PY'
import hashlib, os, random, shutil, subprocess, sys, time
qd, scratch, wrap = sys.argv[1], sys.argv[2], sys.argv[3].split()
content_a = os.path.join(scratch, "corpus", "qingdan", "content")
content_b = os.path.join(scratch, "content-b")
shutil.copytree(content_a, content_b, symlinks=True)
lst = os.path.join(content_b, "lists", "l0.yaml")
text = open(lst, encoding="utf-8").read()
open(lst, "w", encoding="utf-8").write(text.replace("title: ", "title: 改过的", 1))
out, ref_b = os.path.join(scratch, "out"), os.path.join(scratch, "ref-b")
parent = scratch

def build(content, dest, timeout=300):
    return subprocess.run(wrap + [qd, "build", "--quiet", "--content", content, "--output", dest],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)

def add_dotfiles(d):
    os.makedirs(os.path.join(d, ".git", "objects"), exist_ok=True)
    os.makedirs(os.path.join(d, ".well-known"), exist_ok=True)
    open(os.path.join(d, ".git", "HEAD"), "w").write("ref: refs/heads/main\n")
    open(os.path.join(d, ".well-known", "security.txt"), "w").write("contact: mailto:x@example.org\n")

def manifest(d):
    m = {}
    for root, dirs, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            m[os.path.relpath(p, d)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return m

def staging_left():
    return [e for e in os.listdir(parent) if ".staging-" in e]

bad = 0
def check(name, ok, why=""):
    global bad
    print(("ok " if ok else "FAIL ") + name + ("" if ok else ": " + why))
    bad += not ok

# the two states the output may be in: A (built, with dot-files) and B
# (A's dot-files carried into a build of the edited content)
r = build(content_a, out)
check("first build", r.returncode == 0, r.stderr.decode()[-500:])
add_dotfiles(out)
man_a = manifest(out)
r = build(content_b, ref_b)
add_dotfiles(ref_b)
man_b = manifest(ref_b)
check("the edit changes the output", man_a != man_b)
t0 = time.monotonic()
r = build(content_a, out)
full = time.monotonic() - t0
check("rebuild", r.returncode == 0 and manifest(out) == man_a)

seed = int(os.environ.get("FAULT_SEED", "20261130"))
rng = random.Random(seed)
print(f"seed {seed}, a build takes {full:.2f} s")
states = {"A": 0, "B": 0}
for i in range(20):
    p = subprocess.Popen(wrap + [qd, "build", "--quiet", "--content", content_b, "--output", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, full * 1.1))
    p.kill()
    p.wait()
    m = manifest(out) if os.path.isdir(out) else None
    state = "A" if m == man_a else "B" if m == man_b else None
    if state:
        states[state] += 1
    check(f"kill {i + 1}: the output is one whole build", state is not None,
          "missing" if m is None else f"{len(set(m.items()) ^ set(man_a.items()))} files differ from A, "
          f"{len(set(m.items()) ^ set(man_b.items()))} from B")
    r = build(content_a, out)
    check(f"kill {i + 1}: the next build succeeds", r.returncode == 0, r.stderr.decode()[-500:])
    check(f"kill {i + 1}: the output is whole again", os.path.isdir(out) and manifest(out) == man_a)
    check(f"kill {i + 1}: no staging folder left", not staging_left(), str(staging_left()))
print(f"killed 20 times: the output was the previous build {states['A']} times, the new one {states['B']} times")
sys.exit(1 if bad else 0)
PY
st=$?
grep '^FAIL' "$scratch/log"
passes=$(grep -c '^ok ' "$scratch/log")
t_pass=$((t_pass + passes))
t_fail=$((t_fail + $(grep -c '^FAIL' "$scratch/log")))
[ $st -eq 0 ] || [ "$(grep -c '^FAIL' "$scratch/log")" -gt 0 ] || fail faults-run "$(tail -5 "$scratch/log")"
grep '^seed\|^killed' "$scratch/log"
finish faults
