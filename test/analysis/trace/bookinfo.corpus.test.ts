/**
 * Istio's Bookinfo sample with its traffic-management tasks (https://istio.io/latest/docs/tasks/traffic-management/):
 * request routing, fault injection, traffic shifting and the ingress gateway, traced over the sample's own YAML.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';
import { corpusPath } from '../../support/corpus';

function sample(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(corpusPath('istio', 'samples', 'bookinfo', file), 'utf8')).map((d) => d.toJS()).filter((o) => o);
}

const APP = [...sample('platform/kube/bookinfo.yaml'), ...sample('networking/destination-rule-all.yaml')];
const PRODUCTPAGE = 'pod:default/bookinfo-productpage';
const REVIEWS = 'reviews.default.svc.cluster.local';

function trace(task: string[], from: string, url: string, headers?: Record<string, string>): TraceResult {
  return MeshAnalysis.trace([...APP, ...task.flatMap((f) => sample(`networking/${f}`))], { from, url, headers });
}

describe('Bookinfo (Istio samples)', () => {
  test('request routing by user identity: jason to reviews v2, everyone else to v3', () => {
    const jason = trace(['virtual-service-reviews-jason-v2-v3.yaml'], PRODUCTPAGE, 'http://reviews:9080/reviews/0', { 'end-user': 'jason' });
    expect(jason.outcome).toBe(TraceOutcome.DELIVERED);
    expect(jason.backends).toEqual([{ host: REVIEWS, subset: 'v2', weight: 100 }]);
    const others = trace(['virtual-service-reviews-jason-v2-v3.yaml'], PRODUCTPAGE, 'http://reviews:9080/reviews/0', { 'end-user': 'alice' });
    expect(others.backends).toEqual([{ host: REVIEWS, subset: 'v3', weight: 100 }]);
    expect(others.steps.find((s) => s.step === 'destination-rule')?.by).toBe('DestinationRule default/reviews');
  });

  test('traffic shifting: 90/10 and 50/50 between versions, all-v1 to v1 only', () => {
    expect(trace(['virtual-service-reviews-90-10.yaml'], PRODUCTPAGE, 'http://reviews:9080/reviews/0').backends).toEqual([
      { host: REVIEWS, subset: 'v1', weight: 90 }, { host: REVIEWS, subset: 'v2', weight: 10 },
    ]);
    expect(trace(['virtual-service-reviews-50-v3.yaml'], PRODUCTPAGE, 'http://reviews:9080/reviews/0').backends.map((b) => [b.subset, b.weight]))
      .toEqual([['v1', 50], ['v3', 50]]);
    const allV1 = ['virtual-service-all-v1.yaml'];
    expect(trace(allV1, PRODUCTPAGE, 'http://reviews:9080/reviews/0').backends).toEqual([{ host: REVIEWS, subset: 'v1', weight: 100 }]);
    expect(trace(allV1, 'pod:default/bookinfo-reviews?version=v2', 'http://ratings:9080/ratings/0').backends[0].subset).toBe('v1');
  });

  test('fault injection: jason\'s ratings calls abort with 500, others reach ratings v1', () => {
    const task = ['virtual-service-all-v1.yaml', 'virtual-service-reviews-test-v2.yaml', 'virtual-service-ratings-test-abort.yaml'];
    const jason = trace(task, 'pod:default/bookinfo-reviews?version=v2', 'http://ratings:9080/ratings/0', { 'end-user': 'jason' });
    expect(jason).toMatchObject({ outcome: TraceOutcome.ABORTED, status: 500, backends: [] });
    const others = trace(task, 'pod:default/bookinfo-reviews?version=v2', 'http://ratings:9080/ratings/0');
    expect(others.outcome).toBe(TraceOutcome.DELIVERED);
    expect(others.backends).toEqual([{ host: 'ratings.default.svc.cluster.local', subset: 'v1', weight: 100 }]);
    // fault-injection-details-v1 aborts every details call with 555.
    expect(trace(['fault-injection-details-v1.yaml'], PRODUCTPAGE, 'http://details:9080/details/0')).toMatchObject({ outcome: TraceOutcome.ABORTED, status: 555 });
  });

  test('ingress: the bookinfo Gateway (pod port 8080 behind the default ingress Service port 80) routes /productpage and nothing else', () => {
    const gateway = 'gateway:istio-system/istio-ingressgateway?istio=ingressgateway';
    const page = trace(['bookinfo-gateway.yaml'], gateway, 'http://bookinfo.example.com/productpage');
    expect(page.outcome).toBe(TraceOutcome.DELIVERED);
    expect(page.backends).toEqual([{ host: 'productpage.default.svc.cluster.local', subset: undefined, weight: 100 }]);
    expect(trace(['bookinfo-gateway.yaml'], gateway, 'http://bookinfo.example.com/admin')).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 404 });
    expect(trace(['bookinfo-gateway.yaml'], gateway, 'http://bookinfo.example.com:9000/productpage').outcome).toBe(TraceOutcome.RESET);
  });

  test('mTLS: with destination-rule-all-mtls and a STRICT mesh, sidecars deliver and a plaintext client is reset', () => {
    const strict = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } };
    const mesh = [...sample('platform/kube/bookinfo.yaml'), ...sample('networking/destination-rule-all-mtls.yaml'), strict];
    expect(MeshAnalysis.trace(mesh, { from: PRODUCTPAGE, url: 'http://details:9080/details/0' }).outcome).toBe(TraceOutcome.DELIVERED);
    const plain = MeshAnalysis.trace(mesh, { from: 'plain:default', url: 'http://details:9080/details/0' });
    expect(plain.outcome).toBe(TraceOutcome.RESET);
    expect(plain.steps.find((s) => s.step === 'peer-authentication')?.by).toBe('PeerAuthentication istio-system/default');
  });
});
