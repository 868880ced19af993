import { Testing } from 'cdk8s';
import { buildApp, canaryFromEnv, CanaryPosition, DEFAULT_CANARY_WEIGHT } from '../../examples/payments/main';
import { AnalysisLevel, MeshAnalysis } from '../../lib';
import { findObject } from '../support/seed';

/** Every object of the app: the mesh chart, the IstioOperator's own chart, and the payments chart. */
function synthesize(canary: CanaryPosition) {
  const app = Testing.app();
  const { mesh, payments } = buildApp(app, canary);
  const operator = Testing.synth(mesh.controlPlane.istioOperatorChart!);
  return { mesh, payments, operator, meshObjects: Testing.synth(mesh), paymentsObjects: Testing.synth(payments) };
}

/** `subset: weight` of a VirtualService's first HTTP route. */
function weights(vs: any): Record<string, number> {
  return Object.fromEntries(vs.spec.http[0].route.map((r: any) => [r.destination.subset, r.weight]));
}

describe('examples/payments', () => {
  const { operator, meshObjects, paymentsObjects } = synthesize({ weight: DEFAULT_CANARY_WEIGHT });

  test('asks for the seed\'s retries explicitly and records why retrying POSTs on 5xx is accepted (CI0030)', () => {
    const vs = findObject(paymentsObjects, 'VirtualService', 'payments-api');
    expect(vs.spec.http[0].retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset,connect-failure' });
    const report = MeshAnalysis.analyze([...operator, ...meshObjects, ...paymentsObjects]);
    expect(report.suppressed.map((f) => `${f.code} ${f.resource}`)).toContain('CI0030 VirtualService payments/payments-api');
  });

  test('puts the IstioOperator alone in its own chart', () => {
    expect(operator.map((o) => o.kind)).toEqual(['IstioOperator']);
    expect(meshObjects.map((o) => o.kind)).not.toContain('IstioOperator');
  });

  test('turns on access logs mesh-wide with a Telemetry in the root namespace', () => {
    const telemetry = findObject(meshObjects, 'Telemetry', 'mesh-default');
    expect(telemetry.metadata.namespace).toBe('istio-system');
    expect(telemetry.spec).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }] });
  });

  test('serves payments.example.com over HTTPS from payments-cert, redirects HTTP, routes the API with the canary split', () => {
    const gateway = findObject(meshObjects, 'Gateway', 'payments-gateway');
    expect(gateway.spec.servers).toEqual([
      { hosts: ['payments/payments.example.com'], port: { name: 'http', number: 80, protocol: 'HTTP' }, tls: { httpsRedirect: true } },
      { hosts: ['payments/payments.example.com'], port: { name: 'https', number: 443, protocol: 'HTTPS' }, tls: { mode: 'SIMPLE', credentialName: 'payments-cert' } },
    ]);
    const vs = findObject(meshObjects, 'VirtualService', 'payments-gateway');
    expect(vs.metadata.namespace).toBe('payments');
    expect(vs.spec.gateways).toEqual(['istio-system/payments-gateway']);
    expect(vs.spec.http[0].match).toEqual([{ uri: { prefix: '/api/payments/' } }]);
    expect(weights(vs)).toEqual({ v1: 90, v2: 10 });
  });

  test('lets the ingress gateway in on the public paths only, in a policy of its own', () => {
    const policy = findObject(paymentsObjects, 'AuthorizationPolicy', 'payments-api-ingress');
    expect(policy.spec).toEqual({
      action: 'ALLOW',
      selector: { matchLabels: { app: 'payments-api' } },
      rules: [{
        from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'] } }],
        to: [{ operation: { methods: ['GET', 'POST'], paths: ['/api/payments/*'] } }],
      }],
    });
  });

  test.each([
    [0, { v1: 95, v2: 5 }],
    [1, { v1: 80, v2: 20 }],
    [2, { v1: 50, v2: 50 }],
    [3, { v1: 0, v2: 100 }],
  ])('at step %d of the seed\'s workflow, the mesh and the gateway both split %j', (step, split) => {
    const { meshObjects: m, paymentsObjects: p } = synthesize({ step });
    expect(weights(findObject(p, 'VirtualService', 'payments-api'))).toEqual(split);
    expect(weights(findObject(m, 'VirtualService', 'payments-gateway'))).toEqual(split);
  });

  test('passes the mesh analysis of the whole app without errors or warnings', () => {
    const report = MeshAnalysis.analyze([...operator, ...meshObjects, ...paymentsObjects]);
    expect(report.active.filter((f) => f.level !== AnalysisLevel.INFO).map((f) => `${f.code} ${f.resource}: ${f.message}`)).toEqual([]);
  });

  describe('canaryFromEnv', () => {
    test('reads a step, a weight, or defaults to the seed\'s 90/10', () => {
      expect(canaryFromEnv({ PAYMENTS_CANARY_STEP: '2' })).toEqual({ step: 2 });
      expect(canaryFromEnv({ PAYMENTS_CANARY_WEIGHT: '0' })).toEqual({ weight: 0 });
      expect(canaryFromEnv({})).toEqual({ weight: DEFAULT_CANARY_WEIGHT });
    });

    test('rejects a value that is not a whole number, naming the variable', () => {
      expect(() => canaryFromEnv({ PAYMENTS_CANARY_STEP: 'two' })).toThrow(/PAYMENTS_CANARY_STEP must be a whole number \(received: 'two'\)/);
    });

    test('rejects both variables at once', () => {
      expect(() => canaryFromEnv({ PAYMENTS_CANARY_STEP: '1', PAYMENTS_CANARY_WEIGHT: '20' })).toThrow(/both set/);
    });

    test('leaves the range to CanaryRelease, whose error names the prop and the value', () => {
      expect(() => synthesize({ step: 7 })).toThrow(/currentStep/);
    });
  });
});
