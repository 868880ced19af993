import { findings, gateway, messages, suppress, suppressed, vs } from './_fixtures';
import { HOST_NOT_FOUND_IN_GATEWAY as RULE } from '../../../../lib/analysis/rules/virtualservice/host-not-in-gateway';

const bound = (hosts: string[], ns = 'payments', annotations?: Record<string, string>) =>
  vs('web', { hosts, gateways: ['istio-system/edge'], http: [{ route: [{ destination: { host: 'web' } }] }] }, ns, annotations);

describe('IST0132 VirtualServiceHostNotFoundInGateway', () => {
  test('reports hosts the gateway does not serve', () => {
    const manifests = [gateway('edge', ['*.example.com']), bound(['shop.example.org'])];
    expect(findings(RULE, manifests)).toEqual(['IST0132 VirtualService payments/web']);
    expect(messages(RULE, manifests)[0]).toContain('is served by Gateway istio-system/edge');
  });

  test("reports a host the gateway restricts to another namespace ('./host', 'ns/host')", () => {
    expect(findings(RULE, [gateway('edge', ['./shop.example.com']), bound(['shop.example.com'])])).toEqual(['IST0132 VirtualService payments/web']);
    expect(findings(RULE, [gateway('edge', ['shop/shop.example.com']), bound(['shop.example.com'])])).toEqual(['IST0132 VirtualService payments/web']);
  });

  test('reports a missing gateway, which serves no host', () => {
    expect(findings(RULE, [bound(['shop.example.com'])])).toEqual(['IST0132 VirtualService payments/web']);
  });

  test.each([['*.example.com'], ['*/shop.example.com'], ['*/*'], ['payments/shop.example.com'], ['shop.example.com']])(
    'accepts gateway host %s', (host) => {
      expect(findings(RULE, [gateway('edge', [host]), bound(['shop.example.com'])])).toEqual([]);
    });

  test('is suppressed by an annotation with a reason', () => {
    const manifests = [gateway('edge', ['a.example.com']), bound(['b.example.com'], 'payments', suppress('IST0132'))];
    expect(findings(RULE, manifests)).toEqual([]);
    expect(suppressed(RULE, manifests)).toEqual(['IST0132 VirtualService payments/web']);
  });
});
