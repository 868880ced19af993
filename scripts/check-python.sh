#!/usr/bin/env bash
# Generates the Python bindings from the jsii assembly (.jsii; run `npx projen compile` first) with
# `jsii-pacmak --code-only` into a temporary folder outside the repository, then byte-compiles them with python3 and checks
# that the constructs and the API-group submodules are there. Building a wheel is not needed for this proof.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f .jsii ] || { echo "check-python: no .jsii assembly; run 'npx projen compile' first" >&2; exit 1; }
python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "check-python: $python not found" >&2; exit 1; }

out=$(mktemp -d -t cdk8s-istio-python-XXXXXX)
trap 'rm -rf "$out"' EXIT
"$root/node_modules/.bin/jsii-pacmak" --code-only --target python --outdir "$out"

pkg="$out/python/src/cdk8s_istio"
[ -f "$pkg/__init__.py" ] || { find "$out" -maxdepth 4; echo "check-python: no cdk8s_istio package generated" >&2; exit 1; }
for sub in networking_istio_io security_istio_io telemetry_istio_io extensions_istio_io gateway_networking_k8s_io; do
  [ -f "$pkg/$sub/__init__.py" ] || { echo "check-python: submodule $sub missing" >&2; exit 1; }
done
for cls in VirtualService DestinationRule AuthorizationPolicy MeshService ZeroTrustNamespace CanaryRelease SynthAnalysis; do
  grep -q "^class $cls(" "$pkg/__init__.py" || { echo "check-python: class $cls missing from cdk8s_istio" >&2; exit 1; }
done
"$python" -m compileall -q "$pkg" >/dev/null || { echo "check-python: the generated Python does not compile" >&2; exit 1; }
echo "check-python: jsii-pacmak generated cdk8s_istio ($(find "$pkg" -name '*.py' | wc -l) files) and $("$python" --version) compiles it"
