import { AccessLogEncoding, DefaultProviders, ExtensionProvider, MeshConfigOptions } from './mesh-config';
import { _compact } from '../core/_compact';
import { _renderDuration } from '../core/_duration';
import { _didYouMean, _Problems } from '../core/_errors';
import { _checkNamespace, _isTrustDomain } from '../core/_names';
import { _checkCount, _checkPercentage } from '../core/_numbers';
import { OutboundTrafficPolicyMode } from '../networking/sidecar';

/** The kinds of telemetry a provider serves. */
export const _KINDS = ExtensionProvider._KINDS;
const KINDS = _KINDS;

/** The names of the providers declared by options plus the built-ins. @internal */
export function _declaredProviders(options: MeshConfigOptions | undefined): Map<string, string | undefined> {
  const names = new Map<string, string | undefined>([
    ['envoy', KINDS.ACCESS_LOG], ['prometheus', KINDS.METRICS], ['stackdriver', undefined],
  ]);
  for (const p of options?.extensionProviders ?? []) names.set(p.name, p._kind);
  return names;
}

/** Checks mesh config options, collecting problems under `meshConfig.*`. @internal */
export function _checkMeshConfig(problems: _Problems, m: MeshConfigOptions | undefined, subject: string): void {
  if (!m) return;
  const encodings = Object.values(AccessLogEncoding) as string[];
  problems.check(m.accessLogEncoding === undefined || encodings.includes(m.accessLogEncoding), 'meshConfig.accessLogEncoding',
    `must be one of ${encodings.join(', ')}`, m.accessLogEncoding, 'Use AccessLogEncoding.TEXT or AccessLogEncoding.JSON.');
  problems.check(m.accessLogFile === undefined || m.accessLogFile.length > 0, 'meshConfig.accessLogFile', 'must not be empty', m.accessLogFile,
    'Give a path such as \'/dev/stdout\', or leave accessLogFile out for no access log.');
  problems.check(!((m.accessLogEncoding !== undefined || m.accessLogFormat !== undefined) && m.accessLogFile === undefined), 'meshConfig.accessLogFile',
    'must be set when accessLogEncoding or accessLogFormat is: they format the log accessLogFile turns on', m.accessLogFile,
    'Set accessLogFile: \'/dev/stdout\', or drop the format settings.');
  const modes = Object.values(OutboundTrafficPolicyMode) as string[];
  problems.check(m.outboundTrafficPolicy === undefined || modes.includes(m.outboundTrafficPolicy), 'meshConfig.outboundTrafficPolicy',
    `must be one of ${modes.join(', ')}`, m.outboundTrafficPolicy, 'Use OutboundTrafficPolicyMode.ALLOW_ANY or OutboundTrafficPolicyMode.REGISTRY_ONLY.');
  _checkPercentage(problems, 'meshConfig.defaultConfig.tracingSampling', m.defaultConfig?.tracingSampling);
  _checkCount(problems, 'meshConfig.defaultConfig.concurrency', m.defaultConfig?.concurrency, 0);
  if (m.defaultConfig?.terminationDrainDuration) {
    try {
      _renderDuration(m.defaultConfig.terminationDrainDuration, subject, 'meshConfig.defaultConfig.terminationDrainDuration');
    } catch (e) {
      problems.add('meshConfig.defaultConfig.terminationDrainDuration', 'must be a whole number of milliseconds, at least 1ms',
        m.defaultConfig.terminationDrainDuration, 'Give a duration such as Duration.seconds(5).');
    }
  }
  problems.check(m.trustDomain === undefined || _isTrustDomain(m.trustDomain), 'meshConfig.trustDomain',
    'must be a domain name in lower case: dot-separated DNS labels of at most 63 characters', m.trustDomain, 'Give a trust domain such as \'cluster.local\' or \'example.com\'.');
  if (m.rootNamespace !== undefined) _checkNamespace(problems, 'meshConfig.rootNamespace', m.rootNamespace, 'Give a namespace such as \'istio-system\'.');
  const seen = new Set<string>();
  (m.extensionProviders ?? []).forEach((p, i) => {
    problems.check(p instanceof ExtensionProvider, `meshConfig.extensionProviders[${i}]`, 'must be an ExtensionProvider', p,
      'Use a factory such as ExtensionProvider.zipkin() or ExtensionProvider.openTelemetryTracing().');
    if (!(p instanceof ExtensionProvider)) return;
    problems.check(!seen.has(p.name), `meshConfig.extensionProviders[${i}].name`, 'is declared twice', p.name, 'Give each provider its own name.');
    seen.add(p.name);
  });
  const declared = _declaredProviders(m);
  const kinds: Array<[keyof DefaultProviders, string]> = [
    ['tracing', KINDS.TRACING], ['metrics', KINDS.METRICS], ['accessLogging', KINDS.ACCESS_LOG],
  ];
  for (const [field, kind] of kinds) {
    (m.defaultProviders?.[field] ?? []).forEach((name, i) => _checkProviderName(problems, `meshConfig.defaultProviders.${field}[${i}]`, name, kind, declared));
  }
}

