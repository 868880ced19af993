import { deployment, istio, ns, service } from './shop';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';

/** shop/cart behind policies; callers web/frontend, web/admin and plain clients. PERMISSIVE, so plaintext reaches authz. */
function mesh(...policies: any[]): any[] {
  return [
    ns('web'), ns('shop'), ns('other'),
    deployment('web', 'frontend'), deployment('web', 'admin'), deployment('other', 'bot'),
    deployment('shop', 'cart'), service('shop', 'cart'),
    ...policies,
  ];
}

function ap(name: string, spec: any, namespace = 'shop'): any {
  return istio('AuthorizationPolicy', namespace, name, spec, 'security');
}

function trace(manifests: any[], from = 'pod:web/frontend', url = 'http://cart.shop/items/1', extra: { method?: string; headers?: Record<string, string> } = {}): TraceResult {
  return MeshAnalysis.trace(manifests, { from, url, ...extra });
}

const outcome = (r: TraceResult) => r.outcome;
const authzBy = (r: TraceResult) => r.steps.filter((s) => s.step === 'authz').pop()?.by;

describe('MeshAnalysis.trace: AuthorizationPolicy', () => {
  test('no policy allows; allow-nothing denies with 403', () => {
    expect(outcome(trace(mesh()))).toBe(TraceOutcome.DELIVERED);
    const r = trace(mesh(ap('deny-all', {})));
    expect(r).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(authzBy(r)).toBe('AuthorizationPolicy shop/deny-all');
  });

  test('DENY wins over ALLOW; CUSTOM is noted and taken as allow', () => {
    const allow = ap('allow', { rules: [{ from: [{ source: { namespaces: ['web'] } }] }] });
    const deny = ap('deny-admin', { action: 'DENY', rules: [{ from: [{ source: { principals: ['cluster.local/ns/web/sa/admin'] } }] }] });
    expect(outcome(trace(mesh(allow, deny)))).toBe(TraceOutcome.DELIVERED);
    const r = trace(mesh(allow, deny), 'pod:web/admin');
    expect(r).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(authzBy(r)).toBe('AuthorizationPolicy shop/deny-admin');
    const custom = ap('ext', { action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] });
    const c = trace(mesh(custom));
    expect(c.outcome).toBe(TraceOutcome.DELIVERED);
    expect(c.steps.some((s) => s.decision.includes('provider opa'))).toBe(true);
  });

  test('principals, namespaces and their not- forms; a plaintext client has neither', () => {
    const byNs = ap('ns', { rules: [{ from: [{ source: { namespaces: ['web'] } }] }] });
    expect(outcome(trace(mesh(byNs)))).toBe(TraceOutcome.DELIVERED);
    expect(outcome(trace(mesh(byNs), 'pod:other/bot'))).toBe(TraceOutcome.DENIED);
    expect(outcome(trace(mesh(byNs), 'plain:web'))).toBe(TraceOutcome.DENIED);
    const wildcard = ap('p', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/web/*'] } }] }] });
    expect(outcome(trace(mesh(wildcard), 'pod:web/admin'))).toBe(TraceOutcome.DELIVERED);
    expect(outcome(trace(mesh(wildcard), 'pod:other/bot'))).toBe(TraceOutcome.DENIED);
    const notPrincipals = ap('np', { action: 'DENY', rules: [{ from: [{ source: { notPrincipals: ['*'] } }] }] });
    expect(outcome(trace(mesh(notPrincipals), 'plain:web'))).toBe(TraceOutcome.DENIED);
    expect(outcome(trace(mesh(notPrincipals)))).toBe(TraceOutcome.DELIVERED);
  });

  test('methods, paths with wildcards and {*}/{**} templates, ports and hosts', () => {
    const rule = (operation: any) => mesh(ap('op', { rules: [{ to: [{ operation }] }] }));
    const cases: [any, string, string, boolean][] = [
      [{ methods: ['GET'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ methods: ['GET'] }, 'POST', 'http://cart.shop/items/1', false],
      [{ paths: ['/items/*'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ paths: ['*/1'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ paths: ['/items'] }, 'GET', 'http://cart.shop/items/1', false],
      [{ paths: ['/items/{*}'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ paths: ['/items/{*}'] }, 'GET', 'http://cart.shop/items/1/price', false],
      [{ paths: ['/items/{**}'] }, 'GET', 'http://cart.shop/items/1/price', true],
      [{ paths: ['/{*}/1'] }, 'GET', 'http://cart.shop/items/1?x=1', true],
      [{ notPaths: ['/admin*'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ ports: ['8080'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ ports: ['80'] }, 'GET', 'http://cart.shop/items/1', false],
      [{ hosts: ['cart.shop'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ hosts: ['CART.shop'] }, 'GET', 'http://cart.shop/items/1', true],
      [{ hosts: ['cart.shop.svc.cluster.local'] }, 'GET', 'http://cart.shop/items/1', false],
      [{ hosts: ['cart.*'] }, 'GET', 'http://cart.shop/items/1', true],
    ];
    for (const [operation, method, url, allowed] of cases) {
      const r = trace(rule(operation), 'pod:web/frontend', url, { method });
      const expected = allowed ? TraceOutcome.DELIVERED : TraceOutcome.DENIED;
      expect({ operation, method, url, outcome: r.outcome }).toEqual({ operation, method, url, outcome: expected });
    }
  });

  test('when conditions it can know: source.principal, source.namespace, request.headers; request.auth never matches without a JWT', () => {
    const when = (cond: any) => mesh(ap('w', { rules: [{ when: [cond] }] }));
    expect(outcome(trace(when({ key: 'source.namespace', values: ['web'] })))).toBe(TraceOutcome.DELIVERED);
    expect(outcome(trace(when({ key: 'source.namespace', notValues: ['web'] })))).toBe(TraceOutcome.DENIED);
    expect(outcome(trace(when({ key: 'source.principal', values: ['cluster.local/ns/web/sa/frontend'] })))).toBe(TraceOutcome.DELIVERED);
    expect(outcome(trace(when({ key: 'request.headers[x-team]', values: ['blue'] }), undefined, undefined, { headers: { 'X-Team': 'blue' } }))).toBe(TraceOutcome.DELIVERED);
    expect(outcome(trace(when({ key: 'request.headers[x-team]', values: ['blue'] }), undefined, undefined, { headers: { 'X-Team': 'red' } }))).toBe(TraceOutcome.DENIED);
    expect(outcome(trace(when({ key: 'request.auth.claims[iss]', values: ['x'] })))).toBe(TraceOutcome.DENIED);
    const jwt = mesh(ap('jwt', { rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] }));
    expect(outcome(trace(jwt))).toBe(TraceOutcome.DENIED);
    const withToken = trace(jwt, undefined, undefined, { headers: { Authorization: 'Bearer x.y.z' } });
    expect(withToken.steps.some((s) => s.decision.includes('token is not validated'))).toBe(true);
  });

  test('what manifests cannot tell (ipBlocks, source.ip) is noted and taken as not matching', () => {
    const r = trace(mesh(ap('ip', { rules: [{ from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }] }] })));
    expect(r.outcome).toBe(TraceOutcome.DENIED);
    expect(r.steps.some((s) => s.decision.includes('depends on ipBlocks'))).toBe(true);
  });

  test('root-namespace policies apply mesh-wide; selectors pick workloads; dry-run policies are not enforced', () => {
    expect(outcome(trace(mesh(ap('mesh-deny', {}, 'istio-system'))))).toBe(TraceOutcome.DENIED);
    expect(outcome(trace(mesh(ap('other', { selector: { matchLabels: { app: 'checkout' } } }))))).toBe(TraceOutcome.DELIVERED);
    const dry = ap('dry', {});
    dry.metadata.annotations = { 'istio.io/dry-run': 'true' };
    expect(outcome(trace(mesh(dry)))).toBe(TraceOutcome.DELIVERED);
  });

  test('on a port that is not HTTP, ALLOW rules with HTTP fields never match and DENY rules drop them', () => {
    const tcp = mesh().map((o) => (o.kind === 'Service' ? service('shop', 'cart', 80, 8080, 'tcp') : o));
    expect(outcome(trace([...tcp, ap('get', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })]))).toBe(TraceOutcome.DENIED);
    const deny = ap('no-post', { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['web'] } }], to: [{ operation: { methods: ['POST'] } }] }] });
    const r = trace([...tcp, deny]);
    expect(r.outcome).toBe(TraceOutcome.DENIED);
    expect(r.status).toBeUndefined();
  });
});
