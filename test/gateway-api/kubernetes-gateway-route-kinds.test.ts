import { Testing } from 'cdk8s';
import { AllowedRoutes, KubernetesGateway, ListenerProtocol, RouteKind } from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

describe('KubernetesGateway allowedRoutes.kinds', () => {
  test('renders the kinds a listener accepts, alone or with the namespaces', () => {
    const c = Testing.chart();
    new KubernetesGateway(c, 'gw', {
      metadata: { name: 'gw' },
      listeners: [
        { name: 'tcp', port: 31400, protocol: ListenerProtocol.TCP, allowedRoutes: AllowedRoutes.ofKinds([RouteKind.TCP_ROUTE]) },
        { name: 'tls', port: 443, protocol: ListenerProtocol.TLS, tlsPassthrough: true, allowedRoutes: AllowedRoutes.allNamespaces().withKinds([RouteKind.TLS_ROUTE]) },
        { name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.ofKinds([RouteKind.HTTP_ROUTE, RouteKind.GRPC_ROUTE]) },
      ],
    });
    const listeners = findObject(Testing.synth(c), 'Gateway', 'gw').spec.listeners;
    expect(listeners.map((l: any) => l.allowedRoutes)).toEqual([
      { kinds: [{ kind: 'TCPRoute' }] },
      { namespaces: { from: 'All' }, kinds: [{ kind: 'TLSRoute' }] },
      { kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] },
    ]);
    expect(AllowedRoutes.ofKinds([RouteKind.TCP_ROUTE]).kinds).toEqual([RouteKind.TCP_ROUTE]);
  });

  test('records on a Gateway with a TCP listener that istiod needs the alpha Gateway API flag', () => {
    const c = Testing.chart();
    const gw = new KubernetesGateway(c, 'gw', { listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
    expect(gw.node.metadata).toEqual([]);
    gw.addListener({ name: 'tcp', port: 31400, protocol: ListenerProtocol.TCP });
    gw.addListener({ name: 'tcp2', port: 31401, protocol: ListenerProtocol.TCP });
    expect(gw.node.metadata.map((m) => m.data)).toEqual([expect.stringContaining('PILOT_ENABLE_ALPHA_GATEWAY_API=true')]);
  });

  test('fails on a kind the listener\'s protocol does not carry, a duplicate kind, and an unknown kind from JavaScript', () => {
    const c = Testing.chart();
    expect(errorOf(() => new KubernetesGateway(c, 'gw', {
      listeners: [{ name: 'tcp', port: 31400, protocol: ListenerProtocol.TCP, allowedRoutes: AllowedRoutes.ofKinds([RouteKind.HTTP_ROUTE]) }],
    }))).toContain('\'listeners[0].allowedRoutes.kinds\' must name kinds a TCP listener carries (TCPRoute) (received: ["HTTPRoute"])');
    expect(errorOf(() => new KubernetesGateway(c, 'gw2', {
      listeners: [{ name: 'tls', port: 443, protocol: ListenerProtocol.TLS, tlsPassthrough: true, allowedRoutes: AllowedRoutes.ofKinds([RouteKind.TCP_ROUTE]) }],
    }))).toContain('must name kinds a TLS listener carries');
    expect(errorOf(() => AllowedRoutes.ofKinds([RouteKind.TLS_ROUTE, RouteKind.TLS_ROUTE]))).toContain('\'kinds\' must not name a kind twice');
    expect(errorOf(() => AllowedRoutes.ofKinds(['UDPRoute' as any]))).toContain('AllowedRoutes.withKinds: \'kinds[0]\' must be a RouteKind (received: "UDPRoute")');
  });
});
