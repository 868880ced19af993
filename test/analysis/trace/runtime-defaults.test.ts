/**
 * The run-time effect of the library's safe defaults (CHANGELOG, Unreleased, Breaking changes), traced:
 * each pattern built as a user would, synthesized, and one request traced through the manifests;
 * beside it, the old (unsafe) setting and what the same request does then.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import {
  CanaryRelease, CanaryVersion, DataPlaneMode, IngressGateway, MeshAnalysis, MeshControlPlane, MeshService, Protocol, RetryOn,
  RoutingApi, SynthAnalysis, TraceOutcome, TraceResult, ZeroTrustNamespace,
} from '../../../lib';

const HTTP_8080 = { ports: [{ number: 8080, protocol: Protocol.HTTP }] };

function steps(r: TraceResult, step: string) {
  return r.steps.filter((s) => s.step === step);
}

describe('mesh-wide STRICT mTLS is opt-in (MeshControlPlane)', () => {
  function mesh(meshWidePeerAuthentication?: boolean): any[] {
    const app = Testing.app();
    const system = new Chart(app, 'system', { namespace: 'istio-system' });
    new MeshControlPlane(system, 'mesh', { meshWidePeerAuthentication });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new MeshService(shop, 'cart', { image: 'registry.example.com/cart:1.0.0', ...HTTP_8080 });
    return [...Testing.synth(system), ...Testing.synth(shop)];
  }
  const CALL = { from: 'plain:legacy', url: 'http://cart.shop:8080/api/items' };

  test('with the defaults, a client without proxy reaches a meshed service of a namespace without its own PeerAuthentication', () => {
    const manifests = mesh();
    expect(manifests.filter((m) => m.kind === 'PeerAuthentication')).toEqual([]);
    const r = MeshAnalysis.trace(manifests, CALL);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    // Istio's own default (PERMISSIVE) decided, no object of the manifests.
    expect(steps(r, 'peer-authentication')).toEqual([expect.objectContaining({ decision: expect.stringContaining('PERMISSIVE') })]);
    expect(steps(r, 'peer-authentication')[0].by).toBeUndefined();
  });

  test('with meshWidePeerAuthentication: true, the same plaintext client is reset by istio-system/default', () => {
    const r = MeshAnalysis.trace(mesh(true), CALL);
    expect(r.outcome).toBe(TraceOutcome.RESET);
    expect(steps(r, 'peer-authentication').map((s) => s.by)).toContain('PeerAuthentication istio-system/default');
  });
});

describe('an IngressGateway\'s server hosts are scoped to its routes\' namespace (restrictHostsToRoutesNamespace)', () => {
  /** A VirtualService written by hand in another namespace, binding the gateway for a host. */
  function takeover(host: string): any {
    return {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'takeover', namespace: 'attacker' },
      spec: {
        hosts: [host],
        gateways: ['ingress/public'],
        http: [{ route: [{ destination: { host: 'evil.attacker.svc.cluster.local', port: { number: 8080 } } }] }],
      },
    };
  }
  function mesh(restrictHostsToRoutesNamespace?: boolean): any[] {
    const app = Testing.app();
    const ingress = new Chart(app, 'ingress', { namespace: 'ingress' });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const attacker = new Chart(app, 'attacker', { namespace: 'attacker' });
    const cart = new MeshService(shop, 'cart', { image: 'registry.example.com/cart:1.0.0', ...HTTP_8080 });
    new MeshService(attacker, 'evil', { image: 'registry.example.com/evil:1.0.0', ...HTTP_8080 });
    const gateway = new IngressGateway(ingress, 'public', {
      restrictHostsToRoutesNamespace,
      httpServers: [{ hosts: ['shop.example.com', 'admin.example.com'] }],
    });
    gateway.exposeMeshService(cart, { hosts: ['shop.example.com'] });
    return [...Testing.synth(ingress), ...Testing.synth(shop), ...Testing.synth(attacker)];
  }
  const FROM = 'gateway:istio-system/istio-ingressgateway?istio=ingressgateway';
  const SHOP = { from: FROM, url: 'http://shop.example.com/' };
  const ADMIN = { from: FROM, url: 'http://admin.example.com/' };

  test('an exposed host is delivered through the gateway\'s own VirtualService, with a foreign one beside it', () => {
    const r = MeshAnalysis.trace([...mesh(), takeover('shop.example.com')], SHOP);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends).toEqual([{ host: 'cart.shop.svc.cluster.local', subset: 'v1', weight: 100 }]);
    expect(steps(r, 'route').map((s) => s.by)).toEqual(['VirtualService ingress/public']);
  });

  test('a host only a VirtualService of another namespace routes gets no route: the server hosts do not admit it', () => {
    const manifests = mesh();
    expect(manifests.find((m) => m.kind === 'Gateway').spec.servers[0].hosts).toEqual(['ingress/shop.example.com', 'ingress/admin.example.com']);
    const r = MeshAnalysis.trace([...manifests, takeover('admin.example.com')], ADMIN);
    expect(r).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 404, backends: [] });
    expect(steps(r, 'route')).toEqual([expect.objectContaining({ by: 'Gateway ingress/public', decision: expect.stringContaining('VirtualService attacker/takeover is not admitted') })]);
  });

  test('with restrictHostsToRoutesNamespace: false, the foreign VirtualService takes the gateway\'s traffic for that host', () => {
    const manifests = mesh(false);
    expect(manifests.find((m) => m.kind === 'Gateway').spec.servers[0].hosts).toEqual(['shop.example.com', 'admin.example.com']);
    const r = MeshAnalysis.trace([...manifests, takeover('admin.example.com')], ADMIN);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends).toEqual([{ host: 'evil.attacker.svc.cluster.local', weight: 100 }]);
    expect(steps(r, 'route').map((s) => s.by)).toEqual(['VirtualService attacker/takeover']);
    // For an exposed host, the older VirtualService's catch-all rule wins (Istio merges a gateway's VirtualServices
    // of one host by creation time); manifest order stands for it here.
    const older = MeshAnalysis.trace([takeover('shop.example.com'), ...manifests], SHOP);
    expect(older.backends).toEqual([{ host: 'evil.attacker.svc.cluster.local', weight: 100 }]);
  });

  // Istio filters each VirtualService bound to a gateway by the server hosts its namespace may bind
  // (buildGatewayHTTPRouteConfig, `host.NamesForNamespace(server.Hosts, virtualService.Namespace)` in
  // pilot/pkg/networking/core/gateway.go) before it merges routes per host, so a foreign VirtualService the hosts do
  // not admit cannot hide the admitted one, whatever the order of the manifests.
  test('a foreign VirtualService listed before the gateway\'s own does not hide it', () => {
    const r = MeshAnalysis.trace([takeover('shop.example.com'), ...mesh()], SHOP);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
  });
});

