import { authorizationPolicy, codes, deployment, namespace, run, suppress, suppressed } from './_fixtures';

const api = deployment('api', { app: 'api' });
const nothing = authorizationPolicy('allow-nothing', {});
const allowWeb = (ns = 'shop', selector: any = { matchLabels: { app: 'api' } }) => authorizationPolicy('allow-web', {
  selector,
  rules: [{ from: [{ source: { principals: ['cluster.local/ns/web/sa/frontend'] } }] }],
}, ns);

describe('CI0005 WorkloadDeniedByAllowNothing', () => {
  test('reports a workload under a namespace-wide allow-nothing policy with no ALLOW rule for it', () => {
    const m = [namespace('shop'), api, nothing];
    expect(codes('CI0005', m)).toEqual(['CI0005 Deployment shop/api']);
    const [finding] = run('CI0005', m);
    expect(finding.level).toBe('warning');
    expect(finding.message).toBe('Deployment shop/api is in scope of allow-nothing AuthorizationPolicy shop/allow-nothing and no ALLOW rule '
      + 'of any AuthorizationPolicy applying to it lets a request in: it can never be called.');
  });

  test('reports an allow-nothing policy selecting the workload, written with action ALLOW and empty rules', () => {
    const m = [namespace('shop'), api, authorizationPolicy('lock', { selector: { matchLabels: { app: 'api' } }, action: 'ALLOW', rules: [] })];
    expect(run('CI0005', m)[0].message).toContain('allow-nothing AuthorizationPolicy shop/lock');
  });

  test('reports workloads in every namespace under a mesh-wide allow-nothing policy, even with ALLOW rules for others', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', namespace: 'ops', labels: { app: 'probe' } }, spec: { containers: [{ name: 'p', image: 'x' }] } };
    const m = [namespace('shop'), api, pod, authorizationPolicy('allow-nothing', {}, 'istio-system'), allowWeb('shop', { matchLabels: { app: 'web' } })];
    expect(codes('CI0005', m)).toEqual(['CI0005 Deployment shop/api', 'CI0005 Pod ops/probe']);
    expect(run('CI0005', m)[0].message).toContain('AuthorizationPolicy istio-system/allow-nothing');
  });

  test('reports when the only ALLOW rules sit in another namespace', () => {
    expect(codes('CI0005', [namespace('shop'), api, nothing, allowWeb('other')])).toEqual(['CI0005 Deployment shop/api']);
  });

  test('accepts a workload an ALLOW rule reaches: selecting it, namespace-wide, or from the root namespace', () => {
    expect(codes('CI0005', [namespace('shop'), api, nothing, allowWeb()])).toEqual([]);
    expect(codes('CI0005', [namespace('shop'), api, nothing, allowWeb('shop', undefined)])).toEqual([]);
    expect(codes('CI0005', [namespace('shop'), api, nothing, allowWeb('istio-system')])).toEqual([]);
  });

  test('accepts workloads the policy does not cover, batch workloads, workloads out of the mesh, and DENY-only policies', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'm', image: 'x' }] } } } };
    const optedOut = deployment('legacy', { 'app': 'legacy', 'sidecar.istio.io/inject': 'false' });
    const selectsWeb = authorizationPolicy('lock-web', { selector: { matchLabels: { app: 'web' } } });
    expect(codes('CI0005', [namespace('shop'), api, selectsWeb])).toEqual([]);
    expect(codes('CI0005', [namespace('shop'), job, optedOut, nothing])).toEqual([]);
    expect(codes('CI0005', [namespace('shop'), api, authorizationPolicy('deny', { action: 'DENY', rules: [{}] })])).toEqual([]);
    expect(codes('CI0005', [namespace('shop'), api, authorizationPolicy('gw', { targetRefs: [{ group: '', kind: 'Service', name: 'api' }] })])).toEqual([]);
  });

  test('is suppressed by an annotation on the workload with a reason', () => {
    const m = [namespace('shop'), deployment('api', { app: 'api' }, { annotations: suppress('CI0005') }), nothing];
    expect(codes('CI0005', m)).toEqual([]);
    expect(suppressed('CI0005', m)).toEqual(['CI0005 Deployment shop/api accepted for this test case']);
  });
});
