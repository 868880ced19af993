/**
 * One hand-made violating manifest for every CEL rule (`x-kubernetes-validations`) of the storage-version
 * schemas of Istio 1.30.3's CRDs, and compliant manifests for every kind. Used by cel-rules.test.ts.
 *
 * Each case names its rule by kind (`group/version/Kind`), schema path and rule text, exactly as
 * `istio-1.30.3-cel-rules.json` does, holds the `spec` of a manifest that is valid in every other respect,
 * and the JSON pointer where the problem must be reported. Rules repeated across kinds share builders.
 */

/** A manifest that breaks one rule. */
export interface ViolationCase {
  /** `group/version/Kind`, as keyed in the rules file. */
  readonly kind: string;
  /** The rule's schema path, `.spec.ports[].number`. */
  readonly path: string;
  /** The rule's CEL text. */
  readonly rule: string;
  /** What the case does, for the test name. */
  readonly does: string;
  /** The manifest's spec. */
  readonly spec: Record<string, unknown>;
  /** Where the problem is reported: the rule's path as a JSON pointer. */
  readonly at: string;
  /** Other rules the manifest cannot help breaking too, with why. */
  readonly also?: ReadonlyArray<{ readonly message: string; readonly at: string; readonly why: string }>;
}

/** Just under the 1ms floor of every duration rule. */
export const TOO_SHORT = '999us';
/** The floor itself, which holds. */
export const SHORTEST = '1ms';

const TE = 'extensions.istio.io/v1alpha1/TrafficExtension';
const WP = 'extensions.istio.io/v1alpha1/WasmPlugin';
const DR = 'networking.istio.io/v1/DestinationRule';
const EF = 'networking.istio.io/v1alpha3/EnvoyFilter';
const GW = 'networking.istio.io/v1/Gateway';
const PC = 'networking.istio.io/v1beta1/ProxyConfig';
const SE = 'networking.istio.io/v1/ServiceEntry';
const SC = 'networking.istio.io/v1/Sidecar';
const VS = 'networking.istio.io/v1/VirtualService';
const WE = 'networking.istio.io/v1/WorkloadEntry';
const WG = 'networking.istio.io/v1/WorkloadGroup';
const AP = 'security.istio.io/v1/AuthorizationPolicy';
const PA = 'security.istio.io/v1/PeerAuthentication';
const RA = 'security.istio.io/v1/RequestAuthentication';
const TM = 'telemetry.istio.io/v1alpha1/Telemetry';

// ---- rule texts shared by several kinds ----
const DURATION = "duration(self) >= duration('1ms')";
const PORT = '0 < self && self <= 65535';
const NO_CROSS_NS = 'self.size() == 0';
const KEY_NO_WILDCARD = 'self.all(key, !key.contains("*"))';
const KEY_NOT_EMPTY = 'self.all(key, key.size() != 0)';
const VALUE_NO_WILDCARD = '!self.contains("*")';
const ONE_OF_SELECTOR_TARGETREFS = '(has(self.selector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1';
const ONE_OF_SELECTOR_TARGETREF_TARGETREFS = '(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1';
const TLS_NAMES_XOR_CERTS = '(has(self.tlsCertificates) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1';
const TLS_NAME_XOR_NAMES = '(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1';
const TLS_NAMES_XOR_CERTS_AGAIN = '(has(self.credentialNames) ? 1 : 0) + (has(self.tlsCertificates) ? 1 : 0) <= 1';
const ADDRESS_REQUIRED = 'has(self.address) || has(self.network)';
const UDS_NO_PORTS = '(has(self.address) ? self.address : "").startsWith("unix://") ? !has(self.ports) : true';
const UDS_ABSOLUTE = 'self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true';
const UDS_NOT_DIR = 'self.startsWith("unix://") ? !self.endsWith("/") : true';
const PORT_NAMES = 'self.all(key, size(key) < 63 && key.matches("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$"))';
const ENV_HOST_NO_VALUE = '(has(self.valueFrom) ? self.valueFrom : "") != "HOST" || !has(self.value)';
const WASM_URL = (schemes: string) =>
  `isURL(self) ? (url(self).getScheme() in [${schemes}]) : (isURL("http://" + self) &&\nurl("http://" + self).getScheme() in [${schemes}])`;
const JWKS_URL = 'url(self).getScheme() in ["http", "https"]';

// ---- messages needed for `also` ----
const MSG_TLS_NAMES_XOR_CERTS = 'only one of credentialNames or tlsCertificates can be set';
const MSG_TLS_NAME_XOR_CERTS = 'only one of credentialName or tlsCertificates can be set';

// ---- building blocks of valid manifests ----
const GATEWAY_REF = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' };
const SELECTOR = { matchLabels: { app: 'reviews' } };

type Spec = Record<string, unknown>;

