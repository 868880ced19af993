#!/usr/bin/env bash
# Fails when imports/ differs from what is committed (run after `npx projen import`).
set -euo pipefail
cd "$(dirname "$0")/.."
changes=$(git status --porcelain -- imports)
if [ -n "$changes" ]; then
  echo "$changes"
  git diff --stat -- imports
  echo "check-imports: imports/ is stale; run 'npx projen import' and commit the result" >&2
  exit 1
fi
echo "check-imports: imports/ is exactly what the pinned CRDs generate"
