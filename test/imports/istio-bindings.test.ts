import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  extensions_istio_io as extensions,
  networking_istio_io as networking,
  security_istio_io as security,
  telemetry_istio_io as telemetry,
} from '../../lib';
import { crdSchemas, formatProblems } from '../support/crd-schema';

/** Builds one minimal, valid object of each of the 15 Istio kinds through the L1 classes. */
const ISTIO_KINDS: Record<string, (chart: Chart) => ApiObject> = {
  VirtualService: (c) => new networking.VirtualService(c, 'vs', {
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }] }] },
  }),
  DestinationRule: (c) => new networking.DestinationRule(c, 'dr', {
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
  }),
  Gateway: (c) => new networking.Gateway(c, 'gw', {
    metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo' },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
  }),
  ServiceEntry: (c) => new networking.ServiceEntry(c, 'se', {
    metadata: { name: 'external-api', namespace: 'bookinfo' },
    spec: {
      hosts: ['api.example.com'],
      ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
      location: networking.ServiceEntrySpecLocation.MESH_UNDERSCORE_EXTERNAL,
      resolution: networking.ServiceEntrySpecResolution.DNS,
    },
  }),
  Sidecar: (c) => new networking.Sidecar(c, 'sidecar', {
    metadata: { name: 'default', namespace: 'bookinfo' },
    spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }] },
  }),
  WorkloadEntry: (c) => new networking.WorkloadEntry(c, 'we', {
    metadata: { name: 'vm-1', namespace: 'bookinfo' },
    spec: { address: '10.0.0.1', labels: { app: 'ratings' }, serviceAccount: 'ratings' },
  }),
  WorkloadGroup: (c) => new networking.WorkloadGroup(c, 'wg', {
    metadata: { name: 'ratings-vms', namespace: 'bookinfo' },
    spec: { template: { serviceAccount: 'ratings' }, metadata: { labels: { app: 'ratings' } } },
  }),
  EnvoyFilter: (c) => new networking.EnvoyFilter(c, 'ef', {
    metadata: { name: 'add-header', namespace: 'bookinfo' },
    spec: {
      workloadSelector: { labels: { app: 'reviews' } },
      configPatches: [{
        applyTo: networking.EnvoyFilterSpecConfigPatchesApplyTo.HTTP_UNDERSCORE_FILTER,
        match: { context: networking.EnvoyFilterSpecConfigPatchesMatchContext.SIDECAR_UNDERSCORE_INBOUND },
        patch: { operation: networking.EnvoyFilterSpecConfigPatchesPatchOperation.INSERT_UNDERSCORE_BEFORE, value: { name: 'example' } },
      }],
    },
  }),
  ProxyConfig: (c) => new networking.ProxyConfig(c, 'pc', {
    metadata: { name: 'per-workload', namespace: 'bookinfo' },
    spec: { selector: { matchLabels: { app: 'ratings' } }, concurrency: 0 },
  }),
  AuthorizationPolicy: (c) => new security.AuthorizationPolicy(c, 'ap', {
    metadata: { name: 'payments-api-policy', namespace: 'payments' },
    spec: {
      selector: { matchLabels: { app: 'payments-api' } },
      action: security.AuthorizationPolicySpecAction.ALLOW,
      rules: [{
        from: [{ source: { principals: ['cluster.local/ns/frontend/sa/frontend-sa'] } }],
        to: [{ operation: { methods: ['GET', 'POST'], paths: ['/api/payments/*'] } }],
      }],
    },
  }),
  PeerAuthentication: (c) => new security.PeerAuthentication(c, 'pa', {
    metadata: { name: 'default', namespace: 'payments' },
    spec: { mtls: { mode: security.PeerAuthenticationSpecMtlsMode.STRICT } },
  }),
  RequestAuthentication: (c) => new security.RequestAuthentication(c, 'ra', {
    metadata: { name: 'jwt', namespace: 'payments' },
    spec: { jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks.json' }] },
  }),
  Telemetry: (c) => new telemetry.Telemetry(c, 'tel', {
    metadata: { name: 'mesh-default', namespace: 'istio-system' },
    spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }], tracing: [{ randomSamplingPercentage: 10 }] },
  }),
  WasmPlugin: (c) => new extensions.WasmPlugin(c, 'wasm', {
    metadata: { name: 'basic-auth', namespace: 'bookinfo' },
    spec: { selector: { matchLabels: { app: 'productpage' } }, url: 'oci://ghcr.io/example/basic-auth:1.0.0' },
  }),
  TrafficExtension: (c) => new extensions.TrafficExtension(c, 'tx', {
    metadata: { name: 'lua-header', namespace: 'bookinfo' },
    spec: { selector: { matchLabels: { app: 'productpage' } }, lua: { inlineCode: 'function envoy_on_request(h) end' } },
  }),
};

function synthOne(make: (chart: Chart) => ApiObject): any {
  const chart = Testing.chart();
  make(chart);
  const [manifest] = Testing.synth(chart);
  return manifest;
}

