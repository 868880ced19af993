#!/usr/bin/env node
/**
 * `cdk8s-istio analyze <files or folders...>`: the mesh analysis on YAML from anywhere (Helm
 * output, hand-written files, `cdk8s synth` output).
 *
 * Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 usage or input error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { MeshAnalysis } from './analysis';
import { AnalysisLevel, _rank } from './finding';

const USAGE = `Usage: cdk8s-istio analyze <file or folder>... [options]

Runs the mesh analysis (istioctl analyze's checks and ours) on Kubernetes YAML or JSON.
Folders are read recursively for *.yaml, *.yml and *.json.

Options:
  --format text|json        output format (default: text)
  --fail-on error|warning|info|none
                            exit 1 when a finding at this level or above is reported (default: error)
  --mesh-config <file>      Istio mesh config: a MeshConfig, an IstioOperator, or the istio ConfigMap
  --default-namespace <ns>  namespace of objects that declare none (default: default)
  --disable <rule,...>      rules not to run: ids (IST0101, every rule with that code) or
                            rule names (authz/namespace-not-found, that rule alone)
  --list-rules              list the rules and exit (with --format json: id, rule, istioAnalyzer, ...)
  --quiet                   no progress lines on standard error (they show only on a terminal, and never when CI is set)
  -h, --help                show this help

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage or input error.`;

/** Where the CLI writes. @internal */
export interface _CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether standard error is a terminal: progress lines are shown only there. Default false. */
  readonly errIsTty?: boolean;
  /** The environment: a non-empty `CI` (other than `false` or `0`) turns progress off. Default: none. */
  readonly env?: { readonly [name: string]: string | undefined };
}

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

class UsageError extends Error {}

function inputFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!fs.existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
    if (fs.statSync(p).isDirectory()) {
      return fs.readdirSync(p).sort().flatMap((entry) => {
        const full = path.join(p, entry);
        return fs.statSync(full).isDirectory() || /\.(ya?ml|json)$/i.test(entry) ? inputFiles([full]) : [];
      });
    }
    return [p];
  });
}

/** Reads the objects of a file, expanding `kind: List`. */
function readObjects(file: string): any[] {
  return expandLists(/\.json$/i.test(file) ? [JSON.parse(fs.readFileSync(file, 'utf8'))] : Yaml.load(file));
}

/** Documents with `kind: List` (and `*List`) expanded to their items; what is not an object dropped. */
function expandLists(docs: any[]): any[] {
  return docs.flatMap((d: any) => (d?.kind === 'List' || d?.kind?.endsWith?.('List')) && Array.isArray(d.items) ? d.items : [d])
    .filter((d: any) => d && typeof d === 'object');
}

/** The document that marks where each file starts in the combined YAML `readAll` parses. */
const FILE_MARK = 'cdk8s-istio.analysis/file';

/**
 * The objects of every file, file by file. cdk8s' `Yaml.load` reads through a child process (about
 * a third of a second per call: 11 s for Bookinfo's 30 files), so the YAML files are parsed in one
 * call, each preceded by a marker document. Unless every marker comes back, in order (a broken file
 * could swallow the next one's), each file is read alone as before.
 */
function readAll(files: string[]): any[][] {
  const yamlFiles = files.filter((f) => !/\.json$/i.test(f));
  if (yamlFiles.length < 2) return files.map(readObjects);
  let docs: any[];
  try {
    const text = yamlFiles.map((f, i) => `---\n${FILE_MARK}: ${i}\n...\n${fs.readFileSync(f, 'utf8')}\n...\n`).join('');
    docs = Yaml.load(writeTemp(text));
  } catch {
    return files.map(readObjects);
  }
  const byFile = new Map<string, any[]>(yamlFiles.map((f) => [f, []]));
  let current: any[] | undefined;
  let next = 0;
  for (const doc of docs) {
    const mark = doc && typeof doc === 'object' && Object.keys(doc).length === 1 ? doc[FILE_MARK] : undefined;
    if (mark === undefined) {
      current?.push(doc);
    } else {
      if (mark !== next) return files.map(readObjects);
      current = byFile.get(yamlFiles[next++]);
    }
  }
  if (next !== yamlFiles.length) return files.map(readObjects);
  return files.map((f) => (byFile.has(f) ? expandLists(byFile.get(f)!) : readObjects(f)));
}

