/**
 * Istio's helloworld, httpbin (Istio API and Gateway API), tcp-echo (Istio API), websockets and
 * extauthz samples, rebuilt with IngressGateway (TCP servers, port-less exposure, routes from all
 * namespaces) and the L2s, each object compared with the sample.
 */
import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  BackendRef, Destination, DestinationRule, Gateway, GatewayHttpMatch, GatewayHttpRoute, HttpMatch, IngressGateway, ParentRef, Protocol, RoutingApi,
  ServiceEntry, ServiceEntryResolution, VirtualService, WorkloadSelector,
} from '../../lib';
import { corpusPath } from '../support/corpus';

const sample = (...path: string[]) => YAML.parseAllDocuments(fs.readFileSync(corpusPath('istio', 'samples', ...path), 'utf8')).map((d) => d.toJS()).filter((o) => o);
const comparable = (o: any) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, spec: o.spec });
const byKindAndName = (list: any[]) => list.map(comparable).sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));

describe('IngressGateway TCP and websockets samples', () => {
  const tcpEcho = (c: Chart, weights: Array<[string, number?]>) => {
    const ingress = new IngressGateway(c, 'tcp-echo-gateway', { restrictHostsToRoutesNamespace: false, tcpServers: [{ port: 31400 }] });
    new DestinationRule(c, 'dr', {
      metadata: { name: 'tcp-echo-destination' },
      host: 'tcp-echo',
      subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
    ingress.exposeTcp(weights.map(([subset, weight]) => Destination.to('tcp-echo', { port: 9000, subset, weight })), { routeName: 'tcp-echo' });
  };

  test('reproduces tcp-echo-all-v1.yaml: TCP server, DestinationRule and tcp route', () => {
    const c = new Chart(Testing.app(), 'test');
    tcpEcho(c, [['v1']]);
    expect(byKindAndName(Testing.synth(c))).toEqual(byKindAndName(sample('tcp-echo', 'tcp-echo-all-v1.yaml')));
  });

  test('reproduces the VirtualService of tcp-echo-20-v2.yaml: the 80/20 split', () => {
    const c = new Chart(Testing.app(), 'test');
    tcpEcho(c, [['v1', 80], ['v2', 20]]);
    const vs = Testing.synth(c).filter((o) => o.kind === 'VirtualService');
    expect(vs.map(comparable)).toEqual(sample('tcp-echo', 'tcp-echo-20-v2.yaml').map(comparable));
  });

  test('reproduces websockets/route.yaml with the L2s, and with IngressGateway up to the explicit weight 100', () => {
    const expected = byKindAndName(sample('websockets', 'route.yaml'));
    const c = new Chart(Testing.app(), 'test');
    new Gateway(c, 'gw', {
      metadata: { name: 'tornado-gateway' },
      selector: WorkloadSelector.labels({ istio: 'ingressgateway' }),
      servers: [{ port: { number: 80, name: 'http', protocol: Protocol.HTTP }, hosts: ['*'] }],
    });
    new VirtualService(c, 'vs', {
      metadata: { name: 'tornado' },
      hosts: ['*'],
      gateways: ['tornado-gateway'],
      http: [{ match: [HttpMatch.prefix('/')], route: [Destination.to('tornado', { weight: 100 })] }],
    });
    expect(byKindAndName(Testing.synth(c))).toEqual(expected);

    // The pattern: a route to a host of one port needs no port; it leaves the single destination's weight implicit.
    const p = new Chart(Testing.app(), 'test');
    new IngressGateway(p, 'tornado-gateway', { restrictHostsToRoutesNamespace: false, httpServers: [{ port: 80, hosts: ['*'] }] }).exposeHost('tornado', undefined, { virtualServiceName: 'tornado', match: [HttpMatch.prefix('/')] });
    const withoutWeight = (list: any[]) => JSON.parse(JSON.stringify(list).replace(/,"weight":100/g, ''));
    expect(byKindAndName(Testing.synth(p))).toEqual(withoutWeight(expected));
  });
});

describe('IngressGateway helloworld and httpbin samples', () => {
  const synth = (build: (c: Chart) => void) => {
    const c = new Chart(Testing.app(), 'test');
    build(c);
    return byKindAndName(Testing.synth(c));
  };

  test('reproduces helloworld-gateway.yaml and httpbin-gateway.yaml (Istio API)', () => {
    expect(synth((c) => new IngressGateway(c, 'helloworld-gateway', { restrictHostsToRoutesNamespace: false, httpServers: [{ hosts: ['*'] }] })
      .exposeHost('helloworld', 5000, { virtualServiceName: 'helloworld', match: [HttpMatch.exact('/hello')] })))
      .toEqual(byKindAndName(sample('helloworld', 'helloworld-gateway.yaml')));
    expect(synth((c) => new IngressGateway(c, 'httpbin-gateway', { restrictHostsToRoutesNamespace: false, httpServers: [{ hosts: ['*'] }] }).exposeHost('httpbin', 8000, { virtualServiceName: 'httpbin' })))
      .toEqual(byKindAndName(sample('httpbin', 'httpbin-gateway.yaml')));
  });

  test('reproduces the Gateway API variants: from Same for helloworld, from All for httpbin (allowRoutesFromAllNamespaces)', () => {
    expect(synth((c) => new IngressGateway(c, 'helloworld-gateway', { routing: RoutingApi.GATEWAY_API, httpServers: [{ hosts: ['*'] }] })
      .exposeHost('helloworld', 5000, { virtualServiceName: 'helloworld', match: [HttpMatch.exact('/hello')] })))
      .toEqual(byKindAndName(sample('helloworld', 'gateway-api', 'helloworld-gateway.yaml')));
    expect(synth((c) => new IngressGateway(c, 'httpbin-gateway', { routing: RoutingApi.GATEWAY_API, allowRoutesFromAllNamespaces: true, httpServers: [{ hosts: ['*'] }] })
      .exposeHost('httpbin', 8000, { virtualServiceName: 'httpbin' })))
      .toEqual(byKindAndName(sample('httpbin', 'gateway-api', 'httpbin-gateway.yaml')));
  });

  test('reproduces helloworld-route.yaml (the 90/10 HTTPRoute) with GatewayHttpRoute', () => {
    expect(synth((c) => new GatewayHttpRoute(c, 'route', {
      metadata: { name: 'helloworld' },
      parentRefs: [ParentRef.gateway('helloworld-gateway')],
      rules: [{
        matches: [GatewayHttpMatch.exactPath('/hello')],
        backendRefs: [BackendRef.service('helloworld-v1', { port: 5000, weight: 90 }), BackendRef.service('helloworld-v2', { port: 5000, weight: 10 })],
      }],
    }))).toEqual(byKindAndName(sample('helloworld', 'gateway-api', 'helloworld-route.yaml')));
  });
});

describe('extauthz sample', () => {
  test('reproduces the two ServiceEntries of local-ext-authz.yaml', () => {
    const c = new Chart(Testing.app(), 'test');
    for (const [name, host, port, portName, protocol] of [
      ['httpbin-ext-authz-http', 'ext-authz-http.local', 8000, 'http', Protocol.HTTP],
      ['httpbin-ext-authz-grpc', 'ext-authz-grpc.local', 9000, 'grpc', Protocol.GRPC],
    ] as const) {
      new ServiceEntry(c, name, {
        metadata: { name }, hosts: [host], endpoints: [{ address: '127.0.0.1' }], ports: [{ name: portName, number: port, protocol }], resolution: ServiceEntryResolution.STATIC,
      });
    }
    const expected = sample('extauthz', 'local-ext-authz.yaml').filter((o) => o.kind === 'ServiceEntry');
    expect(byKindAndName(Testing.synth(c))).toEqual(byKindAndName(expected));
  });
});
