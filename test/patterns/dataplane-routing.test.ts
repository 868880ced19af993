import { Chart, Duration, Testing } from 'cdk8s';
import { errorOf } from './_util';
import {
  AnalysisLevel, CanaryRelease, CanaryVersion, ConsistentHash, DataPlaneMode, Fault, HttpMethod, Identity, MeshPeer,
  MeshService, Protocol, RoutingApi, SidecarInjection, SynthAnalysis, ZeroTrustNamespace,
} from '../../lib';
import { findObject } from '../support/seed';

const kinds = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

/** The three patterns in one namespace, for one data plane and routing API. */
function build(dataplane: DataPlaneMode, routing: RoutingApi) {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  const ambient = dataplane === DataPlaneMode.AMBIENT;
  const ns = new ZeroTrustNamespace(chart, 'shop', { dataplane, createWaypoint: ambient ? true : undefined });
  ns.allow({ from: [MeshPeer.identity(Identity.fromNames('front', 'web'))], methods: [HttpMethod.GET] });
  const api = new MeshService(chart, 'api', {
    image: 'registry.example.com/api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }], dataplane, routing, timeout: Duration.seconds(3),
  });
  api.allowFrom(MeshPeer.identity(Identity.fromNames('front', 'web')), { methods: [HttpMethod.GET] });
  const release = new CanaryRelease(chart, 'cart', {
    ports: [{ number: 9080, protocol: Protocol.HTTP }],
    stable: CanaryVersion.fromImage('v1', 'registry.example.com/cart:1'),
    canary: CanaryVersion.fromImage('v2', 'registry.example.com/cart:2'),
    currentStep: 1,
    canaryHeader: { name: 'x-canary' },
    mirrorPercentage: 10,
    dataplane,
    routing,
  });
  return { ns, api, release, manifests: Testing.synth(chart) };
}

const COMBINATIONS: Array<[DataPlaneMode, RoutingApi]> = [
  [DataPlaneMode.SIDECAR, RoutingApi.ISTIO],
  [DataPlaneMode.SIDECAR, RoutingApi.GATEWAY_API],
  [DataPlaneMode.AMBIENT, RoutingApi.ISTIO],
  [DataPlaneMode.AMBIENT, RoutingApi.GATEWAY_API],
];

