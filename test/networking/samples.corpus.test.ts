/**
 * Rebuilds, by hand, every VirtualService, DestinationRule, Gateway, ServiceEntry and Sidecar of Istio's
 * bookinfo networking samples and of tests/testdata/config, and checks each synthesized object equals the
 * sample (apiVersion normalized to v1, metadata name and namespace, spec; key order aside, durations
 * compared by value: `300s` and `5m` are the same duration).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  ClientTls, ConsistentHash, Destination, DestinationRule, EgressHost, Fault, Gateway, HttpMatch, HttpMethod, LoadBalancerAlgorithm,
  Protocol, ServerTls, ServiceEntry, ServiceEntryLocation, ServiceEntryResolution, Sidecar, StringMatch, Subset, VirtualService, WorkloadSelector,
} from '../../lib';
import { corpusPath } from '../support/corpus';
import { crdSchemas } from '../support/crd-schema';

const KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar'];
const FOLDERS = ['bookinfo/networking', 'tests-testdata-config'];

type Metadata = { name: string; namespace?: string };
type Builder = (c: Chart, metadata: Metadata) => void;

const to = Destination.to;
const versions = (...names: string[]): Subset[] => names.map((name) => ({ name, labels: { version: name } }));
const selector = (labels: { [k: string]: string }) => WorkloadSelector.labels(labels);
const port = (number: number, name: string, protocol: Protocol) => ({ number, name, protocol });
const endUserJason = HttpMatch.header('end-user', StringMatch.exact('jason'));

/** A VirtualService with one HTTP route to one destination. */
const simpleVs = (host: string, subset: string): Builder => (c, metadata) =>
  new VirtualService(c, 'vs', { metadata, hosts: [host], http: [{ route: [to(host, { subset })] }] });
/** A VirtualService splitting a host between two subsets. */
const splitVs = (host: string, a: [string, number], b: [string, number]): Builder => (c, metadata) =>
  new VirtualService(c, 'vs', {
    metadata,
    hosts: [host],
    http: [{ route: [to(host, { subset: a[0], weight: a[1] }), to(host, { subset: b[0], weight: b[1] })] }],
  });
/** A DestinationRule with version subsets and optionally ISTIO_MUTUAL. */
const versionsDr = (host: string, names: string[], mtls = false): Builder => (c, metadata) =>
  new DestinationRule(c, 'dr', { metadata, host, subsets: versions(...names), trafficPolicy: mtls ? { tls: ClientTls.istioMutual() } : undefined });
/** A static ServiceEntry with one HTTP port and endpoints given as [address, port, version?]. */
const staticHttpSe = (host: string, portNumber: number, endpoints: Array<[string, number, string?]>): Builder => (c, metadata) =>
  new ServiceEntry(c, 'se', {
    metadata,
    hosts: [host],
    ports: [port(portNumber, 'http', Protocol.HTTP)],
    resolution: ServiceEntryResolution.STATIC,
    endpoints: endpoints.map(([address, p, version]) => ({ address, ports: { http: p }, ...(version ? { labels: { version } } : {}) })),
  });
/** A ServiceEntry with TCP port `tcp1` (or another name). */
const tcpSe = (host: string, portNumber: number, resolution: ServiceEntryResolution, opts: any = {}): Builder => (c, metadata) =>
  new ServiceEntry(c, 'se', {
    metadata,
    hosts: [host],
    ports: [port(portNumber, opts.portName ?? 'tcp1', Protocol.TCP)],
    resolution,
    location: opts.location,
    endpoints: opts.endpoints,
  });
/** A VirtualService of TLS routes by SNI, one per host, on `portNumber`. */
const tlsRoutingVs = (hosts: string[], portNumber: number): Builder => (c, metadata) =>
  new VirtualService(c, 'vs', {
    metadata,
    hosts,
    tls: hosts.map((h) => ({ match: [{ port: portNumber, sniHosts: [h] }], route: [to(h)] })),
  });
const jasonFault = (fault: Fault): Builder => (c, metadata) =>
  new VirtualService(c, 'vs', {
    metadata,
    hosts: ['ratings'],
    http: [
      { match: [endUserJason], fault, route: [to('ratings', { subset: 'v1' })] },
      { route: [to('ratings', { subset: 'v1' })] },
    ],
  });
const jasonRoute = (jason: string, others: string): Builder => (c, metadata) =>
  new VirtualService(c, 'vs', {
    metadata,
    hosts: ['reviews'],
    http: [{ match: [endUserJason], route: [to('reviews', { subset: jason })] }, { route: [to('reviews', { subset: others })] }],
  });
const v1v2Header = (): HttpMatch =>
  HttpMatch.header('version', StringMatch.exact('v2'), { sourceLabels: { version: 'v1' } });
const ingressGateway = (hostsList: string[], httpsTls: ServerTls, sel: string): Builder => (c, metadata) =>
  new Gateway(c, 'gw', {
    metadata,
    selector: selector({ istio: sel }),
    servers: [
      { port: port(80, 'http', Protocol.HTTP), hosts: hostsList },
      { port: port(443, 'https', Protocol.HTTPS), hosts: hostsList, tls: httpsTls },
    ],
  });
