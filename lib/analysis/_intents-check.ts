import { IConstruct } from 'constructs';
import { ExternalReferences } from './analysis';
import { _MeshModel, _Obj } from './model';
import { _parseUrl } from './trace/_request';
import { _TraceModel } from './trace/_trace-model';
import { TraceOptions, TraceOutcome, TraceRequest, TraceResult, TraceStep } from './trace/request';
import { TrafficExpectation, TrafficIntent, TrafficIntentCheck, TrafficIntentKind } from './traffic-intent';
import { _declareIntents, _Intent, _intentsOf } from '../core/_intents';

/**
 * Checks the traffic intents of an App against its manifests: each intent becomes one request (or
 * one per Service, for a rule that names workloads), traced through the request-level model built
 * once for all of them; an intent whose trace ends otherwise than declared fails, with a message
 * naming both constructs, the request, the outcome, the blocking object and the fix.
 */

/** Traces one request over the manifests the tracer was built from. @internal */
export type _Tracer = (request: TraceRequest) => TraceResult;

/** What the check returns: every traced request, and notes on what it had to assume. @internal */
export interface _IntentReport {
  readonly checks: TrafficIntentCheck[];
  readonly notes: string[];
}

/** One request to trace for an intent. */
interface Planned {
  readonly intent: _Intent;
  readonly request: TraceRequest;
}

/** Checks the intents over the model; `tracer` traces over the same manifests. @internal */
export function _checkIntents(model: _MeshModel, intents: _Intent[], tracer: _Tracer, strict: boolean = true): _IntentReport {
  const namespacesInApp = new Set<string>([...model.objects.map((o) => o.namespace), ...model.ofKind('Namespace', '').map((n) => n.name)]);
  const notes: string[] = [];
  const planned: Planned[] = [];
  const openNamespaces = new Set(intents.filter((i) => i.kind === 'allow' && i.anySource).map((i) => i.calleeNamespace));
  const traced = intents.filter((i) => i.from !== '' && i.kind !== 'canary');

  for (const intent of intents) {
    if (intent.kind === 'unlisted' && openNamespaces.has(intent.calleeNamespace)) {
      notes.push(`${intent.declaredBy}: an unlisted caller is not checked in namespace '${intent.calleeNamespace}': a rule there allows any source.`);
      continue;
    }
    if (intent.kind === 'canary') {
      planned.push(...planCanary(intent, traced));
      continue;
    }
    if (intent.from === '') continue;
    const outside = strict || intent.kind === 'expectation' ? undefined : namespacesOutside(model, intent);
    if (outside !== undefined) {
      notes.push(`${intent.declaredBy}: ${intent.description}: not traced, since the app defines no Namespace '${outside}' `
        + '(SynthAnalysis.attach(app, { strict: true }) traces it anyway).');
      continue;
    }
    if (intent.kind === 'allow' && intent.callerNamespace !== undefined && !namespacesInApp.has(intent.callerNamespace)) {
      notes.push(`${intent.declaredBy}: ${intent.description}: traced with Istio's defaults for namespace '${intent.callerNamespace}' `
        + '(no object of the app lives there, so no Sidecar narrows what its proxies reach).');
    }
    const request = { from: intent.from, method: intent.method, headers: intent.headers };
    if (intent.url !== undefined) {
      planned.push({ intent, request: { ...request, url: intent.url } });
    } else if (intent.target !== undefined) {
      const urls = targetUrls(model, intent.target);
      if (urls.length === 0 && intent.kind === 'allow') {
        notes.push(`${intent.declaredBy}: ${intent.description}: no Service of namespace '${intent.target.namespace}' selects those workloads, so no request was traced.`);
      }
      urls.forEach((url) => planned.push({ intent, request: { ...request, url } }));
    }
  }

  const views = new Map<_Intent, TrafficIntent>();
  const view = (intent: _Intent) => views.get(intent) ?? views.set(intent, _publicIntent(intent)).get(intent)!;
  const checks = planned.map(({ intent, request }) => judge(intent, view(intent), request, tracer(request)));
  // What the manifests lack lives elsewhere (an egress gateway in istio-system, a Service of another team): a request
  // that fails only because its backend is not in the manifests (503) is a note, not an error, outside strict mode or
  // when that backend is declared external.
  const external = (c: TrafficIntentCheck) => !strict || reachesExternalHost(model, c.result);
  const kept = checks.filter((c) => c.ok || c.intent.kind === 'expectation' || c.result.outcome !== TraceOutcome.UNAVAILABLE || !external(c));
  const keptSet = new Set(kept);
  for (const c of checks.filter((x) => !keptSet.has(x))) {
    notes.push(`${c.intent.declaredBy}: ${c.intent.description}: its backend is not in the app's manifests (${c.request.url} traced unavailable); `
      + 'taken to live elsewhere (SynthAnalysis.attach(app, { strict: true }) makes it an error).');
  }
  return { checks: kept, notes };
}

