'use strict';
/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time,
 * the files (packages) they sit in, and the functions with the most inclusive time (their callees included).
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/child.js mesh 1000 /tmp/m.json /tmp/out
 *   node bench/profile-summary.js /tmp/prof/*.cpuprofile [top=25]
 */
const fs = require('fs');

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));

// Each sample is one node id; timeDeltas[i] is the time before sample i.
const selfUs = new Map();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const byFunction = new Map();
const byFile = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  total += us;
  const cf = node.callFrame;
  const where = cf.url ? cf.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '~/') : '';
  const fnKey = `${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`;
  byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + us);
  const fileKey = where || `(${cf.functionName})`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
}

function print(title, map) {
  process.stdout.write(`\n${title} (total ${(total / 1000).toFixed(0)} ms)\n`);
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, us]) => {
    process.stdout.write(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}\n`);
  });
}
// Inclusive time: each sample counts once for every function on its stack (a recursive function once).
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const fnKeyOf = (node) => {
  const cf = node.callFrame;
  const where = cf.url ? cf.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '~/') : '';
  return `${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`;
};
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const key = fnKeyOf(nodeById.get(cur));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
print('Self time by function', byFunction);
print('Self time by file', byFile);
print('Inclusive time by function (callees included)', inclusive);