/** The three label rules of a `matchLabels` map (`selector` or `workloadSelector`). */
function matchLabelsCases(kind: string, field: string, base: Spec): ViolationCase[] {
  const path = `.spec.${field}.matchLabels`;
  const at = `/spec/${field}/matchLabels`;
  const spec = (matchLabels: Record<string, string>) => ({ ...base, [field]: { matchLabels } });
  return [
    { kind, path, rule: KEY_NO_WILDCARD, does: 'a wildcard in a label key', spec: spec({ 'app*': 'reviews' }), at },
    { kind, path, rule: KEY_NOT_EMPTY, does: 'an empty label key', spec: spec({ '': 'reviews' }), at },
    { kind, path: `${path}{}`, rule: VALUE_NO_WILDCARD, does: 'a wildcard in a label value', spec: spec({ app: 'rev*' }), at: `${at}/app` },
  ];
}

/** The label-value rule of a `workloadSelector.labels` map (EnvoyFilter, ServiceEntry, Sidecar). */
function workloadSelectorLabelsCase(kind: string, base: Spec): ViolationCase {
  return {
    kind,
    path: '.spec.workloadSelector.labels{}',
    rule: VALUE_NO_WILDCARD,
    does: 'a wildcard in a workload selector label value',
    spec: { ...base, workloadSelector: { labels: { app: '*' } } },
    at: '/spec/workloadSelector/labels/app',
  };
}

/** The cross-namespace rules of `targetRefs[]` and, where the kind has it, `targetRef`. */
function targetRefNamespaceCases(kind: string, base: Spec, single: boolean): ViolationCase[] {
  const ref = { ...GATEWAY_REF, namespace: 'other' };
  const cases: ViolationCase[] = [{
    kind,
    path: '.spec.targetRefs[].namespace',
    rule: NO_CROSS_NS,
    does: 'a targetRefs item in another namespace',
    spec: { ...base, targetRefs: [ref] },
    at: '/spec/targetRefs/0/namespace',
  }];
  if (single) {
    cases.push({
      kind,
      path: '.spec.targetRef.namespace',
      rule: NO_CROSS_NS,
      does: 'a targetRef in another namespace',
      spec: { ...base, targetRef: ref },
      at: '/spec/targetRef/namespace',
    });
  }
  return cases;
}

/** "only one of targetRefs or selector": both set. */
function selectorAndTargetRefsCase(kind: string, rule: string, base: Spec): ViolationCase {
  return {
    kind,
    path: '.spec',
    rule,
    does: 'both selector and targetRefs',
    spec: { ...base, selector: SELECTOR, targetRefs: [GATEWAY_REF] },
    at: '/spec',
  };
}

/** The three TLS credential rules of a Gateway server's or a Sidecar ingress listener's `tls`. */
function tlsCases(kind: string, path: string, wrap: (tls: Spec) => Spec, at: string): ViolationCase[] {
  const cert = { privateKey: '/etc/certs/key.pem', serverCertificate: '/etc/certs/cert.pem' };
  const namesAndCerts = wrap({ mode: 'SIMPLE', credentialNames: ['reviews-cert'], tlsCertificates: [cert] });
  return [
    {
      kind,
      path,
      rule: TLS_NAMES_XOR_CERTS,
      does: 'both credentialNames and tlsCertificates',
      spec: namesAndCerts,
      at,
      also: [{ message: MSG_TLS_NAME_XOR_CERTS, at, why: 'its rule text is the same check as this one (Istio bug: it was meant to test credentialName)' }],
    },
    {
      kind,
      path,
      rule: TLS_NAME_XOR_NAMES,
      does: 'both credentialName and credentialNames',
      spec: wrap({ mode: 'SIMPLE', credentialName: 'reviews-cert', credentialNames: ['reviews-cert-2'] }),
      at,
    },
    {
      kind,
      path,
      rule: TLS_NAMES_XOR_CERTS_AGAIN,
      does: 'both credentialNames and tlsCertificates (the rule whose message says credentialName)',
      spec: namesAndCerts,
      at,
      also: [{ message: MSG_TLS_NAMES_XOR_CERTS, at, why: 'the two rules are the same check' }],
    },
  ];
}

/**
 * The rules of a WorkloadEntry-shaped object (WorkloadEntry's spec, a ServiceEntry endpoint, a
 * WorkloadGroup template): address or network, Unix domain sockets, port names and numbers.
 */