describe('Istio 1.30.3 bindings', () => {
  test('cover every kind of the pinned Istio CRD file', () => {
    const crdKinds = new Set(crdSchemas().servedKinds.filter((k) => k.includes('.istio.io/')).map((k) => k.split('/').pop()));
    expect([...crdKinds].sort()).toEqual(Object.keys(ISTIO_KINDS).sort());
    expect(crdKinds.size).toBe(15);
  });

  test.each(Object.keys(ISTIO_KINDS))('a minimal %s synthesizes and passes its CRD schema', (kind) => {
    // Testing.synth validates through test/support/setup.ts; validate again explicitly to show the result.
    const manifest = synthOne(ISTIO_KINDS[kind]);
    expect(manifest.kind).toBe(kind);
    expect(crdSchemas().validate(manifest)).toEqual([]);
  });

  test.each([
    ['VirtualService', 'networking.istio.io/v1'],
    ['DestinationRule', 'networking.istio.io/v1'],
    ['Gateway', 'networking.istio.io/v1'],
    ['ServiceEntry', 'networking.istio.io/v1'],
    ['Sidecar', 'networking.istio.io/v1'],
    ['WorkloadEntry', 'networking.istio.io/v1'],
    ['WorkloadGroup', 'networking.istio.io/v1'],
    ['AuthorizationPolicy', 'security.istio.io/v1'],
    ['PeerAuthentication', 'security.istio.io/v1'],
    ['RequestAuthentication', 'security.istio.io/v1'],
    ['Telemetry', 'telemetry.istio.io/v1'],
  ])('the plain %s class emits %s', (kind, apiVersion) => {
    expect(synthOne(ISTIO_KINDS[kind]).apiVersion).toBe(apiVersion);
  });
});

describe('CRD schema validation of Istio objects', () => {
  function problemsOf(obj: ApiObject): string {
    return formatProblems(crdSchemas().validate(obj.toJson()));
  }

  test('rejects a route weight given as a string', () => {
    const chart = Testing.chart();
    const vs = new networking.VirtualService(chart, 'vs', {
      metadata: { name: 'reviews' },
      spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight: '90' as any }] }] },
    });
    expect(problemsOf(vs)).toContain('VirtualService reviews /spec/http/0/route/0/weight: must be integer (received: "90")');
    expect(() => Testing.synth(chart)).toThrow(/rejected by the CRD schema.*\n.*\/spec\/http\/0\/route\/0\/weight: must be integer/);
  });

  test('rejects an unknown enum value and lists the allowed ones', () => {
    const chart = Testing.chart();
    const pa = new security.PeerAuthentication(chart, 'pa', {
      metadata: { name: 'default', namespace: 'payments' },
      spec: { mtls: { mode: 'STRICTER' as any } },
    });
    expect(problemsOf(pa)).toContain(
      'PeerAuthentication payments/default /spec/mtls/mode: must be equal to one of the allowed values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT" (received: "STRICTER")');
  });

  test('rejects a missing required field', () => {
    const chart = Testing.chart();
    const dr = new networking.DestinationRule(chart, 'dr', { metadata: { name: 'reviews' }, spec: { subsets: [{ name: 'v1' }] } as any });
    expect(problemsOf(dr)).toContain("DestinationRule reviews /spec: must have required property 'host'");
  });

  test('rejects a field the schema does not declare, as strict field validation does', () => {
    // The L1 classes drop unknown fields when they render; a raw ApiObject (or YAML) keeps them.
    const chart = Testing.chart();
    const vs = new ApiObject(chart, 'vs', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews' },
      spec: { hosts: ['reviews'], http: [{ routes: [{ destination: { host: 'reviews' } }] }] },
    } as any);
    expect(problemsOf(vs)).toContain("VirtualService reviews /spec/http/0: has unknown field 'routes'");
    expect(() => Testing.synth(chart)).toThrow(/unknown field 'routes'/);
  });

  test('rejects a number out of bounds', () => {
    const chart = Testing.chart();
    const tel = new telemetry.Telemetry(chart, 'tel', {
      metadata: { name: 't' },
      spec: { tracing: [{ randomSamplingPercentage: 101 }] },
    });
    expect(problemsOf(tel)).toContain('Telemetry t /spec/tracing/0/randomSamplingPercentage: must be <= 100 (received: 101)');
  });

  test('rejects a string that breaks its pattern', () => {
    const chart = Testing.chart();
    const wasm = new extensions.WasmPlugin(chart, 'wasm', {
      metadata: { name: 'auth' },
      spec: { url: 'oci://example/auth:1', sha256: 'not-a-digest' },
    });
    expect(problemsOf(wasm)).toContain('WasmPlugin auth /spec/sha256: must match pattern "(^$|^[a-f0-9]{64}$)" (received: "not-a-digest")');
  });

  test('rejects an apiVersion no CRD serves', () => {
    const problems = crdSchemas().validate({ apiVersion: 'networking.istio.io/v2', kind: 'VirtualService', metadata: { name: 'x' }, spec: {} });
    expect(formatProblems(problems)).toContain("no CRD serves apiVersion 'networking.istio.io/v2' kind 'VirtualService' (served in networking.istio.io: v1/DestinationRule");
  });

  test('rejects a metadata name that is not a DNS-1123 subdomain', () => {
    const problems = crdSchemas().validate({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'Default_PA' }, spec: {} });
    expect(formatProblems(problems)).toContain('/metadata/name: must be a DNS-1123 subdomain');
  });

  test('leaves kinds of other API groups alone', () => {
    expect(crdSchemas().validate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'Bad_Name' }, spec: 1 })).toEqual([]);
  });
});
