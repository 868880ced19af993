import { ambientNs, codes, deployment, messages, service, suppress, waypoint } from './_fixtures';

const ID = 'CI0008';

describe('CI0008 UseWaypointNotResolved', () => {
  test('reports a Namespace naming a waypoint the app does not define', () => {
    const m = [ambientNs('shop', { 'istio.io/use-waypoint': 'wp' })];
    expect(codes(ID, m)).toEqual(['CI0008 Namespace shop']);
    expect(messages(ID, m)[0]).toContain('names waypoint shop/wp, but the app defines no Gateway of that name in namespace shop');
  });

  test('reports a Service naming a waypoint in another namespace that is missing there', () => {
    const svc = service('api', 'shop', { app: 'api' }, { 'istio.io/use-waypoint': 'wp', 'istio.io/use-waypoint-namespace': 'mesh' });
    expect(codes(ID, [ambientNs('shop'), waypoint('wp', 'shop'), svc])).toEqual(['CI0008 Service shop/api']);
  });

  test('reports a ServiceEntry naming a Gateway that is not a waypoint', () => {
    const se = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'ext', namespace: 'shop', labels: { 'istio.io/use-waypoint': 'ingress' } },
      spec: { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' },
    };
    expect(messages(ID, [waypoint('ingress', 'shop', {}, 'istio'), se])[0]).toContain("not a waypoint (gatewayClassName 'istio'");
  });

  test('reports a pod template naming a waypoint that takes service traffic only', () => {
    const d = deployment('api', 'shop', { app: 'api' }, { podLabels: { 'istio.io/use-waypoint': 'wp' } });
    expect(codes(ID, [ambientNs('shop'), waypoint('wp', 'shop'), d])).toEqual(['CI0008 Deployment shop/api']);
    expect(messages(ID, [ambientNs('shop'), waypoint('wp', 'shop'), d])[0]).toContain('on its pod template');
  });

  test('accepts resolved bindings, waypoints of a custom class, and the none opt-out', () => {
    const cls = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'my-waypoints' }, spec: { controllerName: 'istio.io/mesh-controller' } };
    const m = [
      ambientNs('shop', { 'istio.io/use-waypoint': 'wp' }),
      waypoint('wp', 'shop', { 'istio.io/waypoint-for': 'all' }),
      service('api', 'shop', { app: 'api' }, { 'istio.io/use-waypoint': 'none' }),
      service('web', 'shop', { app: 'web' }, { 'istio.io/use-waypoint': 'custom', 'istio.io/use-waypoint-namespace': 'mesh' }),
      waypoint('custom', 'mesh', {}, 'my-waypoints'), cls,
      deployment('api', 'shop', { app: 'api' }, { podLabels: { 'istio.io/use-waypoint': 'wp' } }),
    ];
    expect(codes(ID, m)).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const ns = { ...ambientNs('shop', { 'istio.io/use-waypoint': 'wp' }) } as any;
    ns.metadata.annotations = suppress(ID);
    expect(codes(ID, [ns])).toEqual([]);
  });
});
