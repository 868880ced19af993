import { Testing } from 'cdk8s';
import { authorizationPolicy, codes, run, suppress, suppressed } from './_fixtures';
import { AuthorizationPolicy, MeshAnalysis, PolicyTargetRef } from '../../../../lib';

describe('CI0004 AuthorizationPolicyAllowsEverything', () => {
  test('reports an empty rule in an ALLOW policy (action set or defaulted)', () => {
    const m = [authorizationPolicy('ap', { selector: { matchLabels: { app: 'api' } }, rules: [{}] }), authorizationPolicy('explicit', { action: 'ALLOW', rules: [{}] })];
    expect(codes('CI0004', m)).toEqual(['CI0004 AuthorizationPolicy shop/ap', 'CI0004 AuthorizationPolicy shop/explicit']);
    const [finding, explicit] = run('CI0004', m);
    expect(finding.level).toBe('error');
    expect(finding.message).toBe('AuthorizationPolicy shop/ap rules[0] matches every request, so the policy allows all traffic to workloads labelled app=api in namespace shop.');
    expect(explicit.message).toContain('every workload in namespace shop');
  });

  test('reports a rule whose from, to and when are empty lists, or hold an empty source or operation', () => {
    const m = [
      authorizationPolicy('lists', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }] }, { from: [], to: [], when: [] }] }),
      authorizationPolicy('entries', { rules: [{ from: [{ source: {} }], to: [{ operation: { methods: [] } }] }] }),
    ];
    expect(run('CI0004', m).map((f) => f.message)).toEqual([
      expect.stringContaining('AuthorizationPolicy shop/entries rules[0] matches every request'),
      expect.stringContaining('AuthorizationPolicy shop/lists rules[1] matches every request'),
    ]);
  });

  test('names the mesh or the targetRefs as the scope', () => {
    expect(run('CI0004', [authorizationPolicy('ap', { rules: [{}] }, 'istio-system')])[0].message).toContain('every workload in the whole mesh');
    const m = [authorizationPolicy('ap', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }], rules: [{}] })];
    expect(run('CI0004', m)[0].message).toContain('its targets (Gateway waypoint)');
  });

  test('accepts narrowed rules, allow-nothing, and DENY or CUSTOM rules that match everything', () => {
    const m = [
      authorizationPolicy('from', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }] }] }),
      authorizationPolicy('to', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }),
      authorizationPolicy('when', { rules: [{ when: [{ key: 'request.headers[x-canary]', values: ['1'] }] }] }),
      authorizationPolicy('nothing', {}),
      authorizationPolicy('deny', { action: 'DENY', rules: [{}] }),
      authorizationPolicy('custom', { action: 'CUSTOM', provider: { name: 'ext-authz' }, rules: [{}] }),
    ];
    expect(codes('CI0004', m)).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const m = [authorizationPolicy('ap', { rules: [{}] }, 'shop', suppress('CI0004'))];
    expect(codes('CI0004', m)).toEqual([]);
    expect(suppressed('CI0004', m)).toEqual(['CI0004 AuthorizationPolicy shop/ap accepted for this test case']);
  });

  test('does not report AuthorizationPolicy.allowAll(): the factory records the intent as a suppression', () => {
    const chart = Testing.chart();
    AuthorizationPolicy.allowAll(chart, 'allow-all', { metadata: { name: 'allow-all', namespace: 'shop' }, targetRefs: [PolicyTargetRef.service('web')] });
    const report = MeshAnalysis.analyze(chart.toJson(), { rules: ['CI0004'] });
    expect(report.active).toEqual([]);
    expect(report.suppressed.map((f) => f.suppressedReason)).toEqual(['explicit AuthorizationPolicy.allowAll(): allowing every request is intended']);
  });
});
