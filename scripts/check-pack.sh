#!/usr/bin/env bash
# Checks the npm tarball jsii-pacmak packed into dist/js (run `npx projen compile && npx projen package:js` first;
# CI runs it after the build): it ships the compiled library, its jsii assembly and the bundled runtime
# dependencies, and nothing else: no tests, no Istio corpora, no CEL conformance data, no TypeScript sources
# or source maps, no second copy of a bundled dependency. Prints the packed and unpacked size and fails above
# the limits (CHECK_PACK_MAX_PACKED_KB, CHECK_PACK_MAX_UNPACKED_KB).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# 1,600 kB: the package's size target (docs/performance.md). The validators generated ahead of time
# (build/imports/crd-validators.js) are minified and hold only the schema parts they read (~170 kB packed;
# 280 kB before): 1,564 kB.
max_packed_kb=${CHECK_PACK_MAX_PACKED_KB:-1600}
max_unpacked_kb=${CHECK_PACK_MAX_UNPACKED_KB:-16000}
tarball=$(ls "$root"/dist/js/cdk8s-istio@*.jsii.tgz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  echo "check-pack: no tarball in dist/js; run 'npx projen compile && npx projen package:js' first" >&2
  exit 1
fi

listing=$(mktemp -t cdk8s-istio-pack-XXXXXX)
trap 'rm -f "$listing"' EXIT
# path and size of every file (tar -tv: permissions owner size date time path).
tar -tvzf "$tarball" | awk '$1 !~ /^d/ { print $6, $3 }' | sed 's#^package/##' | sort > "$listing"
failed=0
fail() { echo "check-pack: $*" >&2; failed=1; }

# What must not ship, and why.
forbidden=(
  '^(test|examples|bench|docs|scripts|projenrc|\.ci|\.github|dist|coverage|test-reports)/:repository folders (tests, examples, tooling)'
  '^(lib|imports)/:TypeScript sources (the package ships build/)'
  '^build/check-plugin/:a leftover of scripts/check-plugin.sh'
  '(^|/)[^/]*\.ts :TypeScript sources (only .d.ts ships)'
  '\.map :source maps'
  '(^|/)(testdata|conformance|__tests__|benchmark)/:test data and conformance corpora'
  '^node_modules/.*/test/:tests of a bundled dependency'
  '^node_modules/@bufbuild/[^/]+/dist/esm/:the ES-module copy of a bundled dependency (cdk8s-istio loads dist/cjs)'
  '^node_modules/ajv/lib/:the TypeScript sources of ajv'
  '(^|/)[^/]*\.tgz :a tarball inside the tarball'
  '^build/imports/crd-schemas\.:the CRD schemas the validators were generated from (tests and the generator only)'
)
for entry in "${forbidden[@]}"; do
  pattern=${entry%%:*}; why=${entry#*:}
  hits=$(grep -E -- "$pattern" "$listing" || true)
  # The listing is `path size`: `.ts ` is a file ending in .ts; type declarations (.d.ts) ship.
  [ "$pattern" != '(^|/)[^/]*\.ts ' ] || hits=$(echo "$hits" | grep -v '\.d\.ts ' || true)
  if [ -n "$hits" ]; then
    fail "$why: $(echo "$hits" | wc -l) file(s), e.g. $(echo "$hits" | head -n 3 | cut -d' ' -f1 | paste -sd' ' -)"
  fi
done

# What must ship.
for required in package.json README.md LICENSE .jsii build/lib/index.js build/lib/index.d.ts build/lib/analysis/cli.js \
  build/imports/crd-validators.js node_modules/ajv/dist/runtime/ucs2length.js node_modules/ajv-formats/dist/index.js \
  node_modules/@bufbuild/cel/dist/cjs/index.js node_modules/@bufbuild/cel-spec/dist/cjs/gen/cel/expr/checked_pb.js \
  node_modules/@bufbuild/protobuf/dist/cjs/index.js node_modules/@bufbuild/re2/dist/cjs/index.js; do
  grep -q "^$required " "$listing" || fail "$required is missing"
done

# One copy of each bundled package: a nested node_modules/x/node_modules/y next to node_modules/y is a duplicate.
dupes=$(sed -n -E 's#^(node_modules/.*/)?node_modules/((@[^/]+/)?[^/]+)/package\.json .*#\2#p' "$listing" | sort | uniq -d)
[ -z "$dupes" ] || fail "bundled more than once: $dupes"

packed=$(stat -c %s "$tarball")
unpacked=$(awk '{ n += $2 } END { print n }' "$listing")
files=$(wc -l < "$listing")
kb() { echo $(( ($1 + 512) / 1024 )); }
echo "check-pack: $(basename "$tarball"): $(kb "$packed") kB packed (limit $max_packed_kb kB), $(kb "$unpacked") kB unpacked (limit $max_unpacked_kb kB), $files files"
awk '{ split($1, p, "/"); k = (p[1] == "node_modules") ? p[1] "/" p[2] (p[2] ~ /^@/ ? "/" p[3] : "") : (p[1] == "build" ? p[1] "/" p[2] : p[1]); s[k] += $2 }
     END { for (k in s) printf "%8d kB  %s\n", (s[k] + 512) / 1024, k }' "$listing" | sort -rn | head -n 12
[ $(( packed / 1024 )) -le "$max_packed_kb" ] || fail "the tarball is $(kb "$packed") kB packed, over the $max_packed_kb kB limit"
[ $(( unpacked / 1024 )) -le "$max_unpacked_kb" ] || fail "the tarball is $(kb "$unpacked") kB unpacked, over the $max_unpacked_kb kB limit"
[ $failed = 0 ] && echo "check-pack: contents as expected (the library, its assembly, the bundled runtime dependencies)"
exit $failed
