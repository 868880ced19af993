#!/usr/bin/env bash
# Runs `cdk8s synth` in examples/analysis-plugin, where cdk8s.yaml names MeshAnalysisPlugin:
# it must pass and log the IST0118 info; with failOn: info, the same app must fail the synth.
# Needs the compiled library (npx projen compile).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example="$root/examples/analysis-plugin"
cdk8s="$root/node_modules/.bin/cdk8s"

out=$(cd "$example" && "$cdk8s" synth --no-check-upgrade 2>&1) || { echo "$out"; echo "check-plugin: synth failed" >&2; exit 1; }
echo "$out" | grep -q "info IST0118 Service shop/catalog" || { echo "$out"; echo "check-plugin: the plugin did not log IST0118" >&2; exit 1; }
echo "$out" | grep -q "Validations ended succesfully" || { echo "$out"; echo "check-plugin: no validation report" >&2; exit 1; }

# A copy under build/ (git-ignored) resolves cdk8s and ts-node from the repository's node_modules.
strict="$root/build/check-plugin"
rm -rf "$strict" && mkdir -p "$strict"
trap 'rm -rf "$strict"' EXIT
cp "$example/main.ts" "$example/tsconfig.json" "$strict/"
sed -e "s#package: ./../..#package: $root#" -e "s#failOn: error#failOn: info#" "$example/cdk8s.yaml" > "$strict/cdk8s.yaml"
if out=$(cd "$strict" && "$cdk8s" synth --no-check-upgrade 2>&1); then
  echo "$out"; echo "check-plugin: with failOn: info the synth should have failed" >&2; exit 1
fi
echo "$out" | grep -q "IST0118 PortNameIsNotUnderNamingConvention" || { echo "$out"; echo "check-plugin: no IST0118 violation reported" >&2; exit 1; }
echo "check-plugin: MeshAnalysisPlugin runs under cdk8s synth, logs below failOn and fails at it"
