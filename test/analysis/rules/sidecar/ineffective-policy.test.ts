import { codes, pod, run, sidecar, suppress } from './_fixtures';

const ambientNs = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'amb', labels: { 'istio.io/dataplane-mode': 'ambient' } } };
const ambientPod = pod('shop', { app: 'a' }, { 'ambient.istio.io/redirection': 'enabled' });

describe('IST0167 IneffectivePolicy (Sidecar)', () => {
  test('reports a Sidecar that selects an ambient workload', () => {
    expect(codes('IST0167', [ambientPod, sidecar('s', 'shop', { app: 'a' })])).toEqual(['IST0167 Sidecar shop/s']);
    expect(run('IST0167', [ambientPod, sidecar('s', 'shop', { app: 'a' })])[0].message).toContain('ambient');
  });
  test('reports a selector-less Sidecar in an ambient namespace', () => {
    expect(codes('IST0167', [ambientNs, sidecar('d', 'amb')])).toEqual(['IST0167 Sidecar amb/d']);
  });
  test('accepts Sidecars for sidecar workloads', () => {
    expect(codes('IST0167', [pod('shop', { app: 'a' }), sidecar('s', 'shop', { app: 'a' }), sidecar('d', 'shop')])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0167', [ambientPod, sidecar('s', 'shop', { app: 'a' }, suppress('IST0167'))])).toEqual([]);
  });
});

describe('IST0167 IneffectivePolicy (Sidecar) on pod templates', () => {
  const deployment = (ns: string, podLabels: Record<string, string>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: ns },
    spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a', ...podLabels } }, spec: { containers: [{ name: 'app', image: 'app:1' }] } } },
  });
  test('reports a Sidecar selecting a pod template in an ambient namespace, not as a selector conflict', () => {
    const m = [ambientNs, deployment('amb', {}), sidecar('s1', 'amb', { app: 'a' }), sidecar('s2', 'amb', { app: 'a' })];
    expect(codes('IST0167', m)).toEqual(['IST0167 Sidecar amb/s1', 'IST0167 Sidecar amb/s2']);
    expect(run('IST0167', m)[0].message).toContain('The policy has no impact: selected workload Deployment api is in ambient mode');
    expect(codes('IST0110', m)).toEqual([]);
  });
  test('reports a Sidecar selecting a pod template labelled istio.io/dataplane-mode=ambient', () => {
    expect(codes('IST0167', [deployment('shop', { 'istio.io/dataplane-mode': 'ambient' }), sidecar('s', 'shop', { app: 'a' })])).toEqual(['IST0167 Sidecar shop/s']);
  });
  test('accepts a pod template that opts out of ambient or runs a sidecar', () => {
    expect(codes('IST0167', [ambientNs, deployment('amb', { 'istio.io/dataplane-mode': 'none' }), sidecar('s', 'amb', { app: 'a' })])).toEqual([]);
    expect(codes('IST0167', [ambientNs, deployment('amb', { 'sidecar.istio.io/inject': 'true' }), sidecar('s', 'amb', { app: 'a' })])).toEqual([]);
  });
});
