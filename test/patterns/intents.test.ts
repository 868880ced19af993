import { App, Chart, Testing } from 'cdk8s';
import {
  CanaryRelease, CanaryVersion, EgressHost, EgressLockdown, HttpMatch, HttpMethod, Identity, IngressGateway, MeshPeer,
  MeshService, Protocol, RoutingApi, ServerTls, Sidecar, StringMatch, SynthAnalysis, TraceOutcome, TrafficIntentKind,
  WorkloadSelector, ZeroTrustNamespace,
} from '../../lib';

const IMAGE = 'registry.example.com/app:1';
const HTTP = [{ number: 8080, protocol: Protocol.HTTP }];

function find(objects: any[], kind: string, namespace: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name && o.metadata?.namespace === namespace);
  if (!found) throw new Error(`no ${kind} ${namespace}/${name} among: ${objects.map((o) => `${o.kind}/${o.metadata?.namespace}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

function manifestsOf(app: App): any[] {
  return app.charts.flatMap((c) => c.toJson());
}

describe('traffic intents recorded by the patterns', () => {
  test('MeshService.allowFromService records the caller, the callee, and a request its rule allows', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const frontend = new MeshService(chart, 'frontend', { namespace: 'web', image: IMAGE, ports: HTTP });
    const cart = new MeshService(chart, 'cart', { namespace: 'shop', image: IMAGE, ports: [{ number: 80, protocol: Protocol.HTTP, targetPort: 8080 }] });
    cart.allowFrom(MeshPeer.service(frontend), { methods: [HttpMethod.POST, HttpMethod.GET], paths: ['/cart/*'] });
    expect(SynthAnalysis.intents(app)).toEqual([{
      kind: TrafficIntentKind.ALLOW,
      from: 'pod:web/frontend',
      url: 'http://cart.shop.svc.cluster.local:80/cart/',
      method: 'POST',
      outcome: TraceOutcome.DELIVERED,
      declaredBy: 'c/cart',
      callee: 'c/cart',
      caller: 'c/frontend',
      description: expect.stringContaining("MeshService 'cart'"),
    }]);
  });

  test('allowFrom with an identity, allowFromNamespace and a port pick the caller and the service port named', () => {
    const app = Testing.app();
    const api = new MeshService(new Chart(app, 'c', { namespace: 'pay' }), 'api', {
      image: IMAGE, ports: [{ number: 8080, protocol: Protocol.HTTP }, { number: 9090, protocol: Protocol.HTTP, name: 'http-metrics' }],
    });
    api.allowFrom(MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus')), { paths: ['/metrics'], ports: [9090] });
    api.allowFrom(MeshPeer.namespace('batch'));
    const [a, b] = SynthAnalysis.intents(app);
    expect([a.from, a.url, a.method]).toEqual(['pod:monitoring/prometheus', 'http://api.pay.svc.cluster.local:9090/metrics', 'GET']);
    expect([b.from, b.url]).toEqual(['pod:batch/default', 'http://api.pay.svc.cluster.local:8080/']);
  });

  test('an identity that names no single caller is recorded without a source, and not traced on its own', () => {
    const app = Testing.app();
    const api = new MeshService(new Chart(app, 'c', { namespace: 'pay' }), 'api', { image: IMAGE, ports: HTTP });
    api.allowFrom(MeshPeer.anyAuthenticated(), { paths: ['/health'] });
    expect(SynthAnalysis.intents(app)).toEqual([expect.objectContaining({ kind: TrafficIntentKind.ALLOW, from: undefined })]);
  });

  test('ZeroTrustNamespace records its rules, its external hosts and the unlisted caller it must deny', () => {
    const app = Testing.app();
    const ns = new ZeroTrustNamespace(new Chart(app, 'c'), 'shop', {
      externalHosts: [{ host: 'api.stripe.com' }, { host: 'status.example.com', port: 80 }, { host: 'db.example.com', port: 5432 }],
    });
    ns.allow({ from: [MeshPeer.identity(Identity.fromNames('web', 'frontend'))], selector: WorkloadSelector.labels({ app: 'cart' }), methods: [HttpMethod.GET], paths: ['/cart/*'] });
    const intents = SynthAnalysis.intents(app);
    expect(intents.map((i) => [i.kind, i.from, i.url, i.outcome])).toEqual([
      [TrafficIntentKind.EXTERNAL_HOST, 'pod:shop/default', 'https://api.stripe.com/', TraceOutcome.DELIVERED],
      [TrafficIntentKind.EXTERNAL_HOST, 'pod:shop/default', 'http://status.example.com/', TraceOutcome.DELIVERED],
      // db.example.com:5432 is TCP: no URL to trace.
      [TrafficIntentKind.UNLISTED, 'pod:cdk8s-istio-unlisted/unlisted-caller', undefined, TraceOutcome.DENIED],
      // The rule names workloads: the URL is the Service in front of them, found in the manifests at synth.
      [TrafficIntentKind.ALLOW, 'pod:web/frontend', undefined, TraceOutcome.DELIVERED],
    ]);
  });

  test('IngressGateway.expose* records a request from the gateway pods for the first host and match, on the server that routes it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const ingress = new IngressGateway(chart, 'public', {
      namespace: 'istio-system',
      httpServers: [{ hosts: ['shop.example.com'], httpsRedirect: true }],
      httpsServers: [{ hosts: ['shop.example.com'], tls: ServerTls.simple({ credentialName: 'cert' }) }],
    });
    const api = new MeshService(chart, 'api', { namespace: 'shop', image: IMAGE, ports: HTTP });
    ingress.exposeMeshService(api, { match: [HttpMatch.prefix('/api/', { method: StringMatch.exact('POST') })] });
    ingress.exposeHost('legacy.shop.svc.cluster.local', 80, { match: [HttpMatch.exact('/old')] });
    ingress.exposeHost('other.shop.svc.cluster.local', 80, { match: [HttpMatch.regex('/r.*')] });
    const expose = SynthAnalysis.intents(app).filter((i) => i.kind === TrafficIntentKind.EXPOSE);
    expect(expose.map((i) => [i.from, i.url, i.method, i.callee])).toEqual([
      ['gateway:istio-system/istio-ingressgateway-service-account?istio=ingressgateway', 'https://shop.example.com/api/', 'POST', 'c/api'],
      ['gateway:istio-system/istio-ingressgateway-service-account?istio=ingressgateway', 'https://shop.example.com/old', undefined, undefined],
      // A regex path has no request to pick: not recorded.
    ]);
  });

  test('CanaryRelease records the split it declares, checked from a caller its service allows', () => {
    const app = Testing.app();
    const release = new CanaryRelease(new Chart(app, 'c', { namespace: 'shop' }), 'checkout', {
      stable: CanaryVersion.fromImage('v1', IMAGE), canary: CanaryVersion.fromImage('v2', IMAGE), ports: HTTP, currentStep: 1,
    });
    expect(release.canaryWeight).toBe(20);
    expect(SynthAnalysis.intents(app)).toEqual([expect.objectContaining({
      kind: TrafficIntentKind.CANARY,
      from: undefined,
      url: 'http://checkout.shop.svc.cluster.local:8080/',
      declaredBy: 'c/checkout',
      callee: 'c/checkout/MeshService',
      description: expect.stringContaining('80% of requests to v1 and 20% to v2'),
    })]);
  });

  test('with RoutingApi.GATEWAY_API, the gateway pods are named by their Gateway, and the split goes to the version Services', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const release = new CanaryRelease(chart, 'checkout', {
      stable: CanaryVersion.fromImage('v1', IMAGE), canary: CanaryVersion.fromImage('v2', IMAGE), ports: HTTP, currentStep: 1, routing: RoutingApi.GATEWAY_API,
    });
    const ingress = new IngressGateway(chart, 'gw', { routing: RoutingApi.GATEWAY_API, httpServers: [{ hosts: ['a.example.com'] }] });
    ingress.exposeMeshService(release.meshService);
    const intents = SynthAnalysis.intents(app);
    expect(intents.find((i) => i.kind === TrafficIntentKind.EXPOSE)?.from).toBe('gateway:shop/gw-istio?gateway.networking.k8s.io/gateway-name=gw');
    const canary = SynthAnalysis.checkIntents(app).find((c) => c.intent.kind === TrafficIntentKind.CANARY)!;
    expect(canary.ok).toBe(true);
    expect(canary.result.backends).toEqual([
      { host: 'checkout-v1.shop.svc.cluster.local', weight: 80 },
      { host: 'checkout-v2.shop.svc.cluster.local', weight: 20 },
    ]);
  });

  // istiod rejects a subset whose name is not a DNS-1123 label (validateSubsetName, istio/istio 1.30.3
  // pkg/config/validation/validation.go); a version Service's name must be a DNS-1035 label.
  test.each([RoutingApi.ISTIO, RoutingApi.GATEWAY_API])('a canary to version 2024.1_rc with %s routes by a DNS-label name, and its intents are delivered', (routing) => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const release = new CanaryRelease(chart, 'checkout', {
      stable: CanaryVersion.fromImage('1.4.2', IMAGE), canary: CanaryVersion.fromImage('2024.1_rc', IMAGE), ports: HTTP, currentStep: 1, routing,
    });
    const ingress = new IngressGateway(chart, 'gw', { routing, httpServers: [{ hosts: ['a.example.com'] }] });
    ingress.exposeMeshService(release.meshService);
    const checks = SynthAnalysis.checkIntents(app);
    expect(checks.map((c) => c.intent.kind)).toEqual(expect.arrayContaining([TrafficIntentKind.CANARY, TrafficIntentKind.EXPOSE]));
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const objects = manifestsOf(app);
    const subsets = [...JSON.stringify(objects).matchAll(/"subset":"([^"]*)"/g)].map((m) => m[1]);
    if (routing === RoutingApi.ISTIO) {
      expect(find(objects, 'DestinationRule', 'shop', 'checkout').spec.subsets).toEqual([
        { name: '1-4-2', labels: { version: '1.4.2' } },
        { name: '2024-1-rc', labels: { version: '2024.1_rc' } },
      ]);
      expect(find(objects, 'VirtualService', 'shop', 'checkout').spec.http[0].route.map((r: any) => [r.destination.subset, r.weight]))
        .toEqual([['1-4-2', 80], ['2024-1-rc', 20]]);
      expect(new Set(subsets)).toEqual(new Set(['1-4-2', '2024-1-rc']));
      const canary = checks.find((c) => c.intent.kind === TrafficIntentKind.CANARY)!;
      expect(canary.result.backends.map((b: any) => b.subset)).toEqual(['1-4-2', '2024-1-rc']);
    } else {
      expect(subsets).toEqual([]);
      const service = find(objects, 'Service', 'shop', 'checkout-2024-1-rc');
      expect(service.spec.selector).toEqual({ app: 'checkout', version: '2024.1_rc' });
      expect(find(objects, 'Service', 'shop', 'checkout-1-4-2').spec.selector.version).toBe('1.4.2');
    }
    // The Deployments keep their names (the version with '_' as '-'), the pods their version label.
    expect(find(objects, 'Deployment', 'shop', 'checkout-2024.1-rc').spec.template.metadata.labels.version).toBe('2024.1_rc');
  });

  test('EgressLockdown records each HTTP, HTTPS and TLS port of each host; a wildcard host is called as intent.<domain>', () => {
    const app = Testing.app();
    new EgressLockdown(new Chart(app, 'c', { namespace: 'pay' }), 'egress', {
      externalServices: [
        { name: 'stripe', hosts: ['api.stripe.com'], ports: [{ number: 443, protocol: Protocol.TLS }, { number: 8080, protocol: Protocol.HTTP }] },
        { name: 'wiki', hosts: ['*.wikipedia.org'], ports: [{ number: 443, protocol: Protocol.HTTPS }] },
      ],
    });
    expect(SynthAnalysis.intents(app).map((i) => [i.from, i.url])).toEqual([
      ['pod:pay/default', 'https://api.stripe.com/'],
      ['pod:pay/default', 'http://api.stripe.com:8080/'],
      ['pod:pay/default', 'https://intent.wikipedia.org/'],
    ]);
  });

  test('SynthAnalysis.expect records the expectation, and rejects a bad source, URL or outcome with the fix', () => {
    const app = Testing.app();
    SynthAnalysis.expect(app, { from: 'pod:web/frontend', url: 'http://cart.shop:8080/', outcome: TraceOutcome.DENIED, description: 'frontend cannot reach cart' });
    expect(SynthAnalysis.intents(app)).toEqual([expect.objectContaining({ kind: TrafficIntentKind.EXPECTATION, outcome: TraceOutcome.DENIED, description: 'frontend cannot reach cart' })]);
    // From plain JavaScript, where the compiler would stop these.
    const expectJs = SynthAnalysis.expect as (app: App, e: any) => void;
    expect(() => expectJs(app, { from: 'web/frontend', url: 'http://x/', outcome: 'delivered' })).toThrow(/'from' must be a trace source.*received: "web\/frontend".*pod:web\/frontend/);
    expect(() => expectJs(app, { from: 'pod:web/a', url: 'cart.shop', outcome: 'delivered' })).toThrow(/'url' must be an http\(s\) URL/);
    expect(() => expectJs(app, { from: 'pod:web/a', url: 'http://x/', outcome: 'ok' })).toThrow(/'outcome' must be one of delivered, denied.*received: "ok"/);
  });
});

