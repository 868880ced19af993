import { Duration } from 'cdk8s';
import { chart, spec, synthOne } from './util';
import {
  CaptureMode, Destination, EgressHost, OutboundTrafficPolicyMode, Protocol, ServerTls, Sidecar, WorkloadSelector,
} from '../../lib';

describe('Sidecar', () => {
  test('creates one networking.istio.io/v1 Sidecar under the id Resource, empty by default', () => {
    const c = chart();
    const sc = new Sidecar(c, 'default');
    const obj = synthOne(c, 'Sidecar');
    expect(obj.apiVersion).toBe('networking.istio.io/v1');
    expect(obj.spec).toEqual({});
    expect(sc.node.findChild('Resource')).toBe(sc.apiObject);
  });

  test('writes egress hosts with the EgressHost helpers', () => {
    expect(EgressHost.sameNamespace()).toBe('./*');
    expect(EgressHost.allIn('istio-system')).toBe('istio-system/*');
    expect(EgressHost.anyNamespace('api.example.com')).toBe('*/api.example.com');
    expect(EgressHost.of('shop', 'cart.shop.svc.cluster.local')).toBe('shop/cart.shop.svc.cluster.local');
  });

  test('renders every prop', () => {
    const c = chart();
    new Sidecar(c, 'sc', {
      workloadSelector: WorkloadSelector.labels({ app: 'ratings' }),
      egress: [{
        hosts: [EgressHost.sameNamespace(), EgressHost.allIn('istio-system'), '~/*'],
        port: { number: 9080, protocol: Protocol.HTTP, name: 'http', targetPort: 9090 },
        bind: '127.0.0.1',
        captureMode: CaptureMode.NONE,
      }],
      ingress: [{
        port: { number: 9080, protocol: Protocol.HTTP, name: 'http' },
        bind: '0.0.0.0',
        captureMode: CaptureMode.IPTABLES,
        defaultEndpoint: '127.0.0.1:8080',
        tls: ServerTls.simple({ credentialName: 'cert' }),
        connectionPool: { http: { http1MaxPendingRequests: 5 } },
      }],
      outboundTrafficPolicy: { mode: OutboundTrafficPolicyMode.ALLOW_ANY, egressProxy: Destination.to('egress.istio-system.svc.cluster.local', { subset: 'a', port: 80 }) },
      inboundConnectionPool: { tcp: { maxConnections: 10, connectTimeout: Duration.seconds(1) } },
    });
    expect(spec(c, 'Sidecar')).toEqual({
      workloadSelector: { labels: { app: 'ratings' } },
      egress: [{
        hosts: ['./*', 'istio-system/*', '~/*'],
        port: { number: 9080, protocol: 'HTTP', name: 'http', targetPort: 9090 },
        bind: '127.0.0.1',
        captureMode: 'NONE',
      }],
      ingress: [{
        port: { number: 9080, protocol: 'HTTP', name: 'http' },
        bind: '0.0.0.0',
        captureMode: 'IPTABLES',
        defaultEndpoint: '127.0.0.1:8080',
        tls: { mode: 'SIMPLE', credentialName: 'cert' },
        connectionPool: { http: { http1MaxPendingRequests: 5 } },
      }],
      outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'egress.istio-system.svc.cluster.local', subset: 'a', port: { number: 80 } } },
      inboundConnectionPool: { tcp: { maxConnections: 10, connectTimeout: '1s' } },
    });
  });

  test('adds listeners after construction', () => {
    const c = chart();
    const sc = new Sidecar(c, 'sc', { outboundTrafficPolicy: { mode: OutboundTrafficPolicyMode.REGISTRY_ONLY } });
    sc.addEgress({ hosts: [EgressHost.sameNamespace()] });
    sc.addIngress({ port: { number: 8080 }, defaultEndpoint: '127.0.0.1:8080' });
    expect(spec(c, 'Sidecar')).toEqual({
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
      egress: [{ hosts: ['./*'] }],
      ingress: [{ port: { number: 8080 }, defaultEndpoint: '127.0.0.1:8080' }],
    });
  });

  test('sets or replaces the outbound traffic policy after construction, and tells it and the selector', () => {
    const c = chart();
    const sc = new Sidecar(c, 'sc', { workloadSelector: WorkloadSelector.labels({ app: 'a' }) });
    expect(sc.outboundTrafficPolicy).toBeUndefined();
    expect(sc.workloadSelector?.matchLabels).toEqual({ app: 'a' });
    sc.applyOutboundTrafficPolicy({ mode: OutboundTrafficPolicyMode.REGISTRY_ONLY });
    expect(sc.outboundTrafficPolicy?.mode).toBe(OutboundTrafficPolicyMode.REGISTRY_ONLY);
    expect(spec(c, 'Sidecar').outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
    expect(() => sc.applyOutboundTrafficPolicy({ mode: OutboundTrafficPolicyMode.REGISTRY_ONLY, egressProxy: Destination.to('p') }))
      .toThrow(/'outboundTrafficPolicy\.egressProxy' needs mode ALLOW_ANY/);
    expect(sc.outboundTrafficPolicy?.egressProxy).toBeUndefined();
  });

  describe('errors', () => {
    const make = (props: any) => new Sidecar(chart(), 'sc', props);

    test('fails on egress hosts not of the form namespace/host', () => {
      expect(() => make({ egress: [{ hosts: ['reviews'] }] }))
        .toThrow(/Sidecar 'test\/sc': 'egress\[0\]\.hosts\[0\]' must be of the form `namespace\/host` \(received: "reviews"\)\. Write `namespace\/host`/);
      expect(() => make({ egress: [{ hosts: ['Bad NS/*'] }] })).toThrow(/must start with a namespace name, `\.`, `\*` or `~` before `\/`/);
      expect(() => make({ egress: [{ hosts: ['ns/a b'] }] })).toThrow(/'egress\[0\]\.hosts\[0\]' must be a DNS name/);
      expect(() => make({ egress: [{ hosts: [] }] })).toThrow(/'egress\[0\]\.hosts' must not be empty/);
      expect(() => make({}).addEgress({ hosts: ['x'] })).toThrow(/'egress\[0\]\.hosts\[0\]' must be of the form/);
      expect(() => EgressHost.of('a b', '*')).toThrow(/EgressHost.of: 'host' must start with a namespace name/);
    });

    test('fails on ports outside 1..65535', () => {
      expect(() => make({ ingress: [{ port: { number: 0 } }] })).toThrow(/'ingress\[0\]\.port\.number' must be a port/);
      expect(() => make({ egress: [{ hosts: ['./*'], port: { number: 1, targetPort: 70000 } }] })).toThrow(/'egress\[0\]\.port\.targetPort' must be a port/);
      expect(() => make({}).addIngress({ port: { number: 65536 } })).toThrow(/'ingress\[0\]\.port\.number' must be a port/);
    });

    test('fails on an egress proxy without ALLOW_ANY, or with a weight', () => {
      expect(() => make({ outboundTrafficPolicy: { mode: OutboundTrafficPolicyMode.REGISTRY_ONLY, egressProxy: Destination.to('p') } }))
        .toThrow(/'outboundTrafficPolicy\.egressProxy' needs mode ALLOW_ANY \(received: "REGISTRY_ONLY"\)/);
      expect(() => make({ outboundTrafficPolicy: { mode: OutboundTrafficPolicyMode.ALLOW_ANY, egressProxy: Destination.to('p', { weight: 1 }) } }))
        .toThrow(/'outboundTrafficPolicy\.egressProxy' must not carry a weight or headers/);
    });

    test('fails on bad connection pools and durations', () => {
      expect(() => make({ inboundConnectionPool: { tcp: { maxConnections: -1 } } })).toThrow(/'inboundConnectionPool\.tcp\.maxConnections' must be a whole number/);
      expect(() => make({ ingress: [{ port: { number: 80 }, connectionPool: { http: { idleTimeout: Duration.millis(0) } } }] }))
        .toThrow(/'ingress\[0\]\.connectionPool\.http\.idleTimeout' must be at least 1ms/);
    });
  });

  describe('state', () => {
    test('keeps listeners as given: changing the object afterwards does not change the manifest', () => {
      const c = chart();
      const egress = { hosts: ['./*'] };
      const ingress = { port: { number: 8080, protocol: Protocol.HTTP, name: 'http' }, defaultEndpoint: '127.0.0.1:8080' };
      new Sidecar(c, 'default', { egress: [egress], ingress: [ingress] });
      egress.hosts.push('istio-system/*');
      ingress.port.number = 9090;
      expect(spec(c, 'Sidecar')).toEqual({
        egress: [{ hosts: ['./*'] }],
        ingress: [{ port: { number: 8080, protocol: 'HTTP', name: 'http' }, defaultEndpoint: '127.0.0.1:8080' }],
      });
    });
  });
});
