#!/usr/bin/env bash
# The corpus suite: the tests (`test/**/*.corpus.test.ts`) that read Istio's reference corpora (samples,
# the analyzer's test cases, the CRD files, the seed) from $CDK8S_ISTIO_CORPUS, or ../shared beside the
# repository (test/support/corpus.ts). Where the corpus is absent it says so in one line and passes:
# `npm test` is the self-contained suite; this one adds what only the corpus can check.
#
#   npx projen test:corpus [jest args...]     e.g. npx projen test:corpus test/analysis
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CDK8S_ISTIO_CORPUS:-$(dirname "$root")/shared}
if [ ! -d "$corpus/istio/samples" ]; then
  echo "test:corpus: SKIPPED, no Istio corpus at $corpus (no istio/samples there); set CDK8S_ISTIO_CORPUS to its folder to run the corpus suite"
  exit 0
fi
cd "$root"
echo "test:corpus: Istio corpus at $(cd "$corpus" && pwd)"
exec npx jest --ci --passWithNoTests \
  --testMatch '<rootDir>/test/**/*.corpus.test.ts' \
  --testPathIgnorePatterns '/node_modules/' '<rootDir>/build/' '<rootDir>/examples/' \
  -- "$@"