describe('intents that work by construction', () => {
  test('a cross-namespace allowFromService adds the callee host to the caller ZeroTrustNamespace Sidecar', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ZeroTrustNamespace(chart, 'web');
    new ZeroTrustNamespace(chart, 'shop');
    const frontend = new MeshService(chart, 'frontend', { namespace: 'web', image: IMAGE, ports: HTTP });
    const cart = new MeshService(chart, 'cart', { namespace: 'shop', image: IMAGE, ports: HTTP });
    cart.allowFrom(MeshPeer.service(frontend));
    cart.allowFrom(MeshPeer.service(frontend), { paths: ['/other'] });
    const objects = manifestsOf(app);
    expect(find(objects, 'Sidecar', 'web', 'default').spec.egress).toEqual([{ hosts: ['./*', 'istio-system/*', 'shop/cart.shop.svc.cluster.local'] }]);
    // The callee's own namespace is not widened.
    expect(find(objects, 'Sidecar', 'shop', 'default').spec.egress).toEqual([{ hosts: ['./*', 'istio-system/*'] }]);
  });

  test('it works whichever is created first: a ZeroTrustNamespace created after the call still gets the host', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const cart = new MeshService(chart, 'cart', { namespace: 'shop', image: IMAGE, ports: HTTP });
    cart.allowFrom(MeshPeer.identity(Identity.fromNames('web', 'frontend')));
    new ZeroTrustNamespace(chart, 'web');
    expect(find(manifestsOf(app), 'Sidecar', 'web', 'default').spec.egress[0].hosts).toContain('shop/cart.shop.svc.cluster.local');
  });

  test('ZeroTrustNamespace.allow from another namespace adds <namespace>/* to the caller namespace Sidecar', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const web = new ZeroTrustNamespace(chart, 'web');
    const shop = new ZeroTrustNamespace(chart, 'shop');
    shop.allow({ from: [MeshPeer.namespace('web')] });
    expect(web.sidecar).toBeDefined();
    expect(find(manifestsOf(app), 'Sidecar', 'web', 'default').spec.egress[0].hosts).toEqual(['./*', 'istio-system/*', 'shop/*']);
  });

  test('exposeMeshService in a deny-all namespace allows the gateway identity on the exposed port and paths only', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ZeroTrustNamespace(chart, 'web');
    const frontend = new MeshService(chart, 'frontend', { namespace: 'web', image: IMAGE, ports: HTTP });
    const ingress = new IngressGateway(chart, 'public', { namespace: 'istio-system', httpServers: [{ hosts: ['shop.example.com'] }] });
    ingress.exposeMeshService(frontend, { match: [HttpMatch.prefix('/shop/'), HttpMatch.exact('/')] });
    expect(find(manifestsOf(app), 'AuthorizationPolicy', 'web', 'frontend-policy').spec).toEqual({
      selector: { matchLabels: { app: 'frontend' } },
      action: 'ALLOW',
      rules: [{
        from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'] } }],
        to: [{ operation: { paths: ['/shop/*', '/'], ports: ['8080'] } }],
      }],
    });
  });

  test('no gateway rule is added when the namespace allows nothing-by-default off, or a rule already allows the gateway', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ZeroTrustNamespace(chart, 'open', { allowNothing: false });
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const a = new MeshService(chart, 'a', { namespace: 'open', image: IMAGE, ports: HTTP });
    const b = new MeshService(chart, 'b', { namespace: 'shop', image: IMAGE, ports: HTTP });
    const ingress = new IngressGateway(chart, 'public', { namespace: 'istio-system', httpServers: [{ hosts: ['*'] }] });
    shop.allow({ selector: b.selector, from: [MeshPeer.gateway(ingress)], paths: ['/b/*'] });
    ingress.exposeMeshService(a, { hosts: ['a.example.com'] });
    ingress.exposeMeshService(b, { hosts: ['b.example.com'], match: [HttpMatch.prefix('/b/')] });
    expect(a.authorizationPolicy).toBeUndefined();
    expect(b.authorizationPolicy).toBeUndefined();
  });

  test('Sidecar.addEgressHosts extends the catch-all listener, and creates one when there is none', () => {
    const app = Testing.app();
    // Two Sidecars without a selector in one namespace (IST0111): this test reads their rendering only.
    SynthAnalysis.disable(app);
    const chart = new Chart(app, 'c', { namespace: 'x' });
    const a = new Sidecar(chart, 'a', { egress: [{ hosts: [EgressHost.sameNamespace()], port: { number: 80, protocol: Protocol.HTTP, name: 'http' } }] });
    a.addEgressHosts('shop/*');
    const b = new Sidecar(chart, 'b', { egress: [{ hosts: [EgressHost.sameNamespace()] }] });
    b.addEgressHosts('shop/*', './*');
    const [ra, rb] = Testing.synth(chart);
    expect(ra.spec.egress).toEqual([{ hosts: ['./*'], port: { number: 80, protocol: 'HTTP', name: 'http' } }, { hosts: ['shop/*'] }]);
    expect(rb.spec.egress).toEqual([{ hosts: ['./*', 'shop/*'] }]);
    expect(() => b.addEgressHosts('no-slash')).toThrow(/egress\[0\]\.hosts\[2\]/);
  });
});
