import { ApiObject, Chart, Testing } from 'cdk8s';
import { gateway_networking_k8s_io as gwapi } from '../../lib';
import { crdSchemas, formatProblems } from '../support/crd-schema';

const parentRefs = [{ name: 'mesh-gateway', namespace: 'istio-ingress' }];

/** One minimal, valid object of each Gateway API v1.5.1 standard-channel kind, through the L1 classes. */
const GATEWAY_API_KINDS: Record<string, (chart: Chart) => ApiObject> = {
  GatewayClass: (c) => new gwapi.GatewayClass(c, 'gc', {
    metadata: { name: 'istio' },
    spec: { controllerName: 'istio.io/gateway-controller' },
  }),
  Gateway: (c) => new gwapi.Gateway(c, 'gw', {
    metadata: { name: 'mesh-gateway', namespace: 'istio-ingress' },
    spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
  }),
  HTTPRoute: (c) => new gwapi.HttpRoute(c, 'http', {
    metadata: { name: 'payments-api', namespace: 'payments' },
    spec: {
      parentRefs,
      hostnames: ['payments.example.com'],
      rules: [{ backendRefs: [{ name: 'payments-api', port: 8080, weight: 90 }, { name: 'payments-api-v2', port: 8080, weight: 10 }] }],
    },
  }),
  GRPCRoute: (c) => new gwapi.GrpcRoute(c, 'grpc', {
    metadata: { name: 'ledger', namespace: 'payments' },
    spec: { parentRefs, rules: [{ backendRefs: [{ name: 'ledger', port: 9090 }] }] },
  }),
  TLSRoute: (c) => new gwapi.TlsRoute(c, 'tls', {
    metadata: { name: 'bank-link', namespace: 'payments' },
    spec: { parentRefs, hostnames: ['bank.example.com'], rules: [{ backendRefs: [{ name: 'bank-link', port: 443 }] }] },
  }),
  ReferenceGrant: (c) => new gwapi.ReferenceGrant(c, 'rg', {
    metadata: { name: 'allow-ingress-routes', namespace: 'payments' },
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'istio-ingress' }],
      to: [{ group: '', kind: 'Service' }],
    },
  }),
  BackendTLSPolicy: (c) => new gwapi.BackendTlsPolicy(c, 'btls', {
    metadata: { name: 'bank-link-tls', namespace: 'payments' },
    spec: {
      targetRefs: [{ group: '', kind: 'Service', name: 'bank-link' }],
      validation: { hostname: 'bank.example.com', wellKnownCaCertificates: 'System' },
    },
  }),
  ListenerSet: (c) => new gwapi.ListenerSet(c, 'ls', {
    metadata: { name: 'team-listeners', namespace: 'payments' },
    spec: { parentRef: { name: 'mesh-gateway', namespace: 'istio-ingress' }, listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'pay.example.com', tls: { certificateRefs: [{ name: 'pay-cert' }] } }] },
  }),
};

describe('Gateway API v1.5.1 bindings', () => {
  test('cover every kind of the pinned Gateway API CRD file', () => {
    const crdKinds = new Set(crdSchemas().servedKinds.filter((k) => k.startsWith('gateway.networking.k8s.io/')).map((k) => k.split('/').pop()));
    expect([...crdKinds].sort()).toEqual(Object.keys(GATEWAY_API_KINDS).sort());
  });

  test.each(Object.keys(GATEWAY_API_KINDS))('a minimal %s emits gateway.networking.k8s.io/v1 and passes its CRD schema', (kind) => {
    const chart = Testing.chart();
    GATEWAY_API_KINDS[kind](chart);
    const [manifest] = Testing.synth(chart);
    expect(manifest.kind).toBe(kind);
    expect(manifest.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(crdSchemas().validate(manifest)).toEqual([]);
  });
});

describe('CRD schema validation of Gateway API objects', () => {
  test('rejects two listeners with the same name (x-kubernetes-list-type: map)', () => {
    const chart = Testing.chart();
    const gw = new gwapi.Gateway(chart, 'gw', {
      metadata: { name: 'mesh-gateway', namespace: 'istio-ingress' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'web', port: 80, protocol: 'HTTP' }, { name: 'web', port: 8080, protocol: 'HTTP' }] },
    });
    expect(formatProblems(crdSchemas().validate(gw.toJson()))).toContain(
      'Gateway istio-ingress/mesh-gateway /spec/listeners: must not hold two items with the same name (x-kubernetes-list-type: map; duplicate ["web"])');
  });

  test('rejects a missing required field', () => {
    const chart = Testing.chart();
    const gw = new gwapi.Gateway(chart, 'gw', { metadata: { name: 'g' }, spec: { gatewayClassName: 'istio' } as any });
    expect(formatProblems(crdSchemas().validate(gw.toJson()))).toContain("Gateway g /spec: must have required property 'listeners'");
  });

  test('rejects a port outside its bounds', () => {
    const chart = Testing.chart();
    const gw = new gwapi.Gateway(chart, 'gw', {
      metadata: { name: 'g' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'web', port: 0, protocol: 'HTTP' }] },
    });
    expect(formatProblems(crdSchemas().validate(gw.toJson()))).toContain('Gateway g /spec/listeners/0/port: must be >= 1 (received: 0)');
  });

  test('rejects a hostname that breaks its pattern', () => {
    const chart = Testing.chart();
    const route = new gwapi.HttpRoute(chart, 'r', { metadata: { name: 'r' }, spec: { hostnames: ['Not_A_Host'] } });
    expect(formatProblems(crdSchemas().validate(route.toJson()))).toMatch(/HTTPRoute r \/spec\/hostnames\/0: must match pattern ".*" \(received: "Not_A_Host"\)/);
  });
});
