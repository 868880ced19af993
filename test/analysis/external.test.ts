import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  AnalysisLevel, AuthorizationAction, AuthorizationPolicy, Destination, EgressLockdown, HttpMethod, Identity,
  IngressGateway, MeshAnalysis, MeshPeer, MeshService, Protocol, SynthAnalysis, VirtualService, WorkloadSelector,
  ZeroTrustNamespace,
} from '../../lib';

const quiet = () => jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
afterEach(() => jest.restoreAllMocks());

function app(): App {
  quiet();
  return Testing.app();
}

const routeTo = (chart: Chart, host: string) => new VirtualService(chart, `to-${host}`, {
  metadata: { name: `to-${host}` }, hosts: [host], http: [{ route: [Destination.to(host)] }],
});

describe('SynthAnalysis on by default', () => {
  test('creating a construct of the library attaches the analysis to its App', () => {
    const a = app();
    const chart = new Chart(a, 'c', { namespace: 'shop' });
    expect(SynthAnalysis.isAttached(a)).toBe(false);
    routeTo(chart, 'reviews');
    expect(SynthAnalysis.isAttached(a)).toBe(true);
  });

  test('an L2 used alone refers to what lives elsewhere: no false alarm', () => {
    const a = app();
    routeTo(new Chart(a, 'c', { namespace: 'shop' }), 'reviews');
    expect(() => a.synthYaml()).not.toThrow();
  });

  test('cross-object checks run for references into namespaces the app defines', () => {
    const a = app();
    const chart = new Chart(a, 'c', { namespace: 'shop' });
    new ZeroTrustNamespace(chart, 'shop', { name: 'shop' });
    routeTo(chart, 'reviews');
    expect(() => a.synthYaml()).toThrow(/error IST0101 VirtualService shop\/to-reviews .*destination host 'reviews' matches no Service/);
  });

  test('object-local checks always run: an invalid Istio object fails the synth', () => {
    const a = app();
    const chart = new Chart(a, 'c', { namespace: 'shop' });
    routeTo(chart, 'reviews');
    new ApiObject(chart, 'raw', { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'bad' }, spec: { host: 'x', trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } } } as any);
    expect(() => a.synthYaml()).toThrow(/error IST0106 DestinationRule shop\/bad/);
  });

  test('an app whose Services live elsewhere passes', () => {
    const a = app();
    const chart = new Chart(a, 'c', { namespace: 'frontend' });
    new ZeroTrustNamespace(chart, 'frontend', { name: 'frontend' });
    routeTo(chart, 'payments.backend.svc.cluster.local');
    expect(() => a.synthYaml()).not.toThrow();
  });

  test('SynthAnalysis.disable() turns it off; attach() turns it on again', () => {
    const a = app();
    const chart = new Chart(a, 'c', { namespace: 'shop' });
    new ZeroTrustNamespace(chart, 'shop', { name: 'shop' });
    routeTo(chart, 'reviews');
    SynthAnalysis.disable(a);
    expect(SynthAnalysis.isAttached(a)).toBe(false);
    expect(() => a.synthYaml()).not.toThrow();
    SynthAnalysis.attach(a);
    expect(() => a.synthYaml()).toThrow(/IST0101/);
  });
});

