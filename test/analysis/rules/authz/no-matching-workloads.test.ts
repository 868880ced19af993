import { codes, deployment, ns, policy, run, suppress } from './_fixtures';

describe('IST0127 NoMatchingWorkloadsFound', () => {
  test('reports a selector that matches no meshed workload', () => {
    const m = [ns('shop'), deployment, policy('shop', { selector: { matchLabels: { app: 'web' } } })];
    expect(codes('IST0127', m)).toEqual(['IST0127 AuthorizationPolicy shop/ap']);
    expect(run('IST0127', m)[0].message).toContain('app=web');
  });
  test('reports a namespace-wide policy in a namespace without workloads', () => {
    expect(codes('IST0127', [ns('empty'), policy('empty', {})])).toEqual(['IST0127 AuthorizationPolicy empty/ap']);
  });
  test('reports a mesh-wide selector that matches nothing anywhere', () => {
    expect(codes('IST0127', [ns('shop'), deployment, policy('istio-system', { selector: { matchLabels: { app: 'web' } } })]))
      .toEqual(['IST0127 AuthorizationPolicy istio-system/ap']);
  });
  test('accepts a selector that matches, a namespace-wide and a mesh-wide policy', () => {
    expect(codes('IST0127', [ns('shop'), deployment, policy('shop', { selector: { matchLabels: { app: 'api' } } }), policy('istio-system', {})])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0127', [ns('empty'), policy('empty', {}, suppress('IST0127'))])).toEqual([]);
  });
});
