#!/usr/bin/env bash
# RBAC speed: `who-can` over every RBAC object of the corpus, and the 100,000-object set that the
# corpus' scale.py makes (who-can, every subject's effective permissions, and the full scan with its
# escalation-path search). Prints a table.
#
#   bench/rbac.sh [CORPUS] [RUNS]     (defaults: ../shared/corpus, 5)
#
# Needs python3 with PyYAML (to pick the RBAC objects out of the corpus) and GNU time; median of RUNS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
runs="${2:-5}"
bin="${BLASTWALL:-$root/target/release/blastwall}"
[ -x "$bin" ] || (cd "$root" && cargo build --release --locked >/dev/null)
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
python3 -c 'import yaml' 2>/dev/null || pip install -q pyyaml
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$corpus" >"$work/rbac.yaml" <<'PY'
import os, sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
kinds = {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount"}
found = []
for top, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
    for name in sorted(files):
        if not name.endswith((".yaml", ".yml", ".json")):
            continue
        try:
            with open(os.path.join(top, name), encoding="utf-8") as f:
                docs = list(yaml.load_all(f, Loader=loader))
        except Exception:
            continue  # files blastwall reports as unreadable are not RBAC input here
        for doc in docs:
            items = doc.get("items") if isinstance(doc, dict) and str(doc.get("kind", "")).endswith("List") else [doc]
            found += [d for d in items or [] if isinstance(d, dict) and d.get("kind") in kinds]
yaml.safe_dump_all(found, sys.stdout)
PY
python3 "$corpus/scale.py" --input "$corpus" --target-objects 100000 --out "$work/100k.yaml" --dedupe --no-crds >/dev/null 2>&1

# measure ARGS...: median wall seconds and peak RSS (KiB) of RUNS runs.
measure() {
  : >"$work/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$bin" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/t" >>"$work/times"
  done
  sort -n "$work/times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%s | %d", $1, $2 / 1024 }'
}
count() { grep -c '^kind:' "$1"; }

echo "| measurement | input | wall (s) | peak memory (MiB) |"
echo "|---|---|---:|---:|"
echo "| \`who-can get secrets -A\`, corpus RBAC objects | $(count "$work/rbac.yaml") objects | $(measure who-can get secrets -A -f "$work/rbac.yaml") |"
echo "| \`who-can get secrets -A\`, scale.py set | $(grep -c '^---' "$work/100k.yaml") documents | $(measure who-can get secrets -A -f "$work/100k.yaml") |"
echo "| \`rbac --all -o json\` (every subject's effective permissions), scale.py set | $(grep -c '^---' "$work/100k.yaml") documents | $(measure rbac --all -o json "$work/100k.yaml") |"
echo "| \`scan\` (all rules, escalation paths of every account), scale.py set | $(stat -c %s "$work/100k.yaml" | awk '{ printf "%.0f MB", $1 / 1e6 }') | $(measure scan "$work/100k.yaml" -o json) |"
