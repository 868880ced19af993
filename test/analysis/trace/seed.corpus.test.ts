/** The seed document's payments mesh (DestinationRule, 90/10 VirtualService, STRICT mTLS, the L7 policy), with its workloads. */
import { deployment, ns, service } from './shop';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';
import { seedObjects } from '../../support/seed';

function mesh(): any[] {
  const api = (version: string) => deployment('payments', 'payments-api', { labels: { version }, sa: 'payments-api' });
  return [
    ns('payments'), ns('frontend'), ns('monitoring'),
    api('v1'), api('v2'), service('payments', 'payments-api', 8080, 8080),
    deployment('frontend', 'frontend', { sa: 'frontend-sa' }), deployment('monitoring', 'prometheus'),
    ...seedObjects(),
  ];
}

function trace(from: string, path: string, method = 'GET'): TraceResult {
  return MeshAnalysis.trace(mesh(), { from, url: `http://payments-api.payments:8080${path}`, method });
}

describe('the seed\'s payments mesh', () => {
  test('the frontend reaches payments-api, 90% on v1 and 10% on v2, for GET and POST on /api/payments/*', () => {
    const r = trace('pod:frontend/frontend-sa', '/api/payments/42', 'POST');
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends.map((b) => [b.subset, b.weight])).toEqual([['v1', 90], ['v2', 10]]);
    expect(r.steps.filter((s) => s.step === 'authz').every((s) => s.by === 'AuthorizationPolicy payments/payments-api-policy')).toBe(true);
  });

  test('everything the policy does not list is denied: DELETE, other paths, other callers', () => {
    expect(trace('pod:frontend/frontend-sa', '/api/payments/42', 'DELETE')).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(trace('pod:frontend/frontend-sa', '/metrics').outcome).toBe(TraceOutcome.DENIED);
    expect(trace('pod:monitoring/prometheus', '/metrics').outcome).toBe(TraceOutcome.DELIVERED);
    expect(trace('pod:monitoring/prometheus', '/api/payments/42').outcome).toBe(TraceOutcome.DENIED);
  });

  test('STRICT mTLS resets a client without sidecar', () => {
    expect(trace('plain:frontend', '/api/payments/42')).toMatchObject({ outcome: TraceOutcome.RESET, status: undefined });
  });
});
