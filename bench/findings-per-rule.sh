#!/usr/bin/env bash
# Findings per rule on a corpus (default ../shared/corpus), as a Markdown table: how noisy each rule is.
#   bench/findings-per-rule.sh [CORPUS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
bin="${BLASTWALL:-$root/target/release/blastwall}"
[ -x "$bin" ] || (cd "$root" && cargo build --release --locked >/dev/null)
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
"$bin" scan "$corpus" -o "json=$report" || [ $? -eq 1 ]
python3 - "$report" <<'PY'
import collections, json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
objects = collections.Counter()
count = collections.Counter()
meta = {}
for f in r["findings"]:
    name = f["rule"]["name"]
    count[name] += 1
    meta[name] = (f["rule"]["code"], f["severity"])
    if f["object"]:
        o = f["object"]
        objects[(name, f["location"]["file"], o["kind"], o["namespace"], o["name"])] += 1
per_rule_objects = collections.Counter(k[0] for k in objects)
print(f"{s['files']} files, {s['objects']} objects, {s['findings']} findings\n")
print("| rule | code | severity | findings | objects |")
print("|---|---|---|---:|---:|")
for name, n in count.most_common():
    code, sev = meta[name]
    print(f"| {name} | {code} | {sev} | {n} | {per_rule_objects.get(name, 0)} |")
PY
