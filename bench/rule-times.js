'use strict';
/**
 * Where the analysis spends its time, rule by rule: `node bench/rule-times.js <manifests.json> [calls=2] [top=25]`.
 * Builds the analysis' model of the manifests and runs every rule over it, timing each, `calls` times in one
 * process (the first call pays for loading and warming the code up, as `MeshAnalysis.analyze()`'s first call does).
 * The manifests come from `node bench/child.js prepare <n> <manifests.json> <outdir>`. Runs the compiled library.
 */
const fs = require('fs');
const path = require('path');

const LIB = process.env.BENCH_LIB ?? path.resolve(__dirname, '..', 'build', 'lib', 'index.js');
const [file, callsArg, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/rule-times.js <manifests.json> [calls=2] [top=25]\n');
  process.exit(2);
}
require(LIB);
const { MeshAnalysis } = require(path.join(path.dirname(LIB), 'analysis', 'analysis.js'));
const { ALL_RULES } = require(path.join(path.dirname(LIB), 'analysis', 'rules', 'index.js'));
const manifests = JSON.parse(fs.readFileSync(file, 'utf8'));
const top = Number(topArg ?? 25);

for (let call = 1; call <= Number(callsArg ?? 2); call++) {
  let t = performance.now();
  const model = MeshAnalysis._model(manifests);
  const modelMs = performance.now() - t;
  const times = ALL_RULES.map((rule) => {
    t = performance.now();
    rule.check(model);
    return { ms: performance.now() - t, rule: rule.rule };
  }).sort((a, b) => b.ms - a.ms);
  const total = times.reduce((sum, r) => sum + r.ms, 0);
  process.stdout.write(`call ${call}: ${manifests.length} objects, model ${modelMs.toFixed(1)} ms, ${times.length} rules ${total.toFixed(1)} ms\n`);
  for (const r of times.slice(0, top)) process.stdout.write(`${r.ms.toFixed(1).padStart(8)} ms  ${r.rule}\n`);
}
