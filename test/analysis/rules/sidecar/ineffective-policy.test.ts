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