const certsTls = ServerTls.simple({ serverCertificate: '/etc/certs/cert-chain.pem', privateKey: '/etc/certs/key.pem', caCertificates: '/etc/certs/root-cert.pem' });

const B = 'bookinfo/networking';
const T = 'tests-testdata-config';

const builders: { [key: string]: Builder } = {
  // bookinfo/networking
  [`${B}/bookinfo-gateway.yaml/Gateway/bookinfo-gateway`]: (c, metadata) =>
    new Gateway(c, 'gw', { metadata, selector: selector({ istio: 'ingressgateway' }), servers: [{ port: port(8080, 'http', Protocol.HTTP), hosts: ['*'] }] }),
  [`${B}/bookinfo-gateway.yaml/VirtualService/bookinfo`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['*'],
      gateways: ['bookinfo-gateway'],
      http: [{
        match: [HttpMatch.exact('/productpage'), HttpMatch.prefix('/static'), HttpMatch.exact('/login'), HttpMatch.exact('/logout'), HttpMatch.prefix('/api/v1/products')],
        route: [to('productpage', { port: 9080 })],
      }],
    }),
  [`${B}/certmanager-gateway.yaml/Gateway/cert-manager-gateway`]: (c, metadata) =>
    new Gateway(c, 'gw', { metadata, selector: selector({ istio: 'ingressgateway' }), servers: [{ port: port(80, 'http', Protocol.HTTP), hosts: ['*'] }] }),
  [`${B}/certmanager-gateway.yaml/VirtualService/cert-manager`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['*'],
      gateways: ['cert-manager-gateway'],
      http: [{ match: [HttpMatch.prefix('/.well-known/acme-challenge/')], route: [to('cert-manager-resolver', { port: 8089 })] }],
    }),
  [`${B}/destination-rule-all-mtls.yaml/DestinationRule/productpage`]: versionsDr('productpage', ['v1'], true),
  [`${B}/destination-rule-all-mtls.yaml/DestinationRule/reviews`]: versionsDr('reviews', ['v1', 'v2', 'v3'], true),
  [`${B}/destination-rule-all-mtls.yaml/DestinationRule/ratings`]: versionsDr('ratings', ['v1', 'v2', 'v2-mysql', 'v2-mysql-vm'], true),
  [`${B}/destination-rule-all-mtls.yaml/DestinationRule/details`]: versionsDr('details', ['v1', 'v2'], true),
  [`${B}/destination-rule-all.yaml/DestinationRule/productpage`]: versionsDr('productpage', ['v1']),
  [`${B}/destination-rule-all.yaml/DestinationRule/reviews`]: versionsDr('reviews', ['v1', 'v2', 'v3']),
  [`${B}/destination-rule-all.yaml/DestinationRule/ratings`]: versionsDr('ratings', ['v1', 'v2', 'v2-mysql', 'v2-mysql-vm']),
  [`${B}/destination-rule-all.yaml/DestinationRule/details`]: versionsDr('details', ['v1', 'v2']),
  [`${B}/destination-rule-reviews.yaml/DestinationRule/reviews`]: (c, metadata) =>
    new DestinationRule(c, 'dr', { metadata, host: 'reviews', trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.RANDOM } }, subsets: versions('v1', 'v2', 'v3') }),
  [`${B}/egress-rule-google-apis.yaml/ServiceEntry/googleapis`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['www.googleapis.com'],
      resolution: ServiceEntryResolution.DNS,
      ports: [port(80, 'http', Protocol.HTTP), port(443, 'https', Protocol.HTTPS)],
    }),
  [`${B}/egress-rule-google-apis.yaml/VirtualService/rewrite-port-for-googleapis`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['www.googleapis.com'],
      http: [{ match: [HttpMatch.of({ port: 80 })], route: [to('www.googleapis.com', { port: 443 })] }],
    }),
  [`${B}/egress-rule-google-apis.yaml/DestinationRule/originate-tls-for-googleapis`]: (c, metadata) =>
    new DestinationRule(c, 'dr', {
      metadata,
      host: 'www.googleapis.com',
      trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.ROUND_ROBIN }, portLevelSettings: [{ port: 443, tls: ClientTls.simple() }] },
    }),
  [`${B}/fault-injection-details-v1.yaml/VirtualService/details`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['details'],
      http: [
        { fault: Fault.abort(555, 100), route: [to('details', { subset: 'v1' })] },
        { route: [to('details', { subset: 'v1' })] },
      ],
    }),
  [`${B}/fault-injection-details-v1.yaml/DestinationRule/details`]: versionsDr('details', ['v1']),
  [`${B}/virtual-service-all-v1.yaml/VirtualService/productpage`]: simpleVs('productpage', 'v1'),
  [`${B}/virtual-service-all-v1.yaml/VirtualService/reviews`]: simpleVs('reviews', 'v1'),
  [`${B}/virtual-service-all-v1.yaml/VirtualService/ratings`]: simpleVs('ratings', 'v1'),
  [`${B}/virtual-service-all-v1.yaml/VirtualService/details`]: simpleVs('details', 'v1'),
  [`${B}/virtual-service-details-v2.yaml/VirtualService/details`]: simpleVs('details', 'v2'),
  [`${B}/virtual-service-ratings-db.yaml/VirtualService/reviews`]: simpleVs('reviews', 'v3'),
  [`${B}/virtual-service-ratings-db.yaml/VirtualService/ratings`]: simpleVs('ratings', 'v2'),
  [`${B}/virtual-service-ratings-mysql-vm.yaml/VirtualService/reviews`]: simpleVs('reviews', 'v3'),
  [`${B}/virtual-service-ratings-mysql-vm.yaml/VirtualService/ratings`]: simpleVs('ratings', 'v2-mysql-vm'),
  [`${B}/virtual-service-ratings-mysql.yaml/VirtualService/reviews`]: simpleVs('reviews', 'v3'),
  [`${B}/virtual-service-ratings-mysql.yaml/VirtualService/ratings`]: simpleVs('ratings', 'v2-mysql'),
  [`${B}/virtual-service-ratings-test-abort.yaml/VirtualService/ratings`]: jasonFault(Fault.abort(500, 100)),
  [`${B}/virtual-service-ratings-test-delay.yaml/VirtualService/ratings`]: jasonFault(Fault.delay(Duration.seconds(7), 100)),
  [`${B}/virtual-service-reviews-50-v3.yaml/VirtualService/reviews`]: splitVs('reviews', ['v1', 50], ['v3', 50]),
  [`${B}/virtual-service-reviews-80-20.yaml/VirtualService/reviews`]: splitVs('reviews', ['v1', 80], ['v2', 20]),
  [`${B}/virtual-service-reviews-90-10.yaml/VirtualService/reviews`]: splitVs('reviews', ['v1', 90], ['v2', 10]),
  [`${B}/virtual-service-reviews-jason-v2-v3.yaml/VirtualService/reviews`]: jasonRoute('v2', 'v3'),
  [`${B}/virtual-service-reviews-test-v2.yaml/VirtualService/reviews`]: jasonRoute('v2', 'v1'),
  [`${B}/virtual-service-reviews-v2-v3.yaml/VirtualService/reviews`]: splitVs('reviews', ['v2', 50], ['v3', 50]),
  [`${B}/virtual-service-reviews-v3.yaml/VirtualService/reviews`]: simpleVs('reviews', 'v3'),

  // tests/testdata/config
  [`${T}/byon.yaml/ServiceEntry/byon`]: staticHttpSe('byon.test.istio.io', 80, [['127.0.0.2', 7072]]),
  [`${T}/byon.yaml/VirtualService/byon`]: (c, metadata) =>
    new VirtualService(c, 'vs', { metadata, hosts: ['mybyon.test.istio.io'], http: [{ route: [to('byon.test.istio.io')] }] }),
  [`${T}/byon.yaml/ServiceEntry/byon-docker`]: staticHttpSe('byon-docker.test.istio.io', 7072, [['172.18.0.3', 7072]]),
  [`${T}/byon.yaml/ServiceEntry/wikipedia-range`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['www.wikipedia.org'],
      resolution: ServiceEntryResolution.NONE,
      ports: [port(443, 'tcp-port', Protocol.TCP)],
      addresses: ['91.198.174.192/27', '103.102.166.224/27', '198.35.26.96/27', '208.80.153.224/27', '208.80.154.224/27'],
    }),
  [`${T}/destination-rule-all.yaml/ServiceEntry/destall`]: staticHttpSe('destall.default.svc.cluster.local', 81, [['127.0.0.2', 7072]]),
  [`${T}/destination-rule-all.yaml/DestinationRule/destall`]: (c, metadata) =>
    new DestinationRule(c, 'dr', {
      metadata,
      host: 'destall.default.svc.cluster.local',
      trafficPolicy: {
        loadBalancer: { simple: LoadBalancerAlgorithm.ROUND_ROBIN },
        connectionPool: {
          tcp: { maxConnections: 99, connectTimeout: Duration.seconds(6) },
          http: { http2MaxRequests: 33, maxRequestsPerConnection: 65, maxRetries: 4, http1MaxPendingRequests: 14 },
        },
        outlierDetection: { interval: Duration.millis(8), baseEjectionTime: Duration.minutes(1), maxEjectionPercent: 11 },
        tls: ClientTls.disable(),
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        {
          name: 'v2',
          labels: { version: 'v2' },
          trafficPolicy: { loadBalancer: { consistentHash: ConsistentHash.cookie('Cookie', { ttl: Duration.seconds(30) }).withMinimumRingSize(42) } },
        },
      ],
    }),
  [`${T}/destination-rule-fqdn.yaml/DestinationRule/fqdn`]: (c, metadata) =>
    new DestinationRule(c, 'dr', { metadata, host: 'www.webinf.info', trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.LEAST_CONN } } }),
  [`${T}/destination-rule-locality.yaml/DestinationRule/locality`]: (c, metadata) =>
    new DestinationRule(c, 'dr', {
      metadata,
      host: 'locality.cluster.local',
      trafficPolicy: { outlierDetection: { interval: Duration.seconds(1), baseEjectionTime: Duration.minutes(3), maxEjectionPercent: 100 } },
    }),
  [`${T}/destination-rule-passthrough.yaml/DestinationRule/drpassthrough`]: (c, metadata) =>
    new DestinationRule(c, 'dr', { metadata, host: '*.foo.com', trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.PASSTHROUGH } } }),
  [`${T}/destination-rule-ssl.yaml/DestinationRule/ssl-simple`]: (c, metadata) =>
    new DestinationRule(c, 'dr', {
      metadata, host: 'ssl1.webinf.info', trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.LEAST_CONN }, tls: ClientTls.simple() },
    }),
  [`${T}/destination-rule-ssl.yaml/DestinationRule/drprefix`]: (c, metadata) =>
    new DestinationRule(c, 'dr', { metadata, host: 'random.webinf.info', trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.RANDOM } } }),
  [`${T}/egressgateway.yaml/Gateway/istio-egressgateway`]: ingressGateway(['egressgateway.bookinfo.com'], certsTls, 'egressgateway'),
  [`${T}/external_services.yaml/ServiceEntry/external-svc-extsvc`]: (c, metadata) =>
    new ServiceEntry(c, 'se', { metadata, hosts: ['external.extsvc.com'], ports: [port(1443, 'extsvc-http', Protocol.HTTP)], resolution: ServiceEntryResolution.DNS }),
  [`${T}/external_services.yaml/DestinationRule/external-service-1`]: (c, metadata) => new DestinationRule(c, 'dr', { metadata, host: 'external.extsvc.com' }),
  [`${T}/external_services.yaml/ServiceEntry/external-svc-ports`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['ports.extsvc.com', 'ports1.extsvc.com'],
      resolution: ServiceEntryResolution.DNS,
      ports: [port(443, 'extsvc-https', Protocol.HTTPS), port(8443, 'https-ports2', Protocol.HTTP)],
    }),
  [`${T}/external_services.yaml/ServiceEntry/external-svc-dst`]: (c, metadata) =>
    new ServiceEntry(c, 'se', { metadata, hosts: ['dst.extsvc.com'], ports: [port(8001, 'extsvc-http', Protocol.HTTP)], resolution: ServiceEntryResolution.NONE }),
  [`${T}/external_services.yaml/ServiceEntry/external-svc-ep`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['ep.extsvc.com'],
      ports: [port(8002, 'extsvc-http', Protocol.HTTP)],
      resolution: ServiceEntryResolution.STATIC,
      endpoints: [{ address: '127.0.0.2', ports: { 'extsvc-http': 8080 } }, { address: '127.0.0.3', ports: { 'extsvc-http': 8002 } }],
    }),
  [`${T}/gateway-all.yaml/Gateway/my-gateway`]: (c, metadata) =>
    new Gateway(c, 'gw', {
      metadata,
      selector: selector({ app: 'my-gateway-controller' }),
      servers: [
        { port: port(80, 'http', Protocol.HTTP), hosts: ['uk.bookinfo.com', 'eu.bookinfo.com', 'c.foo'], tls: ServerTls.httpsRedirect() },
        {
          port: port(443, 'https', Protocol.HTTPS),
          hosts: ['uk.bookinfo.com', 'eu.bookinfo.com'],
          tls: ServerTls.simple({ serverCertificate: '/etc/certs/servercert.pem', privateKey: '/etc/certs/privatekey.pem' }),
        },
      ],
    }),
  [`${T}/gateway-tcp-a.yaml/Gateway/gateway-a`]: (c, metadata) =>
    new Gateway(c, 'gw', {
      metadata,
      selector: selector({ istio: 'ingressgateway' }),
      servers: [{ port: port(31400, 'tcp', Protocol.TCP), hosts: ['a.istio-system.svc.cluster.local'] }],
    }),
  [`${T}/ingress.yaml/Gateway/istio-ingress`]: ingressGateway(['*'],
    ServerTls.simple({ serverCertificate: '/etc/certs/servercert.pem', privateKey: '/etc/certs/privatekey.pem' }), 'ingress'),
  [`${T}/ingress.yaml/VirtualService/ingress`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['*'],
      gateways: ['istio-ingress'],
      http: [{ match: [HttpMatch.prefix('/foo')], route: [to('service3.default.svc.cluster.local', { port: 80 })] }],
    }),
  [`${T}/ingressgateway.yaml/Gateway/istio-ingressgateway`]: ingressGateway(['uk.bookinfo.com'], certsTls, 'ingressgateway'),
  [`${T}/none.yaml/Sidecar/default`]: (c, metadata) =>
    new Sidecar(c, 'sc', {
      metadata,
      egress: [{ hosts: [EgressHost.allIn('none'), EgressHost.of('default', 'test.default')] }],
      ingress: [
        { port: port(7071, 'httplocal', Protocol.HTTP), defaultEndpoint: '127.0.0.1:17071' },
        { port: port(7070, 'tcplocal', Protocol.TCP), defaultEndpoint: '127.0.0.1:17070' },
        { port: port(18080, 'http-echo', Protocol.HTTP), defaultEndpoint: '127.0.0.1:28080' },
        { port: port(18079, 'grpc-ping', Protocol.TCP), defaultEndpoint: '127.0.0.1:28079' },
      ],
    }),
  [`${T}/none.yaml/ServiceEntry/s1tcp`]: tcpSe('s1tcp.none', 2000, ServiceEntryResolution.STATIC, {
    portName: 'tcplocal',
    location: ServiceEntryLocation.MESH_INTERNAL,
    endpoints: [{ address: '10.11.0.1', ports: { tcplocal: 7070 }, labels: { app: 's1tcp' } }],
  }),
  [`${T}/none.yaml/ServiceEntry/s1http`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['s1http.none'],
      ports: [port(2001, 'httplocal', Protocol.HTTP)],
      location: ServiceEntryLocation.MESH_INTERNAL,
      resolution: ServiceEntryResolution.STATIC,
      endpoints: [{ address: '10.11.0.1', ports: { httplocal: 7071 } }],
    }),
  [`${T}/none.yaml/ServiceEntry/s2`]: tcpSe('s2.external.test.istio.io', 2005, ServiceEntryResolution.STATIC, {
    portName: 'http-remote',
    endpoints: [{ address: '10.11.0.2', ports: { 'http-remote': 7071 } }, { address: '10.11.0.3', ports: { 'http-remote': 7072 } }],
  }),
  [`${T}/none.yaml/ServiceEntry/s2dns`]: tcpSe('s2dns.external.test.istio.io', 2006, ServiceEntryResolution.DNS),
  [`${T}/none.yaml/ServiceEntry/tcpmeshdns`]: tcpSe('tcpmeshdns.seexamples.svc', 2007, ServiceEntryResolution.DNS),
  [`${T}/none.yaml/ServiceEntry/tcpmeshstatic`]: tcpSe('tcpmeshstatic.seexamples.svc', 2008, ServiceEntryResolution.STATIC, {
    endpoints: [{ address: '10.11.0.8', ports: { tcp1: 7070 } }],
  }),
  [`${T}/none.yaml/ServiceEntry/tcpmeshstaticint`]: tcpSe('tcpmeshstaticint.seexamples.svc', 2009, ServiceEntryResolution.STATIC, {
    location: ServiceEntryLocation.MESH_INTERNAL, endpoints: [{ address: '10.11.0.9', ports: { tcp1: 7070 } }],
  }),
  [`${T}/none.yaml/ServiceEntry/https`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['www1.googleapis.com', 'api1.facebook.com'],
      location: ServiceEntryLocation.MESH_EXTERNAL,
      ports: [port(2443, 'https', Protocol.TLS)],
      resolution: ServiceEntryResolution.DNS,
    }),
  [`${T}/none.yaml/VirtualService/tls-routing`]: tlsRoutingVs(['www1.googleapis.com', 'api1.facebook.com'], 2443),
  [`${T}/rule-content-route.yaml/VirtualService/headers-route`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['headers.test.istio.io'],
      http: [
        { match: [v1v2Header()], route: [to('c-weighted.extsvc.com', { subset: 'v2', weight: 100 })] },
        { route: [to('c-weighted.extsvc.com', { subset: 'v1', weight: 100 })] },
      ],
    }),
  [`${T}/rule-default-route-append-headers.yaml/ServiceEntry/appendh`]: staticHttpSe('appendh.test.istio.io', 80, [['127.0.0.2', 7072]]),
  [`${T}/rule-default-route-append-headers.yaml/VirtualService/appendh-route`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['appendh.test.istio.io'],
      http: [{ route: [to('appendh.test.istio.io')], headers: { request: { add: { 'istio-custom-header': 'user-defined-value' } } } }],
    }),
  [`${T}/rule-default-route-cors-policy.yaml/ServiceEntry/cors`]: staticHttpSe('cors.test.istio.io', 80, [['127.0.0.2', 7072]]),
  [`${T}/rule-default-route-cors-policy.yaml/VirtualService/cors`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['cors.test.istio.io'],
      http: [{
        route: [to('cors.test.istio.io')],
        corsPolicy: {
          allowOrigins: [StringMatch.exact('http://foo.example')],
          allowMethods: [HttpMethod.POST, HttpMethod.GET, HttpMethod.OPTIONS],
          allowHeaders: ['content-type'],
          exposeHeaders: ['x-custom-header'],
          maxAge: Duration.seconds(300),
          allowCredentials: true,
        },
      }],
    }),
  [`${T}/rule-default-route.yaml/ServiceEntry/c`]: staticHttpSe('c.foo', 80, [['127.0.0.1', 7072]]),
  [`${T}/rule-default-route.yaml/VirtualService/default-route-1`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata, hosts: ['c.foo'], gateways: ['my-gateway'], http: [{ match: [HttpMatch.prefix('/bar')], route: [to('c.foo', { weight: 100 })] }],
    }),
  [`${T}/rule-default-route.yaml/VirtualService/default-route-2`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['c.foo'],
      gateways: ['my-gateway'],
      http: [{ match: [HttpMatch.exact('/foo')], rewrite: { uri: '/bar' }, route: [to('c.foo', { weight: 100 })] }],
    }),
  [`${T}/rule-fault-injection.yaml/ServiceEntry/fault`]: staticHttpSe('fault.test.istio.io', 8080, [['127.0.0.2', 8080, 'v1'], ['127.0.0.3', 8081, 'v2']]),
  [`${T}/rule-fault-injection.yaml/DestinationRule/fault`]: versionsDr('c-weighted.extsvc.com', ['v1', 'v2']),
  [`${T}/rule-fault-injection.yaml/VirtualService/fault`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['fault.test.istio.io'],
      http: [{
        match: [v1v2Header()],
        route: [to('c', { subset: 'v2', weight: 100 })],
        fault: Fault.delay(Duration.seconds(5), 100).and(Fault.abort(503, 100)),
      }],
    }),
  [`${T}/rule-ingressgateway.yaml/VirtualService/gateway-bound-route`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata, hosts: ['uk.bookinfo.com'], gateways: ['istio-ingressgateway'], http: [{ route: [to('c', { subset: 'v2', port: 80, weight: 100 })] }],
    }),
  [`${T}/rule-redirect-injection.yaml/ServiceEntry/redirect`]: staticHttpSe('redirect.test.istio.io', 8080, [['127.0.0.2', 8080]]),
  [`${T}/rule-redirect-injection.yaml/VirtualService/redirect`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['redirect.test.istio.io'],
      http: [{ match: [HttpMatch.header('testredirect', StringMatch.exact('enabled'))], redirect: { uri: '/new/path', authority: 'redirect2.test.istio.io' } }],
    }),
  [`${T}/rule-regex-route.yaml/ServiceEntry/regex-extsvc`]: staticHttpSe('regex.extsvc.com', 9003, [['127.0.0.2', 8080, 'v1'], ['127.0.0.3', 8081, 'v2']]),
  [`${T}/rule-regex-route.yaml/DestinationRule/regex`]: versionsDr('regex.extsvc.com', ['v1', 'v2']),
  [`${T}/rule-regex-route.yaml/VirtualService/regex-route`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['regex.extsvc.com'],
      http: [
        { match: [HttpMatch.header('foo', StringMatch.regex('b.*'), { sourceLabels: { version: 'v1' } })], route: [to('regex.extsvc.com', { subset: 'v2', weight: 100 })] },
        { route: [to('regex.extsvc.com', { subset: 'v1', weight: 100 })] },
      ],
    }),
  [`${T}/rule-route-via-egressgateway.yaml/VirtualService/route-via-egressgateway`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['egressgateway.bookinfo.com'],
      gateways: ['istio-egressgateway', 'mesh'],
      http: [
        { match: [HttpMatch.of({ gateways: ['mesh'] })], route: [to('istio-egressgateway', { weight: 100 })] },
        { match: [HttpMatch.of({ gateways: ['istio-egressgateway'] })], route: [to('eu.bookinfo.com', { weight: 100 })] },
      ],
    }),
  [`${T}/rule-websocket-route.yaml/ServiceEntry/websocket-extsvc`]: staticHttpSe('websocket.test.istio.io', 9002, [['127.0.0.2', 7072, 'v1']]),
  [`${T}/rule-websocket-route.yaml/DestinationRule/websocket`]: versionsDr('websocket.test.istio.io', ['v1']),
  [`${T}/rule-weighted-route.yaml/ServiceEntry/weighted-extsvc`]: staticHttpSe('c-weighted.extsvc.com', 80, [['127.0.0.2', 7072, 'v1'], ['127.0.0.3', 7074, 'v2']]),
  [`${T}/rule-weighted-route.yaml/DestinationRule/c-weighted`]: versionsDr('c-weighted.extsvc.com', ['v1', 'v2']),
  [`${T}/rule-weighted-route.yaml/VirtualService/c-weighted`]: splitVs('c-weighted.extsvc.com', ['v1', 75], ['v2', 25]),
  [`${T}/se-example-gw.yaml/Sidecar/default`]: (c, metadata) => new Sidecar(c, 'sc', { metadata, egress: [{ hosts: [EgressHost.allIn('exampleegressgw')] }] }),
  [`${T}/se-example-gw.yaml/ServiceEntry/workload`]: tcpSe('test.exampleegressgw', 1300, ServiceEntryResolution.STATIC, {
    portName: 'tcplocal', location: ServiceEntryLocation.MESH_INTERNAL, endpoints: [{ address: '10.13.0.1', ports: { tcplocal: 31200 } }],
  }),
  [`${T}/se-example-gw.yaml/ServiceEntry/external-svc-httpbin`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata, hosts: ['httpbin.org'], location: ServiceEntryLocation.MESH_EXTERNAL, ports: [port(80, 'http', Protocol.HTTP)], resolution: ServiceEntryResolution.DNS,
    }),
  [`${T}/se-example-gw.yaml/Gateway/istio-egressgateway`]: (c, metadata) =>
    new Gateway(c, 'gw', { metadata, selector: selector({ istio: 'egressgateway' }), servers: [{ port: port(80, 'http', Protocol.HTTP), hosts: ['*'] }] }),
  [`${T}/se-example-gw.yaml/VirtualService/gateway-routing`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['httpbin.com'],
      gateways: ['mesh', 'istio-egressgateway'],
      http: [
        { match: [HttpMatch.of({ port: 80, gateways: ['mesh'] })], route: [to('istio-egressgateway.istio-system.svc.cluster.local')] },
        { match: [HttpMatch.of({ port: 80, gateways: ['istio-egressgateway'] })], route: [to('httpbin.com')] },
      ],
    }),
  [`${T}/se-example.yaml/Sidecar/default`]: (c, metadata) => new Sidecar(c, 'sc', { metadata, egress: [{ hosts: [EgressHost.allIn('seexamples')] }] }),
  [`${T}/se-example.yaml/ServiceEntry/workload`]: tcpSe('test.seexamples', 1200, ServiceEntryResolution.STATIC, {
    portName: 'tcplocal', location: ServiceEntryLocation.MESH_INTERNAL, endpoints: [{ address: '10.12.0.1', ports: { tcplocal: 21200 } }],
  }),
  [`${T}/se-example.yaml/ServiceEntry/external-svc-mongocluster`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['mymongodb.somedomain'],
      addresses: ['192.192.192.192/24'],
      ports: [port(27018, 'mongodb', Protocol.MONGO)],
      location: ServiceEntryLocation.MESH_INTERNAL,
      resolution: ServiceEntryResolution.STATIC,
      endpoints: [{ address: '2.2.2.2' }, { address: '3.3.3.3' }],
    }),
  [`${T}/se-example.yaml/DestinationRule/mtls-mongocluster`]: (c, metadata) =>
    new DestinationRule(c, 'dr', {
      metadata,
      host: 'mymongodb.somedomain',
      trafficPolicy: {
        tls: ClientTls.mutual({
          clientCertificate: 'tests/testdata/certs/default/cert-chain.pem',
          privateKey: 'tests/testdata/certs/default/key.pem',
          caCertificates: 'tests/testdata/certs/default/root-cert.pem',
          sni: 'v1.mymongodb.somedomain',
          subjectAltNames: ['service.mongodb.somedomain'],
        }),
      },
    }),
  [`${T}/se-example.yaml/ServiceEntry/external-svc-https`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['api.dropboxapi.com', 'www.googleapis.com', 'api.facebook.com'],
      location: ServiceEntryLocation.MESH_EXTERNAL,
      ports: [port(443, 'https', Protocol.TLS)],
      resolution: ServiceEntryResolution.DNS,
    }),
  [`${T}/se-example.yaml/VirtualService/tls-routing`]: tlsRoutingVs(['api.dropboxapi.com', 'www.googleapis.com', 'api.facebook.com'], 443),
  [`${T}/se-example.yaml/ServiceEntry/external-svc-wildcard-example`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata, hosts: ['*.bar.com'], location: ServiceEntryLocation.MESH_EXTERNAL, ports: [port(80, 'http', Protocol.HTTP)], resolution: ServiceEntryResolution.NONE,
    }),
  [`${T}/se-example.yaml/ServiceEntry/unix-domain-socket-example`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['example.unix.local'],
      location: ServiceEntryLocation.MESH_EXTERNAL,
      ports: [port(8001, 'http', Protocol.HTTP)],
      resolution: ServiceEntryResolution.STATIC,
      endpoints: [{ address: 'unix:///var/run/example/socket' }],
    }),
  [`${T}/se-example.yaml/ServiceEntry/external-svc-dns`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['foo.bar.com'],
      location: ServiceEntryLocation.MESH_EXTERNAL,
      ports: [port(8000, 'http', Protocol.HTTP)],
      resolution: ServiceEntryResolution.DNS,
      endpoints: [{ address: 'us.foo.bar.com', ports: { http: 8080 } }, { address: 'uk.foo.bar.com', ports: { http: 9080 } }, { address: 'in.foo.bar.com', ports: { http: 7080 } }],
    }),
  [`${T}/static-weighted-se.yaml/ServiceEntry/httpbin`]: (c, metadata) =>
    new ServiceEntry(c, 'se', {
      metadata,
      hosts: ['weighted.static.svc.cluster.local'],
      ports: [port(80, 'http', Protocol.HTTP)],
      resolution: ServiceEntryResolution.STATIC,
      endpoints: [{ address: '3.3.3.3', locality: 'a' }, { address: '2.2.2.2', locality: 'a', weight: 8 }, { address: '1.1.1.1', locality: 'b', weight: 3 }],
    }),
  [`${T}/virtual-service-all.yaml/VirtualService/all`]: (c, metadata) =>
    new VirtualService(c, 'vs', {
      metadata,
      hosts: ['service3.default.svc.cluster.local', 'uk.bookinfo.com', 'eu.bookinfo.com'],
      gateways: ['my-gateway', 'mesh'],
      http: [
        { match: [HttpMatch.header('cookie', StringMatch.regex('^(.*?;)?(user=dev-123)(;.*)?'))], route: [to('service3.default.svc.cluster.local', { port: 81 })] },
        {
          match: [HttpMatch.prefix('/reviews/')],
          route: [
            to('service3.default.svc.cluster.local', { port: 81, subset: 'v1', weight: 80 }),
            to('service3.default.svc.cluster.local', { subset: 'v2', weight: 20 }),
          ],
        },
      ],
    }),
};

