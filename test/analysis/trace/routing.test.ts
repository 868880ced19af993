import { deployment, istio, ns, service } from './shop';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';

/** reviews v1/v2/v3 in `shop`, called by web/frontend; no policy. */
function reviews(...extra: any[]): any[] {
  return [
    ns('web'), ns('shop'), deployment('web', 'frontend'),
    deployment('shop', 'reviews', { labels: { version: 'v1' }, sa: 'reviews' }),
    deployment('shop', 'reviews', { labels: { version: 'v2' }, sa: 'reviews' }),
    deployment('shop', 'reviews', { labels: { version: 'v3' }, sa: 'reviews' }),
    service('shop', 'reviews'),
    istio('DestinationRule', 'shop', 'reviews', { host: 'reviews', subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })) }),
    ...extra,
  ];
}

function vs(http: any[], more: any = {}): any {
  return istio('VirtualService', 'shop', 'reviews', { hosts: ['reviews'], http, ...more });
}

const to = (subset: string, weight?: number) => ({ destination: { host: 'reviews', subset }, ...(weight === undefined ? {} : { weight }) });

function trace(manifests: any[], url = 'http://reviews.shop/reviews/1', extra: { method?: string; headers?: Record<string, string>; from?: string } = {}): TraceResult {
  return MeshAnalysis.trace(manifests, { from: extra.from ?? 'pod:web/frontend', url, method: extra.method, headers: extra.headers });
}

