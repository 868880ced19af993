import { codes, run, service, suppress } from './_fixtures';

describe('IST0108 UnknownAnnotation', () => {
  test('reports an istio.io annotation Istio does not define', () => {
    expect(codes('IST0108', [service({ 'networking.istio.io/exportThree': 'x' })])).toEqual(['IST0108 Service shop/s']);
    expect(run('IST0108', [service({ 'networking.istio.io/exportThree': 'x' })])[0].message).toContain('networking.istio.io/exportThree');
  });
  test('ignores annotations outside Istio and those its controllers set', () => {
    expect(codes('IST0108', [service({ 'kubernetes.io/psp': 'x', 'networking.istio.io/exportTo': '*', 'istio.io/rev': 'canary' })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0108', [service({ 'networking.istio.io/exportThree': 'x', ...suppress('IST0108') })])).toEqual([]);
  });
});
