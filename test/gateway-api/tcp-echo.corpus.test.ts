/**
 * Rebuilds Istio's tcp-echo Gateway API sample (samples/tcp-echo/gateway-api: a Gateway with a TCP
 * listener that accepts TCPRoutes, two version Services, and the TCPRoute at 100% and 80/20) with
 * KubernetesGateway, GatewayTcpRoute and cdk8s-plus, and checks each object deep-equals the sample.
 */
import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as YAML from 'yaml';
import { AllowedRoutes, BackendRef, GatewayTcpRoute, KubernetesGateway, ListenerProtocol, ParentRef, RouteKind } from '../../lib';
import { corpusPath } from '../support/corpus';

function sampleObjects(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(corpusPath('istio', 'samples', 'tcp-echo', 'gateway-api', file), 'utf8')).map((d) => d.toJS()).filter((o) => o);
}

/** apiVersion, kind, metadata and spec, with cdk8s-plus's generated labels and defaults left out for Services. */
function comparable(o: any): any {
  const metadata = { ...o.metadata };
  if (metadata.labels && Object.keys(metadata.labels).length === 0) delete metadata.labels;
  if (o.kind === 'Service') {
    return { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: metadata.name }, spec: { ports: o.spec.ports, selector: o.spec.selector } };
  }
  return { apiVersion: o.apiVersion, kind: o.kind, metadata, spec: o.spec };
}

const versionService = (c: Chart, version: string) => {
  const service = new kplus.Service(c, `svc-${version}`, {
    metadata: { name: `tcp-echo-${version}` },
    ports: [{ port: 9000, name: 'tcp' }],
  });
  service.selectLabel('app', 'tcp-echo');
  service.selectLabel('version', version);
};

const tcpRoute = (c: Chart, backends: Array<[string, number?]>) => new GatewayTcpRoute(c, 'route', {
  metadata: { name: 'tcp-echo' },
  parentRefs: [ParentRef.gateway('tcp-echo-gateway', { sectionName: 'tcp-31400' })],
  rules: [{ backendRefs: backends.map(([name, weight]) => BackendRef.service(name, { port: 9000, weight })) }],
});

describe('tcp-echo Gateway API sample', () => {
  test('reproduces tcp-echo-all-v1.yaml: Gateway, two Services and the TCPRoute', () => {
    const c = Testing.chart();
    new KubernetesGateway(c, 'gateway', {
      metadata: { name: 'tcp-echo-gateway' },
      gatewayClassName: 'istio',
      listeners: [{ name: 'tcp-31400', protocol: ListenerProtocol.TCP, port: 31400, allowedRoutes: AllowedRoutes.ofKinds([RouteKind.TCP_ROUTE]) }],
    });
    versionService(c, 'v1');
    versionService(c, 'v2');
    tcpRoute(c, [['tcp-echo-v1']]);
    const out = Testing.synth(c).map(comparable);
    const expected = sampleObjects('tcp-echo-all-v1.yaml').map(comparable);
    expect(out).toEqual(expected);
  });

  test('reproduces tcp-echo-20-v2.yaml: the TCPRoute at 80/20', () => {
    const c = Testing.chart();
    tcpRoute(c, [['tcp-echo-v1', 80], ['tcp-echo-v2', 20]]);
    expect(Testing.synth(c).map(comparable)).toEqual(sampleObjects('tcp-echo-20-v2.yaml').map(comparable));
  });
});