/** Checks that a provider name is declared and serves the kind of telemetry it is used for. @internal */
export function _checkProviderName(problems: _Problems, prop: string, name: string, kind: string,
  declared: Map<string, string | undefined>): void {
  if (!declared.has(name)) {
    const names = [...declared.keys()];
    problems.add(prop, 'names a provider that meshConfig.extensionProviders does not declare', name,
      `Declare it in meshConfig.extensionProviders (for example with ExtensionProvider.${kind === KINDS.TRACING ? 'openTelemetryTracing' : kind === KINDS.METRICS ? 'prometheus' : 'envoyFileAccessLog'}()), or use one of: ${names.join(', ')}.${_didYouMean(name, names)}`);
    return;
  }
  const actual = declared.get(name);
  problems.check(actual === undefined || actual === kind, prop, `names a ${actual} provider, which cannot serve ${kind}`, name,
    `Name a provider that serves ${kind}: ${[...declared.entries()].filter(([, k]) => k === kind).map(([n]) => n).join(', ') || 'declare one in meshConfig.extensionProviders'}.`);
}

/** Renders mesh config options as the `meshConfig` block. @internal */
export function _renderMeshConfig(m: MeshConfigOptions | undefined, subject: string): { [key: string]: unknown } {
  if (!m) return {};
  const d = m.defaultConfig;
  const defaultConfig = d ? _compact({
    tracing: d.tracingSampling !== undefined ? { sampling: d.tracingSampling } : undefined,
    holdApplicationUntilProxyStarts: d.holdApplicationUntilProxyStarts,
    concurrency: d.concurrency,
    terminationDrainDuration: d.terminationDrainDuration
      ? _renderDuration(d.terminationDrainDuration, subject, 'meshConfig.defaultConfig.terminationDrainDuration') : undefined,
    proxyMetadata: d.proxyMetadata && Object.keys(d.proxyMetadata).length > 0 ? { ...d.proxyMetadata } : undefined,
  }) : {};
  const providers = m.defaultProviders ? _compact({
    tracing: m.defaultProviders.tracing?.length ? [...m.defaultProviders.tracing] : undefined,
    metrics: m.defaultProviders.metrics?.length ? [...m.defaultProviders.metrics] : undefined,
    accessLogging: m.defaultProviders.accessLogging?.length ? [...m.defaultProviders.accessLogging] : undefined,
  }) : {};
  return _compact({
    accessLogFile: m.accessLogFile,
    accessLogEncoding: m.accessLogEncoding,
    accessLogFormat: m.accessLogFormat,
    outboundTrafficPolicy: m.outboundTrafficPolicy ? { mode: m.outboundTrafficPolicy } : undefined,
    enableTracing: m.enableTracing,
    defaultConfig: Object.keys(defaultConfig).length > 0 ? defaultConfig : undefined,
    trustDomain: m.trustDomain,
    enableAutoMtls: m.enableAutoMtls,
    rootNamespace: m.rootNamespace,
    enablePrometheusMerge: m.enablePrometheusMerge,
    extensionProviders: m.extensionProviders?.length ? m.extensionProviders.map((p) => p._toMeshConfig()) : undefined,
    defaultProviders: Object.keys(providers).length > 0 ? providers : undefined,
  });
}
