import { authorizationPolicy, codes, deployment, namespace, run, serviceAccount, suppress, suppressed } from './_fixtures';

const from = (source: any) => ({ rules: [{ from: [{ source }] }] });
const base = [namespace('shop'), serviceAccount('api'), serviceAccount('frontend', 'web')];

describe('CI0003 AuthorizationPolicyUnknownPrincipal', () => {
  test('reports a service account missing from a namespace the app declares', () => {
    const m = [...base, authorizationPolicy('ap', from({ principals: ['cluster.local/ns/shop/sa/apii'] }))];
    expect(codes('CI0003', m)).toEqual(['CI0003 AuthorizationPolicy shop/ap']);
    const [finding] = run('CI0003', m);
    expect(finding.level).toBe('warning');
    expect(finding.message).toBe('AuthorizationPolicy shop/ap refers to principal "cluster.local/ns/shop/sa/apii", '
      + 'but the app defines no ServiceAccount apii in namespace shop (it defines api).');
  });

  test('reports a service account missing from a namespace where the app defines only ServiceAccounts', () => {
    const m = [...base, authorizationPolicy('ap', from({ principals: ['cluster.local/ns/web/sa/frontnd'] }))];
    expect(run('CI0003', m).map((f) => f.message)).toEqual([expect.stringContaining('no ServiceAccount frontnd in namespace web (it defines frontend)')]);
  });

  test('reports notPrincipals, other trust domains and the spiffe:// form, once per principal', () => {
    const m = [...base, authorizationPolicy('ap', {
      action: 'DENY',
      rules: [
        { from: [{ source: { notPrincipals: ['example.org/ns/shop/sa/ghost'] } }] },
        { from: [{ source: { principals: ['spiffe://cluster.local/ns/shop/sa/ghost2', 'spiffe://cluster.local/ns/shop/sa/ghost2'] } }] },
      ],
    })];
    expect(run('CI0003', m).map((f) => f.message)).toEqual([
      expect.stringContaining('"example.org/ns/shop/sa/ghost"'),
      expect.stringContaining('"spiffe://cluster.local/ns/shop/sa/ghost2"'),
    ]);
  });

  test('accepts declared accounts, accounts workloads run as, default, wildcards and other principal forms', () => {
    const m = [...base, deployment('worker', { app: 'worker' }, { sa: 'worker' }), authorizationPolicy('ap', from({
      principals: ['cluster.local/ns/shop/sa/api', 'cluster.local/ns/shop/sa/worker', 'cluster.local/ns/shop/sa/default', 'cluster.local/ns/web/sa/frontend',
        '*', 'cluster.local/ns/shop/sa/*', '*/ns/shop/sa/ghost', 'cluster.local/ns/shop/sa/gh*', 'not-a-principal'],
    }))];
    expect(codes('CI0003', m)).toEqual([]);
  });

  test('says nothing about namespaces the app does not define, nor about source.namespaces (IST0101 reports those)', () => {
    const m = [...base, authorizationPolicy('ap', from({ principals: ['cluster.local/ns/monitoring/sa/prometheus'], namespaces: ['shpo'] }))];
    expect(codes('CI0003', m)).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const m = [...base, authorizationPolicy('ap', from({ principals: ['cluster.local/ns/shop/sa/apii'] }), 'shop', suppress('CI0003'))];
    expect(codes('CI0003', m)).toEqual([]);
    expect(suppressed('CI0003', m)).toEqual(['CI0003 AuthorizationPolicy shop/ap accepted for this test case']);
  });
});
