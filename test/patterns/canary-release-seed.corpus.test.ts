import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { SEED_RETRIES } from './_util';
import { CanaryRelease, CanaryReleaseProps, CanaryVersion, Protocol } from '../../lib';
import { corpusPath } from '../support/corpus';
import { findObject, seedObjects } from '../support/seed';

/** The seed's payments-api released as one CanaryRelease, at the state a pipeline set. */
function paymentsApi(state: Partial<CanaryReleaseProps>): { release: CanaryRelease; manifests: any[] } {
  const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  const release = new CanaryRelease(chart, 'payments-api', {
    ports: [{ number: 8080, protocol: Protocol.HTTP }],
    stable: CanaryVersion.fromImage('v1', 'registry.example.com/payments-api:1.4.2'),
    canary: CanaryVersion.fromImage('v2', 'registry.example.com/payments-api:1.5.0'),
    retries: SEED_RETRIES,
    ...state,
  });
  return { release, manifests: Testing.synth(chart) };
}

/** The `(v1 weight, v2 weight)` pairs of the VirtualService's only route. */
function weights(manifests: any[]): Array<[string, number]> {
  const http = findObject(manifests, 'VirtualService', 'payments-api').spec.http;
  expect(http).toHaveLength(1);
  return http[0].route.map((d: any) => [d.destination.subset, d.weight]);
}

describe('CanaryRelease', () => {
  const seed = seedObjects();

  describe('walks the seed\'s canary workflow', () => {
    test('1-2. deploys v2 beside v1, with a DestinationRule subset for both: the seed\'s DestinationRule exactly', () => {
      const { manifests } = paymentsApi({});
      expect(findObject(manifests, 'Deployment', 'payments-api-v1').spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v1' });
      expect(findObject(manifests, 'Deployment', 'payments-api-v2').spec.template.metadata.labels).toMatchObject({ app: 'payments-api', version: 'v2' });
      expect(findObject(manifests, 'Service', 'payments-api').spec.selector).toEqual({ app: 'payments-api' });
      expect(findObject(manifests, 'DestinationRule', 'payments-api')).toEqual(findObject(seed, 'DestinationRule', 'payments-api'));
      expect(weights(manifests)).toEqual([['v1', 100], ['v2', 0]]);
    });

    test.each([
      [0, 95, 5],
      [1, 80, 20],
      [2, 50, 50],
      [3, 0, 100],
    ])('3. currentStep %d shifts the weights to %d/%d', (currentStep, v1, v2) => {
      const { release, manifests } = paymentsApi({ currentStep });
      expect(weights(manifests)).toEqual([['v1', v1], ['v2', v2]]);
      expect(findObject(manifests, 'DestinationRule', 'payments-api')).toEqual(findObject(seed, 'DestinationRule', 'payments-api'));
      expect(release.plan().steps[currentStep].current).toBe(true);
    });

    test('3. the 50/50 step is the route of the seed\'s kubectl patch', () => {
      const { manifests } = paymentsApi({ currentStep: 2 });
      const text = fs.readFileSync(corpusPath('seed', 'istio-service-mesh.md'), 'utf8');
      const patch = YAML.parse(/kubectl patch virtualservice payments-api -n payments --type merge -p '\n([\s\S]*?)'/.exec(text)![1]);
      const route = findObject(manifests, 'VirtualService', 'payments-api').spec.http[0].route;
      expect(route).toEqual(patch.spec.http[0].route);
    });

    test('at canaryWeight 10 the VirtualService equals the seed\'s payments-api (90/10, retries) exactly', () => {
      const { manifests } = paymentsApi({ canaryWeight: 10 });
      expect(findObject(manifests, 'VirtualService', 'payments-api')).toEqual(findObject(seed, 'VirtualService', 'payments-api'));
    });

    test('4. the gates measure each version\'s error rate from Istio\'s metrics; rolling back shifts every request to v1', () => {
      const { release } = paymentsApi({ currentStep: 1 });
      expect(release.plan().gates.canaryErrorRate).toContain('destination_service_name="payments-api",destination_version="v2"');
      expect(release.plan().rollback.set).toBe('canaryWeight: 0');
      expect(weights(paymentsApi({ canaryWeight: 0 }).manifests)).toEqual([['v1', 100], ['v2', 0]]);
    });
  });
});
