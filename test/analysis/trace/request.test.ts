import { deployment, istio, ns, service, shop } from './shop';
import { MeshAnalysis, TraceOutcome } from '../../../lib';

describe('MeshAnalysis.trace: the request', () => {
  test('throws on a bad SOURCE or URL, naming the value and the expected form', () => {
    const t = (from: any, url: any) => () => MeshAnalysis.trace(shop(), { from, url });
    expect(t('web/frontend', 'http://cart.shop/')).toThrow(/'from' must start with pod:, plain: or gateway: \(received: "web\/frontend"\)\. Use `pod:<namespace>/);
    expect(t('pod:web/front/end', 'http://cart.shop/')).toThrow(/<namespace>\/<serviceaccount>/);
    expect(t('gateway:istio-system/istio-ingressgateway', 'http://cart.shop/')).toThrow(/selector labels after `\?`/);
    expect(t('pod:web/frontend?app', 'http://cart.shop/')).toThrow(/label without `=`/);
    expect(t('pod:web/frontend', 'ftp://cart.shop/')).toThrow(/'url' is not an http or https URL \(received: "ftp:\/\/cart.shop\/"\)\. Use http\(s\):\/\/host\[:port\]\/path/);
    expect(t('pod:web/frontend', 'http://cart.shop:70000/')).toThrow(/outside 1..65535/);
    // From plain JavaScript, where TypeScript would stop it.
    expect(t(undefined, 'http://cart.shop/')).toThrow(/'from' must be a string/);
    expect(t('plain:web', 42)).toThrow(/'url' must be a string/);
  });

  test('the labels of a pod: source pick the workload, which sourceLabels routes match', () => {
    const mesh = [
      ns('shop'), service('shop', 'cart'), deployment('shop', 'cart'),
      deployment('shop', 'reviews', { labels: { version: 'v1' }, sa: 'reviews' }),
      deployment('shop', 'reviews', { labels: { version: 'v2' }, sa: 'reviews' }),
      istio('VirtualService', 'shop', 'cart', { hosts: ['cart'], http: [{ match: [{ sourceLabels: { version: 'v2' } }], directResponse: { status: 204 } }, { route: [{ destination: { host: 'cart' } }] }] }),
    ];
    const v1 = MeshAnalysis.trace(mesh, { from: 'pod:shop/reviews?version=v1', url: 'http://cart/' });
    expect(v1.outcome).toBe(TraceOutcome.DELIVERED);
    expect(v1.steps[0].by).toBe('Deployment shop/reviews-v1');
    expect(MeshAnalysis.trace(mesh, { from: 'pod:shop/reviews?version=v2', url: 'http://cart/' })).toMatchObject({ outcome: TraceOutcome.DIRECT_RESPONSE, status: 204 });
  });

  test('a pod: source whose workload or Namespace runs no Istio proxy sends plaintext without identity', () => {
    const mesh = [...shop(), ns('legacy', {}), deployment('legacy', 'old')];
    const r = MeshAnalysis.trace(mesh, { from: 'pod:legacy/old', url: 'http://cart.shop/' });
    expect(r.outcome).toBe(TraceOutcome.RESET);
    expect(r.steps[0]).toMatchObject({ step: 'source', by: 'Deployment legacy/old' });
    expect(r.steps[0].decision).toContain('runs no Istio proxy');
    expect(MeshAnalysis.trace(mesh, { from: 'pod:legacy/unknown', url: 'http://cart.shop/' }).steps[0].by).toBe('Namespace legacy');
  });

  test('one model traces many requests (_traceAll) with the same answers as trace', () => {
    const requests = [
      { from: 'pod:web/frontend', url: 'http://cart.shop/' },
      { from: 'plain:web', url: 'http://cart.shop/' },
      { from: 'pod:shop/cart', url: 'http://cart.shop/', method: 'DELETE' },
    ];
    const all = MeshAnalysis._traceAll(shop(), requests);
    expect(all.map((r) => r.outcome)).toEqual([TraceOutcome.DELIVERED, TraceOutcome.RESET, TraceOutcome.DENIED]);
    expect(all).toEqual(requests.map((r) => MeshAnalysis.trace(shop(), r)));
  });
});
