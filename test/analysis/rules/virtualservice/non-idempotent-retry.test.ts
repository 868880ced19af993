import { findings, messages, suppress, suppressed, vs } from './_fixtures';
import { NON_IDEMPOTENT_RETRY as RULE } from '../../../../lib/analysis/rules/virtualservice/non-idempotent-retry';

const SEED_RETRIES = { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset,connect-failure' };
const route = (extra: any, annotations?: Record<string, string>) => vs('payments-api', {
  hosts: ['payments-api'],
  http: [{ route: [{ destination: { host: 'payments-api' } }], ...extra }],
}, 'payments', annotations);

describe('CI0030 NonIdempotentRetry', () => {
  test('reports the seed\'s retries (5xx, reset) on a route that matches every method', () => {
    const manifests = [route({ retries: SEED_RETRIES })];
    expect(findings(RULE, manifests)).toEqual(['CI0030 VirtualService payments/payments-api']);
    expect(messages(RULE, manifests)[0]).toBe('VirtualService payments/payments-api http[0] retries on \'5xx,reset\' for POST and PATCH requests '
      + '(the route matches every method): a request the service already acted on is sent again.');
  });

  test.each([
    ['an exact POST match', { exact: 'POST' }, 'POST'],
    ['a regex that admits PATCH', { regex: 'PATCH|PUT' }, 'PATCH'],
    ['a prefix that admits POST', { prefix: 'PO' }, 'POST'],
  ])('reports %s', (_, method, reported) => {
    const manifests = [route({ match: [{ method }], retries: { attempts: 2, retryOn: 'gateway-error' } })];
    expect(messages(RULE, manifests)[0]).toContain(`for ${reported} requests (its method match admits them)`);
  });

  test('reports a listed status code and retriable-4xx', () => {
    expect(findings(RULE, [route({ retries: { retryOn: 'retriable-status-codes,503' } })])).toHaveLength(1);
    expect(findings(RULE, [route({ retries: { retryOn: 'retriable-4xx' } })])).toHaveLength(1);
  });

  test('accepts Istio\'s default (no retries), pre-receipt conditions, attempts 0, and 5xx on idempotent methods only', () => {
    expect(findings(RULE, [route({})])).toEqual([]);
    expect(findings(RULE, [route({ retries: { attempts: 3 } })])).toEqual([]);
    expect(findings(RULE, [route({ retries: { attempts: 2, retryOn: 'connect-failure,refused-stream,reset-before-request,unavailable' } })])).toEqual([]);
    expect(findings(RULE, [route({ retries: { attempts: 0, retryOn: '5xx' } })])).toEqual([]);
    expect(findings(RULE, [route({ match: [{ method: { exact: 'GET' } }, { method: { regex: 'PUT|DELETE' } }], retries: SEED_RETRIES })])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [route({ retries: SEED_RETRIES }, suppress('CI0030'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['CI0030 VirtualService payments/payments-api']);
  });
});
