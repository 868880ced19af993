import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { errorOf } from './_util';
import {
  CanaryRelease, CanaryVersion, DataPlaneMode, HttpMatch, Identity, IngressGateway, IngressGatewayProps, IstioProfile,
  MeshControlPlane, MeshControlPlaneProps, MeshPeer, MeshService, Protocol, RoutingApi, ServerTls, WorkloadSelector,
} from '../../lib';
import { findObject } from '../support/seed';

const chart = (namespace?: string) => new Chart(Testing.app(), 'test', { namespace });

describe('IngressGateway', () => {
  describe('Gateway', () => {
    test('selects istio: ingressgateway by default, and another selector when given', () => {
      const c = chart('edge');
      new IngressGateway(c, 'public', { httpServers: [{ hosts: ['*'] }] });
      new IngressGateway(c, 'helm', { selector: WorkloadSelector.labels({ istio: 'ingress' }), httpServers: [{ hosts: ['*'] }] });
      const out = Testing.synth(c);
      expect(findObject(out, 'Gateway', 'public').spec.selector).toEqual({ istio: 'ingressgateway' });
      expect(findObject(out, 'Gateway', 'public').metadata.namespace).toBe('edge');
      expect(findObject(out, 'Gateway', 'helm').spec.selector).toEqual({ istio: 'ingress' });
    });

    test('renders an HTTPS server with its Secret, and an HTTP server that redirects to it', () => {
      const c = chart('edge');
      new IngressGateway(c, 'shop', {
        name: 'shop-gateway',
        httpServers: [{ hosts: ['shop.example.com'], httpsRedirect: true }],
        httpsServers: [{ hosts: ['shop.example.com'], tls: ServerTls.simple({ credentialName: 'shop-cert' }) }],
      });
      const gw = findObject(Testing.synth(c), 'Gateway', 'shop-gateway');
      expect(gw.spec.servers).toEqual([
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['edge/shop.example.com'], tls: { httpsRedirect: true } },
        { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['edge/shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-cert' } },
      ]);
    });

    test('scopes bare hosts to the routes\' namespace; a written namespace part or restrictHostsToRoutesNamespace: false widens on purpose', () => {
      const c = chart('istio-system');
      const scoped = new IngressGateway(c, 'scoped', { routesNamespace: 'payments', httpServers: [{ hosts: ['pay.example.com', '*/status.example.com', 'ops/ops.example.com'] }] });
      scoped.exposeHost('pay', 8080, { hosts: ['pay.example.com'] });
      new IngressGateway(c, 'open', { httpServers: [{ hosts: ['pay.example.com'] }], restrictHostsToRoutesNamespace: false });
      const out = Testing.synth(c);
      expect(findObject(out, 'Gateway', 'scoped').spec.servers[0].hosts).toEqual(['payments/pay.example.com', '*/status.example.com', 'ops/ops.example.com']);
      expect(findObject(out, 'VirtualService', 'scoped').metadata.namespace).toBe('payments');
      expect(findObject(out, 'Gateway', 'open').spec.servers[0].hosts).toEqual(['pay.example.com']);
      // With no namespace anywhere, the VirtualServices land beside the Gateway: './'.
      const bare = chart();
      new IngressGateway(bare, 'gw', { httpServers: [{ hosts: ['a.example.com'] }] });
      expect(findObject(Testing.synth(bare), 'Gateway', 'gw').spec.servers[0].hosts).toEqual(['./a.example.com']);
    });

    test('renders MUTUAL TLS, passthrough, target ports, server names and unique port names', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw');
      ingress.addHttpsServer({ hosts: ['a.example.com'], tls: ServerTls.mutual({ credentialName: 'a-cert' }), name: 'a', targetPort: 8443 });
      ingress.addHttpsServer({ hosts: ['b.example.com'], tls: ServerTls.passthrough() });
      ingress.addHttpsServer({ hosts: ['c.example.com'], tls: ServerTls.simple({ credentialName: 'c-cert' }) });
      const servers = findObject(Testing.synth(c), 'Gateway', 'gw').spec.servers;
      expect(servers[0]).toEqual({ port: { number: 443, name: 'https', protocol: 'HTTPS', targetPort: 8443 }, hosts: ['edge/a.example.com'], tls: { mode: 'MUTUAL', credentialName: 'a-cert' }, name: 'a' });
      expect(servers[1].port.name).toBe('https-443');
      expect(servers[1].tls).toEqual({ mode: 'PASSTHROUGH' });
      expect(servers[2].port.name).toBe('https-443-2');
    });

    test('fails for an HTTPS server without a Secret or TLS mode', () => {
      const c = chart('edge');
      expect(errorOf(() => new IngressGateway(c, 'files', {
        httpsServers: [{ hosts: ['a.example.com'], tls: ServerTls.simple({ serverCertificate: '/etc/cert.pem', privateKey: '/etc/key.pem' }) }],
      }))).toContain('\'httpsServers[0].tls.credentialName\' must be set: a SIMPLE server of an ingress gateway takes its certificate from a Secret');
      expect(errorOf(() => new IngressGateway(c, 'none', { httpsServers: [{ hosts: ['a.example.com'], tls: ServerTls.httpsRedirect() }] })))
        .toContain('\'httpsServers[0].tls\' must terminate or pass TLS through');
    });

    test('accepts ISTIO_MUTUAL and PASSTHROUGH without a Secret', () => {
      const c = chart('edge');
      new IngressGateway(c, 'gw', { httpsServers: [{ hosts: ['a.example.com'], tls: ServerTls.istioMutual() }, { port: 8443, hosts: ['b.example.com'], tls: ServerTls.passthrough() }] });
      expect(findObject(Testing.synth(c), 'Gateway', 'gw').spec.servers).toHaveLength(2);
    });

    test('fails for a duplicate host on one port, a port with two protocols, a duplicate port name', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['a.example.com', 'b.example.com'] }] });
      expect(errorOf(() => ingress.addHttpServer({ hosts: ['b.example.com'] })))
        .toContain('\'httpServers[1].hosts\' serves \'b.example.com\' on port 80, which httpServers[0] already serves');
      expect(errorOf(() => ingress.addHttpsServer({ port: 80, hosts: ['c.example.com'], tls: ServerTls.passthrough() })))
        .toContain('\'httpsServers[0].port\' is already the port of an HTTP server (httpServers[0]): one port carries one protocol');
      expect(errorOf(() => ingress.addHttpServer({ port: 8080, portName: 'http', hosts: ['c.example.com'] })))
        .toContain('\'httpServers[1].portName\' must be unique among the servers of the Gateway (received: "http")');
    });

    test('checks each server of the props against those before it: unique port names, no host twice on a port', () => {
      const c = chart('edge');
      new IngressGateway(c, 'gw', { httpsServers: [{ hosts: ['a.example.com'], tls: ServerTls.simple({ credentialName: 'a' }) }, { port: 8443, hosts: ['b.example.com'], tls: ServerTls.passthrough() }] });
      expect(findObject(Testing.synth(c), 'Gateway', 'gw').spec.servers.map((s: any) => s.port.name)).toEqual(['https', 'https-8443']);
      expect(errorOf(() => new IngressGateway(c, 'dup', { httpServers: [{ hosts: ['a.example.com'] }, { hosts: ['a.example.com'] }] })))
        .toContain('\'httpServers[1].hosts\' serves \'a.example.com\' on port 80, which httpServers[0] already serves');
    });

    test('fails at synth when a redirect has no HTTPS server for its host', () => {
      const app = Testing.app();
      const c = new Chart(app, 'test', { namespace: 'edge' });
      new IngressGateway(c, 'gw', {
        httpServers: [{ hosts: ['shop.example.com', 'blog.example.com'], httpsRedirect: true }],
        httpsServers: [{ hosts: ['*.example.com'], tls: ServerTls.simple({ credentialName: 'wild' }) }],
      });
      new IngressGateway(c, 'bad', { httpServers: [{ hosts: ['shop.example.com'], httpsRedirect: true }] });
      expect(errorOf(() => app.synth())).toContain('\'httpServers[0].httpsRedirect\' redirects \'shop.example.com\' to HTTPS, but no HTTPS server of the gateway serves it');
    });

    test('fails for bad names, namespaces, ports and empty hosts', () => {
      const c = chart('edge');
      const message = errorOf(() => new IngressGateway(c, 'gw', { name: 'Bad_Name', namespace: 'Edge', httpServers: [{ port: 70000, hosts: [] }] }));
      expect(message).toContain('IngressGateway \'test/gw\' has 4 problems');
      expect(message).toContain('\'name\' must be a DNS-1123 subdomain');
      expect(message).toContain('\'namespace\' must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and \'-\') (received: "Edge")');
      expect(message).toContain('\'httpServers[0].port\' must be a port number from 1 to 65535 (received: 70000)');
      expect(message).toContain('\'httpServers[0].hosts\' must not be empty');
    });
  });

  describe('exposing routes', () => {
    test('binds the VirtualService to <namespace>/<gateway> when the routes live elsewhere', () => {
      const c = chart('istio-system');
      const ingress = new IngressGateway(c, 'public', { routesNamespace: 'shop', httpServers: [{ hosts: ['shop/*'] }] });
      ingress.exposeHost('web', 8080, { hosts: ['shop.example.com'] });
      const vs = findObject(Testing.synth(c), 'VirtualService', 'public');
      expect(vs.metadata.namespace).toBe('shop');
      expect(vs.spec).toEqual({ hosts: ['shop.example.com'], gateways: ['istio-system/public'], http: [{ route: [{ destination: { host: 'web', port: { number: 8080 } } }] }] });
      expect(ingress.gatewayReference('shop')).toBe('istio-system/public');
      expect(ingress.gatewayReference('istio-system')).toBe('public');
    });

    test('puts routes for the same hosts in one VirtualService, in order; takes every served host by default; refuses a host in two', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['a.example.com', 'edge/b.example.com'] }, { port: 8080, hosts: ['c.example.com'] }] });
      ingress.exposeHost('api', 80, { hosts: ['a.example.com', 'b.example.com'], match: [HttpMatch.prefix('/api')], routeName: 'api', timeout: Duration.seconds(5), rewrite: { uri: '/' } });
      ingress.exposeHost('web', 80, { hosts: ['b.example.com', 'a.example.com'] });
      ingress.exposeHost('docs', 80, { hosts: ['c.example.com'] });
      const out = Testing.synth(c);
      const first = findObject(out, 'VirtualService', 'gw').spec;
      expect(first.hosts).toEqual(['a.example.com', 'b.example.com']);
      expect(first.http.map((r: any) => r.route[0].destination.host)).toEqual(['api', 'web']);
      expect(first.http[0]).toEqual({ name: 'api', match: [{ uri: { prefix: '/api' } }], route: [{ destination: { host: 'api', port: { number: 80 } } }], timeout: '5s', rewrite: { uri: '/' } });
      expect(findObject(out, 'VirtualService', 'gw-2').spec.hosts).toEqual(['c.example.com']);
      expect(ingress.virtualServices).toHaveLength(2);
      expect(errorOf(() => ingress.exposeHost('all', 80))).toContain('\'options.hosts\' shares \'a.example.com\', \'b.example.com\' with VirtualService \'gw\' of the gateway: '
        + 'Istio merges the routes of one host from several VirtualServices in no defined order');
      // On another port: two Gateways serving one host on one port of one workload conflict (IST0145).
      const other = new IngressGateway(c, 'other', { httpServers: [{ port: 8443, hosts: ['a.example.com', 'b.example.com'] }] });
      other.exposeHost('all', 80);
      expect(findObject(Testing.synth(c), 'VirtualService', 'other').spec.hosts).toEqual(['a.example.com', 'b.example.com']);
    });

    test('routes to a cdk8s-plus Service by name, or FQDN from another namespace, on its port', () => {
      const c = chart('edge');
      const web = new kplus.Service(c, 'web', { metadata: { name: 'web', namespace: 'shop' }, ports: [{ port: 8080, name: 'http' }] });
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['*'] }] });
      ingress.exposeService(web);
      const vs = findObject(Testing.synth(c), 'VirtualService', 'gw');
      expect(vs.spec.http[0].route).toEqual([{ destination: { host: 'web.shop.svc.cluster.local', port: { number: 8080 } } }]);
    });

    test('fails for a port the Service does not have, or when it has several and none is given', () => {
      const c = chart('edge');
      const svc = new kplus.Service(c, 'web', { metadata: { name: 'web' }, ports: [{ port: 8080, name: 'http' }, { port: 8081, name: 'http-admin' }] });
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['*'] }] });
      expect(errorOf(() => ingress.exposeService(svc))).toContain('\'options.port\' must be given: the Service has several ports (received: undefined). Give one of 8080, 8081.');
      expect(errorOf(() => ingress.exposeService(svc, { port: 8082 }))).toContain('\'options.port\' is not a port of Service \'web\' (received: 8082). Use one of 8080, 8081. Did you mean \'8080\'?');
    });

    test('fails for a host no server serves, with the served hosts and a suggestion', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', {
        httpServers: [{ hosts: ['shop.example.com', 'other/blog.example.com'] }],
        httpsServers: [{ hosts: ['pass.example.com'], tls: ServerTls.passthrough() }],
      });
      expect(errorOf(() => ingress.exposeHost('web', 80, { hosts: ['shop.exampel.com'] })))
        .toContain('\'options.hosts[0]\' is not served by any HTTP or terminating HTTPS server of Gateway \'gw\' (serving shop.example.com, other/blog.example.com) for VirtualServices in namespace \'edge\' (received: "shop.exampel.com"). Expose one of the served hosts, or add a server for \'shop.exampel.com\'. Did you mean \'shop.example.com\'?');
      expect(errorOf(() => ingress.exposeHost('web', 80, { hosts: ['blog.example.com'] }))).toContain('is not served by any HTTP');
      expect(errorOf(() => ingress.exposeHost('web', 80, { hosts: ['pass.example.com'] }))).toContain('is not served by any HTTP');
    });

    test('accepts hosts that wildcard servers serve', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpsServers: [{ hosts: ['./*.example.com'], tls: ServerTls.simple({ credentialName: 'wild' }) }] });
      ingress.exposeHost('web', 80, { hosts: ['shop.example.com', '*.example.com'] });
      expect(findObject(Testing.synth(c), 'VirtualService', 'gw').spec.hosts).toEqual(['shop.example.com', '*.example.com']);
    });

    test('fails to expose before any routing server, or with a VirtualService name already used for other hosts', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['*'], httpsRedirect: true }] });
      expect(errorOf(() => ingress.exposeHost('web', 80))).toContain('\'servers\' must include an HTTP or terminating HTTPS server before routes are exposed');
      const other = new IngressGateway(c, 'other', { httpServers: [{ hosts: ['a.example.com', 'b.example.com'] }] });
      other.exposeHost('web', 80, { hosts: ['a.example.com'], virtualServiceName: 'web' });
      expect(errorOf(() => other.exposeHost('web', 80, { hosts: ['b.example.com'], virtualServiceName: 'web' })))
        .toContain('\'options.virtualServiceName\' names a VirtualService of other hosts (a.example.com)');
      expect(errorOf(() => other.exposeHost('Web_Server', 80))).toContain('\'host\' must be a DNS name');
    });
  });

  test('fails for bad exposure hosts, names, ports, a routes namespace and a Service without an HTTP port', () => {
    const c = chart('edge');
    expect(errorOf(() => new IngressGateway(c, 'bad-ns', { routesNamespace: 'Shop' }))).toContain('\'routesNamespace\' must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and \'-\') (received: "Shop")');
    const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['*'] }] });
    const message = errorOf(() => ingress.exposeHost('web', 0, { hosts: ['a..b'], virtualServiceName: 'Bad_Name' }));
    expect(message).toContain('\'port\' must be a port number from 1 to 65535 (received: 0)');
    expect(message).toContain('\'options.hosts[0]\' must be a DNS name');
    expect(message).toContain('\'options.virtualServiceName\' must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, \'-\' and \'.\' (received: "Bad_Name")');
    expect(errorOf(() => ingress.exposeHost('web', 80, { hosts: [] }))).toContain('\'options.hosts\' must not be empty');
    const api = new MeshService(c, 'api', { image: 'registry.example.com/api:1', ports: [{ number: 5432, protocol: Protocol.TCP }] });
    expect(errorOf(() => ingress.exposeMeshService(api))).toContain('\'options.port\' cannot be chosen: the Service has no HTTP port (received: undefined). Expose a Service with an HTTP, HTTP2 or GRPC port');
  });

  describe('ambient', () => {
    test('labels an exposed ambient MeshService istio.io/ingress-use-waypoint: "true", so ingress traffic goes through its waypoint', () => {
      const c = chart('shop');
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['shop.example.com'] }] });
      const ambient = new MeshService(c, 'cart', { image: 'cart:1', ports: [{ number: 8080, protocol: Protocol.HTTP }], dataplane: DataPlaneMode.AMBIENT });
      const sidecar = new MeshService(c, 'web', { image: 'web:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
      ingress.exposeMeshService(ambient, { match: [HttpMatch.prefix('/cart')] });
      ingress.exposeMeshService(sidecar, { match: [HttpMatch.prefix('/')] });
      const out = Testing.synth(c);
      expect(findObject(out, 'Service', 'cart').metadata.labels).toMatchObject({ 'istio.io/ingress-use-waypoint': 'true', 'istio.io/use-waypoint': 'cart-waypoint' });
      expect(findObject(out, 'Service', 'web').metadata.labels['istio.io/ingress-use-waypoint']).toBeUndefined();
    });

    function ambientApp(props: Partial<MeshControlPlaneProps>, gateway: Partial<IngressGatewayProps> = {}): () => void {
      const app = Testing.app();
      const mesh = new Chart(app, 'mesh', { namespace: 'istio-system' });
      new MeshControlPlane(mesh, 'istio', { profile: IstioProfile.AMBIENT, ...props });
      new IngressGateway(mesh, 'gw', { httpServers: [{ hosts: ['shop.example.com'] }], ...gateway });
      return () => app.synth();
    }

    test('fails at synth when the ambient profile installs no ingress gateway for istio: ingressgateway, with the fix', () => {
      expect(errorOf(ambientApp({}))).toContain('\'selector\' selects the pods of istio: ingressgateway, but MeshControlPlane \'mesh/istio\' (profile ambient) '
        + 'installs no ingress gateway, so no pod serves this Gateway (received: {"istio":"ingressgateway"}). Use routing: RoutingApi.GATEWAY_API');
    });

    test('accepts the ambient profile with a Gateway API gateway, a listed ingress gateway, or a selector of the user\'s own', () => {
      expect(ambientApp({}, { routing: RoutingApi.GATEWAY_API })).not.toThrow();
      expect(ambientApp({ ingressGateways: [{ name: 'istio-ingressgateway' }] })).not.toThrow();
      expect(ambientApp({}, { selector: WorkloadSelector.labels({ app: 'my-gateway' }) })).not.toThrow();
    });
  });

  describe('identity', () => {
    test('defaults to the service account of the default profile\'s ingress gateway', () => {
      const ingress = new IngressGateway(chart('shop'), 'public', { httpServers: [{ hosts: ['shop.example.com'] }] });
      expect(ingress.identity.asPrincipal).toBe('cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account');
    });

    test('is <name>-istio in the Gateway\'s namespace with the Gateway API, as Istio deploys it', () => {
      const ingress = new IngressGateway(chart('edge'), 'public', { routing: RoutingApi.GATEWAY_API, httpServers: [{ hosts: ['shop.example.com'] }] });
      expect(ingress.identity.asPrincipal).toBe('cluster.local/ns/edge/sa/public-istio');
    });

    test('takes the identity of a gateway installed otherwise, and lets a MeshService allow it', () => {
      const c = chart('shop');
      const ingress = new IngressGateway(c, 'public', {
        httpServers: [{ hosts: ['shop.example.com'] }], identity: Identity.fromNames('istio-ingress', 'istio-ingress'),
      });
      const web = new MeshService(c, 'web', { image: 'registry.example.com/web:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
      ingress.exposeMeshService(web);
      web.allowFrom(MeshPeer.gateway(ingress), { paths: ['/*'] });
      const policy = findObject(Testing.synth(c), 'AuthorizationPolicy', 'web-policy');
      expect(policy.spec.rules).toEqual([{
        from: [{ source: { principals: ['cluster.local/ns/istio-ingress/sa/istio-ingress'] } }],
        to: [{ operation: { paths: ['/*'] } }],
      }]);
    });
  });

  describe('MeshService and canaries', () => {
    const meshService = (c: Chart) => {
      const api = new MeshService(c, 'payments-api', { namespace: 'payments', image: 'registry.example.com/payments-api:1.4.2', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
      api.addVersion('v2', 'registry.example.com/payments-api:1.5.0');
      return api;
    };

    test('carries the traffic split into the gateway route, as it stands at synth', () => {
      const c = chart('istio-system');
      const api = meshService(c);
      api.splitTraffic({ v1: 95, v2: 5 });
      const ingress = new IngressGateway(c, 'public', { httpServers: [{ hosts: ['pay.example.com'] }] });
      ingress.exposeMeshService(api);
      api.splitTraffic({ v1: 80, v2: 20 });
      const vs = findObject(Testing.synth(c), 'VirtualService', 'public');
      expect(vs.spec.gateways).toEqual(['public']);
      expect(vs.spec.http[0].route).toEqual([
        { destination: { host: 'payments-api.payments.svc.cluster.local', subset: 'v1', port: { number: 8080 } }, weight: 80 },
        { destination: { host: 'payments-api.payments.svc.cluster.local', subset: 'v2', port: { number: 8080 } }, weight: 20 },
      ]);
    });

    test('follows a CanaryRelease\'s current step', () => {
      const c = chart('istio-system');
      const api = meshService(c);
      const ingress = new IngressGateway(c, 'public', { httpServers: [{ hosts: ['pay.example.com'] }] });
      ingress.exposeMeshService(api);
      const release = new CanaryRelease(c, 'release', { meshService: api, canary: CanaryVersion.existing('v2'), currentStep: 1 });
      expect(release.canaryWeight).toBe(20);
      expect(findObject(Testing.synth(c), 'VirtualService', 'public').spec.http[0].route.map((r: any) => [r.destination.subset, r.weight]))
        .toEqual([['v1', 80], ['v2', 20]]);
    });

    test('routes to the Service without subsets when followTrafficSplit is false', () => {
      const c = chart('istio-system');
      const api = meshService(c);
      api.splitTraffic({ v1: 90, v2: 10 });
      const ingress = new IngressGateway(c, 'public', { httpServers: [{ hosts: ['*'] }] });
      ingress.exposeMeshService(api, { followTrafficSplit: false });
      expect(findObject(Testing.synth(c), 'VirtualService', 'public').spec.http[0].route)
        .toEqual([{ destination: { host: 'payments-api.payments.svc.cluster.local', port: { number: 8080 } } }]);
    });

    test('picks the route of the exposed port of a service with several ports, and refuses a TCP port', () => {
      const c = chart('payments');
      const api = new MeshService(c, 'api', {
        image: 'registry.example.com/api:1', ports: [{ number: 8080, protocol: Protocol.HTTP }, { number: 9090, protocol: Protocol.GRPC }, { number: 5432, protocol: Protocol.TCP }],
      });
      const ingress = new IngressGateway(c, 'gw', { httpServers: [{ hosts: ['*'] }] });
      expect(errorOf(() => ingress.exposeMeshService(api))).toContain('\'options.port\' must be given: the Service has several ports (received: undefined). Give one of 8080, 9090.');
      expect(errorOf(() => ingress.exposeMeshService(api, { port: 5432 }))).toContain('\'options.port\' is port \'tcp\', which Istio does not route as HTTP');
      ingress.exposeMeshService(api, { port: 9090 });
      expect(findObject(Testing.synth(c), 'VirtualService', 'gw').spec.http[0].route)
        .toEqual([{ destination: { host: 'api', subset: 'v1', port: { number: 9090 } } }]);
    });
  });

  test('snapshot of a gateway with HTTPS, redirect and a canary route', () => {
    const app = new App();
    const c = new Chart(app, 'edge', { namespace: 'istio-system' });
    const api = new MeshService(c, 'shop', { namespace: 'shop', image: 'registry.example.com/shop:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
    api.addVersion('v2', 'registry.example.com/shop:2');
    api.splitTraffic({ v1: 90, v2: 10 });
    const ingress = new IngressGateway(c, 'public', {
      httpServers: [{ hosts: ['shop.example.com'], httpsRedirect: true }],
      httpsServers: [{ hosts: ['shop.example.com'], tls: ServerTls.simple({ credentialName: 'shop-cert' }) }],
    });
    ingress.exposeMeshService(api, { match: [HttpMatch.prefix('/')] });
    expect(Testing.synth(c).filter((o) => ['Gateway', 'VirtualService'].includes(o.kind))).toMatchSnapshot();
  });
});
