#!/usr/bin/env bash
# blastwall on a live cluster: starts a test bed (tools/testbed/up.sh), loads the built-in-kind objects of
# four renamed copies of the shared corpus into it (about 10,000), then times `blastwall scan --cluster` against `kubectl get` of the same kinds
# (`-A -o json`, what kubectl takes only to list them), each the median of RUNS runs with peak memory.
#
#   bench/live.sh [CORPUS] [RUNS]     (defaults: ../shared/corpus, 5)
#
# Needs Go (for the test bed), Python 3 with PyYAML (installed when missing) and GNU time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
runs="${2:-5}"
bin="$root/target/release/blastwall"
(cd "$root" && cargo build --release --locked -q)
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml
work="$(mktemp -d)"
trap '"$root/tools/testbed/down.sh" "$work/bed" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$root/tools/testbed/up.sh" "$work/bed" >/dev/null
export KUBECONFIG="$work/bed/kubeconfig"
kubectl="$work/bed/bin/kubectl"

# Renamed copies of the corpus (namespaces renamed consistently): about 17,000 objects of built-in kinds, of
# which the API server keeps about 10,000 (the rest it refuses, as it would in a real cluster).
python3 "$corpus/scale.py" --input "$corpus" --target-objects 16000 --out "$work/scaled.yaml" >/dev/null
python3 "$root/bench/load-corpus.py" "$work/scaled.yaml" "$work" 4
"$kubectl" create -f "$work/namespaces.json" >/dev/null 2>&1 || true
# The controller-manager makes each namespace's default service account; pods need it.
sleep 5
for i in 0 1 2 3; do
  # Client-side validation would refuse a whole list for one bad item: the server judges each instead.
  "$kubectl" create --validate=false -f "$work/objects-$i.json" >/dev/null 2>"$work/errors-$i.log" &
done
wait || true
kinds="namespaces,pods,replicationcontrollers,services,endpoints,serviceaccounts,secrets,deployments,replicasets,statefulsets,daemonsets,jobs,cronjobs,networkpolicies,ingresses,endpointslices,roles,clusterroles,rolebindings,clusterrolebindings,poddisruptionbudgets,horizontalpodautoscalers"
loaded="$("$kubectl" get "$kinds" -A -o name | wc -l)"
refused="$(cat "$work"/errors-*.log | grep -c '^Error' || true)"
echo "the cluster holds $loaded objects of those kinds ($refused refused by the API server's validation or admission)"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
measure() { # NAME COMMAND...: median wall seconds and peak RSS of RUNS runs
  local name=$1; shift
  : >"$work/$name.times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/t" >>"$work/$name.times"
  done
  printf '| %s | %s | %s |\n' "$name" "$(cut -d' ' -f1 "$work/$name.times" | median)" \
    "$(( $(cut -d' ' -f2 "$work/$name.times" | median) / 1024 ))"
}
echo
echo "| command | wall (s) | peak memory (MiB) |"
echo "|---|---:|---:|"
measure "kubectl get (list only)" "$kubectl" get "$kinds" -A -o json
measure "blastwall scan --cluster" "$bin" scan --cluster -o json