describe('ambient behind an ingress: the gateway\'s requests go through the waypoint (istio.io/ingress-use-waypoint)', () => {
  function mesh(): any[] {
    const app = Testing.app();
    // The synth's analysis warns CI0005 for cart-v1 (allow-nothing, while allow-waypoints admits the waypoints):
    // the trace below is what this test is about.
    SynthAnalysis.disable(app);
    const ingress = new Chart(app, 'ingress', { namespace: 'ingress' });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new ZeroTrustNamespace(shop, 'namespace', { dataplane: DataPlaneMode.AMBIENT, createWaypoint: true });
    const cart = new MeshService(shop, 'cart', { image: 'registry.example.com/cart:1.0.0', dataplane: DataPlaneMode.AMBIENT, ...HTTP_8080 });
    // Gateway API routing: the ambient profile installs no Istio ingress gateway.
    const gateway = new IngressGateway(ingress, 'public', { routing: RoutingApi.GATEWAY_API, httpServers: [{ hosts: ['shop.example.com'] }] });
    gateway.exposeMeshService(cart, { hosts: ['shop.example.com'] });
    return [...Testing.synth(ingress), ...Testing.synth(shop)];
  }
  /** The manifests without the label, on the Service and on the Namespace. */
  function withoutIngressUseWaypoint(manifests: any[]): any[] {
    return manifests.map((m) => {
      const labels = { ...m.metadata?.labels };
      if (!('istio.io/ingress-use-waypoint' in labels)) return m;
      delete labels['istio.io/ingress-use-waypoint'];
      return { ...m, metadata: { ...m.metadata, labels } };
    });
  }
  const CALL = { from: 'gateway:ingress/public-istio?gateway.networking.k8s.io/gateway-name=public', url: 'http://shop.example.com/api/items' };

  test('as the library writes it, the request from the gateway passes the waypoint and its L7 allow rule', () => {
    const manifests = mesh();
    const labelled = manifests.filter((m) => m.metadata?.labels?.['istio.io/ingress-use-waypoint'] === 'true').map((m) => `${m.kind} ${m.metadata.name}`);
    expect(labelled).toEqual(expect.arrayContaining(['Namespace shop', 'Service cart']));
    const r = MeshAnalysis.trace(manifests, CALL);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(steps(r, 'route')[0].by).toBe('HTTPRoute ingress/public');
    expect(steps(r, 'waypoint')).toEqual([expect.objectContaining({ by: 'Gateway shop/cart-waypoint', decision: expect.stringContaining('takes the request') })]);
    expect(steps(r, 'authz')[0]).toMatchObject({ by: 'AuthorizationPolicy shop/cart-policy', decision: expect.stringContaining('waypoint (L7)') });
  });

  test('without the label, the gateway skips the waypoint and ztunnel\'s allow-nothing denies it', () => {
    const r = MeshAnalysis.trace(withoutIngressUseWaypoint(mesh()), CALL);
    expect(r.outcome).toBe(TraceOutcome.DENIED);
    expect(steps(r, 'waypoint')).toEqual([expect.objectContaining({ by: 'Service shop/cart', decision: expect.stringContaining('skips it') })]);
    expect(r.steps[r.steps.length - 1]).toMatchObject({ step: 'authz', by: 'AuthorizationPolicy shop/allow-nothing' });
  });
});

