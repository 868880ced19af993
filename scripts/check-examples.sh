#!/usr/bin/env bash
# Synthesizes every example with the cdk8s CLI, twice: as written (main.ts imports the library's
# TypeScript source through ts-node) and against the jsii-compiled build/ (scripts/use-build.js
# redirects those imports), and compares both with the example's committed expected/ folder.
# examples/broken must FAIL, with exactly the findings in examples/broken/expected/findings.txt.
# examples/analysis-plugin is checked by check-plugin.sh (its cdk8s.yaml names the plugin).
#
#   bash scripts/check-examples.sh            check (needs `npx projen compile` for the second pass)
#   bash scripts/check-examples.sh --update   rewrite every expected/ from the source synth
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cdk8s="$root/node_modules/.bin/cdk8s"
update=false
[ "${1:-}" = "--update" ] && update=true
if ! $update && [ ! -f "$root/build/lib/index.js" ]; then
  echo "check-examples: no build/lib; run 'npx projen compile' first" >&2
  exit 1
fi

source_app="npx ts-node --transpile-only main.ts"
build_app="node -r $root/scripts/use-build.js -r ts-node/register/transpile-only main.ts"
# Output goes outside the repository: build/ ships in the npm package.
scratch=$(mktemp -d -t cdk8s-istio-examples-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
failed=0
fail() { echo "check-examples: $*" >&2; failed=1; }

# The "level id resource" of each finding a failed synth printed, as expected/findings.txt lists them.
findings() { sed -n -E 's/^ +\[[^]]*\] ((error|warning|info) [A-Z]+[0-9]* [A-Za-z]+ [^ ]+) .*/\1/p'; }

for dir in "$root"/examples/*/; do
  name=$(basename "$dir")
  [ -f "$dir/cdk8s.yaml" ] || continue
  [ "$name" = analysis-plugin ] && continue
  for variant in source build; do
    $update && [ $variant = build ] && continue
    app=$source_app; [ $variant = build ] && app=$build_app
    out="$scratch/$name-$variant"
    rm -rf "$out"
    if [ "$name" = broken ]; then
      if log=$(cd "$dir" && "$cdk8s" synth --no-check-upgrade --app "$app" --output "$out" 2>&1); then
        echo "$log"; fail "$name ($variant): synth passed, but the app is meant to fail"; continue
      fi
      if $update; then
        mkdir -p "$dir/expected" && echo "$log" | findings > "$dir/expected/findings.txt"
      elif ! diff -u "$dir/expected/findings.txt" <(echo "$log" | findings); then
        echo "$log" | tail -20; fail "$name ($variant): the synth failed with other findings than expected/findings.txt"; continue
      fi
      echo "check-examples: $name ($variant) fails as expected with $(wc -l < "$dir/expected/findings.txt") findings"
      continue
    fi
    if ! log=$(cd "$dir" && "$cdk8s" synth --no-check-upgrade --app "$app" --output "$out" 2>&1); then
      echo "$log"; fail "$name ($variant): synth failed"; continue
    fi
    if $update; then
      rm -rf "$dir/expected" && cp -r "$out" "$dir/expected"
      echo "check-examples: $name: expected/ rewritten"
    elif ! diff -ru "$dir/expected" "$out"; then
      fail "$name ($variant): the synthesized YAML differs from expected/ (run 'npx projen update-examples' if the change is intended)"
    else
      echo "check-examples: $name ($variant) synthesizes to expected/ ($(find "$out" -name '*.k8s.yaml' | wc -l) files)"
    fi
  done
done
exit $failed