function workloadEntryCases(kind: string, path: string, wrap: (entry: Spec) => Spec, at: string, addressRequired: boolean): ViolationCase[] {
  const cases: ViolationCase[] = [
    {
      kind,
      path,
      rule: UDS_NO_PORTS,
      does: 'a Unix domain socket with ports',
      spec: wrap({ address: 'unix:///var/run/reviews.sock', ports: { http: 8080 } }),
      at,
    },
    {
      kind,
      path: `${path}.address`,
      rule: UDS_ABSOLUTE,
      does: 'a relative Unix domain socket path',
      spec: wrap({ address: 'unix://var/run/reviews.sock' }),
      at: `${at}/address`,
    },
    {
      kind,
      path: `${path}.address`,
      rule: UDS_NOT_DIR,
      does: 'a Unix domain socket path ending in /',
      spec: wrap({ address: 'unix:///var/run/' }),
      at: `${at}/address`,
    },
    {
      kind,
      path: `${path}.ports`,
      rule: PORT_NAMES,
      does: 'a port name with an underscore',
      spec: wrap({ address: '10.0.0.1', ports: { http_web: 8080 } }),
      at: `${at}/ports`,
    },
    {
      kind,
      path: `${path}.ports{}`,
      rule: PORT,
      does: 'port 0',
      spec: wrap({ address: '10.0.0.1', ports: { http: 0 } }),
      at: `${at}/ports/http`,
    },
  ];
  if (addressRequired) {
    cases.unshift({ kind, path, rule: ADDRESS_REQUIRED, does: 'neither address nor network', spec: wrap({ labels: { app: 'reviews' } }), at });
  }
  return cases;
}

/** The duration fields of a connection pool (DestinationRule traffic policies, Sidecar). */
const CONNECTION_POOL_DURATIONS: ReadonlyArray<[string, (d: string) => Spec]> = [
  ['http.idleTimeout', (d) => ({ http: { idleTimeout: d } })],
  ['tcp.connectTimeout', (d) => ({ tcp: { connectTimeout: d } })],
  ['tcp.maxConnectionDuration', (d) => ({ tcp: { maxConnectionDuration: d } })],
  ['tcp.tcpKeepalive.interval', (d) => ({ tcp: { tcpKeepalive: { interval: d } } })],
  ['tcp.tcpKeepalive.time', (d) => ({ tcp: { tcpKeepalive: { time: d } } })],
];

/** The duration fields of a DestinationRule traffic policy (or of its port-level settings). */
const TRAFFIC_POLICY_DURATIONS: ReadonlyArray<[string, (d: string) => Spec]> = [
  ...CONNECTION_POOL_DURATIONS.map(([field, pool]): [string, (d: string) => Spec] => [`connectionPool.${field}`, (d) => ({ connectionPool: pool(d) })]),
  ['loadBalancer.warmup.duration', (d) => ({ loadBalancer: { simple: 'LEAST_REQUEST', warmup: { duration: d } } })],
  ['loadBalancer.warmupDurationSecs', (d) => ({ loadBalancer: { simple: 'LEAST_REQUEST', warmupDurationSecs: d } })],
  ['outlierDetection.baseEjectionTime', (d) => ({ outlierDetection: { baseEjectionTime: d } })],
  ['outlierDetection.interval', (d) => ({ outlierDetection: { interval: d } })],
];

/** A duration rule broken at `field` below `path`. */
function durationCases(kind: string, path: string, at: string, fields: ReadonlyArray<[string, (d: string) => Spec]>, wrap: (s: Spec) => Spec) {
  return fields.map(([field, build]): ViolationCase => ({
    kind,
    path: `${path}.${field}`,
    rule: DURATION,
    does: `${field} of ${TOO_SHORT}`,
    spec: wrap(build(TOO_SHORT)),
    at: `${at}/${field.replace(/\./g, '/')}`,
  }));
}

const DR_HOST = { host: 'reviews.prod.svc.cluster.local' };
const PORT_8080 = { port: { number: 8080 } };
const SUBSET_V1 = { name: 'v1', labels: { version: 'v1' } };

/** Where a DestinationRule traffic policy sits: [rule path, JSON pointer, spec builder]. */
const DR_TRAFFIC_POLICIES: ReadonlyArray<[string, string, (tp: Spec) => Spec]> = [
  ['.spec.trafficPolicy', '/spec/trafficPolicy', (tp) => ({ ...DR_HOST, trafficPolicy: tp })],
  ['.spec.trafficPolicy.portLevelSettings[]', '/spec/trafficPolicy/portLevelSettings/0',
    (tp) => ({ ...DR_HOST, trafficPolicy: { portLevelSettings: [{ ...PORT_8080, ...tp }] } })],
  ['.spec.subsets[].trafficPolicy', '/spec/subsets/0/trafficPolicy', (tp) => ({ ...DR_HOST, subsets: [{ ...SUBSET_V1, trafficPolicy: tp }] })],
  ['.spec.subsets[].trafficPolicy.portLevelSettings[]', '/spec/subsets/0/trafficPolicy/portLevelSettings/0',
    (tp) => ({ ...DR_HOST, subsets: [{ ...SUBSET_V1, trafficPolicy: { portLevelSettings: [{ ...PORT_8080, ...tp }] } }] })],
];

