import { codes, ns, pod, run, suppress } from './_fixtures';

const proxy = [{ name: 'istio-proxy', image: 'auto' }];

describe('IST0147 ImageAutoWithoutInjectionError', () => {
  test('reports a Pod with image: auto that no webhook selects', () => {
    expect(codes('IST0147', [pod('p', 'plain', proxy)])).toEqual(['IST0147 Pod plain/p']);
    expect(run('IST0147', [pod('p', 'plain', proxy)])[0].message).toContain('image: auto');
  });
  test('accepts a Pod in an injected namespace', () => {
    expect(codes('IST0147', [ns('shop', { 'istio-injection': 'enabled' }), pod('p', 'shop', proxy)])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0147', [pod('p', 'plain', proxy, { annotations: suppress('IST0147') })])).toEqual([]);
  });
});
