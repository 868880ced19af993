import { Chart, Testing } from 'cdk8s';
import { errorOf } from './_util';
import { Destination, IngressGateway, RoutingApi, ServerTls } from '../../lib';
import { findObject } from '../support/seed';

const chart = (namespace?: string) => new Chart(Testing.app(), 'test', { namespace });
const echo = (weight?: number, host = 'tcp-echo') => Destination.to(host, { port: 9000, weight });

describe('IngressGateway TCP and TLS passthrough', () => {
  describe('RoutingApi.ISTIO', () => {
    test('renders a TCP server and a VirtualService tcp route on its port', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { tcpServers: [{ port: 31400 }] });
      ingress.addTcpServer({ port: 5432, name: 'postgres' });
      const vs = ingress.exposeTcp([echo(80), echo(20, 'tcp-echo-v2')], { serverPort: 31400 });
      ingress.exposeTcp([Destination.to('db', { port: 5432 })], { serverPort: 5432 });
      const out = Testing.synth(c);
      expect(findObject(out, 'Gateway', 'gw').spec.servers).toEqual([
        // Scoped to the routes' namespace like every server's hosts (restrictHostsToRoutesNamespace).
        { port: { number: 31400, name: 'tcp', protocol: 'TCP' }, hosts: ['edge/*'] },
        { port: { number: 5432, name: 'tcp-5432', protocol: 'TCP' }, hosts: ['edge/*'], name: 'postgres' },
      ]);
      expect(findObject(out, 'VirtualService', 'gw-tcp').spec).toEqual({
        hosts: ['*'],
        gateways: ['gw'],
        tcp: [
          { match: [{ port: 31400 }], route: [{ destination: { host: 'tcp-echo', port: { number: 9000 } }, weight: 80 }, { destination: { host: 'tcp-echo-v2', port: { number: 9000 } }, weight: 20 }] },
          { match: [{ port: 5432 }], route: [{ destination: { host: 'db', port: { number: 5432 } } }] },
        ],
      });
      expect(ingress.virtualServices).toContain(vs);
    });

    test('routes a passthrough server by SNI with a VirtualService tls route', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpsServers: [{ hosts: ['nginx.example.com'], tls: ServerTls.passthrough() }] });
      ingress.exposeTls(['nginx.example.com'], [Destination.to('my-nginx', { port: 443 })]);
      expect(findObject(Testing.synth(c), 'VirtualService', 'gw-tls').spec).toEqual({
        hosts: ['nginx.example.com'],
        gateways: ['gw'],
        tls: [{ match: [{ port: 443, sniHosts: ['nginx.example.com'] }], route: [{ destination: { host: 'my-nginx', port: { number: 443 } } }] }],
      });
    });

    test('exposes a host without a port: the destination names none, as Istio allows for a host of one port', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['*'] }] });
      ingress.exposeHost('tornado');
      expect(findObject(Testing.synth(c), 'VirtualService', 'gw').spec.http).toEqual([{ route: [{ destination: { host: 'tornado' } }] }]);
    });
  });

  describe('RoutingApi.GATEWAY_API', () => {
    test('renders a TCP listener accepting TCPRoutes and a TCPRoute on it', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { routing: RoutingApi.GATEWAY_API, tcpServers: [{ port: 31400, portName: 'tcp-31400' }] });
      ingress.exposeTcp([Destination.to('tcp-echo-v1', { port: 9000, weight: 80 }), Destination.to('tcp-echo-v2', { port: 9000, weight: 20 })]);
      const out = Testing.synth(c);
      expect(findObject(out, 'Gateway', 'gw').spec.listeners).toEqual([
        { name: 'tcp-31400', port: 31400, protocol: 'TCP', allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } },
      ]);
      const route = findObject(out, 'TCPRoute', 'gw-tcp-31400');
      expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1alpha2');
      expect(route.spec).toEqual({
        parentRefs: [{ name: 'gw', sectionName: 'tcp-31400' }],
        rules: [{ backendRefs: [{ name: 'tcp-echo-v1', port: 9000, weight: 80 }, { name: 'tcp-echo-v2', port: 9000, weight: 20 }] }],
      });
      expect(ingress.gatewayTcpRoutes.map((r) => r.name)).toEqual(['gw-tcp-31400']);
    });

    test('renders a TLSRoute on the passthrough listeners', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { routing: RoutingApi.GATEWAY_API, httpsServers: [{ hosts: ['nginx.example.com'], tls: ServerTls.passthrough() }] });
      ingress.exposeTls(['nginx.example.com'], [Destination.to('my-nginx', { port: 443 })], { routeName: 'nginx' });
      const out = Testing.synth(c);
      expect(findObject(out, 'Gateway', 'gw').spec.listeners[0]).toMatchObject({ name: 'https', protocol: 'TLS', tls: { mode: 'Passthrough' } });
      expect(findObject(out, 'TLSRoute', 'nginx').spec).toEqual({
        parentRefs: [{ name: 'gw', sectionName: 'https' }],
        hostnames: ['nginx.example.com'],
        rules: [{ backendRefs: [{ name: 'my-nginx', port: 443 }] }],
      });
      expect(ingress.gatewayTlsRoutes).toHaveLength(1);
    });

    test('lets routes of every namespace attach with allowRoutesFromAllNamespaces (from: All), without a */host server', () => {
      const c = chart('edge');
      new IngressGateway(c, 'gw', {
        routing: RoutingApi.GATEWAY_API, allowRoutesFromAllNamespaces: true, httpServers: [{ hosts: ['shop.example.com'] }], tcpServers: [{ port: 31400 }],
      });
      const listeners = findObject(Testing.synth(c), 'Gateway', 'gw').spec.listeners;
      expect(listeners.map((l: any) => l.allowedRoutes)).toEqual([{ namespaces: { from: 'All' } }, { namespaces: { from: 'All' }, kinds: [{ kind: 'TCPRoute' }] }]);
    });

    test('fails for subsets, hosts that are no Service, a missing port, and exposeHost without a port', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { routing: RoutingApi.GATEWAY_API, tcpServers: [{ port: 31400 }], httpServers: [{ hosts: ['*'] }] });
      const message = errorOf(() => ingress.exposeTcp([Destination.to('tcp-echo', { port: 9000, subset: 'v1' }), Destination.to('db.example.com')]));
      expect(message).toContain('\'destinations[0].subset\' cannot be expressed with RoutingApi.GATEWAY_API');
      expect(message).toContain('\'destinations[1]\' must name a Service of the routes\' namespace with RoutingApi.GATEWAY_API');
      expect(message).toContain('\'destinations[1].port\' must be given with RoutingApi.GATEWAY_API');
      expect(errorOf(() => ingress.exposeHost('tornado'))).toContain('\'port\' must be given with RoutingApi.GATEWAY_API');
    });
  });

  describe('errors', () => {
    test('fails when a TCP server takes the port of an HTTP server, or the other way round', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ port: 8080, hosts: ['*'] }] });
      expect(errorOf(() => ingress.addTcpServer({ port: 8080 }))).toContain('IngressGateway \'test/gw\': \'tcpServers[0].port\' is already the port of httpServers[0]');
      ingress.addTcpServer({ port: 31400 });
      expect(errorOf(() => ingress.addHttpServer({ port: 31400, hosts: ['*'] }))).toContain('\'httpServers[1].port\' is already the port of a TCP server (tcpServers[0])');
    });

    test('fails to expose TCP without a TCP server, with two servers and no serverPort, or twice on one port', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['*'] }] });
      expect(errorOf(() => ingress.exposeTcp([echo()]))).toContain('\'options.serverPort\' cannot be chosen: the gateway has no TCP server');
      ingress.addTcpServer({ port: 31400 });
      ingress.addTcpServer({ port: 31401 });
      expect(errorOf(() => ingress.exposeTcp([echo()]))).toContain('\'options.serverPort\' must be given: the gateway has 2 TCP servers (received: undefined). Give one of 31400, 31401.');
      ingress.exposeTcp([echo()], { serverPort: 31400 });
      expect(errorOf(() => ingress.exposeTcp([echo()], { serverPort: 31400 }))).toContain('already has a TCP route on port 31400');
      expect(errorOf(() => ingress.exposeTcp([], { serverPort: 31401 }))).toContain('\'destinations\' must hold at least one destination');
    });

    test('fails to route an SNI host the passthrough server does not serve, or with no passthrough server', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpsServers: [{ hosts: ['*.example.com'], tls: ServerTls.passthrough() }] });
      expect(errorOf(() => ingress.exposeTls(['db.example.org'], [echo()])))
        .toContain('\'sniHosts[0]\' is not served by the passthrough server on port 443 (serving *.example.com)');
      ingress.exposeTls(['a.example.com'], [echo()], { routeName: 'sni' });
      expect(errorOf(() => ingress.exposeTls(['b.example.com'], [echo()], { routeName: 'sni' })))
        .toContain('\'options.routeName\' names VirtualService \'sni\' of other hosts (a.example.com)');
      expect(errorOf(() => ingress.exposeTcp([echo()], { routeName: 'sni' }))).toContain('the gateway has no TCP server');
      const plain = new IngressGateway(chart(), 'plain', { httpServers: [{ hosts: ['*'] }] });
      expect(errorOf(() => plain.exposeTls(['a.example.com'], [echo()]))).toContain('the gateway has no TLS-passthrough server');
    });
  });
});