/** The mesh config inside a MeshConfig file, an IstioOperator or the `istio` ConfigMap. */
function readMeshConfig(file: string): any {
  const [doc] = readObjects(file);
  if (!doc) return {};
  if (doc.kind === 'ConfigMap' && typeof doc.data?.mesh === 'string') return Yaml.load(writeTemp(doc.data.mesh))[0] ?? {};
  if (doc.kind === 'IstioOperator') return doc.spec?.meshConfig ?? {};
  return doc;
}

function writeTemp(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-')), 'mesh.yaml');
  fs.writeFileSync(file, text);
  return file;
}

function parseArgs(argv: string[]) {
  const opts = {
    files: [] as string[],
    format: 'text',
    failOn: 'error',
    meshConfig: undefined as string | undefined,
    defaultNamespace: undefined as string | undefined,
    disabled: [] as string[],
    listRules: false,
    quiet: false,
    help: false,
  };
  const args = [...argv];
  if (args[0] === 'analyze') args.shift();
  const value = (flag: string) => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (args.length > 0) {
    const arg = args.shift()!;
    switch (arg) {
      case '--format': opts.format = value(arg); break;
      case '--fail-on': opts.failOn = value(arg); break;
      case '--mesh-config': opts.meshConfig = value(arg); break;
      case '--default-namespace': opts.defaultNamespace = value(arg); break;
      case '--disable': opts.disabled.push(...value(arg).split(',').map((s) => s.trim()).filter(Boolean)); break;
      case '--list-rules': opts.listRules = true; break;
      case '-q': case '--quiet': opts.quiet = true; break;
      case '-h': case '--help': opts.help = true; break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        opts.files.push(arg);
    }
  }
  if (!['text', 'json'].includes(opts.format)) throw new UsageError(`--format must be text or json (received: ${opts.format})`);
  if (!['error', 'warning', 'info', 'none'].includes(opts.failOn)) throw new UsageError(`--fail-on must be error, warning, info or none (received: ${opts.failOn})`);
  return opts;
}

/** Runs the CLI and returns its exit code. @internal */
export function _runCli(argv: string[], io: _CliIo): number {
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
  const manifests: any[] = [];
  const sources: string[] = [];
  let meshConfig: any;
  const progress = new Progress(io.err, showsProgress(io, opts.quiet));
  try {
    const files = inputFiles(opts.files);
    progress.update(`reading ${files.length} file${files.length === 1 ? '' : 's'}...`);
    readAll(files).forEach((objects, i) => {
      for (const obj of objects) {
        manifests.push(obj);
        sources.push(files[i]);
      }
    });
    meshConfig = opts.meshConfig ? readMeshConfig(opts.meshConfig) : undefined;
  } catch (e) {
    progress.done();
    io.err(`cdk8s-istio: cannot read input: ${(e as Error).message}\n`);
    return 2;
  }
  progress.update(`analyzing ${manifests.length} objects...`);
  const report = MeshAnalysis.analyze(manifests, { meshConfig, defaultNamespace: opts.defaultNamespace, disabledRules: opts.disabled, sources });
  progress.done();
  if (opts.format === 'json') {
    io.out(`${JSON.stringify({ objects: manifests.length, findings: report.toJson() }, null, 2)}\n`);
  } else {
    io.out(`Analyzed ${manifests.length} object(s) from ${new Set(sources).size} file(s).\n${report.toText()}\n`);
  }
  if (opts.failOn === 'none') return 0;
  const threshold = opts.failOn as AnalysisLevel;
  return report.active.some((f) => _rank(f.level) >= _rank(threshold)) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = _runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTty: process.stderr.isTTY === true,
    env: process.env,
  });
}
