import { deployment, istio, ns, service, shop } from './shop';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';

interface Extra {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly meshConfig?: any;
}

function trace(manifests: any[], from: string, url: string, extra: Extra = {}): TraceResult {
  return MeshAnalysis.trace(manifests, { from, url, method: extra.method, headers: extra.headers }, { meshConfig: extra.meshConfig });
}

const byOf = (r: TraceResult, step: string) => r.steps.filter((s) => s.step === step).map((s) => s.by);

describe('MeshAnalysis.trace: source side', () => {
  test('delivers a call the policies allow, naming the objects that decided', () => {
    const r = trace(shop(), 'pod:web/frontend', 'http://cart.shop/items');
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.status).toBeUndefined();
    expect(r.backends).toEqual([{ host: 'cart.shop.svc.cluster.local', subset: undefined, weight: 100 }]);
    expect(byOf(r, 'peer-authentication')).toEqual(['PeerAuthentication shop/default']);
    expect(byOf(r, 'authz')).toEqual(['AuthorizationPolicy shop/cart-from-frontend']);
  });

  test('a Sidecar that does not import the callee sends it as plaintext passthrough, which STRICT mTLS resets', () => {
    const sidecar = istio('Sidecar', 'web', 'default', { egress: [{ hosts: ['./*', 'istio-system/*'] }] });
    const r = trace([...shop(), sidecar], 'pod:web/frontend', 'http://cart.shop/items');
    expect(r.outcome).toBe(TraceOutcome.RESET);
    expect(r.status).toBeUndefined();
    expect(r.steps.find((s) => s.step === 'resolve')).toMatchObject({ by: 'Sidecar web/default' });
    expect(r.steps.find((s) => s.step === 'outbound-policy')?.decision).toContain('ALLOW_ANY');
    expect(r.steps.find((s) => s.step === 'peer-authentication')).toMatchObject({ by: 'PeerAuthentication shop/default' });
    // Importing shop/* flips it.
    const fixed = istio('Sidecar', 'web', 'default', { egress: [{ hosts: ['./*', 'istio-system/*', 'shop/*'] }] });
    expect(trace([...shop(), fixed], 'pod:web/frontend', 'http://cart.shop/items').outcome).toBe(TraceOutcome.DELIVERED);
  });

  test('a Sidecar egress host of another namespace or port does not import it', () => {
    const otherNs = istio('Sidecar', 'web', 'default', { egress: [{ hosts: ['billing/*'] }] });
    expect(trace([...shop(), otherNs], 'pod:web/frontend', 'http://cart.shop/items').outcome).toBe(TraceOutcome.RESET);
    const byHost = istio('Sidecar', 'web', 'default', { egress: [{ hosts: ['*/cart.shop.svc.cluster.local'] }] });
    expect(trace([...shop(), byHost], 'pod:web/frontend', 'http://cart.shop/items').outcome).toBe(TraceOutcome.DELIVERED);
    const otherPort = istio('Sidecar', 'web', 'default', { egress: [{ port: { number: 9090, protocol: 'HTTP', name: 'h' }, hosts: ['shop/*'] }] });
    expect(trace([...shop(), otherPort], 'pod:web/frontend', 'http://cart.shop/items').outcome).toBe(TraceOutcome.RESET);
  });

  test('a workload-selector Sidecar wins over the namespace one; the root namespace Sidecar applies when the namespace has none', () => {
    const nsWide = istio('Sidecar', 'web', 'default', { egress: [{ hosts: ['./*'] }] });
    const forFrontend = istio('Sidecar', 'web', 'frontend', { workloadSelector: { labels: { app: 'frontend' } }, egress: [{ hosts: ['shop/*'] }] });
    const r = trace([...shop(), nsWide, forFrontend], 'pod:web/frontend', 'http://cart.shop/');
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(byOf(r, 'sidecar-scope')).toEqual(['Sidecar web/frontend']);
    const root = istio('Sidecar', 'istio-system', 'default', { egress: [{ hosts: ['./*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    const blocked = trace([...shop(), root], 'pod:web/frontend', 'http://cart.shop/');
    expect(blocked.outcome).toBe(TraceOutcome.BLACKHOLED);
    expect(blocked.steps.find((s) => s.step === 'outbound-policy')?.by).toBe('Sidecar istio-system/default');
  });

  test('REGISTRY_ONLY blackholes a host outside the registry with 502; ALLOW_ANY passes it through', () => {
    const registryOnly = { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } };
    const r = trace(shop(), 'pod:web/frontend', 'http://api.example.com/v1', { meshConfig: registryOnly });
    expect(r).toMatchObject({ outcome: TraceOutcome.BLACKHOLED, status: 502, backends: [] });
    const open = trace(shop(), 'pod:web/frontend', 'http://api.example.com/v1');
    expect(open).toMatchObject({ outcome: TraceOutcome.PASSTHROUGH, backends: [{ host: 'api.example.com', weight: 100 }] });
    // A ServiceEntry puts the host in the registry.
    const se = istio('ServiceEntry', 'web', 'example', { hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS' });
    const known = trace([...shop(), se], 'pod:web/frontend', 'http://api.example.com/v1', { meshConfig: registryOnly });
    expect(known.outcome).toBe(TraceOutcome.DELIVERED);
    expect(known.steps.find((s) => s.step === 'destination')?.by).toBe('ServiceEntry web/example');
  });

  test('a DestinationRule for a ServiceEntry host says the proxy originates TLS', () => {
    const se = istio('ServiceEntry', 'web', 'example', { hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 443 }], resolution: 'DNS' });
    const dr = istio('DestinationRule', 'web', 'example', { host: 'api.example.com', trafficPolicy: { tls: { mode: 'SIMPLE' } } });
    const r = trace([...shop(), se, dr], 'pod:web/frontend', 'http://api.example.com/v1');
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.steps.find((s) => s.step === 'mtls')).toMatchObject({ by: 'DestinationRule web/example' });
    expect(r.steps.find((s) => s.step === 'mtls')?.decision).toContain('originates TLS (SIMPLE)');
  });

  test('a wildcard ServiceEntry host covers the names under it', () => {
    const se = istio('ServiceEntry', 'web', 'wild', { hosts: ['*.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'NONE' });
    const r = trace([...shop(), se], 'pod:web/frontend', 'https://api.example.com/', { meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } });
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.steps.find((s) => s.step === 'resolve')?.decision).toContain('*.example.com');
    expect(trace([...shop(), se], 'pod:web/frontend', 'https://api.example.org/', { meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } }).outcome)
      .toBe(TraceOutcome.BLACKHOLED);
  });

  test('resolves a short name in the caller\'s namespace, name.ns, name.ns.svc and the FQDN', () => {
    const mesh = [...shop(), deployment('shop', 'checkout'), service('shop', 'checkout')];
    const allowAll = istio('AuthorizationPolicy', 'shop', 'all', { rules: [{}] }, 'security');
    for (const url of ['http://cart/', 'http://cart.shop/', 'http://cart.shop.svc/', 'http://cart.shop.svc.cluster.local/']) {
      const r = trace([...mesh, allowAll], 'pod:shop/checkout', url);
      expect(r.outcome).toBe(TraceOutcome.DELIVERED);
      expect(r.backends[0].host).toBe('cart.shop.svc.cluster.local');
    }
    // From web, `cart` is web's cart: there is none, so it is not the mesh's.
    expect(trace(mesh, 'pod:web/frontend', 'http://cart/').outcome).toBe(TraceOutcome.PASSTHROUGH);
  });

  test('a Service exported only to its namespace is outside other namespaces\' registry', () => {
    const mesh = shop();
    mesh.find((o) => o.kind === 'Service' && o.metadata.name === 'cart').metadata.annotations = { 'networking.istio.io/exportTo': '.' };
    const r = trace(mesh, 'pod:web/frontend', 'http://cart.shop/', { meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } });
    expect(r.outcome).toBe(TraceOutcome.BLACKHOLED);
    expect(trace(mesh, 'pod:web/frontend', 'http://cart.shop/').outcome).toBe(TraceOutcome.RESET);
  });

  test('a port the Service does not have is outside the registry', () => {
    const r = trace(shop(), 'pod:web/frontend', 'http://cart.shop:9000/', { meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } });
    expect(r.outcome).toBe(TraceOutcome.BLACKHOLED);
  });
});

