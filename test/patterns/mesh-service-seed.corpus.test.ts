import { Chart, Testing } from 'cdk8s';
import { seedPaymentsApi } from './_util';
import { findObject, seedObjects } from '../support/seed';

/** The seed's payments-api, written as one MeshService and five calls. */
function paymentsApi(): any[] {
  const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  seedPaymentsApi(chart);
  return Testing.synth(chart);
}

describe('MeshService', () => {
  const synthesized = paymentsApi();
  const seed = seedObjects();

  test.each([
    ['DestinationRule', 'payments-api'],
    ['VirtualService', 'payments-api'],
    ['AuthorizationPolicy', 'payments-api-policy'],
  ])('reproduces the seed\'s %s %s exactly', (kind, name) => {
    expect(findObject(synthesized, kind, name)).toEqual(findObject(seed, kind, name));
  });

  test('runs the seed\'s two versions as Deployments whose pods carry version v1 and v2', () => {
    expect(findObject(synthesized, 'Deployment', 'payments-api-v1').spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v1' });
    expect(findObject(synthesized, 'Deployment', 'payments-api-v2').spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v2' });
  });

  test('puts every object of the seed example in the payments namespace', () => {
    const namespaced = synthesized.filter((o) => o.kind !== 'Namespace');
    expect(namespaced.map((o) => o.metadata.namespace)).toEqual(namespaced.map(() => 'payments'));
  });
});
