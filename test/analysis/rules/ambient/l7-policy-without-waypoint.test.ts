import { ambientNs, authz, codes, deployment, messages, namespace, policy, service, suppress, waypoint } from './_fixtures';

const ID = 'CI0006';
const app = deployment('api', 'shop', { app: 'api' });
const svc = (labels: Record<string, string> = {}) => service('api', 'shop', { app: 'api' }, labels);
const l7ToService = (annotations?: any) => authz('get-only', 'shop', {
  targetRefs: [{ group: '', kind: 'Service', name: 'api' }],
  rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
}, annotations);
const jwt = (spec: any) => policy('RequestAuthentication', 'security.istio.io', 'jwt', 'shop', { jwtRules: [{ issuer: 'https://issuer.example' }], ...spec });

describe('CI0006 AmbientL7PolicyWithoutWaypoint', () => {
  test('reports a policy targeting a Service that no waypoint serves', () => {
    const m = [ambientNs('shop'), app, svc(), l7ToService()];
    expect(codes(ID, m)).toEqual(['CI0006 AuthorizationPolicy shop/get-only']);
    expect(messages(ID, m)[0]).toContain('neither it nor namespace shop carries the istio.io/use-waypoint label');
  });

  test('reports a target bound to a waypoint the app does not define', () => {
    const msg = messages(ID, [ambientNs('shop'), app, svc({ 'istio.io/use-waypoint': 'wp' }), l7ToService()])[0];
    expect(msg).toContain('its waypoint shop/wp is not defined in the app');
  });

  test('reports a target bound to a waypoint that takes workload traffic only', () => {
    const m = [ambientNs('shop', { 'istio.io/use-waypoint': 'wp' }), app, svc(), waypoint('wp', 'shop', { 'istio.io/waypoint-for': 'workload' }), l7ToService()];
    expect(messages(ID, m)[0]).toContain('does not take service traffic');
  });

  test('reports a RequestAuthentication selecting ambient workloads by label, even with a waypoint', () => {
    const m = [ambientNs('shop', { 'istio.io/use-waypoint': 'wp' }), app, svc(), waypoint('wp', 'shop'), jwt({ selector: { matchLabels: { app: 'api' } } })];
    expect(codes(ID, m)).toEqual(['CI0006 RequestAuthentication shop/jwt']);
    expect(messages(ID, m)[0]).toContain('selects ambient workloads (app=api: Deployment api) by label');
    expect(messages(ID, m)[0]).not.toContain('no waypoint');
  });

  test('reports a namespace-wide Telemetry in an ambient namespace without a waypoint', () => {
    const m = [ambientNs('shop'), app, policy('Telemetry', 'telemetry.istio.io', 'logs', 'shop', { accessLogging: [{ providers: [{ name: 'envoy' }] }] })];
    expect(codes(ID, m)).toEqual(['CI0006 Telemetry shop/logs']);
    expect(messages(ID, m)[0]).toContain('no waypoint of the app is bound in namespace shop');
  });

  test('accepts policies a waypoint enforces, L4 policies, and sidecar namespaces', () => {
    const bound = [ambientNs('shop', { 'istio.io/use-waypoint': 'wp' }), app, svc(), waypoint('wp', 'shop')];
    const telemetry = policy('Telemetry', 'telemetry.istio.io', 'logs', 'shop', { accessLogging: [{ providers: [{ name: 'envoy' }] }] });
    expect(codes(ID, [...bound, l7ToService(), jwt({ targetRefs: [{ group: '', kind: 'Service', name: 'api' }] }), telemetry])).toEqual([]);
    const l4 = authz('l4', 'shop', { targetRefs: [{ group: '', kind: 'Service', name: 'api' }], rules: [{ from: [{ source: { namespaces: ['shop'] } }] }] });
    expect(codes(ID, [ambientNs('shop'), app, svc(), l4])).toEqual([]);
    expect(codes(ID, [namespace('shop', { 'istio-injection': 'enabled' }), app, svc(), jwt({ selector: { matchLabels: { app: 'api' } } })])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    expect(codes(ID, [ambientNs('shop'), app, svc(), l7ToService(suppress(ID))])).toEqual([]);
  });
});
