import { Chart } from 'cdk8s';
import { HttpMethod, Identity, MeshService, Protocol } from '../../lib';

/** The message of the error `fn` throws; fails the test when it throws none. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** The seed's payments-api in a chart: one MeshService and five calls (v2, the 90/10 split, two ALLOW rules). */
export function seedPaymentsApi(chart: Chart): MeshService {
  const api = new MeshService(chart, 'payments-api', {
    image: 'registry.example.com/payments-api:1.4.2',
    ports: [{ number: 8080, protocol: Protocol.HTTP }],
  });
  api.addVersion('v2', 'registry.example.com/payments-api:1.5.0');
  api.splitTraffic({ v1: 90, v2: 10 });
  api.allowFrom(Identity.fromNames('frontend', 'frontend-sa'), { methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/payments/*'] });
  api.allowFrom(Identity.fromNames('monitoring', 'prometheus'), { methods: [HttpMethod.GET], paths: ['/metrics'] });
  return api;
}
