import { Chart, Duration } from 'cdk8s';
import { HttpMethod, Identity, MeshPeer, MeshService, Protocol, RetryCondition, RetryOn, RetryPolicy } from '../../lib';

/** The seed's retry block (3 attempts, 2s per try, on 5xx,reset,connect-failure), which the patterns emit only when asked. */
export const SEED_RETRIES: RetryPolicy = {
  attempts: 3,
  perTryTimeout: Duration.seconds(2),
  retryOn: RetryOn.of(RetryCondition.FIVE_XX, RetryCondition.RESET, RetryCondition.CONNECT_FAILURE),
};

/** The message of the error `fn` throws; fails the test when it throws none. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** The seed's payments-api in a chart: one MeshService with the seed's retries, and five calls (v2, the 90/10 split, two ALLOW rules). */
export function seedPaymentsApi(chart: Chart): MeshService {
  const api = new MeshService(chart, 'payments-api', {
    image: 'registry.example.com/payments-api:1.4.2',
    ports: [{ number: 8080, protocol: Protocol.HTTP }],
    retries: SEED_RETRIES,
  });
  api.addVersion('v2', 'registry.example.com/payments-api:1.5.0');
  api.splitTraffic({ v1: 90, v2: 10 });
  api.allowFrom(MeshPeer.identity(Identity.fromNames('frontend', 'frontend-sa')), { methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/payments/*'] });
  api.allowFrom(MeshPeer.identity(Identity.fromNames('monitoring', 'prometheus')), { methods: [HttpMethod.GET], paths: ['/metrics'] });
  return api;
}
