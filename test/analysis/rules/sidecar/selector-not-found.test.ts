import { codes, pod, run, sidecar, suppress } from './_fixtures';

describe('IST0101 ReferencedResourceNotFound (Sidecar)', () => {
  test('reports a selector that matches nothing in its namespace', () => {
    expect(codes('IST0101', [pod('other', { app: 'a' }), sidecar('s', 'shop', { app: 'a' })])).toEqual(['IST0101 Sidecar shop/s']);
    expect(run('IST0101', [sidecar('s', 'shop', { app: 'a' })])[0].message).toContain('app=a');
  });
  test('accepts a selector that matches, and a Sidecar without selector', () => {
    expect(codes('IST0101', [pod('shop', { app: 'a' }), sidecar('s', 'shop', { app: 'a' }), sidecar('d', 'shop')])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0101', [sidecar('s', 'shop', { app: 'a' }, suppress('IST0101'))])).toEqual([]);
  });
});