describe('MeshService routes carry no retries by default', () => {
  function mesh(retries?: any): any[] {
    const app = Testing.app();
    SynthAnalysis.disable(app); // the test analyses the manifests itself
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new MeshService(shop, 'cart', { image: 'registry.example.com/cart:1.0.0', retries, ...HTTP_8080 });
    new MeshService(shop, 'web', { image: 'registry.example.com/web:1.0.0', ...HTTP_8080 });
    return Testing.synth(shop);
  }
  /** The seed's retries, which MeshService gave every HTTP route before. */
  const SEED_RETRIES = { attempts: 3, perTryTimeout: Duration.seconds(2), retryOn: RetryOn.parse('5xx,reset,connect-failure') };
  const POST = { from: 'pod:shop/web', url: 'http://cart.shop:8080/api/orders', method: 'POST' };
  const cartRoutes = (manifests: any[]) => manifests.find((m) => m.kind === 'VirtualService' && m.metadata.name === 'cart').spec.http;

  test('the VirtualService has no retries field, the analysis does not warn, and the traced POST\'s route mentions none', () => {
    const manifests = mesh();
    expect(cartRoutes(manifests).map((h: any) => h.retries)).toEqual([undefined]);
    expect(MeshAnalysis.analyze(manifests).findings.filter((f) => f.code === 'CI0030')).toEqual([]);
    const r = MeshAnalysis.trace(manifests, POST);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(steps(r, 'route').map((s) => s.by)).toEqual(['VirtualService shop/cart']);
    expect(steps(r, 'route').map((s) => s.decision).join(' ')).not.toMatch(/retr/i);
  });

  test('with the seed\'s retries given, the route retries POST on 5xx and the analysis reports CI0030', () => {
    const manifests = mesh(SEED_RETRIES);
    expect(cartRoutes(manifests)[0].retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset,connect-failure' });
    const ci0030 = MeshAnalysis.analyze(manifests).findings.filter((f) => f.code === 'CI0030');
    expect(ci0030.map((f) => f.message).join('\n')).toMatch(/shop\/cart/);
    expect(ci0030.map((f) => f.message).join('\n')).toMatch(/POST/);
    expect(MeshAnalysis.trace(manifests, POST).outcome).toBe(TraceOutcome.DELIVERED);
  });

  test('with the seed\'s retries given, the traced POST\'s route step says it is sent again after a 5xx or reset; a GET is only retried', () => {
    const manifests = mesh(SEED_RETRIES);
    const post = steps(MeshAnalysis.trace(manifests, POST), 'route').map((s) => s.decision).join(' ');
    expect(post).toContain('retries: up to 3 more attempts on 5xx,reset,connect-failure, 2s per try');
    expect(post).toContain('a POST the service answered or reset (5xx, reset) is sent again, up to 3 times');
    const get = steps(MeshAnalysis.trace(manifests, { ...POST, method: 'GET' }), 'route').map((s) => s.decision).join(' ');
    expect(get).toContain('retries: up to 3 more attempts');
    expect(get).not.toContain('is sent again');
  });
});

describe('CanaryRelease routes carry no retries by default', () => {
  function mesh(retries?: any): any[] {
    const app = Testing.app();
    SynthAnalysis.disable(app); // the test analyses the manifests itself
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new CanaryRelease(shop, 'cart', {
      stable: CanaryVersion.fromImage('v1', 'registry.example.com/cart:1.0.0'),
      canary: CanaryVersion.fromImage('v2', 'registry.example.com/cart:2.0.0'),
      canaryWeight: 10,
      retries,
      ...HTTP_8080,
    });
    new MeshService(shop, 'web', { image: 'registry.example.com/web:1.0.0', ...HTTP_8080 });
    return Testing.synth(shop);
  }
  const POST = { from: 'pod:shop/web', url: 'http://cart.shop:8080/api/orders', method: 'POST' };

  test('a POST is split 90/10 between the versions by a route without retries; the seed\'s retries bring CI0030', () => {
    const manifests = mesh();
    const vs = manifests.find((m) => m.kind === 'VirtualService' && m.metadata.name === 'cart');
    expect(vs.spec.http.every((h: any) => h.retries === undefined)).toBe(true);
    const r = MeshAnalysis.trace(manifests, POST);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends).toEqual([
      { host: 'cart.shop.svc.cluster.local', subset: 'v1', weight: 90 },
      { host: 'cart.shop.svc.cluster.local', subset: 'v2', weight: 10 },
    ]);
    expect(steps(r, 'route')[0].by).toBe('VirtualService shop/cart');
    expect(MeshAnalysis.analyze(manifests).findings.filter((f) => f.code === 'CI0030')).toEqual([]);
    const seed = mesh({ attempts: 3, perTryTimeout: Duration.seconds(2), retryOn: RetryOn.parse('5xx,reset,connect-failure') });
    expect(MeshAnalysis.analyze(seed).findings.filter((f) => f.code === 'CI0030').length).toBeGreaterThan(0);
  });
});

