import { codes, run, sidecar, suppress } from './_fixtures';

describe('IST0111 MultipleSidecarsWithoutWorkloadSelectors', () => {
  test('reports each selector-less Sidecar of a namespace with several', () => {
    expect(codes('IST0111', [sidecar('a', 'shop'), sidecar('b', 'shop')])).toEqual(['IST0111 Sidecar shop/a', 'IST0111 Sidecar shop/b']);
    expect(run('IST0111', [sidecar('a', 'shop'), sidecar('b', 'shop')])[0].message).toContain('no workloadSelector');
  });
  test('accepts one per namespace', () => {
    expect(codes('IST0111', [sidecar('a', 'shop'), sidecar('b', 'other')])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0111', [sidecar('a', 'shop', undefined, suppress('IST0111')), sidecar('b', 'shop', undefined, suppress('IST0111'))])).toEqual([]);
  });
});
