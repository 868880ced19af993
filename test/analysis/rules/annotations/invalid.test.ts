import { codes, deployment, pod, run, suppress } from './_fixtures';

describe('IST0125 InvalidAnnotation', () => {
  test.each([
    ['readiness.status.sidecar.istio.io/initialDelaySeconds', 'bar'],
    ['traffic.sidecar.istio.io/excludeOutboundPorts', '80,http'],
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/33'],
    ['sidecar.istio.io/interceptionMode', 'MAGIC'],
    ['prometheus.istio.io/merge-metrics', 'yes'],
    ['sidecar.istio.io/proxyMemory', 'lots'],
    ['traffic.sidecar.istio.io/excludeInterfaces', '1eth'],
    ['proxy.istio.io/config', '{not json'],
  ])('reports %s=%s', (name, value) => {
    expect(codes('IST0125', [pod({ [name]: value })])).toEqual(['IST0125 Pod shop/p']);
    expect(run('IST0125', [pod({ [name]: value })])[0].message).toContain(name);
  });
  test('reports a bad value on a pod template', () => {
    expect(codes('IST0125', [deployment({}, { 'status.sidecar.istio.io/port': '70000' })])).toEqual(['IST0125 Deployment shop/d']);
  });
  test('accepts well-formed values', () => {
    expect(codes('IST0125', [pod({
      'readiness.status.sidecar.istio.io/periodSeconds': '10',
      'traffic.sidecar.istio.io/includeInboundPorts': '*',
      'traffic.sidecar.istio.io/excludeOutboundIPRanges': '10.0.0.0/8,fd00::/8',
      'sidecar.istio.io/proxyCPU': '500m',
      'prometheus.istio.io/merge-metrics': 'false',
      'proxy.istio.io/config': '{}',
    })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes('IST0125', [pod({ 'readiness.status.sidecar.istio.io/initialDelaySeconds': 'bar', ...suppress('IST0125') })])).toEqual([]);
  });
});
