'use strict';
/**
 * `npm run bench`: the synth cost of a large mesh, side by side with raw cdk8s and with no cdk8s
 * at all, and how it grows. Every figure is the median of BENCH_RUNS fresh child processes.
 * Runs against the compiled library (build/lib/index.js): run `npx projen compile` first.
 *
 * Environment:
 *   BENCH_SIZES=100,1000,5000   service counts of the mesh
 *   BENCH_RUNS=3                runs per figure (fresh processes; the median is reported)
 *   BENCH_ANALYSIS_OBJECTS=30000  objects for the analysis-alone figure (0 to skip)
 *   BENCH_SCENARIOS=mesh,mesh-plain,plus,baseline,floor   the synth scenarios to run
 *   BENCH_EXTRAS=require,analysis,intents,cli,cli-large,pack  the other measurements (empty to skip)
 *   BENCH_INTENTS_SIZE=1000     service count of the mesh whose intents are traced, against its synth
 *   BENCH_LARGE_MIB=100         size of the one YAML file `cli-large` analyzes (one run: it takes minutes)
 *   BENCH_OUT=bench/results.json                    where the results go ('' to skip writing)
 *
 * Each figure has two times: `ms`, the child's own timing of the work (module loading excluded), and
 * `processMs`, the wall time of the whole child process as a user's `cdk8s synth` pays it (Node start-up,
 * module loading, reading the input and writing the output included). The scenarios of one size run
 * interleaved (mesh, mesh-plain, plus, baseline, floor, analysis, then again), so that a change of load on a shared
 * machine falls on all of them alike; the spread (min-max) of each figure is reported with its median.
 */
const { spawnSync, execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const LIB = path.join(ROOT, 'build', 'lib', 'index.js');
const CLI = path.join(ROOT, 'build', 'lib', 'analysis', 'cli.js');
const SHARED = process.env.SHARED_DIR ?? path.resolve(ROOT, '..', 'shared');
const BOOKINFO = path.join(SHARED, 'istio', 'samples', 'bookinfo');

const list = (name, dflt) => (process.env[name] ?? dflt).split(',').map((s) => s.trim()).filter(Boolean);
const SIZES = list('BENCH_SIZES', '100,1000,5000').map(Number);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const ANALYSIS_OBJECTS = Number(process.env.BENCH_ANALYSIS_OBJECTS ?? 30000);
const SCENARIOS = list('BENCH_SCENARIOS', 'mesh,mesh-plain,plus,baseline,floor');
const EXTRAS = new Set(list('BENCH_EXTRAS', 'require,analysis,intents,cli,cli-large,pack'));
const INTENTS_SIZE = Number(process.env.BENCH_INTENTS_SIZE ?? 1000);
const LARGE_MIB = Number(process.env.BENCH_LARGE_MIB ?? 100);
const OUT = process.env.BENCH_OUT ?? path.join(__dirname, 'results.json');

/** Objects per MeshService in the bench mesh (SA, Deployment, Service, DR, VS, AP) and the namespace's 4. */
const PER_SERVICE = 6;
const NAMESPACE_OBJECTS = 4;

const TARGETS = {
  /** N=5000, whole process, mesh with analysis / raw ApiObjects. */
  processRatioToBaseline: 1.3,
  /** N=5000, peak RSS, mesh with analysis / raw ApiObjects. */
  rssRatioToBaseline: 1.6,
  /** N=100, whole process: at most the raw ApiObjects' process plus this. */
  smallOverBaselineMs: 250,
  growth1000to5000: 5.5,
  /** MeshAnalysis.analyze on 30,000 objects, first call in a process. */
  analysisMs: 500,
  /** require('cdk8s-istio') after cdk8s, constructs and cdk8s-plus-28. */
  requireMs: 60,
  /** Tracing every traffic intent of the N=1,000 mesh, as a share of that mesh's synth. */
  intentsShare: 0.2,
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 1) => (x === undefined ? undefined : Number(x.toFixed(digits)));
const load = () => os.loadavg().map((x) => round(x, 2));
const log = (s) => process.stderr.write(`${s}\n`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs one child measurement; returns its JSON result, with the wall time of the whole process (`processMs`). */
function child(scenario, n, manifests, extraEnv = {}) {
  const outdir = fs.mkdtempSync(path.join(tmp, `${scenario}-`));
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(__dirname, 'child.js'), scenario, String(n), manifests ?? '', outdir], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024,
  });
  const processMs = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (r.status !== 0) {
    throw new Error(`bench child '${scenario}' (n=${n}) failed with ${r.status ?? r.signal}:\n${r.stderr}`);
  }
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), processMs };
}