describe('MeshAnalysis.trace: destination side', () => {
  test('a plaintext client is reset by STRICT, accepted by PERMISSIVE and then denied without identity', () => {
    expect(trace(shop(), 'plain:web', 'http://cart.shop/').outcome).toBe(TraceOutcome.RESET);
    const permissive = shop().map((o) => (o.kind === 'PeerAuthentication' ? { ...o, spec: { mtls: { mode: 'PERMISSIVE' } } } : o));
    const r = trace(permissive, 'plain:web', 'http://cart.shop/');
    expect(r).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(r.steps[r.steps.length - 1].decision).toContain('without mTLS identity');
  });

  test('workload and port-level PeerAuthentication override the namespace mode', () => {
    const port = istio('PeerAuthentication', 'shop', 'cart', {
      selector: { matchLabels: { app: 'cart' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'PERMISSIVE' } },
    }, 'security');
    const open = istio('AuthorizationPolicy', 'shop', 'open', { selector: { matchLabels: { app: 'cart' } }, rules: [{}] }, 'security');
    const r = trace([...shop(), port, open], 'plain:web', 'http://cart.shop/');
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(byOf(r, 'peer-authentication')).toEqual(['PeerAuthentication shop/cart']);
    const mesh = [ns('web'), ns('shop'), deployment('shop', 'cart'), service('shop', 'cart'),
      istio('PeerAuthentication', 'istio-system', 'default', { mtls: { mode: 'STRICT' } }, 'security')];
    expect(byOf(trace(mesh, 'plain:web', 'http://cart.shop/'), 'peer-authentication')).toEqual(['PeerAuthentication istio-system/default']);
  });

  test('a DestinationRule that disables TLS towards a STRICT server is reset; ISTIO_MUTUAL towards a server without sidecar is reset', () => {
    const dr = istio('DestinationRule', 'web', 'cart', { host: 'cart.shop.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } });
    const r = trace([...shop(), dr], 'pod:web/frontend', 'http://cart.shop/');
    expect(r.outcome).toBe(TraceOutcome.RESET);
    expect(byOf(r, 'mtls')).toEqual(['DestinationRule web/cart']);
    const noSidecar = [ns('web'), ns('legacy', {}), deployment('legacy', 'db'), service('legacy', 'db')];
    expect(trace(noSidecar, 'pod:web/frontend', 'http://db.legacy/').outcome).toBe(TraceOutcome.DELIVERED);
    const mutual = istio('DestinationRule', 'legacy', 'db', { host: 'db', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
    expect(trace([...noSidecar, mutual], 'pod:web/frontend', 'http://db.legacy/').outcome).toBe(TraceOutcome.RESET);
  });
});
