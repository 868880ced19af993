/**
 * `cdk8s-istio trace <files or folders...> --from SOURCE --url URL`: one request traced through the
 * mesh the files describe (docs/traffic.md).
 *
 * Exit codes: 0 whatever the outcome; 1 when `--expect` names another outcome; 2 usage or input error.
 */
import { _checkFormat, _CliIo, _flagValue, _UsageError } from './_cli-args';
import { MeshAnalysis } from './analysis';
import { _parseSource, _parseUrl } from './trace/_request';
import { TraceOutcome, TraceResult } from './trace/request';

const OUTCOMES = Object.values(TraceOutcome) as string[];

const USAGE = `Usage: cdk8s-istio trace <file or folder>... --from SOURCE --url URL [options]

Traces one request through the mesh the Kubernetes and Istio YAML describes, the way Istio's proxies
handle it, and prints each decision with the object that made it, then the outcome.

SOURCE:
  pod:<namespace>/<serviceaccount>[?label=value&...]   a workload with an Istio proxy (sidecar or ambient)
  plain:<namespace>                                    a client without proxy: plaintext, no identity
  gateway:<namespace>/<serviceaccount>?<labels>        a request from outside arriving at that gateway
URL: http(s)://host[:port]/path, as the client dials it.

Options:
  --method <M>              HTTP method (default: GET)
  --header <K=V>            a request header; repeat for more
  --mesh-config <file>      Istio mesh config: a MeshConfig, an IstioOperator, or the istio ConfigMap
  --default-namespace <ns>  namespace of objects that declare none (default: default)
  --format text|json        output format (default: text)
  --expect <outcome>        exit 1 unless the outcome is this one: ${OUTCOMES.join(', ')}
  -h, --help                show this help

Exit codes: 0 whatever the outcome; 1 --expect does not match; 2 usage or input error.`;

/** How the trace verb reads its input, lent by the analyze CLI. @internal */
export interface _TraceInput {
  /** The objects of every file under the paths (folders recursively); throws on a missing path or bad file. */
  readonly readFiles: (paths: string[]) => any[];
  /** The mesh config of a file (MeshConfig, IstioOperator or the istio ConfigMap). */
  readonly readMeshConfig: (file: string) => any;
}

function parseArgs(argv: string[]) {
  const opts = {
    files: [] as string[],
    from: undefined as string | undefined,
    url: undefined as string | undefined,
    method: undefined as string | undefined,
    headers: {} as Record<string, string>,
    meshConfig: undefined as string | undefined,
    defaultNamespace: undefined as string | undefined,
    format: 'text',
    expect: undefined as string | undefined,
    help: false,
  };
  const args = [...argv];
  const value = (flag: string) => _flagValue(args, flag);
  while (args.length > 0) {
    const arg = args.shift()!;
    switch (arg) {
      case '--from': opts.from = value(arg); break;
      case '--url': opts.url = value(arg); break;
      case '--method': opts.method = value(arg); break;
      case '--header': {
        const h = value(arg);
        const eq = h.indexOf('=');
        if (eq <= 0) throw new _UsageError(`--header must be NAME=VALUE (received: ${h})`);
        opts.headers[h.slice(0, eq).trim()] = h.slice(eq + 1);
        break;
      }
      case '--mesh-config': opts.meshConfig = value(arg); break;
      case '--default-namespace': opts.defaultNamespace = value(arg); break;
      case '--format': opts.format = value(arg); break;
      case '--expect': opts.expect = value(arg); break;
      case '-h': case '--help': opts.help = true; break;
      default:
        if (arg.startsWith('-')) throw new _UsageError(`unknown option ${arg}`);
        opts.files.push(arg);
    }
  }
  if (opts.help) return opts;
  _checkFormat(opts.format);
  if (opts.expect !== undefined && !OUTCOMES.includes(opts.expect)) {
    throw new _UsageError(`--expect must be one of ${OUTCOMES.join(', ')} (received: ${opts.expect})`);
  }
  if (opts.files.length === 0) throw new _UsageError('give at least one file or folder');
  if (opts.from === undefined) throw new _UsageError('--from SOURCE is required');
  if (opts.url === undefined) throw new _UsageError('--url URL is required');
  _parseSource(opts.from);
  _parseUrl(opts.url);
  return opts;
}

/** The JSON contract: outcome, status (or null), backends (subset or null), steps (by or null). @internal */
export function _traceJson(result: TraceResult): any {
  return {
    outcome: result.outcome,
    status: result.status ?? null,
    backends: result.backends.map((b) => ({ host: b.host, subset: b.subset ?? null, weight: b.weight })),
    steps: result.steps.map((s) => ({ step: s.step, decision: s.decision, by: s.by ?? null })),
  };
}

/** One line per step, then the outcome. @internal */
export function _traceText(result: TraceResult): string {
  const width = Math.max(0, ...result.steps.map((s) => s.step.length));
  const lines = result.steps.map((s) => `${s.step.padEnd(width)}  ${s.decision}${s.by ? `  [${s.by}]` : ''}`);
  const status = result.status !== undefined ? ` (${result.status})` : '';
  const to = result.backends.length > 0
    ? `: ${result.backends.map((b) => `${b.host}${b.subset ? ` subset ${b.subset}` : ''} ${b.weight}%`).join(', ')}` : '';
  lines.push(`outcome: ${result.outcome}${status}${to}`);
  return `${lines.join('\n')}\n`;
}

/** Runs `cdk8s-istio trace` (argv without the verb) and returns its exit code. @internal */
export function _runTraceCli(argv: string[], io: _CliIo, input: _TraceInput): number {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    const message = (e as Error).message.replace(/^trace: /, '');
    io.err(`cdk8s-istio trace: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let manifests: any[];
  let meshConfig: any;
  try {
    manifests = input.readFiles(opts.files);
    meshConfig = opts.meshConfig ? input.readMeshConfig(opts.meshConfig) : undefined;
  } catch (e) {
    io.err(`cdk8s-istio trace: cannot read input: ${(e as Error).message}\n`);
    return 2;
  }
  const result = MeshAnalysis.trace(manifests, { from: opts.from!, url: opts.url!, method: opts.method, headers: opts.headers },
    { meshConfig, defaultNamespace: opts.defaultNamespace });
  io.out(opts.format === 'json' ? `${JSON.stringify(_traceJson(result), null, 2)}\n` : _traceText(result));
  if (opts.expect !== undefined && opts.expect !== result.outcome) {
    io.err(`cdk8s-istio trace: expected ${opts.expect}, got ${result.outcome}\n`);
    return 1;
  }
  return 0;
}
