import { deployment, istio, ns, service } from './shop';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };

function waypoint(): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'waypoint', namespace: 'shop', labels: { 'istio.io/waypoint-for': 'service' } },
    spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
  };
}

function mesh(opts: { waypoint?: boolean; ingressUseWaypoint?: boolean } = {}, ...extra: any[]): any[] {
  const cart = service('shop', 'cart');
  if (opts.waypoint) cart.metadata.labels = { 'istio.io/use-waypoint': 'waypoint', ...(opts.ingressUseWaypoint ? { 'istio.io/ingress-use-waypoint': 'true' } : {}) };
  return [
    ns('web', AMBIENT), ns('shop', AMBIENT), ns('legacy', { 'istio-injection': 'enabled' }),
    deployment('web', 'frontend'), deployment('web', 'admin'), deployment('legacy', 'old'),
    deployment('shop', 'cart'), cart, ...(opts.waypoint ? [waypoint()] : []),
    ...extra,
  ];
}

function ap(name: string, spec: any): any {
  return istio('AuthorizationPolicy', 'shop', name, spec, 'security');
}

function trace(manifests: any[], from = 'pod:web/frontend', method = 'GET'): TraceResult {
  return MeshAnalysis.trace(manifests, { from, url: 'http://cart.shop/items', method });
}

const FRONTEND_ONLY = { selector: { matchLabels: { app: 'cart' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/web/sa/frontend'] } }] }] };

describe('MeshAnalysis.trace: ambient', () => {
  test('ztunnel carries an ambient call over HBONE and enforces L4 policy (a denial resets, without HTTP status)', () => {
    const r = trace(mesh({}, ap('l4', FRONTEND_ONLY)));
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.steps.some((s) => s.decision.includes('ztunnel sends HBONE'))).toBe(true);
    const denied = trace(mesh({}, ap('l4', FRONTEND_ONLY)), 'pod:web/admin');
    expect(denied).toMatchObject({ outcome: TraceOutcome.DENIED, status: undefined });
    expect(denied.steps.find((s) => s.step === 'authz')?.decision).toContain('ztunnel (L4)');
  });

  test('an L7 ALLOW rule enforced by ztunnel never matches, so it denies', () => {
    const l7 = ap('get-only', { selector: { matchLabels: { app: 'cart' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    expect(trace(mesh({}, l7)).outcome).toBe(TraceOutcome.DENIED);
  });

  test('a waypoint enforces L7 policy attached with targetRefs; the pods then see the waypoint\'s identity', () => {
    const l7 = ap('get-only', { targetRefs: [{ kind: 'Service', group: '', name: 'cart' }], rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    const get = trace(mesh({ waypoint: true }, l7));
    expect(get.outcome).toBe(TraceOutcome.DELIVERED);
    expect(get.steps.find((s) => s.step === 'waypoint')).toMatchObject({ by: 'Gateway shop/waypoint' });
    const post = trace(mesh({ waypoint: true }, l7), 'pod:web/frontend', 'POST');
    expect(post).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(post.steps.filter((s) => s.step === 'authz').pop()?.by).toBe('AuthorizationPolicy shop/get-only');
    // A selector policy allowing the original caller no longer matches: ztunnel sees the waypoint.
    const r = trace(mesh({ waypoint: true }, ap('l4', FRONTEND_ONLY)));
    expect(r.outcome).toBe(TraceOutcome.DENIED);
    expect(r.steps.filter((s) => s.step === 'authz').pop()?.decision).toContain('waypoint shop/waypoint');
  });

  test('the waypoint routes with a GAMMA HTTPRoute on the Service', () => {
    const v2 = deployment('shop', 'cart-v2');
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'cart', namespace: 'shop' },
      spec: { parentRefs: [{ group: '', kind: 'Service', name: 'cart' }], rules: [{ backendRefs: [{ name: 'cart', port: 80, weight: 80 }, { name: 'cart-v2', port: 80, weight: 20 }] }] },
    };
    const r = trace(mesh({ waypoint: true }, v2, service('shop', 'cart-v2'), route));
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends.map((b) => [b.host, b.weight])).toEqual([['cart.shop.svc.cluster.local', 80], ['cart-v2.shop.svc.cluster.local', 20]]);
    expect(r.steps.find((s) => s.step === 'route')?.by).toBe('HTTPRoute shop/cart');
  });

  test('a gateway skips the waypoint unless istio.io/ingress-use-waypoint says otherwise', () => {
    const ingress = deployment('istio-system', 'istio-ingressgateway', { labels: { istio: 'ingressgateway' } });
    ingress.spec.template.spec.containers = [{ name: 'istio-proxy', image: 'istio/proxyv2:1.30.3' }];
    const gw = istio('Gateway', 'shop', 'gw', { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] });
    const vs = istio('VirtualService', 'shop', 'cart', { hosts: ['cart.example.com'], gateways: ['gw'], http: [{ route: [{ destination: { host: 'cart' } }] }] });
    const l7 = ap('get-only', { targetRefs: [{ kind: 'Service', group: '', name: 'cart' }], rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    const post = (manifests: any[]) => MeshAnalysis.trace(manifests, { from: 'gateway:istio-system/istio-ingressgateway?istio=ingressgateway', url: 'http://cart.example.com/', method: 'POST' });
    const skipped = post(mesh({ waypoint: true }, ingress, gw, vs, l7));
    expect(skipped.outcome).toBe(TraceOutcome.DELIVERED);
    expect(skipped.steps.find((s) => s.step === 'waypoint')?.decision).toContain('istio.io/ingress-use-waypoint');
    expect(post(mesh({ waypoint: true, ingressUseWaypoint: true }, ingress, gw, vs, l7)).outcome).toBe(TraceOutcome.DENIED);
  });

  test('a sidecar client reaches an ambient pod with mTLS; an ambient client reaches a host outside the mesh by passthrough', () => {
    expect(trace(mesh({}, ap('l4', FRONTEND_ONLY)), 'pod:legacy/old').outcome).toBe(TraceOutcome.DENIED);
    const from = MeshAnalysis.trace(mesh(), { from: 'pod:web/frontend', url: 'http://api.example.com/' });
    expect(from).toMatchObject({ outcome: TraceOutcome.PASSTHROUGH, backends: [{ host: 'api.example.com', weight: 100 }] });
  });
});
