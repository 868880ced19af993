import { ambientNs, authz, codes, deployment, messages, namespace, suppress } from './_fixtures';

const ID = 'CI0007';
const app = deployment('api', 'shop', { app: 'api' });
const byMethod = { selector: { matchLabels: { app: 'api' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] };

describe('CI0007 AmbientL7AuthorizationEnforcedByZtunnel', () => {
  test('reports an ALLOW policy whose every rule uses HTTP attributes: it allows nothing', () => {
    const m = [ambientNs('shop'), app, authz('get-only', 'shop', byMethod)];
    expect(codes(ID, m)).toEqual(['CI0007 AuthorizationPolicy shop/get-only']);
    expect(messages(ID, m)[0]).toContain('ambient workload Deployment shop/api');
    expect(messages(ID, m)[0]).toContain('(methods)');
    expect(messages(ID, m)[0]).toContain('allows nothing');
  });

  test('reports an ALLOW policy with some HTTP rules: those rules never match', () => {
    const spec = {
      selector: { matchLabels: { app: 'api' } },
      rules: [
        { from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }] },
        { from: [{ source: { requestPrincipals: ['issuer/*'] } }], when: [{ key: 'request.headers[x-team]', values: ['a'] }] },
      ],
    };
    const msg = messages(ID, [ambientNs('shop'), app, authz('mixed', 'shop', spec)])[0];
    expect(msg).toContain('(request.headers[x-team], requestPrincipals)');
    expect(msg).toContain('drops rule rules[1]');
    expect(msg).toContain('requests only those rules allow are denied');
  });

  test('reports a DENY policy: enforced without its HTTP attributes, it denies more', () => {
    const spec = { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['legacy'] } }], to: [{ operation: { paths: ['/admin'] } }] }] };
    const msg = messages(ID, [ambientNs('shop'), authz('no-admin', 'shop', spec)]);
    expect(msg).toHaveLength(1);
    expect(msg[0]).toContain('the workloads of ambient namespace shop');
    expect(msg[0]).toContain('denies every request that matches the rest of those rules');
  });

  test('reports a CUSTOM policy: ztunnel does not enforce it at all', () => {
    const spec = { action: 'CUSTOM', provider: { name: 'ext-authz' }, selector: { matchLabels: { app: 'api' } }, rules: [{ to: [{ operation: { ports: ['8080'] } }] }] };
    expect(messages(ID, [ambientNs('shop'), app, authz('ext', 'shop', spec)])[0]).toContain('does not support the CUSTOM action');
  });

  test('reports a pod template labelled ambient in a namespace that is not', () => {
    const labelled = deployment('api', 'shop', { app: 'api' }, { podLabels: { 'istio.io/dataplane-mode': 'ambient' } });
    expect(codes(ID, [namespace('shop'), labelled, authz('get-only', 'shop', byMethod)])).toEqual(['CI0007 AuthorizationPolicy shop/get-only']);
  });

  test('reports a root-namespace policy that reaches ambient workloads', () => {
    expect(codes(ID, [ambientNs('shop'), app, authz('mesh-get', 'istio-system', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })]))
      .toEqual(['CI0007 AuthorizationPolicy istio-system/mesh-get']);
  });

  test('accepts L4-only policies, targetRefs policies, and sidecar workloads', () => {
    const l4 = { selector: { matchLabels: { app: 'api' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }], to: [{ operation: { ports: ['8080'] } }], when: [{ key: 'source.namespace', values: ['shop'] }] }] };
    const targeted = { targetRefs: [{ group: '', kind: 'Service', name: 'api' }], rules: [{ to: [{ operation: { methods: ['GET'] } }] }] };
    expect(codes(ID, [ambientNs('shop'), app, authz('l4', 'shop', l4), authz('waypoint', 'shop', targeted)])).toEqual([]);
    expect(codes(ID, [namespace('shop', { 'istio-injection': 'enabled' }), app, authz('get-only', 'shop', byMethod)])).toEqual([]);
    const optedOut = deployment('api', 'shop', { app: 'api' }, { podLabels: { 'istio.io/dataplane-mode': 'none' } });
    expect(codes(ID, [ambientNs('shop'), optedOut, authz('get-only', 'shop', byMethod)])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    expect(codes(ID, [ambientNs('shop'), app, authz('get-only', 'shop', byMethod, suppress(ID))])).toEqual([]);
  });
});
