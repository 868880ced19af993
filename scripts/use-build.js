// Loaded with `node -r` before ts-node: every module that resolves to the repository's TypeScript
// sources in lib/ or imports/ is loaded from the jsii-compiled JavaScript in build/ instead, so an
// example that imports '../../lib' runs against the build that ships. Fails the process when nothing
// was redirected (the example did not import the library) or when build/ lacks a file.
const fs = require('fs');
const Module = require('module');
const path = require('path');

const root = path.resolve(__dirname, '..');
const resolve = Module._resolveFilename;
let redirected = 0;

Module._resolveFilename = function (request, parent, ...rest) {
  const resolved = resolve.call(this, request, parent, ...rest);
  for (const dir of ['lib', 'imports']) {
    const src = path.join(root, dir) + path.sep;
    if (resolved.startsWith(src) && resolved.endsWith('.ts') && !resolved.endsWith('.d.ts')) {
      const compiled = path.join(root, 'build', dir, resolved.slice(src.length).replace(/\.ts$/, '.js'));
      if (!fs.existsSync(compiled)) throw new Error(`use-build: ${compiled} is missing; run 'npx projen compile'`);
      redirected++;
      return compiled;
    }
  }
  return resolved;
};

process.on('exit', (code) => {
  if (redirected === 0 && code === 0) {
    process.stderr.write('use-build: the app loaded nothing from lib/ or imports/, so it did not run against build/\n');
    process.exitCode = 1;
  }
});