/** The canary's request: from a caller an intent allows to reach the service, else a pod of its namespace. */
function planCanary(intent: _Intent, traced: _Intent[]): Planned[] {
  const host = hostOf(intent.url!);
  const borrowed = traced.find((i) => i.kind === 'allow' && i.url !== undefined && hostOf(i.url) === host);
  const request: TraceRequest = borrowed
    ? { from: borrowed.from, url: borrowed.url!, method: borrowed.method, headers: borrowed.headers }
    : { from: `pod:${intent.calleeNamespace}/default`, url: intent.url!, method: intent.method };
  return [{ intent, request }];
}

/**
 * Outside strict mode, an intent is traced only when its callee lives in a namespace the app defines (a Namespace
 * object in the manifests), as the analysis checks only references into those: the callee's namespace when it is
 * not one of them, else undefined. A caller from elsewhere is traced with Istio's defaults for its side.
 */
function namespacesOutside(model: _MeshModel, intent: _Intent): string | undefined {
  const callee = intent.calleeNamespace ?? intent.target?.namespace ?? hostNamespace(intent.url);
  return callee !== undefined && !model.definedNamespaces.has(callee) ? callee : undefined;
}

/** The namespace of a cluster-local host (`name.ns`, `name.ns.svc[.cluster.local]`), if the URL names one. */
function hostNamespace(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parts = hostOf(url).split('.');
  return parts.length >= 3 && parts[2] === 'svc' ? parts[1] : undefined;
}

/** True when the last destination step found a backend host missing that is declared external (`SynthAnalysis.declareExternal`, typed handles). */
function reachesExternalHost(model: _MeshModel, result: TraceResult): boolean {
  const host = [...result.steps].reverse().find((s) => s.step === 'destination')?.host;
  return host !== undefined && model.isExternal({ host });
}

/** The host of a URL the trace takes (lower-cased, without port). */
function hostOf(url: string): string {
  return _parseUrl(url).host;
}

/** One URL per Service of the namespace that selects the target's workloads, on the port in front of the first allowed container port. */
function targetUrls(model: _MeshModel, target: NonNullable<_Intent['target']>): string[] {
  const workloads = model.workloadsSelectedBy(target.namespace, target.selector);
  const services = new Map<string, _Obj>();
  for (const w of workloads) for (const s of model.servicesOf(w)) services.set(s.name, s);
  const urls: string[] = [];
  for (const s of services.values()) {
    const ports: any[] = Array.isArray(s.spec.ports) ? s.spec.ports : [];
    const port = target.targetPorts
      ? ports.find((p) => target.targetPorts!.includes(Number(p.targetPort ?? p.port)))
      : ports.find((p) => p.protocol === undefined || p.protocol === 'TCP');
    if (port === undefined) continue;
    urls.push(`http://${s.name}.${target.namespace}.svc.cluster.local:${port.port}${target.path}`);
  }
  return urls;
}

