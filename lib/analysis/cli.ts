#!/usr/bin/env node
/**
 * `cdk8s-istio analyze <files or folders...>`: the mesh analysis on YAML from anywhere (Helm
 * output, hand-written files, `cdk8s synth` output).
 *
 * Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 usage or input error.
 */
import * as fs from 'fs';
import { _checkFormat, _CliIo, _flagValue, _UsageError } from './_cli-args';
import { _runTraceCli } from './_cli-trace';
import { _InputProblem, _formatProblem, _loadManifests, _parseYamlDocuments, _readText } from './_input';
import { ExternalReferences, MeshAnalysis } from './analysis';
import { AnalysisLevel, _rank } from './finding';

const USAGE = `Usage: cdk8s-istio analyze <file or folder>... [options]
       cdk8s-istio trace <file or folder>... --from SOURCE --url URL [options] (see cdk8s-istio trace --help)

Runs the mesh analysis (istioctl analyze's checks and ours) on Kubernetes YAML or JSON.
Folders are read recursively for *.yaml, *.yml and *.json.

Options:
  --format text|json        output format (default: text)
  --fail-on error|warning|info|none
                            exit 1 when a finding at this level or above is reported (default: error)
  --mesh-config <file>      Istio mesh config: a MeshConfig, an IstioOperator, or the istio ConfigMap
  --external <file>         what lives outside the input (YAML or JSON): namespaces, hosts, serviceAccounts
                            (<namespace>/<name>) and workloads ({ labels, namespace }); references to it are
                            not reported as missing
  --default-namespace <ns>  namespace of objects that declare none (default: default)
  --disable <rule,...>      rules not to run: ids (IST0101, every rule with that code) or
                            rule names (authz/namespace-not-found, that rule alone)
  --list-rules              list the rules and exit (with --format json: id, rule, istioAnalyzer, ...)
  --quiet                   no progress lines on standard error (they show only on a terminal, and never when CI is set)
  -h, --help                show this help

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage or input error.`;

/**
 * One progress line on a terminal's standard error, rewritten in place (`reading 116 files...`)
 * and erased before the report. Does nothing when not shown.
 */
class Progress {
  private active = false;

  constructor(private readonly err: (text: string) => void, private readonly shown: boolean) {}

  public update(line: string): void {
    if (!this.shown) return;
    this.err(`\r\x1b[K${line}`);
    this.active = true;
  }

  public done(): void {
    if (this.active) this.err('\r\x1b[K');
    this.active = false;
  }
}

function showsProgress(io: _CliIo, quiet: boolean): boolean {
  const ci = io.env?.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
  return !quiet && io.errIsTty === true && !inCi;
}

/** A problem with the `--mesh-config` file. */
class MeshConfigError extends Error {}

/** The declarations of an `--external` file; a MeshConfigError-like InputError naming the file on anything else. */
function readExternal(file: string): ExternalReferences {
  const fail = (message: string, line?: number): never => {
    throw new MeshConfigError(`--external ${_formatProblem({ file, line, message })}`);
  };
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) fail('no such file');
  const problems: _InputProblem[] = [];
  const text = _readText(file, problems);
  if (problems.length > 0) fail(problems[0].message);
  const [doc] = [..._parseYamlDocuments(text!)].filter((d) => d.error !== undefined || (d.value !== null && d.value !== undefined));
  if (!doc) fail('the file declares nothing');
  if (doc.error !== undefined) fail(doc.error, doc.line);
  const value = doc.value;
  if (typeof value !== 'object' || Array.isArray(value)) fail('must be a mapping with namespaces, hosts, serviceAccounts and workloads', doc.line);
  const known = ['namespaces', 'hosts', 'serviceAccounts', 'workloads'];
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) fail(`unknown field ${unknown.map((k) => `'${k}'`).join(', ')}: use ${known.join(', ')}`, doc.line);
  const strings = (key: string): string[] => {
    const list = value[key] ?? [];
    if (!Array.isArray(list) || list.some((s: unknown) => typeof s !== 'string')) fail(`'${key}' must be a list of strings`, doc.line);
    return list;
  };
  const serviceAccounts = strings('serviceAccounts');
  const bad = serviceAccounts.find((s) => !/^[^/]+\/[^/]+$/.test(s));
  if (bad !== undefined) fail(`'serviceAccounts' entries must be '<namespace>/<name>' (received: ${JSON.stringify(bad)})`, doc.line);
  const workloads = value.workloads ?? [];
  if (!Array.isArray(workloads) || workloads.some((w: any) => !w || typeof w.labels !== 'object' || Array.isArray(w.labels))) {
    fail('\'workloads\' must be a list of { labels: {...}, namespace: ... }', doc.line);
  }
  return {
    namespaces: strings('namespaces'),
    hosts: strings('hosts'),
    serviceAccounts,
    workloads: workloads.map((w: any) => ({ labels: w.labels, namespace: typeof w.namespace === 'string' ? w.namespace : undefined })),
  };
}

/**
 * The mesh config inside a MeshConfig file, an IstioOperator (`spec.meshConfig`) or the `istio` ConfigMap
 * (`data.mesh`, itself YAML). Throws a MeshConfigError naming the file (and line) on anything else.
 */
/** The trace verb's input: every object of the files and folders; any unreadable input is an error naming it. */
function readTraceInput(paths: string[]): any[] {
  const loaded = _loadManifests(paths);
  if (loaded.problems.length > 0) throw new Error(loaded.problems.map(_formatProblem).join('; '));
  return loaded.manifests;
}

