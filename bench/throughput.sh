#!/usr/bin/env bash
# blastwall's own speed on the shared corpus: the directory scan on all cores, single-threaded throughput
# on the concatenated corpus, and peak memory against input size. Prints a Markdown table.
#
#   bench/throughput.sh [CORPUS] [RUNS]     (defaults: ../shared/corpus, 5)
#
# Uses target/release/blastwall (built if missing) and GNU time; reports the median of RUNS runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
runs="${2:-5}"
bin="${BLASTWALL:-$root/target/release/blastwall}"
[ -x "$bin" ] || (cd "$root" && cargo build --release --locked >/dev/null)
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

concat="$work/all.yaml"
"$corpus/build-all.sh" "$concat" >/dev/null
corpus_bytes=$(find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
concat_bytes=$(stat -c %s "$concat")

# measure NAME ARGS...: median wall seconds, median peak RSS (KiB) and CPU% of RUNS runs.
measure() {
  local name=$1; shift
  : >"$work/$name.times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M %P' -o "$work/t" "$bin" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/t" >>"$work/$name.times"
  done
  sort -n "$work/$name.times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $1, $2, $3 }'
}

# --no-render: the corpus's Kustomize folders would otherwise be rendered by kubectl, which this does not measure.
read -r dir_s dir_kb dir_cpu < <(measure dir scan --no-render "$corpus" -o json)
read -r one_s one_kb one_cpu < <(measure one scan -j 1 "$concat" -o json)

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
echo "| measurement | input | wall (s) | peak memory (MiB) | memory / input | CPU | throughput |"
echo "|---|---|---:|---:|---:|---:|---:|"
awk -v s="$dir_s" -v kb="$dir_kb" -v cpu="$dir_cpu" -v b="$corpus_bytes" 'BEGIN {
  printf "| corpus directory, all cores | %.1f MB | %.2f | %.0f | %.1fx | %s | %.0f MB/s |\n", b/1e6, s, kb/1024, kb*1024/b, cpu, b/1e6/s }'
awk -v s="$one_s" -v kb="$one_kb" -v cpu="$one_cpu" -v b="$concat_bytes" 'BEGIN {
  printf "| concatenated corpus, `-j 1` | %.1f MB | %.2f | %.0f | %.1fx | %s | %.0f MB/s |\n", b/1e6, s, kb/1024, kb*1024/b, cpu, b/1e6/s }'
echo
echo "median of $runs runs; $(nproc) cores; $("$bin" --version); corpus $(mb "$corpus_bytes") MB"