/** Whether the trace did what the intent declared, and the message when not. */
function judge(intent: _Intent, publicIntent: TrafficIntent, request: TraceRequest, result: TraceResult): TrafficIntentCheck {
  const problems: string[] = [];
  if (intent.outcome !== undefined && result.outcome !== intent.outcome) {
    problems.push(`expected ${intent.outcome}, traced ${describeOutcome(result)}`);
  }
  if (intent.backends && result.outcome === TraceOutcome.DELIVERED) {
    const got = result.backends.filter((b) => b.weight > 0);
    const want = intent.backends;
    const same = got.length === want.length && want.every((w) => got.some((g) => g.host === w.host
      && (g.subset ?? undefined) === (w.subset ?? undefined) && Math.abs(g.weight - w.weight) < 0.5));
    if (!same) {
      problems.push(`expected ${want.map(showBackend).join(', ')}, traced ${got.map(showBackend).join(', ') || 'no backend'}`);
    }
  }
  if (problems.length === 0) return { intent: publicIntent, request, result, ok: true };
  return { intent: publicIntent, request, result, ok: false, message: message(intent, request, result, problems) };
}

function showBackend(b: { host: string; subset?: string; weight: number }): string {
  return `${b.host}${b.subset ? ` subset ${b.subset}` : ''} ${Math.round(b.weight * 100) / 100}%`;
}

function describeOutcome(result: TraceResult): string {
  return `${result.outcome}${result.status !== undefined ? ` (HTTP ${result.status})` : ''}`;
}

/** The trace after its source, one step a clause: each decision and the object that made it. */
function traceText(result: TraceResult): string {
  return result.steps.filter((s) => s.step !== 'source').map((s: TraceStep) => `${s.step}${s.by ? ` (${s.by})` : ''}: ${s.decision}`).join('; ');
}

/** True when the caller's proxy did not know the host and sent the request on without mesh routing or mTLS. */
function leftTheMesh(result: TraceResult): boolean {
  return result.outcome === TraceOutcome.BLACKHOLED || result.outcome === TraceOutcome.PASSTHROUGH
    || result.steps.some((s) => s.step === 'outbound-policy');
}

function message(intent: _Intent, request: TraceRequest, result: TraceResult, problems: string[]): string {
  const who = [
    `declared by ${intent.declaredBy || 'the App'}`,
    intent.caller ? `caller ${intent.caller}` : undefined,
    intent.callee && intent.callee !== intent.declaredBy ? `callee ${intent.callee}` : undefined,
  ].filter((x) => x !== undefined).join(', ');
  const at = ` Trace: ${traceText(result)}.`;
  const fix = [fixFor(intent, request, result), intent.fix].filter((x) => x).join(' ');
  return `error TRAFFIC ${intent.kind} intent (${who}): ${intent.description}. `
    + `Request: ${request.method ?? 'GET'} ${request.url} from ${request.from}${headerText(request)}: ${problems.join('; ')}.${at} Fix: ${fix}`;
}

function headerText(request: TraceRequest): string {
  const entries = Object.entries(request.headers ?? {});
  return entries.length === 0 ? '' : ` with ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}`;
}