describe('MeshAnalysis.trace: routing', () => {
  test('matches rules in order on headers: a header sends one user to v2, everyone else to v3', () => {
    const mesh = reviews(vs([{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [to('v2')] }, { route: [to('v3')] }]));
    const jason = trace(mesh, undefined, { headers: { 'End-User': 'jason' } });
    expect(jason.outcome).toBe(TraceOutcome.DELIVERED);
    expect(jason.backends).toEqual([{ host: 'reviews.shop.svc.cluster.local', subset: 'v2', weight: 100 }]);
    expect(jason.steps.find((s) => s.step === 'route')).toMatchObject({ by: 'VirtualService shop/reviews' });
    expect(jason.steps.find((s) => s.step === 'destination-rule')).toMatchObject({ by: 'DestinationRule shop/reviews' });
    expect(trace(mesh).backends).toEqual([{ host: 'reviews.shop.svc.cluster.local', subset: 'v3', weight: 100 }]);
  });

  test('weights split requests into percentages', () => {
    const r = trace(reviews(vs([{ route: [to('v1', 90), to('v2', 10)] }])));
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends).toEqual([
      { host: 'reviews.shop.svc.cluster.local', subset: 'v1', weight: 90 },
      { host: 'reviews.shop.svc.cluster.local', subset: 'v2', weight: 10 },
    ]);
  });

  test('uri exact, prefix and regex, method, port, query, withoutHeaders and ignoreUriCase', () => {
    const rule = (match: any) => reviews(vs([{ match: [match], route: [to('v2')] }]));
    const cases: [any, string, { method?: string; headers?: Record<string, string> }, boolean][] = [
      [{ uri: { exact: '/reviews/1' } }, 'http://reviews.shop/reviews/1', {}, true],
      [{ uri: { exact: '/reviews/1' } }, 'http://reviews.shop/reviews/12', {}, false],
      [{ uri: { prefix: '/reviews' } }, 'http://reviews.shop/reviews/12', {}, true],
      [{ uri: { regex: '/reviews/[0-9]+' } }, 'http://reviews.shop/reviews/12', {}, true],
      [{ uri: { regex: '/reviews' } }, 'http://reviews.shop/reviews/12', {}, false],
      [{ uri: { exact: '/REVIEWS/1' }, ignoreUriCase: true }, 'http://reviews.shop/reviews/1', {}, true],
      [{ method: { exact: 'POST' } }, 'http://reviews.shop/', { method: 'post' }, true],
      [{ method: { exact: 'POST' } }, 'http://reviews.shop/', {}, false],
      [{ port: 80 }, 'http://reviews.shop/', {}, true],
      [{ queryParams: { id: { exact: '7' } } }, 'http://reviews.shop/?id=7', {}, true],
      [{ queryParams: { id: { exact: '7' } } }, 'http://reviews.shop/?id=8', {}, false],
      [{ withoutHeaders: { 'x-canary': {} } }, 'http://reviews.shop/', { headers: { 'x-canary': '1' } }, false],
      [{ headers: { 'x-canary': { prefix: 'y' } } }, 'http://reviews.shop/', { headers: { 'x-canary': 'yes' } }, true],
      [{ sourceLabels: { app: 'frontend' } }, 'http://reviews.shop/', {}, true],
      [{ sourceLabels: { app: 'admin' } }, 'http://reviews.shop/', {}, false],
      [{ sourceNamespace: 'web' }, 'http://reviews.shop/', {}, true],
      [{ sourceNamespace: 'shop' }, 'http://reviews.shop/', {}, false],
    ];
    for (const [match, url, extra, hits] of cases) {
      const r = trace(rule(match), url, extra);
      expect({ match, url, outcome: r.outcome }).toEqual({ match, url, outcome: hits ? TraceOutcome.DELIVERED : TraceOutcome.NO_ROUTE });
      if (!hits) expect(r.status).toBe(404);
    }
  });

  test('redirects with 301 or the redirectCode, answers direct responses', () => {
    expect(trace(reviews(vs([{ redirect: { uri: '/v2' } }])))).toMatchObject({ outcome: TraceOutcome.REDIRECTED, status: 301 });
    expect(trace(reviews(vs([{ redirect: { uri: '/v2', redirectCode: 308 } }])))).toMatchObject({ outcome: TraceOutcome.REDIRECTED, status: 308 });
    const direct = trace(reviews(vs([{ directResponse: { status: 418 } }])));
    expect(direct).toMatchObject({ outcome: TraceOutcome.DIRECT_RESPONSE, status: 418, backends: [] });
  });

  test('a 100% fault abort answers with its status; a partial one is delivered with a step saying the fraction', () => {
    const abort = (percentage?: number) => ({ fault: { abort: { httpStatus: 500, ...(percentage === undefined ? {} : { percentage: { value: percentage } }) } }, route: [to('v1')] });
    expect(trace(reviews(vs([abort()])))).toMatchObject({ outcome: TraceOutcome.ABORTED, status: 500 });
    const partial = trace(reviews(vs([abort(10)])));
    expect(partial.outcome).toBe(TraceOutcome.DELIVERED);
    expect(partial.steps.some((s) => s.decision.includes('aborts 10% of these requests with 500'))).toBe(true);
  });

  test('a mirror is a step, not a backend', () => {
    const r = trace(reviews(vs([{ route: [to('v1')], mirror: { host: 'reviews', subset: 'v2' }, mirrorPercentage: { value: 50 } }])));
    expect(r.backends).toHaveLength(1);
    expect(r.steps.some((s) => s.decision.includes('mirrors 50% of these requests to reviews.shop.svc.cluster.local subset v2'))).toBe(true);
  });

  test('a subset no DestinationRule defines, an unknown host, a missing port or a Service without pods is unavailable (503)', () => {
    const r = trace(reviews(vs([{ route: [to('v9')] }])));
    expect(r).toMatchObject({ outcome: TraceOutcome.UNAVAILABLE, status: 503 });
    const unavailable = { outcome: TraceOutcome.UNAVAILABLE, status: 503 };
    expect(trace(reviews(vs([{ route: [{ destination: { host: 'ratings' } }] }])))).toMatchObject(unavailable);
    expect(trace(reviews(vs([{ route: [{ destination: { host: 'reviews', port: { number: 9080 } } }] }])))).toMatchObject(unavailable);
    const noPods = [ns('web'), ns('shop'), deployment('web', 'frontend'), service('shop', 'reviews')];
    const empty = trace(noPods);
    expect(empty).toMatchObject({ outcome: TraceOutcome.UNAVAILABLE, status: 503 });
    expect(empty.steps[empty.steps.length - 1]).toMatchObject({ by: 'Service shop/reviews' });
  });

  test('the destination step that finds a backend unavailable names its host as data', () => {
    const hostOf = (r: TraceResult) => r.steps.filter((s) => s.step === 'destination').map((s) => s.host);
    expect(hostOf(trace(reviews(vs([{ route: [{ destination: { host: 'ratings' } }] }]))))).toEqual(['ratings.shop.svc.cluster.local']);
    expect(hostOf(trace(reviews(vs([{ route: [{ destination: { host: 'reviews', port: { number: 9080 } } }] }]))))).toEqual(['reviews.shop.svc.cluster.local']);
    expect(hostOf(trace([ns('web'), ns('shop'), deployment('web', 'frontend'), service('shop', 'reviews')]))).toEqual(['reviews.shop.svc.cluster.local']);
    // A delivered request's steps name no unavailable host.
    expect(trace(reviews(vs([{ route: [to('v1')] }]))).steps.filter((s) => s.host !== undefined)).toEqual([]);
  });

  test('when one weighted backend fails, the request is not delivered and the steps say which share fails', () => {
    const r = trace(reviews(vs([{ route: [to('v1', 90), to('v9', 10)] }])));
    expect(r.outcome).toBe(TraceOutcome.UNAVAILABLE);
    expect(r.steps.some((s) => s.decision === '10% of requests go to reviews.shop.svc.cluster.local subset v9')).toBe(true);
  });

  test('a port that is not HTTP is routed by tcp rules; http rules do not apply to it', () => {
    const tcp = reviews(vs([{ route: [to('v2')] }], { tcp: [{ match: [{ port: 80 }], route: [to('v1', 70), to('v3', 30)] }] }))
      .map((o) => (o.kind === 'Service' ? service('shop', 'reviews', 80, 8080, 'tcp') : o));
    const r = trace(tcp);
    expect(r.backends.map((b) => [b.subset, b.weight])).toEqual([['v1', 70], ['v3', 30]]);
    expect(r.steps.find((s) => s.step === 'route')?.decision).toContain('port 80 is not HTTP: tcp[0] routes to');
  });

  test('a VirtualService bound only to a gateway, or exported elsewhere, does not route mesh traffic', () => {
    const gwOnly = vs([{ route: [to('v2')] }], { gateways: ['shop-gw'] });
    expect(trace(reviews(gwOnly)).backends).toEqual([{ host: 'reviews.shop.svc.cluster.local', subset: undefined, weight: 100 }]);
    const withMesh = vs([{ route: [to('v2')] }], { gateways: ['shop-gw', 'mesh'] });
    expect(trace(reviews(withMesh)).backends[0].subset).toBe('v2');
    const hidden = vs([{ route: [to('v2')] }], { exportTo: ['.'] });
    expect(trace(reviews(hidden)).backends[0].subset).toBeUndefined();
  });
});
