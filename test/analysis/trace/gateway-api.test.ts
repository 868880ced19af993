import { deployment, istio, ns, service } from './shop';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';

const GW = 'gateway.networking.k8s.io/v1';
const SOURCE = 'gateway:web/web-gw-istio?gateway.networking.k8s.io/gateway-name=web-gw';

function gateway(listeners: any[] = [{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }]): any {
  return { apiVersion: GW, kind: 'Gateway', metadata: { name: 'web-gw', namespace: 'web' }, spec: { gatewayClassName: 'istio', listeners } };
}

function route(name: string, namespace: string, spec: any): any {
  return { apiVersion: GW, kind: 'HTTPRoute', metadata: { name, namespace }, spec };
}

const toGateway = { parentRefs: [{ name: 'web-gw' }], hostnames: ['shop.example.com'] };

function mesh(...extra: any[]): any[] {
  return [
    ns('web'), ns('shop'), deployment('web', 'frontend'), service('web', 'frontend'),
    deployment('web', 'api', { labels: { version: 'v1' } }), deployment('web', 'api-v2', { labels: { version: 'v2' } }), service('web', 'api'), service('web', 'api-v2'),
    deployment('shop', 'cart'), service('shop', 'cart'),
    ...extra,
  ];
}

function trace(manifests: any[], url: string, from = SOURCE, method = 'GET'): TraceResult {
  return MeshAnalysis.trace(manifests, { from, url, method });
}

describe('MeshAnalysis.trace: Gateway API', () => {
  test('an HTTPRoute attached to the ingress Gateway routes by path; Exact beats the longest prefix; PathPrefix matches whole segments', () => {
    const r = route('web', 'web', {
      ...toGateway,
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'frontend', port: 80 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'api', port: 80, weight: 3 }, { name: 'api-v2', port: 80, weight: 1 }] },
        { matches: [{ path: { type: 'Exact', value: '/api/health' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/healthz' } } }] },
      ],
    });
    const api = trace(mesh(gateway(), r), 'http://shop.example.com/api/items');
    expect(api.outcome).toBe(TraceOutcome.DELIVERED);
    expect(api.backends).toEqual([
      { host: 'api.web.svc.cluster.local', subset: undefined, weight: 75 }, { host: 'api-v2.web.svc.cluster.local', subset: undefined, weight: 25 },
    ]);
    expect(api.steps.find((s) => s.step === 'route')?.by).toBe('HTTPRoute web/web');
    expect(trace(mesh(gateway(), r), 'http://shop.example.com/apix').backends[0].host).toBe('frontend.web.svc.cluster.local');
    expect(trace(mesh(gateway(), r), 'http://shop.example.com/api/health')).toMatchObject({ outcome: TraceOutcome.REDIRECTED, status: 302 });
  });

  test('listener port, hostname and protocol; routes of other hostnames or namespaces do not attach', () => {
    const r = route('web', 'web', { ...toGateway, rules: [{ backendRefs: [{ name: 'frontend', port: 80 }] }] });
    expect(trace(mesh(gateway(), r), 'http://shop.example.com:8080/').outcome).toBe(TraceOutcome.RESET);
    expect(trace(mesh(gateway(), r), 'http://shop.example.org/')).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 404 });
    expect(trace(mesh(gateway(), r), 'http://admin.example.com/')).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 404 });
    expect(trace(mesh(gateway(), r), 'https://shop.example.com/').outcome).toBe(TraceOutcome.RESET);
    const fromShop = route('cart', 'shop', { parentRefs: [{ name: 'web-gw', namespace: 'web' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'cart', port: 80 }] }] });
    expect(trace(mesh(gateway(), fromShop), 'http://shop.example.com/').outcome).toBe(TraceOutcome.NO_ROUTE);
    const all = gateway([{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }]);
    expect(trace(mesh(all, fromShop), 'http://shop.example.com/').backends[0].host).toBe('cart.shop.svc.cluster.local');
  });

  test('a backend in another namespace needs a ReferenceGrant there (else 500)', () => {
    const r = route('web', 'web', { ...toGateway, rules: [{ backendRefs: [{ name: 'cart', namespace: 'shop', port: 80 }] }] });
    expect(trace(mesh(gateway(), r), 'http://shop.example.com/')).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 500 });
    const grant = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'from-web', namespace: 'shop' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], to: [{ group: '', kind: 'Service' }] },
    };
    expect(trace(mesh(gateway(), r, grant), 'http://shop.example.com/').outcome).toBe(TraceOutcome.DELIVERED);
  });

  test('a GAMMA HTTPRoute on a Service routes mesh traffic to it', () => {
    const gamma = route('api', 'web', {
      parentRefs: [{ group: '', kind: 'Service', name: 'api', port: 80 }],
      rules: [{ matches: [{ headers: [{ name: 'x-canary', value: 'true' }] }], backendRefs: [{ name: 'api-v2', port: 80 }] }, { backendRefs: [{ name: 'api', port: 80 }] }],
    });
    const canary = MeshAnalysis.trace(mesh(gamma), { from: 'pod:web/frontend', url: 'http://api/', headers: { 'X-Canary': 'true' } });
    expect(canary.backends).toEqual([{ host: 'api-v2.web.svc.cluster.local', subset: undefined, weight: 100 }]);
    expect(MeshAnalysis.trace(mesh(gamma), { from: 'pod:web/frontend', url: 'http://api/' }).backends[0].host).toBe('api.web.svc.cluster.local');
  });

  test('policies targeting the Gateway run at the gateway', () => {
    const r = route('web', 'web', { ...toGateway, rules: [{ backendRefs: [{ name: 'frontend', port: 80 }] }] });
    const ap = istio('AuthorizationPolicy', 'web', 'gw-get-only', {
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'web-gw' }], rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
    }, 'security');
    expect(trace(mesh(gateway(), r, ap), 'http://shop.example.com/').outcome).toBe(TraceOutcome.DELIVERED);
    const post = trace(mesh(gateway(), r, ap), 'http://shop.example.com/', SOURCE, 'POST');
    expect(post).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(post.steps.find((s) => s.step === 'authz')?.by).toBe('AuthorizationPolicy web/gw-get-only');
  });
});
