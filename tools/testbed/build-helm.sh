#!/usr/bin/env bash
# Builds the helm command the tests render deploy/helm/blastwall with (CGO_ENABLED=0, -trimpath) into a
# cache folder outside the repository, keyed by its version and the Go version; reuses it when present.
# Prints the binary's path.
#
#   tools/testbed/build-helm.sh
#
# The cache is $BLASTWALL_TESTBED_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/blastwall-testbed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v go >/dev/null || { echo "helm: Go is not installed (go 1.26 or newer is needed)" >&2; exit 1; }
version="$(cd "$here/helm" && go list -m -f '{{.Version}}' helm.sh/helm/v4)"
cache="${BLASTWALL_TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/blastwall-testbed}"
out="$cache/helm-$version-$(go env GOVERSION)"
if [ ! -x "$out/helm" ]; then
  mkdir -p "$out"
  echo "helm: building $version into $out (a minute or two the first time)" >&2
  started=$SECONDS
  (cd "$here/helm" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$version" -o "$out/helm.partial" helm.sh/helm/v4/cmd/helm)
  mv "$out/helm.partial" "$out/helm"
  echo "helm: built in $((SECONDS - started)) s" >&2
fi
echo "$out/helm"
