import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { buildApp } from '../../examples/payments/main';
import {
  AuthorizationPolicy, CanaryRelease, CanaryVersion, DataPlaneMode, EgressHost, HttpMethod, Identity, IngressGateway,
  MeshAnalysis, MeshPeer, MeshService, MtlsMode, PeerAuthentication, Protocol, RoutingApi, Sidecar, SynthAnalysis,
  TraceOutcome, TrafficIntentKind, ZeroTrustNamespace,
} from '../../lib';

const IMAGE = 'registry.example.com/shop:1';
const HTTP = [{ number: 8080, protocol: Protocol.HTTP }];

/**
 * The naive shop of the issue, written with the library's L3s: `web` with frontend, `shop` with cart and the
 * checkout canary, frontend allowed on cart, cart on checkout, and an IngressGateway exposing frontend.
 * `handBuiltWeb` builds `web` the way the issue found it broken: the same objects a ZeroTrustNamespace makes
 * (STRICT mTLS, allow-nothing, a Sidecar importing `./*` and `istio-system/*`), from L2s, so that no pattern can
 * widen its Sidecar or let the gateway in.
 */
function naiveShop(options: { handBuiltWeb?: boolean } = {}) {
  const app = Testing.app();
  SynthAnalysis.attach(app, { printFindings: false });
  const chart = new Chart(app, 'shop-app');
  if (options.handBuiltWeb) {
    new kplus.Namespace(chart, 'web-namespace', { metadata: { name: 'web', labels: { 'istio-injection': 'enabled' } } });
    new PeerAuthentication(chart, 'web-mtls', { metadata: { name: 'default', namespace: 'web' }, mtlsMode: MtlsMode.STRICT });
    AuthorizationPolicy.allowNothing(chart, 'web-allow-nothing', { metadata: { name: 'allow-nothing', namespace: 'web' } });
    new Sidecar(chart, 'web-sidecar', { metadata: { name: 'default', namespace: 'web' }, egress: [{ hosts: [EgressHost.sameNamespace(), EgressHost.allIn('istio-system')] }] });
  } else {
    new ZeroTrustNamespace(chart, 'web');
  }
  const frontend = new MeshService(chart, 'frontend', { namespace: 'web', image: IMAGE, ports: HTTP });
  new ZeroTrustNamespace(chart, 'shop');
  const cart = new MeshService(chart, 'cart', { namespace: 'shop', image: IMAGE, ports: HTTP });
  const checkout = new CanaryRelease(chart, 'checkout', {
    namespace: 'shop', ports: HTTP, stable: CanaryVersion.fromImage('v1', IMAGE), canary: CanaryVersion.fromImage('v2', IMAGE), currentStep: 1,
  });
  cart.allowFrom(MeshPeer.service(frontend), { methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/cart/*'] });
  checkout.meshService.allowFrom(MeshPeer.service(cart), { methods: [HttpMethod.POST], paths: ['/checkout'] });
  const ingress = new IngressGateway(chart, 'public', { namespace: 'istio-system', httpServers: [{ hosts: ['shop.example.com'] }] });
  ingress.exposeMeshService(frontend);
  return { app, chart, frontend, cart, checkout, ingress };
}

function synthError(app: App): string {
  try {
    app.synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the synth to fail');
}

function manifestsOf(app: App): any[] {
  return app.charts.flatMap((c) => c.toJson());
}

describe('traffic intents at synth: the naive shop', () => {
  test('built the broken way, the synth fails on both broken paths, naming them', () => {
    const { app } = naiveShop({ handBuiltWeb: true });
    const message = synthError(app);
    const lines = message.split('\n').filter((l) => l.includes('error TRAFFIC'));
    expect(lines).toHaveLength(2);
    // frontend -> cart: web's Sidecar does not import cart, so the call never reaches it as mTLS.
    const call = lines.find((l) => l.includes('allow intent'))!;
    expect(call).toContain('declared by shop-app/cart, caller shop-app/frontend');
    expect(call).toContain('from pod:web/frontend');
    expect(call).toContain('http://cart.shop.svc.cluster.local:8080/cart/');
    expect(call).toMatch(/expected delivered, traced (passthrough|reset|blackholed)/);
    expect(call).toContain('resolve (Sidecar web/default): cart.shop.svc.cluster.local:8080 (Service shop/cart) is not in the caller\'s registry');
    expect(call).toContain('add it to the egress hosts of its Sidecar');
    // gateway -> frontend: web's allow-nothing answers 403.
    const ingress = lines.find((l) => l.includes('expose intent'))!;
    expect(ingress).toContain('declared by shop-app/public, callee shop-app/frontend');
    expect(ingress).toContain('http://shop.example.com/');
    expect(ingress).toContain('expected delivered, traced denied (HTTP 403)');
    expect(ingress).toContain('AuthorizationPolicy web/allow-nothing');
    expect(ingress).toContain("Fix: Allow the gateway's identity (cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account) on MeshService");
  });

  test('written as a user writes it today, the same code synthesizes, and the traces say delivered where intended', () => {
    const { app } = naiveShop();
    expect(() => app.synthYaml()).not.toThrow();
    const checks = SynthAnalysis.checkIntents(app);
    const outcome = (kind: TrafficIntentKind, from?: string) => checks.filter((c) => c.intent.kind === kind && (!from || c.request.from === from))
      .map((c) => c.result.outcome);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(outcome(TrafficIntentKind.ALLOW, 'pod:web/frontend')).toEqual([TraceOutcome.DELIVERED]);
    expect(outcome(TrafficIntentKind.ALLOW, 'pod:shop/cart')).toEqual([TraceOutcome.DELIVERED]);
    expect(outcome(TrafficIntentKind.EXPOSE)).toEqual([TraceOutcome.DELIVERED]);
    // The unlisted caller is denied in both namespaces, on every Service.
    const unlisted = checks.filter((c) => c.intent.kind === TrafficIntentKind.UNLISTED);
    expect(unlisted.length).toBeGreaterThanOrEqual(3);
    expect(unlisted.every((c) => c.result.outcome === TraceOutcome.DENIED)).toBe(true);
    // The canary split is 80/20, traced from cart, the caller allowed on checkout.
    const canary = checks.find((c) => c.intent.kind === TrafficIntentKind.CANARY)!;
    expect(canary.request.from).toBe('pod:shop/cart');
    expect(canary.result.backends.map((b) => [b.subset, b.weight])).toEqual([['v1', 80], ['v2', 20]]);
  });

  test('the same traces, asked of MeshAnalysis.trace on the written manifests', () => {
    const { app } = naiveShop();
    const manifests = manifestsOf(app);
    const trace = (from: string, url: string, method = 'GET') => MeshAnalysis.trace(manifests, { from, url, method }).outcome;
    expect(trace('pod:web/frontend', 'http://cart.shop.svc.cluster.local:8080/cart/items')).toBe(TraceOutcome.DELIVERED);
    expect(trace('pod:web/frontend', 'http://cart.shop.svc.cluster.local:8080/admin')).toBe(TraceOutcome.DENIED);
    expect(trace('pod:web/other-sa', 'http://cart.shop.svc.cluster.local:8080/cart/items')).toBe(TraceOutcome.DENIED);
    expect(trace('pod:shop/cart', 'http://checkout.shop.svc.cluster.local:8080/checkout', 'POST')).toBe(TraceOutcome.DELIVERED);
    // web's Sidecar imports cart's host only: checkout is not in frontend's registry, the call leaves as plaintext, STRICT resets it.
    expect(trace('pod:web/frontend', 'http://checkout.shop.svc.cluster.local:8080/checkout', 'POST')).toBe(TraceOutcome.RESET);
    expect(trace('pod:shop/other', 'http://checkout.shop.svc.cluster.local:8080/checkout', 'POST')).toBe(TraceOutcome.DENIED);
  });
});

describe('traffic intents at synth', () => {
  test('a user expectation that holds passes; one that does not fails the synth with the trace', () => {
    const { app } = naiveShop();
    SynthAnalysis.expect(app, { from: 'pod:web/frontend', url: 'http://cart.shop.svc.cluster.local:8080/cart/x', outcome: TraceOutcome.DELIVERED });
    SynthAnalysis.expect(app, { from: 'pod:shop/other', url: 'http://checkout.shop.svc.cluster.local:8080/checkout', method: 'POST', outcome: TraceOutcome.DENIED });
    expect(() => app.synthYaml()).not.toThrow();

    SynthAnalysis.expect(app, {
      from: 'pod:shop/other',
      url: 'http://checkout.shop.svc.cluster.local:8080/checkout',
      method: 'POST',
      outcome: TraceOutcome.DELIVERED,
      description: 'any pod of shop checks out',
    });
    const message = synthError(app);
    expect(message).toContain('error TRAFFIC expectation intent (declared by the App): any pod of shop checks out.');
    expect(message).toContain('Request: POST http://checkout.shop.svc.cluster.local:8080/checkout from pod:shop/other: expected delivered, traced denied (HTTP 403)');
    expect(message).toMatch(/authz \(AuthorizationPolicy shop\/(allow-nothing|checkout-policy)\)/);
    expect(message).toContain('Fix: Allow the caller (pod:shop/other)');
  });

  test('an expectation whose URL the trace cannot take is rejected when declared, not reported as an internal error at synth', () => {
    const { app } = naiveShop();
    for (const url of ['http://cart.shop:70000/cart', 'ftp://cart.shop/cart', 'http:///cart']) {
      expect(() => SynthAnalysis.expect(app, { from: 'pod:web/frontend', url, outcome: TraceOutcome.DELIVERED }))
        .toThrow(`SynthAnalysis.expect: 'url' must be an http(s) URL as the client dials it (received: ${JSON.stringify(url)})`);
    }
    SynthAnalysis.expect(app, { from: 'pod:web/frontend', url: 'HTTP://cart.shop.svc.cluster.local:8080/cart/x', outcome: TraceOutcome.DELIVERED });
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('an intent whose caller namespace is outside the app is traced with Istio defaults there, and a note says so', () => {
    const app = Testing.app();
    SynthAnalysis.attach(app);
    const chart = new Chart(app, 'c');
    new ZeroTrustNamespace(chart, 'shop');
    const cart = new MeshService(chart, 'cart', { namespace: 'shop', image: IMAGE, ports: HTTP });
    cart.allowFrom(MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus')), { methods: [HttpMethod.GET], paths: ['/metrics'] });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => app.synthYaml()).not.toThrow();
      const printed = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain("traced with Istio's defaults for namespace 'monitoring'");
    } finally {
      stderr.mockRestore();
    }
    const [check] = SynthAnalysis.checkIntents(app).filter((c) => c.intent.kind === TrafficIntentKind.ALLOW);
    expect([check.request.from, check.result.outcome]).toEqual(['pod:monitoring/prometheus', TraceOutcome.DELIVERED]);
  });

  test('a rule that lets an unlisted caller in fails the unlisted check, naming the policy', () => {
    const app = Testing.app();
    SynthAnalysis.attach(app, { printFindings: false });
    const chart = new Chart(app, 'c');
    new ZeroTrustNamespace(chart, 'shop');
    new MeshService(chart, 'cart', { namespace: 'shop', image: IMAGE, ports: HTTP });
    // Hand-written: every authenticated workload of any namespace (not declared through the patterns).
    new AuthorizationPolicy(chart, 'open', { metadata: { name: 'open', namespace: 'shop' }, rules: [{ from: [{ principals: [Identity.anyAuthenticated()] }] }] });
    const message = synthError(app);
    expect(message).toContain('error TRAFFIC unlisted intent (declared by c/shop)');
    expect(message).toContain('expected denied, traced delivered');
    expect(message).toContain('AuthorizationPolicy shop/open');
  });

  test('ambient: the callers a MeshService allows reach it through its waypoint, and an unlisted caller is denied there', () => {
    const app = Testing.app();
    SynthAnalysis.attach(app, { printFindings: false });
    const chart = new Chart(app, 'c');
    new ZeroTrustNamespace(chart, 'shop');
    const caller = new MeshService(chart, 'caller', { namespace: 'shop', image: IMAGE, ports: HTTP });
    new ZeroTrustNamespace(chart, 'amb', { dataplane: DataPlaneMode.AMBIENT, createWaypoint: true });
    const a = new MeshService(chart, 'a', { namespace: 'amb', image: IMAGE, ports: HTTP, dataplane: DataPlaneMode.AMBIENT });
    const b = new MeshService(chart, 'b', { namespace: 'amb', image: IMAGE, ports: HTTP, dataplane: DataPlaneMode.AMBIENT });
    b.allowFrom(MeshPeer.service(a), { paths: ['/x/*'], methods: [HttpMethod.GET] });
    b.allowFrom(MeshPeer.service(caller));
    // The namespace's allow-nothing binds ztunnel only, which lets waypoints in: each service's own waypoint denies too.
    expect(a.waypointAllowNothingPolicy?.name).toBe('a-waypoint-allow-nothing');
    const checks = SynthAnalysis.checkIntents(app);
    expect(checks.map((c) => [c.intent.kind, c.request.from, c.request.url, c.result.outcome])).toEqual(expect.arrayContaining([
      [TrafficIntentKind.UNLISTED, 'pod:cdk8s-istio-unlisted/unlisted-caller', 'http://a.amb.svc.cluster.local:8080/', TraceOutcome.DENIED],
      [TrafficIntentKind.ALLOW, 'pod:amb/a', 'http://b.amb.svc.cluster.local:8080/x/', TraceOutcome.DELIVERED],
      [TrafficIntentKind.ALLOW, 'pod:shop/caller', 'http://b.amb.svc.cluster.local:8080/', TraceOutcome.DELIVERED],
    ]));
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('examples/payments: every intent its constructs declare is traced, and each does what it declares', () => {
    const app = Testing.app();
    buildApp(app, { weight: 10 });
    const checks = SynthAnalysis.checkIntents(app);
    expect(checks.filter((c) => !c.ok).map((c) => c.message)).toEqual([]);
    expect(new Set(checks.map((c) => c.intent.kind))).toEqual(new Set([
      TrafficIntentKind.ALLOW, TrafficIntentKind.UNLISTED, TrafficIntentKind.EXPOSE, TrafficIntentKind.CANARY,
    ]));
    const expose = checks.find((c) => c.intent.kind === TrafficIntentKind.EXPOSE)!;
    expect([expose.request.url, expose.result.outcome]).toEqual(['https://payments.example.com/api/payments/', TraceOutcome.DELIVERED]);
    const canary = checks.find((c) => c.intent.kind === TrafficIntentKind.CANARY)!;
    expect(canary.result.backends.map((b) => [b.subset, b.weight])).toEqual([['v1', 90], ['v2', 10]]);
  });

  test('a Gateway API gateway deployed into a deny-all namespace is denied by that namespace, and the message says so', () => {
    const app = Testing.app();
    SynthAnalysis.attach(app, { printFindings: false });
    const chart = new Chart(app, 'c');
    new ZeroTrustNamespace(chart, 'shop');
    const cart = new MeshService(chart, 'cart', { namespace: 'shop', image: IMAGE, ports: HTTP });
    const ingress = new IngressGateway(chart, 'gw', { namespace: 'shop', routing: RoutingApi.GATEWAY_API, httpServers: [{ hosts: ['shop.example.com'] }] });
    ingress.exposeMeshService(cart);
    const message = synthError(app);
    expect(message).toContain('from gateway:shop/gw-istio?gateway.networking.k8s.io/gateway-name=gw: expected delivered, traced denied (HTTP 403)');
    expect(message).toContain('authz (AuthorizationPolicy shop/allow-nothing)');
    expect(message).toContain('Fix: The gateway\'s own pods deny the request from outside, before routing');
  });

  test('checkIntents: false turns the check off', () => {
    const { app } = naiveShop({ handBuiltWeb: true });
    SynthAnalysis.attach(app, { printFindings: false, checkIntents: false });
    expect(() => app.synthYaml()).not.toThrow();
  });
});
