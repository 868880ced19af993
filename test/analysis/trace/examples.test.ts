/** The payments example's synthesized manifests, traced: what the example promises its users. */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { MeshAnalysis, TraceOutcome, TraceResult } from '../../../lib';

const EXPECTED = path.join(__dirname, '..', '..', '..', 'examples', 'payments', 'expected');
const MANIFESTS = fs.readdirSync(EXPECTED).sort()
  .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(EXPECTED, f), 'utf8')).map((d) => d.toJS()).filter((o) => o));
const GATEWAY = 'gateway:istio-system/istio-ingressgateway-service-account?istio=ingressgateway';

function trace(from: string, url: string, method = 'GET'): TraceResult {
  return MeshAnalysis.trace(MANIFESTS, { from, url, method });
}

describe('examples/payments, traced', () => {
  test('HTTPS at the gateway reaches payments-api, 90% v1 and 10% v2', () => {
    const r = trace(GATEWAY, 'https://payments.example.com/api/payments/42');
    expect(r.outcome).toBe(TraceOutcome.DELIVERED);
    expect(r.backends).toEqual([
      { host: 'payments-api.payments.svc.cluster.local', subset: 'v1', weight: 90 },
      { host: 'payments-api.payments.svc.cluster.local', subset: 'v2', weight: 10 },
    ]);
    expect(r.steps.filter((s) => s.step === 'authz').map((s) => s.by)).toContain('AuthorizationPolicy payments/payments-api-ingress');
  });

  test('plain HTTP is redirected to HTTPS; paths outside /api/payments/ have no route; DELETE is denied', () => {
    expect(trace(GATEWAY, 'http://payments.example.com/api/payments/42')).toMatchObject({ outcome: TraceOutcome.REDIRECTED, status: 301 });
    expect(trace(GATEWAY, 'https://payments.example.com/admin')).toMatchObject({ outcome: TraceOutcome.NO_ROUTE, status: 404 });
    expect(trace(GATEWAY, 'https://payments.example.com/api/payments/42', 'DELETE')).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
  });

  test('the frontend identity the policy lists is allowed; a caller it does not list is denied', () => {
    expect(trace('pod:frontend/frontend-sa', 'http://payments-api.payments:8080/api/payments/1').outcome).toBe(TraceOutcome.DELIVERED);
    expect(trace('pod:frontend/other', 'http://payments-api.payments:8080/api/payments/1')).toMatchObject({ outcome: TraceOutcome.DENIED, status: 403 });
    expect(trace('plain:frontend', 'http://payments-api.payments:8080/api/payments/1').outcome).toBe(TraceOutcome.RESET);
  });
});
