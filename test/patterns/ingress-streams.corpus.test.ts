/**
 * Istio's tcp-echo (Istio API) and websockets samples, rebuilt with IngressGateway's TCP server and
 * port-less exposure and with the L2s, each object compared with the sample.
 */
import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { Destination, DestinationRule, Gateway, HttpMatch, IngressGateway, Protocol, VirtualService, WorkloadSelector } from '../../lib';
import { corpusPath } from '../support/corpus';

const sample = (...path: string[]) => YAML.parseAllDocuments(fs.readFileSync(corpusPath('istio', 'samples', ...path), 'utf8')).map((d) => d.toJS()).filter((o) => o);
const comparable = (o: any) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, spec: o.spec });
const byKindAndName = (list: any[]) => list.map(comparable).sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));

describe('IngressGateway TCP and websockets samples', () => {
  const tcpEcho = (c: Chart, weights: Array<[string, number?]>) => {
    const ingress = new IngressGateway(c, 'tcp-echo-gateway', { tcpServers: [{ port: 31400 }] });
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
    new IngressGateway(p, 'tornado-gateway', { httpServers: [{ port: 80, hosts: ['*'] }] }).exposeHost('tornado', undefined, { virtualServiceName: 'tornado', match: [HttpMatch.prefix('/')] });
    const withoutWeight = (list: any[]) => JSON.parse(JSON.stringify(list).replace(/,"weight":100/g, ''));
    expect(byKindAndName(Testing.synth(p))).toEqual(withoutWeight(expected));
  });
});
