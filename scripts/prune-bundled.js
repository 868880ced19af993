#!/usr/bin/env node
/**
 * Removes from the bundled dependencies (package.json `bundledDependencies`, and what they pull in) the files
 * cdk8s-istio never loads, before `npm pack` copies them into the tarball. Runs as the first step of
 * `package:js` and `package:python` (both pack), so it applies after every `npm ci`; it only deletes, and
 * running it twice is harmless. scripts/check-pack.sh checks the tarball holds none of these.
 *
 * What goes, and why nothing needs it:
 * - @bufbuild/cel-spec: `testdata/` (the CEL conformance suite, 5.3 MB) and `gen/cel/expr/conformance/`
 *   (its protobuf messages). @bufbuild/cel requires only `cel/expr/checked_pb.js` and `cel/expr/syntax_pb.js`.
 * - `dist/esm/` of @bufbuild/cel, cel-spec, protobuf and re2: the ES-module copy. cdk8s-istio is CommonJS and
 *   loads them with require(), which their `exports` map to `dist/cjs/`; no public type of cdk8s-istio
 *   names them, so TypeScript in an ES-module project never resolves them either.
 * - ajv `lib/` and ajv-formats `src/` (their TypeScript sources; `dist/` holds the JavaScript and types), and
 *   the source maps pointing there.
 * - fast-uri `test/`, `benchmark/` and its type test.
 *
 *   node scripts/prune-bundled.js [--dry-run]
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dryRun = process.argv.includes('--dry-run');

/** [package, path inside it (a folder, or `*.ext` for every file with that ending under the package)]. */
const PRUNE = [
  ['@bufbuild/cel-spec', 'dist/cjs/testdata'],
  ['@bufbuild/cel-spec', 'dist/cjs/gen/cel/expr/conformance'],
  ['@bufbuild/cel-spec', 'dist/esm'],
  ['@bufbuild/cel', 'dist/esm'],
  ['@bufbuild/protobuf', 'dist/esm'],
  ['@bufbuild/re2', 'dist/esm'],
  ['ajv', 'lib'],
  ['ajv', '*.map'],
  ['ajv-formats', 'src'],
  ['ajv-formats', '*.map'],
  ['fast-uri', 'test'],
  ['fast-uri', 'benchmark'],
  ['fast-uri', 'types/index.test-d.ts'],
];

function size(p) {
  const st = fs.statSync(p);
  return st.isDirectory() ? fs.readdirSync(p).reduce((n, e) => n + size(path.join(p, e)), 0) : st.size;
}

function filesEndingWith(dir, ext) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesEndingWith(p, ext);
    return e.name.endsWith(ext) ? [p] : [];
  });
}

const bundled = require(path.join(root, 'package.json')).bundledDependencies ?? [];
let removed = 0;
for (const [pkg, what] of PRUNE) {
  const dir = path.join(root, 'node_modules', pkg);
  // Only inside an installed copy of a package that ships in the tarball (directly or as a bundled package's dependency).
  if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
  const targets = what.startsWith('*') ? filesEndingWith(dir, what.slice(1)) : [path.join(dir, what)].filter((p) => fs.existsSync(p));
  for (const target of targets) {
    removed += size(target);
    if (!dryRun) fs.rmSync(target, { recursive: true, force: true });
  }
}
const verb = dryRun ? 'would remove' : 'removed';
console.log(`prune-bundled: ${verb} ${Math.round(removed / 1024)} kB the runtime never loads from the bundled dependencies (${bundled.join(', ')})`);