const HTTP_9080 = { number: 9080, protocol: 'HTTP', name: 'http' };
const WASM = { url: 'oci://ghcr.io/acme/filter:v1' };
const SE_BASE = { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'TLS' }] };
const VS_ROUTE = { route: [{ destination: { host: 'reviews' } }] };
const vsHttp = (http: Spec) => ({ hosts: ['reviews'], http: [{ ...http, ...VS_ROUTE }] });
const JWT_ISSUER = { issuer: 'https://idp.example.com' };
const metricsOverride = (tagOverrides: Spec) => ({ metrics: [{ overrides: [{ tagOverrides }] }] });

/** Every case, by kind. */
export const VIOLATIONS: ViolationCase[] = [
  // ---- TrafficExtension ----
  selectorAndTargetRefsCase(TE, ONE_OF_SELECTOR_TARGETREFS, { wasm: WASM }),
  {
    kind: TE,
    path: '.spec',
    rule: 'has(self.wasm) != has(self.lua)',
    does: 'neither wasm nor lua (both is already rejected by the schema\'s oneOf)',
    spec: { selector: SELECTOR },
    at: '/spec',
  },
  ...matchLabelsCases(TE, 'selector', { wasm: WASM }),
  ...targetRefNamespaceCases(TE, { wasm: WASM }, false),
  {
    kind: TE,
    path: '.spec.wasm.url',
    rule: WASM_URL('"", "http", "https", "file", "oci"'),
    does: 'an ftp:// URL',
    spec: { wasm: { url: 'ftp://example.com/filter.wasm' } },
    at: '/spec/wasm/url',
  },
  {
    kind: TE,
    path: '.spec.wasm.vmConfig.env[]',
    rule: ENV_HOST_NO_VALUE,
    does: 'a value on an env var taken from the host',
    spec: { wasm: { ...WASM, vmConfig: { env: [{ name: 'POD_NAME', valueFrom: 'HOST', value: 'x' }] } } },
    at: '/spec/wasm/vmConfig/env/0',
  },

  // ---- WasmPlugin ----
  selectorAndTargetRefsCase(WP, ONE_OF_SELECTOR_TARGETREF_TARGETREFS, WASM),
  ...matchLabelsCases(WP, 'selector', WASM),
  ...targetRefNamespaceCases(WP, WASM, true),
  {
    kind: WP,
    path: '.spec.url',
    rule: WASM_URL('"", "http", "https", "oci", "file"'),
    does: 'a registry host:port without a scheme, which parses as scheme "localhost"',
    spec: { url: 'localhost:5000/filter' },
    at: '/spec/url',
  },
  {
    kind: WP,
    path: '.spec.vmConfig.env[]',
    rule: ENV_HOST_NO_VALUE,
    does: 'a value on an env var taken from the host',
    spec: { ...WASM, vmConfig: { env: [{ name: 'POD_NAME', valueFrom: 'HOST', value: 'x' }] } },
    at: '/spec/vmConfig/env/0',
  },

  // ---- DestinationRule ----
  ...DR_TRAFFIC_POLICIES.flatMap(([path, at, wrap]) => durationCases(DR, path, at, TRAFFIC_POLICY_DURATIONS, wrap)),
  ...matchLabelsCases(DR, 'workloadSelector', DR_HOST),

  // ---- EnvoyFilter ----
  {
    kind: EF,
    path: '.spec',
    rule: '(has(self.workloadSelector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1',
    does: 'both workloadSelector and targetRefs',
    spec: { workloadSelector: { labels: { app: 'reviews' } }, targetRefs: [GATEWAY_REF] },
    at: '/spec',
  },
  {
    kind: EF,
    path: '.spec.configPatches[].match',
    rule: 'has(self.context) ? ((self.context == "WAYPOINT") ? has(self.waypoint) : !has(self.waypoint)) : !has(self.waypoint)',
    does: 'a waypoint match outside the WAYPOINT context',
    spec: { configPatches: [{ applyTo: 'HTTP_FILTER', match: { context: 'SIDECAR_INBOUND', waypoint: { portNumber: 8080 } }, patch: { operation: 'MERGE' } }] },
    at: '/spec/configPatches/0/match',
  },
  {
    kind: EF,
    path: '.spec.configPatches[].match.waypoint.portNumber',
    rule: PORT,
    does: 'waypoint port 0',
    spec: { configPatches: [{ applyTo: 'HTTP_FILTER', match: { context: 'WAYPOINT', waypoint: { portNumber: 0 } }, patch: { operation: 'MERGE' } }] },
    at: '/spec/configPatches/0/match/waypoint/portNumber',
  },
  ...targetRefNamespaceCases(EF, {}, false),
  workloadSelectorLabelsCase(EF, {}),

  // ---- Gateway ----
  ...tlsCases(GW, '.spec.servers[].tls', (tls) => ({
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['reviews.example.com'], tls }],
  }), '/spec/servers/0/tls'),

  // ---- ProxyConfig ----
  ...matchLabelsCases(PC, 'selector', { concurrency: 2 }),

  // ---- ServiceEntry ----
  {
    kind: SE,
    path: '.spec',
    rule: '(has(self.workloadSelector) ? 1 : 0) + (has(self.endpoints) ? 1 : 0) <= 1',
    does: 'both workloadSelector and endpoints',
    spec: { ...SE_BASE, resolution: 'STATIC', workloadSelector: { labels: { app: 'api' } }, endpoints: [{ address: '10.0.0.1' }] },
    at: '/spec',
  },
  {
    kind: SE,
    path: '.spec',
    rule: '!((has(self.addresses) ? self.addresses : []).exists(k, k.contains("/")) && !((has(self.resolution) ? self.resolution : "NONE") in ["STATIC", "NONE"]))',
    does: 'a CIDR address with DNS resolution',
    spec: { ...SE_BASE, addresses: ['10.0.0.0/24'], resolution: 'DNS' },
    at: '/spec',
  },
  {
    kind: SE,
    path: '.spec',
    rule: '((has(self.resolution) ? self.resolution : "NONE") == "NONE") ? !has(self.endpoints) : true',
    does: 'endpoints with the default NONE resolution',
    spec: { ...SE_BASE, endpoints: [{ address: '10.0.0.1' }] },
    at: '/spec',
  },
  {
    kind: SE,
    path: '.spec',
    rule: '((has(self.resolution) ? self.resolution : "") == "DNS_ROUND_ROBIN") ? ((has(self.endpoints) ? self.endpoints : []).size() <= 1) : true',
    does: 'two endpoints with DNS_ROUND_ROBIN resolution',
    spec: { ...SE_BASE, resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }] },
    at: '/spec',
  },
  ...workloadEntryCases(SE, '.spec.endpoints[]', (endpoint) => ({ ...SE_BASE, resolution: 'STATIC', endpoints: [endpoint] }), '/spec/endpoints/0', true),
  {
    kind: SE,
    path: '.spec.hosts[]',
    rule: 'self != "*"',
    does: 'the host *',
    spec: { ...SE_BASE, hosts: ['*'] },
    at: '/spec/hosts/0',
  },
  {
    kind: SE,
    path: '.spec.ports',
    rule: 'self.all(l1, self.exists_one(l2, l1.number == l2.number))',
    does: 'two ports of the same number under different names (the list-map key is the name)',
    spec: { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'TLS' }, { number: 443, name: 'tls', protocol: 'TLS' }] },
    at: '/spec/ports',
  },
  {
    kind: SE,
    path: '.spec.ports[].number',
    rule: PORT,
    does: 'port 0',
    spec: { hosts: ['api.example.com'], ports: [{ number: 0, name: 'https', protocol: 'TLS' }] },
    at: '/spec/ports/0/number',
  },
  {
    kind: SE,
    path: '.spec.ports[].targetPort',
    rule: PORT,
    does: 'target port 65536',
    spec: { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'TLS', targetPort: 65536 }] },
    at: '/spec/ports/0/targetPort',
  },
  workloadSelectorLabelsCase(SE, SE_BASE),

  // ---- Sidecar ----
  ...durationCases(SC, '.spec.inboundConnectionPool', '/spec/inboundConnectionPool', CONNECTION_POOL_DURATIONS, (pool) => ({ inboundConnectionPool: pool })),
  ...durationCases(SC, '.spec.ingress[].connectionPool', '/spec/ingress/0/connectionPool', CONNECTION_POOL_DURATIONS,
    (pool) => ({ ingress: [{ port: HTTP_9080, connectionPool: pool }] })),
  ...tlsCases(SC, '.spec.ingress[].tls', (tls) => ({ ingress: [{ port: { number: 9443, protocol: 'HTTPS', name: 'https' }, tls }] }), '/spec/ingress/0/tls'),
  workloadSelectorLabelsCase(SC, {}),

  // ---- VirtualService ----
  ...durationCases(VS, '.spec.http[]', '/spec/http/0', [
    ['corsPolicy.maxAge', (d) => ({ corsPolicy: { maxAge: d } })],
    ['fault.delay.exponentialDelay', (d) => ({ fault: { delay: { exponentialDelay: d } } })],
    ['fault.delay.fixedDelay', (d) => ({ fault: { delay: { fixedDelay: d } } })],
    ['retries.backoff', (d) => ({ retries: { attempts: 3, backoff: d } })],
    ['retries.perTryTimeout', (d) => ({ retries: { attempts: 3, perTryTimeout: d } })],
    ['timeout', (d) => ({ timeout: d })],
  ], vsHttp),

  // ---- WorkloadEntry ----
  ...workloadEntryCases(WE, '.spec', (entry) => entry, '/spec', true),

  // ---- WorkloadGroup ----
  {
    kind: WG,
    path: '.spec.probe.grpc.port',
    rule: PORT,
    does: 'gRPC probe port 0',
    spec: { template: {}, probe: { grpc: { port: 0 } } },
    at: '/spec/probe/grpc/port',
  },
  {
    kind: WG,
    path: '.spec.probe.httpGet.port',
    rule: PORT,
    does: 'HTTP probe port 0',
    spec: { template: {}, probe: { httpGet: { port: 0 } } },
    at: '/spec/probe/httpGet/port',
  },
  {
    kind: WG,
    path: '.spec.probe.httpGet.scheme',
    rule: 'self in ["", "HTTP", "HTTPS"]',
    does: 'HTTP probe scheme "http" (lower case)',
    spec: { template: {}, probe: { httpGet: { port: 8080, scheme: 'http' } } },
    at: '/spec/probe/httpGet/scheme',
  },
  {
    kind: WG,
    path: '.spec.probe.tcpSocket.port',
    rule: PORT,
    does: 'TCP probe port 65536',
    spec: { template: {}, probe: { tcpSocket: { port: 65536 } } },
    at: '/spec/probe/tcpSocket/port',
  },
  ...workloadEntryCases(WG, '.spec.template', (template) => ({ template }), '/spec/template', false),

  // ---- AuthorizationPolicy ----
  selectorAndTargetRefsCase(AP, ONE_OF_SELECTOR_TARGETREF_TARGETREFS, {}),
  {
    kind: AP,
    path: '.spec.rules[].from[].source',
    rule: '(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) &&\n!has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true',
    does: 'serviceAccounts together with namespaces',
    spec: { rules: [{ from: [{ source: { serviceAccounts: ['prod/reviews'], namespaces: ['prod'] } }] }] },
    at: '/spec/rules/0/from/0/source',
  },
  ...matchLabelsCases(AP, 'selector', {}),
  ...targetRefNamespaceCases(AP, {}, true),

  // ---- PeerAuthentication ----
  {
    kind: PA,
    path: '.spec',
    rule: 'has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true',
    does: 'port-level mTLS without a selector',
    spec: { portLevelMtls: { 8080: { mode: 'DISABLE' } } },
    at: '/spec',
  },
  {
    kind: PA,
    path: '.spec.portLevelMtls',
    rule: 'self.all(key, 0 < int(key) && int(key) <= 65535)',
    does: 'port-level mTLS on port 0',
    spec: { selector: SELECTOR, portLevelMtls: { 0: { mode: 'DISABLE' } } },
    at: '/spec/portLevelMtls',
  },
  ...matchLabelsCases(PA, 'selector', {}),

  // ---- RequestAuthentication ----
  {
    ...selectorAndTargetRefsCase(RA, ONE_OF_SELECTOR_TARGETREF_TARGETREFS, {}),
    does: 'both selector and targetRef',
    spec: { selector: SELECTOR, targetRef: GATEWAY_REF },
  },
  {
    kind: RA,
    path: '.spec.jwtRules[]',
    rule: '(has(self.jwksUri) ? 1 : 0) + (has(self.jwks_uri) ? 1 : 0) + (has(self.jwks) ? 1 : 0) <= 1',
    does: 'both jwksUri and jwks',
    spec: { jwtRules: [{ ...JWT_ISSUER, jwksUri: 'https://idp.example.com/jwks', jwks: '{"keys":[]}' }] },
    at: '/spec/jwtRules/0',
  },
  {
    kind: RA,
    path: '.spec.jwtRules[].jwks_uri',
    rule: JWKS_URL,
    does: 'an ftp:// jwks_uri',
    spec: { jwtRules: [{ ...JWT_ISSUER, jwks_uri: 'ftp://idp.example.com/jwks' }] },
    at: '/spec/jwtRules/0/jwks_uri',
  },
  {
    kind: RA,
    path: '.spec.jwtRules[].jwksUri',
    rule: JWKS_URL,
    does: 'a jwksUri without a scheme',
    spec: { jwtRules: [{ ...JWT_ISSUER, jwksUri: 'idp.example.com/jwks' }] },
    at: '/spec/jwtRules/0/jwksUri',
  },
  {
    kind: RA,
    path: '.spec.jwtRules[].timeout',
    rule: DURATION,
    does: `a JWKS fetch timeout of ${TOO_SHORT}`,
    spec: { jwtRules: [{ ...JWT_ISSUER, timeout: TOO_SHORT }] },
    at: '/spec/jwtRules/0/timeout',
  },
  ...matchLabelsCases(RA, 'selector', {}),
  ...targetRefNamespaceCases(RA, {}, true),

  // ---- Telemetry ----
  selectorAndTargetRefsCase(TM, ONE_OF_SELECTOR_TARGETREF_TARGETREFS, {}),
  {
    kind: TM,
    path: '.spec.metrics[].overrides[].tagOverrides{}',
    rule: '((has(self.operation) ? self.operation : "") == "UPSERT") ? (self.value != "") : true',
    does: 'an UPSERT with an empty value',
    spec: metricsOverride({ request_host: { operation: 'UPSERT', value: '' } }),
    at: '/spec/metrics/0/overrides/0/tagOverrides/request_host',
  },
  {
    kind: TM,
    path: '.spec.metrics[].overrides[].tagOverrides{}',
    rule: '((has(self.operation) ? self.operation : "") == "REMOVE") ? !has(self.value) : true',
    does: 'a REMOVE with a value',
    spec: metricsOverride({ request_host: { operation: 'REMOVE', value: 'x' } }),
    at: '/spec/metrics/0/overrides/0/tagOverrides/request_host',
  },
  {
    kind: TM,
    path: '.spec.metrics[].reportingInterval',
    rule: DURATION,
    does: `a reporting interval of ${TOO_SHORT}`,
    spec: { metrics: [{ providers: [{ name: 'prometheus' }], reportingInterval: TOO_SHORT }] },
    at: '/spec/metrics/0/reportingInterval',
  },
  ...matchLabelsCases(TM, 'selector', {}),
  ...targetRefNamespaceCases(TM, {}, true),
];

