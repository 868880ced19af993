import { Testing } from 'cdk8s';
import {
  AllowedRoutes, BackendRef, GatewayGrpcMatch, GatewayGrpcRoute, GatewayTcpRoute, GatewayTlsRoute, KubernetesGateway, ListenerProtocol, ParentRef,
  RouteKind,
} from '../../lib';
import { errorOf } from '../patterns/_util';
import { findObject } from '../support/seed';

const gatewayParent = (sectionName: string) => [ParentRef.gateway('edge', { sectionName })];

describe('GatewayTcpRoute', () => {
  test('renders a v1alpha2 TCPRoute with weighted backends under the id Resource', () => {
    const c = Testing.chart();
    const route = new GatewayTcpRoute(c, 'tcp-echo', {
      metadata: { name: 'tcp-echo' },
      parentRefs: gatewayParent('tcp-31400'),
      rules: [{ backendRefs: [BackendRef.service('tcp-echo-v1', { port: 9000, weight: 80 }), BackendRef.service('tcp-echo-v2', { port: 9000, weight: 20 })] }],
    });
    const obj = findObject(Testing.synth(c), 'TCPRoute', 'tcp-echo');
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1alpha2');
    expect(obj.spec).toEqual({
      parentRefs: [{ name: 'edge', sectionName: 'tcp-31400' }],
      rules: [{ backendRefs: [{ name: 'tcp-echo-v1', port: 9000, weight: 80 }, { name: 'tcp-echo-v2', port: 9000, weight: 20 }] }],
    });
    expect(route.node.findChild('Resource')).toBe(route.apiObject);
  });

  test('records that it needs the experimental CRDs and the alpha flag, as construct metadata', () => {
    const c = Testing.chart();
    const route = new GatewayTcpRoute(c, 'r', { parentRefs: gatewayParent('tcp'), rules: [{ backendRefs: [BackendRef.service('a', { port: 1 })] }] });
    expect(route.node.metadata.map((m) => `${m.type}: ${m.data}`)).toEqual([`cdk8s-istio:warning: ${GatewayTcpRoute.REQUIREMENT}`]);
    expect(GatewayTcpRoute.REQUIREMENT).toContain('PILOT_ENABLE_ALPHA_GATEWAY_API=true');
  });

  test('adds rules after construction, named', () => {
    const c = Testing.chart();
    const route = new GatewayTcpRoute(c, 'r', { metadata: { name: 'r' }, parentRefs: gatewayParent('tcp') });
    expect(route.addRule({ name: 'all', backendRefs: [BackendRef.service('db', { port: 5432 })] })).toBe(0);
    expect(findObject(Testing.synth(c), 'TCPRoute', 'r').spec.rules).toEqual([{ name: 'all', backendRefs: [{ name: 'db', port: 5432 }] }]);
  });

  test('fails without parents, without backends, with every weight 0, and at synth without rules', () => {
    const c = Testing.chart();
    expect(errorOf(() => new GatewayTcpRoute(c, 'a', { parentRefs: [], rules: [{ backendRefs: [] }] })))
      .toMatch(/GatewayTcpRoute 'test\/a' has 2 problems[\s\S]*'parentRefs' must hold 1 to 32 parents[\s\S]*'rules\[0\]\.backendRefs' must hold 1 to 16 backends/);
    const zero = [BackendRef.service('a', { port: 1, weight: 0 }), BackendRef.service('b', { port: 1, weight: 0 })];
    expect(errorOf(() => new GatewayTcpRoute(c, 'b', { parentRefs: gatewayParent('tcp'), rules: [{ backendRefs: zero }] })))
      .toContain('\'rules[0].backendRefs\' must not all have weight 0');
    const chart = Testing.chart();
    new GatewayTcpRoute(chart, 'empty', { parentRefs: gatewayParent('tcp') });
    expect(errorOf(() => Testing.synth(chart))).toContain('\'rules\' must hold 1 to 16 rules');
  });

  test('fails with the standard error when plain JavaScript leaves the props out', () => {
    const c = Testing.chart();
    expect(errorOf(() => new (GatewayTcpRoute as any)(c, 'js'))).toContain('GatewayTcpRoute \'test/js\': \'parentRefs\' must hold 1 to 32 parents (received: undefined)');
  });
});

