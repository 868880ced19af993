import { Testing } from 'cdk8s';
import { PaymentsMesh } from '../../examples/payments-mesh/main';
import { AnalysisLevel, MeshAnalysis } from '../../lib';
import { findObject, seedObjects } from '../support/seed';

describe('examples/payments-mesh', () => {
  const chart = new PaymentsMesh(Testing.app(), 'payments-mesh');
  const synthesized = Testing.synth(chart);
  const seed = seedObjects();

  test.each([
    ['DestinationRule', 'payments-api'],
    ['VirtualService', 'payments-api'],
    ['PeerAuthentication', 'default'],
    ['AuthorizationPolicy', 'payments-api-policy'],
  ])('its %s %s equals the seed YAML', (kind, name) => {
    expect(findObject(synthesized, kind, name)).toEqual(findObject(seed, kind, name));
  });

  test('labels both versions for their subsets and selects only on app in the Service', () => {
    const v1 = findObject(synthesized, 'Deployment', 'payments-api-v1');
    const v2 = findObject(synthesized, 'Deployment', 'payments-api-v2');
    expect(v1.spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v1' });
    expect(v2.spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v2' });
    expect(v1.spec.replicas).toBe(2);
    expect(v1.spec.template.spec.serviceAccountName).toBe('payments-api');
    expect(findObject(synthesized, 'Service', 'payments-api').spec.selector).toEqual({ app: 'payments-api' });
  });

  test('labels the namespace for sidecar injection and denies what is not allowed', () => {
    expect(findObject(synthesized, 'Namespace', 'payments').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    expect(findObject(synthesized, 'AuthorizationPolicy', 'allow-nothing').spec).toEqual({});
  });

  test('passes the mesh analysis without errors or warnings', () => {
    const report = MeshAnalysis.analyze(synthesized);
    expect(report.active.filter((f) => f.level !== AnalysisLevel.INFO).map((f) => `${f.code} ${f.resource}: ${f.message}`)).toEqual([]);
  });
});
