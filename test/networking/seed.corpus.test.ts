import { Chart, Duration, Testing } from 'cdk8s';
import { Destination, DestinationRule, RetryCondition, RetryOn, VirtualService } from '../../lib';
import { seedObject } from '../support/seed';

describe('the seed payments-api traffic management', () => {
  const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });

  const metadata = { name: 'payments-api' };
  new DestinationRule(chart, 'dr', {
    metadata,
    host: 'payments-api',
    subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
  });
  new VirtualService(chart, 'vs', {
    metadata,
    hosts: ['payments-api'],
    http: [{
      route: [Destination.to('payments-api', { subset: 'v1', weight: 90 }), Destination.to('payments-api', { subset: 'v2', weight: 10 })],
      retries: {
        attempts: 3,
        perTryTimeout: Duration.seconds(2),
        retryOn: RetryOn.of(RetryCondition.FIVE_XX, RetryCondition.RESET, RetryCondition.CONNECT_FAILURE),
      },
    }],
  });
  const synthesized = Testing.synth(chart);

  test.each(['DestinationRule', 'VirtualService'])('its %s equals the seed YAML', (kind) => {
    const ours = synthesized.find((o: any) => o.kind === kind && o.metadata.name === 'payments-api');
    expect(ours).toEqual(seedObject(kind, 'payments-api'));
  });
});
