#!/usr/bin/env bash
# Builds the test bed's binaries (kube-apiserver, kube-controller-manager, kubectl, etcd) as upstream's release builds do
# (CGO_ENABLED=0, -trimpath, -s -w, the version stamped by ldflags) into a cache folder outside the
# repository, keyed by the versions and the Go version; reuses what is already there. Prints the folder.
#
#   tools/testbed/build.sh
#
# The cache is $BLASTWALL_TESTBED_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/blastwall-testbed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$here/versions.env"
command -v go >/dev/null || { echo "testbed: Go is not installed (go 1.26 or newer is needed)" >&2; exit 1; }
go_version="$(go env GOVERSION)"
cache="${BLASTWALL_TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/blastwall-testbed}"
out="$cache/kube-$KUBE_VERSION-etcd-$ETCD_VERSION-$go_version"
mkdir -p "$out"
export CGO_ENABLED=0 GOFLAGS=-mod=readonly
log() { echo "testbed: $*" >&2; }

# Kubernetes stamps its version with ldflags; the build date is the release's own time, so builds repeat.
kube_ldflags() {
  local time major minor
  time="$(cd "$here/kube" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)"
  major="${KUBE_VERSION#v}"; major="${major%%.*}"
  minor="${KUBE_VERSION#v*.}"; minor="${minor%%.*}"
  local flags="-s -w"
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    flags+=" -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=archive -X $pkg.buildDate=$time"
  done
  echo "$flags"
}

build() { # NAME MODULE_DIR PACKAGE LDFLAGS
  local name=$1 dir=$2 package=$3 ldflags=$4
  if [ -x "$out/$name" ]; then return; fi
  log "building $name ($package) into $out (a few minutes the first time)"
  local started=$SECONDS
  (cd "$dir" && go build -trimpath -ldflags "$ldflags" -o "$out/$name.partial" "$package")
  mv "$out/$name.partial" "$out/$name"
  log "built $name in $((SECONDS - started)) s"
}

build etcd "$here/etcd" . "-s -w"
build kube-apiserver "$here/kube" k8s.io/kubernetes/cmd/kube-apiserver "$(kube_ldflags)"
build kube-controller-manager "$here/kube" k8s.io/kubernetes/cmd/kube-controller-manager "$(kube_ldflags)"
build kubectl "$here/kube" k8s.io/kubernetes/cmd/kubectl "$(kube_ldflags)"
echo "$out"
