#!/usr/bin/env bash
# package:python: builds the Python wheel and sdist into dist/python with jsii-pacmak, which installs its build
# tools (setuptools, build, twine) with pip from the Python package index into a fresh virtual environment.
# Where pip cannot reach an index that has them (offline machines, closed networks), `npx projen build` would
# fail at its last step; instead this generates the Python code only (scripts/check-python.sh: jsii-pacmak
# --code-only, byte-compiled) and says so. On GitHub Actions (the release) the full build is required, as it is
# with CDK8S_ISTIO_PYTHON=full; CDK8S_ISTIO_PYTHON=code-only skips the probe.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-python3}
mode=${CDK8S_ISTIO_PYTHON:-auto}
[ "${GITHUB_ACTIONS:-}" = true ] && mode=full

full() { exec "$root/node_modules/.bin/jsii-pacmak" -v --target python; }
code_only() {
  echo "package:python: $1; generating the Python code only (no wheel in dist/python). With PyPI access, 'npx projen package:python' builds the wheel." >&2
  exec bash "$root/scripts/check-python.sh"
}

case "$mode" in
  full) full ;;
  code-only) code_only "CDK8S_ISTIO_PYTHON=code-only" ;;
esac

if ! command -v "$python" >/dev/null; then
  echo "package:python: SKIPPED, $python not found (the Python target needs Python 3 and pip)" >&2
  exit 0
fi
# The probe asks pip, with the machine's own pip configuration (index, mirrors, proxies), to resolve exactly
# the build tools jsii-pacmak will install, without installing anything.
requirements="$root/node_modules/jsii-pacmak/lib/targets/python/requirements-dev.txt"
if "$python" -m pip install --dry-run --ignore-installed --no-input --quiet --retries 0 --timeout 10 -r "$requirements" >/dev/null 2>&1; then
  full
fi
code_only "pip cannot install jsii-pacmak's Python build tools ($(sed -n -E 's/^([a-z][a-z0-9_-]*).*/\1/p' "$requirements" | paste -sd, - | sed 's/,/, /g')) from any index it can reach"
