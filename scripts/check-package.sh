#!/usr/bin/env bash
# Installs the jsii-packed tarball (dist/js/) into a fresh cdk8s app outside the repository,
# compiles a program that imports 'cdk8s-istio' by name, synthesizes it, and checks the YAML.
# Run after `npx projen compile && npx projen package:js` (CI does).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(ls "$root"/dist/js/cdk8s-istio@*.jsii.tgz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  echo "check-package: no tarball in dist/js; run 'npx projen compile && npx projen package:js' first" >&2
  exit 1
fi

app=$(mktemp -d -t cdk8s-istio-app-XXXXXX)
trap 'rm -rf "$app"' EXIT

# The app uses the same versions of the peer dependencies as our own dev pins.
dev() { node -p "require('$root/package.json').devDependencies['$1']"; }
cat > "$app/package.json" <<JSON
{
  "name": "fresh-cdk8s-app",
  "private": true,
  "dependencies": {
    "cdk8s-istio": "file:$tarball",
    "cdk8s": "$(dev cdk8s)",
    "constructs": "$(dev constructs)",
    "cdk8s-plus-28": "$(dev cdk8s-plus-28)"
  },
  "devDependencies": {
    "typescript": "$(dev typescript)",
    "@types/node": "$(dev @types/node)"
  }
}
JSON

cat > "$app/tsconfig.json" <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true, "esModuleInterop": true, "skipLibCheck": false, "types": ["node"] } }
JSON

# The program is the README's first TypeScript example, so the README stays true.
awk '/^```ts$/{inside=1; next} /^```$/{if (inside) exit} inside' "$root/README.md" > "$app/main.ts"
[ -s "$app/main.ts" ] || { echo "check-package: no \`\`\`ts block in README.md" >&2; exit 1; }

# And the L1 bindings by their submodule, with the version constants.
cat > "$app/l1.ts" <<'TS'
import { App, Chart } from 'cdk8s';
import { ISTIO_VERSION, GATEWAY_API_VERSION, networking_istio_io as networking } from 'cdk8s-istio';

const app = new App({ outdir: 'dist' });
const chart = new Chart(app, 'l1', { namespace: 'payments' });
new networking.VirtualService(chart, 'payments-api', {
  metadata: { name: 'payments-api', labels: { 'istio-version': ISTIO_VERSION, 'gateway-api-version': GATEWAY_API_VERSION } },
  spec: { hosts: ['payments-api'], http: [{ route: [{ destination: { host: 'payments-api', subset: 'v1' }, weight: 100 }] }] },
});
app.synth();
TS

# The CRD-schema check with its CEL rules, from the installed package's bundled (and pruned) dependencies.
cat > "$app/cel.js" <<'JS'
const { MeshAnalysis } = require('cdk8s-istio');
const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r', namespace: 'shop' },
  spec: { hosts: ['r'], http: [{ timeout: '0.5ms', route: [{ destination: { host: 'r' } }] }] } };
const messages = MeshAnalysis.analyze([vs]).findings.filter((f) => f.code === 'IST0106').map((f) => f.message).join('\n');
if (!messages.includes('must be a valid duration greater than 1ms')) {
  console.error(`check-package: the CEL rule of VirtualService's timeout did not fire; IST0106 findings:\n${messages}`);
  process.exit(1);
}
JS

cd "$app"
echo "check-package: installing $(basename "$tarball") into $app"
npm install --no-audit --no-fund --prefer-offline --loglevel=error
npx tsc -p tsconfig.json
node main.js
node l1.js
node cel.js

out="$app/dist/payments.k8s.yaml"
fail() { echo "check-package: $1"; echo "--- $out"; cat "$out" 2>/dev/null || true; exit 1; }
[ -f "$out" ] || fail "no synthesized manifest"
grep -q '^apiVersion: networking.istio.io/v1$' "$out" || fail "the VirtualService is not networking.istio.io/v1"
grep -q '^kind: VirtualService$' "$out" || fail "no VirtualService in the output"
grep -q '^kind: DestinationRule$' "$out" || fail "no DestinationRule in the output"
grep -q 'weight: 90' "$out" || fail "the 90/10 weights are missing"
! grep -q 'retries:' "$out" || fail "the routes carry retries by default (Istio's own retry default should apply)"
grep -q 'istio-injection: enabled' "$out" || fail "the ZeroTrustNamespace's injection label is missing"
grep -q 'cluster.local/ns/frontend/sa/frontend-sa' "$out" || fail "the allowFrom policy is missing"
# The validation-plugin recipe of docs/analysis.md: cdk8s.yaml names the app's own installed copy by path.
cat > "$app/cdk8s.yaml" <<'YAML'
app: node main.js
output: plugin-dist
validations:
  - package: ./node_modules/cdk8s-istio
    version: 0.0.0
    class: MeshAnalysisPlugin
    properties:
      failOn: warning
YAML
plugin_log=$("$root/node_modules/.bin/cdk8s" synth --no-check-upgrade 2>&1) || { echo "$plugin_log"; fail "cdk8s synth with the MeshAnalysisPlugin of the installed package failed"; }
echo "$plugin_log" | grep -q "Validations ended succesfully" || { echo "$plugin_log"; fail "no report of the MeshAnalysisPlugin of the installed package"; }
l1="$app/dist/l1.k8s.yaml"
grep -q 'istio-version: 1.30.3' "$l1" && grep -q 'weight: 100' "$l1" || { out="$l1"; fail "the L1 VirtualService with ISTIO_VERSION did not synthesize"; }
echo "check-package: the packed cdk8s-istio installs, compiles and synthesizes in a fresh cdk8s app"
