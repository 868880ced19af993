/** The library's L3s, traced: the naive shop of issue 16 and its fixes, as synthesized. */
import { Chart, Testing } from 'cdk8s';
import { DataPlaneMode, HttpMethod, MeshAnalysis, MeshPeer, MeshService, Protocol, TraceOutcome, ZeroTrustNamespace } from '../../../lib';

function shop(opts: { egressNamespaces?: string[]; dataplane?: DataPlaneMode; waypoint?: boolean } = {}): any[] {
  const app = Testing.app();
  const web = new Chart(app, 'web', { namespace: 'web' });
  const shopChart = new Chart(app, 'shop', { namespace: 'shop' });
  new ZeroTrustNamespace(web, 'namespace', { egressNamespaces: opts.egressNamespaces, dataplane: opts.dataplane });
  new ZeroTrustNamespace(shopChart, 'namespace', { dataplane: opts.dataplane, createWaypoint: opts.waypoint });
  const common = { ports: [{ number: 8080, protocol: Protocol.HTTP }], dataplane: opts.dataplane };
  const frontend = new MeshService(web, 'frontend', { image: 'registry.example.com/frontend:1.0.0', ...common });
  new MeshService(web, 'admin', { image: 'registry.example.com/admin:1.0.0', ...common });
  const cart = new MeshService(shopChart, 'cart', { image: 'registry.example.com/cart:1.0.0', ...common });
  cart.allowFrom(MeshPeer.service(frontend), { methods: [HttpMethod.GET], paths: ['/api/*'] });
  return [...Testing.synth(web), ...Testing.synth(shopChart)];
}

const CALL = { from: 'pod:web/frontend', url: 'http://cart.shop:8080/api/items' };

describe('the naive shop (ZeroTrustNamespace, MeshService.allowFromService), traced', () => {
  test('without the callee\'s namespace in the caller\'s egress scope, the call leaves as plaintext and STRICT mTLS resets it', () => {
    // web's Sidecar as it was before allowFromService() added cart's host to it.
    const mesh = shop().map((m) => m.kind !== 'Sidecar' || m.metadata.namespace !== 'web' ? m
      : { ...m, spec: { ...m.spec, egress: [{ hosts: m.spec.egress[0].hosts.filter((h: string) => !h.startsWith('shop/')) }] } });
    const r = MeshAnalysis.trace(mesh, CALL);
    expect(r.outcome).toBe(TraceOutcome.RESET);
    expect(r.steps.find((s) => s.step === 'resolve')?.by).toBe('Sidecar web/default');
  });

  test('as the library writes it, allowFromService() put cart\'s host in web\'s egress scope: the call is delivered', () => {
    expect(MeshAnalysis.trace(shop(), CALL).outcome).toBe(TraceOutcome.DELIVERED);
  });

  test('with shop in the egress scope the call is delivered; an unlisted caller and an unlisted path are denied', () => {
    const mesh = shop({ egressNamespaces: ['shop'] });
    expect(MeshAnalysis.trace(mesh, CALL).outcome).toBe(TraceOutcome.DELIVERED);
    expect(MeshAnalysis.trace(mesh, { ...CALL, from: 'pod:web/admin' })).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(MeshAnalysis.trace(mesh, { ...CALL, url: 'http://cart.shop:8080/admin' })).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
  });

  test('in ambient mode with a waypoint, the allowed call is delivered and an unlisted caller denied', () => {
    const mesh = shop({ dataplane: DataPlaneMode.AMBIENT, waypoint: true });
    const r = MeshAnalysis.trace(mesh, CALL);
    expect(r.steps.some((s) => s.step === 'waypoint')).toBe(true);
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(MeshAnalysis.trace(mesh, { ...CALL, from: 'pod:web/admin' }).outcome).toBe(TraceOutcome.DENIED);
  });
});

describe('ZeroTrustNamespace.allow() naming an identity and a namespace, traced', () => {
  // Sources of one rule are alternatives, the fields of one source all must match
  // (https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule): the identity and the
  // namespace are rendered as two sources, so a caller matching either is let in.
  function mesh(): any[] {
    const app = Testing.app();
    const charts = ['web', 'monitoring', 'shop'].map((ns) => new Chart(app, ns, { namespace: ns }));
    const [web, monitoring, shopChart] = charts;
    new ZeroTrustNamespace(web, 'namespace', { egressNamespaces: ['shop'] });
    new ZeroTrustNamespace(monitoring, 'namespace', { egressNamespaces: ['shop'] });
    const shopNs = new ZeroTrustNamespace(shopChart, 'namespace');
    const ports = [{ number: 8080, protocol: Protocol.HTTP }];
    const frontend = new MeshService(web, 'frontend', { image: 'registry.example.com/frontend:1.0.0', ports });
    new MeshService(web, 'admin', { image: 'registry.example.com/admin:1.0.0', ports });
    new MeshService(monitoring, 'prometheus', { image: 'registry.example.com/prometheus:1.0.0', ports });
    new MeshService(shopChart, 'cart', { image: 'registry.example.com/cart:1.0.0', ports });
    shopNs.allow({ from: [MeshPeer.service(frontend), MeshPeer.namespace('monitoring')], targetPorts: [8080] });
    return charts.flatMap((c) => Testing.synth(c));
  }

  test('the named identity and any workload of the named namespace are delivered; another caller is denied', () => {
    const manifests = mesh();
    const call = (from: string) => MeshAnalysis.trace(manifests, { from, url: 'http://cart.shop:8080/api/items' });
    expect(call('pod:web/frontend').outcome).toBe(TraceOutcome.DELIVERED);
    expect(call('pod:monitoring/prometheus').outcome).toBe(TraceOutcome.DELIVERED);
    expect(call('pod:web/admin')).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
  });
});