/** What to do, from what the trace found. */
function fixFor(intent: _Intent, request: TraceRequest, result: TraceResult): string {
  if (intent.outcome === TraceOutcome.DENIED && result.outcome === TraceOutcome.DELIVERED) {
    const allowedBy = [...result.steps].reverse().find((s) => s.step.startsWith('authz') && s.by !== undefined)?.by;
    return `Narrow the rule that lets the caller in${allowedBy ? ` (${allowedBy})` : ''}.`;
  }
  const host = hostOf(request.url);
  const calleeNs = /^[^.]+\.([^.]+)\.svc\./.exec(host)?.[1];
  const callerNs = /^(?:pod|plain|gateway):([^/?]+)/.exec(request.from)?.[1];
  switch (leftTheMesh(result) ? TraceOutcome.PASSTHROUGH : result.outcome) {
    case TraceOutcome.PASSTHROUGH:
      return calleeNs && callerNs && calleeNs !== callerNs
        ? `Let namespace '${callerNs}' reach '${calleeNs}/${host}': add it to the egress hosts of its Sidecar (ZeroTrustNamespace egressNamespaces: ['${calleeNs}'], `
          + 'or Sidecar.addEgressHosts()), or create the caller\'s namespace as a ZeroTrustNamespace of this app, which adds it by itself.'
        : `Make '${host}' known to the caller: a Service, or a ServiceEntry exported to its namespace (ZeroTrustNamespace externalHosts, EgressLockdown).`;
    case TraceOutcome.DENIED:
      if (intent.kind === 'expose' && !result.steps.some((s) => s.step === 'route')) {
        return 'The gateway\'s own pods deny the request from outside, before routing: their namespace\'s allow-nothing (or ALLOW) policy '
          + 'binds them too. Run the gateway in a namespace without it, or allow requests from outside to the gateway pods '
          + '(an ALLOW AuthorizationPolicy selecting them, with no source).';
      }
      if (intent.kind === 'expose') {
        const identity = /^gateway:([^/?]+)\/([^?]+)/.exec(request.from);
        return `Allow the gateway's identity${identity ? ` (cluster.local/ns/${identity[1]}/sa/${identity[2]})` : ''} on ${intent.callee ? `MeshService '${intent.callee}'` : 'the exposed backend'}: `
          + 'service.allowFrom(MeshPeer.gateway(ingress), { paths }) or ZeroTrustNamespace.allow() (exposeMeshService() adds it by itself in a ZeroTrustNamespace with its allow-nothing policy).';
      }
      return `Allow the caller (${request.from}) on ${host}: MeshService.allowFrom() or ZeroTrustNamespace.allow() with its identity, the method and the path.`;
    case TraceOutcome.RESET:
      return 'Make both ends agree on mTLS: call from a workload with an Istio proxy, or relax the PeerAuthentication to PERMISSIVE during a migration.';
    case TraceOutcome.UNAVAILABLE:
      return 'Give the route a backend with pods behind it: a Service that selects running workloads, on a port it has, and a subset a DestinationRule defines.';
    case TraceOutcome.NO_ROUTE:
      return 'Route the request: serve its host and port on the gateway and expose a match that takes its path.';
    case TraceOutcome.REDIRECTED:
      return 'Call the URL the route redirects to (https, when the server redirects to HTTPS).';
    case TraceOutcome.ABORTED:
    case TraceOutcome.DIRECT_RESPONSE:
      return 'Remove the fault injection or direct response from the route, or expect that outcome.';
    default:
      return intent.backends ? 'Check the route\'s weights: the split the release declares must be what the VirtualService renders.'
        : `Change the mesh so that the request is ${intent.outcome}, or expect what it does.`;
  }
}

/** The public view of an intent. @internal */
export function _publicIntent(intent: _Intent): TrafficIntent {
  return {
    kind: intent.kind as TrafficIntentKind,
    from: intent.from === '' ? undefined : intent.from,
    url: intent.url,
    method: intent.method,
    outcome: intent.outcome as TraceOutcome | undefined,
    declaredBy: intent.declaredBy,
    callee: intent.callee,
    caller: intent.caller,
    description: intent.description,
  };
}

/** How intents are traced: the trace's options, strict mode and what lives outside the app. @internal */
export interface _IntentCheckOptions extends TraceOptions {
  readonly strict?: boolean;
  readonly external?: ExternalReferences;
}

/**
 * Traces the intents of the App of `scope` over its manifests, with one model built for all of them, or the model
 * given (the synth's analysis built it from the same manifests, namespace, mesh config, strictness and references).
 * @internal
 */
export function _checkAppIntents(scope: IConstruct, manifests: any[], options: _IntentCheckOptions, built?: _MeshModel): _IntentReport {
  const intents = _intentsOf(scope);
  if (intents.length === 0) return { checks: [], notes: [] };
  const model = built ?? new _MeshModel(manifests, {
    defaultNamespace: options.defaultNamespace, meshConfig: options.meshConfig, strict: options.strict ?? false, external: options.external,
  });
  const traceModel = new _TraceModel(model, options);
  return _checkIntents(model, intents, (request) => traceModel.trace(request), options.strict ?? false);
}

