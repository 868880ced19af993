/**
 * Bad input through the public API as a JavaScript or Python caller can give it: what TypeScript's
 * compiler would stop is cast through `any`, so each case runs exactly as plain JavaScript runs it.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import {
  AuthorizationPolicy, CanaryRelease, CanaryVersion, Destination, DestinationRule, EgressLockdown, Fault, Gateway, GatewayHttpMatch,
  GatewayHttpRoute, GatewayPathMatch, HttpMatch, Identity, IngressGateway, KubernetesGateway, MeshControlPlane, MeshObservability, MeshService,
  PeerAuthentication, Protocol, RequestAuthentication, RoutingApi, ServerTls, ServiceEntry, Sidecar, StringMatch, Telemetry, VirtualService,
  ZeroTrustNamespace,
} from '../../lib';
import { errorOf } from '../patterns/_util';

const js: any = (x: unknown) => x;

function chart(): Chart {
  return new Chart(Testing.app(), 'c', { namespace: 'shop' });
}

function meshService(scope: Chart = chart()): MeshService {
  return new MeshService(scope, 'api', { image: 'api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
}

describe('a props object left out (JavaScript)', () => {
  test.each([
    ['MeshService', (c: Chart) => new MeshService(c, 'api', js(undefined)),
      "MeshService 'c/api': 'props' is required (received: undefined). Pass an object with 'ports': Give the ports the service listens on"],
    ['CanaryRelease', (c: Chart) => new CanaryRelease(c, 'rel', js(undefined)),
      "CanaryRelease 'c/rel': 'props' is required (received: undefined). Pass an object with 'canary': Give the canary version"],
    ['Gateway', (c: Chart) => new Gateway(c, 'gw', js(undefined)),
      "Gateway 'c/gw': 'props' is required (received: undefined). Pass an object with 'selector': Select the gateway pods"],
    ['DestinationRule', (c: Chart) => new DestinationRule(c, 'dr', js(undefined)),
      "DestinationRule 'c/dr': 'props' is required (received: undefined). Pass an object with 'host' (a host name) or 'service'"],
    ['ServiceEntry', (c: Chart) => new ServiceEntry(c, 'se', js(undefined)),
      "ServiceEntry 'c/se': 'props' is required (received: undefined). Pass an object with 'hosts'"],
    ['GatewayHttpRoute', (c: Chart) => new GatewayHttpRoute(c, 'r', js(undefined)),
      "GatewayHttpRoute 'c/r': 'props' is required (received: undefined). Pass an object with 'parentRefs'"],
    ['VirtualService (null)', (c: Chart) => new VirtualService(c, 'vs', js(null)),
      "VirtualService 'c/vs': 'props' is required (received: null). Pass an object; {} takes every default."],
    ['Sidecar (a string)', (c: Chart) => new Sidecar(c, 'sc', js('default')),
      "Sidecar 'c/sc': 'props' must be an object (received: \"default\")"],
    ['AuthorizationPolicy', (c: Chart) => new AuthorizationPolicy(c, 'p', js(null)), "AuthorizationPolicy 'c/p': 'props' is required (received: null)"],
    ['PeerAuthentication', (c: Chart) => new PeerAuthentication(c, 'p', js(null)), "PeerAuthentication 'c/p': 'props' is required"],
    ['RequestAuthentication', (c: Chart) => new RequestAuthentication(c, 'p', js(null)), "RequestAuthentication 'c/p': 'props' is required"],
    ['Telemetry', (c: Chart) => new Telemetry(c, 't', js(null)), "Telemetry 'c/t': 'props' is required"],
    ['KubernetesGateway', (c: Chart) => new KubernetesGateway(c, 'g', js(null)), "KubernetesGateway 'c/g': 'props' is required"],
    ['ZeroTrustNamespace', (c: Chart) => new ZeroTrustNamespace(c, 'ns', js(null)), "ZeroTrustNamespace 'c/ns': 'props' is required"],
    ['IngressGateway', (c: Chart) => new IngressGateway(c, 'in', js(null)), "IngressGateway 'c/in': 'props' is required"],
    ['EgressLockdown', (c: Chart) => new EgressLockdown(c, 'eg', js(null)), "EgressLockdown 'c/eg': 'props' is required"],
    ['MeshControlPlane', (c: Chart) => new MeshControlPlane(c, 'cp', js(null)), "MeshControlPlane 'c/cp': 'props' is required"],
    ['MeshObservability', (c: Chart) => new MeshObservability(c, 'obs', js(null)), "MeshObservability 'c/obs': 'props' is required"],
  ])('%s reports it with the construct path, the prop and the fix', (_name, make, message) => {
    expect(errorOf(() => make(chart()))).toContain(message);
  });

  test('a required member left out is reported as required, not as a crash', () => {
    expect(errorOf(() => new MeshService(chart(), 'api', js({ image: 'api:1' })))).toBe(
      "MeshService 'c/api': 'ports' is required (received: undefined). Give the ports the service listens on, such as [{ number: 8080, protocol: Protocol.HTTP }].");
    expect(errorOf(() => new CanaryRelease(chart(), 'rel', js({ meshService: undefined })))).toContain("CanaryRelease 'c/rel': 'canary' is required (received: undefined)");
    expect(errorOf(() => new Gateway(chart(), 'gw', js({ servers: [] })))).toContain("Gateway 'c/gw': 'selector' is required (received: undefined)");
    expect(errorOf(() => new ServiceEntry(chart(), 'se', js({})))).toContain("ServiceEntry 'c/se': 'hosts' is required (received: undefined)");
  });

  test.each([
    ['ZeroTrustNamespace.allow()', (c: Chart) => new ZeroTrustNamespace(c, 'ns', { name: 'shop' }).allow(js(undefined)),
      "ZeroTrustNamespace 'c/ns': 'rule' is required (received: undefined). Pass the rule"],
    ['AuthorizationPolicy.addRule()', (c: Chart) => AuthorizationPolicy.denyAll(c, 'p').addRule(js(undefined)),
      "AuthorizationPolicy 'c/p': 'rule' is required (received: undefined)"],
    ['MeshService.splitTraffic()', (c: Chart) => meshService(c).splitTraffic(js(undefined)), "MeshService 'c/api': 'weights' is required"],
    ['MeshService.addVersion()', (c: Chart) => meshService(c).addVersion(js(undefined), js(undefined)), "MeshService 'c/api': 'version' is required"],
    ['MeshService.allowFrom()', (c: Chart) => meshService(c).allowFrom(js(undefined)), "MeshService 'c/api': 'peer' is required"],
    ['VirtualService.addHttpRoute()', (c: Chart) => new VirtualService(c, 'vs', { hosts: ['a'] }).addHttpRoute(js(undefined)),
      "VirtualService 'c/vs': 'options' is required"],
    ['VirtualService.addHost()', (c: Chart) => new VirtualService(c, 'vs', {}).addHost(js(undefined)), "VirtualService 'c/vs': 'host' is required"],
    ['VirtualService.addTlsRoute()', (c: Chart) => new VirtualService(c, 'vs', { hosts: ['a'] }).addTlsRoute(js({})), "'options.match' is required"],
    ['DestinationRule.addSubset()', (c: Chart) => new DestinationRule(c, 'dr', { host: 'a' }).addSubset(js({})), "DestinationRule 'c/dr': 'subset.name' is required"],
    ['ServiceEntry.addPort()', (c: Chart) => new ServiceEntry(c, 'se', { hosts: ['a.example.com'] }).addPort(js(undefined)), "'port' is required"],
    ['Gateway.addServer()', (c: Chart) => new Gateway(c, 'gw', js({ selector: {} })).addServer(js({ hosts: ['*'] })), "'server.port' is required"],
    ['Sidecar.addEgress()', (c: Chart) => new Sidecar(c, 'sc').addEgress(js(undefined)), "Sidecar 'c/sc': 'listener' is required"],
    ['PeerAuthentication.addPortMtls()', (c: Chart) => new PeerAuthentication(c, 'pa', { selector: js({ matchLabels: { app: 'a' } }) }).addPortMtls(js(undefined), js(undefined)),
      "'port' is required"],
    ['RequestAuthentication.addJwtRule()', (c: Chart) => new RequestAuthentication(c, 'ra').addJwtRule(js({})), "'rule.issuer' is required"],
    ['Telemetry.addTracing()', (c: Chart) => new Telemetry(c, 't').addTracing(js(undefined)), "Telemetry 'c/t': 'tracing' is required"],
    ['KubernetesGateway.addListener()', (c: Chart) => new KubernetesGateway(c, 'g').addListener(js({ port: 80 })), "'listener.name' is required"],
    ['IngressGateway.exposeMeshService()', (c: Chart) => new IngressGateway(c, 'in').exposeMeshService(js(undefined)), "IngressGateway 'c/in': 'service' is required"],
    ['IngressGateway.addHttpServer()', (c: Chart) => new IngressGateway(c, 'in').addHttpServer(js(undefined)), "'options' is required"],
    ['MeshObservability.addPrometheusScrapeAnnotations()', (c: Chart) => new MeshObservability(c, 'obs', { accessLogs: {} }).addPrometheusScrapeAnnotations(js(undefined)),
      "'scope' is required"],
  ])('%s with its argument left out says which argument', (_name, call, message) => {
    expect(errorOf(() => call(chart()))).toContain(message);
  });
});

describe('values shown as the user wrote them', () => {
  test('a NaN port (an unset variable through parseInt) shows as NaN, with no false duplicate', () => {
    const port = parseInt(process.env.CDK8S_ISTIO_UNSET_PORT_FOR_TEST ?? '', 10);
    const message = errorOf(() => new MeshService(chart(), 'api', {
      image: 'api:1', ports: [{ number: port, protocol: Protocol.HTTP }, { number: port, protocol: Protocol.GRPC }],
    }));
    expect(message).toContain("'ports[0].number' must be a port number from 1 to 65535 (received: NaN)");
    expect(message).toContain("'ports[1].number' must be a port number from 1 to 65535 (received: NaN)");
    expect(message).not.toContain('twice');
    expect(message).not.toContain('null');
  });

  test('Infinity shows as Infinity', () => {
    expect(errorOf(() => new MeshService(chart(), 'api', { image: 'api:1', ports: [{ number: Infinity, protocol: Protocol.HTTP }] })))
      .toContain('(received: Infinity)');
  });

  test('a Duration shows as the call that made it', () => {
    expect(errorOf(() => new VirtualService(chart(), 'vs', { hosts: ['a'], http: [{ timeout: Duration.millis(0.5) }] })))
      .toContain("VirtualService 'c/vs': 'http[0].timeout' must be at least 1ms, as Istio requires (received: Duration.millis(0.5))");
  });

  test('CanaryRelease versions given as strings are diagnosed as such, not as one version twice', () => {
    const message = errorOf(() => new CanaryRelease(chart(), 'rel', js({ stable: 'v1', canary: 'v2', ports: [{ number: 8080, protocol: Protocol.HTTP }] })));
    expect(message).toContain("'stable' must be a CanaryVersion (received: \"v1\"). Use CanaryVersion.fromImage(\"v1\", image)");
    expect(message).toContain("'canary' must be a CanaryVersion (received: \"v2\"). Use CanaryVersion.fromImage(\"v2\", image)");
    expect(message).not.toContain('undefined-canary');
    expect(message).not.toContain('same');
  });

  test('a valid release still constructs', () => {
    expect(() => new CanaryRelease(chart(), 'rel', {
      stable: CanaryVersion.fromImage('v1', 'api:1'), canary: CanaryVersion.fromImage('v2', 'api:2'), ports: [{ number: 8080, protocol: Protocol.HTTP }],
    })).not.toThrow();
  });
});

describe('ServiceEntry ports', () => {
  test('one port number twice fails the synth, as istiod rejects the entry', () => {
    const c = chart();
    new ServiceEntry(c, 'se', {
      hosts: ['api.example.com'],
      ports: [{ number: 443, name: 'https', protocol: Protocol.HTTPS }, { number: 443, name: 'tls', protocol: Protocol.TLS }],
    });
    expect(errorOf(() => Testing.synth(c))).toContain("ServiceEntry 'c/se': 'ports' must not hold port number 443 twice: istiod rejects the entry (received: [443,443])");
  });

  test('distinct numbers pass', () => {
    const c = chart();
    new ServiceEntry(c, 'se', {
      hosts: ['api.example.com'],
      ports: [{ number: 443, name: 'https', protocol: Protocol.HTTPS }, { number: 80, name: 'http', protocol: Protocol.HTTP }],
    });
    expect(() => Testing.synth(c)).not.toThrow();
  });
});

describe('regular expressions, checked with RE2 itself', () => {
  test.each([
    ['\\Z', 'invalid escape sequence: `\\Z` (RE2 writes the end of the text as \\z)'],
    ['^/api/v[0-9]{1,2000}$', 'invalid repeat count: `{1,2000}` (RE2 allows at most 1000 repetitions)'],
    ['/a++', 'invalid nested repetition operator: `++`'],
  ])('StringMatch.regex(%p) fails, naming what RE2 rejects', (regex, reason) => {
    expect(errorOf(() => StringMatch.regex(regex))).toContain(`StringMatch.regex: 'value' must be an RE2 regular expression: it is not RE2 syntax: ${reason}`);
  });

  test('every regex field of the Istio API: uri, headers, authority, query parameters, CORS origins, rewrite', () => {
    expect(errorOf(() => HttpMatch.regex('/a\\Z'))).toContain('invalid escape sequence');
    expect(errorOf(() => HttpMatch.of({ headers: { 'x-user': StringMatch.regex('a{1,2000}') } }))).toContain('invalid repeat count');
    expect(errorOf(() => new VirtualService(chart(), 'vs', {
      hosts: ['a'], http: [{ route: [Destination.to('a')], rewrite: { uriRegexRewrite: { match: '^/old\\Z', rewrite: '/new' } } }],
    }))).toContain("VirtualService 'c/vs': 'http[0].rewrite.uriRegexRewrite.match' must be an RE2 regular expression: it is not RE2 syntax");
  });

  test('istiod\'s limit of 1024 characters applies', () => {
    expect(errorOf(() => StringMatch.regex(`^/${'a'.repeat(1023)}`))).toContain('is 1025 characters long, and istiod accepts at most 1024');
    expect(StringMatch.regex(`^/${'a'.repeat(1022)}`).value).toHaveLength(1024);
  });

  test('the Gateway API regex matches: path, headers, query parameters', () => {
    expect(errorOf(() => GatewayPathMatch.regex('/api\\Z'))).toContain("GatewayPathMatch.regex: 'value' must be an RE2 regular expression");
    expect(errorOf(() => GatewayHttpMatch.of({ headers: [{ name: 'x-v', value: '(?=a)', regex: true }] })))
      .toContain("GatewayHttpMatch.of: 'headers[0].value' must be an RE2 regular expression (Istio programs Envoy's RE2 with it): it is not RE2 syntax");
    expect(errorOf(() => GatewayHttpMatch.of({ queryParams: [{ name: 'v', value: 'a{1,2000}', regex: true }] }))).toContain("'queryParams[0].value'");
    expect(() => GatewayHttpMatch.of({ headers: [{ name: 'x-v', value: '(?=a)' }] })).not.toThrow();
  });

  test('RE2 syntax JavaScript lacks is accepted', () => {
    for (const regex of ['(?i)^/API/[\\d]+\\z', '\\A/api/(?P<id>[0-9]+)', '[[:alpha:]]+', '\\pL+', '^/v[0-9]{1,1000}$']) {
      expect(StringMatch.regex(regex).value).toBe(regex);
    }
  });
});

describe('names a pattern derives', () => {
  test('a 60-character MeshService routed with the Gateway API and version v2-canary fails the synth: its version Service would be 70 characters', () => {
    const c = chart();
    const name = 'a'.repeat(60);
    const service = new MeshService(c, 'svc', { name, image: 'a:1', ports: [{ number: 8080, protocol: Protocol.HTTP }], routing: RoutingApi.GATEWAY_API });
    service.addVersion('v2-canary', 'a:2');
    service.splitTraffic({ 'v1': 90, 'v2-canary': 10 });
    expect(errorOf(() => Testing.synth(c))).toContain(
      `MeshService 'c/svc': 'Service name' is 70 characters long, over Kubernetes' limit of 63 for a Service name, so the API server would refuse it (received: "${name}-v2-canary").`);
  });

  test('a label value on a pattern\'s object that Kubernetes refuses fails the synth, naming the object and the label', () => {
    const c = chart();
    const service = new MeshService(c, 'svc', { name: 'shop', image: 'a:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
    service.deployment.metadata.addLabel('team', 'x'.repeat(64));
    const message = errorOf(() => Testing.synth(c));
    expect(message).toContain('MeshService \'c/svc\': \'Deployment \'shop-v1\' label team\' must be a label value: at most 63 characters');
    expect(message).toContain(`(received: "${'x'.repeat(64)}")`);
  });

  test('the same names within the limit synthesize', () => {
    const c = chart();
    const service = new MeshService(c, 'svc', { name: 'a'.repeat(53), image: 'a:1', ports: [{ number: 8080, protocol: Protocol.HTTP }], routing: RoutingApi.GATEWAY_API });
    service.addVersion('v2-canary', 'a:2');
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('a CanaryRelease reports the names of its own MeshService once, under the MeshService', () => {
    const c = chart();
    new CanaryRelease(c, 'rel', {
      name: 'b'.repeat(58),
      routing: RoutingApi.GATEWAY_API,
      ports: [{ number: 8080, protocol: Protocol.HTTP }],
      stable: CanaryVersion.fromImage('v1', 'b:1'),
      canary: CanaryVersion.fromImage('v2-canary', 'b:2'),
      canaryWeight: 10,
    });
    const message = errorOf(() => Testing.synth(c));
    expect(message).toContain('MeshService \'c/rel/MeshService\': \'Service name\' is 68 characters long');
    expect(message.match(/is 68 characters long/g)).toHaveLength(1);
  });
});

describe('errors of factories and of cdk8s', () => {
  // A factory runs before the construct that will receive its value exists, so its error cannot name a
  // construct path; it names the factory and the line of the caller's code instead.
  test.each([
    ['Identity.principal', () => Identity.principal('spiffe://cluster.local/ns/a/sa/b'), "Identity.principal: 'principal' must not start with 'spiffe://'"],
    ['ServerTls.simple', () => ServerTls.simple({}), 'ServerTls.simple'],
    ['Destination.to', () => Destination.to(''), "Destination.to: 'host'"],
    ['Fault.abort', () => Fault.abort(99), "Fault.abort: 'httpStatus'"],
  ])('%s names the line of the caller that gave the bad value', (factory, call, start) => {
    const message = errorOf(call);
    expect(message.startsWith(start)).toBe(true);
    expect(message).toMatch(new RegExp(`\\(${factory.replace('.', '\\.')} was called at test/core/hostile-input\\.test\\.ts:\\d+:\\d+\\.\\)$`));
  });

  test('a factory given no options from JavaScript reports it instead of crashing', () => {
    expect(errorOf(() => ServerTls.simple(js(undefined)))).toContain("ServerTls.simple: 'options' is required (received: undefined). Pass the certificate");
    expect(errorOf(() => HttpMatch.of(js(undefined)))).toContain("HttpMatch.of: 'options' is required");
    expect(errorOf(() => GatewayHttpMatch.of(js(undefined)))).toContain("GatewayHttpMatch.of: 'options' is required");
  });

  test('a construct\'s own errors carry its path and no call site', () => {
    expect(errorOf(() => new VirtualService(chart(), 'vs', { hosts: [''] }))).not.toContain('was called at');
  });

  test('a duration that is not a cdk8s Duration (JavaScript) names the construct and the prop', () => {
    expect(errorOf(() => new VirtualService(chart(), 'vs', { hosts: ['a'], http: [{ route: [Destination.to('a')], timeout: js(5) }] }))).toBe(
      "VirtualService 'c/vs': 'http[0].timeout' must be a cdk8s Duration (received: 5). Use Duration.seconds(5) or Duration.millis(...), from the cdk8s package.");
    expect(errorOf(() => new RequestAuthentication(chart(), 'ra', { jwtRules: [{ issuer: 'https://a.example.com', timeout: js('5s') }] })))
      .toContain("RequestAuthentication 'c/ra': 'jwtRules[0].timeout' must be a cdk8s Duration (received: \"5s\")");
  });

  test('a Duration cdk8s cannot convert is reported with the construct path, not as cdk8s\' bare error', () => {
    // cdk8s' own toMilliseconds() (integral by default) throws "'1.5 millis' cannot be converted into a whole number".
    expect(errorOf(() => new RequestAuthentication(chart(), 'ra', { jwtRules: [{ issuer: 'https://a.example.com', timeout: Duration.millis(1.5) }] })))
      .toContain("RequestAuthentication 'c/ra': 'jwtRules[0].timeout' must be a whole number of milliseconds, at least 1ms, as Istio requires (received: Duration.millis(1.5))");
  });

  test('Duration.seconds(-5) throws inside cdk8s, before any construct sees it', () => {
    // Nothing of ours runs before cdk8s' own check: the message is cdk8s', the stack trace names the line.
    expect(errorOf(() => Duration.seconds(-5))).toContain('Duration amounts cannot be negative');
  });
});