describe('GatewayTlsRoute', () => {
  test('renders a v1 TLSRoute with SNI host names and one rule', () => {
    const c = Testing.chart();
    const route = new GatewayTlsRoute(c, 'nginx', {
      metadata: { name: 'nginx' },
      parentRefs: gatewayParent('tls'),
      hostnames: ['nginx.example.com'],
      backendRefs: [BackendRef.service('my-nginx', { port: 443 })],
      ruleName: 'sni',
    });
    const obj = findObject(Testing.synth(c), 'TLSRoute', 'nginx');
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(obj.spec).toEqual({
      parentRefs: [{ name: 'edge', sectionName: 'tls' }],
      hostnames: ['nginx.example.com'],
      rules: [{ name: 'sni', backendRefs: [{ name: 'my-nginx', port: 443 }] }],
    });
    route.replaceBackends([BackendRef.service('a', { port: 443, weight: 90 }), BackendRef.service('b', { port: 443, weight: 10 })]);
    expect(findObject(Testing.synth(c), 'TLSRoute', 'nginx').spec.rules[0].backendRefs.map((b: any) => b.weight)).toEqual([90, 10]);
  });

  test('fails without host names (TLSRoute v1 requires one), with an upper-case host, and without backends', () => {
    const c = Testing.chart();
    const message = errorOf(() => new GatewayTlsRoute(c, 't', { parentRefs: gatewayParent('tls'), hostnames: [], backendRefs: [] }));
    expect(message).toContain('\'hostnames\' must hold at least one SNI host name: a TLSRoute routes by SNI (received: [])');
    expect(message).toContain('\'backendRefs\' must hold 1 to 16 backends (received: 0)');
    expect(errorOf(() => new GatewayTlsRoute(c, 'u', { parentRefs: gatewayParent('tls'), hostnames: ['Shop.example.com'], backendRefs: [BackendRef.service('a', { port: 1 })] })))
      .toContain('\'hostnames[0]\' must be a lower-case host name');
  });
});

describe('GatewayGrpcRoute', () => {
  test('renders a v1 GRPCRoute with method, service, regex and header matches, filters and weights', () => {
    const c = Testing.chart();
    const route = new GatewayGrpcRoute(c, 'greeter', {
      metadata: { name: 'greeter' },
      parentRefs: [ParentRef.service('greeter', { port: 50051 })],
      hostnames: ['grpc.example.com'],
      rules: [{
        name: 'hello',
        matches: [
          GatewayGrpcMatch.method('helloworld.Greeter', 'SayHello'),
          GatewayGrpcMatch.service('helloworld.Admin'),
          GatewayGrpcMatch.of({ method: 'Say.*', regex: true, headers: [{ name: 'x-canary', value: 'true' }] }),
        ],
        requestHeaders: { set: { 'x-route': 'hello' } },
        backendRefs: [BackendRef.service('greeter-v1', { port: 50051, weight: 90 }), BackendRef.service('greeter-v2', { port: 50051, weight: 10 })],
      }],
    });
    const obj = findObject(Testing.synth(c), 'GRPCRoute', 'greeter');
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(obj.spec).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'greeter', port: 50051 }],
      hostnames: ['grpc.example.com'],
      rules: [{
        name: 'hello',
        matches: [
          { method: { service: 'helloworld.Greeter', method: 'SayHello' } },
          { method: { service: 'helloworld.Admin' } },
          { method: { type: 'RegularExpression', method: 'Say.*' }, headers: [{ name: 'x-canary', value: 'true' }] },
        ],
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: 'hello' }] } }],
        backendRefs: [{ name: 'greeter-v1', port: 50051, weight: 90 }, { name: 'greeter-v2', port: 50051, weight: 10 }],
      }],
    });
    expect(route.addRule({ backendRefs: [BackendRef.service('fallback', { port: 50051 })] })).toBe(1);
    route.replaceBackends(1, [BackendRef.service('fallback-v2', { port: 50051 })]);
    expect(findObject(Testing.synth(c), 'GRPCRoute', 'greeter').spec.rules[1]).toEqual({ backendRefs: [{ name: 'fallback-v2', port: 50051 }] });
  });

  test('fails on a service or method name the GRPCRoute schema rejects, and on an empty match', () => {
    expect(errorOf(() => GatewayGrpcMatch.method('hello world', 'Say-Hello')))
      .toMatch(/GatewayGrpcMatch.method has 2 problems[\s\S]*'options.service' must be a gRPC service name[\s\S]*'options.method' must be a gRPC method name/);
    expect(errorOf(() => GatewayGrpcMatch.of({}))).toContain('\'options\' must give a service, a method or headers');
  });

  test('fails on a rule index that does not exist', () => {
    const c = Testing.chart();
    const route = new GatewayGrpcRoute(c, 'g', { parentRefs: gatewayParent('grpc') });
    expect(errorOf(() => route.replaceBackends(2, []))).toContain('\'ruleIndex\' must be the index of a rule');
  });
});

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