const LABELS = { matchLabels: { 'app.kubernetes.io/name': 'reviews', 'version': 'v1' } };
const ENV = { env: [{ name: 'POD_NAME', valueFrom: 'HOST' }, { name: 'MODE', valueFrom: 'INLINE', value: 'strict' }] };
const POOL = (d: string) => ({
  http: { idleTimeout: d },
  tcp: { connectTimeout: d, maxConnectionDuration: d, tcpKeepalive: { interval: d, time: d } },
});
const TRAFFIC_POLICY = (d: string) => ({
  connectionPool: POOL(d),
  loadBalancer: { simple: 'LEAST_REQUEST', warmup: { duration: d }, warmupDurationSecs: d },
  outlierDetection: { baseEjectionTime: d, interval: d },
});
const CERT = { privateKey: '/etc/certs/key.pem', serverCertificate: '/etc/certs/cert.pem' };
const ENTRY_PORTS = { 'http': 1, 'grpc-web': 65535, 'a': 8080 };

/**
 * Manifests the API server accepts, by kind: together they set every field that carries a rule
 * (with values on the edge of each rule where there is one), so every rule is evaluated and holds.
 */
export const COMPLIANT: Record<string, Spec[]> = {
  [TE]: [
    { selector: LABELS, wasm: { url: 'ghcr.io/acme/filter:v1', vmConfig: ENV } },
    { targetRefs: [{ ...GATEWAY_REF, namespace: '' }], wasm: { url: 'file:///opt/filters/filter.wasm' } },
    { lua: { inlineCode: 'function envoy_on_request(h) end' } },
  ],
  [WP]: [
    { selector: LABELS, url: 'oci://ghcr.io/acme/filter:v1', vmConfig: ENV },
    { targetRefs: [{ ...GATEWAY_REF, namespace: '' }], url: 'https://example.com/filter.wasm' },
    { targetRef: { ...GATEWAY_REF, namespace: '' }, url: 'ghcr.io/acme/filter:v1' },
  ],
  [DR]: [{
    ...DR_HOST,
    workloadSelector: LABELS,
    trafficPolicy: { ...TRAFFIC_POLICY(SHORTEST), portLevelSettings: [{ ...PORT_8080, ...TRAFFIC_POLICY('1h30m') }] },
    subsets: [{ ...SUBSET_V1, trafficPolicy: { ...TRAFFIC_POLICY('0.001s'), portLevelSettings: [{ ...PORT_8080, ...TRAFFIC_POLICY('1000us') }] } }],
  }],
  [EF]: [
    {
      workloadSelector: { labels: { app: 'reviews' } },
      configPatches: [{ applyTo: 'HTTP_FILTER', match: { context: 'SIDECAR_INBOUND', listener: { portNumber: 8080 } }, patch: { operation: 'MERGE' } }],
    },
    {
      targetRefs: [{ ...GATEWAY_REF, namespace: '' }],
      configPatches: [{ applyTo: 'HTTP_FILTER', match: { context: 'WAYPOINT', waypoint: { portNumber: 65535 } }, patch: { operation: 'MERGE' } }],
    },
  ],
  [GW]: [{
    selector: { istio: 'ingressgateway' },
    servers: [
      { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'], tls: { mode: 'SIMPLE', credentialName: 'a-cert' } },
      { port: { number: 8443, name: 'https-b', protocol: 'HTTPS' }, hosts: ['b.example.com'], tls: { mode: 'SIMPLE', credentialNames: ['b-rsa', 'b-ecdsa'] } },
      { port: { number: 9443, name: 'https-c', protocol: 'HTTPS' }, hosts: ['c.example.com'], tls: { mode: 'SIMPLE', tlsCertificates: [CERT] } },
    ],
  }],
  [PC]: [{ selector: LABELS, concurrency: 2 }],
  [SE]: [
    {
      hosts: ['api.example.com'],
      addresses: ['10.0.0.0/24'],
      ports: [{ number: 1, name: 'low', protocol: 'TCP', targetPort: 65535 }, { number: 65535, name: 'high', protocol: 'TCP', targetPort: 1 }],
      resolution: 'STATIC',
      endpoints: [{ address: '10.0.0.1', ports: ENTRY_PORTS }, { address: 'unix:///var/run/api.sock' }, { address: 'unix://@abstract' }, { network: 'remote' }],
    },
    { ...SE_BASE, resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'api.example.com' }] },
    { ...SE_BASE, workloadSelector: { labels: { app: 'api' } } },
  ],
  [SC]: [{
    workloadSelector: { labels: { app: 'reviews' } },
    inboundConnectionPool: POOL(SHORTEST),
    ingress: [
      { port: HTTP_9080, connectionPool: POOL('2562047h') },
      { port: { number: 9443, protocol: 'HTTPS', name: 'https' }, tls: { mode: 'SIMPLE', credentialName: 'a-cert' } },
      { port: { number: 9444, protocol: 'HTTPS', name: 'https-b' }, tls: { mode: 'SIMPLE', credentialNames: ['b-rsa'] } },
      { port: { number: 9445, protocol: 'HTTPS', name: 'https-c' }, tls: { mode: 'SIMPLE', tlsCertificates: [CERT] } },
    ],
  }],
  [VS]: [{
    hosts: ['reviews'],
    http: [
      {
        corsPolicy: { maxAge: '24h' },
        fault: { delay: { fixedDelay: SHORTEST, percentage: { value: 10 } } },
        retries: { attempts: 3, backoff: '25ms', perTryTimeout: '1.5s' },
        timeout: '10s',
        ...VS_ROUTE,
      },
      { fault: { delay: { exponentialDelay: '1m' } }, ...VS_ROUTE },
    ],
  }],
  [WE]: [{ address: '10.0.0.1', ports: ENTRY_PORTS }, { address: 'unix:///var/run/reviews.sock' }, { network: 'remote' }],
  [WG]: [
    { template: { address: 'unix://@reviews' }, probe: { httpGet: { port: 65535, scheme: 'HTTPS' } } },
    { template: { ports: ENTRY_PORTS }, probe: { grpc: { port: 1 } } },
    { template: {}, probe: { tcpSocket: { port: 8080 } } },
  ],
  [AP]: [
    {
      selector: LABELS,
      rules: [{ from: [{ source: { serviceAccounts: ['prod/reviews'] } }, { source: { principals: ['cluster.local/ns/prod/sa/reviews'], namespaces: ['prod'] } }] }],
    },
    { targetRefs: [{ ...GATEWAY_REF, namespace: '' }] },
    { targetRef: { ...GATEWAY_REF, namespace: '' } },
  ],
  [PA]: [
    { selector: LABELS, portLevelMtls: { 1: { mode: 'DISABLE' }, 65535: { mode: 'STRICT' } } },
  ],
  [RA]: [
    {
      selector: LABELS,
      jwtRules: [
        { ...JWT_ISSUER, jwksUri: 'https://idp.example.com/.well-known/jwks.json', timeout: SHORTEST },
        { ...JWT_ISSUER, jwks_uri: 'http://idp.example.com:8080/jwks' },
        { ...JWT_ISSUER, jwks: '{"keys":[]}' },
      ],
    },
    { targetRefs: [{ ...GATEWAY_REF, namespace: '' }] },
    { targetRef: { ...GATEWAY_REF, namespace: '' } },
  ],
  [TM]: [
    {
      selector: LABELS,
      metrics: [{
        providers: [{ name: 'prometheus' }],
        reportingInterval: '15s',
        overrides: [{ tagOverrides: { request_host: { operation: 'UPSERT', value: 'request.host' }, source_app: { operation: 'REMOVE' } } }],
      }],
    },
    { targetRefs: [{ ...GATEWAY_REF, namespace: '' }] },
    { targetRef: { ...GATEWAY_REF, namespace: '' } },
  ],
};
