#!/usr/bin/env node
/**
 * Makes the L1 submodules of the compiled entry point load on first access.
 *
 * lib/index.ts re-exports each generated API group with `export * as networking_istio_io from
 * '../imports/networking.istio.io'`, the form jsii reads as a submodule. TypeScript compiles it to
 * an eager `exports.x = __importStar(require(...))`, so `require('cdk8s-istio')` loaded every
 * binding (1.9 MB of JavaScript) whether the app used it or not. This rewrites each such line of
 * build/lib/index.js into a getter that requires the module on first access and then caches it as
 * a plain property: the same exports, the same objects, loaded when used. The jsii assembly is
 * unchanged; jsii's kernel reaches submodules by property access, which the getter serves.
 *
 * Usage: node scripts/lazy-submodules.js build/lib/index.js  (run by `npx projen compile` after jsii)
 */
const fs = require('fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/lazy-submodules.js <compiled index.js>');
  process.exit(2);
}
const MARK = '/* lazy submodule */';
const EAGER = /^exports\.(\w+) = __importStar\(require\("([^"]+)"\)\);$/;

const source = fs.readFileSync(file, 'utf8');
let rewritten = 0;
const lines = source.split('\n').map((line) => {
  const m = EAGER.exec(line);
  if (!m) return line;
  rewritten++;
  const [, name, path] = m;
  // One line for one line, so the inline source map still points at lib/index.ts.
  return `${MARK} Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: () => { `
    + `const value = __importStar(require("${path}")); `
    + `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, writable: false, value }); return value; } });`;
});
const already = source.split('\n').filter((line) => line.startsWith(MARK)).length;
if (rewritten === 0 && already === 0) {
  console.error(`lazy-submodules: no 'exports.x = __importStar(require(...))' line in ${file}; did the TypeScript output change?`);
  process.exit(1);
}
fs.writeFileSync(file, lines.join('\n'));
console.log(`lazy-submodules: ${rewritten} submodule(s) of ${file} now load on first access${already ? ` (${already} already did)` : ''}`);
