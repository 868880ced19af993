import { codes, gatewayDeployment, ns, pod, run, suppress } from './_fixtures';

const enabled = ns('shop', { 'istio-injection': 'enabled' });
const app = [{ name: 'app', image: 'x' }];

describe('IST0103 PodMissingProxy', () => {
  test('reports a Pod without istio-proxy in an injected namespace', () => {
    expect(codes('IST0103', [enabled, pod('p', 'shop', app)])).toEqual(['IST0103 Pod shop/p']);
    expect(run('IST0103', [enabled, pod('p', 'shop', app)])[0].message).toContain('no istio-proxy');
  });
  test('accepts injected, opted-out and host-network pods, and ignores templates', () => {
    expect(codes('IST0103', [enabled,
      pod('a', 'shop', [...app, { name: 'istio-proxy', image: 'proxyv2' }]),
      pod('b', 'shop', app, { labels: { 'sidecar.istio.io/inject': 'false' } }),
      pod('c', 'shop', app, {}, { hostNetwork: true }),
      gatewayDeployment('shop')])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0103', [enabled, pod('p', 'shop', app, { annotations: suppress('IST0103') })])).toEqual([]);
  });
});
