'use strict';
/**
 * One measurement in a fresh process: `node bench/child.js <scenario> <n> <manifests.json> <outdir>`.
 * Prints one JSON line: { ms, cpuMs, rssMiB, objects, ... }. `ms` is the wall time of the work only
 * (not module loading or reading the input), `cpuMs` the CPU time (user + system) of the whole
 * process, less sensitive than wall time to other processes on a busy machine, and `rssMiB` the
 * process's peak resident set size.
 *
 * Scenarios:
 *   mesh         ZeroTrustNamespace + N MeshServices with SynthAnalysis, app.synth() (the library)
 *   mesh-plain   the same without the analysis (how much of the cost is the analysis)
 *   baseline     the same manifests as raw cdk8s ApiObjects, app.synth()
 *   plus         the cdk8s-plus-28 floor: the ServiceAccounts, Deployments and Services of the manifests as the
 *                cdk8s-plus-28 constructs a MeshService builds, the other objects as raw ApiObjects, app.synth():
 *                what the design's workload layer costs before any code of this library runs
 *   floor        the same manifests to YAML files with the `yaml` package, no cdk8s
 *   analysis     MeshAnalysis.analyze() alone on the manifests (first call: schemas compile in it)
 *   intents      traces every traffic intent of the N-service mesh over its manifests, as the synth does
 *                (the manifests are rendered first, untimed: the synth renders them anyway)
 *   require-cold       require('cdk8s-istio') in an empty process
 *   require-increment  require('cdk8s-istio') after cdk8s, constructs and cdk8s-plus-28
 *   prepare      writes the mesh's manifests to <manifests.json> (not timed)
 */
const fs = require('fs');
const path = require('path');

const LIB = process.env.BENCH_LIB ?? path.resolve(__dirname, '..', 'build', 'lib', 'index.js');
const [scenario, nArg, manifestsFile, outdir] = process.argv.slice(2);
const n = Number(nArg);

function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

function readManifests() {
  const all = JSON.parse(fs.readFileSync(manifestsFile, 'utf8'));
  const limit = Number(process.env.BENCH_LIMIT ?? 0);
  return limit > 0 ? all.slice(0, limit) : all;
}

function countApiObjects(app) {
  const { ApiObject } = require('cdk8s');
  return app.node.findAll().filter((c) => ApiObject.isApiObject(c)).length;
}

function countYamlDocs(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))
    .reduce((sum, f) => sum + fs.readFileSync(path.join(dir, f), 'utf8').split(/^---$/m).filter((d) => d.trim()).length, 0);
}

