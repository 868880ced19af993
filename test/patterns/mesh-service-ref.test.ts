import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { errorOf } from './_util';
import {
  CanaryRelease, CanaryVersion, IMeshService, IngressGateway, MeshService, Protocol, RoutingApi,
} from '../../lib';

const IMAGE = 'registry.example.com/cart:1.0.0';
const HTTP = [{ number: 8080, protocol: Protocol.HTTP }];

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

/** An object that has every public member of a MeshService, as plain JavaScript could build one, but is none. */
function lookalike(scope: Construct, of: MeshService): IMeshService {
  const node = new Construct(scope, 'lookalike').node;
  return {
    node,
    name: of.name,
    namespace: of.namespace,
    version: of.version,
    versions: of.versions,
    service: of.service,
    serviceAccount: of.serviceAccount,
    dataplane: of.dataplane,
    routing: of.routing,
    identity: of.identity,
    selector: of.selector,
    httpRoutes: of.httpRoutes,
    tcpRoutes: of.tcpRoutes,
    gatewayRoutes: of.gatewayRoutes,
    deploymentOf: (v: string) => of.deploymentOf(v),
    versionService: (v: string) => of.versionService(v),
    addVersion: (v: string, i: string) => of.addVersion(v, i),
    splitTraffic: (w: { [v: string]: number }) => of.splitTraffic(w),
  } as IMeshService;
}

describe('IMeshService', () => {
  test('MeshService implements it, and the patterns take it', () => {
    const c = chart();
    const service: IMeshService = new MeshService(c, 'cart', { image: IMAGE, ports: HTTP });
    const release = new CanaryRelease(c, 'release', { meshService: service, canary: CanaryVersion.fromImage('v2', IMAGE), canaryWeight: 10 });
    const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['shop.example.com'] }] });
    ingress.exposeMeshService(service);
    expect(release.meshService).toBe(service);
    const gatewayRoute = Testing.synth(c).find((o) => o.kind === 'VirtualService' && o.metadata.name === 'gw');
    expect(gatewayRoute.spec.http[0].route.map((d: any) => [d.destination.subset, d.weight])).toEqual([['v1', 90], ['v2', 10]]);
  });

  test('an object that is not a MeshService fails in exposeMeshService(), naming the construct, the prop and the object', () => {
    const c = chart();
    const real = new MeshService(c, 'cart', { image: IMAGE, ports: HTTP });
    const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['shop.example.com'] }] });
    const message = errorOf(() => ingress.exposeMeshService(lookalike(c, real)));
    expect(message).toContain('IngressGateway \'test/gw\'');
    expect(message).toContain('\'service\' must be a MeshService of cdk8s-istio');
    expect(message).toContain('test/lookalike');
  });

  test('an object that is not a MeshService fails as CanaryRelease meshService, before any other check reads it', () => {
    const c = chart();
    const real = new MeshService(c, 'cart', { image: IMAGE, ports: HTTP });
    const message = errorOf(() => new CanaryRelease(c, 'release', { meshService: lookalike(c, real), canary: CanaryVersion.fromImage('v2', IMAGE) }));
    expect(message).toContain('CanaryRelease \'test/release\'');
    expect(message).toContain('\'meshService\' must be a MeshService of cdk8s-istio');
    // From plain JavaScript, any value at all.
    const plain = errorOf(() => new CanaryRelease(c, 'other', { meshService: { name: 'cart' } as any, canary: CanaryVersion.fromImage('v2', IMAGE) }));
    expect(plain).toContain('\'meshService\' must be a MeshService of cdk8s-istio');
    expect(plain).toContain('(received: "cart")');
  });
});

describe('MeshService.versionService', () => {
  test('gives the Service of each version under RoutingApi.GATEWAY_API, none under RoutingApi.ISTIO', () => {
    const c = chart();
    const gateway = new MeshService(c, 'cart', { image: IMAGE, ports: HTTP, routing: RoutingApi.GATEWAY_API, version: 'V_2' });
    gateway.addVersion('v3', IMAGE);
    expect(gateway.versionService('V_2')?.name).toBe('cart-v-2');
    expect(gateway.versionService('v3')?.name).toBe('cart-v3');
    const istio = new MeshService(c, 'orders', { image: IMAGE, ports: HTTP });
    expect(istio.versionService('v1')).toBeUndefined();
    expect(errorOf(() => istio.versionService('v9'))).toContain('\'version\' is not a version of the service');
  });

  test('the canary release sends the header route and mirror to the canary version Service by that Service', () => {
    const c = chart();
    const release = new CanaryRelease(c, 'cart', {
      ports: HTTP,
      stable: CanaryVersion.fromImage('v1', IMAGE),
      canary: CanaryVersion.fromImage('v2', IMAGE),
      canaryWeight: 10,
      routing: RoutingApi.GATEWAY_API,
      canaryHeader: { name: 'x-canary' },
      mirrorPercentage: 5,
    });
    const canaryService = release.meshService.versionService('v2')!.name;
    const route = Testing.synth(c).find((o) => o.kind === 'HTTPRoute');
    expect(route.spec.rules[0].filters[0].requestMirror.backendRef.name).toBe(canaryService);
    expect(route.spec.rules[1].backendRefs[0].name).toBe(canaryService);
  });
});