/** Objects deliberately not rebuilt, with the reason. */
const leftOut: { [key: string]: string } = {
  [`${T}/rule-websocket-route.yaml/VirtualService/websocket-route`]:
    '`websocketUpgrade` is not a field of networking.istio.io/v1 (Istio removed it; WebSocket needs no flag), so the CRD schema rejects the sample itself',
  [`${T}/rule-websocket-route.yaml/VirtualService/websocket-route2`]:
    '`websocketUpgrade` is not a field of networking.istio.io/v1 (Istio removed it; WebSocket needs no flag), so the CRD schema rejects the sample itself',
};

interface Sample { key: string; object: any }

function samples(): Sample[] {
  const out: Sample[] = [];
  for (const folder of FOLDERS) {
    const dir = corpusPath('istio', 'samples', folder);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
        const object = doc.toJS();
        if (object && KINDS.includes(object.kind) && String(object.apiVersion).startsWith('networking.istio.io/')) {
          out.push({ key: `${folder}/${file}/${object.kind}/${object.metadata.name}`, object });
        }
      }
    }
  }
  return out;
}

const DURATION_KEYS = new Set(['timeout', 'perTryTimeout', 'backoff', 'fixedDelay', 'maxAge', 'interval', 'baseEjectionTime', 'connectTimeout',
  'ttl', 'idleTimeout', 'time', 'duration', 'maxConnectionDuration']);