/**
 * The synth's messages for the intents: one per failed request. The notes (what had to be assumed)
 * are printed with the findings. A model that throws fails the synth with the error, as a rule that
 * throws does, rather than passing a mesh nobody checked. @internal
 */
export function _appIntentMessages(scope: IConstruct, manifests: any[], options: _IntentCheckOptions, print: boolean, model?: _MeshModel): string[] {
  let report: _IntentReport;
  try {
    report = _checkAppIntents(scope, manifests, options, model);
  } catch (e) {
    return [`error TRAFFIC internal: the traffic intents could not be traced: ${(e as Error).message} Fix: report this as a bug in cdk8s-istio; `
      + 'SynthAnalysis.attach(app, { checkIntents: false }) turns the check off meanwhile.'];
  }
  if (print && report.notes.length > 0) process.stderr.write(`cdk8s-istio traffic intents:\n${report.notes.map((n) => `  note: ${n}`).join('\n')}\n`);
  // One message per intent: the first request that failed, and how many of its other requests failed too
  // (an unlisted caller let into a namespace is one mistake, whatever the number of its Services).
  const byIntent = new Map<TrafficIntent, TrafficIntentCheck[]>();
  for (const c of report.checks) {
    if (c.ok) continue;
    const same = byIntent.get(c.intent);
    if (same) same.push(c);
    else byIntent.set(c.intent, [c]);
  }
  return [...byIntent.values()].map(([first, ...rest]) => rest.length === 0 ? first.message!
    : `${first.message!} The same for ${rest.length} more request${rest.length > 1 ? 's' : ''} of this intent: ${rest.map((c) => c.request.url).join(', ')}.`);
}

const OUTCOMES = Object.values(TraceOutcome) as string[];

/** True when the trace can take the URL (`_parseUrl` accepts it). */
function isTraceableUrl(url: string): boolean {
  try {
    _parseUrl(url);
    return true;
  } catch {
    return false;
  }
}

/** Records a user's expectation for the App, after checking it. @internal */
export function _expect(app: IConstruct, expectation: TrafficExpectation): void {
  const subject = 'SynthAnalysis.expect';
  const e = expectation ?? ({} as TrafficExpectation);
  const fail = (prop: string, what: string, value: unknown, fix: string) => {
    throw new Error(`${subject}: '${prop}' ${what} (received: ${JSON.stringify(value)}). ${fix}`);
  };
  if (typeof e.from !== 'string' || !/^(pod|plain|gateway):[a-z0-9]/.test(e.from)) {
    fail('from', 'must be a trace source: pod:<namespace>/<serviceaccount>, plain:<namespace> or gateway:<namespace>/<serviceaccount>?<labels>', e.from,
      'Give the caller such as \'pod:web/frontend\'.');
  }
  if (typeof e.url !== 'string' || !isTraceableUrl(e.url)) {
    fail('url', 'must be an http(s) URL as the client dials it', e.url, 'Give a URL such as \'http://cart.shop.svc.cluster.local:8080/cart\'.');
  }
  if (!OUTCOMES.includes(e.outcome as string)) {
    fail('outcome', `must be one of ${OUTCOMES.join(', ')}`, e.outcome, 'Use a TraceOutcome, such as TraceOutcome.DELIVERED.');
  }
  if (e.method !== undefined && (typeof e.method !== 'string' || !/^[A-Za-z]+$/.test(e.method))) {
    fail('method', 'must be an HTTP method', e.method, 'Give a method such as \'GET\', or leave it out.');
  }
  const description = e.description ?? `${e.method ?? 'GET'} ${e.url} from ${e.from} is ${e.outcome}`;
  const recorded: _Intent = {
    kind: 'expectation',
    from: e.from,
    url: e.url,
    method: e.method,
    headers: e.headers ? { ...e.headers } : undefined,
    outcome: e.outcome,
    declaredBy: app.node.path,
    description,
  };
  _declareIntents(app, () => [recorded]);
}
