#!/usr/bin/env bash
# Load on `blastwall serve` (loopback only, bounded in count and time): oha drives /validate over HTTPS with
# a realistic AdmissionReview (a Deployment of three containers, one with medium findings, so the answer
# carries warnings) at 1, 16 and 64 connections for DURATION each; then a fixed rate of 2,000 requests a
# second for the tail latency; then REQUESTS requests at 64 connections while the server's memory is sampled.
#
#   bench/webhook.sh [DURATION] [REQUESTS]     (defaults: 10s, 1000000)
#
# Installs oha (crates.io) into ~/.cache/blastwall-bench when missing; needs openssl and python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-10s}"
requests="${2:-1000000}"
oha_version=1.16.0
oha_root="${XDG_CACHE_HOME:-$HOME/.cache}/blastwall-bench/oha-$oha_version"
oha="$oha_root/bin/oha"
[ -x "$oha" ] || cargo install oha --version "$oha_version" --locked --root "$oha_root" -q
(cd "$root" && cargo build --release --locked -q)
bin="$root/target/release/blastwall"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" serve --listen "127.0.0.1:$port" --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" >/dev/null &
server=$!
for _ in $(seq 50); do curl -skf "https://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
url="https://127.0.0.1:$port/validate"

python3 - "$work/review.json" <<'EOF'
import json, sys
def container(name, image, hardened):
    c = {"name": name, "image": image, "ports": [{"containerPort": 8080, "protocol": "TCP"}],
         "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
         "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                             "capabilities": {"drop": ["ALL"]}},
         "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}},
         "env": [{"name": "MODE", "value": "production"}]}
    if not hardened:
        c["securityContext"] = {"allowPrivilegeEscalation": False}
    return c
deployment = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "shop", "namespace": "shop", "labels": {"app": "shop"}},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "shop"}}, "template": {
        "metadata": {"labels": {"app": "shop"}},
        "spec": {"serviceAccountName": "shop", "automountServiceAccountToken": False,
                 "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
                 "containers": [container("web", "registry.example/web:2.4.1", True),
                                container("api", "registry.example/api:7.0.2", True),
                                container("proxy", "registry.example/proxy:1.9.0", False)]}}}}
review = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
    "uid": "5b1c8e4e-2a63-4f3b-9d0e-6a9f4b1f2c11",
    "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
    "resource": {"group": "apps", "version": "v1", "resource": "deployments"},
    "namespace": "shop", "name": "shop", "operation": "CREATE",
    "userInfo": {"username": "system:serviceaccount:ci:deployer", "groups": ["system:serviceaccounts"]},
    "object": deployment, "oldObject": None, "dryRun": False,
    "options": {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions"}}}
json.dump(review, open(sys.argv[1], "w"))
EOF
# Every answer must be an admission with warnings, or the figures measure something else.
curl -sk "$url" -H 'content-type: application/json' --data-binary "@$work/review.json" |
  python3 -c 'import json, sys; r = json.load(sys.stdin)["response"]; assert r["allowed"] and r["warnings"], r'

run() { # ARGS...: one oha run, its summary as "requests/s p50 p99 success"
  "$oha" --no-tui --insecure --output-format json -m POST -H 'content-type: application/json' \
    -D "$work/review.json" "$@" "$url" >"$work/out.json"
  python3 - "$work/out.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
s, p = r["summary"], r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
print(f'{s["requestsPerSec"]:9.0f} req/s   p50 {p["p50"] * 1000:6.2f} ms   p99 {p["p99"] * 1000:6.2f} ms   '
      f'ok {s["successRate"] * 100:.2f}%   codes {codes}')
EOF
}
rss() { awk '/VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$server/status"; }

echo "blastwall serve on 127.0.0.1:$port, $(nproc) cores; body $(wc -c <"$work/review.json") bytes"
for c in 1 16 64; do
  printf 'saturation, %2d connections, %s:  ' "$c" "$duration"
  run -z "$duration" -c "$c"
done
printf 'fixed rate 2000/s, 16 connections, %s:  ' "$duration"
run -z "$duration" -c 16 -q 2000
echo "memory: $(rss) before $requests requests"
run -n "$requests" -c 64 >"$work/long.txt" &
load=$!
peak=0
while kill -0 "$load" 2>/dev/null; do
  now="$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")"
  [ "$now" -gt "$peak" ] && peak=$now
  sleep 1
done
wait "$load"
echo "$requests requests at 64 connections: $(cat "$work/long.txt")"
echo "memory: peak $((peak / 1024)) MiB during, $(rss) after"
