/**
 * IngressGateway with `routing: RoutingApi.GATEWAY_API`: a Gateway of class `istio` and HTTPRoutes
 * instead of an Istio Gateway and VirtualServices.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { errorOf } from './_util';
import {
  CanaryRelease, CanaryVersion, HttpMatch, IngressGateway, MeshService, Protocol, RoutingApi, ServerTls, StringMatch,
  TlsProtocolVersion, WorkloadSelector,
} from '../../lib';
import { findObject } from '../support/seed';

const GATEWAY_API = RoutingApi.GATEWAY_API;

const chart = (namespace?: string) => new Chart(Testing.app(), 'test', { namespace });
const byKind = (out: any[], kind: string) => out.filter((o) => o.kind === kind);

describe('IngressGateway (RoutingApi.GATEWAY_API)', () => {
  describe('listeners', () => {
    test('renders a listener per host, HTTPS listeners terminating with the credentialName Secrets, and passthrough as TLS', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'public', {
        routing: GATEWAY_API,
        httpsServers: [
          { hosts: ['shop.example.com', '*.blog.example.com'], tls: ServerTls.simple({ credentialName: 'shop-cert' }) },
          { port: 8443, hosts: ['pass.example.com'], tls: ServerTls.passthrough() },
        ],
      });
      ingress.exposeHost('web', 8080, { hosts: ['shop.example.com'] });
      const out = Testing.synth(c);
      const gw = findObject(out, 'Gateway', 'public');
      expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
      expect(gw.metadata.namespace).toBe('edge');
      const same = { namespaces: { from: 'Same' } };
      expect(gw.spec).toEqual({
        gatewayClassName: 'istio',
        listeners: [
          { name: 'https-1', hostname: 'shop.example.com', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-cert' }] }, allowedRoutes: same },
          { name: 'https-2', hostname: '*.blog.example.com', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-cert' }] }, allowedRoutes: same },
          { name: 'https-8443', hostname: 'pass.example.com', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: same },
        ],
      });
      // Not every listener takes HTTP routes, so the route names the ones serving its hosts.
      expect(findObject(out, 'HTTPRoute', 'public').spec).toEqual({
        parentRefs: [{ name: 'public', sectionName: 'https-1' }],
        hostnames: ['shop.example.com'],
        rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }],
      });
    });

    test('lets the routes\' namespace attach, by label, and every namespace for a */host server', () => {
      const c = chart('istio-system');
      const ingress = new IngressGateway(c, 'public', { routing: GATEWAY_API, routesNamespace: 'shop', httpServers: [{ hosts: ['shop.example.com'] }, { port: 8080, hosts: ['*/*'] }] });
      ingress.exposeHost('web', 8080, { hosts: ['shop.example.com'] });
      const out = Testing.synth(c);
      const listeners = findObject(out, 'Gateway', 'public').spec.listeners;
      expect(listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } });
      expect(listeners[1].allowedRoutes).toEqual({ namespaces: { from: 'All' } });
      const route = findObject(out, 'HTTPRoute', 'public');
      expect(route.metadata.namespace).toBe('shop');
      expect(route.spec.parentRefs).toEqual([{ name: 'public', namespace: 'istio-system' }]);
    });

    test('answers a redirecting HTTP server with an HTTPRoute whose RequestRedirect sends to HTTPS with a 301', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'shop', {
        routing: GATEWAY_API,
        httpServers: [{ hosts: ['shop.example.com'], httpsRedirect: true }],
        httpsServers: [{ hosts: ['shop.example.com'], tls: ServerTls.simple({ credentialName: 'shop-cert' }) }],
      });
      ingress.exposeHost('web', 8080);
      const out = Testing.synth(c);
      expect(findObject(out, 'HTTPRoute', 'shop-https-redirect').spec).toEqual({
        parentRefs: [{ name: 'shop', sectionName: 'http' }],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
      });
      expect(findObject(out, 'HTTPRoute', 'shop').spec.parentRefs).toEqual([{ name: 'shop', sectionName: 'https' }]);
      expect(ingress.gatewayRoutes.map((r) => r.name)).toEqual(['shop-https-redirect', 'shop']);
    });

    test('names the listeners after the server name when given, keeping names unique', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { routing: GATEWAY_API, httpServers: [{ name: 'shop', hosts: ['a.example.com', 'b.example.com'] }] });
      ingress.addHttpServer({ name: 'shop', port: 8080, hosts: ['c.example.com'] });
      ingress.addHttpServer({ name: 'shop', port: 8081, hosts: ['d.example.com'] });
      expect(findObject(Testing.synth(c), 'Gateway', 'gw').spec.listeners.map((l: any) => [l.name, l.port, l.hostname])).toEqual([
        ['shop-1', 80, 'a.example.com'], ['shop-2', 80, 'b.example.com'], ['shop', 8080, 'c.example.com'], ['shop-3', 8081, 'd.example.com'],
      ]);
    });

    test('still fails at synth when a redirect has no HTTPS server for its host', () => {
      const app = Testing.app();
      new IngressGateway(new Chart(app, 'test', { namespace: 'edge' }), 'bad', { routing: GATEWAY_API, httpServers: [{ hosts: ['shop.example.com'], httpsRedirect: true }] });
      expect(errorOf(() => app.synth())).toContain('\'httpServers[0].httpsRedirect\' redirects \'shop.example.com\' to HTTPS, but no HTTPS server of the gateway serves it');
    });
  });

  describe('routes', () => {
    test('renders matches, the rule name, the timeout and a prefix rewrite as a URLRewrite filter', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { routing: GATEWAY_API, httpServers: [{ hosts: ['*.example.com'] }] });
      ingress.exposeHost('api', 80, {
        hosts: ['api.example.com'],
        routeName: 'api',
        timeout: Duration.seconds(5),
        match: [HttpMatch.prefix('/v1', { headers: { 'x-tenant': StringMatch.exact('a') }, method: StringMatch.exact('GET') })],
        rewrite: { uri: '/', authority: 'api.internal' },
      });
      ingress.exposeHost('docs', 80, { hosts: ['api.example.com'], match: [HttpMatch.exact('/docs'), HttpMatch.exact('/help')], rewrite: { uri: '/index.html' } });
      const rules = findObject(Testing.synth(c), 'HTTPRoute', 'gw').spec.rules;
      expect(rules[0]).toEqual({
        name: 'api',
        matches: [{ path: { type: 'PathPrefix', value: '/v1' }, headers: [{ name: 'x-tenant', value: 'a' }], method: 'GET' }],
        filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'api.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
        backendRefs: [{ name: 'api', port: 80 }],
        timeouts: { request: '5s' },
      });
      expect(rules[1].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/index.html' } } }]);
    });

    test('routes to a Service of another namespace by name and namespace, with a ReferenceGrant there', () => {
      const c = chart('edge');
      const web = new kplus.Service(c, 'web', { metadata: { name: 'web', namespace: 'shop' }, ports: [{ port: 8080, name: 'http' }] });
      const ingress = new IngressGateway(c, 'gw', { routing: GATEWAY_API, httpServers: [{ hosts: ['*'] }] });
      ingress.exposeService(web, { hosts: ['shop.example.com'] });
      ingress.exposeHost('api.shop.svc.cluster.local', 9090, { hosts: ['api.example.com'] });
      const out = Testing.synth(c);
      expect(findObject(out, 'HTTPRoute', 'gw').spec.rules[0].backendRefs).toEqual([{ name: 'web', namespace: 'shop', port: 8080 }]);
      expect(findObject(out, 'HTTPRoute', 'gw-2').spec.rules[0].backendRefs).toEqual([{ name: 'api', namespace: 'shop', port: 9090 }]);
      const grant = findObject(out, 'ReferenceGrant', 'gw-routes');
      expect(grant.metadata.namespace).toBe('shop');
      expect(grant.spec).toEqual({
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }],
        to: [{ group: '', kind: 'Service', name: 'api' }, { group: '', kind: 'Service', name: 'web' }],
      });
      expect(ingress.referenceGrants).toHaveLength(1);
    });
  });

  describe('canary releases through the gateway', () => {
    const meshService = (c: Chart, routing: RoutingApi) => {
      const api = new MeshService(c, 'payments-api', {
        namespace: 'payments', routing, image: 'registry.example.com/payments-api:1.4.2', ports: [{ number: 8080, protocol: Protocol.HTTP }],
      });
      api.addVersion('v2', 'registry.example.com/payments-api:1.5.0');
      return api;
    };

    test('Gateway API ingress, Gateway API MeshService: splits over the version Services with the weights at synth', () => {
      const c = chart('istio-system');
      const api = meshService(c, GATEWAY_API);
      const ingress = new IngressGateway(c, 'public', { routing: GATEWAY_API, httpServers: [{ hosts: ['pay.example.com'] }] });
      ingress.exposeMeshService(api);
      api.splitTraffic({ v1: 80, v2: 20 });
      const out = Testing.synth(c);
      expect(findObject(out, 'HTTPRoute', 'public').spec.rules[0].backendRefs).toEqual([
        { name: 'payments-api-v1', namespace: 'payments', port: 8080, weight: 80 },
        { name: 'payments-api-v2', namespace: 'payments', port: 8080, weight: 20 },
      ]);
      expect(findObject(out, 'ReferenceGrant', 'public-routes').spec.to.map((t: any) => t.name)).toEqual(['payments-api-v1', 'payments-api-v2']);
    });

    test('Gateway API ingress follows a Gateway API CanaryRelease\'s current step', () => {
      const c = chart('payments');
      const api = meshService(c, GATEWAY_API);
      const ingress = new IngressGateway(c, 'public', { routing: GATEWAY_API, httpServers: [{ hosts: ['*'] }] });
      ingress.exposeMeshService(api);
      new CanaryRelease(c, 'release', { meshService: api, canary: CanaryVersion.existing('v2'), currentStep: 1 });
      expect(findObject(Testing.synth(c), 'HTTPRoute', 'public').spec.rules[0].backendRefs)
        .toEqual([{ name: 'payments-api-v1', port: 8080, weight: 80 }, { name: 'payments-api-v2', port: 8080, weight: 20 }]);
    });

    test('Istio ingress, Gateway API MeshService: the VirtualService splits over the version Services instead of subsets no DestinationRule defines', () => {
      const c = chart('istio-system');
      const api = meshService(c, GATEWAY_API);
      const ingress = new IngressGateway(c, 'public', { httpServers: [{ hosts: ['pay.example.com'] }] });
      ingress.exposeMeshService(api);
      api.splitTraffic({ v1: 90, v2: 10 });
      const out = Testing.synth(c);
      expect(byKind(out, 'DestinationRule')).toHaveLength(0);
      expect(findObject(out, 'VirtualService', 'public').spec.http[0].route).toEqual([
        { destination: { host: 'payments-api-v1.payments.svc.cluster.local', port: { number: 8080 } }, weight: 90 },
        { destination: { host: 'payments-api-v2.payments.svc.cluster.local', port: { number: 8080 } }, weight: 10 },
      ]);
    });

    test('Gateway API ingress, Istio MeshService with several versions: fails at synth, routes to the Service with followTrafficSplit: false', () => {
      const app = Testing.app();
      const c = new Chart(app, 'test', { namespace: 'payments' });
      const api = meshService(c, RoutingApi.ISTIO);
      const ingress = new IngressGateway(c, 'public', { routing: GATEWAY_API, httpServers: [{ hosts: ['*'] }] });
      ingress.exposeMeshService(api);
      expect(errorOf(() => app.synth())).toContain('\'service\' routes with RoutingApi.ISTIO (DestinationRule subsets, which the Gateway API cannot name) and runs 2 versions (v1, v2): '
        + 'the gateway\'s HTTPRoute cannot follow its traffic split (received: "payments-api"). Give the MeshService routing: RoutingApi.GATEWAY_API');

      const ok = chart('payments');
      const split = meshService(ok, RoutingApi.ISTIO);
      new IngressGateway(ok, 'public', { routing: GATEWAY_API, httpServers: [{ hosts: ['*'] }] }).exposeMeshService(split, { followTrafficSplit: false });
      const single = new MeshService(ok, 'web', { image: 'registry.example.com/web:1', ports: [{ number: 8080, protocol: Protocol.HTTP }] });
      new IngressGateway(ok, 'web-gw', { routing: GATEWAY_API, httpServers: [{ hosts: ['*'] }] }).exposeMeshService(single);
      const out = Testing.synth(ok);
      expect(findObject(out, 'HTTPRoute', 'public').spec.rules[0].backendRefs).toEqual([{ name: 'payments-api', port: 8080 }]);
      expect(findObject(out, 'HTTPRoute', 'web-gw').spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 8080 }]);
    });
  });

  describe('errors', () => {
    test('fails for a selector: Istio deploys the gateway of class istio itself', () => {
      expect(errorOf(() => new IngressGateway(chart('edge'), 'gw', { routing: GATEWAY_API, selector: WorkloadSelector.labels({ istio: 'ingress' }) })))
        .toContain('\'selector\' cannot be used with RoutingApi.GATEWAY_API: Istio deploys and selects the pods of a Gateway of class \'istio\' itself '
          + '(Deployment and Service \'gw-istio\') (received: {"istio":"ingress"}). Leave selector out, or route with RoutingApi.ISTIO');
    });

    test('fails for TLS a Gateway API listener cannot express, a target port, upper-case hosts and routes without the Gateway\'s namespace', () => {
      const c = chart('edge');
      const message = errorOf(() => new IngressGateway(c, 'gw', {
        routing: GATEWAY_API,
        httpServers: [{ hosts: ['Shop.example.com'], targetPort: 8080 }],
        httpsServers: [
          { hosts: ['a.example.com'], tls: ServerTls.mutual({ credentialName: 'a-cert' }) },
          { hosts: ['b.example.com'], tls: ServerTls.istioMutual() },
          { hosts: ['c.example.com'], tls: ServerTls.simple({ credentialName: 'c-cert', minProtocolVersion: TlsProtocolVersion.TLSV1_3 }) },
        ],
      }));
      expect(message).toContain('IngressGateway \'test/gw\' has 5 problems');
      expect(message).toContain('\'httpServers[0].targetPort\' cannot be set with RoutingApi.GATEWAY_API');
      expect(message).toContain('\'httpServers[0].hosts[0]\' must be a lower-case host name, \'*.\' wildcard or \'*\' with RoutingApi.GATEWAY_API (a listener\'s hostname) (received: "Shop.example.com")');
      expect(message).toContain('\'httpsServers[0].tls\' is MUTUAL, which IngressGateway does not render with RoutingApi.GATEWAY_API: the Gateway API validates client certificates per Gateway and port');
      expect(message).toContain('\'httpsServers[1].tls\' is ISTIO_MUTUAL, which a Gateway API listener cannot express');
      expect(message).toContain('\'httpsServers[2].tls\' sets minProtocolVersion, which a Gateway API listener cannot express (only the certificate Secrets)');
      const app = Testing.app();
      expect(errorOf(() => new IngressGateway(new Chart(app, 'none'), 'gw', { routing: GATEWAY_API, routesNamespace: 'shop' })))
        .toContain('\'routesNamespace\' needs the Gateway\'s namespace with RoutingApi.GATEWAY_API');
    });

    test('fails for retries, a non-Service host, matches and rewrites an HTTPRoute cannot express', () => {
      const c = chart('edge');
      const ingress = new IngressGateway(c, 'gw', { routing: GATEWAY_API, httpServers: [{ hosts: ['*'] }] });
      expect(errorOf(() => ingress.exposeHost('web', 80, { retries: { attempts: 3 } })))
        .toContain('\'options.retries\' cannot be expressed with RoutingApi.GATEWAY_API: the standard-channel HTTPRoute (v1.5.1) has no retries (received: 3)');
      expect(errorOf(() => ingress.exposeHost('api.example.org', 443)))
        .toContain('\'host\' must name a Service with RoutingApi.GATEWAY_API (its name, or <name>.<namespace>.svc.cluster.local): HTTPRoute backends are Services');
      const message = errorOf(() => ingress.exposeHost('web', 80, {
        match: [HttpMatch.header('x-user', StringMatch.prefix('test')), HttpMatch.prefix('/a', { port: 80 }), HttpMatch.prefix('/b')],
        rewrite: { uri: '/', uriRegexRewrite: { match: '^/x', rewrite: '/' } },
        routeName: 'Web_Route',
      }));
      expect(message).toContain('\'options.match[0].headers.x-user\' is a prefix match, which an HTTPRoute match (RoutingApi.GATEWAY_API) cannot express');
      expect(message).toContain('\'options.match[1]\' uses port, which an HTTPRoute match (RoutingApi.GATEWAY_API) cannot express');
      expect(message).toContain('\'options.rewrite.uri\' needs one prefix match, or exact matches only, with RoutingApi.GATEWAY_API');
      expect(message).toContain('\'options.rewrite.uriRegexRewrite\' cannot be expressed with RoutingApi.GATEWAY_API');
      expect(message).toContain('\'options.routeName\' must be a DNS-1123 subdomain');
      expect(errorOf(() => ingress.exposeHost('web', 80, { hosts: ['Shop.example.com'] })))
        .toContain('\'options.hosts[0]\' must be a lower-case host name with RoutingApi.GATEWAY_API (HTTPRoute hostnames) (received: "Shop.example.com"). Use \'shop.example.com\'.');
    });
  });
});