describe('strict mode and what lives outside the app', () => {
  test('strict: every reference must resolve, in any namespace', () => {
    const a = app();
    SynthAnalysis.attach(a, { strict: true });
    routeTo(new Chart(a, 'c', { namespace: 'shop' }), 'reviews');
    expect(() => a.synthYaml()).toThrow(/IST0101 VirtualService shop\/to-reviews/);
  });

  test('SynthAnalysis.declareExternal() declares hosts, namespaces, service accounts and workloads', () => {
    const a = app();
    SynthAnalysis.attach(a, { strict: true });
    const chart = new Chart(a, 'c', { namespace: 'shop' });
    routeTo(chart, 'reviews');
    routeTo(chart, 'payments.billing.svc.cluster.local');
    new ApiObject(chart, 'gw', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw' },
      spec: { selector: { istio: 'ingress' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
    } as any);
    expect(() => a.synthYaml()).toThrow(/IST0101/);
    SynthAnalysis.declareExternal(chart, { hosts: ['reviews'], namespaces: ['billing'], workloads: [{ labels: { istio: 'ingress' }, namespace: 'istio-ingress' }] });
    expect(() => a.synthYaml()).not.toThrow();
    expect(() => SynthAnalysis.declareExternal(chart, { serviceAccounts: ['prometheus'] })).toThrow("entries must be '<namespace>/<name>' (received: \"prometheus\")");
  });

  test('references through typed handles are declarations: allowFromNamespace, fromNamespaces, Identity.fromNames, an IngressGateway selector', () => {
    const a = app();
    SynthAnalysis.attach(a, { strict: true, failOn: AnalysisLevel.WARNING });
    const chart = new Chart(a, 'c', { namespace: 'shop' });
    const ns = new ZeroTrustNamespace(chart, 'shop', { name: 'shop' });
    ns.allow({ from: [MeshPeer.namespace('istio-ingress')], methods: [HttpMethod.GET] });
    const api = new MeshService(chart, 'api', { image: 'api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
    api.allowFrom(MeshPeer.namespace('monitoring'));
    api.allowFrom(MeshPeer.identity(Identity.fromNames('istio-ingress', 'istio-ingress')));
    new AuthorizationPolicy(chart, 'scrape', {
      action: AuthorizationAction.ALLOW,
      selector: WorkloadSelector.labels({ app: 'api' }),
      rules: [{ from: [{ principals: [Identity.fromNames('monitoring', 'prometheus')] }] }],
    });
    const ingress = new IngressGateway(chart, 'edge', { selector: WorkloadSelector.labels({ istio: 'ingress' }), httpServers: [{ hosts: ['shop.example.com'] }] });
    ingress.exposeMeshService(api);
    expect(() => a.synthYaml()).not.toThrow();
  });

  test('the same references written as plain YAML are reported in strict mode', () => {
    const policy = {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'p', namespace: 'shop' },
      spec: { rules: [{ from: [{ source: { namespaces: ['monitoring'] } }] }] },
    };
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const codes = (o: any) => MeshAnalysis.analyze([ns, policy], o).active.filter((f) => f.rule === 'authz/namespace-not-found').length;
    expect(codes({})).toBe(1);
    expect(codes({ external: { namespaces: ['monitoring'] } })).toBe(0);
    expect(codes({ strict: false })).toBe(0);
  });

  test('EgressLockdown with an egress gateway passes the analysis of its own output, strictly', () => {
    const a = app();
    SynthAnalysis.attach(a, { strict: true, failOn: AnalysisLevel.WARNING });
    const chart = new Chart(a, 'c', { namespace: 'default' });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'istio-injection': 'enabled' } } });
    new EgressLockdown(chart, 'egress', {
      exportToMesh: true,
      externalServices: [
        { name: 'cnn', hosts: ['edition.cnn.com'], ports: [{ number: 80, name: 'http-port', protocol: Protocol.HTTP }, { number: 443, name: 'https-port', protocol: Protocol.HTTPS }] },
        // TLS origination: SIMPLE without caCertificates (IST0129 before Istio 1.30's semantics).
        { name: 'google', hosts: ['www.google.com'], ports: [{ number: 80, name: 'http-port', protocol: Protocol.HTTP, originateTls: true }] },
      ],
      egressGateway: { hosts: ['edition.cnn.com'] },
    });
    expect(() => a.synthYaml()).not.toThrow();
  });
});

describe('object identity inside an app', () => {
  test('two MeshServices with one name fail the synth, naming both construct paths', () => {
    const a = app();
    const chart = new Chart(a, 'c', { namespace: 'shop' });
    new MeshService(chart, 'api', { name: 'api', image: 'api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
    new MeshService(chart, 'api-again', { name: 'api', image: 'api:2', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
    expect(() => a.synthYaml()).toThrow(/error CI0010 Deployment shop\/api-v1: two constructs emit the same Deployment 'api-v1' in namespace 'shop': 'c\/api\/.*' and 'c\/api-again\/.*'/);
  });

  test('two ZeroTrustNamespaces for one namespace fail the synth', () => {
    const a = app();
    const chart = new Chart(a, 'c');
    new ZeroTrustNamespace(chart, 'one', { name: 'shop' });
    new ZeroTrustNamespace(chart, 'two', { name: 'shop' });
    expect(() => a.synthYaml()).toThrow(/error CI0010 Namespace shop: two constructs emit the same Namespace 'shop': 'c\/one\/.*' and 'c\/two\/.*'/);
  });
});

describe('IST0127 outside strict mode', () => {
  test('a ZeroTrustNamespace alone (its allow-nothing policy, no workloads yet) raises nothing', () => {
    const a = Testing.app();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    new ZeroTrustNamespace(new Chart(a, 'c'), 'shop', { name: 'shop' });
    a.synthYaml();
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).not.toContain('IST0127');
    const strict = Testing.app();
    SynthAnalysis.attach(strict, { strict: true });
    new ZeroTrustNamespace(new Chart(strict, 'c'), 'shop', { name: 'shop' });
    strict.synthYaml();
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('warning IST0127 AuthorizationPolicy shop/allow-nothing');
  });
});
