import { codes, deployment, dr, run, service, suppress } from './_fixtures';

describe('IST0173 DestinationRuleSubsetNotSelectPods', () => {
  test('reports a subset whose labels no workload carries', () => {
    const m = [service, deployment('v1'), dr('reviews', [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }])];
    expect(codes('IST0173', m)).toEqual(['IST0173 DestinationRule shop/reviews']);
    expect(run('IST0173', m)[0].message).toContain('Subset v2');
  });
  test('reports a topology subset a scheduled Pod\'s node does not satisfy', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'topology.kubernetes.io/region': 'eu' } } };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', labels: { app: 'reviews' } }, spec: { nodeName: 'n1', containers: [] } };
    const m = [service, node, pod, dr('reviews', [{ name: 'eu', labels: { 'topology.kubernetes.io/region': 'eu' } }, { name: 'us', labels: { 'topology.kubernetes.io/region': 'us' } }])];
    expect(codes('IST0173', m)).toEqual(['IST0173 DestinationRule shop/reviews']);
  });
  test('accepts subsets that select, and topology labels on templates', () => {
    expect(codes('IST0173', [service, deployment('v1'), dr('reviews', [{ name: 'v1', labels: { 'version': 'v1', 'topology.kubernetes.io/zone': 'a' } }])])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0173', [service, dr('reviews', [{ name: 'v9', labels: { version: 'v9' } }], suppress('IST0173'))])).toEqual([]);
  });
});
