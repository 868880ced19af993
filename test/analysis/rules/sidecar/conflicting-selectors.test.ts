import { codes, pod, run, sidecar, suppress } from './_fixtures';

describe('IST0110 ConflictingSidecarWorkloadSelectors', () => {
  test('reports each Sidecar that selects a shared workload', () => {
    const m = [pod('shop', { app: 'a', v: '1' }), sidecar('s1', 'shop', { app: 'a' }), sidecar('s2', 'shop', { v: '1' })];
    expect(codes('IST0110', m)).toEqual(['IST0110 Sidecar shop/s1', 'IST0110 Sidecar shop/s2']);
    expect(run('IST0110', m)[0].message).toContain('[s1, s2]');
  });
  test('accepts disjoint selectors', () => {
    expect(codes('IST0110', [pod('shop', { app: 'a' }), sidecar('s1', 'shop', { app: 'a' }), sidecar('s2', 'shop', { app: 'b' })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    const m = [pod('shop', { app: 'a' }), sidecar('s1', 'shop', { app: 'a' }, suppress('IST0110')), sidecar('s2', 'shop', { app: 'a' }, suppress('IST0110'))];
    expect(codes('IST0110', m)).toEqual([]);
  });
});