/** The median of the runs, metric by metric, with every run's times. */
function summarize(runs) {
  const out = { runs: runs.length };
  for (const key of Object.keys(runs[0])) {
    if (typeof runs[0][key] === 'number') out[key] = median(runs.map((r) => r[key]));
  }
  out.msAll = runs.map((r) => round(r.ms));
  out.processMsAll = runs.map((r) => round(r.processMs));
  if (runs[0].warmMs !== undefined) out.warmMsAll = runs.map((r) => round(r.warmMs));
  return out;
}

/** RUNS children of one scenario. */
function measure(scenario, n, manifests, extraEnv) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(child(scenario, n, manifests, extraEnv));
  return summarize(runs);
}

/** RUNS rounds of the scenarios, interleaved: { scenario: summary }. */
function measureInterleaved(scenarios, n, manifests) {
  const runs = Object.fromEntries(scenarios.map((s) => [s, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const s of scenarios) runs[s].push(child(s, n, manifests));
  }
  return Object.fromEntries(scenarios.map((s) => [s, summarize(runs[s])]));
}

const spread = (xs) => (xs && xs.length > 1 ? `${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))}` : '');

/** Wall time and peak RSS of the CLI as a user runs it: a process of its own. */
function measureCli() {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB=%M', process.execPath, CLI, 'analyze', BOOKINFO, '--fail-on', 'none', '--format', 'json'], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`cdk8s-istio analyze failed with ${r.status}:\n${r.stderr}`);
    const rss = Number(/BENCH_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
    const findings = JSON.parse(r.stdout).findings?.length;
    runs.push({ ms, rssMiB: rss, findings });
  }
  return { runs: RUNS, ms: median(runs.map((r) => r.ms)), rssMiB: median(runs.map((r) => r.rssMiB)), findings: runs[0].findings };
}

/** Wall time and peak RSS of the CLI on one large YAML stream (bench/large-yaml.js), once: it is read document by document. */
function measureCliLarge() {
  const file = path.join(tmp, 'large.yaml');
  const { bytes, objects } = require('./large-yaml').write(file, LARGE_MIB);
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB=%M', process.execPath, CLI, 'analyze', file, '--fail-on', 'none', '--format', 'json'], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.rmSync(file, { force: true });
  if (r.status !== 0) throw new Error(`cdk8s-istio analyze (large) failed with ${r.status}:\n${r.stderr}`);
  const rssMiB = Number(/BENCH_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const out = JSON.parse(r.stdout);
  return { runs: 1, mib: round(bytes / 2 ** 20), objects, analyzed: out.objects, ms, rssMiB, findings: out.findings.length };
}

/** Size of the package: the tarball `npx projen package:js` wrote (what ships), else as `npm pack` would write it. */
function measurePack() {
  const shipped = fs.existsSync(path.join(ROOT, 'dist', 'js')) && fs.readdirSync(path.join(ROOT, 'dist', 'js')).find((f) => /^cdk8s-istio@.*\.jsii\.tgz$/.test(f));
  if (shipped) {
    const tgz = path.join(ROOT, 'dist', 'js', shipped);
    const files = execSync(`tar -tvzf '${tgz}'`, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n').filter((l) => l.startsWith('-'));
    const unpacked = files.reduce((n, l) => n + Number(l.split(/\s+/)[2]), 0);
    return { source: `dist/js/${shipped}`, tarballKiB: round(fs.statSync(tgz).size / 1024), unpackedKiB: round(unpacked / 1024), files: files.length };
  }
  const out = execSync('npm pack --dry-run --json --ignore-scripts --loglevel=error', { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const info = JSON.parse(out)[0];
  const biggest = [...info.files].sort((a, b) => b.size - a.size).slice(0, 5).map((f) => ({ path: f.path, kB: round(f.size / 1024) }));
  return { source: 'npm pack --dry-run (run npx projen package:js for the pruned tarball that ships)', tarballKiB: round(info.size / 1024), unpackedKiB: round(info.unpackedSize / 1024), files: info.entryCount, biggest };
}

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try { commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { /* not a git checkout */ }
  return { nproc: os.availableParallelism?.() ?? os.cpus().length, cpu, node: process.version, platform: `${os.platform()} ${os.release()}`, memGiB: round(os.totalmem() / 2 ** 30), commit };
}

function pad(cells, widths) {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
}

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  return [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths))].join('\n');
}

function main() {
  if (!fs.existsSync(LIB)) {
    log(`bench: ${path.relative(ROOT, LIB)} is missing; run 'npx projen compile' first`);
    process.exit(2);
  }
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    loadAverageAtStart: load(),
    settings: { sizes: SIZES, runs: RUNS, scenarios: SCENARIOS, extras: [...EXTRAS], analysisObjects: ANALYSIS_OBJECTS },
    targets: TARGETS,
    synth: [],
  };
  log(`bench: ${results.machine.nproc} x ${results.machine.cpu}, Node ${results.machine.node}, load average ${results.loadAverageAtStart.join(' ')}`);

  const manifestsOf = new Map();
  const prepare = (n) => {
    if (!manifestsOf.has(n)) {
      const file = path.join(tmp, `mesh-${n}.json`);
      child('prepare', n, file);
      manifestsOf.set(n, file);
    }
    return manifestsOf.get(n);
  };

  for (const n of SIZES) {
    const file = prepare(n);
    const row = { services: n };
    const scenarios = EXTRAS.has('analysis') ? [...SCENARIOS, 'analysis'] : SCENARIOS;
    log(`bench: N=${n}: ${scenarios.join(', ')} (${RUNS} interleaved rounds)`);
    const measured = measureInterleaved(scenarios, n, file);
    for (const scenario of SCENARIOS) {
      const m = measured[scenario];
      row[scenario] = { ...roundAll(m), objectsPerSecond: m.objects ? Math.round(m.objects / (m.ms / 1000)) : undefined };
    }
    if (measured.analysis) row.analysis = roundAll(measured.analysis);
    row.objects = row[SCENARIOS[0]]?.objects;
    if (row.mesh && row.baseline) {
      row.meshToBaseline = round(row.mesh.ms / row.baseline.ms, 2);
      row.meshToBaselineProcess = round(row.mesh.processMs / row.baseline.processMs, 2);
      row.meshOverBaselineProcessMs = round(row.mesh.processMs - row.baseline.processMs);
      row.meshToBaselineRss = round(row.mesh.rssMiB / row.baseline.rssMiB, 2);
    }
    if (row['mesh-plain'] && row.baseline) {
      row.plainToBaseline = round(row['mesh-plain'].ms / row.baseline.ms, 2);
      row.plainToBaselineProcess = round(row['mesh-plain'].processMs / row.baseline.processMs, 2);
    }
    if (row.plus && row.baseline) {
      row.plusToBaselineProcess = round(row.plus.processMs / row.baseline.processMs, 2);
      row.plusToBaselineRss = round(row.plus.rssMiB / row.baseline.rssMiB, 2);
    }
    if (row.mesh && row.plus) {
      row.meshToPlusProcess = round(row.mesh.processMs / row.plus.processMs, 2);
      row.plainToPlusProcess = row['mesh-plain'] ? round(row['mesh-plain'].processMs / row.plus.processMs, 2) : undefined;
    }
    if (row.mesh && row.floor) row.meshToFloor = round(row.mesh.ms / row.floor.ms, 2);
    if (row.baseline && row.floor) row.baselineToFloor = round(row.baseline.ms / row.floor.ms, 2);
    results.synth.push(row);
  }
  const at = (n) => results.synth.find((r) => r.services === n);
  if (at(1000) && at(5000)) {
    results.growth1000to5000 = {};
    for (const s of SCENARIOS) results.growth1000to5000[s] = round(at(5000)[s].ms / at(1000)[s].ms, 2);
    results.growth1000to5000Process = {};
    for (const s of SCENARIOS) results.growth1000to5000Process[s] = round(at(5000)[s].processMs / at(1000)[s].processMs, 2);
  }

  if (EXTRAS.has('require')) {
    log('bench: require time');
    results.require = {
      cold: roundAll(measure('require-cold', 0)),
      incrementOverPeers: roundAll(measure('require-increment', 0)),
    };
  }
  // The analysis alone on ANALYSIS_OBJECTS objects, unless a size of the synth runs already gave it.
  if (EXTRAS.has('analysis') && ANALYSIS_OBJECTS > 0 && !results.synth.some((row) => row.analysis && row.objects === ANALYSIS_OBJECTS + NAMESPACE_OBJECTS)) {
    const n = Math.ceil((ANALYSIS_OBJECTS - NAMESPACE_OBJECTS) / PER_SERVICE);
    log(`bench: analysis alone on ${ANALYSIS_OBJECTS} objects`);
    results.analysis = roundAll(measure('analysis', n, prepare(n), { BENCH_LIMIT: String(ANALYSIS_OBJECTS) }));
  }
  if (EXTRAS.has('intents') && INTENTS_SIZE > 0) {
    log(`bench: tracing every intent at N=${INTENTS_SIZE}`);
    const traced = roundAll(measure('intents', INTENTS_SIZE, prepare(INTENTS_SIZE)));
    // The synth it is compared with: the mesh scenario (analysis and intents included) at that size.
    const synth = at(INTENTS_SIZE)?.mesh ?? roundAll(measure('mesh', INTENTS_SIZE, prepare(INTENTS_SIZE)));
    results.intents = { ...traced, services: INTENTS_SIZE, synthMs: synth.ms, share: round(traced.ms / (synth.ms - traced.ms), 3) };
  }
  if (EXTRAS.has('cli')) {
    log(`bench: cdk8s-istio analyze ${path.relative(ROOT, BOOKINFO)}`);
    results.cli = roundAll(measureCli());
    results.cli.input = 'istio/samples/bookinfo (all YAML, recursively)';
  }
  if (EXTRAS.has('cli-large') && LARGE_MIB > 0) {
    log(`bench: cdk8s-istio analyze on one ${LARGE_MIB} MiB YAML file`);
    results.cliLarge = roundAll(measureCliLarge());
  }
  if (EXTRAS.has('pack')) {
    log('bench: npm pack --dry-run');
    results.pack = measurePack();
  }
  results.loadAverageAtEnd = load();
  results.checks = checks(results);

  process.stdout.write(`${report(results)}\n`);
  if (OUT) {
    fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
    log(`bench: wrote ${path.relative(process.cwd(), OUT)}`);
  }
}

function roundAll(m) {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
}

function checks(r) {
  const out = [];
  const big = r.synth.find((row) => row.services === 5000);
  const small = r.synth.find((row) => row.services === 100);
  if (big?.meshToBaselineProcess !== undefined) {
    out.push({ target: `N=5000, whole process: mesh with analysis <= ${TARGETS.processRatioToBaseline}x raw ApiObjects`, value: `${big.meshToBaselineProcess}x (work only: ${big.meshToBaseline}x; CPU time: ${round(big.mesh.cpuMs / big.baseline.cpuMs, 2)}x)`, ok: big.meshToBaselineProcess <= TARGETS.processRatioToBaseline });
    out.push({ target: `N=5000, peak RSS: mesh with analysis <= ${TARGETS.rssRatioToBaseline}x raw ApiObjects`, value: `${big.meshToBaselineRss}x (${big.mesh.rssMiB} MiB against ${big.baseline.rssMiB} MiB)`, ok: big.meshToBaselineRss <= TARGETS.rssRatioToBaseline });
  }
  if (big?.plusToBaselineProcess !== undefined) {
    out.push({ target: 'N=5000, whole process: the cdk8s-plus-28 floor (the same objects, the workloads as cdk8s-plus-28 constructs, '
      + 'no code of this library; for information: what the 1.3x leaves to the library and its analysis)',
      value: `${big.plusToBaselineProcess}x raw ApiObjects, peak RSS ${big.plusToBaselineRss}x; mesh with analysis ${big.meshToPlusProcess}x the floor, `
        + `without ${big.plainToPlusProcess}x`, ok: undefined });
  }
  if (small?.meshOverBaselineProcessMs !== undefined) {
    out.push({ target: `N=100, whole process: mesh with analysis <= raw ApiObjects + ${TARGETS.smallOverBaselineMs} ms`, value: `+${small.meshOverBaselineProcessMs} ms (${small.mesh.processMs} ms against ${small.baseline.processMs} ms)`, ok: small.meshOverBaselineProcessMs <= TARGETS.smallOverBaselineMs });
  }
  if (r.growth1000to5000Process?.mesh !== undefined) out.push({ target: `N=1000 -> 5000, whole process, grows <= ${TARGETS.growth1000to5000}x`, value: `${r.growth1000to5000Process.mesh}x (work only: ${r.growth1000to5000.mesh}x)`, ok: r.growth1000to5000Process.mesh <= TARGETS.growth1000to5000 });
  const analysis = r.analysis ?? big?.analysis;
  if (analysis) out.push({ target: `analysis of ${analysis.objects} objects <= ${TARGETS.analysisMs} ms (first call in a process)`, value: `${analysis.ms} ms (second call: ${analysis.warmMs} ms)`, ok: analysis.ms <= TARGETS.analysisMs });
  if (r.intents) {
    out.push({ target: `tracing the ${r.intents.traced} requests of the ${r.intents.intents} intents at N=${r.intents.services} adds < ${TARGETS.intentsShare * 100}% to its synth`,
      value: `${r.intents.ms} ms of ${r.intents.synthMs} ms (+${round(r.intents.share * 100)}%)`, ok: r.intents.share < TARGETS.intentsShare });
  }
  if (r.require) {
    out.push({ target: `require('cdk8s-istio') after cdk8s, constructs, cdk8s-plus-28 <= ${TARGETS.requireMs} ms (the target)`, value: `${r.require.incrementOverPeers.ms} ms`, ok: r.require.incrementOverPeers.ms <= TARGETS.requireMs });
    out.push({ target: `require('cdk8s-istio') cold, peers included (for information; the peers alone take ${r.require.incrementOverPeers.peersMs} ms)`, value: `${r.require.cold.ms} ms`, ok: undefined });
  }
  return out;
}

function report(r) {
  const lines = [];
  lines.push(`cdk8s-istio bench: ${r.machine.nproc} x ${r.machine.cpu}, Node ${r.machine.node}, ${r.machine.commit}`);
  lines.push(`load average at start ${r.loadAverageAtStart.join(' ')}, at end ${r.loadAverageAtEnd.join(' ')}; median of ${r.settings.runs} fresh processes`);
  lines.push('');
  const header = ['scenario', 'services', 'objects', 'ms', 'spread', 'process ms', 'spread', 'CPU ms', 'peak RSS MiB', 'objects/s', 'x baseline', 'process x baseline', 'CPU x baseline', 'RSS x baseline'];
  const rows = [];
  for (const row of r.synth) {
    for (const s of r.settings.scenarios) {
      const m = row[s];
      const ratio = (key) => (row.baseline ? round(m[key] / row.baseline[key], 2) : '');
      rows.push([s, row.services, m.objects, m.ms, spread(m.msAll), m.processMs, spread(m.processMsAll), Math.round(m.cpuMs), m.rssMiB, m.objectsPerSecond, ratio('ms'), ratio('processMs'), ratio('cpuMs'), ratio('rssMiB')]);
    }
  }
  lines.push(table(rows, header));
  const analyses = r.synth.filter((row) => row.analysis);
  if (analyses.length) {
    lines.push('');
    lines.push(table(analyses.map((row) => [row.services, row.analysis.objects, row.analysis.ms, spread(row.analysis.msAll), row.analysis.warmMs, spread(row.analysis.warmMsAll), row.analysis.processMs, row.analysis.rssMiB]),
      ['MeshAnalysis.analyze: services', 'objects', 'first call ms', 'spread', 'second call ms', 'spread', 'process ms', 'peak RSS MiB']));
  }
  if (r.growth1000to5000) {
    lines.push('');
    lines.push(`growth N=1000 -> 5000 (work): ${Object.entries(r.growth1000to5000).map(([k, v]) => `${k} ${v}x`).join(', ')}`);
    lines.push(`growth N=1000 -> 5000 (whole process): ${Object.entries(r.growth1000to5000Process).map(([k, v]) => `${k} ${v}x`).join(', ')}`);
  }
  lines.push('');
  const other = [];
  if (r.analysis) {
    other.push([`MeshAnalysis.analyze, ${r.analysis.objects} objects`, r.analysis.ms, r.analysis.rssMiB, `${r.analysis.findings} findings`]);
    if (r.analysis.warmMs !== undefined) other.push(['  the same, again in that process', r.analysis.warmMs, '', 'no first-use costs']);
  }
  if (r.require) {
    other.push(["require('cdk8s-istio'), cold", r.require.cold.ms, r.require.cold.rssMiB, '']);
    other.push(["require('cdk8s-istio'), after the peers", r.require.incrementOverPeers.ms, r.require.incrementOverPeers.rssMiB, `peers: ${r.require.incrementOverPeers.peersMs} ms`]);
  }
  if (r.intents) other.push([`traffic intents traced, N=${r.intents.services}`, r.intents.ms, r.intents.rssMiB, `${r.intents.traced} requests; synth ${r.intents.synthMs} ms`]);
  if (r.cli) other.push(['cdk8s-istio analyze bookinfo (process)', r.cli.ms, r.cli.rssMiB, `${r.cli.findings} findings`]);
  if (r.cliLarge) other.push([`cdk8s-istio analyze, one ${r.cliLarge.mib} MiB file (process)`, r.cliLarge.ms, r.cliLarge.rssMiB, `${r.cliLarge.analyzed} objects`]);
  if (other.length) lines.push(table(other, ['measurement', 'ms', 'peak RSS MiB', 'note']));
  if (r.pack) lines.push(`\npacked tarball: ${r.pack.tarballKiB} KiB (${r.pack.unpackedKiB} KiB unpacked, ${r.pack.files} files; ${r.pack.source})`);
  if (r.checks.length) {
    lines.push('');
    for (const c of r.checks) lines.push(`${c.ok === undefined ? 'info' : c.ok ? 'PASS' : 'MISS'}  ${c.target}: ${c.value}`);
  }
  return lines.join('\n');
}

main();
