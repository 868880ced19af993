import { findings, gateway, messages, suppress, suppressed, vs } from './_fixtures';
import { GATEWAY_NOT_FOUND as RULE } from '../../../../lib/analysis/rules/virtualservice/gateway-not-found';

const bound = (gateways: string[], annotations?: Record<string, string>) =>
  vs('web', { hosts: ['shop.example.com'], gateways, http: [{ route: [{ destination: { host: 'web' } }] }] }, 'payments', annotations);

describe('IST0101 (GatewayAnalyzer) gateway not found', () => {
  test('reports a short gateway name missing from the VirtualService namespace', () => {
    const manifests = [gateway('edge', ['*']), bound(['edge'])];
    expect(findings(RULE, manifests)).toEqual(['IST0101 VirtualService payments/web']);
    expect(messages(RULE, manifests)[0]).toContain("gateway 'edge' not found in namespace payments");
  });

  test('reports a namespace/name reference to a missing gateway', () => {
    expect(findings(RULE, [bound(['istio-system/nope'])])).toEqual(['IST0101 VirtualService payments/web']);
  });

  test('accepts mesh, namespace/name references, and Gateway API Gateways', () => {
    const k8sGateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'k8s', namespace: 'payments' }, spec: {} };
    expect(findings(RULE, [gateway('edge', ['*']), k8sGateway, bound(['mesh', 'istio-system/edge', 'k8s'])])).toEqual([]);
  });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [bound(['nope'], suppress('IST0101'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0101 VirtualService payments/web']);
  });
});