describe('exposeMeshService() on a deny-all ZeroTrustNamespace lets the gateway in (sidecar mode)', () => {
  function mesh(): any[] {
    const app = Testing.app();
    SynthAnalysis.disable(app); // the trace is what this test is about
    const ingress = new Chart(app, 'ingress', { namespace: 'istio-system' });
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new ZeroTrustNamespace(shop, 'namespace', {});
    const cart = new MeshService(shop, 'cart', { image: 'registry.example.com/cart:1.0.0', ...HTTP_8080 });
    new IngressGateway(ingress, 'public', { httpServers: [{ hosts: ['shop.example.com'] }] }).exposeMeshService(cart, { hosts: ['shop.example.com'] });
    return [...Testing.synth(ingress), ...Testing.synth(shop)];
  }
  const CALL = { from: 'gateway:istio-system/istio-ingressgateway-service-account?istio=ingressgateway', url: 'http://shop.example.com/api/items' };

  test('the request from the ingress gateway is delivered under the policy exposeMeshService() wrote', () => {
    const r = MeshAnalysis.trace(mesh(), CALL);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(steps(r, 'route')[0].by).toBe('VirtualService istio-system/public');
    const authz = steps(r, 'authz');
    expect(authz).toEqual([expect.objectContaining({ by: 'AuthorizationPolicy shop/cart-policy', decision: expect.stringContaining('ALLOW policy rules[0] matches') })]);
    const policy = mesh().find((m) => m.kind === 'AuthorizationPolicy' && m.metadata.name === 'cart-policy');
    expect(policy.spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account']);
  });

  test('without that policy, the namespace\'s allow-nothing denies it', () => {
    const r = MeshAnalysis.trace(mesh().filter((m) => !(m.kind === 'AuthorizationPolicy' && m.metadata.name === 'cart-policy')), CALL);
    expect(r).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(steps(r, 'authz').pop()!.by).toBe('AuthorizationPolicy shop/allow-nothing');
  });
});
