#!/usr/bin/env node
/**
 * Runs a packing command (jsii-pacmak, which runs `npm pack`) with the files cdk8s-istio never loads moved out
 * of the bundled dependencies (package.json `bundledDependencies` and what they pull in), so that the tarball
 * does not carry them, and moves them back afterwards, whatever the command's outcome: the repository's own
 * tools (eslint's resolver, ts-node) keep the complete packages. `package:js` and `package:python` run through
 * it, so it applies after every `npm ci`. scripts/check-pack.sh checks the tarball holds none of these.
 *
 * What is left out, and why nothing needs it:
 * - @bufbuild/cel-spec: `testdata/` (the CEL conformance suite, 5.3 MB) and `gen/cel/expr/conformance/`
 *   (its protobuf messages). @bufbuild/cel requires only `cel/expr/checked_pb.js` and `cel/expr/syntax_pb.js`.
 * - `dist/esm/` of @bufbuild/cel, cel-spec, protobuf and re2: the ES-module copy. cdk8s-istio is CommonJS and
 *   loads them with require(), which their `exports` map to `dist/cjs/`; no public type of cdk8s-istio
 *   names them, so TypeScript in an ES-module project never resolves them either.
 * - ajv `lib/` and ajv-formats `src/` (their TypeScript sources; `dist/` holds the JavaScript and types), and
 *   the source maps pointing there.
 * - fast-uri `test/`, `benchmark/` and its type test.
 * - ajv's other dialects and its code generator for standalone files: JSON Type Definition, drafts 2019-09 and
 *   2020-12 (their entry points, meta-schemas and vocabularies: dynamic, unevaluated) and `dist/standalone`. The
 *   package validates with draft-07 (`new Ajv()`), and its validators were made standalone when it was built.
 * - yaml `browser/` (the ES-module copy its `exports` give browsers); Node's require() loads `dist/`.
 * - the type declarations (`*.d.ts`) of the bundled packages: no public type of cdk8s-istio names them, so a
 *   TypeScript user's program never reaches them (only internal declaration files such as
 *   `build/lib/analysis/schema/_cel.d.ts` import them, and nothing public imports those).
 *
 *   node scripts/prune-bundled.js -- <command> [args...]   run the command with the files moved aside
 *   node scripts/prune-bundled.js --restore                 move back what an interrupted run left aside
 *   node scripts/prune-bundled.js --dry-run                 say what would be left out
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const modules = path.join(root, 'node_modules');
// Inside node_modules (same file system, so a rename), in a folder npm never packs or resolves.
const stash = path.join(modules, '.cache', 'cdk8s-istio-pruned');

/** [package, path inside it: a folder or file, or `*.ext` for every file with that ending under the package]. */
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
  ['yaml', 'browser'],
  ...['dist/jtd.js', 'dist/2019.js', 'dist/2020.js', 'dist/refs/json-schema-2019-09', 'dist/refs/json-schema-2020-12', 'dist/refs/jtd-schema.js',
    'dist/vocabularies/jtd', 'dist/compile/jtd', 'dist/vocabularies/dynamic', 'dist/vocabularies/unevaluated', 'dist/standalone']
    .map((p) => ['ajv', p]),
  ...['ajv', 'ajv-formats', '@bufbuild/cel', '@bufbuild/cel-spec', '@bufbuild/protobuf', '@bufbuild/re2', 'yaml', 'fast-uri']
    .map((pkg) => [pkg, '*.d.ts']),
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

/** The files and folders to leave out, as paths relative to node_modules. */
function targets() {
  return PRUNE.flatMap(([pkg, what]) => {
    const dir = path.join(modules, pkg);
    if (!fs.existsSync(path.join(dir, 'package.json'))) return [];
    const found = what.startsWith('*') ? filesEndingWith(dir, what.slice(1)) : [path.join(dir, what)].filter((p) => fs.existsSync(p));
    return found.map((p) => path.relative(modules, p));
  }).filter((rel, i, all) => !all.some((other, j) => j !== i && rel.startsWith(`${other}/`))); // once, inside a folder left out
}

function move(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
}

/** Moves back everything in the stash; returns how many entries. */
function restore() {
  if (!fs.existsSync(stash)) return 0;
  const list = path.join(stash, 'moved.json');
  const moved = fs.existsSync(list) ? JSON.parse(fs.readFileSync(list, 'utf8')) : [];
  for (const rel of moved) {
    const from = path.join(stash, 'files', rel);
    if (fs.existsSync(from) && !fs.existsSync(path.join(modules, rel))) move(from, path.join(modules, rel));
  }
  fs.rmSync(stash, { recursive: true, force: true });
  return moved.length;
}

const args = process.argv.slice(2);
if (args[0] === '--restore') {
  console.log(`prune-bundled: moved back ${restore()} file(s) and folder(s)`);
  process.exit(0);
}
if (args[0] === '--dry-run') {
  const kB = Math.round(targets().reduce((n, rel) => n + size(path.join(modules, rel)), 0) / 1024);
  console.log(`prune-bundled: would leave out ${kB} kB of the bundled dependencies`);
  process.exit(0);
}
if (args[0] !== '--' || args.length < 2) {
  console.error('usage: node scripts/prune-bundled.js -- <command> [args...] | --restore | --dry-run');
  process.exit(2);
}

restore(); // an earlier run that was killed
const moved = targets();
const kB = Math.round(moved.reduce((n, rel) => n + size(path.join(modules, rel)), 0) / 1024);
fs.mkdirSync(stash, { recursive: true });
fs.writeFileSync(path.join(stash, 'moved.json'), JSON.stringify(moved));
let status = 1;
try {
  for (const rel of moved) move(path.join(modules, rel), path.join(stash, 'files', rel));
  console.log(`prune-bundled: ${kB} kB the runtime never loads left out of the bundled dependencies while packing`);
  // Ctrl-C reaches the command; this process stays to move the files back.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  const result = spawnSync(args[1], args.slice(2), { stdio: 'inherit', cwd: root });
  if (result.error) console.error(`prune-bundled: ${result.error.message}`);
  status = result.status ?? 1;
} finally {
  restore();
}
process.exit(status);
