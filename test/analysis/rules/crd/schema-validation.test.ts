import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const vs = (http: any, annotations?: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo', ...(annotations ? { annotations } : {}) },
  spec: { hosts: ['reviews'], http },
});
const findings = (manifests: any[]) => MeshAnalysis.analyze(manifests, { rules: ['IST0106'] }).active;

describe('IST0106 SchemaValidationError', () => {
  test('reports a type error with its path', () => {
    const [f] = findings([vs([{ route: [{ destination: { host: 'reviews' }, weight: '90' }] }])]);
    expect(f).toMatchObject({ code: 'IST0106', resource: 'VirtualService bookinfo/reviews' });
    expect(f.message).toContain('/spec/http/0/route/0/weight: must be integer (received: "90")');
  });

  test('reports a broken CEL rule with the rule\'s message', () => {
    const [f] = findings([vs([{ timeout: '0.1ms', route: [{ destination: { host: 'reviews' } }] }])]);
    expect(f.message).toContain('must be a valid duration greater than 1ms');
  });

  test('reports an unknown field', () => {
    const [f] = findings([vs([{ routes: [] }])]);
    expect(f.message).toContain("has unknown field 'routes'");
  });

  test('reports a version no CRD serves', () => {
    const [f] = findings([{ apiVersion: 'gateway.networking.k8s.io/v1alpha9', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: {} }]);
    expect(f.message).toContain("no CRD serves apiVersion 'gateway.networking.k8s.io/v1alpha9' kind 'HTTPRoute'");
  });

  test('leaves kinds of the Gateway API experimental channel to CI0011', () => {
    expect(findings([{ apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 'tcp' }, spec: {} }])).toEqual([]);
  });

  test('accepts a valid object and leaves other API groups alone', () => {
    expect(findings([vs([{ route: [{ destination: { host: 'reviews' }, weight: 100 }] }]), { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'X_Y' } }])).toEqual([]);
  });

  test('cannot be suppressed: the API server would reject the object anyway', () => {
    const annotations = { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'IST0106', reason: 'we know better than the API server' }]) };
    expect(findings([vs([{ routes: [] }], annotations)]).map((f) => f.code)).toEqual(['IST0106']);
  });
});
