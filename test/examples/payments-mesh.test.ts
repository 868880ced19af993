import { Testing } from 'cdk8s';
import { PaymentsMesh, PaymentsNamespace } from '../../examples/payments-mesh/main';
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
    expect(v1.spec.template.spec.serviceAccountName).toBe('payments-api');
    expect(findObject(synthesized, 'Service', 'payments-api').spec.selector).toEqual({ app: 'payments-api' });
  });

  test('labels the namespace for sidecar injection, without a namespace of its own', () => {
    const [ns] = Testing.synth(new PaymentsNamespace(Testing.app(), 'ns'));
    expect(ns.metadata).toEqual({ name: 'payments', labels: { 'istio-injection': 'enabled' } });
  });
});
