import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AuthorizationAction, AuthorizationPolicy, HttpMethod, Identity, PeerAuthentication, WorkloadSelector } from '../../lib';
import { findObject, seedObjects } from '../support/seed';

describe('the seed\'s security objects', () => {
  const seed = seedObjects();

  test('its PeerAuthentication default (STRICT in payments) is one line', () => {
    const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    new PeerAuthentication(chart, 'default', { metadata: { name: 'default' } });
    expect(findObject(Testing.synth(chart), 'PeerAuthentication', 'default')).toEqual(findObject(seed, 'PeerAuthentication', 'default'));
  });

  test('its AuthorizationPolicy payments-api-policy is built from identities', () => {
    const app = Testing.app();
    const frontend = new kplus.ServiceAccount(new Chart(app, 'frontend', { namespace: 'frontend' }), 'sa', { metadata: { name: 'frontend-sa' } });
    const chart = new Chart(app, 'payments', { namespace: 'payments' });

    const policy = new AuthorizationPolicy(chart, 'payments-api-policy', {
      metadata: { name: 'payments-api-policy' },
      selector: WorkloadSelector.labels({ app: 'payments-api' }),
      action: AuthorizationAction.ALLOW,
    });
    policy.addRule({
      from: [{ principals: [Identity.fromServiceAccount(frontend)] }],
      to: [{ methods: [HttpMethod.GET, HttpMethod.POST], paths: ['/api/payments/*'] }],
    });
    policy.addRule({
      from: [{ principals: [Identity.fromNames('monitoring', 'prometheus')] }],
      to: [{ methods: [HttpMethod.GET], paths: ['/metrics'] }],
    });

    expect(findObject(Testing.synth(chart), 'AuthorizationPolicy', 'payments-api-policy')).toEqual(findObject(seed, 'AuthorizationPolicy', 'payments-api-policy'));
    expect(policy.node.validate()).toEqual([]);
  });
});
