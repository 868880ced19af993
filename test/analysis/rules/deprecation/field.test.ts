import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const meta = (name: string, annotations?: any) => ({ name, namespace: 'shop', ...(annotations ? { annotations } : {}) });
const vs = (delay: any, annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: meta('vs', annotations),
  spec: { hosts: ['a'], http: [{ fault: { delay }, route: [{ destination: { host: 'a' } }] }] },
});
const sidecar = (otp: any) => ({ apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta('sc'), spec: { outboundTrafficPolicy: otp } });
const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'serviceroles.rbac.istio.io' },
  spec: { group: 'rbac.istio.io', names: { kind: 'ServiceRole' } },
};
const run = (m: any[]) => MeshAnalysis.analyze(m, { rules: ['IST0002'] }).active.filter((f) => !f.message.includes('Lightstep'));
const codes = (m: any[]) => run(m).map((f) => `${f.code} ${f.resource}`);

describe('IST0002 Deprecated (fields)', () => {
  test('reports fault.delay.percent', () => {
    expect(codes([vs({ percent: 50, fixedDelay: '1s' })])).toEqual(['IST0002 VirtualService shop/vs']);
    expect(run([vs({ percent: 50, fixedDelay: '1s' })])[0].message).toContain('percentage');
  });
  test('reports Sidecar egressProxy', () => {
    expect(codes([sidecar({ mode: 'ALLOW_ANY', egressProxy: { host: 'e' } })])).toEqual(['IST0002 Sidecar shop/sc']);
  });
  test('reports a removed rbac.istio.io CRD', () => {
    expect(codes([crd])).toEqual(['IST0002 CustomResourceDefinition serviceroles.rbac.istio.io']);
  });
  test('accepts percentage and a plain outbound policy', () => {
    expect(codes([vs({ percentage: { value: 50 }, fixedDelay: '1s' }), sidecar({ mode: 'REGISTRY_ONLY' })])).toEqual([]);
  });
  test('is suppressed by an annotation with a reason', () => {
    expect(codes([vs({ percent: 50 }, { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0002', reason: 'migrating next sprint' }]) })])).toEqual([]);
  });
});
