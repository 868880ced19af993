/**
 * Rebuilds Istio's Gateway API samples (bookinfo/gateway-api and the ambient-argo application) with
 * KubernetesGateway, Waypoint and GatewayHttpRoute, and checks each synthesized object deep-equals the
 * sample (apiVersion, kind, metadata, spec; key order aside).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { AllowedRoutes, BackendRef, GatewayHttpMatch, GatewayHttpRoute, KubernetesGateway, ListenerProtocol, ParentRef, Waypoint } from '../../lib';
import { corpusPath } from '../support/corpus';

const SAMPLES = corpusPath('istio', 'samples');

function sampleObjects(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(path.join(SAMPLES, file), 'utf8')).map((d) => d.toJS()).filter((o) => o);
}

/** The comparable part of a manifest: cdk8s adds no fields of its own to these kinds, but drop empty labels. */
function comparable(o: any): any {
  const metadata = { ...o.metadata };
  if (metadata.labels && Object.keys(metadata.labels).length === 0) delete metadata.labels;
  return { apiVersion: o.apiVersion, kind: o.kind, metadata, spec: o.spec };
}

const reviews = (c: Chart, backends: Array<[string, number?]>, parentPort: number | null = 9080) => new GatewayHttpRoute(c, 'reviews', {
  metadata: { name: 'reviews' },
  parentRefs: [ParentRef.service('reviews', { port: parentPort ?? undefined })],
  rules: [{ backendRefs: backends.map(([name, weight]) => BackendRef.service(name, { port: 9080, weight })) }],
});

const bookinfoGateway = (c: Chart) => {
  const gateway = new KubernetesGateway(c, 'gateway', {
    metadata: { name: 'bookinfo-gateway' },
    gatewayClassName: 'istio',
    listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.sameNamespace() }],
  });
  new GatewayHttpRoute(c, 'bookinfo', {
    metadata: { name: 'bookinfo' },
    parentRefs: [ParentRef.fromGateway(gateway)],
    rules: [{
      matches: [
        GatewayHttpMatch.exactPath('/productpage'),
        GatewayHttpMatch.pathPrefix('/static'),
        GatewayHttpMatch.exactPath('/login'),
        GatewayHttpMatch.exactPath('/logout'),
        GatewayHttpMatch.pathPrefix('/api/v1/products'),
      ],
      backendRefs: [BackendRef.service('productpage', { port: 9080 })],
    }],
  });
};

const BUILDERS: { [file: string]: (c: Chart) => void } = {
  'bookinfo/gateway-api/bookinfo-gateway.yaml': bookinfoGateway,
  'bookinfo/gateway-api/route-all-v1.yaml': (c) => {
    for (const app of ['reviews', 'productpage', 'ratings', 'details']) {
      new GatewayHttpRoute(c, app, {
        metadata: { name: app },
        parentRefs: [ParentRef.service(app, { port: 9080 })],
        rules: [{ backendRefs: [BackendRef.service(`${app}-v1`, { port: 9080 })] }],
      });
    }
  },
  'bookinfo/gateway-api/route-reviews-v1.yaml': (c) => reviews(c, [['reviews-v1']]),
  'bookinfo/gateway-api/route-reviews-v3.yaml': (c) => reviews(c, [['reviews-v3']]),
  'bookinfo/gateway-api/route-reviews-50-v3.yaml': (c) => reviews(c, [['reviews-v1', 50], ['reviews-v3', 50]]),
  'bookinfo/gateway-api/route-reviews-90-10.yaml': (c) => reviews(c, [['reviews-v1', 90], ['reviews-v2', 10]]),
  'ambient-argo/application/route-reviews-90-10.yaml': (c) => reviews(c, [['reviews-v1', 90], ['reviews-v2', 10]], null),
  'ambient-argo/application/ingress-gateway.yaml': bookinfoGateway,
  'ambient-argo/application/details-waypoint.yaml': (c) => new Waypoint(c, 'waypoint', { metadata: { name: 'bookinfo-details', labels: { 'istio.io/rev': 'stable' } } }),
  'ambient-argo/application/reviews-waypoint.yaml': (c) => new Waypoint(c, 'waypoint', { metadata: { name: 'bookinfo-reviews', labels: { 'istio.io/rev': 'rapid' } } }),
};

describe('Gateway API samples', () => {
  test('covers every file of the two sample folders', () => {
    const files = ['bookinfo/gateway-api', 'ambient-argo/application']
      .flatMap((dir) => fs.readdirSync(path.join(SAMPLES, dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`));
    expect(Object.keys(BUILDERS).sort()).toEqual(files.sort());
  });

  test.each(Object.keys(BUILDERS))('reproduces %s', (file) => {
    const chart = Testing.chart();
    BUILDERS[file](chart);
    const synthesized = chart.toJson().map(comparable);
    const expected = sampleObjects(file).map(comparable);
    expect(synthesized).toHaveLength(expected.length);
    for (const want of expected) {
      const got = synthesized.find((o: any) => o.kind === want.kind && o.metadata.name === want.metadata.name);
      expect(got).toEqual(want);
    }
  });
});
