#!/usr/bin/env bash
# Starts the test bed in DIR: etcd, a real kube-apiserver on free loopback ports and the controllers that
# shape its answers (kube-controller-manager: ClusterRole aggregation, service accounts), with a CA, a serving
# certificate for 127.0.0.1, an admin client certificate (group system:masters) and a service-account key
# pair made by openssl. Authorization Node,RBAC; admission with PodSecurity, NodeRestriction and the webhook
# and admission-policy plugins. Builds the binaries first when the cache lacks them (tools/testbed/build.sh).
# Writes DIR/kubeconfig, DIR/ca.crt, DIR/ca.key and DIR/bin/kubectl; its last line is
# `export KUBECONFIG=DIR/kubeconfig`. tools/testbed/down.sh DIR stops what it started.
#
#   tools/testbed/up.sh DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$1"
dir="$(cd "$1" && pwd)"
log() { echo "testbed: $*" >&2; }
if [ -f "$dir/pids" ]; then
  log "$dir already holds a running test bed; stop it with tools/testbed/down.sh $dir"
  exit 1
fi

bin="$("$here/build.sh")"
started=$SECONDS
mkdir -p "$dir/bin" "$dir/pki" "$dir/logs"
cp "$bin/kubectl" "$dir/bin/kubectl"

# Certificates: one CA signs the serving certificate and the admin's client certificate.
pki="$dir/pki"
ssl() { openssl "$@" 2>>"$dir/logs/openssl.log"; }
ssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=blastwall-testbed-ca" \
  -keyout "$dir/ca.key" -out "$dir/ca.crt"
sign() { # NAME SUBJECT EXTENSIONS
  ssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$pki/$1.key" -out "$pki/$1.csr"
  printf '%s\n' "$3" >"$pki/$1.ext"
  ssl x509 -req -in "$pki/$1.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3 \
    -extfile "$pki/$1.ext" -out "$pki/$1.crt"
}
sign apiserver "/CN=kube-apiserver" "$(printf '%s\n' \
  "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc" \
  "extendedKeyUsage=serverAuth" "keyUsage=critical,digitalSignature,keyEncipherment")"
sign admin "/O=system:masters/CN=blastwall-testbed-admin" "$(printf '%s\n' \
  "extendedKeyUsage=clientAuth" "keyUsage=critical,digitalSignature,keyEncipherment")"
ssl genrsa -out "$pki/service-accounts.key" 2048
ssl rsa -in "$pki/service-accounts.key" -pubout -out "$pki/service-accounts.pub"

# Three free loopback ports: etcd's client and peer ports and the API server's.
read -r etcd_port peer_port api_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
')

: >"$dir/pids"
start() { # NAME COMMAND...: runs in its own session, logs to DIR/logs/NAME.log, pid in DIR/pids
  local name=$1; shift
  setsid "$@" >"$dir/logs/$name.log" 2>&1 < /dev/null &
  echo "$! $name" >>"$dir/pids"
}

start etcd "$bin/etcd" --name testbed --data-dir "$dir/etcd" --log-level warn --unsafe-no-fsync \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "testbed=http://127.0.0.1:$peer_port"

start kube-apiserver "$bin/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
  --cert-dir "$pki" --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --client-ca-file "$dir/ca.crt" --anonymous-auth=false \
  --authorization-mode Node,RBAC \
  --enable-admission-plugins NodeRestriction,PodSecurity,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy \
  --service-account-issuer https://kubernetes.default.svc \
  --service-account-key-file "$pki/service-accounts.pub" \
  --service-account-signing-key-file "$pki/service-accounts.key" \
  --service-cluster-ip-range 10.96.0.0/16 --allow-privileged=true --profiling=false \
  --endpoint-reconciler-type none

server="https://127.0.0.1:$api_port"
cat >"$dir/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: blastwall-testbed
  cluster:
    server: $server
    certificate-authority: $dir/ca.crt
users:
- name: blastwall-testbed-admin
  user:
    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key
contexts:
- name: blastwall-testbed
  context: {cluster: blastwall-testbed, user: blastwall-testbed-admin}
current-context: blastwall-testbed
KUBECONFIG

# wait_for WHAT COMMAND...: runs COMMAND until it succeeds (up to 120 s); a process that exits meanwhile, or
# the time running out, stops the test bed and ends the script with the log.
wait_for() {
  local what=$1; shift
  for _ in $(seq 1200); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    while read -r pid name; do
      if ! kill -0 "$pid" 2>/dev/null; then
        log "$name exited while waiting for $what; the end of its log:"
        tail -n 20 "$dir/logs/$name.log" >&2
        "$here/down.sh" "$dir" >&2
        exit 1
      fi
    done <"$dir/pids"
    sleep 0.1
  done
  log "no $what after 120 s; the end of the API server's log:"
  tail -n 20 "$dir/logs/kube-apiserver.log" >&2
  "$here/down.sh" "$dir" >&2
  exit 1
}

wait_for "ready API server" curl -sf --max-time 2 --cacert "$dir/ca.crt" --cert "$pki/admin.crt" \
  --key "$pki/admin.key" "$server/readyz"

# The controllers every cluster runs that decide what the API server answers: aggregated ClusterRoles
# (admin, edit, view), service accounts and their tokens, namespace deletion, garbage collection. No
# workload controllers: what is applied stays exactly what is there.
start kube-controller-manager "$bin/kube-controller-manager" \
  --kubeconfig "$dir/kubeconfig" --authentication-kubeconfig "$dir/kubeconfig" \
  --authorization-kubeconfig "$dir/kubeconfig" \
  --bind-address 127.0.0.1 --secure-port 0 --leader-elect=false \
  --controllers clusterrole-aggregation-controller,serviceaccount-controller,serviceaccount-token-controller,namespace-controller,garbage-collector-controller,root-ca-certificate-publisher-controller \
  --service-account-private-key-file "$pki/service-accounts.key" --root-ca-file "$dir/ca.crt" \
  --use-service-account-credentials=false
aggregated() { "$dir/bin/kubectl" --kubeconfig "$dir/kubeconfig" get clusterrole admin -o jsonpath='{.rules}' | grep -q verbs; }
wait_for "aggregated admin ClusterRole" aggregated

log "kube-apiserver $server ready in $((SECONDS - started)) s (logs in $dir/logs)"
echo "export KUBECONFIG=$dir/kubeconfig"