const scenarios = {
  'mesh': () => meshSynth(true),
  'mesh-plain': () => meshSynth(false),

  'baseline': () => {
    const { App, Chart, ApiObject } = require('cdk8s');
    const manifests = readManifests();
    const t0 = now();
    const app = new App({ outdir });
    const chart = new Chart(app, 'mesh');
    manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m));
    app.synth();
    const ms = now() - t0;
    return { ms, objects: countApiObjects(app) };
  },

  'plus': () => {
    const { App, Chart, ApiObject, Size } = require('cdk8s');
    const kplus = require('cdk8s-plus-28');
    const manifests = readManifests();
    const t0 = now();
    const app = new App({ outdir });
    const chart = new Chart(app, 'mesh');
    manifests.forEach((m, i) => {
      if (m.kind === 'ServiceAccount' && m.apiVersion === 'v1') {
        new kplus.ServiceAccount(chart, `o${i}`, { metadata: m.metadata, automountToken: m.automountServiceAccountToken ?? false });
      } else if (m.kind === 'Deployment' && m.apiVersion === 'apps/v1') {
        plusDeployment(kplus, Size, chart, `o${i}`, m);
      } else if (m.kind === 'Service' && m.apiVersion === 'v1') {
        const svc = new kplus.Service(chart, `o${i}`, {
          metadata: m.metadata,
          ports: (m.spec.ports ?? []).map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort })),
        });
        for (const [k, v] of Object.entries(m.spec.selector ?? {})) svc.selectLabel(k, v);
      } else {
        new ApiObject(chart, `o${i}`, m);
      }
    });
    app.synth();
    const ms = now() - t0;
    return { ms, objects: countApiObjects(app) };
  },

  'floor': () => {
    const YAML = require('yaml');
    const manifests = readManifests();
    const t0 = now();
    fs.mkdirSync(outdir, { recursive: true });
    const text = manifests.map((m) => YAML.stringify(m)).join('---\n');
    fs.writeFileSync(path.join(outdir, 'mesh.k8s.yaml'), text);
    const ms = now() - t0;
    return { ms, objects: countYamlDocs(outdir) };
  },

  'analysis': () => {
    const lib = require(LIB);
    const manifests = readManifests();
    const t0 = now();
    const report = lib.MeshAnalysis.analyze(manifests);
    const ms = now() - t0;
    // Again in the same process: without the first-use costs (loading ajv and CEL, compiling the schemas, JIT warm-up).
    const t1 = now();
    lib.MeshAnalysis.analyze(manifests);
    const warmMs = now() - t1;
    return { ms, warmMs, objects: manifests.length, findings: report.findings.length };
  },

  'intents': () => {
    const { App } = require('cdk8s');
    const { buildMesh } = require('./mesh');
    const lib = require(LIB);
    const check = require(path.join(path.dirname(LIB), 'analysis', '_intents-check.js'));
    const app = new App({ outdir });
    buildMesh(lib, app, n);
    const manifests = app.charts.flatMap((c) => c.toJson());
    const t0 = now();
    const report = check._checkAppIntents(app, manifests, {});
    const ms = now() - t0;
    const failed = report.checks.filter((c) => !c.ok);
    if (failed.length > 0) throw new Error(`bench mesh: ${failed.length} intents failed, first: ${failed[0].message}`);
    return { ms, objects: manifests.length, intents: lib.SynthAnalysis.intents(app).length, traced: report.checks.length };
  },

  'require-cold': () => {
    const t0 = now();
    require(LIB);
    return { ms: now() - t0 };
  },

  'require-increment': () => {
    const t0 = now();
    require('cdk8s');
    require('constructs');
    require('cdk8s-plus-28');
    const t1 = now();
    require(LIB);
    return { ms: now() - t1, peersMs: t1 - t0 };
  },

  'prepare': () => {
    const { App } = require('cdk8s');
    const { buildMesh } = require('./mesh');
    const app = new App({ outdir });
    buildMesh(require(LIB), app, n);
    const manifests = app.charts.flatMap((c) => c.toJson());
    fs.writeFileSync(manifestsFile, JSON.stringify(manifests));
    return { ms: 0, objects: manifests.length };
  },
};

/** A cdk8s-plus-28 Deployment with the main fields of a rendered one: what MeshService creates for a version. */
function plusDeployment(kplus, Size, chart, id, m) {
  const pod = m.spec.template;
  const c = pod.spec.containers[0];
  const quantity = (q) => (q === undefined ? undefined : q.endsWith('m') ? kplus.Cpu.millis(Number(q.slice(0, -1))) : kplus.Cpu.units(Number(q)));
  const memory = (q) => (q === undefined ? undefined : Size.mebibytes(Number(q.replace(/Mi$/, ''))));
  const deployment = new kplus.Deployment(chart, id, {
    metadata: m.metadata,
    replicas: m.spec.replicas,
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, `${id}-sa`, pod.spec.serviceAccountName),
    select: false,
    podMetadata: { labels: pod.metadata.labels, annotations: pod.metadata.annotations },
    containers: [{
      name: c.name,
      image: c.image,
      ports: (c.ports ?? []).map((p) => ({ number: p.containerPort })),
      resources: {
        cpu: { request: quantity(c.resources?.requests?.cpu), limit: quantity(c.resources?.limits?.cpu) },
        memory: { request: memory(c.resources?.requests?.memory), limit: memory(c.resources?.limits?.memory) },
      },
      readiness: c.readinessProbe?.tcpSocket ? kplus.Probe.fromTcpSocket({ port: c.readinessProbe.tcpSocket.port }) : undefined,
    }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: m.spec.selector.matchLabels }));
}

function meshSynth(withAnalysis) {
  const { App } = require('cdk8s');
  const { buildMesh } = require('./mesh');
  const lib = require(LIB);
  const t0 = now();
  const app = new App({ outdir });
  // The analysis is on by default once a construct of the library is created: mesh-plain turns it off.
  if (withAnalysis) lib.SynthAnalysis.attach(app);
  else lib.SynthAnalysis.disable(app);
  buildMesh(lib, app, n);
  app.synth();
  const ms = now() - t0;
  return { ms, objects: countApiObjects(app) };
}

const run = scenarios[scenario];
if (!run) {
  process.stderr.write(`unknown scenario '${scenario}'; one of: ${Object.keys(scenarios).join(', ')}\n`);
  process.exit(2);
}
const result = run();
const usage = process.resourceUsage();
result.cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
result.rssMiB = usage.maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