function readMeshConfig(file: string): any {
  const fail = (message: string, line?: number): never => {
    throw new MeshConfigError(`--mesh-config ${_formatProblem({ file, line, message })}`);
  };
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) fail('no such file');
  const problems: _InputProblem[] = [];
  const docs: { value: any; line: number }[] = [];
  const text = _readText(file, problems);
  if (text !== undefined) {
    for (const d of _parseYamlDocuments(text)) {
      if (d.error !== undefined) problems.push({ file, line: d.line, message: d.error });
      else if (d.value !== null && d.value !== undefined) docs.push({ value: d.value, line: d.line });
    }
  }
  if (problems.length > 0) fail(problems[0].message, problems[0].line);
  if (docs.length === 0) fail('the file holds no mesh config');
  const [{ value: doc, line }] = docs;
  const asObject = (value: any, where: string, at: number) => {
    if (value === null || value === undefined) return {};
    if (typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be a mapping of MeshConfig fields (received: ${JSON.stringify(value).slice(0, 60)})`, at);
    return value;
  };
  if (doc?.kind === 'ConfigMap') {
    const mesh = doc.data?.mesh;
    if (typeof mesh !== 'string') fail('the ConfigMap has no data.mesh (the istio ConfigMap keeps the mesh config there)', line);
    const [inner] = [..._parseYamlDocuments(mesh)];
    if (inner?.error !== undefined) fail(`data.mesh, line ${inner.line}: ${inner.error}`, line);
    return asObject(inner?.value, 'data.mesh', line);
  }
  if (doc?.kind === 'IstioOperator') return asObject(doc.spec?.meshConfig, 'spec.meshConfig', line);
  return asObject(doc, 'the mesh config', line);
}

function parseArgs(argv: string[]) {
  const opts = {
    files: [] as string[],
    format: 'text',
    failOn: 'error',
    meshConfig: undefined as string | undefined,
    external: undefined as string | undefined,
    defaultNamespace: undefined as string | undefined,
    disabled: [] as string[],
    listRules: false,
    quiet: false,
    help: false,
  };
  const args = [...argv];
  if (args[0] === 'analyze') args.shift();
  const value = (flag: string) => _flagValue(args, flag);
  while (args.length > 0) {
    const arg = args.shift()!;
    switch (arg) {
      case '--format': opts.format = value(arg); break;
      case '--fail-on': opts.failOn = value(arg); break;
      case '--mesh-config': opts.meshConfig = value(arg); break;
      case '--external': opts.external = value(arg); break;
      case '--default-namespace': opts.defaultNamespace = value(arg); break;
      case '--disable': opts.disabled.push(...value(arg).split(',').map((s) => s.trim()).filter(Boolean)); break;
      case '--list-rules': opts.listRules = true; break;
      case '-q': case '--quiet': opts.quiet = true; break;
      case '-h': case '--help': opts.help = true; break;
      default:
        if (arg.startsWith('-')) throw new _UsageError(`unknown option ${arg}`);
        opts.files.push(arg);
    }
  }
  _checkFormat(opts.format);
  if (!['error', 'warning', 'info', 'none'].includes(opts.failOn)) throw new _UsageError(`--fail-on must be error, warning, info or none (received: ${opts.failOn})`);
  return opts;
}

/** Runs the CLI and returns its exit code. @internal */
export function _runCli(argv: string[], io: _CliIo): number {
  if (argv[0] === 'trace') return _runTraceCli(argv.slice(1), io, { readFiles: readTraceInput, readMeshConfig });
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    io.err(`cdk8s-istio: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (opts.listRules) {
    const rules = MeshAnalysis.rules();
    io.out(opts.format === 'json' ? `${JSON.stringify(rules, null, 2)}\n` : rules.map((r) => `${r.id} ${r.rule} ${r.level} ${r.name}: ${r.cause}`).join('\n') + '\n');
    return 0;
  }
  if (opts.files.length === 0) {
    io.err(`cdk8s-istio: give at least one file or folder\n\n${USAGE}\n`);
    return 2;
  }
  const progress = new Progress(io.err, showsProgress(io, opts.quiet));
  let meshConfig: any;
  let external: ExternalReferences | undefined;
  try {
    meshConfig = opts.meshConfig ? readMeshConfig(opts.meshConfig) : undefined;
    external = opts.external ? readExternal(opts.external) : undefined;
  } catch (e) {
    io.err(`cdk8s-istio: ${e instanceof MeshConfigError ? e.message : (e as Error).message}\n`);
    return 2;
  }
  const { manifests, sources, problems } = _loadManifests(opts.files, (n) => progress.update(`reading ${n} file${n === 1 ? '' : 's'}...`));
  progress.update(`analyzing ${manifests.length} objects...`);
  const report = manifests.length > 0
    ? MeshAnalysis.analyze(manifests, { meshConfig, defaultNamespace: opts.defaultNamespace, disabledRules: opts.disabled, sources, external })
    : undefined;
  progress.done();
  // Input problems go to standard error; the objects that could be read are still analysed and reported.
  for (const p of problems) io.err(`cdk8s-istio: cannot read input: ${_formatProblem(p)}\n`);
  if (report) {
    if (opts.format === 'json') {
      io.out(`${JSON.stringify({ objects: manifests.length, findings: report.toJson(), inputErrors: problems }, null, 2)}\n`);
    } else {
      io.out(`Analyzed ${manifests.length} object(s) from ${new Set(sources).size} file(s).\n${report.toText()}\n`);
    }
  }
  if (problems.length > 0) return 2;
  if (!report) return 2;
  if (opts.failOn === 'none') return 0;
  const threshold = opts.failOn as AnalysisLevel;
  return report.active.some((f) => _rank(f.level) >= _rank(threshold)) ? 1 : 0;
}

/** Files and folders read into manifests with their sources, for other verbs of the CLI. @internal */
export { _loadManifests } from './_input';

if (require.main === module) {
  process.exitCode = _runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTty: process.stderr.isTTY === true,
    env: process.env,
  });
}