describe('DataPlaneMode x RoutingApi', () => {
  describe.each(COMBINATIONS)('%s data plane, %s routing', (dataplane, routing) => {
    const { manifests } = build(dataplane, routing);
    const ambient = dataplane === DataPlaneMode.AMBIENT;
    const gatewayApi = routing === RoutingApi.GATEWAY_API;

    test('ZeroTrustNamespace: labels the namespace for its data plane (in ambient, ingress traffic through the waypoint); a Sidecar only with sidecars', () => {
      const labels = findObject(manifests, 'Namespace', 'shop').metadata.labels;
      expect(labels).toEqual(ambient
        ? { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint', 'istio.io/ingress-use-waypoint': 'true' }
        : { 'istio-injection': 'enabled' });
      expect(kinds(manifests, 'Sidecar')).toHaveLength(ambient ? 0 : 1);
    });

    test('ZeroTrustNamespace: L7 rules by selector with sidecars, by targetRefs to the waypoint in ambient', () => {
      const spec = findObject(manifests, 'AuthorizationPolicy', 'allow').spec;
      expect(spec.targetRefs).toEqual(ambient ? [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }] : undefined);
      expect(spec.rules[0].to).toEqual([{ operation: { methods: ['GET'] } }]);
    });

    test('MeshService and CanaryRelease: waypoints and use-waypoint labels only in ambient mode', () => {
      const waypoints = kinds(manifests, 'Gateway').filter((g) => g.spec.gatewayClassName === 'istio-waypoint').map((g) => g.metadata.name).sort();
      expect(waypoints).toEqual(ambient ? ['api-waypoint', 'cart-waypoint', 'waypoint'] : []);
      expect(findObject(manifests, 'Service', 'api').metadata.labels['istio.io/use-waypoint']).toBe(ambient ? 'api-waypoint' : undefined);
      const podLabels = findObject(manifests, 'Deployment', 'api-v1').spec.template.metadata.labels;
      expect(podLabels['istio.io/dataplane-mode']).toBe(ambient ? 'ambient' : undefined);
      expect(podLabels['sidecar.istio.io/inject']).toBe(ambient ? undefined : 'true');
    });

    test('MeshService: allowFrom() selects the pods with sidecars, targets the Service in ambient mode', () => {
      const spec = findObject(manifests, 'AuthorizationPolicy', 'api-policy').spec;
      if (ambient) expect(spec.targetRefs).toEqual([{ group: '', kind: 'Service', name: 'api' }]);
      else expect(spec.selector).toEqual({ matchLabels: { app: 'api' } });
    });

    test('ambient namespaces let every waypoint of the namespace through the allow-nothing policy', () => {
      const policy = manifests.find((o) => o.kind === 'AuthorizationPolicy' && o.metadata.name === 'allow-waypoints');
      if (!ambient) return expect(policy).toBeUndefined();
      expect(policy.spec.rules[0].from[0].source.principals.sort()).toEqual([
        'cluster.local/ns/shop/sa/api-waypoint', 'cluster.local/ns/shop/sa/cart-waypoint', 'cluster.local/ns/shop/sa/waypoint',
      ]);
      expect(findObject(manifests, 'AuthorizationPolicy', 'allow-nothing-waypoint').spec)
        .toEqual({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }] });
    });

    test('routes with a VirtualService and DestinationRule, or an HTTPRoute to per-version Services', () => {
      expect(kinds(manifests, 'VirtualService').map((o) => o.metadata.name).sort()).toEqual(gatewayApi ? [] : ['api', 'cart']);
      expect(kinds(manifests, 'DestinationRule')).toHaveLength(gatewayApi ? 0 : 2);
      expect(kinds(manifests, 'HTTPRoute').map((o) => o.metadata.name).sort()).toEqual(gatewayApi ? ['api', 'cart'] : []);
      const versionServices = ['api-v1', 'cart-v1', 'cart-v2'].filter((n) => manifests.some((o) => o.kind === 'Service' && o.metadata.name === n));
      expect(versionServices).toEqual(gatewayApi ? ['api-v1', 'cart-v1', 'cart-v2'] : []);
    });

    test('CanaryRelease: 80/20, a header route to the canary and a 10% mirror, in either API', () => {
      if (!gatewayApi) {
        const http = findObject(manifests, 'VirtualService', 'cart').spec.http;
        expect(http[0].match[0].headers).toEqual({ 'x-canary': { exact: 'true' } });
        expect(http[1].route.map((r: any) => [r.destination.subset, r.weight])).toEqual([['v1', 80], ['v2', 20]]);
        expect(http[1].mirrorPercentage).toEqual({ value: 10 });
        return;
      }
      const spec = findObject(manifests, 'HTTPRoute', 'cart').spec;
      expect(spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'cart', port: 9080 }]);
      expect(spec.rules[0].backendRefs).toEqual([{ name: 'cart-v1', port: 9080, weight: 80 }, { name: 'cart-v2', port: 9080, weight: 20 }]);
      expect(spec.rules[0].filters).toEqual([{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'cart-v2', port: 9080 }, percent: 10 } }]);
      expect(spec.rules[1]).toEqual({
        matches: [{ headers: [{ name: 'x-canary', value: 'true' }] }],
        backendRefs: [{ name: 'cart-v2', port: 9080 }],
      });
      expect(findObject(manifests, 'HTTPRoute', 'api').spec.rules[0].timeouts).toEqual({ request: '3s' });
    });
  });

  describe('MeshService under the Gateway API', () => {
    test('splitTraffic() sets the weights of the version Services', () => {
      const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
      const api = new MeshService(chart, 'reviews', { image: 'reviews:1', ports: [{ number: 9080, protocol: Protocol.HTTP }], routing: RoutingApi.GATEWAY_API });
      api.addVersion('v2', 'reviews:2');
      api.splitTraffic({ v1: 90, v2: 10 });
      expect(findObject(Testing.synth(chart), 'HTTPRoute', 'reviews').spec).toEqual({
        parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
        rules: [{ backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 90 }, { name: 'reviews-v2', port: 9080, weight: 10 }] }],
      });
    });

    test('fails on what the HTTPRoute cannot express: retries, faults, traffic policies, TCP ports', () => {
      const message = errorOf(() => new MeshService(new Chart(Testing.app(), 'test', { namespace: 'shop' }), 'api', {
        image: 'api:1',
        ports: [{ number: 8080, protocol: Protocol.HTTP }, { number: 5432, protocol: Protocol.TCP }],
        routing: RoutingApi.GATEWAY_API,
        retries: { attempts: 2 },
        fault: Fault.abort(503, 10),
        trafficPolicy: { loadBalancer: {} },
      }));
      expect(message).toContain('has 4 problems');
      expect(message).toContain('\'retries\' cannot be expressed with RoutingApi.GATEWAY_API: the standard-channel HTTPRoute (v1.5.1) has no retries (received: 2)');
      expect(message).toContain('\'fault\' cannot be expressed with RoutingApi.GATEWAY_API');
      expect(message).toContain('\'trafficPolicy\' cannot be used with RoutingApi.GATEWAY_API');
      expect(message).toContain('\'ports\' must all be HTTP, HTTP2, GRPC or GRPC-WEB with RoutingApi.GATEWAY_API');
    });
  });

  describe('errors', () => {
    const chart = () => new Chart(Testing.app(), 'test', { namespace: 'shop' });

    test('MeshService fails on a sidecar injection in ambient mode, and on a waypoint with sidecars', () => {
      expect(errorOf(() => new MeshService(chart(), 'api', {
        image: 'api:1',
        ports: [{ number: 8080, protocol: Protocol.HTTP }],
        dataplane: DataPlaneMode.AMBIENT,
        sidecarInjection: SidecarInjection.enabled(),
      }))).toContain('\'sidecarInjection\' cannot inject a sidecar into ambient mode pods');
    });

    test('ZeroTrustNamespace fails on L7 rules in ambient mode without a waypoint, and on a waypoint with sidecars', () => {
      const ns = new ZeroTrustNamespace(chart(), 'shop', { dataplane: DataPlaneMode.AMBIENT });
      expect(errorOf(() => ns.allow({ paths: ['/admin'] })))
        .toContain('names methods or paths, which ztunnel cannot check (L4 only), and the namespace has no waypoint to check them');
      expect(errorOf(() => new ZeroTrustNamespace(chart(), 'shop', { createWaypoint: true }))).toContain('\'createWaypoint\' applies to ambient mode only');
    });

    test('CanaryRelease fails on sticky sessions under the Gateway API, and on dataplane with a meshService', () => {
      const c = chart();
      expect(errorOf(() => new CanaryRelease(c, 'cart', {
        ports: [{ number: 9080, protocol: Protocol.HTTP }],
        stable: CanaryVersion.fromImage('v1', 'cart:1'),
        canary: CanaryVersion.fromImage('v2', 'cart:2'),
        routing: RoutingApi.GATEWAY_API,
        stickySessions: ConsistentHash.header('x-user'),
      }))).toContain('\'stickySessions\' cannot be used with RoutingApi.GATEWAY_API');
      const api = new MeshService(c, 'api', { image: 'api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
      expect(errorOf(() => new CanaryRelease(c, 'api-canary', {
        meshService: api, canary: CanaryVersion.fromImage('v2', 'api:2'), dataplane: DataPlaneMode.AMBIENT,
      }))).toContain('\'dataplane\' cannot be set together with \'meshService\'');
    });
  });
});

describe('SynthAnalysis on an ambient app', () => {
  test('sees the objects ZeroTrustNamespace adds from its validation (allow-waypoints), so app.synth() passes at warning level', () => {
    const app = Testing.app();
    SynthAnalysis.attach(app, { failOn: AnalysisLevel.WARNING, printFindings: false });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new ZeroTrustNamespace(chart, 'shop', { dataplane: DataPlaneMode.AMBIENT, createWaypoint: true });
    const api = new MeshService(chart, 'api', {
      image: 'registry.example.com/api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }], dataplane: DataPlaneMode.AMBIENT,
    });
    api.allowFrom(MeshPeer.identity(Identity.fromNames('front', 'web')), { methods: [HttpMethod.GET] });
    expect(() => app.synthYaml()).not.toThrow();
    expect(app.synthYaml()).toContain('name: allow-waypoints');
  });
});
