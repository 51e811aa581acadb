#!/usr/bin/env bash
# NetworkPolicy speed: `connlist` on synthetic clusters of 10,000 workloads and 2,000 NetworkPolicies made by
# bench/netpol-gen.py: one where every namespace has a default deny (zero trust), and one where 20 of the 200
# namespaces have no policy at all (their 1,000 pods are open both ways, so about two million connections
# are allowed). Prints a table; median of RUNS runs.
#
#   bench/netpol.sh [RUNS]     (default 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
bin="${BLASTWALL:-$root/target/release/blastwall}"
[ -x "$bin" ] || (cd "$root" && cargo build --release --locked >/dev/null)
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$root/bench/netpol-gen.py" 10000 2000 200 0 >"$work/closed.yaml"
python3 "$root/bench/netpol-gen.py" 10000 2000 200 20 >"$work/open.yaml"

# measure ARGS...: median wall seconds and peak RSS (MiB) of RUNS runs, and the output's line count.
measure() {
  : >"$work/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$bin" "$@" >"$work/out" 2>/dev/null || true
    tail -n 1 "$work/t" >>"$work/times"
  done
  sort -n "$work/times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%s | %d", $1, $2 / 1024 }'
}
lines() { wc -l <"$work/out" | tr -d ' '; }

echo "| measurement | connections | wall (s) | peak memory (MiB) |"
echo "|---|---:|---:|---:|"
for set in closed open; do
  for format in text json; do
    figures="$(measure connlist "$work/$set.yaml" -o "$format")"
    count="$("$bin" connlist "$work/$set.yaml" | wc -l | tr -d ' ')"
    echo "| \`connlist -o $format\`, $set set | $count | $figures |"
  done
done
