import { deployment, istio, ns, service } from './shop';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';

const GATEWAY = 'gateway:istio-system/istio-ingressgateway?istio=ingressgateway';

function ingress(): any {
  const d = deployment('istio-system', 'istio-ingressgateway', { labels: { istio: 'ingressgateway' } });
  d.spec.template.spec.containers = [{ name: 'istio-proxy', image: 'istio/proxyv2:1.30.3' }];
  return d;
}

function gw(servers: any[], name = 'web-gw'): any {
  return istio('Gateway', 'web', name, { selector: { istio: 'ingressgateway' }, servers });
}

const HTTP = { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] };
const HTTPS = { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-cert' } };

function vs(more: any = {}): any {
  return istio('VirtualService', 'web', 'frontend', {
    hosts: ['shop.example.com'], gateways: ['web-gw'], http: [{ route: [{ destination: { host: 'frontend', port: { number: 80 } } }] }], ...more,
  });
}

function mesh(...extra: any[]): any[] {
  return [ns('web'), ingress(), deployment('web', 'frontend'), service('web', 'frontend'), ...extra];
}

function trace(manifests: any[], url = 'http://shop.example.com/', from = GATEWAY): TraceResult {
  return MeshAnalysis.trace(manifests, { from, url });
}

describe('MeshAnalysis.trace: requests entering at a gateway', () => {
  test('a Gateway server and a bound VirtualService deliver to the Service with the gateway\'s identity', () => {
    const r = trace(mesh(gw([HTTP]), vs()));
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends).toEqual([{ host: 'frontend.web.svc.cluster.local', subset: undefined, weight: 100 }]);
    expect(r.steps.find((s) => s.step === 'gateway')).toMatchObject({ by: 'Gateway web/web-gw' });
    expect(r.steps.find((s) => s.step === 'route')).toMatchObject({ by: 'VirtualService web/frontend' });
  });

  test('a namespace that allows nothing denies the gateway (403) until a policy allows its identity', () => {
    const nothing = istio('AuthorizationPolicy', 'web', 'allow-nothing', {}, 'security');
    expect(trace(mesh(gw([HTTP]), vs(), nothing))).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    const allowGw = istio('AuthorizationPolicy', 'web', 'from-gateway', {
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway'] } }] }],
    }, 'security');
    expect(trace(mesh(gw([HTTP]), vs(), nothing, allowGw)).outcome).toBe(TraceOutcome.DELIVERED);
  });

  test('no server on the port refuses the connection; no server host or no bound VirtualService is 404', () => {
    expect(trace(mesh(gw([HTTP]), vs()), 'http://shop.example.com:9000/')).toMatchObject({ outcome: TraceOutcome.RESET, status: undefined });
    expect(trace(mesh(gw([HTTP]), vs()), 'http://admin.example.com/')).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 404 });
    expect(trace(mesh(gw([HTTP])))).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 404 });
    // A VirtualService bound to another Gateway does not route here.
    expect(trace(mesh(gw([HTTP]), vs({ gateways: ['other-gw'] }))).outcome).toBe(TraceOutcome.NO_ROUTE);
    // A VirtualService in another namespace binds with `<ns>/<gateway>`.
    const elsewhere = istio('VirtualService', 'shop', 'frontend', {
      hosts: ['shop.example.com'], gateways: ['web/web-gw'], http: [{ route: [{ destination: { host: 'frontend.web.svc.cluster.local' } }] }],
    });
    expect(trace(mesh(gw([HTTP]), elsewhere)).outcome).toBe(TraceOutcome.DELIVERED);
    const restricted = gw([{ ...HTTP, hosts: ['./shop.example.com'] }]);
    expect(trace(mesh(restricted, elsewhere)).outcome).toBe(TraceOutcome.NO_ROUTE);
  });

  test('a Gateway server names the pod port: the gateway Service maps the port the client dials to it', () => {
    const onPod = gw([{ ...HTTP, port: { number: 8080, name: 'http', protocol: 'HTTP' } }]);
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
      spec: { selector: { istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80, targetPort: 9090 }] },
    };
    expect(trace(mesh(onPod, vs())).outcome).toBe(TraceOutcome.DELIVERED);
    expect(trace(mesh(onPod, vs(), svc)).outcome).toBe(TraceOutcome.RESET);
    const onTarget = gw([{ ...HTTP, port: { number: 9090, name: 'http', protocol: 'HTTP' } }]);
    expect(trace(mesh(onTarget, vs(), svc)).outcome).toBe(TraceOutcome.DELIVERED);
  });

  test('a gateway that selects other workloads does not serve the request', () => {
    const other = istio('Gateway', 'web', 'web-gw', { selector: { istio: 'egressgateway' }, servers: [HTTP] });
    expect(trace(mesh(other, vs())).outcome).toBe(TraceOutcome.RESET);
  });

  test('httpsRedirect answers 301; HTTPS SIMPLE terminates TLS and routes HTTP; plaintext to a TLS port fails', () => {
    const redirect = gw([{ ...HTTP, tls: { httpsRedirect: true } }, HTTPS]);
    expect(trace(mesh(redirect, vs()))).toMatchObject({ outcome: TraceOutcome.REDIRECTED, status: 301 });
    expect(trace(mesh(redirect, vs()), 'https://shop.example.com/').outcome).toBe(TraceOutcome.DELIVERED);
    expect(trace(mesh(gw([{ ...HTTPS, port: { number: 80, name: 'https', protocol: 'HTTPS' } }]), vs())).outcome).toBe(TraceOutcome.RESET);
  });

  test('the gateway\'s own AuthorizationPolicy runs before routing, for a client without identity', () => {
    const denyAdmin = istio('AuthorizationPolicy', 'istio-system', 'no-admin', {
      selector: { matchLabels: { istio: 'ingressgateway' } }, action: 'DENY', rules: [{ to: [{ operation: { paths: ['/admin*'] } }] }],
    }, 'security');
    const r = trace(mesh(gw([HTTP]), vs(), denyAdmin), 'http://shop.example.com/admin/users');
    expect(r).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(r.steps.find((s) => s.step === 'authz')?.by).toBe('AuthorizationPolicy istio-system/no-admin');
    expect(trace(mesh(gw([HTTP]), vs(), denyAdmin), 'http://shop.example.com/cart').outcome).toBe(TraceOutcome.DELIVERED);
  });

  test('TLS PASSTHROUGH routes by SNI with tls routes', () => {
    const pass = gw([{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['shop.example.com'], tls: { mode: 'PASSTHROUGH' } }]);
    const tlsVs = istio('VirtualService', 'web', 'frontend', {
      hosts: ['shop.example.com'],
      gateways: ['web-gw'],
      tls: [{ match: [{ port: 443, sniHosts: ['shop.example.com'] }], route: [{ destination: { host: 'frontend', port: { number: 80 } } }] }],
    });
    const r = trace(mesh(pass, tlsVs), 'https://shop.example.com/');
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.steps.find((s) => s.step === 'route' && s.decision.includes('tls[0] routes to frontend.web.svc.cluster.local'))).toBeDefined();
  });
});