const UNIT_MS: { [unit: string]: number } = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A copy with Istio duration strings under duration keys turned into milliseconds, so `300s` equals `5m`. */
function normalizeDurations(value: any, key?: string): any {
  if (Array.isArray(value)) return value.map((v) => normalizeDurations(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeDurations(v, k)]));
  }
  const m = typeof value === 'string' && key && DURATION_KEYS.has(key) ? /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value) : null;
  return m ? { durationMs: Number(m[1]) * UNIT_MS[m[2]] } : value;
}

function comparable(object: any): any {
  return {
    apiVersion: String(object.apiVersion).replace(/\/v1(alpha3|beta1)$/, '/v1'),
    kind: object.kind,
    metadata: { name: object.metadata.name, namespace: object.metadata.namespace },
    spec: normalizeDurations(object.spec),
  };
}

describe('Istio samples rebuilt with the networking constructs', () => {
  const all = samples();
  const rebuilt = all.filter((s) => !(s.key in leftOut));

  test.each(rebuilt.map((s) => [s.key, s] as const))('%s equals the sample', (_key, sample) => {
    const builder = builders[sample.key];
    expect(builder).toBeDefined();
    const chart = new Chart(Testing.app(), 'samples');
    builder(chart, { name: sample.object.metadata.name, namespace: sample.object.metadata.namespace });
    const objects = Testing.synth(chart);
    expect(objects).toHaveLength(1);
    expect(comparable(objects[0])).toEqual(comparable(sample.object));
  });

  test('rebuilds every sample but those listed with a reason', () => {
    const keys = all.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(leftOut).every((k) => keys.includes(k))).toBe(true);
    expect(Object.keys(builders).filter((k) => !keys.includes(k))).toEqual([]);
    const report = [`reproduced ${rebuilt.length} of ${all.length} networking.istio.io objects`,
      ...Object.entries(leftOut).map(([k, reason]) => `  left out ${k}: ${reason}`)].join('\n');
    // eslint-disable-next-line no-console
    console.log(report);
    expect(all).toHaveLength(111);
    expect(rebuilt).toHaveLength(109);
  });

  test('leaves out only samples the v1 CRD schema itself rejects', () => {
    const objects = all.filter((s) => s.key in leftOut).map((s) => s.object);
    const problems = crdSchemas().validateAll(objects);
    expect(problems.map((p) => p.message)).toEqual(objects.map(() => "has unknown field 'websocketUpgrade'"));
  });
});
