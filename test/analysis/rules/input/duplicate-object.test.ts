import { MeshAnalysis, SUPPRESS_ANNOTATION } from '../../../../lib/analysis';

const svc = (name: string, port: string, extra: any = {}) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop', ...extra }, spec: { selector: { app: name }, ports: [{ name: port, port: 80 }] },
});

describe('CI0010 ObjectReplacedByLaterManifest', () => {
  test('keeps the last manifest of one identity, analyses only it, and reports the replacement at info level', () => {
    const report = MeshAnalysis.analyze([svc('reviews', 'web'), svc('reviews', 'http')], { sources: ['a.yaml', 'b.yaml'] });
    // The first Service (port name 'web', IST0118) is replaced by the second (port 'http'): no IST0118.
    expect(report.active.map((f) => `${f.level} ${f.code} ${f.resource} ${f.source}`)).toEqual(['info CI0010 Service shop/reviews b.yaml']);
    expect(report.active[0].message).toContain('replaces the manifest with the same identity in a.yaml');
  });

  test('reports each replaced manifest once, and the last one wins', () => {
    const report = MeshAnalysis.analyze([svc('r', 'http'), svc('r', 'http'), svc('r', 'web')], { sources: ['1.yaml', '2.yaml', '3.yaml'] });
    expect(report.active.filter((f) => f.code === 'CI0010')).toHaveLength(2);
    expect(report.active.filter((f) => f.code === 'IST0118').map((f) => f.source)).toEqual(['3.yaml']);
  });

  test('objects of one kind name in different API groups, namespaces or names are different objects', () => {
    const istioGateway = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'shop' }, spec: {} };
    const k8sGateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'shop' }, spec: {} };
    const other = { ...svc('reviews', 'http'), metadata: { name: 'reviews', namespace: 'other' } };
    const codes = MeshAnalysis.analyze([istioGateway, k8sGateway, svc('reviews', 'http'), other, svc('ratings', 'http')]).active.map((f) => f.code);
    expect(codes).not.toContain('CI0010');
  });

  test('a manifest without namespace and one in the default namespace are one object', () => {
    const bare = { ...svc('api', 'http'), metadata: { name: 'api' } };
    const explicit = { ...svc('api', 'http'), metadata: { name: 'api', namespace: 'shop' } };
    expect(MeshAnalysis.analyze([bare, explicit], { defaultNamespace: 'shop' }).active.map((f) => f.code)).toEqual(['CI0010']);
  });

  test('is suppressed by an annotation with a reason', () => {
    const later = svc('reviews', 'http', { annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify([{ id: 'CI0010', reason: 'variants of one sample, applied one at a time' }]) } });
    expect(MeshAnalysis.analyze([svc('reviews', 'http'), later]).active).toEqual([]);
  });
});
