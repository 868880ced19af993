import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { chart, spec, synthOne } from './util';
import {
  ClientTls, ClientTlsMode, ConsistentHash, DestinationRule, H2UpgradePolicy, LoadBalancerAlgorithm, ProxyProtocolVersion, WorkloadSelector,
} from '../../lib';

describe('DestinationRule', () => {
  test('creates one networking.istio.io/v1 DestinationRule under the id Resource, with only the host by default', () => {
    const c = chart();
    const dr = new DestinationRule(c, 'reviews', { host: 'reviews' });
    const obj = synthOne(c, 'DestinationRule');
    expect(obj.apiVersion).toBe('networking.istio.io/v1');
    expect(obj.spec).toEqual({ host: 'reviews' });
    expect(dr.node.findChild('Resource')).toBe(dr.apiObject);
  });

  test('renders subsets with labels and their own traffic policy, exportTo and workloadSelector', () => {
    const c = chart();
    new DestinationRule(c, 'dr', {
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { loadBalancer: { simple: LoadBalancerAlgorithm.RANDOM } } },
      ],
      exportTo: ['.'],
      workloadSelector: WorkloadSelector.labels({ app: 'productpage' }),
    });
    expect(spec(c, 'DestinationRule')).toEqual({
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
      ],
      exportTo: ['.'],
      workloadSelector: { matchLabels: { app: 'productpage' } },
    });
  });

  test('takes a kplus.Service as host', () => {
    const c = chart();
    const svc = new kplus.Service(c, 'svc', { ports: [{ port: 80 }], metadata: { name: 'ratings', namespace: 'other' } });
    new DestinationRule(c, 'dr', { service: svc });
    expect(spec(c, 'DestinationRule').host).toBe('ratings.other.svc.cluster.local');
  });

  test('renders every simple load balancer and each consistent hash', () => {
    for (const simple of Object.values(LoadBalancerAlgorithm)) {
      const c = chart();
      new DestinationRule(c, 'dr', { host: 'r', trafficPolicy: { loadBalancer: { simple } } });
      expect(spec(c, 'DestinationRule').trafficPolicy.loadBalancer).toEqual({ simple });
    }
    const hashes: Array<[ConsistentHash, any]> = [
      [ConsistentHash.header('x-user'), { httpHeaderName: 'x-user' }],
      [ConsistentHash.cookie('session', { path: '/', ttl: Duration.seconds(30) }), { httpCookie: { name: 'session', path: '/', ttl: '30s' } }],
      [ConsistentHash.cookie('s', { ttl: Duration.seconds(0) }), { httpCookie: { name: 's', ttl: '0s' } }],
      [ConsistentHash.sourceIp(), { useSourceIp: true }],
      [ConsistentHash.queryParameter('user'), { httpQueryParameterName: 'user' }],
      [ConsistentHash.header('h').withRingHash(1024), { httpHeaderName: 'h', ringHash: { minimumRingSize: 1024 } }],
      [ConsistentHash.header('h').withRingHash(), { httpHeaderName: 'h', ringHash: {} }],
      [ConsistentHash.header('h').withMaglev(65537), { httpHeaderName: 'h', maglev: { tableSize: 65537 } }],
      [ConsistentHash.header('h').withMaglev(), { httpHeaderName: 'h', maglev: {} }],
      [ConsistentHash.cookie('c').withMinimumRingSize(42), { httpCookie: { name: 'c' }, minimumRingSize: 42 }],
    ];
    for (const [hash, expected] of hashes) {
      const c = chart();
      new DestinationRule(c, 'dr', { host: 'r', trafficPolicy: { loadBalancer: { consistentHash: hash } } });
      expect(spec(c, 'DestinationRule').trafficPolicy.loadBalancer).toEqual({ consistentHash: expected });
    }
  });

  test('renders locality settings and warmup', () => {
    const c = chart();
    new DestinationRule(c, 'dr', {
      host: 'r',
      trafficPolicy: {
        loadBalancer: {
          localityLbSetting: { enabled: true, distribute: [{ from: 'us-west/*', to: { 'us-west/*': 80, 'us-east/*': 20 } }] },
          warmup: { duration: Duration.seconds(60), minimumPercent: 10, aggression: 1.5 },
        },
        outlierDetection: { consecutive5xxErrors: 5, interval: Duration.seconds(10), baseEjectionTime: Duration.seconds(30) },
      },
      subsets: [{
        name: 'v1',
        trafficPolicy: { loadBalancer: { localityLbSetting: { failover: [{ from: 'us-east', to: 'us-west' }], failoverPriority: ['topology.kubernetes.io/region'] } } },
      }],
    });
    const s = spec(c, 'DestinationRule');
    expect(s.trafficPolicy.loadBalancer).toEqual({
      localityLbSetting: { enabled: true, distribute: [{ from: 'us-west/*', to: { 'us-west/*': 80, 'us-east/*': 20 } }] },
      warmup: { duration: '1m', minimumPercent: 10, aggression: 1.5 },
    });
    expect(s.subsets[0].trafficPolicy.loadBalancer.localityLbSetting).toEqual({ failover: [{ from: 'us-east', to: 'us-west' }], failoverPriority: ['topology.kubernetes.io/region'] });
  });

  test('renders connection pool and outlier detection, consecutive5xxErrors spelled as Istio spells it', () => {
    const c = chart();
    new DestinationRule(c, 'dr', {
      host: 'r',
      trafficPolicy: {
        connectionPool: {
          tcp: {
            maxConnections: 100,
            connectTimeout: Duration.millis(250),
            maxConnectionDuration: Duration.hours(1),
            idleTimeout: Duration.minutes(5),
            tcpKeepalive: { probes: 3, time: Duration.seconds(7200), interval: Duration.seconds(75) },
          },
          http: {
            http1MaxPendingRequests: 10,
            http2MaxRequests: 100,
            maxRequestsPerConnection: 1,
            maxRetries: 3,
            idleTimeout: Duration.seconds(30),
            h2UpgradePolicy: H2UpgradePolicy.UPGRADE,
            useClientProtocol: true,
            maxConcurrentStreams: 50,
          },
        },
        outlierDetection: {
          consecutive5xxErrors: 7,
          consecutiveGatewayErrors: 3,
          consecutiveLocalOriginFailures: 4,
          splitExternalLocalOriginErrors: true,
          interval: Duration.seconds(5),
          baseEjectionTime: Duration.minutes(1),
          maxEjectionPercent: 50,
          minHealthPercent: 30,
        },
        proxyProtocol: ProxyProtocolVersion.V2,
      },
    });
    expect(spec(c, 'DestinationRule').trafficPolicy).toEqual({
      connectionPool: {
        tcp: { maxConnections: 100, connectTimeout: '250ms', maxConnectionDuration: '1h', idleTimeout: '5m', tcpKeepalive: { probes: 3, time: '2h', interval: '75s' } },
        http: {
          http1MaxPendingRequests: 10,
          http2MaxRequests: 100,
          maxRequestsPerConnection: 1,
          maxRetries: 3,
          idleTimeout: '30s',
          h2UpgradePolicy: 'UPGRADE',
          useClientProtocol: true,
          maxConcurrentStreams: 50,
        },
      },
      outlierDetection: {
        consecutive5xxErrors: 7,
        consecutiveGatewayErrors: 3,
        consecutiveLocalOriginFailures: 4,
        splitExternalLocalOriginErrors: true,
        interval: '5s',
        baseEjectionTime: '1m',
        maxEjectionPercent: 50,
        minHealthPercent: 30,
      },
      proxyProtocol: { version: 'V2' },
    });
  });

  test('renders each TLS mode with its fields', () => {
    const cases: Array<[ClientTls, any]> = [
      [ClientTls.disable(), { mode: 'DISABLE' }],
      [ClientTls.istioMutual(), { mode: 'ISTIO_MUTUAL' }],
      [ClientTls.istioMutual({ sni: 'a.b', subjectAltNames: ['spiffe://x'] }), { mode: 'ISTIO_MUTUAL', sni: 'a.b', subjectAltNames: ['spiffe://x'] }],
      [ClientTls.simple(), { mode: 'SIMPLE' }],
      [ClientTls.simple({ caCertificates: '/ca.pem', sni: 'api.example.com', subjectAltNames: ['api.example.com'], insecureSkipVerify: false, caCrl: '/crl.pem' }),
        { mode: 'SIMPLE', caCertificates: '/ca.pem', sni: 'api.example.com', subjectAltNames: ['api.example.com'], insecureSkipVerify: false, caCrl: '/crl.pem' }],
      [ClientTls.simple({ credentialName: 'ca-secret' }), { mode: 'SIMPLE', credentialName: 'ca-secret' }],
      [ClientTls.mutual({ clientCertificate: '/c.pem', privateKey: '/k.pem', caCertificates: '/ca.pem' }),
        { mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem', caCertificates: '/ca.pem' }],
      [ClientTls.mutual({ credentialName: 'client-cert' }), { mode: 'MUTUAL', credentialName: 'client-cert' }],
    ];
    for (const [tls, expected] of cases) {
      const c = chart();
      new DestinationRule(c, 'dr', { host: 'r', trafficPolicy: { tls } });
      expect(spec(c, 'DestinationRule').trafficPolicy.tls).toEqual(expected);
    }
    expect(ClientTls.disable().mode).toBe(ClientTlsMode.DISABLE);
  });

  test('renders port-level settings', () => {
    const c = chart();
    new DestinationRule(c, 'dr', {
      host: 'r',
      trafficPolicy: {
        portLevelSettings: [{
          port: 443,
          tls: ClientTls.simple(),
          loadBalancer: { simple: LoadBalancerAlgorithm.LEAST_REQUEST },
          connectionPool: { tcp: { maxConnections: 10 } },
          outlierDetection: { consecutiveGatewayErrors: 2 },
        }],
      },
    });
    expect(spec(c, 'DestinationRule').trafficPolicy.portLevelSettings).toEqual([{
      port: { number: 443 },
      tls: { mode: 'SIMPLE' },
      loadBalancer: { simple: 'LEAST_REQUEST' },
      connectionPool: { tcp: { maxConnections: 10 } },
      outlierDetection: { consecutiveGatewayErrors: 2 },
    }]);
  });

  test('adds subsets after construction', () => {
    const c = chart();
    const dr = new DestinationRule(c, 'dr', { host: 'r', subsets: [{ name: 'v1', labels: { version: 'v1' } }] });
    dr.addSubset({ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { tls: ClientTls.istioMutual() } });
    expect(dr.subsetNames).toEqual(['v1', 'v2']);
    expect(spec(c, 'DestinationRule').subsets[1]).toEqual({ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
  });

  describe('errors', () => {
    const make = (props: any) => new DestinationRule(chart(), 'dr', props);

    test('fails on duplicate subset names, in props and through addSubset', () => {
      expect(() => make({ host: 'r', subsets: [{ name: 'v1' }, { name: 'v1' }] }))
        .toThrow(/DestinationRule 'test\/dr': 'subsets\[1\]\.name' must be unique \(received: "v1"\)\. Give each subset its own name\./);
      const dr = make({ host: 'r', subsets: [{ name: 'v1' }] });
      expect(() => dr.addSubset({ name: 'v1' })).toThrow(/'subsets\[1\]\.name' must be unique \(received: "v1"\)\. Give the subset another name than 'v1'\./);
      expect(() => dr.addSubset({ name: 'bad name' })).toThrow(/'subsets\[1\]\.name' must be a name of at most 63 letters/);
    });

    test('fails without a host, with both host and service, and on a malformed host', () => {
      expect(() => make({})).toThrow(/'host' must be given, or else 'service', but not both/);
      const c = chart();
      const svc = new kplus.Service(c, 'svc', { ports: [{ port: 80 }] });
      expect(() => new DestinationRule(c, 'dr', { host: 'r', service: svc })).toThrow(/'host' must be given, or else 'service', but not both/);
      expect(() => make({ host: 'a..b' })).toThrow(/'host' must be a DNS name/);
    });

    test('fails when MUTUAL TLS lacks a client certificate and key or a credentialName', () => {
      expect(() => ClientTls.mutual({})).toThrow(/ClientTls.mutual: 'options.credentialName' must be set: MUTUAL TLS needs a client certificate and its key/);
      expect(() => ClientTls.mutual({ clientCertificate: '/c.pem' })).toThrow(/'options.privateKey' must be set: MUTUAL TLS needs/);
      expect(() => ClientTls.mutual({ privateKey: '/k.pem' })).toThrow(/'options.clientCertificate' must be set/);
      expect(() => ClientTls.mutual({ credentialName: 's', clientCertificate: '/c.pem' })).toThrow(/'options.clientCertificate' must not be set together with 'credentialName'/);
    });

    test('fails when SIMPLE TLS is given a client certificate, and ISTIO_MUTUAL certificates of its own', () => {
      expect(() => ClientTls.simple({ clientCertificate: '/c.pem' })).toThrow(/ClientTls.simple: 'options.clientCertificate' must not be set: SIMPLE TLS presents no client certificate/);
      expect(() => ClientTls.simple({ credentialName: 's', caCertificates: '/ca.pem' })).toThrow(/'options.caCertificates' must not be set together with 'credentialName'/);
      expect(() => ClientTls.istioMutual({ caCertificates: '/ca.pem' })).toThrow(/ClientTls.istioMutual: 'options.caCertificates' must not be set: Istio provides the certificates/);
    });

    test('fails on conflicting or out-of-range traffic settings, collecting them all', () => {
      expect(() => make({
        host: 'r',
        trafficPolicy: {
          loadBalancer: {
            simple: LoadBalancerAlgorithm.RANDOM,
            consistentHash: ConsistentHash.sourceIp(),
            localityLbSetting: { distribute: [{ from: 'a', to: { a: 50 } }], failover: [{ from: 'a', to: 'b' }] },
            warmup: { duration: Duration.seconds(1), minimumPercent: 120 },
          },
          connectionPool: { tcp: { maxConnections: 0, tcpKeepalive: { probes: -1 } }, http: { maxRetries: 1.5 } },
          outlierDetection: { consecutive5xxErrors: -1, maxEjectionPercent: 101 },
          portLevelSettings: [{ port: 0 }, { port: 0 }],
        },
      })).toThrow(new RegExp([
        'has 12 problems', 'trafficPolicy.portLevelSettings\\[0\\].port\' must be a port number from 1 to 65535',
        'trafficPolicy.portLevelSettings\' must not name a port twice', 'loadBalancer.consistentHash\' must not be set together with \'simple\'',
        'localityLbSetting.failover\' must not be set together with \'distribute\'', 'distribute\\[0\\].to\' must sum to 100',
        'warmup.minimumPercent\' must be a percentage', 'tcp.maxConnections\' must be a whole number of at least 1',
        'tcpKeepalive.probes\' must be a whole number', 'http.maxRetries\' must be a whole number',
        'outlierDetection.consecutive5xxErrors\' must be a whole number', 'outlierDetection.maxEjectionPercent\' must be a percentage',
      ].join('[\\s\\S]*')));
    });

    test('fails on a duration under 1 ms in a traffic policy', () => {
      expect(() => make({ host: 'r', trafficPolicy: { outlierDetection: { interval: Duration.millis(0) } } }))
        .toThrow(/DestinationRule 'test\/dr': 'trafficPolicy.outlierDetection.interval' must be at least 1ms/);
      expect(() => ConsistentHash.cookie('c', { ttl: Duration.millis(0.5) })).toThrow(/ConsistentHash.cookie: 'options.ttl' must be at least 1ms/);
    });

    test('fails on bad consistent hash input', () => {
      expect(() => ConsistentHash.header('')).toThrow(/ConsistentHash.header: 'name' must not be empty/);
      expect(() => ConsistentHash.sourceIp().withRingHash(0)).toThrow(/ConsistentHash.withRingHash: 'minimumRingSize' must be a whole number above 0/);
      expect(() => ConsistentHash.sourceIp().withMaglev(-1)).toThrow(/'tableSize' must be a whole number above 0/);
    });
  });

  describe('state', () => {
    test('keeps subsets and traffic policies as given: changing the objects afterwards does not change the manifest', () => {
      const c = chart();
      const labels: { [key: string]: string } = { version: 'v1' };
      const trafficPolicy = { connectionPool: { tcp: { maxConnections: 10 } } };
      const dr = new DestinationRule(c, 'dr', { host: 'reviews', trafficPolicy });
      dr.addSubset({ name: 'v1', labels });
      labels.version = 'v2';
      trafficPolicy.connectionPool.tcp.maxConnections = 99;
      expect(spec(c, 'DestinationRule')).toEqual({
        host: 'reviews',
        trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } },
        subsets: [{ name: 'v1', labels: { version: 'v1' } }],
      });
    });

    test('fails on a subset name over 63 characters, as istiod does', () => {
      expect(() => new DestinationRule(chart(), 'dr', { host: 'reviews', subsets: [{ name: 'v'.repeat(64) }] }))
        .toThrow(/'subsets\[0\]\.name' must be a name of at most 63 letters/);
    });
  });
});
