#!/usr/bin/env bash
# Build the yaml-oracle helper (see README.md in this folder).
#
#   tools/yaml-oracle/build.sh [OUTPUT]
#
# OUTPUT defaults to target/yaml-oracle under the repository root; a relative
# OUTPUT is taken relative to the repository root too. Installs the Debian Go
# toolchain and the Go libraries it needs when they are missing. Prints the
# path of the built binary.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
gopath=/usr/share/gocode

out="${1:-target/yaml-oracle}"
case "$out" in
  /*) ;;
  *) out="$root/$out" ;;
esac

need_install=0
command -v go >/dev/null 2>&1 || need_install=1
[ -d "$gopath/src/sigs.k8s.io/yaml" ] || need_install=1
[ -d "$gopath/src/gopkg.in/yaml.v2" ] || need_install=1
[ -d "$gopath/src/golang.org/x/text/encoding/unicode" ] || need_install=1

if [ "$need_install" -eq 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "yaml-oracle: Go or its libraries are missing and this is not root;" >&2
    echo "install: golang-go golang-k8s-sigs-yaml-dev golang-golang-x-text-dev" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends \
    golang-go golang-k8s-sigs-yaml-dev golang-golang-x-text-dev >/dev/null
fi

# The Go build cache needs a writable home; fall back to /tmp without one.
if [ -z "${GOCACHE:-}" ] && { [ -z "${HOME:-}" ] || [ ! -w "${HOME:-/nonexistent}" ]; }; then
  export GOCACHE=/tmp/yaml-oracle-gocache
fi

mkdir -p "$(dirname "$out")"
(
  cd "$here"
  GO111MODULE=off GOPATH="$gopath" GOFLAGS= go build -trimpath -o "$out" .
)
echo "$out"
